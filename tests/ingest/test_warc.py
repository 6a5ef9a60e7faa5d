"""Web archives (WARC): each HTML response is a page; everything else is passed over."""

from __future__ import annotations

import io

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dateline.config import Config
from dateline.ingest import read_paths
from dateline.records import Article, Failure, Notice

STORY = (
    "<p>The harbour authority said on Tuesday that the port would reopen next week after the storm."
    " Ships have waited offshore for five days.</p><p>Repairs to the main pier cost more than"
    " expected, the authority's director told reporters at a briefing in the port offices.</p>"
)


def page(title: str, date: str | None) -> bytes:
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>{meta}</head><body>"
        f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{STORY}</article>"
        f"<footer>Copyright The Harbour Times. All rights reserved.</footer></body></html>"
    ).encode()


def write_warc(path, gz: bool) -> None:
    with path.open("wb") as f:
        w = WARCWriter(f, gzip=gz)

        def response(url: str, body: bytes, status: str = "200 OK", ctype: str = "text/html; charset=utf-8"):
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http))

        get = StatusAndHeaders("GET /a HTTP/1.1", [("Host", "t.test")], is_http_request=True)
        w.write_record(w.create_warc_record("https://t.test/a", "request", payload=io.BytesIO(b""), http_headers=get))
        response("https://t.test/a", page("Port to reopen", "2020-05-05"))
        response("https://t.test/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(40), ctype="image/png")
        response("https://t.test/old", b"", status="301 Moved Permanently")
        response("https://t.test/b", page("Pier repairs cost more", None))
        response("https://t.test/empty", b"<html><body><nav>Home</nav></body></html>")


def test_a_warc_gives_its_html_pages(tmp_path):
    for gz in (True, False):
        path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
        write_warc(path, gz)
        items = list(read_paths([path], config=Config()))
        arts = [i for i in items if isinstance(i, Article)]
        assert [a.title for a in arts] == ["Port to reopen", "Pier repairs cost more"]
        assert arts[0].url == "https://t.test/a" and str(arts[0].published) == "2020-05-05"
        assert "Copyright" not in arts[0].text and "Home" not in arts[0].text
        assert arts[1].published is None
        (warn,) = [i for i in items if isinstance(i, Notice)]
        assert warn.code == "DL144" and warn.item.startswith(f"{path}@")
        (fail,) = [i for i in items if isinstance(i, Failure)]
        assert fail.code == "DL114" and fail.item.startswith(f"{path}@")


def test_a_gzip_warc_without_its_suffix_is_recognised(tmp_path):
    path = tmp_path / "crawl-0001"
    write_warc(path, True)
    assert sum(isinstance(i, Article) for i in read_paths([path], config=Config())) == 2


def test_a_damaged_warc_fails_in_one_line(tmp_path):
    path = tmp_path / "bad.warc"
    path.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 999999\r\n\r\nshort")
    items = list(read_paths([path], config=Config()))
    assert items and all(isinstance(i, Failure) and "\n" not in str(i) for i in items)
