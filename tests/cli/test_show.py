"""``dateline show``: one stored article, as a table or in the JSON contract."""

from __future__ import annotations

import json

from .helpers import dl, stored_dates_db, stored_quotes_db


def test_show_lists_the_stored_timexes(tmp_path):
    db = str(stored_dates_db(tmp_path))
    shown = dl("show", "a2", "--db", db)
    assert shown.returncode == 0, shown.stderr
    assert "the 1970s" in shown.stdout and "2019-06" in shown.stdout
    data = json.loads(dl("show", "a2", "--db", db, "--json").stdout)
    assert [(t["text"], t["value"]) for t in data["timexes"]] == [
        ("the 1970s", "197"), ("June 2019", "2019-06"),
    ]  # fmt: skip


def test_show_lists_and_highlights_the_stored_quotes(tmp_path):
    db = str(stored_quotes_db(tmp_path))
    shown = dl("show", "a1b2", "--db", db)
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    header = next(line for line in lines if line.split()[:2] == ["quote", "kind"])
    assert header.split() == ["quote", "kind", "speaker", "cue", "said"]
    assert "“We are ready to sign a" in shown.stdout  # the table may wrap it
    row = next(line for line in lines if "talks would continue" in line)
    assert row.split()[3:] == ["indirect", "Officials", "said", "talks"]
    data = json.loads(dl("show", "a1b2", "--db", db, "--json").stdout)
    assert [(q["kind"], q["speaker"]["entity"]) for q in data["quotes"]] == [
        ("direct", "e1"), ("indirect", None),
    ]  # fmt: skip
