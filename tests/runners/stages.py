"""Plug-in stages for the runner tests: one ends its worker process as a crash would,
one writes down which process ran each batch.

``test-crash``: an article saying ``CRASH-ONCE:<path>`` ends the process that runs it
the first time (``<path>`` is created then, so the next try goes through); one saying
``CRASH-ALWAYS`` ends every process that runs it. The tests run it only in worker
processes, never in their own. ``test-pid``: appends the process id to the file
``$DATELINE_TEST_PIDS``, once per batch.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from dateline.config import Config
from dateline.pipeline import stage
from dateline.records import Work

ONCE = re.compile(r"CRASH-ONCE:(\S+)")


class Crash:
    def __init__(self, config: Config) -> None:
        self.config = config

    def process(self, batch: list[Work]) -> None:
        for w in batch:
            if "CRASH-ALWAYS" in w.article.text:
                os._exit(70)
            if (once := ONCE.search(w.article.text)) and not Path(once[1]).exists():
                Path(once[1]).touch()
                os._exit(70)


class Pid:
    def __init__(self, config: Config) -> None:
        self.config = config

    def process(self, batch: list[Work]) -> None:
        with open(os.environ["DATELINE_TEST_PIDS"], "a", encoding="utf-8") as f:
            f.write(f"{os.getpid()}\n")


def register() -> None:
    """Register both stages (done on import: a Dask worker imports this module)."""
    stage("test-crash", requires=("text",), sets=("test.crash",))(Crash)
    stage("test-pid", requires=("text",), sets=("test.pid",))(Pid)


def unregister() -> None:
    from dateline import pipeline

    for name in ("test-crash", "test-pid"):
        pipeline._REGISTRY.pop(name, None)


register()
