"""The default store: one SQLite file, WAL, one transaction per batch.

The queries are :class:`~dateline.storage.sql_store.SQLStore`'s; this module opens
the file and applies the migrations.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from dateline.errors import E, StoreError
from dateline.storage import register_store
from dateline.storage.entities import Linker
from dateline.storage.fetched import StoreFetchState
from dateline.storage.migrations import MIGRATIONS
from dateline.storage.snippets import HIT_CLOSE as HIT_CLOSE  # re-exported for the CLI
from dateline.storage.snippets import HIT_OPEN as HIT_OPEN
from dateline.storage.snippets import context_snippet as context_snippet
from dateline.storage.sql import statements
from dateline.storage.sql_store import SQLStore
from dateline.storage.sql_store import content_hash as content_hash  # re-exported
from dateline.storage.sql_store import timex_row as timex_row

#: The fetch state of a SQLite store (the same class serves both stores).
SQLiteFetchState = StoreFetchState


@register_store("sqlite")
class SQLiteStore(SQLStore):
    """dateline's embedded store.

    Example:
        >>> store = SQLiteStore(":memory:", create=True)
        >>> store.summary()["articles"]
        0
    """

    def __init__(self, path: str, *, create: bool = False) -> None:
        self.path = path
        if path != ":memory:" and not create and not Path(path).exists():
            raise StoreError(E.NO_DATABASE, path=path)
        try:
            self.conn = sqlite3.connect(path, isolation_level=None)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA busy_timeout = 10000")
            if path != ":memory:":
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
                # A large store's indexes do not fit SQLite's default 2 MB page cache:
                # 64 MB of cache and a memory-mapped read path keep look-ups in memory.
                self.conn.execute("PRAGMA cache_size = -65536")
                self.conn.execute("PRAGMA mmap_size = 268435456")
            self._migrate()
            self.linker = Linker()
        except sqlite3.DatabaseError as exc:
            raise StoreError(E.NOT_A_DATABASE, path=path, detail=str(exc)) from exc

    # -- schema -----------------------------------------------------------------
    def _migrate(self) -> None:
        c = self.conn
        c.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        applied = {row[0] for row in c.execute("SELECT version FROM schema_migrations")}
        latest = max(v for v, _, _ in MIGRATIONS)
        if applied and max(applied) > latest:
            raise StoreError(E.NEWER_SCHEMA, found=max(applied), known=latest)
        for version, name, sql in MIGRATIONS:
            if version in applied:
                continue
            # A migration that rebuilds a table runs with foreign keys off (SQLite's
            # documented procedure) and is checked before it commits.
            rebuild = callable(sql)
            if rebuild:
                c.execute("PRAGMA foreign_keys = OFF")
            c.execute("BEGIN IMMEDIATE")
            try:
                if callable(sql):
                    sql(c)
                else:
                    for statement in statements(sql):
                        c.execute(statement)
                if rebuild and c.execute("PRAGMA foreign_key_check").fetchone() is not None:
                    raise StoreError(E.NOT_A_DATABASE, path=self.path,
                                     detail=f"migration {version} broke a reference")
                c.execute(
                    "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                    (version, name, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
                )
                c.execute("COMMIT")
            except BaseException:
                c.execute("ROLLBACK")
                raise
            finally:
                if rebuild:
                    c.execute("PRAGMA foreign_keys = ON")

    def schema_version(self) -> int:
        row = self.conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0)

    conn: sqlite3.Connection

    def close(self) -> None:
        self.conn.close()
