"""The connection the store's query modules run on: SQLite's, or PostgreSQL's through an adapter.

The query modules (:mod:`dateline.storage.browse`, :mod:`~dateline.storage.quotes` …)
are written once, in SQLite's SQL, against the small subset of ``sqlite3.Connection``
typed here (:class:`Connection`). The PostgreSQL store hands them a
:class:`dateline.storage.pg_conn.PgConnection` that offers the same subset and
rewrites the mechanical differences (placeholders, index hints, ``json_each``,
NULL ordering; see :mod:`dateline.storage.pg_sql`). Where the SQL differs in
substance — full-text search, ranking, snippets — the module that owns the query
branches on :func:`is_postgres`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

#: The two dialects the modules are written for.
SQLITE, POSTGRES = "sqlite", "postgres"
#: PostgreSQL's text-search condition for a safe FTS5 query (:func:`dateline.storage.browse.
#: fts_query`) over a ``tsv`` column: ``dl_match`` turns its quoted terms into a ``tsquery``
#: (migration 1's PostgreSQL variant defines it).
PG_MATCH = "dl_match(?)"


class Cursor(Protocol):
    """What the modules use of a cursor: rows (indexable by position and by name) and ids."""

    row_factory: Any

    @property
    def lastrowid(self) -> int | None: ...

    @property
    def description(self) -> Any: ...

    def execute(self, sql: str, parameters: Any = ..., /) -> Cursor: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    """What the modules use of a connection (``sqlite3.Connection`` has all of it)."""

    def execute(self, sql: str, parameters: Any = ..., /) -> Cursor: ...

    def executemany(self, sql: str, parameters: Any, /) -> Cursor: ...

    def cursor(self) -> Cursor: ...


def dialect(conn: object) -> str:
    """``"postgres"`` for the PostgreSQL adapter, else ``"sqlite"``.

    Example:
        >>> import sqlite3
        >>> dialect(sqlite3.connect(":memory:"))
        'sqlite'
    """
    return str(getattr(conn, "dialect", SQLITE))


def is_postgres(conn: object) -> bool:
    """Whether ``conn`` is the PostgreSQL adapter (the query has a PostgreSQL branch)."""
    return dialect(conn) == POSTGRES
