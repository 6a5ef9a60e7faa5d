"""``dateline quotes``: who said what, when — and how quotes are written for reading."""

from __future__ import annotations

import sys
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

#: ``quotes --csv``: the statement, when and by whom, and its article.
QUOTE_COLUMNS = (
    "article_id", "published", "title", "said_value", "said_mod", "speaker_name",
    "speaker_role", "speaker_affiliation", "speaker_entity_id", "kind", "text", "cue_text",
    "confidence", "start", "end", "outlets", "sources_article_id", "sources_source",
    "sources_url", "sources_published",
)  # fmt: skip


@click.command()
@db_option
@click.option("--speaker", help="Only statements by this entity (full name, surname or alias).")
@click.option("--about", help='Only quotes containing these words (or "a phrase").')
@click.option("--from", "date_from", help="Said on or after (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--to", "date_to", help="Said on or before (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--limit", default=50, show_default=True)
@output_options(item="quote", columns=QUOTE_COLUMNS)
@friendly
def quotes(
    db: str,
    speaker: str | None,
    about: str | None,
    date_from: str | None,
    date_to: str | None,
    limit: int,
    as_json: bool,
    as_csv: bool,
) -> None:
    """Who said what, when: stored statements, newest first (most relevant with --about).

    A quote whose attribution gives no date counts as said on its article's
    publication date for --from/--to. A quote reprinted in copies of one story by
    several outlets is one row, "reported by N outlets".
    """
    fmt = output_format(as_json=as_json, as_csv=as_csv)
    rows = api.quotes(
        config=Config(db=db),
        speaker=speaker,
        about=about,
        start=bound(date_from, "--from", last=False),
        end=bound(date_to, "--to", last=True),
        limit=limit,
    )
    emit(fmt, rows, columns=QUOTE_COLUMNS, text=print_quotes)


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
        if r.get("outlets", 1) > 1:  # one quote reprinted in copies of one story
            article.append(f" reported by {r['outlets']} outlets", style="cyan")
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
