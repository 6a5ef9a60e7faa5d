"""``dateline timex``: tagging a text, as a table, plain columns, JSON or CSV."""

from __future__ import annotations

import json

import pytest

from .helpers import TIMEX_KEYS, assert_no_traceback, dl, json_and_csv


@pytest.mark.parametrize("parse", [[], ["--no-parse"]])
def test_timex_json_with_a_date(parse):
    text = "The meeting took place on January 27, 1960, and ended yesterday."
    proc = dl("timex", text, "--date", "2019-11-07", "--json", *parse)
    assert proc.returncode == 0, proc.stderr
    found = json.loads(proc.stdout)
    assert isinstance(found, list)
    for t in found:
        assert set(t) == TIMEX_KEYS
        assert text[t["start"] : t["end"]] == t["text"]
        assert t["type"] in {"DATE", "TIME", "DURATION", "SET"}


def test_timex_reads_stdin_and_prints_plain_columns_when_piped():
    text = "On Monday, 4 November 2019, the talks began."
    proc = dl("timex", "-", "--date", "2019-11-07", "--no-parse", input=text, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert_no_traceback(proc)
    lines = proc.stdout.splitlines()
    assert "│" not in proc.stdout and "┃" not in proc.stdout  # no box drawing in a pipe
    if lines != ["No temporal expressions found."]:
        assert lines[0].split() == ["text", "type", "value", "mod", "start", "end"]
        assert len(lines) >= 2


def test_timex_table_is_aligned(capsys):
    from dateline.cli.timex import print_timexes
    from dateline.records import Timex

    print_timexes([
        Timex(0, 9, "On Monday", "DATE", "2019-11-04", anchor="2019-11-07"),
        Timex(11, 26, "4 November\n2019", "DATE", "2019-11-04"),
        Timex(40, 49, "two weeks", "DURATION", "P2W", mod="APPROX"),
    ])  # fmt: skip
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "text             type      value       mod     start  end",
        "On Monday        DATE      2019-11-04          0      9",
        "4 November 2019  DATE      2019-11-04          11     26",
        "two weeks        DURATION  P2W         APPROX  40     49",
    ]


def test_timex_csv_has_every_field_and_a_row_per_timex():
    text = "The talks began on 4 November 2019.\nThey ended yesterday, after two weeks."
    items, rows, header = json_and_csv("timex", text, "--date", "2019-11-07", "--no-parse")
    assert header == ["start", "end", "text", "type", "value", "mod", "anchor"]
    assert len(items) >= 2 and len(rows) == len(items)
    assert all(set(t) == TIMEX_KEYS for t in items)
    for t, row in zip(items, rows, strict=True):
        assert row == {k: "" if t[k] is None else str(t[k]) for k in header}
        assert text[int(row["start"]) : int(row["end"])] == row["text"]
