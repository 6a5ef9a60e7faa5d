"""Small SQL helpers shared by the store's modules."""

from __future__ import annotations

import sqlite3

#: Read articles' days and ids from their narrow index (migration 7), not their rows, text
#: and all: SQLite looks a row up by rowid whenever it can, however wide the row is.
BY_DAY = "INDEXED BY articles_pk_day"


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
