"""The ``dateline`` command end to end, through its installed entry point."""

from __future__ import annotations

import json
import shutil
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from .conftest import SEED, cli_exe


def dl(*args: str, cwd: Path | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [cli_exe(), *args], capture_output=True, text=True, cwd=cwd, timeout=timeout
    )


def assert_no_traceback(proc: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout


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
    db = tmp_path / "e.db"
    from dateline.storage import open_store

    open_store(str(db), create=True).close()
    proc = dl(*[a.replace("{db}", str(db)) for a in args], cwd=tmp_path)
    assert proc.returncode == 2
    assert_no_traceback(proc)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and says in lines[0] and "[DL" in lines[0]


def test_sample_corpus_rerun_adds_nothing(sample_db, tmp_path):
    db = tmp_path / "copy.db"
    shutil.copy(sample_db, db)
    proc = dl("ingest", "--db", str(db), "--quiet")
    assert proc.returncode == 0, proc.stderr
    assert "0 new, 296 unchanged, 0 failed" in proc.stdout


def test_ingest_killed_mid_batch_then_rerun_stores_each_article_once(sample_db, tmp_path):
    db = tmp_path / "killed.db"
    proc = subprocess.Popen(
        [cli_exe(), "ingest", "--db", str(db), "--batch-size", "8", "--quiet"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
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


def stored_dates_db(tmp_path: Path) -> Path:
    """A database of hand-made timexes (independent of the tagger)."""
    import datetime as dt

    from dateline.records import Article, Timex, Work
    from dateline.storage.sqlite import SQLiteStore

    def work(i: int, title: str, text: str, *values: tuple[str, str]) -> Work:
        art = Article(id=f"a{i}", title=title, published=dt.date(2019, 6, i), source=None,
                      url=None, text=text)  # fmt: skip
        times = [Timex(text.index(p), text.index(p) + len(p), p, "DATE", v) for p, v in values]
        return Work(article=art, timexes=times)

    db = tmp_path / "dates.db"
    store = SQLiteStore(str(db), create=True)
    store.save([
        work(1, "Sputnik remembered", "Sputnik was launched on October 4, 1957, by the USSR.",
             ("October 4, 1957", "1957-10-04")),
        work(2, "Oil shocks", "Prices rose in the 1970s and again in June 2019.",
             ("the 1970s", "197"), ("June 2019", "2019-06")),
    ])  # fmt: skip
    store.close()
    return db


def test_search_by_mentioned_dates_without_a_query(tmp_path):
    db = str(stored_dates_db(tmp_path))
    proc = dl("search", "--db", db, "--mentions-from", "1950", "--mentions-to", "1960")
    assert proc.returncode == 0, proc.stderr
    assert "Sputnik remembered" in proc.stdout and "Oil shocks" not in proc.stdout
    assert "mentions: October 4, 1957 = 1957-10-04" in proc.stdout
    decade = dl("search", "--db", db, "--mentions-from", "1979-12", "--mentions-to", "1979-12")
    assert "Oil shocks" in decade.stdout and "the 1970s = 197" in decade.stdout
    assert "June 2019" not in decade.stdout.split("mentions:")[1]  # only the dates that matched
    both = dl("search", "--db", db, "--mentions-to", "2019")
    assert both.stdout.index("Oil shocks") < both.stdout.index("Sputnik")  # newest first
    published = dl("search", "prices", "--db", db, "--from", "2019-06", "--to", "2019")
    assert "Oil shocks" in published.stdout
    none = dl("search", "--db", db, "--mentions-from", "1958-01-01", "--mentions-to", "1969")
    assert none.returncode == 0 and "No matching articles." in none.stdout


def test_show_lists_the_stored_timexes(tmp_path):
    db = str(stored_dates_db(tmp_path))
    shown = dl("show", "a2", "--db", db)
    assert shown.returncode == 0, shown.stderr
    assert "the 1970s" in shown.stdout and "2019-06" in shown.stdout
    data = json.loads(dl("show", "a2", "--db", db, "--json").stdout)
    assert [(t["text"], t["value"]) for t in data["timexes"]] == [
        ("the 1970s", "197"), ("June 2019", "2019-06"),
    ]  # fmt: skip


TIMEX_KEYS = {"start", "end", "text", "type", "value", "mod", "anchor"}


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
    proc = subprocess.run(
        [cli_exe(), "timex", "-", "--date", "2019-11-07", "--no-parse"],
        input=text, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert_no_traceback(proc)
    lines = proc.stdout.splitlines()
    assert "│" not in proc.stdout and "┃" not in proc.stdout  # no box drawing in a pipe
    if lines != ["No temporal expressions found."]:
        assert lines[0].split() == ["text", "type", "value", "mod", "start", "end"]
        assert len(lines) >= 2


def test_timex_table_is_aligned(capsys):
    from dateline.cli import print_timexes
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


def stored_quotes_db(tmp_path: Path) -> Path:
    """A database of hand-made entities and quotes (independent of the quote finder)."""
    import datetime as dt

    from dateline.records import Article, Cue, Entity, Mention, Quote, Speaker, Work
    from dateline.storage.sqlite import SQLiteStore

    def at(text: str, phrase: str) -> tuple[int, int]:
        return text.index(phrase), text.index(phrase) + len(phrase)

    def said(text: str, content: str, kind: str, who: str, local: str | None, value: str | None,
             cue: str = "said") -> Quote:  # fmt: skip
        start, end = at(text, content)
        return Quote(start, end, content, kind, ((start, end),), Cue(*at(text, cue), cue, "say"),
                     Speaker(*at(text, who), who, local), value)  # fmt: skip

    t1 = ('Vladimir Putin said on Tuesday: "We are ready to sign a peace treaty with Japan." '
          "Officials said talks would continue.")  # fmt: skip
    putin = Entity("e1", "Vladimir Putin", "PERSON", "vladimir putin", ("President",), "Russia",
                   (Mention(*at(t1, "Vladimir Putin"), "Vladimir Putin"),))  # fmt: skip
    t2 = "Prime Minister Shinzo Abe said the islands were Japanese."
    abe = Entity("e1", "Shinzo Abe", "PERSON", "shinzo abe", ("Prime Minister",), "Japan",
                 (Mention(*at(t2, "Shinzo Abe"), "Shinzo Abe"),))  # fmt: skip
    db = tmp_path / "quotes.db"
    store = SQLiteStore(str(db), create=True)
    store.save([
        Work(article=Article("a1b2c3d4e5", "Putin on the treaty", dt.date(2019, 11, 7), None,
                             None, t1),
             entities=[putin],
             quotes=[said(t1, "We are ready to sign a peace treaty with Japan.", "direct",
                          "Vladimir Putin", "e1", "2019-11-05"),
                     said(t1, "talks would continue", "indirect", "Officials", None, None,
                          cue="said talks")]),
        Work(article=Article("f00ba4", "Abe on the islands", dt.date(2019, 6, 3), None, None, t2),
             entities=[abe],
             quotes=[said(t2, "the islands were Japanese", "indirect", "Shinzo Abe", "e1", None)]),
    ])  # fmt: skip
    store.close()
    return db


def test_quotes_lists_who_said_what_when_as_plain_lines_when_piped(tmp_path):
    db = str(stored_quotes_db(tmp_path))
    proc = dl("quotes", "--db", db)
    assert proc.returncode == 0, proc.stderr
    assert_no_traceback(proc)
    lines = [line.split("\t") for line in proc.stdout.splitlines()]
    assert lines == [
        ["said", "speaker", "quote", "article", "id"],
        ["2019-11-07", "Officials", "talks would continue", "Putin on the treaty", "a1b2c3d4e5"],
        ["2019-11-05", "Vladimir Putin (President, Russia)",
         "“We are ready to sign a peace treaty with Japan.”", "Putin on the treaty", "a1b2c3d4e5"],
        ["2019-06-03", "Shinzo Abe (Prime Minister, Japan)", "the islands were Japanese",
         "Abe on the islands", "f00ba4"],
    ]  # fmt: skip
    putin = dl("quotes", "--db", db, "--speaker", "putin", "--about", "treaties")
    assert putin.stdout.count("\n") == 2 and "peace treaty" in putin.stdout
    spring = dl("quotes", "--db", db, "--from", "2019", "--to", "2019-06")  # published, said NULL
    assert "Shinzo Abe" in spring.stdout and "Putin" not in spring.stdout
    none = dl("quotes", "--db", db, "--speaker", "Nobody")
    assert none.returncode == 0 and none.stdout == "No matching quotes.\n"


def test_quotes_json_rows(tmp_path):
    db = str(stored_quotes_db(tmp_path))
    proc = dl("quotes", "--db", db, "--speaker", "Abe", "--json")
    assert proc.returncode == 0, proc.stderr
    (row,) = json.loads(proc.stdout)
    assert (row["article_id"], row["title"], row["published"]) == (
        "f00ba4", "Abe on the islands", "2019-06-03"
    )  # fmt: skip
    assert row["text"] == "the islands were Japanese" and row["kind"] == "indirect"
    assert row["said"] == {"value": None, "mod": None}
    assert row["speaker"]["name"] == "Shinzo Abe" and row["speaker"]["role"] == "Prime Minister"
    assert row["cue"]["text"] == "said" and row["fragments"][0]["text"] == row["text"]
    assert json.loads(dl("quotes", "--db", db, "--about", "weather", "--json").stdout) == []


def test_quotes_table_on_a_terminal_shortens_long_quotes(monkeypatch):
    import io

    from rich.console import Console

    from dateline import cli

    console = Console(file=io.StringIO(), force_terminal=True, color_system=None, width=200)
    monkeypatch.setattr(cli, "out", console)
    words = " ".join(["negotiations"] * 30)
    cli.print_quotes([{
        "article_id": "0123456789abcdef", "title": "Long talk", "published": "2019-11-07",
        "start": 0, "end": len(words), "text": words, "kind": "direct",
        "fragments": [{"start": 0, "end": len(words), "text": words}], "cue": None,
        "speaker": None, "said": {"value": "2019-11-05", "mod": "REPEATED"}, "confidence": 1.0,
    }])  # fmt: skip
    shown = console.file.getvalue()
    assert "┃ said" in shown and "01234567" in shown and "0123456789" not in shown
    assert "“negotiations" in shown and "negotiations…”" in shown
    assert shown.count("negotiations") < 30
    assert "2019-11-05 (repeated)" in shown


def test_quote_text_joins_fragments_and_marks_direct_speech():
    from dateline.cli import quote_text

    text = '"We are ready," he said, "to talk."'
    second = text.index("to talk.")
    q = {"kind": "direct", "text": text[1:-1], "fragments": [{"start": 1, "end": 14},
                                                          {"start": second, "end": second + 8}]}  # fmt: skip
    assert quote_text(q, text) == "“We are ready, … to talk.”"
    assert quote_text({**q, "kind": "mixed"}, text) == "We are ready, … to talk."
    assert quote_text(q, text, width=12) == "“We are…”"


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


def test_ingest_summary_counts_quotes(tmp_path, capsys):
    from dateline.cli import print_summary
    from dateline.storage.sqlite import SQLiteStore

    store = SQLiteStore(str(stored_quotes_db(tmp_path)))
    print_summary(store.summary())
    store.close()
    said = " ".join(capsys.readouterr().out.split())
    assert "3 quotes (2 indirect, 1 direct) in 2 articles, 2 with a known speaker." in said


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
