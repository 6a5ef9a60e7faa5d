"""Web pages as inputs: ``.html``/``.htm``/``.xhtml`` files, pages sniffed by their first
bytes, pages fetched from URLs and HTML records of web archives.

The extraction itself is :func:`dateline.ingest.html.page_article`; this module makes its
warnings (a page with no findable date) :class:`~dateline.records.Notice` items, so the
article is stored and the warning reported on one line.
"""

from __future__ import annotations

from collections.abc import Iterator

from dateline.config import Config
from dateline.errors import E, InputError
from dateline.ingest.base import Input, Item, failure, reader
from dateline.ingest.html import NO_DATE_WARNING, looks_like_html, page_article
from dateline.records import Notice


def page_items(raw: bytes, *, label: str, url: str | None, config: Config) -> Iterator[Item]:
    """The article of one page and its warnings, or the failure saying why there is none."""
    try:
        article, warnings = page_article(raw, label=label, url=url, config=config)
    except InputError as exc:
        yield failure(label, exc)
        return
    yield article
    for warning in warnings:
        if warning == NO_DATE_WARNING:
            yield Notice(label, E.NO_DATE.format(), E.NO_DATE.code)
        else:
            yield Notice(label, warning)


@reader(".html", ".htm", ".xhtml", ".shtml", sniff=looks_like_html)
def read_page(inp: Input, config: Config) -> Iterator[Item]:
    yield from page_items(inp.read(config.max_file_bytes), label=inp.label, url=inp.url,
                          config=config)  # fmt: skip
