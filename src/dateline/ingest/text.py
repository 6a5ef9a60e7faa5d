"""``.txt`` files: the wire format (``date YYYY-MM-DD`` header) or plain text.

Wire format: optional whitespace, ``date YYYY-MM-DD``, whitespace, then the
body, which may begin on the same line. The body is kept exactly as given.
A plain file's publication date comes from ``--date`` (``Config.default_date``)
or stays unknown — never today's date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from dateline.config import Config
from dateline.errors import E, InputError
from dateline.ingest.base import failure, reader
from dateline.ingest.fields import article_id, derive_title, parse_date
from dateline.records import Article, Failure

_WIRE_HEADER = re.compile(r"\A\s*date[ \t]+(\S+)\s+", re.IGNORECASE)


@reader(".txt", ".text")
def read_text(path: Path, text: str, config: Config) -> Iterator[Article | Failure]:
    published = config.default_date
    body = text
    header = _WIRE_HEADER.match(text)
    if header:
        try:
            published = parse_date(header.group(1))
        except InputError as exc:
            yield failure(str(path), exc)
            return
        body = text[header.end() :]
    if not body.strip():
        yield failure(str(path), InputError(E.EMPTY_TEXT))
        return
    yield Article(
        id=article_id(body, published, None),
        title=derive_title(body),
        published=published,
        source=None,
        url=None,
        text=body,
        path=str(path),
    )
