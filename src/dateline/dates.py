"""Dates users give as options or query parameters: a day, or a range bound."""

from __future__ import annotations

import datetime as dt
import re
from typing import TypedDict

from dateline.errors import ConfigError, DatelineError, E, InputError
from dateline.temporal.ranges import value_range

_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%d %B %Y", "%B %d, %Y", "%b %d, %Y")
_ISO_DATETIME = re.compile(
    r"^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$"
)


def parse_date(value: str) -> dt.date:
    """Parse a publication date; raise ``InputError`` when it cannot be read.

    Accepts ISO dates (``2019-11-07``), ISO date-times (the date part is kept)
    and a few common written forms.

    Example:
        >>> parse_date("2019-11-07T10:30:00Z")
        datetime.date(2019, 11, 7)
    """
    raw = value.strip()
    m = _ISO_DATETIME.match(raw)
    if m:
        raw = m.group(1)
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    raise InputError(E.BAD_DATE, value=value)


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


class DateRange(TypedDict):
    """The ``start``/``end`` keyword arguments of the library's reads."""

    start: dt.date | None
    end: dt.date | None


def date_range(start: str | None, end: str | None) -> DateRange:
    """``start``/``end`` keyword arguments from a form's or a query's ``from``/``to``
    (empty means unset; ``to=2019`` runs to the end of 2019).

    Example:
        >>> date_range("2019", "")
        {'start': datetime.date(2019, 1, 1), 'end': None}
    """
    return DateRange(
        start=bound(start or None, "from", last=False), end=bound(end or None, "to", last=True)
    )
