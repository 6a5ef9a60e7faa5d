"""A psycopg connection dressed as the ``sqlite3`` subset the query modules use.

:class:`PgConnection` offers ``execute``, ``executemany`` and ``cursor``; its
cursors give rows indexable by position and by column name (as ``sqlite3.Row``),
``lastrowid`` (an ``INSERT`` returns its key) and iteration. Statements are
translated by :mod:`dateline.storage.pg_sql` once each. Transactions are SQLite's
words: ``BEGIN IMMEDIATE`` — SQLite's "take the write lock now" — begins a
transaction and takes one advisory lock per database (:data:`WRITE_LOCK`), so
writers from any number of processes or machines take turns exactly as they do on
one SQLite file, while readers read their snapshot undisturbed.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

import psycopg
from psycopg.adapt import Loader

from dateline.storage.db import POSTGRES
from dateline.storage.pg_sql import bind, translate

#: The advisory lock a writing transaction holds (``BEGIN IMMEDIATE``): one per database.
WRITE_LOCK = 0x646C7772  # "dlwr"


class Row(tuple[Any, ...]):
    """A result row: a tuple whose values can also be read by column name.

    Example:
        >>> row = _row_class(("id", "name"))((7, "Abe"))
        >>> row["name"], row[0], dict(row)
        ('Abe', 7, {'id': 7, 'name': 'Abe'})
    """

    __slots__ = ()
    _index: dict[str, int] = {}

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._index)


@lru_cache(maxsize=1024)
def _row_class(names: tuple[str, ...]) -> type[Row]:
    index: dict[str, int] = {}
    for i, name in enumerate(names):
        index.setdefault(name, i)  # the first of two columns of one name, as sqlite3.Row
    return type("Row", (Row,), {"__slots__": (), "_index": index})


def _named_rows(cursor: Any) -> Any:
    """psycopg row factory: :class:`Row` objects."""
    return _row_class(tuple(c.name for c in cursor.description or ()))


class _Number(Loader):
    """``numeric`` (``SUM`` of integers, ``AVG``) as ``int`` or ``float``, as SQLite gives them."""

    def load(self, data: Any) -> int | float:
        text = bytes(data).decode()
        return float(text) if "." in text or "e" in text.lower() or "N" in text else int(text)


def configure(conn: psycopg.Connection[Any]) -> None:
    """Set up a new pooled connection: numbers load as SQLite's do."""
    conn.adapters.register_loader("numeric", _Number)


class PgCursor:
    """The ``sqlite3.Cursor`` subset over a psycopg cursor: rows by position and name."""

    def __init__(self, conn: PgConnection) -> None:
        self._conn = conn
        self._cur: psycopg.Cursor[Any] | None = None
        self.row_factory: Any = _named_rows
        self.lastrowid: int | None = None

    @property
    def description(self) -> Any:
        return self._cur.description if self._cur is not None else None

    @property
    def rowcount(self) -> int:
        return self._cur.rowcount if self._cur is not None else -1

    def execute(self, sql: str, parameters: Any = (), /) -> PgCursor:
        statement = translate(sql)
        text, values = bind(statement, parameters)
        factory = self.row_factory or psycopg.rows.tuple_row
        cur = self._conn.raw.cursor(row_factory=factory)
        cur.execute(text, values)
        self._cur = cur
        if statement.returns_key:
            row = cur.fetchone()
            self.lastrowid = row[0] if row else None
        return self

    def executemany(self, sql: str, seq: Any, /) -> PgCursor:
        statement = translate(sql)
        rows = list(seq)
        if not rows:
            return self
        text = bind(statement, rows[0])[0]
        cur = self._conn.raw.cursor()
        cur.executemany(text, [bind(statement, r)[1] for r in rows])
        self._cur = cur
        return self

    def fetchone(self) -> Any:
        if self._cur is None or self._cur.description is None:
            return None
        return self._cur.fetchone()

    def fetchall(self) -> list[Any]:
        if self._cur is None or self._cur.description is None:
            return []
        return self._cur.fetchall()

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())


class PgConnection:
    """A psycopg connection (autocommit) used as the store's modules use ``sqlite3``.

    ``BEGIN``/``BEGIN IMMEDIATE``, ``COMMIT`` and ``ROLLBACK`` are executed as
    written, ``IMMEDIATE`` taking :data:`WRITE_LOCK` for the transaction.
    """

    dialect = POSTGRES

    def __init__(self, raw: psycopg.Connection[Any]) -> None:
        self.raw = raw

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> PgCursor:
        word = sql.lstrip()[:16].rstrip().upper()
        if word.startswith("BEGIN"):
            self.raw.execute("BEGIN")
            if word == "BEGIN IMMEDIATE":
                self.raw.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            return PgCursor(self)
        return PgCursor(self).execute(sql, parameters)

    def executemany(self, sql: str, seq: Any, /) -> PgCursor:
        return PgCursor(self).executemany(sql, seq)

    def cursor(self) -> PgCursor:
        return PgCursor(self)

    @property
    def in_transaction(self) -> bool:
        return self.raw.info.transaction_status != psycopg.pq.TransactionStatus.IDLE
