"""Shared fixtures: the real spaCy pipeline, the seed article, sample corpus databases."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from dateline.config import Config
from dateline.ingest import sample_path
from dateline.records import Article, Work

# Relative time must never depend on the machine's zone (STYLE: test under an unusual TZ).
os.environ["TZ"] = "Pacific/Kiritimati"

SAMPLE = sample_path()
SEED = SAMPLE / "tass-2019-11-07.txt"


@pytest.fixture(scope="session")
def nlp():
    from dateline.stages.nlp import load_model

    return load_model(Config().model)


@pytest.fixture(scope="session")
def seed_text() -> str:
    raw = SEED.read_text(encoding="utf-8")
    return raw.split("2019-11-07", 1)[1].lstrip()


@pytest.fixture()
def make_work(nlp):
    """Build a Work item with a parsed Doc from a text (and optional publication date)."""

    def make(text: str, published: dt.date | None = None) -> Work:
        art = Article(id="t", title=None, published=published, source=None, url=None, text=text)
        return Work(article=art, doc=nlp(text))

    return make


@pytest.fixture(scope="session")
def sample_stores(tmp_path_factory, request) -> dict[str, str]:
    """The bundled sample corpus ingested once, into a SQLite file and — by the same
    pipeline run, where a PostgreSQL server can be had — a PostgreSQL database: their
    paths or URLs by backend (read-only use)."""
    from dateline.api import ingest
    from tests.tee_store import tee_url

    db = str(tmp_path_factory.mktemp("sample") / "sample.db")
    found = {"sqlite": db}
    try:
        server = request.getfixturevalue("pg_server")
    except pytest.skip.Exception:  # no PostgreSQL here: SQLite alone
        server = None
    if server is not None:
        found["postgres"] = server.new_database()
    target = tee_url(db, found["postgres"]) if server is not None else db
    report = ingest([SAMPLE], config=Config(db=target))
    assert report.failed == 0, report.failures
    return found


@pytest.fixture(scope="session")
def sample_db(sample_stores) -> Path:
    """The bundled sample corpus ingested once into a SQLite file (read-only use)."""
    return Path(sample_stores["sqlite"])


@pytest.fixture(scope="session")
def sample_pg(sample_stores) -> str:
    """The URL of the bundled sample corpus in PostgreSQL (read-only use)."""
    if "postgres" not in sample_stores:
        pytest.skip("PostgreSQL tests skipped: no server (see the pg_server fixture)")
    return sample_stores["postgres"]


@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL server for the session (started here, or ``$DATELINE_TEST_PG``);
    the tests that need one skip, saying why, where none can be had."""
    from tests import pg_server as pg

    try:
        server = pg.start()
    except pg.Unavailable as exc:
        pytest.skip(f"PostgreSQL tests skipped: {exc}")
    yield server
    server.stop()
