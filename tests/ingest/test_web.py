"""URLs, URL lists and feeds read through ``read_paths`` and ``ingest``, from a real
HTTP server on 127.0.0.1."""

from __future__ import annotations

import json

from dateline.api import ingest
from dateline.config import Config
from dateline.ingest import read_paths
from dateline.records import Article, Failure, Notice, Skipped
from tests.ingest.local_site import _send, serve

FAST = {"fetch_delay": 0.0, "fetch_timeout": 5.0, "fetch_retries": 0}
BODY = "<p>" + "The harbour authority said on Tuesday that the port would reopen. " * 12 + "</p>"

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Harbour Gazette</title><link>http://gazette.test/</link>
<item><guid>urn:gazette:1</guid><title>Port to reopen</title>
<pubDate>Tue, 05 May 2020 09:00:00 +0100</pubDate>
<content:encoded><![CDATA[{BODY}]]></content:encoded></item>
<item><guid>urn:gazette:2</guid><title>Storm damage counted</title>
<pubDate>Wed, 06 May 2020 09:00:00 +0100</pubDate>
<content:encoded><![CDATA[{BODY.replace("reopen", "stay shut")}]]></content:encoded></item>
</channel></rss>""".encode()


def jsonl(*texts: str) -> bytes:
    return "".join(json.dumps({"text": t, "date": "2020-05-05"}) + "\n" for t in texts).encode()


def test_a_feed_url_gives_one_article_per_entry():
    with serve() as site:
        site.extra["/feed"] = lambda h, n: _send(h, 200, RSS, "application/rss+xml")
        items = list(read_paths([site.url("/feed")], config=Config(**FAST)))
    arts = [i for i in items if isinstance(i, Article)]
    assert [a.title for a in arts] == ["Port to reopen", "Storm damage counted"]
    assert str(arts[0].published) == "2020-05-05" and arts[0].source == "Harbour Gazette"
    assert "port would reopen" in arts[0].text and "<p>" not in arts[0].text


def test_a_url_list_reads_every_url_and_names_the_bad_ones(tmp_path):
    with serve() as site:
        site.extra["/a.jsonl"] = lambda h, n: _send(h, 200, jsonl("First story.", "Second."), "application/x-ndjson")
        lst = tmp_path / "urls.txt"
        lst.write_text(f"# today's list\n{site.url('/a.jsonl')}\nftp://nope.test/x\n\n{site.url('/missing')}\n")
        items = list(read_paths([], url_lists=[lst], config=Config(**FAST)))
    texts = sorted(i.text for i in items if isinstance(i, Article))
    assert texts == ["First story.", "Second."]
    fails = {f.code: f for f in items if isinstance(f, Failure)}
    assert fails["DL131"].item == f"{lst}:3"  # the bad line, named by its line
    assert fails["DL120"].item.endswith("/missing") and "404" in fails["DL120"].reason


def test_ingesting_a_url_again_sends_a_conditional_request(tmp_path):
    config = Config(db=str(tmp_path / "s.db"), stages=("dateline",), **FAST)
    with serve() as site:
        def answer(h, n):
            if h.headers.get("If-None-Match") == '"v1"':
                return _send(h, 304, ctype=None, ETag='"v1"')
            return _send(h, 200, jsonl("Only story."), "application/x-ndjson", ETag='"v1"')

        site.extra["/news.jsonl"] = answer
        first = ingest([site.url("/news.jsonl")], config=config)
        second = ingest([site.url("/news.jsonl")], config=config)
        asked = [h.headers.get("If-None-Match") for h in site.hits if h.path == "/news.jsonl"]
    assert (first.new, first.failed) == (1, 0)
    assert (second.new, second.unchanged, second.failed) == (0, 1, 0)
    assert asked == [None, '"v1"']


def test_a_local_feed_file_keeps_its_summaries(tmp_path):
    feed = RSS.replace(b"content:encoded", b"description")
    path = tmp_path / "gazette.rss"
    path.write_bytes(feed)
    items = list(read_paths([path], config=Config(**FAST)))
    assert [type(i) for i in items] == [Article, Article]
    assert items[0].path == f"{path}#1"


def test_unknown_xml_is_refused_in_one_line(tmp_path):
    path = tmp_path / "data.xml"
    path.write_text("<?xml version='1.0'?><inventory><item/></inventory>")
    (f,) = list(read_paths([path], config=Config()))
    assert isinstance(f, Failure) and f.code == "DL111"
    assert not isinstance(f, Notice | Skipped)


def news_page(title: str, day: str) -> bytes:
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>"
        f'<meta property="article:published_time" content="{day}"></head><body>'
        f"<nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{BODY}</article>"
        f"<footer>Follow us on social media</footer></body></html>"
    ).encode()


def test_a_summary_only_feed_from_the_web_has_its_pages_fetched():
    with serve() as site:
        rss = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette</title>
<item><guid>urn:g:1</guid><title>Port to reopen</title><link>{site.url('/story/1')}</link>
<description>The port will reopen.</description><pubDate>Tue, 05 May 2020 09:00:00 GMT</pubDate></item>
<item><guid>urn:g:2</guid><title>Gone</title><link>{site.url('/story/gone')}</link>
<description>A story whose page is gone.</description><pubDate>Tue, 05 May 2020 10:00:00 GMT</pubDate></item>
</channel></rss>""".encode()
        site.extra["/feed"] = lambda h, n: _send(h, 200, rss, "application/rss+xml")
        site.extra["/story/1"] = lambda h, n: _send(h, 200, news_page("Port to reopen", "2020-05-05"))
        items = list(read_paths([site.url("/feed")], config=Config(**FAST)))
    arts = [i for i in items if isinstance(i, Article)]
    page = next(a for a in arts if a.url and a.url.endswith("/story/1"))
    assert "port would reopen" in page.text and "Home" not in page.text  # the page, not the summary
    kept = next(a for a in arts if a.title == "Gone")
    assert kept.text == "A story whose page is gone."  # its page 404s: the summary is kept
    (note,) = [i for i in items if isinstance(i, Notice)]
    assert note.code == "DL145" and "404" in note.reason


def test_a_sitemap_url_gives_its_pages():
    with serve() as site:
        urls = "".join(f"<url><loc>{site.url(f'/news/{k}')}</loc></url>" for k in (1, 2))
        sitemap = f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
        site.extra["/sitemap.xml"] = lambda h, n: _send(h, 200, sitemap.encode(), "application/xml")
        for k in (1, 2):
            site.extra[f"/news/{k}"] = lambda h, n, k=k: _send(h, 200, news_page(f"Story {k}", f"2020-05-0{k}"))
        items = list(read_paths([site.url("/sitemap.xml")], config=Config(**FAST)))
    assert sorted(a.title for a in items if isinstance(a, Article)) == ["Story 1", "Story 2"]


def test_an_html_url_is_a_page_with_its_date():
    with serve() as site:
        site.extra["/a/story"] = lambda h, n: _send(h, 200, news_page("Harbour reopens", "2020-05-05"))
        (art,) = list(read_paths([site.url("/a/story")], config=Config(**FAST)))
    assert art.title == "Harbour reopens" and str(art.published) == "2020-05-05"
    assert art.url.endswith("/a/story") and art.path.endswith("/a/story")
