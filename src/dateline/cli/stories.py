"""``dateline stories``: articles grouped into stories over time, or one story's articles."""

from __future__ import annotations

from typing import Any

import click
from rich.table import Table
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
from dateline.errors import E, StoreError

#: ``stories --csv``: one row per story.
STORY_COLUMNS = ("id", "first", "last", "size", "title", "top_entities", "top_terms")
#: ``stories STORY_ID --csv``: one row per article of the story.
STORY_ARTICLE_COLUMNS = ("id", "published", "title", "source", "similarity")


@click.command()
@click.argument("story_id", required=False)
@db_option
@click.option("--from", "date_from", help="Running on or after (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--to", "date_to", help="Running on or before (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--top", default=20, show_default=True, help="How many stories (largest first).")
@output_options(
    item="story",
    columns=STORY_COLUMNS,
    json_help="A JSON list of story objects (id, title, first, last, size, top_entities,"
    " top_terms); with STORY_ID, of its articles (id, title, published, source, similarity).",
    csv_doc=f"CSV: a header row and one row per story; columns: {', '.join(STORY_COLUMNS)}"
    f" (lists joined with '; '). With STORY_ID, one row per article; columns:"
    f" {', '.join(STORY_ARTICLE_COLUMNS)}.",
)
@friendly
def stories(
    story_id: str | None,
    db: str,
    date_from: str | None,
    date_to: str | None,
    top: int,
    as_json: bool,
    as_csv: bool,
) -> None:
    """Stories: articles grouped over time, largest first; with STORY_ID, its articles."""
    fmt = output_format(as_json=as_json, as_csv=as_csv)
    start = bound(date_from, "--from", last=False)
    end = bound(date_to, "--to", last=True)
    config = Config(db=db)
    if story_id is None:
        rows = api.stories(config=config, limit=top, start=start, end=end)
        emit(fmt, rows, columns=STORY_COLUMNS, text=print_stories)
        return
    if not (story_id.strip().isascii() and story_id.strip().isdigit()):
        raise StoreError(E.NO_STORY, id=story_id)
    members = api.story_articles(int(story_id), config=config)
    emit(fmt, members, columns=STORY_ARTICLE_COLUMNS, text=print_story_articles)


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
