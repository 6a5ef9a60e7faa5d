"""``dateline ingest`` and ``dateline extract`` end to end."""

from __future__ import annotations

import json
import shutil
import signal
import sqlite3
import subprocess
import time

from ..conftest import SEED
from .helpers import CLI, TIMEX_KEYS, assert_no_traceback, cli_env, dl, stored_quotes_db


def test_ingest_twice_same_counts_then_query(tmp_path):
    db = str(tmp_path / "s.db")
    first = dl("ingest", str(SEED), "--db", db)
    assert first.returncode == 0, first.stderr
    assert "1 new, 0 unchanged, 0 failed" in first.stdout
    assert "Shinzo Abe" in first.stdout  # summary: people with roles
    assert "temporal expressions" in first.stdout
    second = dl("ingest", str(SEED), "--db", db, "--quiet")
    assert "0 new, 1 unchanged, 0 failed" in second.stdout

    hits = dl("search", "peace treaty", "--db", db, "--entity", "Abe")
    assert hits.returncode == 0 and "2019-11-07" in hits.stdout
    people = dl("entities", "--db", db, "--type", "PERSON")
    assert "Vladimir Putin" in people.stdout and "President" in people.stdout
    with sqlite3.connect(db) as c:
        article_id = c.execute("SELECT id FROM articles").fetchone()[0]
    shown = dl("show", article_id[:6], "--db", db, "--json")
    data = json.loads(shown.stdout)
    assert data["dateline"]["place"] == "Tokyo" and data["dateline"]["agency"] == "TASS"


def test_default_db_is_in_the_working_directory(tmp_path):
    proc = dl("ingest", str(SEED), "--quiet", cwd=tmp_path)
    assert proc.returncode == 0 and (tmp_path / "dateline.db").exists()


def test_extract_json_lines_in_input_order_with_exact_offsets(tmp_path):
    lines = [
        {"id": "b", "date": "2019-11-07", "text": "  MOSCOW, November 7 (RIA Novosti) - Sergei Lavrov, Russia's foreign minister, spoke.\n"},
        {"id": "a", "date": "2019-11-06", "text": "Foreign Minister Sergei Lavrov met Japanese Prime Minister Shinzo Abe."},
    ]  # fmt: skip
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    proc = dl("extract", str(src), "--json")
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [o["id"] for o in out] == ["b", "a"]
    for given, o in zip(lines, out, strict=True):
        assert o["text"] == given["text"]
        assert set(o) >= {"id", "title", "published", "source", "url", "path", "text",
                          "dateline", "entities", "timexes", "quotes", "events"}  # fmt: skip
        for e in o["entities"]:
            for m in e["mentions"]:
                assert o["text"][m["start"] : m["end"]] == m["text"]
    assert out[0]["dateline"]["agency"] == "RIA Novosti"
    lavrov = [e for e in out[0]["entities"] if e["name"] == "Sergei Lavrov"][0]
    assert "Foreign Minister" in lavrov["roles"] and lavrov["affiliation"] == "Russia"


def test_bad_inputs_are_one_line_each_and_the_rest_is_stored(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SEED, src / "seed.txt")
    (src / "empty.txt").write_text("")
    (src / "bin.txt").write_bytes(b"\x00\x01\x02" * 50)
    (src / "feed.jsonl").write_text('{"text": "PARIS — Fine.", "date": "2019-01-01"}\n{bad\n')
    db = str(tmp_path / "b.db")
    proc = dl("ingest", str(src), "--db", db)
    assert proc.returncode == 1
    assert_no_traceback(proc)
    assert "2 new, 0 unchanged, 3 failed" in proc.stdout
    failed = [line for line in proc.stderr.splitlines() if "failed:" in line]
    assert len(failed) == 3
    assert any("feed.jsonl:2" in line and "invalid JSON" in line for line in failed)
    again = dl("ingest", str(src), "--db", db, "--quiet")
    assert "0 new, 2 unchanged, 3 failed" in again.stdout


def test_sample_corpus_rerun_adds_nothing(sample_db, tmp_path):
    db = tmp_path / "copy.db"
    shutil.copy(sample_db, db)
    proc = dl("ingest", "--db", str(db), "--quiet")
    assert proc.returncode == 0, proc.stderr
    assert "0 new, 296 unchanged, 0 failed" in proc.stdout


def test_ingest_killed_mid_batch_then_rerun_stores_each_article_once(sample_db, tmp_path):
    db = tmp_path / "killed.db"
    proc = subprocess.Popen(
        [*CLI, "ingest", "--db", str(db), "--batch-size", "8", "--quiet"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=cli_env(),
    )  # fmt: skip
    stored = 0
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=1) as c:
                    stored = c.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                continue
            if stored >= 40:
                break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 0 < stored < 296, "the kill must land mid-ingest"

    rerun = dl("ingest", "--db", str(db), "--quiet")
    assert rerun.returncode == 0, rerun.stderr
    new = int(rerun.stdout.split(" new")[0].split()[-1])
    assert new + int(rerun.stdout.split(" unchanged")[0].split()[-1]) == 296
    queries = {
        "articles": "SELECT COUNT(*) FROM articles",
        "distinct": "SELECT COUNT(DISTINCT id) FROM articles",
        "mentions": "SELECT COUNT(*) FROM mentions",
        "fts": "SELECT COUNT(*) FROM articles_fts",
        "entities": "SELECT COUNT(*) FROM entities",
    }
    with sqlite3.connect(db) as got, sqlite3.connect(sample_db) as want:
        for name, sql in queries.items():
            assert got.execute(sql).fetchone() == want.execute(sql).fetchone(), name


def test_extract_jsonl_outputs_timexes_with_exact_offsets(tmp_path):
    lines = [
        {"id": "m1", "date": "2019-11-07", "text": "The meeting took place on January 27, 1960."},
        {"id": "m2", "date": "2019-11-06", "text": "Talks resume next Tuesday, officials said on Monday."},
    ]  # fmt: skip
    src = tmp_path / "dated.jsonl"
    src.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    proc = dl("extract", str(src), "--json")
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [(o["id"], o["published"]) for o in out] == [("m1", "2019-11-07"), ("m2", "2019-11-06")]
    for given, o in zip(lines, out, strict=True):
        assert o["text"] == given["text"] and isinstance(o["timexes"], list)
        for t in o["timexes"]:
            assert set(t) == TIMEX_KEYS
            assert o["text"][t["start"] : t["end"]] == t["text"]


def test_ingest_summary_counts_quotes(tmp_path, capsys):
    from dateline.cli.ingest import print_summary
    from dateline.storage.sqlite import SQLiteStore

    store = SQLiteStore(str(stored_quotes_db(tmp_path)))
    print_summary(store.summary())
    store.close()
    said = " ".join(capsys.readouterr().out.split())
    assert "3 quotes (2 indirect, 1 direct) in 2 articles, 2 with a known speaker." in said
