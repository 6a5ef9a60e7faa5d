"""Reading from the web: URLs, feeds and sitemaps, fetched politely.

A :class:`Web` session wraps one :class:`~dateline.ingest.fetch.Fetcher` (robots.txt,
per-host delay, retries, size limit) and, when a store is at hand, its
:class:`~dateline.storage.fetched.FetchState`, so fetching again sends conditional
requests and a page that did not change (HTTP 304) is skipped.

What a URL gives depends on what it answers: a page is extracted as an article; a
feed gives one article per entry, fetching the entry's page when the feed carries
only a summary; a sitemap gives its pages (and a sitemap index its sitemaps, at most
:data:`MAX_SITEMAP_DEPTH` deep); anything else goes to the reader its name or bytes
select (a ``.jsonl`` URL is read as JSON Lines).

Readers of local files reach the session of the ingest that runs them through
:func:`current`: a feed file's summary-only entries are kept as summaries (there is
no page to fetch from a file, the input was not a URL), a sitemap file's pages are
fetched.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterable, Iterator
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from dateline.config import Config
from dateline.errors import E, InputError
from dateline.ingest.base import Input, Item, failure, read_input, reader
from dateline.ingest.feeds import Feed, entry_article, looks_like_feed, parse_feed
from dateline.ingest.fetch import Fetched, Fetcher, FetchState
from dateline.ingest.sitemaps import looks_like_sitemap, parse_sitemap
from dateline.records import Failure, Notice, Skipped

#: Sitemap indexes are followed this many levels down at most.
MAX_SITEMAP_DEPTH = 2

_SESSION: contextvars.ContextVar[Web | None] = contextvars.ContextVar("web", default=None)


def current() -> Web | None:
    """The web session of the ingest running now, if any."""
    return _SESSION.get()


def url_name(url: str) -> str:
    """The file name a URL's path ends with (``""`` for ``/``): its suffix may pick a reader."""
    return PurePosixPath(urlsplit(url).path).name


class Web:
    """A fetching session (see the module docstring); use it as a context manager."""

    def __init__(self, config: Config, *, state: FetchState | None = None) -> None:
        self.config = config
        self.fetcher = Fetcher(config=config, state=state)
        self._token: contextvars.Token[Web | None] | None = None

    def __enter__(self) -> Web:
        self._token = _SESSION.set(self)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._token is not None:
            _SESSION.reset(self._token)
        self.fetcher.close()

    def read_urls(self, urls: Iterable[str], *, depth: int = 0) -> Iterator[Item]:
        """Fetch URLs (politely, side by side across hosts) and read what each gives."""
        for result in self.fetcher.fetch_many(urls):
            if isinstance(result, Failure):
                yield result
            elif result.not_modified:
                yield Skipped(item=result.requested, reason="not modified since the last fetch")
            else:
                yield from self.read_fetched(result, depth=depth)

    def read_fetched(self, fetched: Fetched, *, depth: int = 0) -> Iterator[Item]:
        """Read one fetched answer as a page, a feed, a sitemap or a file."""
        label = fetched.url
        inp = Input.of_bytes(label, url_name(fetched.url), fetched.content, url=fetched.url,
                             content_type=fetched.content_type)  # fmt: skip
        head = inp.head()
        if looks_like_sitemap(head):
            yield from self.read_sitemap(fetched.content, label=label, depth=depth)
        else:
            yield from read_input(inp, self.config)

    def read_sitemap(self, data: bytes, *, label: str, depth: int = 0) -> Iterator[Item]:
        """The pages of a sitemap, and those of the sitemaps an index lists."""
        try:
            sitemap = parse_sitemap(data, label=label)
        except InputError as exc:
            yield failure(label, exc)
            return
        yield from self.read_urls((url for url, _ in sitemap.urls), depth=depth)
        if sitemap.sitemaps and depth >= MAX_SITEMAP_DEPTH:
            error = InputError(E.TOO_DEEP, depth=MAX_SITEMAP_DEPTH)
            yield failure(label, error)
            return
        for result in self.fetcher.fetch_many(sitemap.sitemaps):
            if isinstance(result, Failure):
                yield result
            elif not result.not_modified:
                yield from self.read_sitemap(result.content, label=result.url, depth=depth + 1)

    def entry_pages(self, feed: Feed, todo: list[tuple[int, str]], label: str) -> Iterator[Item]:
        """Fetch the pages of summary-only entries; an entry whose page cannot be had is
        kept as its summary, with a warning."""
        by_link = {feed.entries[i].link: i for i, _ in todo}
        for result in self.fetcher.fetch_many(link for _, link in todo):
            key = result.item if isinstance(result, Failure) else result.requested
            index = by_link.pop(key, None)
            if isinstance(result, Failure):
                if index is not None:
                    yield from _summary(feed, index, label, self.config, why=result.reason)
                continue
            if result.not_modified:
                yield Skipped(item=result.requested, reason="not modified since the last fetch")
                continue
            yield from self.read_fetched(result)


def _summary(feed: Feed, index: int, label: str, config: Config, *, why: str) -> Iterator[Item]:
    entry_label = f"{label}#{index + 1}"
    try:
        yield entry_article(feed.entries[index], feed=feed, label=entry_label, config=config)
    except InputError as exc:
        yield failure(entry_label, exc)
        return
    yield Notice(entry_label, E.SUMMARY_ONLY.format(detail=why), E.SUMMARY_ONLY.code)


@reader(".rss", ".atom", ".rdf", sniff=looks_like_feed)
def read_feed(inp: Input, config: Config) -> Iterator[Item]:
    feed = parse_feed(inp.read(config.max_file_bytes), url=inp.url, label=inp.label)
    yield from feed.failures
    web = current() if inp.url else None  # entry pages are fetched for a feed from the web
    todo: list[tuple[int, str]] = []
    for index, entry in enumerate(feed.entries):
        if web is not None and entry.summary_only and entry.link:
            todo.append((index, entry.link))
            continue
        label = f"{inp.label}#{index + 1}"
        try:
            yield entry_article(entry, feed=feed, label=label, config=config)
        except InputError as exc:
            yield failure(label, exc)
    if web is not None and todo:
        yield from web.entry_pages(feed, todo, inp.label)


@reader(sniff=looks_like_sitemap)
def read_sitemap(inp: Input, config: Config) -> Iterator[Item]:
    data = inp.read(config.max_file_bytes)
    web = current()
    if web is not None:
        yield from web.read_sitemap(data, label=inp.label)
        return
    with Web(config) as own:
        yield from own.read_sitemap(data, label=inp.label)


@reader(".xml")
def read_xml(inp: Input, config: Config) -> Iterator[Item]:
    """``.xml``: a feed or a sitemap, whichever the root element says."""
    head = inp.head()
    if looks_like_feed(head):
        yield from read_feed(inp, config)
    elif looks_like_sitemap(head):
        yield from read_sitemap(inp, config)
    else:
        raise InputError(E.UNSUPPORTED, suffix=".xml (neither a feed nor a sitemap)")
