"""What the runners share: the work a worker process does, and batches kept in order.

A worker process (a local one, or a Dask worker) builds the pipeline once and runs
whole batches with :func:`run_on_worker`; it sends back the extracted records without
the spaCy ``Doc``, which the store never needs and which is costly to move.
:func:`in_order` submits batches as the caller takes results, a bounded number ahead,
and gives the results back in input order: entity ids are given in save order, so the
stored results do not depend on which worker was faster.
"""

from __future__ import annotations

import importlib
import itertools
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import TypeVar

from dateline.config import Config
from dateline.errors import E
from dateline.pipeline import Pipeline, StageSpec
from dateline.records import Article, Failure, Work

Results = list[Work | Failure]
Task = TypeVar("Task")

_LOCK = threading.Lock()


def task_config(config: Config) -> Config:
    """The configuration a worker process runs: the whole pipeline, in that one process."""
    return replace(config, workers=1, runner="local", scheduler=None)


def stage_modules(specs: Sequence[StageSpec]) -> tuple[str, ...]:
    """The modules that register the stages: a stage registered by importing a module in
    the client is imported by each worker too (a script's own ``__main__`` cannot be)."""
    return tuple(sorted({spec.factory.__module__ for spec in specs} - {"__main__"}))


@lru_cache(maxsize=2)
def _pipeline(config: Config) -> Pipeline:
    """This process's pipeline for a configuration, built (spaCy loaded) once."""
    return Pipeline(config)


def run_on_worker(
    config: Config, modules: tuple[str, ...], batch: list[Article]
) -> tuple[str, Results]:
    """Run the whole pipeline over one batch in a worker process: the signature of the
    extraction made here, and the results without their spaCy ``Doc``."""
    for name in modules:
        importlib.import_module(name)
    with _LOCK:  # a process with several threads runs one batch at a time
        pipeline = _pipeline(config)
        results = pipeline.run_batch(batch)
    for item in results:
        if isinstance(item, Work):
            item.doc = None
    return pipeline.signature, results


def in_order(
    articles: Iterable[Article],
    size: int,
    *,
    room: Callable[[], int],
    submit: Callable[[list[Article]], Task],
    collect: Callable[[list[Article], Task], Results],
    cancel: Callable[[Task], object],
) -> Iterator[Results]:
    """Batches of ``size`` articles submitted ahead, at most ``room()`` not yet taken,
    and their results in input order; the input is read only as batches are submitted,
    and what is still pending is cancelled when the caller stops early."""
    source = iter(articles)
    pending: deque[tuple[list[Article], Task]] = deque()
    try:
        while True:
            free = room() - len(pending)
            while free > 0 and (batch := list(itertools.islice(source, size))):
                pending.append((batch, submit(batch)))
                free -= 1
            if not pending:
                return
            batch, task = pending.popleft()
            yield collect(batch, task)
    finally:
        for _, task in pending:
            cancel(task)


def lost(article: Article, detail: str, tries: int) -> Failure:
    """An article that could not be analysed however often it was tried (``DL115``)."""
    return Failure(
        item=article.path or article.id,
        reason=E.BATCH_LOST.format(detail=detail, tries=tries),
        code=E.BATCH_LOST.code,
    )
