"""One test per reader: wire, plain text, JSON Lines, JSON, CSV, directories."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from dateline.config import Config
from dateline.ingest import article_id, parse_date, read_paths
from dateline.records import Article, Failure

from ..conftest import SAMPLE, SEED


def read(*paths, **cfg):
    return list(read_paths(paths, config=Config(**cfg)))


def only_article(items) -> Article:
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


def test_wire_format_seed():
    a = only_article(read(SEED))
    assert a.published == dt.date(2019, 11, 7)
    assert a.text.startswith("TOKYO, November 7. /TASS/.")
    raw = SEED.read_text(encoding="utf-8")
    assert raw.endswith(a.text)  # body byte-for-byte, nothing stripped


@pytest.mark.parametrize(
    "raw, body",
    [
        ("date 2020-01-02 PARIS — Body on the same line.\n", "PARIS — Body on the same line.\n"),
        ("\n  date 2020-01-02\n\n  Indented body.  \n\n", "Indented body.  \n\n"),
        ("date 2020-01-02\tTabbed", "Tabbed"),
    ],
)
def test_wire_format_body_kept_exactly(tmp_path, raw, body):
    p = tmp_path / "w.txt"
    p.write_text(raw, encoding="utf-8")
    a = only_article(read(p))
    assert a.published == dt.date(2020, 1, 2)
    assert a.text == body


def test_plain_txt_has_unknown_date_without_option(tmp_path):
    p = tmp_path / "plain.txt"
    p.write_text("  Officials said on Monday that talks would resume.\n", encoding="utf-8")
    a = only_article(read(p))
    assert a.published is None  # never today's date
    assert a.text == "  Officials said on Monday that talks would resume.\n"
    b = only_article(read(p, default_date=dt.date(2019, 11, 7)))
    assert b.published == dt.date(2019, 11, 7)
    assert a.id != b.id  # the date is part of the stable id


def test_jsonl_reader_fields_and_ids(tmp_path):
    p = tmp_path / "a.jsonl"
    rows = [
        {"id": "x1", "date": "2019-11-07", "title": "T1", "text": " Text one. ", "url": "https://ex.org/1"},
        {"published": "2019-11-08T10:00:00Z", "title": "T2", "body": "Text two.", "source": "AP"},
    ]
    p.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    a, b = read(p)
    assert (a.id, a.title, a.text, a.url, a.source) == ("x1", "T1", " Text one. ", "https://ex.org/1", "ex.org")
    assert a.path == f"{p}:1"
    assert b.published == dt.date(2019, 11, 8) and b.text == "Text two." and b.source == "AP"
    assert b.id == article_id("Text two.", dt.date(2019, 11, 8), None)


def test_json_array_reader(tmp_path):
    p = tmp_path / "a.json"
    p.write_text(json.dumps([{"text": "One.", "date": "2020-01-01"}, {"text": "Two."}]))
    a, b = read(p)
    assert a.published == dt.date(2020, 1, 1) and b.published is None
    assert a.path.endswith("a.json[1]")


def test_csv_reader_on_wikinews_sample():
    items = read(SAMPLE / "wikinews_2019.csv")
    assert len(items) == 171 and all(isinstance(i, Article) for i in items)
    first = items[0]
    assert first.published == dt.date(2019, 1, 4)
    assert first.text.startswith("Friday, January 4, 2019\xa0\n")  # kept exactly
    assert first.url.startswith("https://en.wikinews.org")
    assert first.path.endswith("wikinews_2019.csv:2")


def test_directory_is_read_recursively(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text("date 2019-01-01 One.")
    (tmp_path / "a" / "b" / "two.jsonl").write_text('{"text": "Two."}\n')
    (tmp_path / "style.css").write_text("body { color: red }")  # unknown types are skipped in folders
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (tmp_path / "README").write_bytes(b"\x00\x01 no format at all")  # sniffed: nothing, skipped
    (tmp_path / ".hidden.txt").write_text("hidden")
    items = read(tmp_path)
    assert sorted(i.text for i in items) == ["One.", "Two."]
    assert all(isinstance(i, Article) for i in items)


def test_sample_corpus_is_296_distinct_articles():
    items = read(SAMPLE)
    assert len(items) == 296 and all(isinstance(i, Article) for i in items)
    assert len({i.id for i in items}) == 296


def test_stable_id_ignores_whitespace_and_composition():
    d = dt.date(2019, 11, 7)
    assert article_id("Abe  said.\n", d, None) == article_id("Abe said.", d, None)
    assert article_id("Cafe\u0301", d, None) == article_id("Café", d, None)
    assert article_id("Abe said.", d, None) != article_id("Abe said.", d, "https://ex.org")


@pytest.mark.parametrize(
    "value, expected",
    [("2019-11-07", dt.date(2019, 11, 7)), ("2019-11-07 08:00:00", dt.date(2019, 11, 7)),
     ("2019-11-07T08:00:00+03:00", dt.date(2019, 11, 7)), ("November 7, 2019", dt.date(2019, 11, 7))],
)  # fmt: skip
def test_parse_date_forms(value, expected):
    assert parse_date(value) == expected


def test_explicit_unknown_suffix_fails(tmp_path):
    p = tmp_path / "x.pdf"
    p.write_bytes(b"%PDF-1.4")
    (f,) = read(p)
    assert isinstance(f, Failure) and "unsupported file type" in f.reason
