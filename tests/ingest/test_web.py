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
