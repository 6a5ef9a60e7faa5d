"""Placeholder: the tagger is being written."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dateline.records import Timex


def tag(text: str, anchor: dt.date | None, *, doc: Any = None) -> list[Timex]:
    """Every temporal expression in ``text``, normalised against ``anchor``."""
    return []
