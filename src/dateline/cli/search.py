"""``dateline search``: ranked full-text search with date, entity and mentioned-date filters."""

from __future__ import annotations

from typing import Any

import click
from rich.text import Text

from dateline import api
from dateline.cli.common import (
    db_option,
    emit,
    friendly,
    out,
    output_format,
    output_options,
)
from dateline.config import Config
from dateline.dates import bound
from dateline.storage.sqlite import HIT_CLOSE, HIT_OPEN

#: ``search --csv``: the article, its rank and snippet, and the mentioned dates that matched.
SEARCH_COLUMNS = (
    "id", "published", "title", "source", "score", "snippet", "timexes_text", "timexes_value",
    "outlets", "copies_id", "copies_source", "copies_url", "copies_published",
)  # fmt: skip


@click.command()
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
@output_options(
    item="article",
    columns=SEARCH_COLUMNS,
    json_help="A JSON list of article objects: id, title, published, source, snippet (plain"
    " text), score, timexes (the mentioned dates that matched: text, value, start, end),"
    " outlets and copies (the other copies of the same story: id, source, url, published).",
)
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
    as_json: bool,
    as_csv: bool,
) -> None:
    """Full-text search, ranked, with highlighted snippets; QUERY is optional with a filter.

    One story's text reprinted by several outlets is one result, "reported by N outlets".

    --mentions-from/--mentions-to find articles that mention a date in the range
    (not only those published in it): "the 1950s", "October 1957" and
    "4 October 1957" all match --mentions-from 1957 --mentions-to 1958.
    """
    fmt = output_format(as_json=as_json, as_csv=as_csv)
    rows = api.search(
        query,
        config=Config(db=db),
        entity=entity,
        limit=limit,
        start=bound(date_from, "--from", last=False),
        end=bound(date_to, "--to", last=True),
        mentions_from=bound(mentions_from, "--mentions-from", last=False),
        mentions_to=bound(mentions_to, "--mentions-to", last=True),
    )
    if fmt != "text":  # the hit marks are for the terminal's highlighting
        rows = [{**r, "snippet": plain(r["snippet"])} for r in rows]
    emit(fmt, rows, columns=SEARCH_COLUMNS, text=print_hits)


def print_hits(rows: list[dict[str, Any]]) -> None:
    """Each article on one line (date, title, id), its snippet and the dates it mentions."""
    if not rows:
        out.print("No matching articles.")
        return
    for r in rows:
        date = r["published"] or "????-??-??"
        title = r["title"] or ""
        line = Text.assemble((date, "green"), "  ", (title, "bold"), "  ", (r["id"], "dim"))
        if r.get("outlets", 1) > 1:  # one story's copies are one result
            line.append(f"  reported by {r['outlets']} outlets", style="cyan")
        out.print(line)
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


def plain(snippet: str) -> str:
    """A snippet without its hit marks, on one line."""
    return " ".join(snippet.replace(HIT_OPEN, "").replace(HIT_CLOSE, "").split())
