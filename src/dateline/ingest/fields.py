"""Field handling shared by the readers: dates, ids, titles, records."""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from dateline.dates import parse_date as parse_date  # read here by every reader
from dateline.errors import E, InputError
from dateline.records import Article

TEXT_FIELDS = ("text", "body")
DATE_FIELDS = ("date", "published")


def _normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def article_id(text: str, published: dt.date | None, url: str | None) -> str:
    """A stable id from the normalised text, date and url (16 hex digits).

    Whitespace and Unicode composition differences do not change the id, so a
    re-export of the same article is recognised.
    """
    key = "\x1f".join((_normalise(text), published.isoformat() if published else "", url or ""))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def derive_title(text: str, limit: int = 100) -> str | None:
    """A title for inputs without one: the first line, cut at a word boundary."""
    for line in text.splitlines():
        line = line.strip()
        if line:
            if len(line) <= limit:
                return line
            return line[:limit].rsplit(" ", 1)[0] + "…"
    return None


def source_from_url(url: str | None) -> str | None:
    """The outlet's host name (``en.wikinews.org``) when no source is given."""
    if not url:
        return None
    host = urlsplit(url).hostname
    if not host:
        return None
    return host.removeprefix("www.")


def _field(record: Mapping[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        value = record.get(name)
        if value not in (None, ""):
            return value
    return None


def _str_or_none(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def article_from_record(
    record: Mapping[str, Any], *, path: str, default_date: dt.date | None
) -> Article:
    """Build an ``Article`` from a JSON/CSV record; raise ``InputError`` if unusable."""
    text = _field(record, TEXT_FIELDS)
    if text is None:
        if any(name in record for name in TEXT_FIELDS):
            raise InputError(E.EMPTY_TEXT)
        raise InputError(E.NO_TEXT_FIELD, fields=", ".join(TEXT_FIELDS))
    if not isinstance(text, str):
        raise InputError(E.NO_TEXT_FIELD, fields=", ".join(TEXT_FIELDS) + " (as a string)")
    if not text.strip():
        raise InputError(E.EMPTY_TEXT)
    raw_date = _field(record, DATE_FIELDS)
    published = parse_date(str(raw_date)) if raw_date is not None else default_date
    url = _str_or_none(record.get("url"))
    given_id = _str_or_none(record.get("id"))
    return Article(
        id=given_id or article_id(text, published, url),
        title=_str_or_none(record.get("title")) or derive_title(text),
        published=published,
        source=_str_or_none(record.get("source")) or source_from_url(url),
        url=url,
        text=text,
        path=path,
        author=_str_or_none(record.get("author")),
    )
