"""The ``local`` runner: the pipeline on this machine, on ``config.workers`` processes.

With one worker, or an input that fits in one batch, everything runs in this process
(no process to start for a few articles). Otherwise ``workers`` processes each run
the whole pipeline over whole batches (spaCy loaded once per process, inherited where
processes are forked) and send back the extracted records, not the spaCy ``Doc``;
this process reads the input as batches complete (at most :data:`AHEAD` per worker in
flight), takes the results in input order and stores them, as the Dask runner does.

A worker process ignores Ctrl-C (this one stops them) and ends when this one is gone,
even killed: none is left behind.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from dateline.errors import E, RunError
from dateline.pipeline import Pipeline
from dateline.records import Article, Failure, Work
from dateline.runners.work import Results, in_order, run_on_worker, stage_modules, task_config

#: Batches in flight per worker process at most (read-ahead of the input, and memory).
AHEAD = 2


class LocalRunner:
    """Runs a pipeline on this machine, in batches of ``config.batch_size``, on
    ``workers`` processes (default: ``config.workers``).

    ``pipeline`` runs what is run in this process; the factory registered as ``local``
    gives one of a single process's, so a small input starts no process at all.

    Example:
        >>> runner = LocalRunner(Pipeline(Config(workers=4)))  # doctest: +SKIP
        >>> for results in runner.run(articles): ...  # doctest: +SKIP
    """

    def __init__(self, pipeline: Pipeline, *, workers: int | None = None) -> None:
        self.pipeline = pipeline
        self.workers = max(1, workers if workers is not None else pipeline.config.workers)

    def run(self, articles: Iterable[Article]) -> Iterator[list[Work | Failure]]:
        size = self.pipeline.config.batch_size
        source = iter(articles)
        if self.workers > 1:
            first = list(itertools.islice(source, size + 1))
            if len(first) > size:
                yield from self._run_in_processes(itertools.chain(first, source))
                return
            source = iter(first)
        while batch := list(itertools.islice(source, size)):
            yield self.pipeline.run_batch(batch)

    def close(self) -> None:
        """Nothing to release: worker processes end with each run."""

    def _run_in_processes(self, articles: Iterable[Article]) -> Iterator[Results]:
        config = task_config(self.pipeline.config)
        modules = stage_modules(self.pipeline.specs)
        pool = ProcessPoolExecutor(
            max_workers=self.workers, mp_context=_context(), initializer=_start_worker,
            initargs=(os.getpid(),),
        )  # fmt: skip
        finished = False
        try:
            yield from in_order(
                articles, self.pipeline.config.batch_size,
                room=lambda: AHEAD * self.workers,
                submit=lambda batch: pool.submit(run_on_worker, config, modules, batch),
                collect=_collect, cancel=lambda future: future.cancel(),
            )  # fmt: skip
            finished = True
        finally:
            if finished:
                pool.shutdown(wait=True)
            else:  # stopped early, an error or Ctrl-C: the batches under way are given up
                _stop(pool)


def _collect(batch: list[Article], future: Future[tuple[str, Results]]) -> Results:
    try:
        return future.result()[1]
    except BrokenProcessPool:
        raise RunError(E.WORKER_DIED, workers="a worker process") from None


def _context() -> multiprocessing.context.BaseContext:
    # Forked workers share the model already loaded here; elsewhere they load their own.
    fork = sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if fork else "spawn")


def _start_worker(parent: int) -> None:
    """In each worker process: Ctrl-C is for the parent, and the parent's end is ours."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="dateline-parent-watch", daemon=True).start()


def _stop(pool: ProcessPoolExecutor) -> None:
    """End the workers now, whatever they are doing."""
    kill = getattr(pool, "kill_workers", None)  # Python 3.14
    if callable(kill):
        kill()
    else:
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.kill()
    pool.shutdown(wait=True, cancel_futures=True)
