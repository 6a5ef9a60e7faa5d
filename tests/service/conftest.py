"""The service over real stores: FastAPI's test client for most tests, a real server for some."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dateline.config import Config
from dateline.service import ServiceOptions, create_app

TOKEN = "test-token-of-enough-length"


@pytest.fixture(scope="session")
def client(sample_db: Path) -> TestClient:
    """Read-only, over the bundled sample."""
    return TestClient(create_app(ServiceOptions(config=Config(db=str(sample_db)))))


@pytest.fixture()
def writable_db(sample_db: Path, tmp_path: Path) -> Path:
    """A copy of the sample database a test may write to."""
    db = tmp_path / "copy.db"
    shutil.copy(sample_db, db)
    return db


def app_client(db: Path, *, writes: bool = False, token: str | None = TOKEN, **kw) -> TestClient:
    options = ServiceOptions(config=Config(db=str(db)), allow_writes=writes, token=token, **kw)
    return TestClient(create_app(options), raise_server_exceptions=False)
