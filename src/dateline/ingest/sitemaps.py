"""Sitemaps: ``<urlset>`` (with Google News ``news:publication_date``) and ``<sitemapindex>``.

Read with expat as a stream, without building a tree: a file may hold 50,000 URLs
(the sitemap protocol's limit, refused past it), and a gzip'd one is unpacked to at
most 50 MB. A document that declares entities is refused (no sitemap needs them,
and they are how an XML bomb is built). ``<loc>`` values that are not absolute
http(s) URLs are left out.
"""

from __future__ import annotations

import datetime as dt
import re
import zlib
from dataclasses import dataclass, field
from xml.parsers import expat

from dateline.errors import E, InputError
from dateline.ingest.feeds import root_element

#: The sitemap protocol's limits for one file.
MAX_URLS = 50_000
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
_SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class Sitemap:
    """A sitemap's pages with their dates (news publication, else last modified), and
    the sitemaps an index lists."""

    urls: list[tuple[str, dt.date | None]] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)


def looks_like_sitemap(head: bytes) -> bool:
    """Whether bytes start like a sitemap (``<urlset``, ``<sitemapindex``), gzip'd or not.

    Example:
        >>> looks_like_sitemap(b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/">')
        True
    """
    if head.startswith(b"\x1f\x8b"):
        try:  # a truncated head unpacks as far as it goes
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head[:65536], 16384)
        except zlib.error:
            return False
    root = root_element(head[:16384])
    return root is not None and root[0].rpartition(":")[2] in ("urlset", "sitemapindex")


def parse_sitemap(data: bytes, *, label: str) -> Sitemap:
    """Read a sitemap or sitemap index (gzip'd or not); raise ``InputError`` if unusable.

    Args:
        data: The file's bytes (``.xml`` or ``.xml.gz``).
        label: Its name (the path or URL), for messages.

    Example:
        >>> sm = parse_sitemap(b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        ...                    b'<url><loc>https://n.example/a</loc><lastmod>2019-11-07</lastmod>'
        ...                    b'</url></urlset>', label="sitemap.xml")
        >>> sm.urls
        [('https://n.example/a', datetime.date(2019, 11, 7))]
    """
    if data.startswith(b"\x1f\x8b"):
        data = _gunzip(data)
    reader = _Reader()
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.text
    parser.EntityDeclHandler = _no_entities
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise InputError(E.NOT_A_SITEMAP, detail=f"malformed XML ({exc})") from exc
    except _Refused as exc:
        raise exc.error from None
    if reader.root not in ("urlset", "sitemapindex"):
        raise InputError(E.NOT_A_SITEMAP,
                         detail=f"the root is <{reader.root}>, not <urlset> or <sitemapindex>")
    return Sitemap(urls=reader.urls, sitemaps=reader.sitemaps)


class _Refused(Exception):
    """Raised inside expat's callbacks to stop the parse with an ``InputError``."""

    def __init__(self, error: InputError) -> None:
        super().__init__(error.message)
        self.error = error


def _no_entities(*_: object) -> None:
    raise _Refused(InputError(E.NOT_A_SITEMAP, detail="it declares XML entities"))


def _gunzip(data: bytes) -> bytes:
    unpack = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = unpack.decompress(data, MAX_UNPACKED_BYTES + 1)
    except zlib.error as exc:
        raise InputError(E.NOT_A_SITEMAP, detail=f"broken gzip data ({exc})") from exc
    if len(out) > MAX_UNPACKED_BYTES:
        raise InputError(E.SITEMAP_TOO_BIG, limit=MAX_UNPACKED_BYTES, what="bytes unpacked")
    if not unpack.eof:
        raise InputError(E.NOT_A_SITEMAP, detail="broken gzip data (it ends too soon)")
    return out


class _Reader:
    """expat callbacks: collect ``<loc>`` and dates of each ``<url>`` or ``<sitemap>``."""

    def __init__(self) -> None:
        self.root: str | None = None
        self.urls: list[tuple[str, dt.date | None]] = []
        self.sitemaps: list[str] = []
        self.item: dict[str, str] = {}
        self.buffer: list[str] | None = None

    @staticmethod
    def _local(name: str) -> tuple[str, str]:
        ns, _, local = name.rpartition(" ")
        return ns, local

    def start(self, name: str, attrs: dict[str, str]) -> None:
        ns, local = self._local(name)
        if self.root is None:
            self.root = local
            return
        if local in ("url", "sitemap") and ns in ("", _SITEMAP_NS):
            self.item = {}
        elif local in ("loc", "lastmod", "publication_date"):
            self.buffer = []

    def text(self, data: str) -> None:
        if self.buffer is not None:
            self.buffer.append(data)

    def end(self, name: str) -> None:
        ns, local = self._local(name)
        if self.buffer is not None:
            value = "".join(self.buffer).strip()
            self.buffer = None
            # The page's own <loc> and <lastmod>, not an <image:loc> or <video:...>.
            if local in ("loc", "lastmod") and ns in ("", _SITEMAP_NS):
                self.item.setdefault(local, value)
            elif local == "publication_date":  # news:publication_date, whatever its prefix
                self.item.setdefault("news", value)
        elif local in ("url", "sitemap") and ns in ("", _SITEMAP_NS):
            loc = self.item.get("loc", "")
            if not loc.lower().startswith(("http://", "https://")):
                return
            if local == "sitemap":
                self._count(len(self.sitemaps), "sitemaps")
                self.sitemaps.append(loc)
            else:
                self._count(len(self.urls), "URLs")
                self.urls.append((loc, _day(self.item.get("news") or self.item.get("lastmod"))))

    @staticmethod
    def _count(count: int, what: str) -> None:
        if count >= MAX_URLS:
            raise _Refused(InputError(E.SITEMAP_TOO_BIG, limit=MAX_URLS, what=what))


def _day(value: str | None) -> dt.date | None:
    """The day of a W3C datetime (``2019-11-07``, ``2019-11-07T10:00+03:00``), as written."""
    m = _DAY.match(value or "")
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
