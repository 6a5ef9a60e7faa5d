"""The web pages over the bundled sample, as HTML (the browser tests drive them for real)."""

from __future__ import annotations

import csv
import io
import re

import pytest


def _first_article(client, q="said"):
    return client.get("/api/v1/articles", params={"q": q, "limit": 1}).json()["items"][0]


def test_home_shows_the_store(client):
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert 'name="q"' in page.text and "articles" in page.text
    assert re.search(r'href="/entities/\d+"', page.text)


def test_search_page_has_results_facets_and_marks(client):
    page = client.get("/search", params={"q": "election"})
    assert page.status_code == 200
    assert page.text.count('class="result"') > 0 and "<mark>" in page.text
    assert "People" in page.text and 'class="histogram"' in page.text


def test_article_page_marks_facts_and_highlights_a_range(client):
    a = client.get(f"/api/v1/articles/{_first_article(client)['id']}").json()
    q = a["quotes"][0] if a["quotes"] else {"start": 0, "end": 20}
    page = client.get(f"/articles/{a['id']}", params={"hl": f"{q['start']}-{q['end']}"})
    assert page.status_code == 200
    assert page.text.count('id="hl"') == 1 and 'class="ent ent-' in page.text
    assert re.search(r'<time class="timex" title="TIMEX3 ', page.text) or not a["timexes"]


@pytest.mark.parametrize("hl", ["abc", "5-2", "0-99999999"])
def test_a_bad_highlight_is_a_one_line_error_page(client, hl):
    a = _first_article(client)
    page = client.get(f"/articles/{a['id']}", params={"hl": hl})
    assert page.status_code == 400 and "[DL204]" in page.text and "Traceback" not in page.text


def test_unknown_pages_are_html_404s(client):
    for path in ("/articles/no-such-article", "/nowhere", "/entities/99999999"):
        page = client.get(path)
        assert page.status_code == 404 and page.headers["content-type"].startswith("text/html"), path
        assert 'role="alert"' in page.text


def test_entity_page(client):
    top = client.get("/api/v1/entities", params={"type": "PERSON", "sort": "articles", "limit": 1}).json()["items"][0]
    page = client.get(f"/entities/{top['id']}")
    assert page.status_code == 200
    assert top["name"] in page.text and "Mentioned over time" in page.text and "<svg" in page.text
    assert 'data-src="/api/v1/timeline?entity=' in page.text


def test_timeline_page_and_its_exports(client):
    page = client.get("/timeline", params={"q": "election", "max_dates": 5})
    assert page.status_code == 200
    entries = re.findall(r'<li class="entry" id="t\d+" data-date="([^"]+)"', page.text)
    assert entries and 'href="/articles/' in page.text and "?hl=" in page.text
    as_json = client.get("/timeline", params={"q": "election", "max_dates": 5, "format": "json"})
    assert [e["date"] for e in as_json.json()["entries"]] == entries
    as_csv = client.get("/timeline", params={"q": "election", "max_dates": 5, "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(as_csv.text)))
    assert {r["date"] for r in rows} == set(entries)
    md = client.get("/timeline", params={"q": "election", "max_dates": 5, "format": "md"})
    assert md.headers["content-type"].startswith("text/markdown") and md.text.startswith("#")
    html = client.get("/timeline", params={"q": "election", "max_dates": 5, "format": "html"})
    assert "attachment" in html.headers["content-disposition"]


def test_timeline_page_without_a_query_explains_itself(client):
    page = client.get("/timeline")
    assert page.status_code == 200 and "Give keywords" in page.text


def test_story_quote_and_entity_lists(client):
    assert 'href="/stories/' in client.get("/stories").text
    story = client.get("/api/v1/stories", params={"limit": 1}).json()["items"][0]
    page = client.get(f"/stories/{story['id']}")
    assert page.status_code == 200 and page.text.count('href="/articles/') == story["size"]
    quotes = client.get("/quotes", params={"kind": "direct"})
    assert quotes.status_code == 200 and "quote-item" in quotes.text
    assert 'href="/entities/' in client.get("/entities", params={"type": "PERSON"}).text


def test_the_dateline_line_names_only_what_is_known(client):
    seed = _first_article(client, q="Kuril")
    page = client.get(f"/articles/{seed['id']}").text
    assert re.search(r'dateline: <span class="dl-info">Tokyo, 2019-11-07, TASS</span>', page)
    # A Wikinews story opens with its date alone: no empty place before the comma.
    chirac = _first_article(client, q="Chirac")
    page = client.get(f"/articles/{chirac['id']}").text
    assert 'dateline: <span class="dl-info">, ' not in page
    assert re.search(r'dateline: <span class="dl-info">\d{4}-\d{2}-\d{2}</span>', page)


def test_counts_agree_with_their_nouns():
    from dateline.service.pages import counted

    assert [counted(n, "article") for n in (0, 1, 2, 1204)] == [
        "0 articles", "1 article", "2 articles", "1,204 articles"
    ]
