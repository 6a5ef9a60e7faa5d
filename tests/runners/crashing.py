"""A plug-in stage for the runner tests: it ends its worker process, as a crash would.

An article saying ``CRASH-ONCE:<path>`` ends the process that runs it the first time
(``<path>`` is created then, so the next try goes through); one saying
``CRASH-ALWAYS`` ends every process that runs it. Only Dask workers run it: the tests
never run this stage in their own process.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from dateline.config import Config
from dateline.pipeline import stage
from dateline.records import Work

ONCE = re.compile(r"CRASH-ONCE:(\S+)")


@stage("test-crash", requires=("text",), sets=("test.crash",))
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
