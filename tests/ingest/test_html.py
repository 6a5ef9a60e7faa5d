"""The HTML reader on saved news pages written for these tests (``pages/``).

Each page is made up (no publisher's page is copied): a news story with the usual
furniture (navigation, ads, share bar, newsletter box, related links, reader
comments, footer) and JSON-LD / Open Graph metadata; a page whose only date is
shown in the text; one with no date at all; one in windows-1252 declared in a
meta tag; an XHTML 1.0 page; a page with no article.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from dateline.config import Config
from dateline.errors import E, InputError
from dateline.export import work_dict
from dateline.ingest.fields import article_from_record
from dateline.ingest.html import (
    NO_DATE_WARNING,
    compose_text,
    decode_html,
    extract_page,
    looks_like_html,
    page_article,
)
from dateline.ingest.html_post import ALL_RULES, RULES, SPLIT_BODY, Block, clean_blocks
from dateline.ingest.html_recover import recover_split_body
from dateline.records import Work
from dateline.storage.sqlite import SQLiteStore

PAGES = Path(__file__).parent / "pages"
CONFIG = Config()


def read(name: str, **kwargs):
    raw = (PAGES / name).read_bytes()
    return page_article(raw, label=name, config=kwargs.pop("config", CONFIG), **kwargs)


# -- a full news page --------------------------------------------------------------


@pytest.fixture(scope="module")
def harbour():
    return read("harbour.html")


def test_news_page_metadata(harbour):
    article, warnings = harbour
    assert warnings == []
    assert article.title == "Portvale harbour reopens after storm repairs"
    assert article.author == "Maria Okafor"
    assert article.source == "The Coastal Ledger"  # og:site_name, not the host
    assert article.url == (
        "https://www.coastalledger.example/news/2021/03/02/portvale-harbour-reopens"
    )
    # The metadata's publication date (not the modified date, not the URL's day).
    assert article.published == dt.date(2021, 3, 3)
    assert article.path == "harbour.html"


def test_news_page_text_is_the_story_in_paragraphs(harbour):
    text = harbour[0].text
    paragraphs = text.split("\n\n")
    assert len(paragraphs) == 6
    # The dateline lead is kept whole, and the story ends with its last paragraph.
    assert paragraphs[0].startswith("PORTVALE, March 3 (Coastal Wire) — The harbour at Portvale")
    assert paragraphs[-1].endswith("bringing back about 300 jobs.")
    assert '"We lost a whole season of winter fishing," said Tomas Reyes' in text
    assert all(p == p.strip() and "\n" not in p for p in paragraphs)


@pytest.mark.parametrize(
    "furniture",
    [
        "Subscribe for 1 dollar a week",  # navigation
        "ADVERTISEMENT",  # ads, above and inside the story
        "crossword",
        "Share on Facebook",  # share bar
        "morning newsletter",  # newsletter box
        "Storm leaves Portvale sea wall in ruins",  # related links
        "grandfather fished",  # reader comments
        "waste of our money",
        "Privacy policy",  # footer
        "All rights reserved",
        "Photo: Ledger staff",  # caption
        "By Maria Okafor",  # byline
        "Portvale harbour reopens after storm repairs",  # the headline is the title
    ],
)
def test_news_page_furniture_is_gone(harbour, furniture):
    assert furniture not in harbour[0].text


def test_same_canonical_url_same_article(harbour):
    raw = (PAGES / "harbour.html").read_bytes()
    # Saved again after an edit, from another address: the page names itself the same.
    edited = raw.replace(b"about 300 jobs", b"about 320 jobs")
    again, _ = page_article(
        edited, label="copy.html", url="https://m.coastalledger.example/x", config=CONFIG
    )
    assert again.id == harbour[0].id
    assert again.text != harbour[0].text


def test_a_front_page_canonical_link_is_no_id(harbour):
    raw = (PAGES / "harbour.html").read_bytes()
    front = b"https://www.coastalledger.example/"
    moved = raw.replace(b"https://www.coastalledger.example/news/2021/03/02/portvale-harbour-reopens",
                        front)  # fmt: skip
    article, _ = page_article(moved, label="x", config=CONFIG)
    other, _ = page_article(
        moved.replace(b"about 300 jobs", b"about 320 jobs"), label="x", config=CONFIG
    )
    assert article.url == front.decode()
    assert article.id != other.id != harbour[0].id


def test_given_date_does_not_override_the_page(harbour):
    article, warnings = read("harbour.html", config=Config(default_date=dt.date(2000, 1, 2)))
    assert article.published == dt.date(2021, 3, 3) and warnings == []


# -- dates ---------------------------------------------------------------------------


def test_visible_date_only():
    article, warnings = read("visible_date.html")
    assert article.published == dt.date(2022, 6, 14)
    assert warnings == []
    assert article.title == "Library extends opening hours"
    assert article.text.startswith("The Millbrook public library will open until nine")
    assert "Bypass plans go on show" not in article.text  # sidebar
    assert "Contact the Gazette" not in article.text


def test_no_date_is_kept_with_a_warning():
    article, warnings = read("no_date.html")
    assert article.published is None
    assert warnings == [NO_DATE_WARNING] == ["no publication date found"]
    assert article.text.startswith("The Millbrook public library")
    assert article.source is None and article.url is None and article.author is None


def test_no_date_takes_the_default_date_without_warning():
    day = dt.date(2022, 6, 20)
    article, warnings = read("no_date.html", config=Config(default_date=day))
    assert article.published == day and warnings == []


def test_a_copyright_year_is_no_publication_date():
    # htmldate would fall back to 2019-01-01 from the footer.
    raw = (PAGES / "no_date.html").read_bytes().replace(b"Copyright", b"\xc2\xa9 2019")
    article, warnings = page_article(raw, label="x", config=CONFIG)
    assert article.published is None and warnings == [NO_DATE_WARNING]


def test_the_first_of_the_month_when_the_page_shows_it():
    raw = (PAGES / "no_date.html").read_bytes().replace(b"Filed in", b"Posted 1 May 2020 in")
    article, _ = page_article(raw, label="x", config=CONFIG)
    assert article.published == dt.date(2020, 5, 1)


def test_date_in_the_url_when_the_page_has_none():
    article, warnings = read("no_date.html", url="https://gazette.example/2022/06/15/library")
    assert article.published == dt.date(2022, 6, 15) and warnings == []
    assert article.source == "gazette.example"  # no site name: the host
    assert article.url == "https://gazette.example/2022/06/15/library"


def test_url_day_over_a_utc_time_stamp_a_day_later():
    # An evening story in New York: stamped in UTC after midnight, filed under its day.
    raw = (
        (PAGES / "harbour.html")
        .read_bytes()
        .replace(b"2021-03-03T09:15:00+00:00", b"2021-03-03T02:15:00+00:00")
    )
    article, _ = page_article(raw, label="x", config=CONFIG)
    assert article.published == dt.date(2021, 3, 2)  # /news/2021/03/02/ in the URL


# -- encodings and XHTML -------------------------------------------------------------


def test_charset_declared_in_meta():
    raw = (PAGES / "latin1.html").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    article, warnings = page_article(raw, label="latin1.html", config=CONFIG)
    assert warnings == []
    assert article.title == "Le festival de Sainte-Aurélie accueille 40 000 visiteurs"
    assert article.source == "L’Écho du Val"  # ’ is 0x92 in windows-1252
    assert article.author == "Hélène Dufresne"
    assert article.published == dt.date(2020, 8, 17)
    assert article.text.startswith("Le festival de musique de Sainte-Aurélie a refermé")
    assert "« Nous n’avions jamais vu autant de monde" in article.text
    assert "Partager" not in article.text and "Accueil" not in article.text


def test_utf8_wins_over_a_wrong_declaration():
    raw = '<meta charset="iso-8859-1"><p>Zürich – café</p>'.encode()
    assert decode_html(raw) == '<meta charset="iso-8859-1"><p>Zürich – café</p>'


def test_text_input_is_read_as_is():
    text = (PAGES / "latin1.html").read_bytes().decode("cp1252")
    article, _ = page_article(text, label="latin1.html", config=CONFIG)
    assert article.source == "L’Écho du Val"


def test_xhtml_page():
    article, warnings = read("bulletin.xhtml")
    assert warnings == []
    assert article.title == "Rail line to Eastfield closes for bridge works"
    assert article.published == dt.date(2018, 5, 22)
    assert article.url == "https://bulletin.example/transport/eastfield-rail-closure"
    assert article.source == "bulletin.example"
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("The railway between Northgate and Eastfield")
    assert "Share this story" not in article.text and "Archive" not in article.text


# -- what is not an article ----------------------------------------------------------


@pytest.mark.parametrize(
    "raw, code",
    [
        ((PAGES / "not_article.html").read_bytes(), "DL114"),
        (b"<html><body></body></html>", "DL114"),
        (b"<!DOCTYPE html><html><body><h1>Weather</h1><p>Sunny.</p></body></html>", "DL114"),
        (b"", "DL102"),
        (b"   \n", "DL102"),
        (b"\x00\x01\x02\xff\xfe binary", "DL103"),
    ],
)
def test_no_article_is_an_input_error(raw, code):
    with pytest.raises(InputError) as info:
        page_article(raw, label="x.html", config=CONFIG)
    assert info.value.code == code
    assert "\n" not in info.value.message


def test_no_body_error_is_in_the_catalogue():
    assert E.NO_BODY.code == "DL114"
    assert E.NO_BODY.format() == "no article text found in the HTML page"


def test_a_url_alone_is_not_fetched():
    # htmldate downloads a string that looks like a URL; the reader never hands it one.
    with pytest.raises(InputError) as info:
        page_article("https://example.com/news/story", label="x", config=CONFIG)
    assert info.value.code == "DL114"


# -- sniffing ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "head",
    [
        b"<!DOCTYPE html><html><head>",
        b"<!doctype HTML>\n<html lang=en>",
        b"\xef\xbb\xbf<!DOCTYPE html>",
        b"\n\n   <html>",
        b"<!-- saved from url=(0042)https://news.example/ -->\n<html>",
        b"<!-- a -->\n<!-- b -->\n<head><title>x</title>",
        b"<body class='story'>",
        b'<meta charset="utf-8"><title>x</title>',
        b"<article><h1>x</h1>",
        b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0',
        "<!DOCTYPE html><html>".encode("utf-16"),
        b"<HTML><HEAD><TITLE>Old page</TITLE>",
    ],
)
def test_looks_like_html(head):
    assert looks_like_html(head)


@pytest.mark.parametrize(
    "head",
    [
        b"",
        b"date 2019-11-07\nTOKYO, November 7. /TASS/. Russia and Japan ...",
        b'{"text": "<html> in a JSON string"}',
        b"id,title,text\n1,<html>,body",
        b"The <html> element is the root of a page.",
        b'<?xml version="1.0"?><rss version="2.0"><channel>',
        b"<htmlish>",
        b"<!-- a comment that never ends <html>",
        b"\x89PNG\r\n\x1a\n",
    ],
)
def test_does_not_look_like_html(head):
    assert not looks_like_html(head)


def test_sniffing_reads_only_the_first_kilobytes():
    assert not looks_like_html(b" " * 5000 + b"<html>")
    assert looks_like_html((PAGES / "harbour.html").read_bytes())
    assert looks_like_html((PAGES / "bulletin.xhtml").read_bytes())


# -- the news post-pass --------------------------------------------------------------


def test_post_pass_rules():
    blocks = [
        Block("head", "Dam opens"),
        Block("head", "Six years of work end"),
        Block("p", "By Ann Lee and Raj Patel"),
        Block("p", "Updated: 10:41 GMT"),
        Block("p", "The dam opened on Monday after six years of work, officials said."),
        Block("p", "Related: Dam costs double"),
        Block("p", "The reservoir behind it will take two years to fill."),
        Block("p", "Workers at the dam site. (AP Photo/Jane Roe)"),
        Block("p", "Have a tip? Write to the newsroom."),
        Block("p", "Ann Lee contributed reporting."),
        Block("p", "Follow us on Twitter"),
    ]
    kept = clean_blocks(blocks, title="Dam opens", author="Ann Lee")
    assert kept == [
        "The dam opened on Monday after six years of work, officials said.",
        "The reservoir behind it will take two years to fill.",
    ]
    assert clean_blocks(blocks, title="Dam opens", author="Ann Lee", rules=()) == [
        b.text for b in blocks
    ]


def test_post_pass_keeps_the_same_words_inside_the_story():
    blocks = [
        Block("p", "Share prices rose on Monday after the central bank cut rates again."),
        Block("p", "Follow-up talks are planned for March, the ministry said in a statement."),
        Block("p", "Read more about it in the report, the minister told parliament on Friday."),
    ]
    assert clean_blocks(blocks, title=None, author=None) == [b.text for b in blocks]


def test_post_pass_cuts_a_closing_list_of_headlines():
    story = [Block("p", "The council approved the budget on Tuesday by a large majority.")]
    links = [
        Block("p", "You may also like"),
        Block("p", "Bakery wins county prize"),
        Block("p", "Bypass plans go on show"),
    ]
    assert clean_blocks(story + links, title=None, author=None) == [story[0].text]


def test_rights_rule_is_measured_but_off():
    assert "rights" in ALL_RULES and "rights" not in RULES
    assert set(RULES) <= set(ALL_RULES) | {SPLIT_BODY}


SPLIT_PAGE = """<html><head><title>Tide gauge</title></head><body>
<nav><a href="/">Home</a> <a href="/science">Science</a></nav>
<div class="story"><div class="chunks">
  <div class="row"><div class="body-part">
    <p>The tide gauge at Portvale has recorded the highest spring tide in forty years of measurements, the coastal survey said on Friday morning.</p>
    <p>Water rose 42 centimetres above the predicted level, flooding the car park by the old customs house and the lower promenade.</p>
  </div></div>
  <div class="ad-slot"><p>Advertisement</p></div>
  <div class="row"><div class="body-part">
    <p>Survey scientists said the surge came from a deep low in the Atlantic that pushed water towards the coast for three days in a row.</p>
    <p>They expect the gauge, installed in 1984, to be replaced next year by a radar sensor that can report the level every minute.</p>
  </div></div>
</div></div>
<div class="teasers"><div class="body-part"><p>Short teaser text.</p></div></div>
</body></html>"""


def test_split_body_recovers_the_other_parts():
    from lxml.html import document_fromstring

    tree = document_fromstring(SPLIT_PAGE)
    first = [
        Block("p", "The tide gauge at Portvale has recorded the highest spring tide in forty"
              " years of measurements, the coastal survey said on Friday morning."),
        Block("p", "Water rose 42 centimetres above the predicted level, flooding the car park"
              " by the old customs house and the lower promenade."),
    ]  # fmt: skip
    got = [b.text for b in recover_split_body(first, tree)]
    assert len(got) == 4
    assert got[:2] == [b.text for b in first]
    assert got[2].startswith("Survey scientists said the surge")
    assert got[3].startswith("They expect the gauge")
    # Nothing to add when every part is extracted; nothing from another kind of box.
    assert recover_split_body([Block("p", t) for t in got], tree) == [Block("p", t) for t in got]


def test_split_page_reads_whole():
    article, _ = page_article(SPLIT_PAGE, label="split.html", config=CONFIG)
    assert article.text.startswith("The tide gauge at Portvale")
    assert "radar sensor" in article.text and "Survey scientists" in article.text
    assert "Advertisement" not in article.text and "teaser" not in article.text


def test_compose_text_needs_a_sentence():
    with pytest.raises(InputError) as info:
        compose_text([Block("p", "Home"), Block("item", "Sport news")], title=None, author=None)
    assert info.value.code == "DL114"


def test_extract_page_keeps_blocks_for_measurement():
    page = extract_page((PAGES / "harbour.html").read_bytes(), rules=())
    assert page.blocks[0] == Block("head", "Portvale harbour reopens after storm repairs")
    assert page.text.split("\n\n")[0] == page.blocks[0].text  # no rule: the heading stays


# -- the author field through records, the JSON contract and the store ---------------


def test_author_in_records_and_json_contract():
    record = {"text": "Body text.", "author": "  Jane Roe ", "date": "2020-01-02"}
    article = article_from_record(record, path="a.jsonl:1", default_date=None)
    assert article.author == "Jane Roe"
    assert article_from_record({"text": "Body."}, path="p", default_date=None).author is None
    d = work_dict(Work(article=article))
    assert d["author"] == "Jane Roe"
    assert list(d)[:8] == ["id", "title", "published", "source", "url", "path", "author", "text"]


def test_author_stored_and_read_back(tmp_path, harbour):
    store = SQLiteStore(str(tmp_path / "t.db"), create=True)
    store.save([Work(article=harbour[0])])
    got = store.get_article(harbour[0].id)
    assert got["author"] == "Maria Okafor"
    assert got["text"] == harbour[0].text
    no_author = dataclasses.replace(harbour[0], id="other", author=None)
    store.save([Work(article=no_author)])
    assert store.get_article("other")["author"] is None
    store.close()
    c = sqlite3.connect(tmp_path / "t.db")
    assert max(v for (v,) in c.execute("SELECT version FROM schema_migrations")) >= 8
    c.close()
