"""Dates users give as options or query parameters: a day, or a range bound."""

from __future__ import annotations

import datetime as dt
import re

from dateline.errors import ConfigError, DatelineError, E
from dateline.ingest import parse_date
from dateline.temporal.ranges import value_range

_PARTIAL_DATE = re.compile(r"\d{4}(-\d{2}){0,2}", re.ASCII)


def day(value: str | None, option: str) -> dt.date | None:
    """A whole day given to ``option``.

    Raises:
        ConfigError: not a date (``DL206``).
    """
    if value is None:
        return None
    try:
        return parse_date(value)
    except DatelineError as exc:
        raise ConfigError(
            E.BAD_DATE_OPTION, option=option, value=value, expected="YYYY-MM-DD"
        ) from exc


def bound(value: str | None, option: str, *, last: bool) -> dt.date | None:
    """A range bound: ``YYYY`` or ``YYYY-MM`` means its first day, or its last when ``last``.

    Example:
        >>> bound("2019-06", "--to", last=True)
        datetime.date(2019, 6, 30)

    Raises:
        ConfigError: not a date (``DL206``).
    """
    if value is None:
        return None
    interval = value_range(value.strip()) if _PARTIAL_DATE.fullmatch(value.strip()) else None
    if interval is not None:
        return interval[1] if last else interval[0]
    try:
        return parse_date(value)  # the written forms --from/--to always took
    except DatelineError as exc:
        raise ConfigError(
            E.BAD_DATE_OPTION, option=option, value=value, expected="YYYY, YYYY-MM or YYYY-MM-DD"
        ) from exc
