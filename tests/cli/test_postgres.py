"""The ``dateline`` command on a PostgreSQL store (``--db postgresql://…``, ``$DATELINE_DB``):
ingest, search, quotes, timeline, entities and stories end to end, agreeing with SQLite."""

from __future__ import annotations

import json
import os
import subprocess

from ..conftest import SEED
from .helpers import CLI, assert_one_line_error, cli_env, dl


def as_json(*args: str) -> object:
    proc = dl(*args, "--json") if args[0] != "timeline" else dl(*args, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_ingest_and_every_reading_command_agree_with_sqlite(pg_server, tmp_path):
    lite, pg = str(tmp_path / "t.db"), pg_server.new_database(migrated=False)
    try:
        for db in (lite, pg):
            proc = dl("ingest", str(SEED), "--db", db, "--quiet")
            assert proc.returncode == 0, proc.stderr
            assert "1 new" in proc.stdout
            assert "0 new, 1 unchanged" in dl("ingest", str(SEED), "--db", db, "-q").stdout
        # the summary names the database, never its password (the server trusts loopback)
        user, at, rest = pg.partition("@")
        secret = f"{user}:hunter2@{rest}" if at else pg.replace("://", "://postgres:hunter2@", 1)
        again = dl("ingest", str(SEED), "--db", secret, "-q")
        assert again.returncode == 0 and "hunter2" not in again.stdout + again.stderr, again.stdout
        timeline = as_json("timeline", "peace treaty", "--db", pg)
        assert {"1956", "2018-11", "2019-06"} <= {e["date"] for e in timeline["entries"]}
        assert timeline == as_json("timeline", "peace treaty", "--db", lite)
        for command in (["search", "peace treaty"], ["search", "--entity", "Putin"],
                        ["quotes", "--speaker", "Putin"], ["quotes", "--about", "islands"],
                        ["entities"], ["stories"]):  # fmt: skip
            got, want = as_json(*command, "--db", pg), as_json(*command, "--db", lite)
            assert got, command
            if command[0] == "search":  # another engine ranks and picks the passage
                for hit in [*got, *want]:
                    hit.pop("score")
                    snippet = hit.pop("snippet").casefold()
                    assert command[1] == "--entity" or "treaty" in snippet, snippet
            if "--about" in command:  # ranked by relevance too: the same quotes
                got, want = (sorted(q, key=lambda q: (q["article_id"], q["start"]))
                             for q in (got, want))  # fmt: skip
            assert got == want, command
        (story,) = as_json("stories", "--db", pg)
        by_story = as_json("timeline", "--story", str(story["id"]), "--db", pg)
        assert {"1956", "2018-11"} <= {e["date"] for e in by_story["entries"]}
    finally:
        pg_server.drop_database(pg)


def test_sample_corpus_reads_alike_on_both_stores(sample_db, sample_pg):
    lite = str(sample_db)
    for command in (["quotes", "--speaker", "Trump", "--limit", "20"], ["entities", "--top", "30"],
                    ["stories", "--top", "30"]):  # fmt: skip
        assert as_json(*command, "--db", sample_pg) == as_json(*command, "--db", lite), command
    got = as_json("search", "Iran", "--limit", "500", "--db", sample_pg)
    want = as_json("search", "Iran", "--limit", "500", "--db", lite)
    assert {h["id"] for h in got} == {h["id"] for h in want} and len(got) == len(want) > 5
    timeline = as_json("timeline", "Soleimani", "--db", sample_pg)
    assert timeline["entries"] and timeline == as_json("timeline", "Soleimani", "--db", lite)


def test_dateline_db_may_name_a_postgres_store(sample_pg):
    env = {**cli_env(), "DATELINE_DB": sample_pg}
    proc = subprocess.run([*CLI, "search", "Iran", "--json"], capture_output=True, text=True,
                          env=env, timeout=300)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)


def test_an_unreachable_server_is_one_line(tmp_path):
    proc = dl("search", "peace", "--db", "postgresql://news:s3cret@127.0.0.1:1/news")
    assert_one_line_error(proc, "DL309")
    assert "s3cret" not in proc.stderr and "news@127.0.0.1:1/news" in proc.stderr
    assert os.listdir(tmp_path) == []  # nothing made on the side
