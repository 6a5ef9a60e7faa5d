"""``dateline show``: one stored article with its dateline, entities, times and quotes."""

from __future__ import annotations

from typing import Any

import click
from rich.table import Table
from rich.text import Text

from dateline import api
from dateline.cli.common import db_option, friendly, out, write_json
from dateline.cli.quotes import quote_text, said_text
from dateline.config import Config


@click.command()
@click.argument("article_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="The article in the JSON contract.")
@friendly
def show(article_id: str, db: str, as_json: bool) -> None:
    """One stored article with its dateline, entities and highlighted mentions."""
    article = api.article(article_id, config=Config(db=db))
    if as_json:
        write_json(article, indent=2)
    else:
        print_article(article, with_text=True)


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
        table.add_row(e["name"], e["type"], ", ".join(e["roles"]), e["affiliation"] or "", mentions)
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
