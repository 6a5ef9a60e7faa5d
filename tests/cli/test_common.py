"""What every command shares: one-line errors, and the --json/--csv output helper."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from dateline.cli.common import emit, flatten, output_format, write_csv
from dateline.errors import ConfigError
from dateline.storage import open_store

from .helpers import assert_one_line_error, dl


@pytest.mark.parametrize(
    "args, says",
    [
        (["search", "x", "--db", "missing.db"], "does not exist"),
        (["show", "nope", "--db", "{db}"], "no article with id"),
        (["search", "x", "--db", "{db}", "--from", "last week"], "unparseable date"),
        (["ingest", "--db", "{db}", "--date", "soon", "x.txt"], "unparseable date"),
        (["search", "--db", "{db}"], "give a query or a filter"),
        (["search", "--db", "{db}", "--mentions-from", "the 1950s"], "--mentions-from: unparseable date"),
        (["search", "--db", "{db}", "--mentions-to", "2019-02-30"], "--mentions-to: unparseable date"),
        (["search", "x", "--db", "{db}", "--to", "2019-13"], "--to: unparseable date"),
        (["timex", "It rained yesterday.", "--date", "2019-13-01"], "--date: unparseable date"),
        (["timex", "It rained yesterday.", "--date", "yesterday", "--json"], "unparseable date"),
        (["quotes", "--db", "{db}", "--from", "last week"], "--from: unparseable date"),
        (["quotes", "--db", "{db}", "--to", "2019-13", "--json"], "--to: unparseable date"),
        (["quotes", "--db", "missing.db"], "does not exist"),
        (["timeline", "--db", "{db}"], "give a query or a filter"),
        (["timeline", "x", "--db", "{db}", "--from", "soon"], "--from: unparseable date"),
        (["timeline", "x", "--db", "{db}", "--max-dates", "0"], "--max-dates"),
        (["timeline", "x", "--db", "{db}", "--story", "7"], "no story with id 7"),
        (["timeline", "x", "--db", "missing.db"], "does not exist"),
    ],
)
def test_user_errors_are_one_line_without_traceback(tmp_path, args, says):
    db = empty_db(tmp_path)
    proc = dl(*[a.replace("{db}", str(db)) for a in args], cwd=tmp_path)
    assert_one_line_error(proc, says)


BOTH = "--json and --csv cannot be used together"


@pytest.mark.parametrize(
    "args, says",
    [
        (["search", "x", "--json", "--csv"], BOTH),
        (["entities", "--csv", "--json"], BOTH),
        (["quotes", "--json", "--csv"], BOTH),
        (["stories", "--json", "--csv"], BOTH),
        (["stories", "1", "--json", "--csv"], BOTH),
        (["timex", "today", "--json", "--csv", "--no-parse"], BOTH),
        (["timeline", "x", "--json", "--csv"], BOTH),
        (["timeline", "x", "--json", "--format", "md"], "--json and --format md cannot be"),
        (["timeline", "x", "--csv", "--format", "text"], "--csv and --format text cannot be"),
    ],
)
def test_json_and_csv_together_are_a_one_line_usage_error(tmp_path, args, says):
    proc = dl(*args, "--db", str(empty_db(tmp_path))) if args[0] != "timex" else dl(*args)
    assert_one_line_error(proc, says)
    assert "DL204" in proc.stderr


def empty_db(tmp_path: Path) -> Path:
    db = tmp_path / "e.db"
    open_store(str(db), create=True).close()
    return db


def test_flatten_nested_objects_and_lists():
    row = {
        "id": 7, "score": 0.5, "ok": True, "none": None,
        "said": {"value": "2019-11", "mod": None},
        "speaker": {"name": "Abe", "at": {"start": 3}},
        "terms": ["peace", "treaty"],
        "roles": [{"role": "President", "affiliation": "Russia"}, {"role": "Leader"}],
        "empty": [],
    }  # fmt: skip
    assert flatten(row) == {
        "id": "7", "score": "0.5", "ok": "true", "none": "",
        "said_value": "2019-11", "said_mod": "",
        "speaker_name": "Abe", "speaker_at_start": "3",
        "terms": "peace; treaty",
        "roles_role": "President; Leader", "roles_affiliation": "Russia; ",
        "empty": "",
    }  # fmt: skip


def test_write_csv_has_the_header_and_empty_cells_for_missing_columns(capsys):
    write_csv([{"a": 1, "b": {"c": "x, y"}, "extra": 2}, {"a": None}], ["a", "b_c", "d"])
    out = capsys.readouterr().out
    assert out == 'a,b_c,d\n1,"x, y",\n,,\n'
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows == [{"a": "1", "b_c": "x, y", "d": ""}, {"a": "", "b_c": "", "d": ""}]


def test_emit_one_object_is_one_json_document_and_one_csv_row(capsys):
    item = {"id": "a1", "tags": ["x"]}
    emit("json", item, columns=("id", "tags"), text=print)
    assert json.loads(capsys.readouterr().out) == item
    emit("csv", item, columns=("id", "tags"), text=print)
    assert capsys.readouterr().out == "id,tags\na1,x\n"
    emit("text", item, columns=("id", "tags"), text=lambda r: print("read", r["id"]))
    assert capsys.readouterr().out == "read a1\n"


def test_output_format_from_the_flags():
    assert output_format(as_json=False, as_csv=False) == "text"
    assert output_format(as_json=True, as_csv=False) == "json"
    assert output_format(as_json=False, as_csv=True) == "csv"
    with pytest.raises(ConfigError, match="DL204"):
        output_format(as_json=True, as_csv=True)
