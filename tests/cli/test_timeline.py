"""``dateline timeline``: every format, and --json/--csv as --format aliases."""

from __future__ import annotations

import json

from ..conftest import SEED
from .helpers import dl, json_and_csv


def test_timeline_of_the_seed_article_as_the_outside_harness_calls_it(tmp_path):
    db = str(tmp_path / "t.db")
    assert dl("ingest", str(SEED), "--db", db, "--quiet").returncode == 0
    proc = dl("timeline", "peace treaty", "--db", db, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["query"] == "peace treaty"
    entries = data["entries"]
    dates = [e["date"] for e in entries]
    assert dates == sorted(dates)
    assert {"1956", "2018-11", "2019-06"} <= set(dates)
    assert "1960" in dates or "1960-01-27" in dates
    for e in entries:
        assert e["sources"] and e["sources"][0]["published"] == "2019-11-07"
        assert e["summary"] and e["sentences"]
        assert e["mod"] in (None, "START", "MID", "END")
    late_june = next(e for e in entries if e["date"] == "2019-06")
    assert late_june["mod"] == "END"

    page = dl("timeline", "peace treaty", "--db", db, "--format", "html", "--max-dates", "3")
    assert page.stdout.startswith("<!DOCTYPE html>") and page.stdout.count("<time ") == 3
    text = dl("timeline", "peace treaty", "--db", db, "--from", "1950", "--to", "1999")
    assert "1956" in text.stdout and "2018" not in text.stdout

    (story,) = json.loads(dl("stories", "--db", db, "--json").stdout)
    by_story = dl("timeline", "--story", str(story["id"]), "--db", db, "--format", "json")
    assert by_story.returncode == 0, by_story.stderr
    assert {"1956", "2018-11"} <= {e["date"] for e in json.loads(by_story.stdout)["entries"]}


ENTRY_KEYS = {"date", "mod", "summary", "sentences", "sources", "outlets", "score"}


def test_timeline_json_and_csv_are_the_format_aliases(sample_db):
    args = ("timeline", "coronavirus", "--db", str(sample_db), "--max-dates", "6")
    document, rows, header = json_and_csv(*args)
    assert document["query"] == "coronavirus" and document["entries"]
    assert all(set(e) == ENTRY_KEYS for e in document["entries"])
    assert header == ["date", "mod", "sentence", "outlets", "article", "title", "published",
                      "start", "end"]  # fmt: skip
    sentences = [(e["date"], s) for e in document["entries"] for s in e["sentences"]]
    assert len(rows) == len(sentences) == len(document["entries"])  # one sentence per date
    assert [(r["date"], r["sentence"]) for r in rows] == sentences
    for fmt in ("json", "csv"):
        assert dl(*args, f"--{fmt}").stdout == dl(*args, "--format", fmt).stdout
    assert dl(*args, "--json", "--format", "json").returncode == 0
