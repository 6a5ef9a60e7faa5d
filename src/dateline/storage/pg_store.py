"""The PostgreSQL store: the same queries as SQLite's, many writers, pooled connections.

A :class:`PostgresStore` borrows one connection from a small pool per process and
database URL (:func:`pool_for`: opened on first use, at most :data:`POOL_MAX`
connections, closed at exit), so the HTTP service's threads, each opening a store
per request, share a few server connections. Its queries are
:class:`~dateline.storage.sql_store.SQLStore`'s over
:class:`~dateline.storage.pg_conn.PgConnection`.

Several processes, on one machine or many, may write to one database at once: a
batch is saved in one transaction holding the database's write lock (an advisory
lock, :data:`~dateline.storage.pg_conn.WRITE_LOCK`), as on SQLite, so no article is
lost or stored twice and entity linking sees every earlier batch whole. The schema
is migrated under its own advisory lock: processes opening a fresh database at
once apply each migration once.
"""

from __future__ import annotations

import atexit
import datetime as dt
import os
import threading
from typing import Any

import psycopg
from psycopg_pool import ConnectionPool, PoolTimeout

from dateline.errors import E, StoreError
from dateline.storage.entities import Linker
from dateline.storage.migrations import MIGRATIONS
from dateline.storage.pg_conn import PgConnection, configure
from dateline.storage.pg_migrations import POSTGRES_MIGRATIONS
from dateline.storage.postgres import redact
from dateline.storage.sql_store import SQLStore

#: Connections a process keeps open to one database, at least and at most.
POOL_MIN, POOL_MAX = 1, 4
#: Seconds to wait for the server to answer a new connection.
CONNECT_TIMEOUT = 10
#: Seconds a store waits for a pooled connection (all are busy: more threads than it has).
POOL_WAIT = 30
#: The advisory lock migrations are applied under.
MIGRATE_LOCK = 0x646C6D67  # "dlmg"

_POOLS: dict[tuple[int, str], ConnectionPool[Any]] = {}
_POOLS_LOCK = threading.Lock()


def _unreachable(url: str, exc: BaseException) -> StoreError:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    detail = lines[0] if lines else type(exc).__name__
    return StoreError(E.NO_SERVER, url=redact(url), detail=detail)


def _probe(url: str) -> None:
    """Connect once, so an unreachable server is one clear error, not a pool's retries.

    Raises:
        StoreError: the server cannot be reached or refuses the connection (``DL309``).
    """
    try:
        psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT, autocommit=True).close()
    except psycopg.Error as exc:
        raise _unreachable(url, exc) from exc


def pool_for(url: str) -> ConnectionPool[Any]:
    """This process's pool of connections to ``url``, opened on first use.

    Raises:
        StoreError: the server cannot be reached (``DL309``).
    """
    key = (os.getpid(), url)  # a forked child opens its own
    with _POOLS_LOCK:
        pool = _POOLS.get(key)
        if pool is None or pool.closed:
            _probe(url)
            pool = ConnectionPool(
                url, min_size=POOL_MIN, max_size=POOL_MAX, open=False,
                kwargs={"autocommit": True, "connect_timeout": CONNECT_TIMEOUT},
                configure=configure, check=ConnectionPool.check_connection,
                timeout=POOL_WAIT, name="dateline",
            )  # fmt: skip
            pool.open(wait=False)
            _POOLS[key] = pool
    return pool


def close_pool(url: str) -> None:
    """Close this process's pool of ``url``, if open (before a database is dropped)."""
    with _POOLS_LOCK:
        pool = _POOLS.pop((os.getpid(), url), None)
    if pool is not None:
        pool.close(timeout=1)


@atexit.register
def close_pools() -> None:
    """Close this process's pools (at exit, and for tests that stop a server)."""
    with _POOLS_LOCK:
        for key, pool in list(_POOLS.items()):
            if key[0] == os.getpid():
                pool.close(timeout=1)
            del _POOLS[key]


def _applied(raw: psycopg.Connection[Any]) -> set[int] | None:
    """The migrations recorded in the database, or ``None`` when it holds no store."""
    row = raw.execute("SELECT to_regclass('schema_migrations')").fetchone()
    if row is None or row[0] is None:
        return None
    return {int(r[0]) for r in raw.execute("SELECT version FROM schema_migrations")}


class PostgresStore(SQLStore):
    """dateline's store in a PostgreSQL database (``postgresql://user:pass@host:port/db``).

    Example:
        >>> store = PostgresStore("postgresql://localhost/news", create=True)  # doctest: +SKIP
        >>> store.summary()["articles"]  # doctest: +SKIP
        0
    """

    conn: PgConnection

    def __init__(self, url: str, *, create: bool = False) -> None:
        self.url = url
        self.path = redact(url)  # what messages show
        self._pool = pool_for(url)
        try:
            self._raw: psycopg.Connection[Any] | None = self._pool.getconn()
        except PoolTimeout as exc:
            _probe(url)  # the server went away: say why
            raise _unreachable(url, exc) from exc
        self.conn = PgConnection(self._raw)
        try:
            self._migrate(create)
        except psycopg.OperationalError as exc:
            self.close()
            raise _unreachable(url, exc) from exc
        except BaseException:
            self.close()
            raise
        self.linker = Linker()

    # -- schema -----------------------------------------------------------------
    def _migrate(self, create: bool) -> None:
        raw = self.conn.raw
        latest = max(v for v, _, _ in MIGRATIONS)
        applied = _applied(raw)
        if applied is None and not create:
            raise StoreError(E.NO_DATABASE, path=self.path)
        if applied and max(applied) > latest:
            raise StoreError(E.NEWER_SCHEMA, found=max(applied), known=latest)
        if applied is not None and applied >= {v for v, _, _ in MIGRATIONS}:
            return
        with raw.transaction():
            raw.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATE_LOCK,))
            raw.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                "version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            applied = _applied(raw) or set()  # another process may have been first
            if applied and max(applied) > latest:
                raise StoreError(E.NEWER_SCHEMA, found=max(applied), known=latest)
            for version, name, _ in MIGRATIONS:
                if version in applied:
                    continue
                script = POSTGRES_MIGRATIONS.get(version)
                if script is None:
                    raise StoreError(E.NOT_A_DATABASE, path=self.path,
                                     detail=f"migration {version} has no PostgreSQL form")
                raw.execute(script)
                raw.execute(
                    "INSERT INTO schema_migrations VALUES (%s, %s, %s)",
                    (version, name, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
                )

    def schema_version(self) -> int:
        row = self.conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0)

    def close(self) -> None:
        """Give the connection back to the pool (the pool stays open for the next store)."""
        raw, self._raw = self._raw, None
        if raw is not None:
            self._pool.putconn(raw)
