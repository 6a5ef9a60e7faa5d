"""The ``dateline`` command: thin wrappers over :mod:`dateline.api` and the store.

Each command parses options, makes one library call and prints the result.
Library errors become one line on stderr (``dateline: error: … [DLnnn]``),
never a traceback.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from dateline import api
from dateline.config import Config, default_db
from dateline.errors import ConfigError, DatelineError, E, StoreError
from dateline.export import work_dict
from dateline.ingest import parse_date, sample_path
from dateline.records import Failure, Timex
from dateline.storage import open_store
from dateline.storage.sqlite import HIT_CLOSE, HIT_OPEN
from dateline.temporal.ranges import value_range

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)
F = TypeVar("F", bound=Callable[..., Any])


def friendly(fn: F) -> F:
    """Turn dateline's errors into one line on stderr and exit status 2."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except DatelineError as exc:
            err.print(f"dateline: error: {exc}", markup=False)
            sys.exit(2)
        except KeyboardInterrupt:
            err.print("dateline: interrupted", markup=False)
            sys.exit(130)

    return wrapper  # type: ignore[return-value]


def _date(value: str | None, option: str) -> dt.date | None:
    """A whole day given to ``option``."""
    if value is None:
        return None
    try:
        return parse_date(value)
    except DatelineError as exc:
        raise ConfigError(
            E.BAD_DATE_OPTION, option=option, value=value, expected="YYYY-MM-DD"
        ) from exc


_PARTIAL_DATE = re.compile(r"\d{4}(-\d{2}){0,2}", re.ASCII)


def _bound(value: str | None, option: str, *, last: bool) -> dt.date | None:
    """A range bound: ``YYYY`` or ``YYYY-MM`` means its first day, or its last when ``last``."""
    if value is None:
        return None
    interval = value_range(value.strip()) if _PARTIAL_DATE.fullmatch(value.strip()) else None
    if interval is not None:
        return interval[1] if last else interval[0]
    try:
        return parse_date(value)  # the written forms --from/--to always took
    except DatelineError as exc:
        raise ConfigError(
            E.BAD_DATE_OPTION, option=option, value=value, expected="YYYY, YYYY-MM or YYYY-MM-DD"
        ) from exc


@contextmanager
def progress_bar(label: str, quiet: bool) -> Iterator[api.Progress | None]:
    """A rich progress bar on stderr (hidden with --quiet or when not a terminal)."""
    if quiet or not err.is_terminal:
        yield None
        return
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def print_failures(failures: list[Failure]) -> None:
    for f in failures:
        err.print(f"  failed: {f}", markup=False)


db_option = click.option(
    "--db", default=default_db, show_default="dateline.db or $DATELINE_DB", help="Database."
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="dateline")
def main() -> None:
    """dateline: who said what, when, where — from news articles."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@db_option
@click.option("--date", "date", help="Publication date for inputs without one (YYYY-MM-DD).")
@click.option("--batch-size", default=32, show_default=True, help="Articles per transaction.")
@click.option(
    "--workers", default=1, show_default=True, help="Processes for the spaCy step (cores to use)."
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary tables.")
@friendly
def ingest(
    paths: tuple[str, ...], db: str, date: str | None, batch_size: int, workers: int, quiet: bool
) -> None:
    """Read, analyse and store articles (default: the bundled sample corpus)."""
    if not paths:
        out.print(f"No paths given: ingesting the bundled sample corpus ({sample_path()}).")
        paths = (str(sample_path()),)
    if workers < 1 or batch_size < 1:
        raise ConfigError(E.BAD_OPTION, detail="--workers and --batch-size must be >= 1")
    config = Config(
        db=db, default_date=_date(date, "--date"), batch_size=batch_size, workers=workers
    )
    with progress_bar("Ingesting", quiet) as update:
        report = api.ingest(paths, config=config, progress=update)
    line = f"{report.new} new, {report.unchanged} unchanged, {report.failed} failed"
    if report.updated:
        line = f"{report.new} new, {report.updated} updated, {report.unchanged} unchanged, " + (
            f"{report.failed} failed"
        )
    out.print(line + f"  →  {db}")
    print_failures(report.failures)
    if not quiet:
        store = open_store(db)
        try:
            print_summary(store.summary())
        finally:
            store.close()
    sys.exit(1 if report.failed else 0)


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


def print_entities(rows: list[dict[str, Any]], *, title: str) -> None:
    table = Table(title=title, title_justify="left")
    for col in ("entity", "type", "articles", "mentions", "roles"):
        table.add_column(col)
    for r in rows:
        roles = "; ".join(
            f"{x['role']}" + (f" ({x['affiliation']})" if x["affiliation"] else "")
            for x in r["roles"][:3]
        )
        table.add_row(r["name"], r["type"], str(r["articles"]), str(r["mentions"]), roles)
    out.print(table)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="One JSON object per article (JSON Lines).")
@click.option("--date", "date", help="Publication date for inputs without one (YYYY-MM-DD).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@friendly
def extract(paths: tuple[str, ...], as_json: bool, date: str | None, quiet: bool) -> None:
    """Analyse articles without a database and print the results."""
    config = Config(default_date=_date(date, "--date"))
    failures: list[Failure] = []
    with progress_bar("Extracting", quiet or as_json) as update:
        for item in api.extract(paths, config=config, progress=update):
            if isinstance(item, Failure):
                failures.append(item)
                err.print(f"  failed: {item}", markup=False)
            elif as_json:
                sys.stdout.write(json.dumps(work_dict(item), ensure_ascii=False) + "\n")
            else:
                print_article(work_dict(item))
    sys.exit(1 if failures else 0)


def print_article(a: dict[str, Any], *, with_text: bool = False) -> None:
    out.rule(Text(a["title"] or a["id"], style="bold"))
    meta = f"id {a['id']} · published {a['published'] or 'unknown'} · source {a['source'] or '—'}"
    out.print(meta, markup=False)
    if a["dateline"]:
        d = a["dateline"]
        out.print(
            f"dateline: {d['text']!r} → place {d['place']}, date {d['date']}, agency {d['agency']}",
            markup=False,
        )
    table = Table(show_header=True, box=None)
    for col in ("entity", "type", "roles", "affiliation", "mentions"):
        table.add_column(col)
    for e in a["entities"]:
        mentions = ", ".join(sorted({m["text"] for m in e["mentions"]}))
        table.add_row(
            e["name"], e["type"], ", ".join(e["roles"]), e["affiliation"] or "", mentions
        )
    out.print(table)
    if a["timexes"]:
        times = Table(show_header=True, box=None)
        for col in ("time", "type", "value", "mod"):
            times.add_column(col)
        for t in a["timexes"]:
            times.add_row(t["text"], t["type"], t["value"], t["mod"] or "")
        out.print(times)
    if a["quotes"]:
        print_article_quotes(a)
    if with_text:
        text = Text(a["text"])
        for q in a["quotes"]:  # first: times and names below restyle their words
            for f in q["fragments"]:
                text.stylize("magenta", f["start"], f["end"])
            if q["cue"]:
                text.stylize("underline", q["cue"]["start"], q["cue"]["end"])
        for t in a["timexes"]:
            text.stylize("green", t["start"], t["end"])
        for e in a["entities"]:
            style = "bold cyan" if e["type"] == "PERSON" else "bold"
            for m in e["mentions"]:
                text.stylize(style, m["start"], m["end"])
        out.print(text)


def print_article_quotes(a: dict[str, Any]) -> None:
    """An article's quotes: what, how (kind, cue), by whom (the entity's name) and when."""
    names = {e["id"]: e["name"] for e in a["entities"]}
    table = Table(show_header=True, box=None)
    for col in ("quote", "kind", "speaker", "cue", "said"):
        table.add_column(col)
    for q in a["quotes"]:
        sp = q["speaker"]
        speaker = (names.get(sp["entity"]) or sp["text"]) if sp else ""
        table.add_row(
            Text(quote_text(q, a["text"], width=100)),
            q["kind"],
            Text(" ".join(speaker.split())),
            Text(q["cue"]["text"] if q["cue"] else ""),
            said_text(q["said"], None),
        )
    out.print(table)


@main.command()
@click.argument("query", required=False)
@db_option
@click.option("--from", "date_from", help="Published on or after (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--to", "date_to", help="Published on or before (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--entity", help="Only articles mentioning this entity.")
@click.option(
    "--mentions-from",
    help="Only articles mentioning a date on or after this (YYYY, YYYY-MM or YYYY-MM-DD).",
)
@click.option(
    "--mentions-to",
    help="Only articles mentioning a date on or before this (YYYY, YYYY-MM or YYYY-MM-DD).",
)
@click.option("--limit", default=20, show_default=True)
@friendly
def search(
    query: str | None,
    db: str,
    date_from: str | None,
    date_to: str | None,
    entity: str | None,
    mentions_from: str | None,
    mentions_to: str | None,
    limit: int,
) -> None:
    """Full-text search, ranked, with highlighted snippets; QUERY is optional with a filter.

    --mentions-from/--mentions-to find articles that mention a date in the range
    (not only those published in it): "the 1950s", "October 1957" and
    "4 October 1957" all match --mentions-from 1957 --mentions-to 1958.
    """
    filters = (date_from, date_to, entity, mentions_from, mentions_to)
    if not (query or "").strip() and all(f is None for f in filters):
        raise ConfigError(
            E.NO_QUERY, filters="--entity, --mentions-from/--mentions-to, --from/--to"
        )
    bounds = {
        "start": _bound(date_from, "--from", last=False),
        "end": _bound(date_to, "--to", last=True),
        "mentions_from": _bound(mentions_from, "--mentions-from", last=False),
        "mentions_to": _bound(mentions_to, "--mentions-to", last=True),
    }
    store = open_store(db)
    try:
        rows = store.search(query, entity=entity, limit=limit, **bounds)
    finally:
        store.close()
    if not rows:
        out.print("No matching articles.")
        return
    for r in rows:
        date = r["published"] or "????-??-??"
        title = r["title"] or ""
        out.print(Text.assemble((date, "green"), "  ", (title, "bold"), "  ", (r["id"], "dim")))
        out.print(Text("    ").append(highlight(r["snippet"])))
        if r["timexes"]:
            dates = "; ".join(f"{t['text']} = {t['value']}" for t in r["timexes"])
            out.print(Text("    mentions: ", style="dim").append(dates, style="green"))


def highlight(snippet: str) -> Text:
    """Render a snippet whose hits are marked with HIT_OPEN/HIT_CLOSE."""
    text = Text()
    snippet = " ".join(snippet.split())
    for i, part in enumerate(snippet.replace(HIT_CLOSE, HIT_OPEN).split(HIT_OPEN)):
        text.append(part, style="bold yellow reverse" if i % 2 else "")
    return text


@main.command()
@db_option
@click.option("--type", "type_", help="Entity type, e.g. PERSON, ORG, GPE.")
@click.option("--top", default=20, show_default=True)
@click.option("--name", help="Only entities with this name (or surname).")
@friendly
def entities(db: str, type_: str | None, top: int, name: str | None) -> None:
    """Entities across all articles, most widely mentioned first."""
    store = open_store(db)
    try:
        rows = store.entities(type=type_, top=top, name=name)
    finally:
        store.close()
    print_entities(rows, title=f"Entities{f' of type {type_.upper()}' if type_ else ''}")


@main.command()
@db_option
@click.option("--speaker", help="Only statements by this entity (full name, surname or alias).")
@click.option("--about", help='Only quotes containing these words (or "a phrase").')
@click.option("--from", "date_from", help="Said on or after (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--to", "date_to", help="Said on or before (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--limit", default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="A JSON list of quote objects.")
@friendly
def quotes(
    db: str,
    speaker: str | None,
    about: str | None,
    date_from: str | None,
    date_to: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """Who said what, when: stored statements, newest first (most relevant with --about).

    A quote whose attribution gives no date counts as said on its article's
    publication date for --from/--to.
    """
    start = _bound(date_from, "--from", last=False)
    end = _bound(date_to, "--to", last=True)
    store = open_store(db)
    try:
        rows = store.quotes(speaker=speaker, about=about, start=start, end=end, limit=limit)
    finally:
        store.close()
    if as_json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False) + "\n")
    else:
        print_quotes(rows)


def print_quotes(rows: list[dict[str, Any]]) -> None:
    """A rich table on a terminal (long quotes shortened); tab-separated lines when piped."""
    if not rows:
        out.print("No matching quotes.")
        return
    if not out.is_terminal:  # whole quotes and ids, one per line, for grep and cut
        sys.stdout.write("said\tspeaker\tquote\tarticle\tid\n")
        for r in rows:
            fields = (str(said_text(r["said"], r["published"])), speaker_label(r["speaker"]),
                      quote_text(r), r["title"] or "", r["article_id"])  # fmt: skip
            sys.stdout.write("\t".join(" ".join(f.split()) for f in fields) + "\n")
        return
    table = Table(expand=True)  # the quote takes the room the other columns leave
    table.add_column("said", no_wrap=True)
    table.add_column("speaker", ratio=2)
    table.add_column("quote", ratio=5)
    table.add_column("article", ratio=2)
    for r in rows:
        article = Text(shorten(r["title"] or "", 60)).append(f" {r['article_id'][:8]}", style="dim")
        speaker = Text(speaker_label(r["speaker"]) or "—", style="" if r["speaker"] else "dim")
        said = said_text(r["said"], r["published"])
        table.add_row(said, speaker, Text(quote_text(r, width=160)), article)
    out.print(table)


def said_text(said: dict[str, Any], published: str | None) -> Text:
    """When a statement was made; the publication date (dim) when the quote gives none."""
    if said["value"] is None:
        return Text(published or "", style="dim")
    return Text(said["value"] + (f" ({said['mod'].lower()})" if said["mod"] else ""))


def speaker_label(speaker: dict[str, Any] | None) -> str:
    """``Vladimir Putin (President, Russia)``; an unresolved speaker as written."""
    if speaker is None:
        return ""
    details = ", ".join(x for x in (speaker["role"], speaker["affiliation"]) if x)
    return speaker["name"] + (f" ({details})" if details else "")


def quote_text(q: dict[str, Any], article: str | None = None, *, width: int = 0) -> str:
    """A quote for reading: direct speech in quotation marks, its fragments joined by "…".

    Fragment texts come from ``q`` (store query rows carry them) or from ``article``.
    ``width`` shortens it at a word boundary (0: whole).
    """
    parts = [f.get("text") or (article or "")[f["start"] : f["end"]] for f in q["fragments"]]
    parts = [" ".join(p.split()) for p in parts if p.strip()]
    text = " … ".join(parts) if parts else " ".join(q["text"].split())
    text = shorten(text, width) if width else text
    if q["kind"] == "direct" and text[:1] not in "\"“«„'‘":
        text = f"“{text}”"
    return text


def shorten(text: str, width: int) -> str:
    """``text`` cut to about ``width`` characters at a word boundary, with "…".

    Example:
        >>> shorten("We are ready to talk.", 14)
        'We are ready…'
    """
    if len(text) <= width:
        return text
    cut = text.rfind(" ", 0, width + 1)  # a word boundary, unless that loses half
    return text[: cut if cut >= width // 2 else width].rstrip(" ,;:") + "…"


@main.command()
@click.argument("article_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="The article in the JSON contract.")
@friendly
def show(article_id: str, db: str, as_json: bool) -> None:
    """One stored article with its dateline, entities and highlighted mentions."""
    store = open_store(db)
    try:
        article = store.get_article(article_id)
    finally:
        store.close()
    if as_json:
        sys.stdout.write(json.dumps(article, ensure_ascii=False, indent=2) + "\n")
    else:
        print_article(article, with_text=True)


@main.command()
@click.argument("text")
@click.option(
    "--date",
    "date",
    help="Publication date (YYYY-MM-DD) that relative expressions such as 'yesterday' are"
    " resolved against. Without it they stay unresolved (XXXX-XX-XX).",
)
@click.option("--json", "as_json", is_flag=True, help="A JSON list of timex objects.")
@click.option(
    "--no-parse", is_flag=True, help="Skip the spaCy parse: faster, tense from cue words only."
)
@friendly
def timex(text: str, date: str | None, as_json: bool, no_parse: bool) -> None:
    """The temporal expressions in TEXT ('-' reads standard input), TIMEX3-normalised."""
    if text == "-":
        text = sys.stdin.read()
    found = api.timexes(text, _date(date, "--date"), parse=not no_parse)
    if as_json:
        sys.stdout.write(json.dumps([t.to_dict() for t in found], ensure_ascii=False) + "\n")
    else:
        print_timexes(found)


def print_timexes(found: list[Timex]) -> None:
    """A rich table on a terminal; plain aligned columns when piped."""
    if not found:
        out.print("No temporal expressions found.")
        return
    header = ("text", "type", "value", "mod", "start", "end")
    rows = [
        (" ".join(t.text.split()), t.type, t.value, t.mod or "", str(t.start), str(t.end))
        for t in found
    ]
    if out.is_terminal:
        table = Table()
        for col in header:
            table.add_column(col, justify="right" if col in ("start", "end") else "left")
        for row in rows:
            table.add_row(*map(Text, row))  # Text: brackets in the text are not markup
        out.print(table)
        return
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header))]
    for row in (header, *rows):
        sys.stdout.write("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
        sys.stdout.write("\n")


@main.command()
@click.argument("story_id", required=False)
@db_option
@click.option("--from", "date_from", help="Running on or after (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--to", "date_to", help="Running on or before (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--top", default=20, show_default=True, help="How many stories (largest first).")
@click.option("--json", "as_json", is_flag=True, help="A JSON list of story (or article) objects.")
@friendly
def stories(
    story_id: str | None,
    db: str,
    date_from: str | None,
    date_to: str | None,
    top: int,
    as_json: bool,
) -> None:
    """Stories: articles grouped over time, largest first; with STORY_ID, its articles."""
    start = _bound(date_from, "--from", last=False)
    end = _bound(date_to, "--to", last=True)
    store = open_store(db)
    try:
        if story_id is not None:
            if not story_id.strip().isdigit():
                raise StoreError(E.NO_STORY, id=story_id)
            rows = store.story_articles(int(story_id))
        else:
            rows = store.stories(limit=top, start=start, end=end)
    finally:
        store.close()
    if as_json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False) + "\n")
    elif story_id is not None:
        print_story_articles(rows)
    else:
        print_stories(rows)


def print_stories(rows: list[dict[str, Any]]) -> None:
    """One row per story: id, dates, size, top entities (else top words), headline."""
    if not rows:
        out.print("No stories.")
        return
    table = Table(title="Stories", title_justify="left")
    for col in ("id", "first", "last", "size", "about", "headline"):
        table.add_column(col, justify="right" if col in ("id", "size") else "left")
    for r in rows:
        about = ", ".join(r["top_entities"]) or ", ".join(r["top_terms"][:4])
        table.add_row(str(r["id"]), r["first"], r["last"], str(r["size"]), Text(about),
                      Text(r["title"] or ""))  # fmt: skip
    out.print(table)


def print_story_articles(rows: list[dict[str, Any]]) -> None:
    table = Table(show_header=True, box=None)
    for col in ("published", "title", "similarity", "id"):
        table.add_column(col)
    for r in rows:
        table.add_row(r["published"] or "", Text(r["title"] or ""), f"{r['similarity']:.2f}",
                      Text(r["id"], style="dim"))  # fmt: skip
    out.print(table)


if __name__ == "__main__":  # pragma: no cover
    main()


# Commands defined in their own modules register on ``main`` when imported.
from dateline import cli_timeline  # noqa: E402, F401
