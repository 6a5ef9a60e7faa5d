"""Every store test runs against both stores: SQLite and PostgreSQL (parity).

A test asks for ``stores`` (or ``module_stores``, shared by a module's tests) and
gets fresh, empty stores of one backend from it; the same test, with the same
assertions, runs once per backend (``test_x[sqlite]``, ``test_x[postgres]``).
PostgreSQL stores are databases on one server per session (``pg_server``): a
copy of a migrated template, emptied after a test for the next one. Tests that read SQLite's
own files or schema (old-migration databases, ``sqlite_master``, FTS5 checks, query
plans) stay SQLite-only and say so.
"""

from __future__ import annotations

from pathlib import Path

import pytest

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


def _stores(request, folder: Path):
    server = request.getfixturevalue("pg_server") if request.param == "postgres" else None
    return Stores(request.param, folder, server)


@pytest.fixture(params=BACKENDS)
def stores(request, tmp_path):
    """Fresh stores of each backend in turn, for one test."""
    s = _stores(request, tmp_path)
    yield s
    s.cleanup()


@pytest.fixture(scope="module", params=BACKENDS)
def module_stores(request, tmp_path_factory):
    """Fresh stores of each backend in turn, shared by a module's tests."""
    s = _stores(request, tmp_path_factory.mktemp(request.param))
    yield s
    s.cleanup()
