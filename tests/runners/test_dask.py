"""The dask runner on a real local cluster with the real spaCy model: it stores what the
local runner stores, a worker dying mid-batch loses nothing and stores nothing twice,
an article that kills every worker is one failure, and a worker's configuration error
reaches the user as itself."""

from __future__ import annotations

import csv
import datetime as dt
import logging
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

import dask
import pytest
from distributed import LocalCluster

from dateline.api_ingest import ingest, ingest_items
from dateline.config import DEFAULT_STAGES, Config
from dateline.errors import ConfigError
from dateline.records import Article

from ..conftest import SAMPLE


def sample_subset(folder: Path, n: int) -> Path:
    """The first ``n`` articles of the bundled 2019 Wikinews sample, as a CSV file."""
    csv.field_size_limit(sys.maxsize)
    with open(SAMPLE / "wikinews_2019.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))[:n]
    path = folder / f"wikinews-{n}.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def stored(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (full-text indexes aside, which are built from them),
    without the ingest time."""
    with sqlite3.connect(db) as conn:
        tables = [name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%'"
            " AND name != 'schema_migrations'"
        )]  # fmt: skip
        dump = {}
        for table in tables:
            columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
            keep = ", ".join(f'"{c}"' for c in columns if c != "ingested_at")
            dump[table] = sorted(conn.execute(f'SELECT {keep} FROM "{table}"'), key=repr)
    return dump


def test_the_dask_runner_stores_exactly_what_the_local_runner_stores(tmp_path):
    """In one process, on two local worker processes, on a two-worker Dask cluster."""
    source = sample_subset(tmp_path, 24)
    dumps, progress = {}, {}
    for runner, workers in (("local", 1), ("local", 2), ("dask", 2)):
        db = tmp_path / f"{runner}-{workers}.db"
        calls: list[tuple[int, int | None]] = []
        config = Config(db=str(db), runner=runner, workers=workers, batch_size=8)
        report = ingest([source], config=config, progress=lambda *a, c=calls: c.append(a))
        assert (report.new, report.failed) == (24, 0), report.failures
        dumps[runner, workers], progress[runner, workers] = stored(db), calls
    one = dumps["local", 1]
    assert all(len(one[t]) > 10 for t in ("entities", "mentions", "quotes", "timexes", "events"))
    assert one["stories"] and one["entity_roles"]
    for table in one:  # one table at a time, for a readable difference
        assert dumps["local", 2][table] == one[table], table
        assert dumps["dask", 2][table] == one[table], table
    assert all(p == [(8, None), (16, None), (24, None), (24, 24)] for p in progress.values())


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    """Two worker processes that know the crashing test stage; a task whose worker dies
    twice is given up (the scheduler's count), and a worker holds only the batch it runs."""
    from . import stages

    stages.register()  # "test-crash" here; the workers import the module

    settings = {
        "distributed.scheduler.allowed-failures": 1,
        "distributed.scheduler.worker-saturation": 1.0,
    }
    try:
        with dask.config.set(settings), LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
            silence_logs=logging.CRITICAL,
        ) as local:  # fmt: skip
            yield local
    finally:
        stages.unregister()


def articles(n: int, special: dict[int, str]) -> list[Article]:
    day = dt.date(2019, 11, 7)
    return [
        Article(f"a{i:02}", None, day, None, None,
                f"PARIS, Nov. 7. Minister {i} said on Tuesday the talks went well. "
                + special.get(i, ""))
        for i in range(n)
    ]  # fmt: skip


def crash_config(cluster: LocalCluster, db: Path) -> Config:
    return Config(
        db=str(db), runner="dask", scheduler=cluster.scheduler_address, batch_size=4,
        stages=(*DEFAULT_STAGES, "test-crash"),
    )  # fmt: skip


def stored_ids(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [row[0] for row in conn.execute("SELECT id FROM articles ORDER BY pk")]


def test_a_worker_dying_mid_batch_loses_nothing_and_stores_nothing_twice(cluster, tmp_path):
    marker = tmp_path / "crashed"
    given = articles(12, {5: f"CRASH-ONCE:{marker}"})
    report = ingest_items(given, config=crash_config(cluster, tmp_path / "c.db"))
    assert marker.exists()  # a worker did end in the middle of the second batch
    assert (report.new, report.failed) == (12, 0), report.failures
    assert stored_ids(tmp_path / "c.db") == [a.id for a in given]  # each once, in order


def test_an_article_that_kills_every_worker_fails_alone(cluster, tmp_path):
    given = articles(8, {2: "CRASH-ALWAYS"})
    report = ingest_items(given, config=crash_config(cluster, tmp_path / "k.db"))
    assert (report.new, report.failed) == (7, 1)
    (failure,) = report.failures
    assert failure.item == "a02" and failure.code == "DL115"
    assert "the worker running it died" in failure.reason
    assert stored_ids(tmp_path / "k.db") == [a.id for a in given if a.id != "a02"]


def test_a_configuration_error_on_the_workers_stops_the_run_as_itself(cluster, tmp_path):
    config = Config(
        db=str(tmp_path / "m.db"), runner="dask", scheduler=cluster.scheduler_address,
        model="no_such_spacy_model",
    )  # fmt: skip
    with pytest.raises(ConfigError) as exc:
        ingest_items(articles(3, {}), config=config)
    assert exc.value.code == "DL205" and "no_such_spacy_model" in exc.value.message


def test_a_stage_the_workers_cannot_import_stops_the_run_in_one_line(cluster, tmp_path):
    # A plug-in stage importable here (its folder on this process's path, put there after
    # the workers started) but not on the workers: installed on one machine only.
    from dateline import pipeline

    (tmp_path / "only_here_stage.py").write_text(
        "from dateline.pipeline import stage\n"
        "@stage('test-only-here', requires=('text',), sets=('test.here',))\n"
        "class OnlyHere:\n"
        "    def __init__(self, config): pass\n"
        "    def process(self, batch): pass\n"
    )
    sys.path.insert(0, str(tmp_path))
    try:
        __import__("only_here_stage")
        config = Config(
            db=str(tmp_path / "h.db"), runner="dask", scheduler=cluster.scheduler_address,
            stages=("dateline", "test-only-here"),
        )  # fmt: skip
        with pytest.raises(ConfigError) as exc:
            ingest_items(articles(3, {}), config=config)
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop("only_here_stage", None)
        pipeline._REGISTRY.pop("test-only-here", None)
    assert exc.value.code == "DL213"
    assert "No module named 'only_here_stage'" in exc.value.message


def test_the_input_is_read_only_as_far_as_the_batches_in_flight(cluster, tmp_path):
    from dateline.runners import runner_for
    from dateline.runners.dask import AHEAD

    read: list[str] = []

    def source() -> Iterator[Article]:
        for article in articles(40, {}):
            read.append(article.id)
            yield article

    config = Config(db=str(tmp_path / "l.db"), runner="dask", scheduler=cluster.scheduler_address,
                    batch_size=4, stages=("dateline", "nlp"))  # fmt: skip
    runner = runner_for(config)
    try:
        runner.client.wait_for_workers(2, timeout=60)  # type: ignore[attr-defined]
        batches = runner.run(source())
        try:
            first = next(batches)
            ahead = AHEAD * 2 * 4  # two workers of one thread, four articles a batch
            assert [w.article.id for w in first] == ["a00", "a01", "a02", "a03"]
            assert len(read) == ahead  # not one more than the batches in flight
            rest = [w.article.id for batch in batches for w in batch]
        finally:
            batches.close()  # type: ignore[attr-defined]
    finally:
        runner.close()
    assert rest == [f"a{i:02}" for i in range(4, 40)] and len(read) == 40
