"""Databases as an older dateline left them, for testing the migrations that follow."""

from __future__ import annotations

import sqlite3

from dateline.storage.migrations import MIGRATIONS
from dateline.storage.sql import statements


def migrate_to(c: sqlite3.Connection, last: int) -> None:
    """Apply the migrations up to number ``last`` to an empty database, recorded as the
    store records them."""
    c.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY,"
              " name TEXT NOT NULL, applied_at TEXT NOT NULL)")  # fmt: skip
    for version, name, sql in [m for m in MIGRATIONS if m[0] <= last]:
        if callable(sql):
            sql(c)
        else:
            for statement in statements(sql):
                c.execute(statement)
        c.execute("INSERT INTO schema_migrations VALUES (?, ?, 'then')", (version, name))
