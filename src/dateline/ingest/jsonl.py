"""JSON Lines (one article object per line), read as a stream, and ``.json`` (an object
or a list), read whole.

Fields: ``id`` (optional), ``date`` or ``published``, ``title``, ``text`` or
``body``, optional ``url``, ``source`` and ``author``. A malformed line fails alone.

JSON Lines is read one line at a time, so a file of any size passes in memory bounded
by its longest line; a line over ``Config.max_file_bytes`` fails alone (the rest is
read). Lines are UTF-8 as JSON requires; a line that is not is read as Windows-1252,
the usual other encoding of exported text, when that gives text.
"""

from __future__ import annotations

import codecs
import io
import json
from collections.abc import Iterator
from typing import Any

from dateline.config import Config
from dateline.errors import E, InputError
from dateline.ingest.base import Input, Item, failure, reader
from dateline.ingest.fields import article_from_record


def _article(obj: Any, label: str, config: Config) -> Item:
    try:
        if not isinstance(obj, dict):
            raise InputError(E.NOT_OBJECT)
        return article_from_record(obj, path=label, default_date=config.default_date)
    except InputError as exc:
        return failure(label, exc)


def _line_text(raw: bytes) -> str | None:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return text if all(ch.isprintable() or ch.isspace() for ch in text) else None


def _lines(inp: Input, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """``(number, bytes)`` per line; ``None`` for a line over ``limit`` (skipped whole)."""
    stream: Any = inp.stream
    if inp.head(2) in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        # UTF-16 JSON Lines: decoded as a text stream, re-encoded line by line.
        text = io.TextIOWrapper(inp.stream, encoding="utf-16", newline=None)
        for number, line in enumerate(iter(lambda: text.readline(limit + 1), ""), start=1):
            yield number, line.encode("utf-8") if len(line) <= limit else None
        return
    number = 0
    while raw := stream.readline(limit + 1):
        number += 1
        if len(raw) > limit and not raw.endswith(b"\n"):
            while (rest := stream.readline(limit + 1)) and not rest.endswith(b"\n"):
                pass  # the rest of the over-long line
            yield number, None
            continue
        yield number, raw.removeprefix(codecs.BOM_UTF8) if number == 1 else raw


def _jsonl(head: bytes) -> bool:
    """JSON Lines: the first line is a whole JSON object (sniffing standard input)."""
    first = head.lstrip(codecs.BOM_UTF8 + b" \t\r\n").split(b"\n", 1)
    if not first[0].startswith(b"{"):
        return False
    try:
        return isinstance(json.loads(first[0]), dict)
    except ValueError:
        return len(first) == 1 and len(head) >= 4096  # a first line longer than the head


@reader(".jsonl", ".ndjson", ".jsonlines", sniff=_jsonl)
def read_jsonl(inp: Input, config: Config) -> Iterator[Item]:
    limit = config.max_file_bytes
    if b"\x00" in inp.head() and inp.head(2) not in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        raise InputError(E.BINARY)
    seen = False
    for number, raw in _lines(inp, limit):
        label = f"{inp.label}:{number}"
        if raw is None:
            seen = True
            yield failure(label, InputError(E.LINE_TOO_LONG, limit=limit))
            continue
        if not raw.strip():
            continue
        seen = True
        line = _line_text(raw)
        if line is None:
            yield failure(label, InputError(E.NOT_UTF8_LINE))
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield failure(label, InputError(E.BAD_JSON, detail=f"{exc.msg} at column {exc.colno}"))
            continue
        yield _article(obj, label, config)
    if not seen:
        raise InputError(E.EMPTY)


def _json(head: bytes) -> bool:
    start = head.lstrip(codecs.BOM_UTF8 + b" \t\r\n")[:1]
    return start in (b"{", b"[")


@reader(".json", sniff=_json)
def read_json(inp: Input, config: Config) -> Iterator[Item]:
    path = inp.label
    try:
        obj = json.loads(inp.text(config))
    except json.JSONDecodeError as exc:
        detail = f"{exc.msg} at line {exc.lineno} column {exc.colno}"
        yield failure(path, InputError(E.BAD_JSON, detail=detail))
        return
    items = obj if isinstance(obj, list) else [obj]
    for index, item in enumerate(items, start=1):
        label = f"{path}[{index}]" if isinstance(obj, list) else path
        yield _article(item, label, config)
