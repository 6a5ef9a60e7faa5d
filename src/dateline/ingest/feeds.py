"""News feeds: RSS 0.9x/2.0, Atom 1.0 and RDF (RSS 1.0), read with feedparser.

:func:`parse_feed` turns feed bytes into a :class:`Feed` of :class:`FeedEntry`;
:func:`entry_article` makes an :class:`~dateline.records.Article` of an entry that
carries its full text. An entry with only a short summary is marked
``summary_only``: a caller that read the feed from a URL then fetches the page
it links to instead.

The encoding is feedparser's to find (a BOM, the XML prolog's ``encoding``, else
UTF-8), so ISO-8859-1 and UTF-16 feeds read as written. A publication date is the
day as written in the publisher's zone (``Thu, 07 Nov 2019 23:30 -0800`` is
7 November, not the 8th in UTC).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import io
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin

import feedparser

from dateline.config import Config
from dateline.errors import E, InputError
from dateline.ingest.fields import derive_title, source_from_url
from dateline.records import Article, Failure

#: Entry text shorter than this (characters, as plain text) is taken for a summary.
SUMMARY_CHARS = 400
_HTML_TYPES = ("text/html", "application/xhtml+xml")
# feedparser's complaints that do not mean a broken feed.
_BENIGN = (feedparser.NonXMLContentType, feedparser.CharacterEncodingOverride)


@dataclass(frozen=True)
class FeedEntry:
    """One entry (item) of a feed.

    Attributes:
        guid: The entry's id, else its link, else a hash of its title and content.
        link: The page it links to (made absolute against the feed's URL).
        title: Its title as plain text.
        published: Its publication (else update) day as written, when readable.
        author: Its author's name.
        content: Its text: the full content when given, else the summary.
        content_is_html: Whether ``content`` is HTML (else plain text).
        summary_only: True when the entry carries no full content, or a text
            shorter than :data:`SUMMARY_CHARS`: its page is worth fetching.
    """

    guid: str
    link: str | None
    title: str | None
    published: dt.date | None
    author: str | None
    content: str | None
    content_is_html: bool
    summary_only: bool


@dataclass(frozen=True)
class Feed:
    """A parsed feed: its title and link, its entries, and the entries it could not use."""

    title: str | None
    link: str | None
    entries: list[FeedEntry]
    failures: list[Failure]


_PROLOG = re.compile(rb"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>)", re.S | re.I)
_ROOT = re.compile(rb"\s*<([A-Za-z_][\w:.-]*)([^>]*)")


def root_element(head: bytes) -> tuple[str, str] | None:
    """The first element's name (lower case) and attributes, past prolog and comments.

    Example:
        >>> root_element(b'<?xml version="1.0"?>\\n<!-- hi --><rss version="2.0">')
        ('rss', ' version="2.0"')
    """
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[:4] in (b"<\x00?\x00", b"\x00<\x00?"):
        bom = head.startswith((b"\xff\xfe", b"\xfe\xff"))
        codec = "utf-16" if bom else ("utf-16-le" if head[0] == 0x3C else "utf-16-be")
        head = head[: len(head) // 2 * 2].decode(codec, errors="ignore").encode("utf-8")
    head = head.removeprefix(b"\xef\xbb\xbf")
    pos = 0
    while m := _PROLOG.match(head, pos):
        pos = m.end()
    root = _ROOT.match(head, pos)
    if root is None:
        return None
    return root.group(1).decode("ascii").lower(), root.group(2).decode("utf-8", errors="replace")


def looks_like_feed(head: bytes) -> bool:
    """Whether bytes start like a feed: ``<rss``, an Atom ``<feed``, or ``<rdf:RDF``.

    Example:
        >>> looks_like_feed(b'<feed xmlns="http://www.w3.org/2005/Atom"><title>x')
        True
        >>> looks_like_feed(b"<!DOCTYPE html><html><head>")
        False
    """
    root = root_element(head[:16384])
    if root is None:
        return False
    name, attrs = root
    if name.rpartition(":")[2] == "feed":
        return "http://www.w3.org/2005/Atom" in attrs
    return name in ("rss", "rdf:rdf")


def parse_feed(data: bytes, *, url: str | None, label: str) -> Feed:
    """Read a feed; raise ``InputError`` (DL128) when the bytes are not a feed.

    Args:
        data: The feed as read (any encoding it declares).
        url: Where it came from, to make relative links absolute (None for a file).
        label: Its name in failures (a path or the URL).

    Example:
        >>> feed = parse_feed(b'<rss version="2.0"><channel><title>Wire</title><item>'
        ...                   b'<title>Hi</title><link>https://w.example/1</link></item>'
        ...                   b'</channel></rss>', url=None, label="wire.xml")
        >>> feed.title, feed.entries[0].guid, feed.entries[0].summary_only
        ('Wire', 'https://w.example/1', True)
    """
    headers = {"content-type": "application/xml"}  # the prolog, not a guess, sets the charset
    if url:
        headers["content-location"] = url
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)  # bytes: never a URL
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if isinstance(problem, _BENIGN):
        problem = None
    if not parsed.entries and (problem is not None or not parsed.get("version")):
        detail = " ".join(str(problem).split()) if problem else "no <rss>, <feed> or <rdf:RDF>"
        raise InputError(E.NOT_A_FEED, detail=detail[:200])
    info = parsed.feed
    link = _absolute(info.get("link"), url)
    feed = Feed(title=_clean(info.get("title")), link=link, entries=[], failures=[])
    for index, raw in enumerate(parsed.entries, start=1):
        entry = _entry(raw, base=url or link)
        if entry is None:
            error = InputError(E.FEED_ENTRY, index=index)
            feed.failures.append(Failure(f"{label}#{index}", error.message, error.code))
        else:
            feed.entries.append(entry)
    return feed


def entry_article(entry: FeedEntry, *, feed: Feed, label: str, config: Config) -> Article:
    """An article from an entry's own text (raise ``InputError`` when it has none).

    The id hashes the entry's guid: an entry edited in the feed keeps its id (and
    is stored again). A guid that is not globally unique (no ``:``, as ``1234``) is
    hashed with the feed's link.

    Example:
        >>> e = FeedEntry("https://w.example/1", "https://w.example/1", "Hi", None, None,
        ...               "<p>One.</p><p>Two.</p>", True, True)
        >>> art = entry_article(e, feed=Feed("Wire", None, [e], []), label="wire.xml",
        ...                     config=Config())
        >>> art.text, art.source
        ('One.\\n\\nTwo.', 'Wire')
    """
    raw = entry.content or ""
    text = html_to_text(raw) if entry.content_is_html else raw.strip()
    if not text:
        raise InputError(E.EMPTY_TEXT)
    key = entry.guid if ":" in entry.guid else f"{feed.link or label}\x1f{entry.guid}"
    return Article(
        id=hashlib.sha256(key.encode("utf-8")).hexdigest()[:16],
        title=entry.title or derive_title(text),
        published=entry.published or config.default_date,
        source=feed.title or source_from_url(entry.link or feed.link),
        url=entry.link,
        text=text,
        path=label,
    )


# -- entries --------------------------------------------------------------------
def _entry(raw: Any, *, base: str | None) -> FeedEntry | None:
    link = _absolute(raw.get("link"), base)
    title = raw.get("title")
    if title and raw.get("title_detail", {}).get("type") in _HTML_TYPES:
        title = html_to_text(title)
    title = _clean(title)
    # Full content (content:encoded, atom:content) first: prefer its HTML form.
    contents = list(raw.get("content") or [])
    full = next((c for c in contents if c.get("type") in _HTML_TYPES), None) or next(
        iter(contents), None
    )
    chosen = full if full is not None and (full.get("value") or "").strip() else None
    if chosen is None and raw.get("summary"):
        chosen = raw.get("summary_detail") or {"type": "text/html", "value": raw.get("summary")}
    content = (chosen or {}).get("value") or None
    is_html = chosen is not None and chosen.get("type") in _HTML_TYPES
    plain = html_to_text(content) if content and is_html else (content or "").strip()
    if not (raw.get("id") or link or title or plain):
        return None
    guid = raw.get("id") or link or _hash(f"{title or ''}\x1f{plain}")
    return FeedEntry(
        guid=guid, link=link, title=title, published=_entry_date(raw),
        author=_clean(raw.get("author")), content=content if plain else None,
        content_is_html=is_html and bool(plain),
        summary_only=chosen is not full or len(plain) < SUMMARY_CHARS,
    )  # fmt: skip


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _clean(value: str | None) -> str | None:
    text = " ".join((value or "").split())
    return text or None


def _absolute(link: str | None, base: str | None) -> str | None:
    link = (link or "").strip()
    if not link:
        return None
    return urljoin(base, link) if base else link


def _entry_date(raw: Any) -> dt.date | None:
    """The day an entry was published (else updated), as written in its own zone."""
    for key in ("published", "updated", "created"):
        written = raw.get(key)
        if not written:
            continue
        day = _written_day(written)
        parsed = raw.get(f"{key}_parsed")
        if day is None and parsed:  # feedparser reads more forms, but in UTC
            day = dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
        if day is not None and 1900 <= day.year <= 2100:
            return day
    return None


def _written_day(value: str) -> dt.date | None:
    """The day of an ISO 8601 or RFC 822 date, in the zone it was written in.

    Example:
        >>> _written_day("Thu, 07 Nov 2019 23:30:00 -0800"), _written_day("8 Nov 2019 01:00 MSK")
        (datetime.date(2019, 11, 7), datetime.date(2019, 11, 8))
    """
    value = value.strip()
    try:
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        pass
    try:  # an unknown zone name ("MSK") reads as no zone: the day stays as written
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


# -- HTML to text ------------------------------------------------------------------
_BLOCKS = frozenset(
    "address article aside blockquote dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6"
    " header hr li main nav ol p pre section table tr ul".split()
)
_SKIP = frozenset(("script", "style", "noscript", "template", "head", "title"))


class _Text(HTMLParser):
    """Collects text; a block element ends a paragraph and ``<br>`` a line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.line: list[str] = []
        self.lines: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag == "br":
            self.end_line()
        elif tag in _BLOCKS:
            self.end_paragraph()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.end_paragraph()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.line.append(data)

    def end_line(self) -> None:
        line = " ".join("".join(self.line).split())
        self.line = []
        if line:
            self.lines.append(line)

    def end_paragraph(self) -> None:
        self.end_line()
        if self.lines:
            self.paragraphs.append("\n".join(self.lines))
            self.lines = []


def html_to_text(html: str) -> str:
    """Plain text of an HTML fragment: paragraphs apart by a blank line, tags gone.

    Example:
        >>> html_to_text("<p>One &amp; <b>two</b>.</p><script>x()</script><p>Three<br>four</p>")
        'One & two.\\n\\nThree\\nfour'
    """
    parser = _Text()
    parser.feed(html)
    parser.close()
    parser.end_paragraph()
    return "\n\n".join(parser.paragraphs)
