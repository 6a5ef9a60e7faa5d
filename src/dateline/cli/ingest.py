"""``dateline ingest`` and ``dateline extract``: analyse articles, with or without a store."""

from __future__ import annotations

import sys
from typing import Any

import click
from rich.table import Table

from dateline import api
from dateline.cli.common import (
    db_option,
    err,
    friendly,
    out,
    progress_bar,
    runner_options,
    runner_settings,
    write_json,
)
from dateline.cli.entities import print_entities
from dateline.cli.show import print_article
from dateline.config import Config
from dateline.dates import day
from dateline.errors import ConfigError, E
from dateline.export import work_dict
from dateline.ingest import sample_path
from dateline.records import Failure
from dateline.storage.postgres import redact


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@db_option
@click.option("--date", "date", help="Publication date for inputs without one (YYYY-MM-DD).")
@click.option("--batch-size", default=32, show_default=True, help="Articles per transaction.")
@runner_options
@click.option(
    "--urls", "url_lists", multiple=True, type=click.Path(),
    help="A file of URLs to fetch and read, one a line (# comments); repeatable.",
)  # fmt: skip
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary tables.")
@friendly
def ingest(
    paths: tuple[str, ...],
    db: str,
    date: str | None,
    batch_size: int,
    workers: int | None,
    runner: str | None,
    scheduler: str | None,
    url_lists: tuple[str, ...],
    quiet: bool,
) -> None:
    """Read, analyse and store articles (default: the bundled sample corpus).

    PATHS are files, folders (read recursively), - for standard input and http(s) URLs
    (pages, feeds, sitemaps; fetched politely, robots.txt respected). The analysis
    runs on every core here, or on a Dask cluster with --runner dask.
    """
    if not paths and not url_lists:
        out.print(f"No paths given: ingesting the bundled sample corpus ({sample_path()}).")
        paths = (str(sample_path()),)
    if batch_size < 1:
        raise ConfigError(E.BAD_OPTION, detail="--batch-size must be >= 1")
    config = Config(
        db=db, default_date=day(date, "--date"), batch_size=batch_size,
        **runner_settings(workers, runner, scheduler),
    )  # fmt: skip
    with progress_bar("Ingesting", quiet) as update:
        report = api.ingest(paths, config=config, progress=update, url_lists=url_lists)
    line = f"{report.new} new, {report.unchanged} unchanged, {report.failed} failed"
    if report.updated:
        line = f"{report.new} new, {report.updated} updated, {report.unchanged} unchanged, " + (
            f"{report.failed} failed"
        )
    out.print(line + f"  →  {redact(db)}")  # a PostgreSQL URL without its password
    print_failures(report.failures, more=report.more_failures)
    for w in report.warnings:
        err.print(f"  warning: {w}", markup=False)
    if report.more_warnings:
        err.print(f"  … and {report.more_warnings:,} more warnings", markup=False)
    if not quiet:
        print_summary(api.summary(config=config))
    sys.exit(1 if report.failed else 0)


def print_failures(failures: list[Failure], *, more: int = 0) -> None:
    for f in failures:
        err.print(f"  failed: {f}", markup=False)
    if more:
        err.print(f"  … and {more:,} more failures", markup=False)


def print_summary(s: dict[str, Any]) -> None:
    out.print(
        f"\n[bold]{s['articles']}[/] articles ({s['first_published']} – {s['last_published']}),"
        f" {s['with_dateline']} with a dateline; [bold]{s['entities']}[/] entities,"
        f" {s['mentions']} mentions; {s['people']} people, {s['people_with_roles']} with roles;"
        f" [bold]{s['timexes']}[/] temporal expressions{_by_type(s['timex_types'])}"
        f" in {s['with_timexes']} articles"
        + (
            f", mentioning dates from {s['first_mentioned']} to {s['last_mentioned']}."
            if s["first_mentioned"]
            else "."
        )
        + (
            f" [bold]{s['quotes']}[/] quotes{_by_type(s['quote_kinds'])} in"
            f" {s['with_quotes']} articles, {s['quotes_with_speaker']} with a known speaker."
            if s["quotes"]
            else ""
        )
        + (
            f" [bold]{s['events']}[/] events{_by_type(s['event_kinds'])},"
            f" {s['dated_events']} dated by a time expression."
            if s.get("events")
            else ""
        )
    )
    people = Table(title="People with roles", title_justify="left")
    for col in ("person", "roles", "affiliations", "articles"):
        people.add_column(col)
    for p in s["top_people_with_roles"]:
        roles, affiliations = (_commas(p[k]) for k in ("roles", "affiliations"))
        people.add_row(p["name"], roles, affiliations, str(p["articles"]))
    out.print(people)
    print_entities(s["top_entities"], title="Top entities")


def _by_type(counts: dict[str, int]) -> str:
    return " (" + ", ".join(f"{n} {t}" for t, n in counts.items()) + ")" if counts else ""


def _commas(grouped: str | None) -> str:
    """SQLite's GROUP_CONCAT joins with bare commas; space them for reading."""
    return ", ".join((grouped or "").split(","))


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="One JSON object per article (JSON Lines).")
@click.option("--date", "date", help="Publication date for inputs without one (YYYY-MM-DD).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@friendly
def extract(paths: tuple[str, ...], as_json: bool, date: str | None, quiet: bool) -> None:
    """Analyse articles without a database and print the results (- reads standard input)."""
    config = Config(default_date=day(date, "--date"))
    failures: list[Failure] = []
    with progress_bar("Extracting", quiet or as_json) as update:
        for item in api.extract(paths, config=config, progress=update):
            if isinstance(item, Failure):
                failures.append(item)
                err.print(f"  failed: {item}", markup=False)
            elif as_json:  # JSON Lines: each article as soon as it is done
                write_json(work_dict(item))
            else:
                print_article(work_dict(item))
    sys.exit(1 if failures else 0)
