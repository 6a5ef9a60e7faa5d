"""``dateline stories``: the stories of a store and one story's articles."""

from __future__ import annotations

import json

from ..conftest import SEED
from .helpers import assert_no_traceback, dl, json_and_csv


def test_stories_table_json_and_errors(tmp_path):
    db = str(tmp_path / "st.db")
    assert dl("ingest", str(SEED), "--db", db, "--quiet").returncode == 0
    table = dl("stories", "--db", db)
    assert table.returncode == 0, table.stderr
    assert "2019-11-07" in table.stdout and "Stories" in table.stdout
    rows = json.loads(dl("stories", "--db", db, "--json", "--from", "2019").stdout)
    assert len(rows) == 1 and rows[0]["size"] == 1
    assert set(rows[0]) == {"id", "title", "first", "last", "size", "top_entities", "top_terms"}
    members = json.loads(dl("stories", str(rows[0]["id"]), "--db", db, "--json").stdout)
    assert members[0]["published"] == "2019-11-07"
    assert json.loads(dl("stories", "--db", db, "--json", "--to", "2018").stdout) == []
    for bad in (("stories", "999", "--db", db), ("stories", "x1", "--db", db)):
        proc = dl(*bad)
        assert proc.returncode == 2 and "DL305" in proc.stderr
        assert_no_traceback(proc)
    proc = dl("stories", "--db", db, "--from", "soon")
    assert proc.returncode == 2 and "DL206" in proc.stderr
    assert_no_traceback(proc)


STORY_KEYS = {"id", "title", "first", "last", "size", "top_entities", "top_terms"}
MEMBER_KEYS = {"id", "title", "published", "source", "similarity"}


def test_stories_json_and_csv_list_the_same_stories(sample_db):
    items, rows, header = json_and_csv("stories", "--db", str(sample_db), "--top", "15")
    assert header == ["id", "first", "last", "size", "title", "top_entities", "top_terms"]
    assert len(items) == 15 and len(rows) == len(items)
    assert all(set(s) == STORY_KEYS for s in items)
    for story, row in zip(items, rows, strict=True):
        assert row["id"] == str(story["id"]) and row["size"] == str(story["size"])
        assert row["top_terms"] == "; ".join(story["top_terms"])
        assert row["top_entities"] == "; ".join(story["top_entities"])


def test_one_story_json_and_csv_list_its_articles(sample_db):
    (largest,) = json.loads(dl("stories", "--db", str(sample_db), "--top", "1", "--json").stdout)
    items, rows, header = json_and_csv("stories", str(largest["id"]), "--db", str(sample_db))
    assert header == ["id", "published", "title", "source", "similarity"]
    assert len(items) == largest["size"] == len(rows)
    assert all(set(a) == MEMBER_KEYS for a in items)
    assert [r["id"] for r in rows] == [a["id"] for a in items]
