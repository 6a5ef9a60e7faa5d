"""Placeholder while the quote finder is written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from dateline.records import Entity, Quote, Timex


def find_quotes(
    text: str,
    doc: Any,
    entities: Sequence[Entity],
    published: dt.date | None,
    *,
    timexes: Sequence[Timex] = (),
) -> list[Quote]:
    """Every statement in ``text`` (direct, indirect, mixed) with cue and speaker."""
    return []
