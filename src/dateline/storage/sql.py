"""Small SQL helpers shared by the store's modules."""

from __future__ import annotations

import sqlite3


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
