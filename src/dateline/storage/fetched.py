"""What fetching remembers: each URL's validators, each feed's entries seen.

:class:`Fetched` and the :class:`FetchState` protocol live here, beside their two
implementations (a dict, and a store's tables of migration 8), so the store need not
import the HTTP client; :mod:`dateline.ingest.fetch` re-exports them.

Tables (see :data:`FETCHED_SQL`):

* ``fetched``: per requested URL, the final URL, validators (``ETag``,
  ``Last-Modified``), a hash of the last body, its status and when it was fetched;
* ``feed_items``: per feed and entry id, its link and a hash of its content, so a
  watch that reads a feed again knows which entries are new or changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from dataclasses import dataclass
from typing import Protocol

from dateline.storage.db import Connection

FETCHED_SQL = """
-- One row per URL asked for: the validators sent with the next request.
CREATE TABLE fetched (
    url TEXT PRIMARY KEY,
    final_url TEXT NOT NULL,
    etag TEXT,
    last_modified TEXT,
    content_hash TEXT NOT NULL,
    status INTEGER NOT NULL,
    fetched_at TEXT NOT NULL
);
-- One row per feed entry seen (guid: the entry's id, link or content hash).
CREATE TABLE feed_items (
    feed_url TEXT NOT NULL,
    guid TEXT NOT NULL,
    link TEXT,
    content_hash TEXT NOT NULL,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (feed_url, guid)
);
"""


@dataclass(frozen=True)
class Fetched:
    """One HTTP answer, read whole.

    Attributes:
        url: The final URL, after redirects.
        requested: The URL asked for.
        status: HTTP status of the final answer (304 when ``not_modified``).
        content: The body (``b""`` when ``not_modified``).
        content_type: Media type without parameters, lower case (``text/html``).
        charset: The ``charset`` parameter of ``Content-Type``, lower case, when given.
        etag: ``ETag`` validator, when given.
        last_modified: ``Last-Modified`` validator, when given.
        not_modified: True on a 304 answer to a conditional request.
    """

    url: str
    requested: str
    status: int
    content: bytes
    content_type: str | None
    charset: str | None
    etag: str | None
    last_modified: str | None
    not_modified: bool = False


class FetchState(Protocol):
    """What a fetcher remembers between requests: each URL's validators."""

    def validators(self, url: str) -> tuple[str | None, str | None]:
        """The ``(etag, last_modified)`` last seen for a requested URL."""
        ...

    def remember(self, fetched: Fetched) -> None:
        """Record a full answer's validators (called after each 2xx)."""
        ...


class MemoryFetchState:
    """A :class:`FetchState` in a dict, for one process (thread-safe).

    Example:
        >>> state = MemoryFetchState()
        >>> state.validators("https://example.org/")
        (None, None)
    """

    def __init__(self) -> None:
        self._seen: dict[str, tuple[str | None, str | None]] = {}
        self._lock = threading.Lock()

    def validators(self, url: str) -> tuple[str | None, str | None]:
        with self._lock:
            return self._seen.get(url, (None, None))

    def remember(self, fetched: Fetched) -> None:
        with self._lock:
            self._seen[fetched.requested] = (fetched.etag, fetched.last_modified)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class StoreFetchState:
    """A :class:`FetchState` in a store's ``fetched`` table (SQLite or PostgreSQL).

    Used from the thread that owns the connection (``Fetcher.fetch_many`` reads and
    writes its state in the calling thread).

    Example:
        >>> from dateline.storage.sqlite import SQLiteStore
        >>> state = SQLiteStore(":memory:", create=True).fetch_state()
        >>> state.validators("https://example.org/")
        (None, None)
    """

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def validators(self, url: str) -> tuple[str | None, str | None]:
        row = self.conn.execute(
            "SELECT etag, last_modified FROM fetched WHERE url = ?", (url,)
        ).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def remember(self, fetched: Fetched) -> None:
        self.conn.execute(
            "INSERT INTO fetched VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET"
            " final_url = excluded.final_url, etag = excluded.etag,"
            " last_modified = excluded.last_modified, content_hash = excluded.content_hash,"
            " status = excluded.status, fetched_at = excluded.fetched_at",
            (
                fetched.requested, fetched.url, fetched.etag, fetched.last_modified,
                hashlib.sha256(fetched.content).hexdigest(), fetched.status, _now(),
            ),
        )  # fmt: skip

    def last(self, url: str) -> dict[str, object] | None:
        """The row of a requested URL (final URL, validators, hash, status, time)."""
        cursor = self.conn.execute("SELECT * FROM fetched WHERE url = ?", (url,))
        row = cursor.fetchone()
        if row is None:
            return None
        return dict(zip([d[0] for d in cursor.description], row, strict=True))


def seen_feed_item(conn: Connection, feed_url: str, guid: str, content_hash: str) -> bool:
    """Whether a feed's entry is known with this content (False: new or changed).

    Example:
        >>> from dateline.storage.sqlite import SQLiteStore
        >>> SQLiteStore(":memory:", create=True).seen_feed_item("https://x/feed", "1", "h")
        False
    """
    row = conn.execute(
        "SELECT content_hash FROM feed_items WHERE feed_url = ? AND guid = ?", (feed_url, guid)
    ).fetchone()
    return row is not None and row[0] == content_hash


def remember_feed_item(
    conn: Connection, feed_url: str, guid: str, *, link: str | None, content_hash: str
) -> None:
    """Record a feed's entry as seen with this content (replacing what was known)."""
    conn.execute(
        "INSERT INTO feed_items VALUES (?, ?, ?, ?, ?) ON CONFLICT (feed_url, guid) DO UPDATE"
        " SET link = excluded.link, content_hash = excluded.content_hash,"
        " seen_at = excluded.seen_at",
        (feed_url, guid, link, content_hash, _now()),
    )


#: The fetch state's former name (the SQLite store had it alone).
SQLiteFetchState = StoreFetchState
