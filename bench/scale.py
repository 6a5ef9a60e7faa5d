"""How dateline scales: throughput on this machine's cores, ingest cost as the store
grows, and query latency on large stores.

Three parts, each printed as a table (``--only`` picks some):

* **throughput** — one corpus of 1,000 articles or more (``--corpus``: a folder,
  JSONL or CSV; the default is the first T17 topic in the shared data with that
  many), in one run: spaCy alone in one process (the baseline), then the full
  pipeline (read, every stage, store) with the local runner at 1 and 2 workers and
  the Dask runner on a 2-worker ``LocalCluster``, into each store asked for;
  articles/s and the ratio to the baseline. Target: 2 cores at ≥ 1.6× the baseline.
* **scaling** — the store grown to 1k, 10k and 100k articles (``--scaling-sizes``),
  then ``--fresh`` new articles (not in the store) ingested into each: wall and CPU
  seconds per article, the store's share (``store.save``), and the process's peak
  memory. The per-article cost must stay flat.
* **latency** — p50/p95 over ≥ 50 varied calls of what the API and pages call
  (``dateline.api``): search, quotes by speaker, entity page and timeline, at 10k,
  100k and 1M stored articles (``--sizes``). Targets at 1M: p95 < 200 ms for the
  first three, < 1 s for the timeline.

Large stores are built from the bundled sample's real extraction by copying rows
under fresh ids (``bench/scale_store.py`` says exactly what changes in a copy); a
size the disk cannot hold is reported as not built, with the space it needs.

Usage: python bench/scale.py [--only latency,scaling,throughput] [--cache DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from api import Inputs, build_sample, cache_key, percentile, sample_words, store_inputs
from dateline import api
from dateline.config import Config
from dateline.ingest import read_paths
from dateline.records import Article
from dateline.stages.nlp import load_model
from scale_store import grow
from throughput import Clock, Run, spacy_run

READ_TARGET_MS = 200.0
TIMELINE_TARGET_MS = 1000.0
HERE = Path(__file__).resolve().parent


# --------------------------------------------------------------------------- stores


def _size_label(n: int) -> str:
    """``9472`` → ``"9.5k"``, ``151552`` → ``"152k"``, ``1212416`` → ``"1.21M"``."""
    if n >= 1_000_000:
        return f"{n / 1e6:.3g}M"
    return f"{n / 1e3:.2g}k" if n < 10_000 else f"{n / 1e3:.3g}k"


def _stored(db: Path) -> int:
    with contextlib.closing(sqlite3.connect(db)) as c:
        return int(c.execute("SELECT COUNT(*) FROM articles").fetchone()[0])


def bytes_per_article(db: Path) -> float:
    with contextlib.closing(sqlite3.connect(db)) as c:
        n = c.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    return db.stat().st_size / max(1, n)


def sqlite_store(
    cache: Path, sample: Path, articles: int, say: Callable[[str], None]
) -> Path | str:
    """A SQLite store of about ``articles`` (cached), or why it cannot be built.

    The sample is doubled until it holds 90 % of ``articles`` or more: the size is
    the sample's times a power of two (10k asked gives 9,472 from 296).
    """
    db = cache / f"scale-{sample.stem}-{articles}.db"
    meta = db.with_suffix(".json")
    if db.exists() and meta.exists():
        return db
    target = _stored(sample)
    while target < 0.9 * articles:
        target *= 2
    need = bytes_per_article(sample) * target * 1.15
    free = shutil.disk_usage(cache).free
    if need > free * 0.9:
        return f"needs ~{need / 1e9:.0f} GB of disk, {free / 1e9:.0f} GB free"
    say(f"building a {_size_label(target)} SQLite store from {sample.name} ...")
    tmp = db.with_name(db.name + ".building")
    tmp.unlink(missing_ok=True)
    with contextlib.closing(sqlite3.connect(sample)) as src, contextlib.closing(
        sqlite3.connect(tmp)
    ) as dst:
        src.backup(dst)
    done = grow(tmp, int(0.9 * articles), say=say)
    tmp.rename(db)
    meta.write_text(json.dumps(done), encoding="utf-8")
    return db


# --------------------------------------------------------------------------- latency


@dataclass
class Latency:
    store: str
    size: str
    kind: str
    ms: list[float] = field(default_factory=list)
    errors: int = 0
    note: str = ""

    @property
    def target(self) -> str:
        return f"p95<{TIMELINE_TARGET_MS if self.kind == 'timeline' else READ_TARGET_MS:.0f}"

    @property
    def limit(self) -> float:
        return TIMELINE_TARGET_MS if self.kind == "timeline" else READ_TARGET_MS


def _calls(inputs: Inputs) -> dict[str, list[Callable[[Config], object]]]:
    """The calls timed, by kind: each input through the call the API route makes."""
    return {
        "search": [
            lambda cfg, w=w: api.list_articles(q=w, facets=True, config=cfg) for w in inputs.word
        ],
        "quotes by speaker": [
            lambda cfg, s=s: api.list_quotes(speaker=s, config=cfg) for s in inputs.speaker
        ],
        "entity": [lambda cfg, e=e: api.entity_page(e, config=cfg) for e in inputs.entity],
        "timeline": [
            lambda cfg, w=w: api.timeline(w, max_articles=100, config=cfg) for w in inputs.word
        ],
    }


def time_calls(
    store: str, size: str, config: Config, inputs: Inputs, *, n: int, warmup: int, budget: float
) -> list[Latency]:
    out = []
    for kind, calls in _calls(inputs).items():
        lat = Latency(store, size, kind)
        if not calls:
            lat.note = "no inputs"
            out.append(lat)
            continue
        t0 = time.perf_counter()
        for i in range(warmup + n):
            if i > warmup and time.perf_counter() - t0 > budget:
                lat.note = f"stopped after {len(lat.ms)} (--budget)"
                break
            t1 = time.perf_counter()
            try:
                calls[i % len(calls)](config)
            except Exception as exc:  # a failing call is counted and shown, not hidden
                lat.errors += 1
                lat.note = f"{type(exc).__name__}: {exc}"[:60]
                continue
            if i >= warmup:
                lat.ms.append(1000 * (time.perf_counter() - t1))
        out.append(lat)
        print(f"    {kind:<18} {time.perf_counter() - t0:6.1f}s", flush=True)
    return out


def print_latency(rows: list[Latency]) -> None:
    print(f"\n{'query':<18} {'store':<9} {'size':>5} {'n':>4} {'p50 ms':>8} {'p95 ms':>8}"
          f" {'max ms':>8} {'target':>9}  verdict")  # fmt: skip
    print("-" * 84)
    for r in rows:
        if not r.ms:
            print(f"{r.kind:<18} {r.store:<9} {r.size:>5}    -        -        -        -"
                  f"  {r.target:>9}  not measured: {r.note}")  # fmt: skip
            continue
        p95 = percentile(r.ms, 95)
        verdict = "met" if p95 < r.limit and not r.errors else "NOT met"
        extra = f" ({r.note})" if r.note else ""
        if r.errors:
            extra = f" ({r.errors} errors: {r.note})"
        print(f"{r.kind:<18} {r.store:<9} {r.size:>5} {len(r.ms):>4} {percentile(r.ms, 50):8.1f}"
              f" {p95:8.1f} {max(r.ms):8.1f} {r.target:>9}  {verdict}{extra}")  # fmt: skip


def latency(args: argparse.Namespace, sample: Path, words: list[str], about: list[str]) -> None:
    rows: list[Latency] = []
    for size in args.sizes:
        label = _size_label(size)
        if "sqlite" in args.stores:
            db = sqlite_store(args.cache, sample, size, say=print)
            if not isinstance(db, str):
                label = _size_label(_stored(db))
            if isinstance(db, str):
                for kind in ("search", "quotes by speaker", "entity", "timeline"):
                    rows.append(Latency("sqlite", label, kind, note=f"store not built: {db}"))
                continue
            inputs = store_inputs(db, words, about, k=args.inputs)
            print(f"  timing the {label} SQLite store ({db.stat().st_size / 1e9:.1f} GB) ...")
            rows += time_calls("sqlite", label, Config(db=str(db)), inputs,
                               n=args.requests, warmup=args.warmup, budget=args.budget)  # fmt: skip
    print_latency(rows)


# --------------------------------------------------------------------------- scaling

_PROBE = """
import json, resource, sys, time
from dateline.api import ingest
from dateline.config import Config
from dateline.storage.sqlite import SQLiteStore
saved = [0.0]
original = SQLiteStore.save
def timed(self, batch, **kw):
    t = time.process_time(); original(self, batch, **kw); saved[0] += time.process_time() - t
SQLiteStore.save = timed
wall, cpu = time.perf_counter(), time.process_time()
report = ingest(sys.argv[2:], config=Config(db=sys.argv[1], workers=1))
print(json.dumps({"new": report.new, "failed": report.failed,
                  "wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu,
                  "save_cpu": saved[0],
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def scaling(args: argparse.Namespace, sample: Path) -> None:
    corpus = args.fresh_corpus
    if corpus is None or not Path(corpus).exists():
        print(f"  scaling skipped: no corpus of fresh articles ({corpus})")
        return
    files = sorted(Path(corpus).rglob("*.htm.txt"))[: args.fresh] if Path(corpus).is_dir() else []
    fresh = [str(f) for f in files] or [str(corpus)]
    print(f"  fresh articles: {len(fresh)} files of {corpus}")
    print(f"\n{'stored':>8} {'new':>5} {'s/article':>10} {'cpu s/art':>10} {'save ms/art':>12}"
          f" {'peak MB':>8}")  # fmt: skip
    print("-" * 60)
    for size in args.scaling_sizes:
        db = sqlite_store(args.cache, sample, size, say=print)
        if isinstance(db, str):
            print(f"{_size_label(size):>8}  not built: {db}")
            continue
        label = _size_label(_stored(db))
        with tempfile.TemporaryDirectory(dir=args.cache) as tmp:
            work = Path(tmp) / "store.db"
            shutil.copyfile(db, work)  # the cached store stays as built
            run = subprocess.run(
                [sys.executable, "-c", _PROBE, str(work), *fresh],
                capture_output=True, text=True, check=False,
            )  # fmt: skip
        if run.returncode != 0:
            print(f"{label:>8}  failed: {run.stderr.strip().splitlines()[-1:]}")
            continue
        r = json.loads(run.stdout.strip().splitlines()[-1])
        n = max(1, r["new"])
        print(f"{label:>8} {r['new']:>5} {r['wall'] / n:10.3f} {r['cpu'] / n:10.3f}"
              f" {1000 * r['save_cpu'] / n:12.1f} {r['peak_mb']:8.0f}")  # fmt: skip


# --------------------------------------------------------------------------- throughput

#: (runner, workers) of the throughput table, after spaCy alone.
RUNS = (("local", 1), ("local", 2), ("dask", 2))


@contextlib.contextmanager
def _postgres(wanted: bool) -> Iterator[Callable[[], str] | str]:
    """A function giving a fresh PostgreSQL database URL per call, or why there is none."""
    if not wanted:
        yield "not asked (--stores)"
        return
    sys.path.insert(0, str(HERE.parent))
    try:
        from tests.pg_server import Unavailable, start
    except ImportError as exc:
        yield f"cannot start PostgreSQL: {exc}"
        return
    try:
        server = start()
    except Unavailable as exc:
        yield f"no PostgreSQL here: {exc}"
        return
    try:
        yield server.new_database
    finally:
        server.stop()


def _ingest(files: list[str], db: str, runner: str, workers: int) -> Run:
    clock = Clock()
    report = api.ingest(files, config=Config(db=db, runner=runner, workers=workers))
    run = clock.run(report.new)
    if report.failed:
        print(f"    {report.failed} failed: {report.failures[:2]}")
    return run


def throughput(args: argparse.Namespace) -> None:
    corpus = args.corpus or _t17_topic(args.articles)
    if corpus is None:
        print("  throughput skipped: no corpus (--corpus) and no T17 topic in the shared data")
        return
    files = sorted(str(f) for f in Path(corpus).rglob("*.htm.txt"))[: args.articles]
    if len(files) < args.articles:
        files = [str(corpus)]
    articles = [a for a in read_paths(files, config=Config()) if isinstance(a, Article)]
    texts = [a.text for a in articles]
    chars = sum(map(len, texts))
    print(f"\ncorpus: {len(texts)} articles, {chars:,} characters ({corpus})")
    nlp = load_model(Config().model)
    spacy_run(nlp, texts[:20], 32, [])  # warm-up
    base = spacy_run(nlp, texts, 32, [])
    rows: list[tuple[str, str, Run | str]] = [("spaCy alone, 1 process", "-", base)]
    with _postgres("postgres" in args.stores) as pg, tempfile.TemporaryDirectory() as tmp:
        for runner, workers in RUNS:
            label = f"dateline {runner}, {workers} worker{'s' if workers > 1 else ''}"
            for store in sorted(args.stores):
                if store == "sqlite":
                    db = str(Path(tmp) / f"{runner}-{workers}.db")
                elif callable(pg):
                    db = pg()
                else:
                    rows.append((label, store, pg))
                    continue
                print(f"  {label} into {store} ...", flush=True)
                rows.append((label, store, _ingest(files, db, runner, workers)))
    print(f"\n{'run':<28} {'store':<9} {'articles':>8} {'seconds':>8} {'art/s':>7}"
          f" {'ratio':>6} {'CPU s/art':>9}")  # fmt: skip
    print("-" * 80)
    for label, store, run in rows:
        if isinstance(run, str):
            print(f"{label:<28} {store:<9}  not run: {run}")
            continue
        cpu = run.cpu_all / max(1, run.articles)
        print(f"{label:<28} {store:<9} {run.articles:>8} {run.wall:8.1f} {run.rate:7.2f}"
              f" {run.rate / base.rate:6.2f} {cpu:9.3f}")  # fmt: skip
    print(f"target: the full pipeline on 2 cores at >= 1.6x spaCy alone ({1.6 * base.rate:.2f}"
          " articles/s)")


# --------------------------------------------------------------------------- main


def _t17_topic(minimum: int) -> Path | None:
    """The first T17 collection (in name order) with ``minimum`` articles, else the whole
    T17 development set when it has that many (its articles are taken in path order)."""
    root = HERE.parent.parent / "shared" / "data" / "timelines" / "t17-dev"
    if not root.is_dir():
        return None
    for topic in sorted(root.iterdir()):
        docs = topic / "InputDocs"
        if docs.is_dir() and sum(1 for _ in docs.rglob("*.txt")) >= minimum:
            return docs
    return root if sum(1 for _ in root.rglob("*.htm.txt")) >= minimum else None


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--only", default="latency,scaling,throughput")
    p.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "dateline-scale")
    p.add_argument("--stores", default="sqlite")
    p.add_argument("--sizes", default="10000,100000,1000000")
    p.add_argument("--scaling-sizes", default="1000,10000,100000")
    p.add_argument("--requests", type=int, default=60, help="timed calls per query kind")
    p.add_argument("--warmup", type=int, default=5)
    p.add_argument("--inputs", type=int, default=20, help="distinct inputs per query kind")
    p.add_argument("--budget", type=float, default=600.0, help="seconds per query kind")
    p.add_argument("--corpus", type=Path, default=None,
                   help="throughput corpus (default: a T17 topic of --articles or more)")
    p.add_argument("--articles", type=int, default=1000, help="throughput corpus size")
    p.add_argument("--fresh", type=int, default=100, help="new articles ingested per size")
    p.add_argument("--fresh-corpus", type=Path, default=None,
                   help="new articles for the scaling part (default: a T17 topic folder)")
    args = p.parse_args(argv)
    args.only = set(args.only.split(","))
    args.stores = set(args.stores.split(","))
    args.sizes = [int(s) for s in args.sizes.split(",")]
    args.scaling_sizes = [int(s) for s in args.scaling_sizes.split(",")]
    if args.fresh_corpus is None:
        args.fresh_corpus = _t17_topic(100)
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    args.cache.mkdir(parents=True, exist_ok=True)
    if args.only & {"latency", "scaling"}:
        built, _ = build_sample(args.cache, cache_key(Config()), rebuild=False)
        sample = built.path
        print(f"sample store: {sample} ({bytes_per_article(sample) / 1024:.0f} KB per article)")
    if "latency" in args.only:
        words, about = sample_words(sample, k=args.inputs)
        latency(args, sample, words, about)
    if "scaling" in args.only:
        scaling(args, sample)
    if "throughput" in args.only:
        throughput(args)
    print(f"\npeak memory of this process: "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
          f" ({os.cpu_count()} cores)")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
