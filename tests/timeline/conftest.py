"""Stores for timeline tests: the seed article alone, and a small hand-written story."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dateline.api import ingest
from dateline.config import Config
from dateline.pipeline import Pipeline
from dateline.records import Article, Work
from dateline.storage.sqlite import SQLiteStore
from tests.conftest import SEED

#: A small oil-spill story told by three outlets (written for these tests).
SPILL = [
    ("r1", "2010-04-21", "Reuters", "Rig explodes in the Gulf",
     "An explosion on the Deepwater Horizon oil rig killed 11 workers on Tuesday night. "
     "BP said it was working to contain the oil spill."),
    ("b1", "2010-04-21", "BBC", "Gulf rig blast",
     "An explosion on the Deepwater Horizon oil rig on Tuesday night killed 11 workers. "
     "Coast guard ships searched the area for survivors."),
    ("w1", "2010-04-23", "Washington Post", "Rig sinks",
     "The burning Deepwater Horizon rig sank on Thursday, two days after the explosion. "
     "Oil began to leak from the damaged well into the Gulf."),
    ("r2", "2010-05-03", "Reuters", "Relief well",
     "BP began drilling a relief well on Sunday to stop the oil spill. "
     "The company said the well could take three months to complete."),
    ("x1", "2010-05-03", "Reuters", "Football results",
     "The home team won the cup final on Saturday after extra time."),
]  # fmt: skip


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("seed") / "seed.db"
    report = ingest([SEED], config=Config(db=str(db)))
    assert report.new == 1 and report.failed == 0
    return db


@pytest.fixture(scope="session")
def spill_store(tmp_path_factory) -> SQLiteStore:
    db = tmp_path_factory.mktemp("spill") / "spill.db"
    articles = [
        Article(id=i, title=t, published=dt.date.fromisoformat(d), source=s, url=None, text=x)
        for i, d, s, t, x in SPILL
    ]
    pipe = Pipeline(Config(db=str(db)))
    works = [w for w in pipe.run_batch(articles) if isinstance(w, Work)]
    assert len(works) == len(articles)
    store = SQLiteStore(str(db), create=True)
    store.save(works, signature=pipe.signature)
    return store
