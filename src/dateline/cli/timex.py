"""``dateline timex``: the temporal expressions of a text, TIMEX3-normalised."""

from __future__ import annotations

import sys

import click
from rich.table import Table
from rich.text import Text

from dateline import api
from dateline.cli.common import (
    emit,
    friendly,
    out,
    output_format,
    output_options,
)
from dateline.dates import day
from dateline.records import Timex

#: ``timex --csv``: every field of a timex (offsets into the text given).
TIMEX_COLUMNS = ("start", "end", "text", "type", "value", "mod", "anchor")


@click.command()
@click.argument("text")
@click.option(
    "--date",
    "date",
    help="Publication date (YYYY-MM-DD) that relative expressions such as 'yesterday' are"
    " resolved against. Without it they stay unresolved (XXXX-XX-XX).",
)
@output_options(item="timex", columns=TIMEX_COLUMNS)
@click.option(
    "--no-parse", is_flag=True, help="Skip the spaCy parse: faster, tense from cue words only."
)
@friendly
def timex(text: str, date: str | None, as_json: bool, as_csv: bool, no_parse: bool) -> None:
    """The temporal expressions in TEXT ('-' reads standard input), TIMEX3-normalised."""
    fmt = output_format(as_json=as_json, as_csv=as_csv)
    if text == "-":
        text = sys.stdin.read()
    found = api.timexes(text, day(date, "--date"), parse=not no_parse)
    rows = [t.to_dict() for t in found]
    emit(fmt, rows, columns=TIMEX_COLUMNS, text=lambda _: print_timexes(found))


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
