"""The calendar interval a TIMEX3 ``DATE``/``TIME`` value covers.

The store keeps, for every temporal expression, the first and last day its
value covers, so that "articles mentioning a date in the 1950s" is one range
overlap query: ``"1957-10-04"`` covers one day, ``"2019-11"`` a month, ``"197"``
(the 1970s) ten years. Values that are not a fixed stretch of the calendar —
durations (``P2Y``), sets, ``PRESENT_REF``, anything unresolved (``XXXX-11-07``)
or before the common era — have no interval.

Example:
    >>> value_range("2019-Q3")
    (datetime.date(2019, 7, 1), datetime.date(2019, 9, 30))
    >>> value_range("197", "START")
    (datetime.date(1970, 1, 1), datetime.date(1973, 4, 30))
"""

from __future__ import annotations

import datetime as dt
import re

Interval = tuple[dt.date, dt.date]

_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T.+)?", re.ASCII)
_MONTH = re.compile(r"(\d{4})-(\d{2})", re.ASCII)
_YEARS = re.compile(r"\d{1,4}", re.ASCII)
_WEEK = re.compile(r"(\d{4})-W(\d{2})(?:-(WE|[1-7]))?", re.ASCII)
_PART = re.compile(r"(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|AU|WI)", re.ASCII)

#: First and last month of each quarter, half and season. Winter ("WI") runs
#: from December of the value's year into February of the next: an
#: approximation, since "winter 2019" is written for either season that touches 2019.
_PARTS: dict[str, tuple[int, int]] = {
    "Q1": (1, 3), "Q2": (4, 6), "Q3": (7, 9), "Q4": (10, 12),
    "H1": (1, 6), "H2": (7, 12),
    "SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "AU": (9, 11), "WI": (12, 14),
}  # fmt: skip

#: Which third of a year-or-coarser interval each modifier keeps.
_THIRDS = {"START": 0, "MID": 1, "END": 2}


def value_range(value: str, mod: str | None = None) -> Interval | None:
    """First and last day (inclusive) of the calendar stretch a TIMEX3 value names.

    Days with a time or a part of day (``2019-11-07T15:00``, ``2019-11-07TMO``)
    cover that day; months, ISO weeks (``2019-W44``, weekend ``2019-W44-WE``),
    quarters (``Q1``-``Q4``), halves (``H1``, ``H2``) and seasons (``SP``, ``SU``,
    ``FA``/``AU``, ``WI``) cover their days; ``2019`` a year, ``197`` a decade,
    ``19`` a century (the 1900s) and ``1`` a millennium (1000-1999).

    Args:
        value: A TIMEX3 ``value`` attribute.
        mod: The TIMEX3 ``mod``. ``START``, ``MID`` and ``END`` keep the first,
            middle or last third (by months) of a year, decade, century or
            millennium ("the early 1970s": 1970-01 to 1973-04). Other modifiers,
            and modifiers of finer values, leave the interval as it is.

    Returns:
        ``(first, last)``, or ``None`` when the value is not a fixed calendar
        stretch: durations, sets, ``*_REF``, values with ``X``, years before 1
        (``BC…`` or negative) and malformed or impossible dates.

    Example:
        >>> value_range("2019-11")
        (datetime.date(2019, 11, 1), datetime.date(2019, 11, 30))
        >>> value_range("XXXX-11-07") is None
        True
    """
    value = value.strip()
    if not value or "X" in value:
        return None
    try:
        interval = _interval(value)
    except ValueError:  # 2019-02-30, week 53 of a 52-week year, year 0
        return None
    if interval is not None and mod in _THIRDS and _YEARS.fullmatch(value):
        return _third(interval, _THIRDS[mod])
    return interval


def _interval(value: str) -> Interval | None:
    if m := _DAY.fullmatch(value):
        one = dt.date(int(m[1]), int(m[2]), int(m[3]))
        return one, one
    if m := _MONTH.fullmatch(value):
        return _months(int(m[1]), int(m[2]), int(m[2]))
    if _YEARS.fullmatch(value):
        span = 10 ** (4 - len(value))  # 2019 → 1 year, 197 → 10, 19 → 100, 1 → 1000
        first = int(value) * span
        return dt.date(first, 1, 1), dt.date(first + span - 1, 12, 31)
    if m := _WEEK.fullmatch(value):
        year, week, weekday = int(m[1]), int(m[2]), m[3]
        if weekday is None:
            return dt.date.fromisocalendar(year, week, 1), dt.date.fromisocalendar(year, week, 7)
        if weekday == "WE":
            return dt.date.fromisocalendar(year, week, 6), dt.date.fromisocalendar(year, week, 7)
        one = dt.date.fromisocalendar(year, week, int(weekday))
        return one, one
    if m := _PART.fullmatch(value):
        first_month, last_month = _PARTS[m[2]]
        return _months(int(m[1]), first_month, last_month)
    return None


def _months(year: int, first: int, last: int) -> Interval:
    """From the first day of month ``first`` to the last of ``last`` (13, 14 = next year)."""
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    return dt.date(year, first, 1), _last_day(end_year, end_month)


def _last_day(year: int, month: int) -> dt.date:
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def _third(interval: Interval, which: int) -> Interval:
    """One third, by whole months, of an interval made of whole years."""
    lo, hi = interval
    months = (hi.year - lo.year + 1) * 12
    size = months // 3  # 4, 40, 400 or 4000: years divide evenly into thirds of months
    start = lo.year * 12 + which * size
    end = start + size - 1
    return dt.date(start // 12, start % 12 + 1, 1), _last_day(end // 12, end % 12 + 1)


__all__ = ["Interval", "value_range"]
