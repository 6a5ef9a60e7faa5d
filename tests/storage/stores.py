"""Fresh stores of either backend for the storage tests (see ``conftest.py``)."""

from __future__ import annotations

from pathlib import Path

from dateline.storage.sql_store import SQLStore

BACKENDS = ("sqlite", "postgres")


class Stores:
    """Fresh stores of one backend (``kind``) for a test, cleaned up after it."""

    def __init__(self, kind: str, folder: Path, server=None) -> None:
        self.kind = kind
        self.folder = folder
        self.server = server
        self._made: list[str] = []
        self._open: list[SQLStore] = []

    def url(self) -> str:
        """A new empty database: a SQLite path or a PostgreSQL URL (already migrated)."""
        if self.kind == "sqlite":
            url = str(self.folder / f"store{len(self._made)}.db")
        else:
            url = self.server.new_database()
        self._made.append(url)
        return url

    def open(self, url: str, *, create: bool = False) -> SQLStore:
        """The store at ``url`` (as :meth:`url` gave it)."""
        from dateline.storage import open_store

        store = open_store(url, create=create)
        assert isinstance(store, SQLStore)
        self._open.append(store)
        return store

    def new(self) -> SQLStore:
        """A store in a new empty database."""
        return self.open(self.url(), create=True)

    def reopen(self, store: SQLStore) -> SQLStore:
        """Another store on ``store``'s database (as another run would open it)."""
        return self.open(store.url if self.kind == "postgres" else store.path)  # type: ignore[attr-defined]

    def cleanup(self) -> None:
        for store in self._open:
            store.close()
        if self.server is not None:
            for url in self._made:
                self.server.release(url)


def check_text_index(store: SQLStore, table: str) -> None:
    """Assert that ``table``'s full-text index agrees with its rows: FTS5's own
    integrity check on SQLite; on PostgreSQL, each row's ``tsv`` is its text's vector."""
    if getattr(store.conn, "dialect", "sqlite") == "sqlite":
        store.conn.execute(f"INSERT INTO {table}_fts({table}_fts) VALUES ('integrity-check')")
        return
    vector = {
        "articles": "setweight(dl_vector(title), 'A') || setweight(dl_vector(text), 'B')",
        "quotes": "dl_vector(text)",
        "events": "dl_vector(text) || dl_vector(trigger_text)",
    }[table]
    stale = store.conn.execute(f"SELECT COUNT(*) FROM {table} WHERE tsv <> {vector}")
    assert stale.fetchone()[0] == 0
