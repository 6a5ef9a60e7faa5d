"""The local runner on worker processes: a small input starts none, a worker that dies
stops the run in one line and a rerun stores the rest once, and killing the ingest
leaves no worker process behind."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from dateline.api_ingest import ingest_items
from dateline.config import Config
from dateline.errors import RunError
from dateline.records import Article

from ..cli.helpers import CLI, cli_env
from .test_dask import sample_subset


@pytest.fixture()
def test_stages() -> Iterator[None]:
    from . import stages

    stages.register()
    try:
        yield
    finally:
        stages.unregister()


def articles(n: int, special: dict[int, str] | None = None) -> list[Article]:
    day = dt.date(2019, 11, 7)
    return [
        Article(f"a{i:02}", None, day, None, None,
                f"PARIS, Nov. 7. Minister {i} said the talks went well. "
                + (special or {}).get(i, ""))
        for i in range(n)
    ]  # fmt: skip


def test_one_batch_or_one_worker_runs_here_and_more_runs_on_the_workers(
    test_stages, tmp_path, monkeypatch
):
    pids = tmp_path / "pids"
    monkeypatch.setenv("DATELINE_TEST_PIDS", str(pids))
    for workers, n in ((2, 8), (1, 9), (2, 9)):
        config = Config(db=str(tmp_path / f"{workers}-{n}.db"), workers=workers, batch_size=8,
                        stages=("dateline", "nlp", "test-pid"))  # fmt: skip
        assert ingest_items(articles(n), config=config).new == n
    ran = [int(line) for line in pids.read_text().split()]
    assert len(ran) == 5
    assert ran[:3] == [os.getpid()] * 3  # 8 articles: one batch; --workers 1: all here
    assert os.getpid() not in ran[3:]  # 9 articles, 2 workers: two batches, in workers


def test_a_worker_process_dying_stops_the_run_and_a_rerun_stores_the_rest_once(
    test_stages, tmp_path
):
    marker = tmp_path / "crashed"
    given = articles(12, {6: f"CRASH-ONCE:{marker}"})
    config = Config(db=str(tmp_path / "w.db"), workers=2, batch_size=4,
                    stages=("dateline", "nlp", "test-crash"))  # fmt: skip
    with pytest.raises(RunError) as exc:
        ingest_items(given, config=config)
    assert marker.exists() and exc.value.code == "DL501"
    assert "run the same command again" in exc.value.message
    with sqlite3.connect(tmp_path / "w.db") as conn:
        first = [row[0] for row in conn.execute("SELECT id FROM articles ORDER BY pk")]
    # Whole batches before the crashed one (none, if the crash also took the batch
    # another worker was finishing).
    assert len(first) in (0, 4) and first == [a.id for a in given[: len(first)]]
    again = ingest_items(given, config=config)
    assert (again.new, again.unchanged, again.failed) == (12 - len(first), len(first), 0)
    with sqlite3.connect(tmp_path / "w.db") as conn:
        ids = [row[0] for row in conn.execute("SELECT id FROM articles ORDER BY pk")]
    assert ids == [a.id for a in given]


def children(pid: int) -> list[int]:
    ps = subprocess.run(["ps", "--ppid", str(pid), "-o", "pid="], capture_output=True, text=True)
    return [int(p) for p in ps.stdout.split()]


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}").exists() and "Z" not in Path(f"/proc/{pid}/stat").read_text().split()[2]


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads processes from /proc")
def test_killing_the_ingest_leaves_no_worker_process_behind(tmp_path):
    source = sample_subset(tmp_path, 24)
    proc = subprocess.Popen(
        [*CLI, "ingest", str(source), "--db", str(tmp_path / "k.db"), "--workers", "2",
         "--batch-size", "4", "--quiet"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=cli_env(),
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while len(workers := children(proc.pid)) < 2 and time.monotonic() < deadline:
            assert proc.poll() is None, "the ingest ended before its workers started"
            time.sleep(0.1)
        assert len(workers) == 2
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    deadline = time.monotonic() + 10
    while any(alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(alive(w) for w in workers)
