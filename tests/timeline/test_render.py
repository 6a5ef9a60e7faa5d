"""A timeline written as text, Markdown, JSON, CSV and HTML."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser

import pytest

from dateline.timeline import Entry, Source, Timeline, render
from dateline.timeline.render import date_label

SRC = Source("a1", "Talks & treaties", "2019-11-07", "TASS", 10, 60)
TL = Timeline(
    query="peace treaty",
    entries=(
        Entry("1956", None, "In 1956, they signed <a declaration>.", ("In 1956, they signed <a declaration>.",), (SRC,)),
        Entry("2019-06", "END", "A summit took place.", ("A summit took place.", "Both agreed."),
              (SRC, Source("a2", None, "2019-07-01", "Kyodo", 0, 20))),
    ),
)  # fmt: skip


@pytest.mark.parametrize(
    ("entry", "label"),
    [
        (Entry("1956", None, "", (), ()), "1956"),
        (Entry("2019-06", "END", "", (), ()), "late June 2019"),
        (Entry("2019", "START", "", (), ()), "early 2019"),
        (Entry("2019", "MID", "", (), ()), "mid-2019"),
        (Entry("1960-01-27", None, "", (), ()), "27 January 1960"),
    ],
)
def test_date_labels(entry, label):
    assert date_label(entry) == label


def test_json_is_the_contract():
    d = json.loads(render(TL, "json"))
    assert d["query"] == "peace treaty"
    assert [(e["date"], e["mod"]) for e in d["entries"]] == [("1956", None), ("2019-06", "END")]
    first = d["entries"][0]
    assert set(first) >= {"date", "mod", "summary", "sentences", "sources"}
    assert first["sources"][0] == {
        "article": "a1", "title": "Talks & treaties", "published": "2019-11-07",
        "outlet": "TASS", "start": 10, "end": 60,
    }  # fmt: skip
    assert d["entries"][1]["outlets"] == 2


def test_csv_one_row_per_sentence():
    rows = list(csv.DictReader(io.StringIO(render(TL, "csv"))))
    assert [(r["date"], r["mod"], r["article"]) for r in rows] == [
        ("1956", "", "a1"), ("2019-06", "END", "a1"), ("2019-06", "END", "a2"),
    ]  # fmt: skip
    assert rows[0]["sentence"] == "In 1956, they signed <a declaration>."


def test_markdown_and_text_name_dates_and_sources():
    md = render(TL, "md")
    assert md.startswith("# Timeline: peace treaty")
    assert "## late June 2019" in md and "Reported by 2 outlets" in md
    text = render(TL, "text")
    assert "late June 2019  (reported by 2 outlets)" in text
    assert "[a1] Talks & treaties (2019-11-07)" in text


def test_html_is_a_standalone_escaped_page():
    page = render(TL, "html")
    assert page.startswith("<!DOCTYPE html>")
    assert "<a declaration>" not in page and "&lt;a declaration&gt;" in page
    assert "http" not in page  # nothing fetched: readable offline and printable
    assert "@media print" in page

    class Times(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.found: list[str] = []

        def handle_starttag(self, tag, attrs):
            if tag == "time":
                self.found.append(dict(attrs)["datetime"])

    parser = Times()
    parser.feed(page)
    assert parser.found == ["1956", "2019-06"]


def test_empty_timeline_says_so():
    empty = Timeline(query="volcano", entries=())
    assert "no dated events" in render(empty, "text")
    assert json.loads(render(empty, "json"))["entries"] == []


def test_unknown_format():
    with pytest.raises(ValueError, match="format must be one of"):
        render(TL, "pdf")
