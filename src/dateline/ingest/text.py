"""Plain text: ``.txt`` in the wire format (``date YYYY-MM-DD`` header) or plain, and
Markdown (``.md``), whose first ``#`` heading is the title.

Wire format: optional whitespace, ``date YYYY-MM-DD``, whitespace, then the
body, which may begin on the same line. The body is kept exactly as given.
A plain file's publication date comes from ``--date`` (``Config.default_date``)
or stays unknown — never today's date. Standard input that is neither JSON nor
markup is read as one such text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from dateline.config import Config
from dateline.errors import E, InputError
from dateline.ingest.base import Input, Item, failure, reader
from dateline.ingest.fields import article_id, derive_title, parse_date
from dateline.records import Article

_WIRE_HEADER = re.compile(r"\A\s*date[ \t]+(\S+)\s+", re.IGNORECASE)
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.+?)[ \t#]*$", re.MULTILINE)


def text_article(text: str, *, label: str, config: Config, markdown: bool = False) -> Item:
    """One article from a text (wire header honoured), or the failure saying why not."""
    published = config.default_date
    body = text
    header = _WIRE_HEADER.match(text)
    if header:
        try:
            published = parse_date(header.group(1))
        except InputError as exc:
            return failure(label, exc)
        body = text[header.end() :]
    if not body.strip():
        return failure(label, InputError(E.EMPTY_TEXT))
    title = derive_title(body)
    heading = _HEADING.search(body) if markdown else None
    if heading is not None:
        title = heading.group(1).strip()
    return Article(
        id=article_id(body, published, None),
        title=title,
        published=published,
        source=None,
        url=None,
        text=body,
        path=label,
    )


@reader(".txt", ".text")
def read_text(inp: Input, config: Config) -> Iterator[Item]:
    yield text_article(inp.text(config), label=inp.label, config=config)


@reader(".md", ".markdown")
def read_markdown(inp: Input, config: Config) -> Iterator[Item]:
    yield text_article(inp.text(config), label=inp.label, config=config, markdown=True)
