"""Throughput: spaCy alone against the dateline pipeline, on one corpus, in one run.

Rows of the table, each the best of ``--runs`` runs after a warm-up:

  (a) spaCy alone: ``nlp.pipe`` over the texts with the model as shipped (every
      enabled component, spaCy's own attribute ruler), one process — the baseline;
  (b) spaCy as the ``nlp`` stage runs it: only the components the configured
      stages need (``spacy_needs``), the attribute ruler applied by table look-up;
  (c) the full path in one process: read the files, run every configured stage,
      store each batch in a fresh SQLite file (stories included);
  (d) the same with ``--workers`` processes for spaCy (``Config(workers=N)``; 0 to
      leave it out).

For each: articles/s, the ratio to (a) (above 1.0: faster than spaCy alone), and
this process's CPU per article (with workers, the main process only: everything
dateline adds in it). Then each stage's CPU and share in run (c), the store's
(``save`` + story clustering), and the main-process CPU per article outside spaCy.

The corpus is the bundled sample unless paths are given (files, folders, JSONL);
``--repeat K`` stores it K times (copies get new ids, so each is stored: later
copies are near-duplicates of the first).

Usage: python bench/throughput.py [PATH ...] [--repeat 1] [--runs 2] [--batch-size 32]
       [--workers 2]
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import os
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from dateline.api import ingest_items
from dateline.config import Config
from dateline.ingest import read_paths, sample_path
from dateline.ingest.base import Item
from dateline.pipeline import registry
from dateline.records import Article
from dateline.stages.nlp import load_model
from dateline.storage.sqlite import SQLiteStore


def needless(nlp: Any, config: Config) -> list[str]:
    """Components the configured stages do without (none on a checkout before
    ``spacy_needs``, so the script measures an older commit too)."""
    try:
        from dateline.stages.needs import stage_needs, unneeded_components
    except ImportError:
        return []
    return unneeded_components(nlp, stage_needs(config.stages))


@dataclasses.dataclass
class Run:
    """One measured run: wall seconds, CPU seconds of this process and of all
    (with the spaCy workers it started), articles done."""

    wall: float
    cpu: float
    cpu_all: float
    articles: int

    @property
    def rate(self) -> float:
        return self.articles / self.wall


class Clock:
    """Wall time, this process's CPU and its finished children's, from creation on."""

    def __init__(self) -> None:
        self.wall, self.cpu, self.all = time.perf_counter(), time.process_time(), _all_cpu()

    def run(self, articles: int) -> Run:
        return Run(time.perf_counter() - self.wall, time.process_time() - self.cpu,
                   _all_cpu() - self.all, articles)  # fmt: skip


def _all_cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def items(paths: list[str], repeat: int, config: Config) -> Iterator[Item]:
    """The corpus read from ``paths`` ``repeat`` times; copies get ids of their own."""
    for k in range(repeat):
        for item in read_paths(paths, config=config):
            if k and isinstance(item, Article):
                item = dataclasses.replace(item, id=f"{item.id}~{k}")
            yield item


def spacy_run(nlp: Any, texts: list[str], batch_size: int, disable: list[str]) -> Run:
    """``nlp.pipe`` over ``texts`` in this process, nothing else."""
    clock = Clock()
    for _ in nlp.pipe(texts, batch_size=batch_size, disable=disable):
        pass
    return clock.run(len(texts))


class Timers:
    """CPU seconds spent in each stage's ``process`` and in the store, while on."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)
        self._undo: list[Callable[[], None]] = []

    def wrap(self, cls: type, method: str, label: str) -> None:
        original = getattr(cls, method)

        @functools.wraps(original)
        def timed(*args: Any, **kwargs: Any) -> Any:
            c0 = time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                self.spent[label] += time.process_time() - c0

        setattr(cls, method, timed)
        self._undo.append(lambda: setattr(cls, method, original))

    def __enter__(self) -> Timers:
        self.spent.clear()
        for name, spec in registry().items():
            if isinstance(spec.factory, type):
                self.wrap(spec.factory, "process", name)
        self.wrap(SQLiteStore, "save", "store: save")
        self.wrap(SQLiteStore, "update_stories", "store: stories")
        return self

    def __exit__(self, *exc: object) -> None:
        while self._undo:
            self._undo.pop()()


def pipeline_run(paths: list[str], repeat: int, config: Config) -> Run:
    """Read, process and store the corpus into a fresh SQLite file, as ``dateline ingest``."""
    with tempfile.TemporaryDirectory() as tmp:
        run_config = dataclasses.replace(config, db=str(Path(tmp) / "bench.db"))
        clock = Clock()
        report = ingest_items(items(paths, repeat, config), config=run_config)
        run = clock.run(report.new)
    if report.failed:
        raise SystemExit(f"{report.failed} articles failed: {report.failures[:3]}")
    return run


def best(runs: list[Run]) -> Run:
    return min(runs, key=lambda r: r.wall)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", help="files or folders (default: the bundled sample)")
    parser.add_argument("--repeat", type=int, default=1, help="times the corpus is stored")
    parser.add_argument("--runs", type=int, default=2, help="runs of each row (best kept)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2, help="row (d); 0 leaves it out")
    parser.add_argument("--rows", default="abcd", help="which rows to measure (a: always)")
    args = parser.parse_args()
    paths = args.paths or [str(sample_path())]
    config = Config(batch_size=args.batch_size)
    articles = [a for a in items(paths, args.repeat, config) if isinstance(a, Article)]
    texts = [a.text for a in articles]
    n = len(texts)
    source = "bundled sample" if not args.paths else ", ".join(args.paths)
    print(f"corpus: {n} articles ({source} x{args.repeat}), {sum(map(len, texts)):,} characters")

    import spacy

    shipped = spacy.load(config.model)  # the baseline: spaCy's own components
    ours = load_model(config.model)
    disabled = needless(ours, config)
    kept = [c for c in ours.pipe_names if c not in disabled]
    print(f"model {config.model}: {', '.join(shipped.pipe_names)}")
    print(f"stages {', '.join(config.stages)} need: {', '.join(kept)}")
    for nlp, off in ((shipped, []), (ours, disabled)):  # warm-up: caches, first batches
        spacy_run(nlp, texts[:16], args.batch_size, off)

    rows: list[tuple[str, Run]] = []
    alone: list[Run] = []
    as_stage: list[Run] = []
    for _ in range(args.runs):  # in turn, so a busy spell of the machine hits both
        alone.append(spacy_run(shipped, texts, args.batch_size, []))
        if "b" in args.rows:
            as_stage.append(spacy_run(ours, texts, args.batch_size, disabled))
    rows.append(("(a) spaCy alone, model as shipped", best(alone)))
    if as_stage:
        rows.append(("(b) spaCy as the nlp stage runs it", best(as_stage)))
    timed: list[tuple[Run, dict[str, float]]] = []
    for _ in range(args.runs if "c" in args.rows else 0):
        with Timers() as timers:
            run = pipeline_run(paths, args.repeat, config)
        timed.append((run, dict(timers.spent)))
    if timed:
        one, spent = min(timed, key=lambda t: t[0].wall)
        rows.append(("(c) dateline: read + stages + SQLite, 1 process", one))
    if args.workers > 1 and "d" in args.rows:
        parallel = dataclasses.replace(config, workers=args.workers)
        rows.append((f"(d) the same, {args.workers} spaCy workers", best(
            [pipeline_run(paths, args.repeat, parallel) for _ in range(args.runs)])))

    base = rows[0][1]
    head = f"{'wall s':>7} {'art/s':>7} {'vs (a)':>7} {'CPU ms/art':>11} {'main':>6}"
    head += f" {'CPU vs (a)':>10}"
    print(f"\n{'measurement':<52} {head}")
    print("-" * (53 + len(head)))
    for label, r in rows:
        cpu, main_cpu = 1000 * r.cpu_all / r.articles, 1000 * r.cpu / r.articles
        print(f"{label:<52} {r.wall:>7.2f} {r.rate:>7.2f} {r.rate / base.rate:>7.2f} "
              f"{cpu:>11.1f} {main_cpu:>6.1f} {base.cpu_all / r.articles / (cpu / 1000):>10.2f}")
    print(f"(best of {args.runs} runs each by wall time; 'vs (a)': ratio of articles/s; CPU: all"
          " processes, 'main' this one; 'CPU vs (a)': (a)'s CPU per article over the row's,"
          " the speed-up a machine to itself would see)")

    if not timed:
        return
    total = sum(spent.values())
    print(f"\nrun (c), CPU by step{'':<18} {'seconds':>8} {'share':>7} {'ms/article':>11}")
    for name, secs in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<36} {secs:>8.2f} {secs / total:>7.1%} {1000 * secs / one.articles:>11.1f}")
    outside = one.cpu - spent.get("nlp", 0.0)
    print(f"main-process CPU per article outside spaCy (c): {1000 * outside / one.articles:.1f} ms")


if __name__ == "__main__":
    main()
