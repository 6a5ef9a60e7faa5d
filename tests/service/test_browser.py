"""The web application in headless Chromium: the reader's path from a search to the sentence,
hostile articles that must run no script, and screenshots of the main pages."""

from __future__ import annotations

import json
import re

import pytest

from dateline.api import ingest
from dateline.config import Config
from tests.service.browser import browser_page, running_server, screenshot

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def server(sample_db):
    with running_server(sample_db) as base:
        yield base


def test_search_article_entity_timeline_and_back_to_the_sentence(server):
    with browser_page() as page:
        page.goto(server + "/")
        screenshot(page, "home")
        page.fill("#q", "president")
        page.press("#q", "Enter")
        page.wait_for_url(re.compile(r"/search\?q=president"))
        assert page.locator(".result").count() > 0
        assert page.locator(".snippet mark").count() > 0
        screenshot(page, "search")
        page.locator(".result h2 a").first.click()
        page.wait_for_url(re.compile(r"/articles/"))
        person = page.locator("a.ent-person").first
        assert person.count() == 1
        screenshot(page, "article")
        person.click()
        page.wait_for_url(re.compile(r"/entities/\d+"))
        name = page.locator("h1").inner_text().split("\n")[0]
        screenshot(page, "entity")
        page.get_by_role("link", name="timeline", exact=True).first.click()
        page.wait_for_url(re.compile(r"/timeline\?entity="))
        entries = page.locator("li.entry")
        assert entries.count() > 0, f"no timeline for {name}"
        page.wait_for_selector(".tl-svg .tl-item")  # the zoomable axis drew the entries
        screenshot(page, "timeline")
        # A bar on the axis opens its entry in the list.
        page.locator(".tl-svg .tl-item .tl-bar").last.click()
        opened = entries.last.locator("details")
        assert opened.get_attribute("open") is not None
        source = opened.locator("a.source").first
        href = source.get_attribute("href")
        start, end = (int(x) for x in re.search(r"hl=(\d+)-(\d+)", href).groups())
        source.click()
        page.wait_for_url(re.compile(r"/articles/.*hl="))
        mark = page.locator("mark#hl")
        assert mark.count() == 1 and mark.is_visible()
        assert page.evaluate("document.activeElement && document.activeElement.id") == "hl"
        stored = page.evaluate("fetch(location.pathname.replace('/articles/', '/api/v1/articles/')).then(r => r.json())")
        highlighted = "".join(page.locator(".hl").all_inner_texts())
        assert highlighted.replace("\n", " ").split() == stored["text"][start:end].split()
        assert not page.dialogs and not page.console_errors


def test_zoom_keyboard_and_phone_width(server):
    with browser_page() as page:
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(server + "/timeline?q=election&max_dates=8")
        page.wait_for_selector(".tl-svg .tl-item")
        before = page.locator(".tl-svg .tick-label").all_inner_texts()
        page.click("[data-zoom=in]")
        page.click("[data-zoom=in]")
        assert page.locator(".tl-svg .tick-label").all_inner_texts() != before
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390 + 1, f"the page scrolls sideways at phone width ({width}px)"
        screenshot(page, "timeline-phone")
        # Keyboard: the first entry's summary is reachable and opens with Enter.
        page.locator("li.entry summary").nth(1).focus()
        page.keyboard.press("Enter")
        assert page.locator("li.entry details").nth(1).get_attribute("open") is not None


PAYLOADS = {
    "title": 'Hostile <script>window.__xss="title"; alert("title")</script> headline',
    "url": 'javascript:window.__xss="url";alert("url")',
    "text": (
        'LONDON, May 5. Minister Jane Doe said "<img src=x onerror=alert(1)> is not a plan" '
        'on Tuesday. <script>alert("text")</script> Doe added <a href="javascript:alert(2)">this</a>. '
        '<svg onload=alert(3)></svg> The <b onmouseover=alert(4)>talks</b> resume in late June.'
    ),
}


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    source = folder / "hostile.jsonl"
    source.write_text(json.dumps({**PAYLOADS, "published": "2020-05-05", "source": "<i>x</i>"}) + "\n")
    db = folder / "hostile.db"
    report = ingest([source], config=Config(db=str(db)))
    assert report.new == 1, report.failures
    return db


def test_hostile_article_runs_no_script_on_any_page(hostile_db):
    with running_server(hostile_db) as base, browser_page() as page:
        article = json.loads(page.context.request.get(base + "/api/v1/articles?limit=1").text())["items"][0]
        entity = json.loads(page.context.request.get(base + "/api/v1/entities?type=PERSON&limit=1").text())["items"]
        pages = ["/", "/search?q=minister", f"/articles/{article['id']}", "/quotes",
                 "/timeline?q=talks", "/stories", "/entities"]
        pages += [f"/entities/{e['id']}" for e in entity]
        for path in pages:
            page.goto(base + path)
            page.wait_for_load_state("load")
            # hover everything that could carry a handler
            for handle in page.locator("main *").all()[:80]:
                try:
                    handle.hover(timeout=500)
                except Exception:  # noqa: BLE001 (hidden or detached elements cannot be hovered)
                    pass
            assert page.evaluate("typeof window.__xss") == "undefined", path
            scripts = page.evaluate("Array.from(document.scripts).map(s => s.src || s.textContent)")
            assert all(s.startswith(base + "/static/") for s in scripts), (path, scripts)
            hrefs = page.evaluate("Array.from(document.querySelectorAll('[href]')).map(a => a.getAttribute('href'))")
            assert not [h for h in hrefs if h.strip().lower().startswith("javascript:")], path
            handlers = page.evaluate(
                "Array.from(document.querySelectorAll('*')).flatMap(e => Array.from(e.attributes)"
                ".filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name))"
            )
            assert handlers == [], (path, handlers)
        assert page.dialogs == []
        page.goto(base + f"/articles/{article['id']}")
        assert "<script>" in page.locator("h1").inner_text()  # shown as text, not run
        screenshot(page, "hostile-article")
