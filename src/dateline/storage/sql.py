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
