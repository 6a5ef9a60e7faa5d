"""Feeds in every format, with odd dates and encodings, written here by hand."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.config import Config
from dateline.errors import InputError
from dateline.ingest.feeds import (
    Feed,
    FeedEntry,
    entry_article,
    html_to_text,
    looks_like_feed,
    parse_feed,
)

LONG = " ".join(["The council met on Thursday to discuss the harbour works."] * 10)

RSS091_LATIN1 = f"""<?xml version="1.0" encoding="ISO-8859-1"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
  "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel>
<title>Le Journal de Genève</title><link>http://journal.example/</link>
<description>Nouvelles</description><language>fr</language>
<item><title>Café à Genève</title><link>http://journal.example/cafe</link>
<description>Un résumé très court.</description></item>
<item><title>Le lac gelé</title><link>http://journal.example/lac</link>
<description>{LONG}</description></item>
</channel></rss>
""".encode("iso-8859-1")

RSS20 = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Wire Service</title><link>https://wire.example/</link>
<description>All the news</description>
<item>
  <title>Harbour &amp; council</title>
  <link>/news/harbour</link>
  <guid isPermaLink="false">wire-1001</guid>
  <pubDate>Thu, 07 Nov 2019 23:30:00 -0800</pubDate>
  <dc:creator>Jane Roe</dc:creator>
  <description>The council met.</description>
  <content:encoded><![CDATA[<p>{LONG}</p><p>Second paragraph &amp; more.</p>
    <script>track()</script>]]></content:encoded>
</item>
<item>
  <title>Odd zone</title><link>https://wire.example/news/odd</link>
  <pubDate>Fri, 8 Nov 2019 01:00:00 MSK</pubDate>
  <description>Only a teaser.</description>
</item>
<item>
  <title>Two-digit year and EST</title><link>https://wire.example/news/est</link>
  <pubDate>Sat, 09 Nov 19 22:00:00 EST</pubDate>
  <description>Teaser.</description>
</item>
<item><description>No title, no link: only words here.</description></item>
<item></item>
</channel></rss>
""".encode()

ATOM_UTF16 = f"""<?xml version="1.0" encoding="utf-16"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>Atom Times — Zürich</title>
  <link href="https://atom.example/"/>
  <id>urn:uuid:60a76c80-d399-11d9-b91C-0003939e0af6</id>
  <updated>2019-11-07T10:00:00Z</updated>
  <entry>
    <title type="html">&lt;b&gt;Bold&lt;/b&gt; claims</title>
    <id>tag:atom.example,2019:1</id>
    <link href="https://atom.example/1"/>
    <published>2019-11-07T23:30:00-05:00</published>
    <updated>2019-11-09T08:00:00Z</updated>
    <author><name>A. Writer</name></author>
    <summary>Short summary.</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>{LONG}</p></div></content>
  </entry>
  <entry>
    <title>Updated only</title><id>tag:atom.example,2019:2</id>
    <link rel="alternate" href="/2"/>
    <updated>2019-11-06</updated>
    <content type="text">A plain text body that is short.</content>
  </entry>
</feed>
""".encode("utf-16")

RDF10 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://rdf.example/">
    <title>RDF Daily</title><link>https://rdf.example/</link><description>d</description>
    <items><rdf:Seq><rdf:li resource="https://rdf.example/1"/></rdf:Seq></items>
  </channel>
  <item rdf:about="https://rdf.example/1">
    <title>First</title><link>https://rdf.example/1</link>
    <dc:date>2019-11-05T09:00+09:00</dc:date><dc:creator>Editor</dc:creator>
    <description>A summary.</description>
  </item>
  <item rdf:about="https://rdf.example/2">
    <title>No date</title><link>https://rdf.example/2</link>
    <dc:date>sometime last week</dc:date>
  </item>
</rdf:RDF>
"""


def test_rss091_in_latin1():
    feed = parse_feed(RSS091_LATIN1, url=None, label="journal.xml")
    assert feed.title == "Le Journal de Genève" and feed.link == "http://journal.example/"
    short, long = feed.entries
    assert short.title == "Café à Genève" and short.content == "Un résumé très court."
    assert short.guid == "http://journal.example/cafe"  # no guid: the link
    assert short.summary_only and short.published is None
    assert long.summary_only and len(long.content or "") > 400  # no full content element


def test_rss20_with_content_encoded():
    feed = parse_feed(RSS20, url="https://wire.example/feed.xml", label="wire")
    assert feed.title == "Wire Service"
    first, odd, est, untitled = feed.entries
    assert first == FeedEntry(
        guid="wire-1001", link="https://wire.example/news/harbour", title="Harbour & council",
        published=dt.date(2019, 11, 7),  # the day as written, not 8 Nov in UTC
        author="Jane Roe", content=first.content, content_is_html=True, summary_only=False)
    assert "<p>" in (first.content or "")
    assert odd.published == dt.date(2019, 11, 8) and odd.summary_only
    assert odd.guid == "https://wire.example/news/odd"
    assert est.published == dt.date(2019, 11, 9)
    assert untitled.title is None and untitled.link is None
    assert len(untitled.guid) == 16  # a hash of title and content
    (empty,) = feed.failures
    assert empty.item == "wire#5" and empty.code == "DL132"


def test_atom_in_utf16():
    feed = parse_feed(ATOM_UTF16, url=None, label="atom.xml")
    assert feed.title == "Atom Times — Zürich"
    bold, plain = feed.entries
    assert bold.title == "Bold claims" and bold.author == "A. Writer"
    assert bold.published == dt.date(2019, 11, 7)  # published wins over updated
    assert bold.content_is_html and not bold.summary_only and bold.guid == "tag:atom.example,2019:1"
    assert plain.published == dt.date(2019, 11, 6)
    assert plain.link == "https://atom.example/2"  # relative: against the feed's link
    assert not plain.content_is_html and plain.summary_only


def test_rdf10():
    feed = parse_feed(RDF10, url=None, label="rdf.xml")
    assert feed.title == "RDF Daily"
    first, undated = feed.entries
    assert first.published == dt.date(2019, 11, 5) and first.author == "Editor"
    assert first.guid == "https://rdf.example/1" and first.summary_only
    assert undated.published is None and undated.content is None


@pytest.mark.parametrize(
    "data",
    [b"<html><body><p>A web page</p></body></html>", b"\x00\x01\x02 not xml at all",
     b"", b'<rss version="2.0"><channel><title>cut off'],
)
def test_not_a_feed(data):
    with pytest.raises(InputError) as info:
        parse_feed(data, url=None, label="x.xml")
    assert info.value.code == "DL128" and "\n" not in info.value.message


def test_a_broken_feed_keeps_the_entries_it_has():
    feed = parse_feed(b"<rss><channel><item><title>Cut</title><link>https://c.example/1</link>"
                      b"</item><item><title>x</titl", url=None, label="cut.xml")
    assert feed.entries[0].link == "https://c.example/1"


def test_an_empty_feed_is_not_an_error():
    feed = parse_feed(b'<rss version="2.0"><channel><title>Quiet</title></channel></rss>',
                      url=None, label="q.xml")
    assert feed.title == "Quiet" and feed.entries == [] and feed.failures == []


def test_looks_like_feed():
    assert looks_like_feed(RSS091_LATIN1) and looks_like_feed(RSS20[:300])
    assert looks_like_feed(ATOM_UTF16[:400]) and looks_like_feed(RDF10[:200])
    assert looks_like_feed(b"\xef\xbb\xbf<!-- c --><?xml-stylesheet href='s.xsl'?><rss>")
    assert not looks_like_feed(b'<feed xmlns="http://example.org/other">')
    assert not looks_like_feed(b'<!DOCTYPE html><html><link type="application/rss+xml">')
    assert not looks_like_feed(b'<?xml version="1.0"?><urlset xmlns="x">')
    assert not looks_like_feed(b"")


def test_entry_article_from_full_content():
    feed = parse_feed(RSS20, url="https://wire.example/feed.xml", label="wire")
    art = entry_article(feed.entries[0], feed=feed, label="wire#1", config=Config())
    assert art.text.startswith("The council met on Thursday")
    assert art.text.endswith("\n\nSecond paragraph & more.") and "track()" not in art.text
    assert (art.title, art.published, art.source) == (
        "Harbour & council", dt.date(2019, 11, 7), "Wire Service")
    assert art.url == "https://wire.example/news/harbour" and art.path == "wire#1"
    # the id is the guid's: an edited entry keeps it; a local guid is scoped by the feed
    other = Feed(title=None, link="https://elsewhere.example/", entries=[], failures=[])
    assert entry_article(feed.entries[0], feed=other, label="x", config=Config()).id != art.id
    assert entry_article(feed.entries[0], feed=feed, label="y", config=Config()).id == art.id


def test_entry_article_defaults_and_errors():
    feed = Feed(title=None, link=None, entries=[], failures=[])
    entry = FeedEntry("https://w.example/a", "https://w.example/a", None, None, None,
                      "Plain words only.", False, True)
    art = entry_article(entry, feed=feed, label="f", config=Config(default_date=dt.date(2020, 1, 2)))
    assert art.source == "w.example" and art.title == "Plain words only."
    assert art.published == dt.date(2020, 1, 2)
    empty = FeedEntry("g:1", None, "t", None, None, "<p> </p>", True, True)
    with pytest.raises(InputError) as info:
        entry_article(empty, feed=feed, label="f", config=Config())
    assert info.value.code == "DL109"


def test_html_to_text():
    html = ("<div><h2>Head</h2><p>One&nbsp;two <a href='x'>link</a>.</p>"
            "<ul><li>a</li><li>b</li></ul><style>p{}</style>Tail<br/>line</div>")
    assert html_to_text(html) == "Head\n\nOne two link.\n\na\n\nb\n\nTail\nline"
    assert html_to_text("") == ""


XMLISH = st.lists(st.sampled_from([
    b"<rss>", b"<channel>", b"<item>", b"</item>", b"<title>", b"</title>", b"<link>",
    b"</link>", b"<feed xmlns='http://www.w3.org/2005/Atom'>", b"<entry>", b"<pubDate>",
    b"</pubDate>", b"Thu, 99 Foo 2019", b"&amp;", b"&#0;", b"\x00", b"\xff\xfe", b"<![CDATA[",
    b"<?xml version='1.0' encoding='utf-16'?>", b"<!DOCTYPE x [<!ENTITY a 'b'>]>", b"&a;",
]) | st.binary(max_size=20), max_size=25).map(b"".join)


@settings(max_examples=150, deadline=None)
@given(XMLISH)
def test_any_bytes_give_a_feed_or_an_input_error(data):
    try:
        feed = parse_feed(data, url=None, label="x.xml")
    except InputError as exc:
        assert exc.code == "DL128" and "\n" not in exc.message
    else:
        assert all(e.guid for e in feed.entries)
    looks_like_feed(data)
    html_to_text(data.decode("latin-1"))


def test_a_feed_fetched_from_a_local_server():
    """The whole path the CLI will take: fetch with feed types, parse, articles or pages."""
    from dateline.ingest.fetch import FEED_TYPES, Fetcher
    from tests.ingest.local_site import Site, _send, serve

    site = Site(extra={"/feed.xml": lambda h, n: _send(h, 200, RSS20, "application/rss+xml")})
    with serve(site), Fetcher(config=Config(fetch_delay=0, fetch_timeout=2)) as fetcher:
        got = fetcher.fetch(site.url("/feed.xml"), accept=FEED_TYPES)
        assert looks_like_feed(got.content[:1024])
        feed = parse_feed(got.content, url=got.url, label=got.url)
    assert feed.entries[0].link == site.url("/news/harbour")  # relative: against the feed URL
    full = [e for e in feed.entries if not e.summary_only]
    assert [entry_article(e, feed=feed, label=got.url, config=Config()).title for e in full] == [
        "Harbour & council"]
