"""Calendar arithmetic on TIMEX3 values.

Values are strings at their own granularity: ``2019-11-07`` (day), ``2019-11``
(month), ``2019-W44`` (ISO week), ``2019-W45-WE`` (weekend), ``2019-Q3``
(quarter), ``2019-H1`` (half), ``2019-SP`` (season), ``2019`` (year), ``201``
(decade), ``20`` (century). These helpers shift them and pick the year of an
underspecified date from the tense of its clause.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

Tense = Literal["past", "present", "future", "unknown"]

_SEASON_MONTH = {"WI": 1, "SP": 4, "SU": 7, "FA": 10}


def day(d: dt.date) -> str:
    return d.isoformat()


def month(year: int, m: int) -> str:
    return f"{year:04d}-{m:02d}"


def week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def quarter_of(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def add_months(year: int, m: int, n: int) -> tuple[int, int]:
    total = year * 12 + (m - 1) + n
    return total // 12, total % 12 + 1


def shift(anchor: dt.date, n: int, unit: str) -> str | None:
    """The value ``n`` units from ``anchor`` at that unit's granularity (``n`` may be < 0)."""
    if unit == "D":
        return day(anchor + dt.timedelta(days=n))
    if unit in ("W", "WE"):
        v = week(anchor + dt.timedelta(weeks=n))
        return v + "-WE" if unit == "WE" else v
    if unit == "FN":
        return week(anchor + dt.timedelta(weeks=2 * n))
    if unit == "M":
        return month(*add_months(anchor.year, anchor.month, n))
    if unit == "Q":
        y, m = add_months(anchor.year, (quarter_of(anchor) - 1) * 3 + 1, 3 * n)
        return f"{y:04d}-Q{(m - 1) // 3 + 1}"
    if unit == "Y":
        return f"{anchor.year + n:04d}"
    if unit == "DE":
        return f"{(anchor.year + 10 * n) // 10:03d}"
    if unit == "CE":
        return f"{(anchor.year + 100 * n) // 100:02d}"
    if unit in ("H", "MIN", "S"):
        return day(anchor)
    return None


_VALUE = re.compile(
    r"^(?P<y>\d{4})(?:-(?:(?P<m>\d\d)(?:-(?P<d>\d\d))?|Q(?P<q>[1-4])|H(?P<h>[12])"
    r"|W(?P<w>\d\d)(?P<we>-WE)?|(?P<s>SP|SU|FA|WI)))?$"
)


def shift_value(value: str, n: int, unit: str) -> str | None:
    """Shift a resolved value by ``n`` units, keeping its granularity when it is finer.

    ``shift_value("1989-Q3", -1, "Y")`` → ``"1988-Q3"`` ("a year earlier" after a
    quarter); ``shift_value("1960-01-27", 2, "Y")`` → ``"1962"``.
    """
    m = _VALUE.match(value)
    if not m:
        return None
    y = int(m["y"])
    if unit == "Y" and (m["q"] or m["h"] or m["s"] or (m["m"] and not m["d"])):
        return f"{y + n:04d}" + value[4:]
    if unit == "Q" and m["q"]:
        q = (y * 4 + int(m["q"]) - 1) + n
        return f"{q // 4:04d}-Q{q % 4 + 1}"
    if unit == "M" and m["m"] and not m["d"]:
        return month(*add_months(y, int(m["m"]), n))
    if m["d"]:
        base = dt.date(y, int(m["m"]), int(m["d"]))
    elif m["w"]:
        try:
            base = dt.date.fromisocalendar(y, int(m["w"]), 1)
        except ValueError:
            return None
    elif m["m"]:
        base = dt.date(y, int(m["m"]), 1)
    elif m["q"]:
        base = dt.date(y, (int(m["q"]) - 1) * 3 + 1, 1)
    elif m["s"]:
        base = dt.date(y, _SEASON_MONTH[m["s"]], 1)
    else:
        if unit in ("D", "W", "M", "Q", "H", "MIN", "S", "WE", "FN"):
            return None  # "two days later" after a bare year says nothing precise
        base = dt.date(y, 7, 1)
    return shift(base, n, unit)


def truncate(value: str | None, unit: str) -> str | None:
    """``value`` cut to ``unit``'s granularity: ``("1998-06", "Y")`` → ``"1998"``.

    Finer units, or values already coarser, come back unchanged.
    """
    if value is None:
        return None
    m = _VALUE.match(value)
    if not m:
        return value
    if unit in ("Y", "DE", "CE") and not m["q"]:
        return m["y"] if unit == "Y" else shift(dt.date(int(m["y"]), 7, 1), 0, unit)
    if unit == "M" and m["d"]:
        return value[:7]
    if unit in ("W", "WE") and m["d"]:
        return shift(dt.date.fromisoformat(value[:10]), 0, unit)
    return value


def granularity(value: str) -> str:
    """``day``, ``week``, ``month``, ``quarter``, ``season``, ``year``, ``coarse`` or ``other``."""
    m = _VALUE.match(value)
    if not m:
        return "coarse" if re.fullmatch(r"\d{2,3}", value) else "other"
    if m["d"]:
        return "day"
    if m["w"]:
        return "week"
    if m["m"]:
        return "month"
    if m["q"] or m["h"]:
        return "quarter"
    if m["s"]:
        return "season"
    return "year"


def pick_year(
    anchor: dt.date,
    key: tuple[int, ...],
    anchor_key: tuple[int, ...],
    tense: Tense,
    cycle: int = 12,
) -> int:
    """The year of an expression that names no year ("June", "the third quarter").

    ``key`` orders the expression within its year, ``anchor_key`` the anchor likewise.
    Past tense never points after the anchor, future never before; without a tense
    the nearer of the last and the next occurrence wins, ties going to the past
    (news mostly reports what has happened).
    """
    if tense == "past":
        return anchor.year - 1 if key > anchor_key else anchor.year
    if tense == "future":
        return anchor.year + 1 if key < anchor_key else anchor.year
    if key <= anchor_key:
        return anchor.year
    # not yet this year: last year's was ``back`` steps ago, this year's is ``ahead`` away
    ahead = key[0] - anchor_key[0]
    back = cycle - ahead
    return anchor.year if ahead < back else anchor.year - 1


def month_day_year(anchor: dt.date, m: int, d: int, tense: Tense) -> int:
    """Year for "March 3": the nearer occurrence, unless the tense says otherwise.

    A date without a year is usually close to publication (writers add the year to
    older ones), so the tense only overrides the nearer occurrence when its own
    choice is within seven months of the anchor.
    """
    options = []
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            options.append((y, (dt.date(y, m, d) - anchor).days))
        except ValueError:
            continue
    if not options:
        return anchor.year
    nearest = min(options, key=lambda o: (abs(o[1]), o[1] > 0))[0]
    if tense == "past":
        past = [o for o in options if o[1] <= 0]
        best = max(past, key=lambda o: o[1]) if past else None
        if best and -best[1] <= 330:
            return best[0]
    if tense == "future":
        future = [o for o in options if o[1] >= 0]
        best = min(future, key=lambda o: o[1]) if future else None
        if best and best[1] <= 213:
            return best[0]
    return nearest


def weekday_date(anchor: dt.date, wd: int, tense: Tense) -> dt.date:
    """The date of weekday ``wd`` (1 = Monday) around ``anchor``.

    Future: the first one after the anchor. Otherwise the latest on or before it:
    a bare weekday in news is almost always the last few days (in TempEval-3's
    training data, 95% of them are on or before the publication date).
    """
    if tense == "future":
        return anchor + dt.timedelta(days=(wd - anchor.isoweekday()) % 7 or 7)
    return anchor - dt.timedelta(days=(anchor.isoweekday() - wd) % 7)
