"""``dateline quotes``: who said what, when — tables, tab-separated lines, JSON and CSV."""

from __future__ import annotations

import io
import json

from rich.console import Console

from dateline.cli import quotes as cli_quotes
from dateline.cli.quotes import quote_text

from .helpers import assert_no_traceback, dl, json_and_csv, stored_quotes_db


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
    console = Console(file=io.StringIO(), force_terminal=True, color_system=None, width=200)
    monkeypatch.setattr(cli_quotes, "out", console)
    words = " ".join(["negotiations"] * 30)
    cli_quotes.print_quotes([{
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
    text = '"We are ready," he said, "to talk."'
    second = text.index("to talk.")
    q = {"kind": "direct", "text": text[1:-1], "fragments": [{"start": 1, "end": 14},
                                                          {"start": second, "end": second + 8}]}  # fmt: skip
    assert quote_text(q, text) == "“We are ready, … to talk.”"
    assert quote_text({**q, "kind": "mixed"}, text) == "We are ready, … to talk."
    assert quote_text(q, text, width=12) == "“We are…”"


QUOTE_KEYS = {"article_id", "title", "published", "start", "end", "text", "kind", "fragments",
              "cue", "speaker", "said", "confidence", "outlets", "sources"}  # fmt: skip


def test_quotes_csv_flattens_speaker_and_date(tmp_path):
    db = str(stored_quotes_db(tmp_path))
    items, rows, header = json_and_csv("quotes", "--db", db)
    assert header == [
        "article_id", "published", "title", "said_value", "said_mod", "speaker_name",
        "speaker_role", "speaker_affiliation", "speaker_entity_id", "kind", "text", "cue_text",
        "confidence", "start", "end", "outlets", "sources_article_id", "sources_source",
        "sources_url", "sources_published",
    ]  # fmt: skip
    assert len(items) == len(rows) == 3
    assert all(set(q) == QUOTE_KEYS for q in items)
    putin = rows[1]
    assert (putin["speaker_name"], putin["speaker_role"], putin["speaker_affiliation"]) == (
        "Vladimir Putin", "President", "Russia"
    )  # fmt: skip
    assert (putin["said_value"], putin["said_mod"], putin["cue_text"]) == ("2019-11-05", "", "said")
    assert putin["text"] == "We are ready to sign a peace treaty with Japan."
    assert rows[0]["speaker_entity_id"] == "" and rows[0]["speaker_name"] == "Officials"


def test_quotes_json_and_csv_on_the_sample(sample_db):
    items, rows, _ = json_and_csv("quotes", "--db", str(sample_db), "--limit", "30")
    assert len(items) == 30 and len(rows) == len(items)
    assert all(set(q) == QUOTE_KEYS for q in items)
    assert [r["text"] for r in rows] == [q["text"] for q in items]  # embedded newlines survive
