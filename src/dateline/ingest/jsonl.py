"""JSON Lines (one article object per line) and ``.json`` (an object or a list).

Fields: ``id`` (optional), ``date`` or ``published``, ``title``, ``text`` or
``body``, optional ``url`` and ``source``. A malformed line fails alone.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dateline.config import Config
from dateline.errors import E, InputError
from dateline.ingest.base import failure, reader
from dateline.ingest.fields import article_from_record
from dateline.records import Article, Failure


def _article(obj: Any, label: str, config: Config) -> Article | Failure:
    try:
        if not isinstance(obj, dict):
            raise InputError(E.NOT_OBJECT)
        return article_from_record(obj, path=label, default_date=config.default_date)
    except InputError as exc:
        return failure(label, exc)


@reader(".jsonl", ".ndjson")
def read_jsonl(path: Path, text: str, config: Config) -> Iterator[Article | Failure]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        label = f"{path}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield failure(label, InputError(E.BAD_JSON, detail=f"{exc.msg} at column {exc.colno}"))
            continue
        yield _article(obj, label, config)


@reader(".json")
def read_json(path: Path, text: str, config: Config) -> Iterator[Article | Failure]:
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        detail = f"{exc.msg} at line {exc.lineno} column {exc.colno}"
        yield failure(str(path), InputError(E.BAD_JSON, detail=detail))
        return
    items = obj if isinstance(obj, list) else [obj]
    for index, item in enumerate(items, start=1):
        label = f"{path}[{index}]" if isinstance(obj, list) else str(path)
        yield _article(item, label, config)
