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

from tests.storage.stores import BACKENDS, Stores


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
