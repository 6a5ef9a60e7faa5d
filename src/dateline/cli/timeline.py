"""``dateline timeline``: a thin wrapper over :func:`dateline.api.timeline`."""

from __future__ import annotations

import sys

import click
from click.core import ParameterSource

from dateline import api
from dateline.cli.common import (
    db_option,
    friendly,
    output_format,
)
from dateline.config import Config
from dateline.dates import bound
from dateline.errors import ConfigError, E
from dateline.timeline import FORMATS, GRANULARITIES, render
from dateline.timeline.render import CSV_COLUMNS


@click.command()
@click.argument("query", required=False, default="")
@db_option
@click.option("--entity", "entities", multiple=True, help="Only sentences naming this entity.")
@click.option("--story", type=int, help="Only the articles of this story (see 'stories').")
@click.option("--from", "date_from", help="First date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--to", "date_to", help="Last date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--max-dates", default=10, show_default=True, help="At most this many dates.")
@click.option("--sentences-per-date", default=1, show_default=True, help="Sentences per date.")
@click.option(
    "--max-articles",
    type=click.IntRange(min=1),
    default=None,
    help="Build from the N articles most relevant to the words (default: all that match).",
)
@click.option(
    "--granularity",
    type=click.Choice(GRANULARITIES),
    default="any",
    show_default=True,
    help="Date precision: as the evidence gives it, or day/month/year.",
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Same as --format json: one object, the query and its options with its entries"
    " (date, mod, summary, sentences, sources, outlets, score).",
)
@click.option(
    "--csv",
    "as_csv",
    is_flag=True,
    help="Same as --format csv: a header row and one row per sentence; columns:"
    f" {', '.join(CSV_COLUMNS)}.",
)
@friendly
def timeline(
    query: str,
    db: str,
    entities: tuple[str, ...],
    story: int | None,
    date_from: str | None,
    date_to: str | None,
    max_dates: int,
    sentences_per_date: int,
    max_articles: int | None,
    granularity: str,
    fmt: str,
    as_json: bool,
    as_csv: bool,
) -> None:
    """The timeline of QUERY: its key dates, each with its best sentences and sources.

    QUERY is keywords (any may match; "a phrase" in quotes); it may be left out
    when --entity or --story says what the timeline is about. Background events
    count: an article of 2019 that recalls 1956 puts 1956 on the timeline.
    """
    alias = output_format(as_json=as_json, as_csv=as_csv)
    if alias != "text":
        given = click.get_current_context().get_parameter_source("fmt")
        if given is not ParameterSource.DEFAULT and fmt != alias:
            detail = f"--{alias} and --format {fmt} cannot be used together"
            raise ConfigError(E.BAD_OPTION, detail=detail)
        fmt = alias
    tl = api.timeline(
        query,
        config=Config(db=db),
        start=bound(date_from, "--from", last=False),
        end=bound(date_to, "--to", last=True),
        max_dates=max_dates,
        sentences_per_date=sentences_per_date,
        entities=entities,
        story=story,
        granularity=granularity,
        max_articles=max_articles,
    )
    sys.stdout.write(render(tl, fmt))
