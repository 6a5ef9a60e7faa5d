"""Runners found by name like stores; one-line errors for an unknown runner, an
unreachable scheduler or Dask missing; every core by default; Dask imported only
when asked for."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterable, Iterator

import pytest

from dateline.api_ingest import ingest
from dateline.config import Config, available_cores
from dateline.errors import ConfigError
from dateline.pipeline import Pipeline
from dateline.records import Article, Failure, Work
from dateline.runners import register_runner, runner_for, runner_names

from ..cli.helpers import assert_one_line_error, cli_env, dl
from ..conftest import SEED


def test_the_built_in_runners_are_known_and_an_unknown_one_is_refused():
    assert {"local", "dask"} <= set(runner_names())
    with pytest.raises(ConfigError) as exc:
        runner_for(Config(runner="ray"))
    assert exc.value.code == "DL210" and "'ray'" in exc.value.message
    assert "dask, local" in exc.value.message


def test_a_registered_runner_runs_an_ingest(tmp_path):
    seen: list[int] = []

    class OneByOne:
        """Every article alone: a runner as small as the protocol allows."""

        def __init__(self, config: Config) -> None:
            self.pipeline = Pipeline(config)

        def run(self, articles: Iterable[Article]) -> Iterator[list[Work | Failure]]:
            for article in articles:
                seen.append(1)
                yield self.pipeline.run_batch([article])

        def close(self) -> None:
            seen.append(0)

    register_runner("test-one-by-one")(OneByOne)
    try:
        config = Config(db=str(tmp_path / "r.db"), runner="test-one-by-one", stages=("dateline",))
        report = ingest([SEED], config=config)
    finally:
        from dateline import runners

        runners._RUNNERS.pop("test-one-by-one")
    assert report.new == 1 and seen == [1, 0]  # ran, then closed


def test_every_core_by_default():
    assert Config().workers == available_cores() >= 1
    if hasattr(os, "sched_getaffinity"):
        assert available_cores() == len(os.sched_getaffinity(0))
    assert Config(workers=1).workers == 1


def test_an_unknown_runner_is_one_line_and_creates_no_database(tmp_path):
    db = tmp_path / "u.db"
    proc = dl("ingest", str(SEED), "--db", str(db), "--runner", "ray")
    assert_one_line_error(proc, "unknown runner 'ray' (known: dask, local)")
    assert not db.exists()


def test_an_unreachable_scheduler_is_one_line_naming_it(tmp_path):
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    db = tmp_path / "s.db"
    proc = dl("ingest", str(SEED), "--db", str(db), "--runner", "dask", "--scheduler", address)
    assert_one_line_error(proc, f"cannot reach the Dask scheduler at {address}")
    assert "DL212" in proc.stderr and not db.exists()


def test_a_scheduler_for_the_local_runner_is_refused(tmp_path):
    proc = dl("ingest", str(SEED), "--db", str(tmp_path / "x.db"), "--runner", "local",
              "--scheduler", "tcp://127.0.0.1:8786")  # fmt: skip
    assert_one_line_error(proc, "--scheduler is for --runner dask")


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, env=cli_env())  # fmt: skip


def test_dask_is_imported_only_for_the_dask_runner():
    proc = run_python(
        "import sys\n"
        "import dateline.cli, dateline.api_ingest, dateline.runners, dateline.runners.dask\n"
        "print(sorted(m for m in ('dask', 'distributed') if m in sys.modules))\n"
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_without_dask_the_dask_runner_says_what_to_install():
    proc = run_python(
        "import sys\n"
        "sys.modules['distributed'] = None  # as if not installed: importing it fails\n"
        "from dateline.config import Config\n"
        "from dateline.errors import ConfigError\n"
        "from dateline.runners import runner_for\n"
        "try:\n"
        "    runner_for(Config(runner='dask', stages=('dateline',)))\n"
        "except ConfigError as exc:\n"
        "    print(exc)\n"
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == (
        "the dask runner needs Dask distributed: pip install 'dateline[dask]' [DL211]"
    )
