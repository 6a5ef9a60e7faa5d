"""Sitemaps and sitemap indexes, plain and gzip'd, with news dates; bounded."""

from __future__ import annotations

import datetime as dt
import gzip

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.errors import InputError
from dateline.ingest import sitemaps
from dateline.ingest.sitemaps import Sitemap, looks_like_sitemap, parse_sitemap

URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"
        xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
  <url>
    <image:image><image:loc>https://n.example/pic.jpg</image:loc></image:image>
    <loc> https://n.example/2019/11/07/harbour </loc>
    <lastmod>2019-11-09T08:00:00+00:00</lastmod>
    <news:news>
      <news:publication><news:name>N</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2019-11-07T23:30:00-08:00</news:publication_date>
      <news:title>Harbour</news:title>
    </news:news>
  </url>
  <url><loc>https://n.example/about</loc><lastmod>2019-11</lastmod></url>
  <url><loc>https://n.example/undated</loc></url>
  <url><loc>/relative/is/left/out</loc></url>
  <url><loc>https://n.example/bad-date</loc><lastmod>2019-13-45</lastmod></url>
</urlset>
"""

INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sm:sitemapindex xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sm:sitemap><sm:loc>https://n.example/sitemap-news.xml.gz</sm:loc>
    <sm:lastmod>2019-11-07</sm:lastmod></sm:sitemap>
  <sm:sitemap><sm:loc>https://n.example/sitemap-2019.xml</sm:loc></sm:sitemap>
</sm:sitemapindex>
"""


def test_urlset_with_news_dates():
    sm = parse_sitemap(URLSET, label="sitemap.xml")
    assert sm == Sitemap(urls=[
        ("https://n.example/2019/11/07/harbour", dt.date(2019, 11, 7)),  # news date, as written
        ("https://n.example/about", None),
        ("https://n.example/undated", None),
        ("https://n.example/bad-date", None),
    ], sitemaps=[])


def test_index_with_a_prefix():
    sm = parse_sitemap(INDEX, label="index.xml")
    assert sm.urls == []
    assert sm.sitemaps == ["https://n.example/sitemap-news.xml.gz", "https://n.example/sitemap-2019.xml"]


def test_gzipped():
    assert parse_sitemap(gzip.compress(URLSET), label="s.xml.gz") == parse_sitemap(URLSET, label="s")
    assert looks_like_sitemap(gzip.compress(URLSET * 20)[:400])  # a head cut short


def test_looks_like_sitemap():
    assert looks_like_sitemap(URLSET[:120]) and looks_like_sitemap(INDEX)
    assert not looks_like_sitemap(b'<rss version="2.0">')
    assert not looks_like_sitemap(b"<html><body>urlset</body></html>")
    assert not looks_like_sitemap(b"\x1f\x8bnot really gzip")


@pytest.mark.parametrize(("data", "says"), [
    (b"<html><body></body></html>", "the root is <html>"),
    (b"<urlset><url><loc>https://x/</loc>", "malformed XML"),
    (b"", "malformed XML"),
    (b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>'
     b"<urlset><url><loc>https://x/&b;</loc></url></urlset>", "declares XML entities"),
    (b"\x1f\x8b\x08\x00garbage", "broken gzip data"),
])
def test_not_a_sitemap(data, says):
    with pytest.raises(InputError) as info:
        parse_sitemap(data, label="x.xml")
    assert info.value.code == "DL129" and says in info.value.message


def test_more_urls_than_the_protocol_allows(monkeypatch):
    # The real limit (50,000) with a lower bound set for speed: the same code path.
    monkeypatch.setattr(sitemaps, "MAX_URLS", 3)
    body = b"".join(b"<url><loc>https://x.example/%d</loc></url>" % i for i in range(4))
    with pytest.raises(InputError) as info:
        parse_sitemap(b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                      + body + b"</urlset>", label="big.xml")
    assert info.value.code == "DL130" and "more than 3 URLs" in info.value.message


def test_the_real_limit_is_the_protocols():
    assert sitemaps.MAX_URLS == 50_000
    body = b"<url><loc>https://x.example/p</loc></url>" * 50_001
    with pytest.raises(InputError) as info:
        parse_sitemap(b"<urlset>" + body + b"</urlset>", label="big.xml")
    assert "more than 50,000 URLs" in info.value.message


def test_a_gzip_bomb_is_cut():
    bomb = gzip.compress(b"<urlset>" + b" " * (sitemaps.MAX_UNPACKED_BYTES + 10) + b"</urlset>")
    with pytest.raises(InputError) as info:
        parse_sitemap(bomb, label="bomb.xml.gz")
    assert info.value.code == "DL130" and "bytes unpacked" in info.value.message


XMLISH = st.lists(st.sampled_from([
    b"<urlset>", b"<url>", b"</url>", b"<loc>", b"</loc>", b"http://x/", b"<sitemapindex>",
    b"<sitemap>", b"<lastmod>2019-02-30</lastmod>", b"&amp;", b"\x00", b"\x1f\x8b",
    b"<!DOCTYPE x [<!ENTITY a 'b'>]>", b"&a;", b"</urlset>",
]) | st.binary(max_size=20), max_size=25).map(b"".join)


@settings(max_examples=150, deadline=None)
@given(XMLISH)
def test_any_bytes_give_a_sitemap_or_an_input_error(data):
    try:
        sm = parse_sitemap(data, label="x.xml")
    except InputError as exc:
        assert exc.code in ("DL129", "DL130") and "\n" not in exc.message
    else:
        assert all(u.startswith("http") for u, _ in sm.urls)
    looks_like_sitemap(data)
