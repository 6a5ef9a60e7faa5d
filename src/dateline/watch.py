"""Watch feeds, URLs and folders: poll, ingest what is new or changed, repeat.

Each poll is one ingest of every input: a feed's entries are articles whose ids come
from their GUIDs, a page is fetched with the validators of the last fetch (an
unchanged page answers 304 and costs nothing), and a folder's files are read only
when their size or modification time changed since the last poll. What is already
stored with the same content is skipped, so a poll stores only new and changed
articles; stories are updated with each batch, as in any ingest.

A stop (Ctrl-C, SIGTERM, or :meth:`Watch.stop`) is taken between two batches: the
batch being stored is finished (one transaction each), nothing is half-stored, and
the poll's summary says it was stopped. A second Ctrl-C stops at once (a batch in
flight is rolled back whole). One input failing never stops the others: its failure
is counted in the poll's summary and the next poll tries it again.
"""

from __future__ import annotations

import datetime as dt
import re
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

from dateline.api_ingest import IngestReport, run_ingest
from dateline.config import Config
from dateline.errors import ConfigError, E
from dateline.ingest import read_paths
from dateline.ingest.paths import STDIN
from dateline.protocols import Runner
from dateline.runners import runner_for

_DURATION = re.compile(r"(?i)\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|hr|d)?\s*")
_UNIT = {None: 1, "s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hr": 3600, "d": 86400}


def parse_every(text: str) -> float:
    """Seconds between polls from ``"15m"``, ``"30s"``, ``"2h"``, ``"1d"`` or ``"90"``.

    Raises:
        ConfigError: not a duration, or under one second (``DL204``).

    Example:
        >>> parse_every("15m"), parse_every("90"), parse_every("1.5h")
        (900.0, 90.0, 5400.0)
    """
    m = _DURATION.fullmatch(text)
    if m is None:
        detail = f"--every: expected a duration like 15m, got {text!r}"
        raise ConfigError(E.BAD_OPTION, detail=detail)
    seconds = float(m.group(1)) * _UNIT[m.group(2).lower() if m.group(2) else None]
    if seconds < 1:
        raise ConfigError(E.BAD_OPTION, detail="--every: at least one second between polls")
    return seconds


@dataclass(frozen=True)
class Poll:
    """One poll's outcome: its number, when it began, what the ingest did, how long."""

    number: int
    started: dt.datetime
    report: IngestReport
    seconds: float
    stopped: bool

    def line(self) -> str:
        """The poll's one summary line."""
        r = self.report
        text = (
            f"{self.started:%Y-%m-%d %H:%M:%S} poll {self.number}: {r.new} new,"
            f" {r.updated} updated, {r.unchanged} unchanged, {r.failed} failed"
            f" ({self.seconds:.1f}s)"
        )
        return text + (" — stopped" if self.stopped else "")


class _Files:
    """Which files changed since the last poll (size and modification time)."""

    def __init__(self) -> None:
        self.seen: dict[str, tuple[int, int]] = {}

    def changed(self, path: Path) -> bool:
        try:
            st = path.stat()
        except OSError:
            return True  # let the reader say what is wrong
        key, mark = str(path), (st.st_size, st.st_mtime_ns)
        if self.seen.get(key) == mark:
            return False
        self.seen[key] = mark
        return True


class Watch:
    """Polls inputs into one store until stopped (see the module docstring).

    Example:
        >>> w = Watch(["feeds.txt"], config=Config(db="news.db"), every=900)  # doctest: +SKIP
        >>> for poll in w.run(max_polls=1):  # doctest: +SKIP
        ...     print(poll.line())
    """

    def __init__(
        self,
        inputs: Sequence[str],
        *,
        config: Config,
        every: float,
        url_lists: Sequence[str] = (),
    ) -> None:
        if not inputs and not url_lists:
            raise ConfigError(E.NO_QUERY, filters="a feed, URL or folder to watch, or --urls")
        if STDIN in inputs:
            raise ConfigError(E.BAD_OPTION, detail="watch: standard input (-) cannot be polled")
        self.inputs, self.url_lists = list(inputs), list(url_lists)
        self.config, self.every = config, every
        self._stop = threading.Event()
        self._files = _Files()

    def stop(self) -> None:
        """Stop after the batch being stored (and before the next poll)."""
        self._stop.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def poll(self, number: int, runner: Runner | None = None) -> Poll:
        """Run one poll now (with ``runner``, or one made for this poll)."""
        started, t0 = dt.datetime.now().astimezone(), time.perf_counter()

        def items(state: Any) -> Iterable[Any]:
            return read_paths(
                self.inputs, config=self.config, url_lists=self.url_lists, state=state,
                changed=self._files.changed,
            )  # fmt: skip

        report = run_ingest(
            items, config=self.config, should_stop=self._stop.is_set, runner=runner
        )
        return Poll(number, started, report, time.perf_counter() - t0, self._stop.is_set())

    def run(self, *, once: bool = False, max_polls: int | None = None) -> Iterator[Poll]:
        """Poll, then wait ``every`` seconds, until stopped (or once, or ``max_polls``)."""
        number = 0
        runner = runner_for(self.config)  # one for every poll: a cluster starts once
        try:
            while not self._stop.is_set():
                number += 1
                yield self.poll(number, runner)
                if once or (max_polls is not None and number >= max_polls):
                    return
                self._stop.wait(self.every)
        finally:
            runner.close()


def on_signals(watch: Watch) -> Callable[[], None]:
    """Make SIGINT and SIGTERM stop ``watch`` cleanly (a second SIGINT stops at once);
    returns the function that puts the old handlers back."""
    old = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}

    def handle(signum: int, frame: FrameType | None) -> None:
        if watch.stopping and signum == signal.SIGINT:
            raise KeyboardInterrupt
        watch.stop()

    for s in old:
        signal.signal(s, handle)

    def restore() -> None:
        for s, h in old.items():
            signal.signal(s, h)

    return restore
