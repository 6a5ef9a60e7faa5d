"""Small SQL helpers shared by the store's modules."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Sequence

#: Read articles' days and ids from their narrow index (migration 7), not their rows, text
#: and all: SQLite looks a row up by rowid whenever it can, however wide the row is.
BY_DAY = "INDEXED BY articles_pk_day"
#: Intervals longer than this many days are indexed apart (``timexes_long``,
#: ``events_long``, ``quotes_long``; migration 7).
SHORT_DAYS = 31


def statements(sql: str) -> list[str]:
    """Split a migration script into statements (trigger bodies kept whole)."""
    out, buf = [], ""
    for line in sql.splitlines(keepends=True):
        if line.strip().startswith("--"):
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out


def dense(total: int, rows: int, reach: int) -> bool:
    """Whether walking an index in list order to the ``reach``-th of ``total`` matches
    (among ``rows``) is cheaper than collecting and sorting them all.

    Spread evenly, the walk visits ``reach * rows / total`` entries; sorting
    touches ``total`` rows. The walk is taken when it would visit at most a
    quarter as many: matches bunched at the far end of the list cost it more.

    Example:
        >>> dense(200_000, 8_000_000, 50), dense(3_000, 8_000_000, 50)
        (True, False)
    """
    return total > 0 and 4 * reach * rows <= total * total


def overlap(
    lo: str,
    hi: str,
    first: dt.date | None,
    last: dt.date | None,
    *,
    also: str = "",
    also_params: Sequence[object] = (),
) -> tuple[str, list[object]]:
    """SQL keeping the intervals ``[lo, hi]`` (two columns) that overlap [first, last],
    and meet ``also`` (an equality on an index's first column, repeated in each branch).

    An interval that overlaps and starts more than :data:`SHORT_DAYS` before
    ``first`` is longer than that, so the test is two index ranges: intervals
    starting from ``SHORT_DAYS`` before ``first`` on, and long intervals (their
    partial indexes, migration 7) — not every interval that starts before ``last``.
    That is for counting: to walk the intervals in order, ``lo <= last AND hi >=
    first`` reads the same index from ``last`` back. Intervals with a NULL bound
    never overlap.

    Example:
        >>> overlap("t.lo", "t.hi", None, dt.date(1959, 12, 31))
        ('t.lo <= ?', ['1959-12-31'])
    """
    pre, pre_params = (f"{also} AND ", list(also_params)) if also else ("", [])
    if first is None:
        if last is None:
            return f"{pre}{lo} IS NOT NULL", pre_params
        return f"{pre}{lo} <= ?", [*pre_params, last.isoformat()]
    early, day = (first - dt.timedelta(days=SHORT_DAYS)).isoformat(), first.isoformat()
    below, bound = (f" AND {lo} <= ?", [last.isoformat()]) if last else ("", [])
    long = f"julianday({hi}) - julianday({lo}) > {SHORT_DAYS}"
    return (
        f"(({pre}{lo} >= ?{below} AND {hi} >= ?)"
        f" OR ({pre}{long} AND {hi} >= ? AND {lo} < ?{below}))",
        [*pre_params, early, *bound, day, *pre_params, day, early, *bound],
    )


def ids_json(ids: Sequence[int]) -> str:
    """A list of ids as one parameter, read back in SQL with ``json_each``."""
    return json.dumps(list(ids))
