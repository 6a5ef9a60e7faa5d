"""Timeline summarisation on the T17 development topics: a naive baseline and dateline's builder.

The protocol is news-tls's (Gholipour Ghalandari & Ifrim, ACL 2020), per topic
and per gold timeline: the articles are those published within the reference
timeline's first and last day; the system returns as many days as the
reference has, each with the reference's mean number of sentences per day
(rounded); the query is the topic's keywords. Scores are
``dateline.evaluation.tls_score`` (alignment-based ROUGE-1/2 F, date F1, concat
ROUGE-1 F; definitions there), averaged as news-tls does: mean P and mean R over
timelines, then their F.

Methods, in one run:

- **baseline**: the most-published days in range (ties: earlier day first), and
  for each the first lines of one article published that day: the first by id
  (collection name, then file name as a string, so ``10.htm.txt`` before
  ``9.htm.txt``). That choice reproduces the LICENCE-NOTE's measurement (tilse +
  ROUGE-1.5.5, tokenised text) exactly with ``--raw``: .103 / .025 / .545.
- **dateline**: the topic's articles go through the default pipeline into a
  SQLite store (cached under ``/tmp/dateline-bench-cache/t17``, keyed by the
  pipeline signature, model and articles, so a rerun skips the ingest), then
  ``dateline.timeline.build_timeline`` makes each timeline. Without that module
  only the baseline is reported.

``--tilse`` adds tilse's scores (ROUGE-1.5.5 through Perl; ``pip install tilse
nltk``, ``apt-get install libxml-parser-perl``) for the same timelines, to compare
the metrics. ``--raw`` scores the tokenised text as distributed (``-LRB-``,
``do n't``) instead of detokenised text, as the LICENCE-NOTE's measurement did.

The data is read from ``<shared data>/timelines/t17-dev`` (``$DATELINE_SHARED_DATA``,
else ``../shared/data``); evaluation use only, never copied into the repository.
Without it the script prints a message and exits 0.

Usage:
    python bench/tls.py                          # all three topics, both methods
    python bench/tls.py --topic h1n1 --topic mj --limit-timelines 1
    python bench/tls.py --tilse --raw            # baseline against tilse, as the note measured
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib.metadata
import os
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dateline.config import Config
from dateline.evaluation.t17 import TOPICS, GoldTimeline, Topic, load_topic, t17_root
from dateline.evaluation.tls_score import PRF, TimelineScores, average, mean_prf, score_timeline
from dateline.pipeline import Pipeline
from dateline.records import Article, Failure, Work
from dateline.runners.local import LocalRunner
from dateline.storage.sqlite import SQLiteStore, content_hash

CACHE = Path("/tmp/dateline-bench-cache/t17")
#: Published on all of T17 (19 timelines): AR1-F, AR2-F, Date-F1.
PUBLISHED: list[tuple[str, float, float, float]] = [
    ("DATEWISE (Gholipour Ghalandari & Ifrim 2020)", 0.120, 0.035, 0.544),
    ("CLUST (Gholipour Ghalandari & Ifrim 2020)", 0.082, 0.020, 0.407),
    ("Martschat & Markert 2018", 0.105, 0.030, 0.544),
    ("Tran et al. 2013", 0.094, 0.022, 0.517),
    ("SUnSET (LLM)", 0.136, 0.044, 0.576),
]
#: The LICENCE-NOTE's naive baseline on these 9 dev timelines (tilse + ROUGE-1.5.5).
NOTE_BASELINE = (0.103, 0.025, 0.545)
TARGET_AR1, TARGET_DATE, TARGET_SECONDS = 0.13, 0.56, 300.0

Prediction = dict[dt.date, list[str]]
Builder = Callable[[Topic, GoldTimeline], Prediction]


# --------------------------------------------------------------------------- protocol


@dataclass(frozen=True)
class Task:
    """What the protocol asks for one gold timeline."""

    topic: Topic
    gold: GoldTimeline

    @property
    def start(self) -> dt.date:
        return self.gold.start

    @property
    def end(self) -> dt.date:
        return self.gold.end

    @property
    def max_dates(self) -> int:
        return len(self.gold.days)

    @property
    def sentences(self) -> int:
        return self.gold.sentences_per_day()

    def articles(self) -> list[Article]:
        """The topic's articles published within the reference's range (both ends included)."""
        return [
            a
            for a in self.topic.articles
            if a.published is not None and self.start <= a.published <= self.end
        ]


def baseline(task: Task) -> Prediction:
    """Most-published days in range; each with the first lines of its first article by id."""
    arts = task.articles()
    counts = Counter(a.published for a in arts if a.published is not None)
    days = sorted(counts, key=lambda d: (-counts[d], d))[: task.max_dates]
    first: dict[dt.date, Article] = {}
    for a in sorted(arts, key=lambda a: a.id):  # collection, then file name as a string
        if a.published is not None and a.published not in first:
            first[a.published] = a
    out: Prediction = {}
    for day in sorted(days):
        lines = [ln for ln in first[day].text.splitlines() if ln.strip()]
        out[day] = lines[: task.sentences]
    return out


# --------------------------------------------------------------------------- dateline


def pipeline_config(db: str) -> Config:
    """The default pipeline, storing into ``db``, with spaCy on every core."""
    return Config(db=db, workers=os.cpu_count() or 1, batch_size=64)


def store_path(topic: Topic, pipeline: Pipeline) -> Path:
    """Cache file of a topic's store: keyed by pipeline signature, model and article texts."""
    model = pipeline.config.model
    try:
        version = importlib.metadata.version(model)
    except importlib.metadata.PackageNotFoundError:
        version = "unknown"
    digest = hashlib.sha256(f"{pipeline.signature}\x1f{model}\x1f{version}".encode())
    for a in topic.articles:
        digest.update(f"\x1e{a.id}\x1f{content_hash(a)}".encode())
    return CACHE / f"{topic.name}-{digest.hexdigest()[:16]}.db"


@dataclass
class IngestResult:
    """What ingesting a topic did."""

    path: Path
    new: int = 0
    unchanged: int = 0
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # this process's CPU time: the fairer figure on a busy machine


def ingest_articles(articles: Sequence[Article], store: SQLiteStore, pipeline: Pipeline) -> int:
    """Run the pipeline over Article records and save them (as ``dateline.api.ingest`` does).

    Articles already stored with the same content and pipeline signature are
    skipped. Returns the number processed; failures are printed.
    """
    stored = store.known(articles)
    todo = [a for a in articles if stored.get(a.id) != content_hash(a, pipeline.signature)]
    done = 0
    for results in LocalRunner(pipeline).run(todo):
        store.save([r for r in results if isinstance(r, Work)], signature=pipeline.signature)
        for r in results:
            if isinstance(r, Failure):
                print(f"  ingest failure: {r}")
        done += len(results)
    return done


def ingest_topic(topic: Topic, *, use_cache: bool) -> IngestResult:
    """The topic's store, ingested now unless the cached one is complete."""
    CACHE.mkdir(parents=True, exist_ok=True)
    pipeline = Pipeline(pipeline_config(":memory:"))
    path = store_path(topic, pipeline)
    if not use_cache:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    result = IngestResult(path)
    t0, c0 = time.perf_counter(), time.process_time()
    store = SQLiteStore(str(path), create=True)
    try:
        result.new = ingest_articles(topic.articles, store, pipeline)
    finally:
        store.close()
    result.seconds = time.perf_counter() - t0
    result.cpu_seconds = time.process_time() - c0
    result.unchanged = len(topic.articles) - result.new
    return result


def load_builder() -> Callable[..., Any] | None:
    """``dateline.timeline.build_timeline``, or ``None`` when the module is not there."""
    try:
        from dateline.timeline import build_timeline
    except ImportError:
        return None
    return build_timeline


def dateline_prediction(build: Callable[..., Any], store: Any, task: Task) -> Prediction:
    """One timeline from dateline's builder, as day → sentences."""
    tl = build(
        store,
        task.topic.query,
        start=task.start,
        end=task.end,
        max_dates=task.max_dates,
        sentences_per_date=task.sentences,
        granularity="day",
    )
    out: Prediction = {}
    for entry in tl.entries:
        day = dt.date.fromisoformat(str(entry.date)[:10])
        out.setdefault(day, []).extend(entry.sentences)
    return out


# --------------------------------------------------------------------------- scoring


@dataclass
class Run:
    """One method on one gold timeline."""

    method: str
    topic: str
    timeline: str
    scores: TimelineScores
    seconds: float
    tilse: tuple[PRF, PRF] | None = None  # tilse's alignment ROUGE-1 and ROUGE-2


def tilse_scores(pred: Prediction, gold: GoldTimeline) -> tuple[PRF, PRF]:
    """tilse's alignment-based ROUGE-1/2 (many-to-one, ROUGE-1.5.5 through Perl)."""
    from tilse.data.timelines import GroundTruth
    from tilse.data.timelines import Timeline as TilseTimeline
    from tilse.evaluation.rouge import TimelineRougeEvaluator

    evaluator = TimelineRougeEvaluator(measures={"rouge_1", "rouge_2"})
    got = evaluator.evaluate_align_date_content_costs_many_to_one(
        TilseTimeline(pred), GroundTruth([TilseTimeline(gold.days)])
    )
    r1, r2 = got["rouge_1"], got["rouge_2"]
    return (
        PRF(r1["precision"], r1["recall"], r1["f_score"]),
        PRF(r2["precision"], r2["recall"], r2["f_score"]),
    )


def tilse_missing() -> str | None:
    """Why tilse cannot run, or ``None``."""
    try:
        from tilse.evaluation import rouge  # noqa: F401
    except Exception as exc:  # ImportError, or a broken install
        return f"{type(exc).__name__}: {exc} (pip install tilse nltk)"
    return None


def run(method: str, task: Task, make: Callable[[], Prediction], with_tilse: bool) -> Run:
    t0 = time.perf_counter()
    pred = make()
    seconds = time.perf_counter() - t0
    scores = score_timeline(pred, task.gold.days)
    tilse = tilse_scores(pred, task.gold) if with_tilse and pred else None
    return Run(method, task.topic.name, task.gold.id, scores, seconds, tilse)


# --------------------------------------------------------------------------- output


def _f(x: float | None) -> str:
    return "    -" if x is None else f"{x:.3f}"[1:] if 0 <= x < 1 else f"{x:.3f}"


def table_row(label: str, topic: str, runs: Sequence[Run], with_tilse: bool) -> str:
    s = average([r.scores for r in runs])
    cells = [
        f"{label:<12} {topic:<6} {len(runs):>3}",
        f"{_f(s.align_r1.f1):>6} {_f(s.align_r2.f1):>6} {_f(s.date.f1):>7} {_f(s.concat_r1.f1):>9}",
        f"{sum(r.seconds for r in runs):>8.1f}",
    ]
    if with_tilse:
        got = [r.tilse for r in runs if r.tilse is not None]
        if len(got) == len(runs):
            r1, r2 = mean_prf([g[0] for g in got]), mean_prf([g[1] for g in got])
            cells.append(f"{_f(r1.f1):>8} {_f(r2.f1):>8}")
        else:
            cells.append(f"{'-':>8} {'-':>8}")
    return "  ".join(cells)


def print_table(runs: Sequence[Run], topics: Sequence[str], with_tilse: bool) -> None:
    head = (
        f"{'method':<12} {'topic':<6} {'tls':>3}  {'AR1-F':>6} {'AR2-F':>6} {'Date-F1':>7} "
        f"{'concatR1F':>9}  {'seconds':>8}"
    )
    if with_tilse:
        head += f"  {'tilseAR1':>8} {'tilseAR2':>8}"
    print(head)
    print("-" * len(head))
    for method in dict.fromkeys(r.method for r in runs):
        mine = [r for r in runs if r.method == method]
        for topic in topics:
            rows = [r for r in mine if r.topic == topic]
            if rows:
                print(table_row(method, topic, rows, with_tilse))
        if len({r.topic for r in mine}) > 1:
            print(table_row(method, "all", mine, with_tilse))
        print()
    for name, r1, r2, d in PUBLISHED:
        print(f"{name:<46} AR1-F {r1:.3f}  AR2-F {r2:.3f}  Date-F1 {d:.3f}  published, all T17")
    a, b, c = NOTE_BASELINE
    print(
        f"{'naive baseline, LICENCE-NOTE (tilse+ROUGE-1.5.5)':<46} AR1-F {a:.3f}  AR2-F {b:.3f}  "
        f"Date-F1 {c:.3f}  9 dev timelines"
    )
    print(
        "\nscores: dateline.evaluation.tls_score (ROUGE-1.5.5-like tokens, stemmed, SMART "
        "stopwords); mean P and mean R over timelines, then F. seconds: building the timelines "
        "(ingest excluded)."
    )


def verdict(ok: bool | None) -> str:
    return "not measured" if ok is None else ("met" if ok else "NOT MET")


def print_targets(runs: Sequence[Run], ingests: dict[str, IngestResult], full: bool) -> None:
    mine = [r for r in runs if r.method == "dateline"]
    print("\ntargets (dateline):")
    s = average([r.scores for r in mine]) if mine else None
    scope = "all 9 dev timelines" if full else "the timelines run here (not all 9)"
    for label, got, floor in (
        ("AR1-F >= .13", s.align_r1.f1 if s else None, TARGET_AR1),
        ("Date-F1 >= .56", s.date.f1 if s else None, TARGET_DATE),
    ):
        shown = "-" if got is None else f"{got:.3f}"
        print(
            f"  {label:<44} {shown:>8}  {verdict(None if got is None else got >= floor)}  ({scope})"
        )
    for topic, ing in ingests.items():
        build = sum(r.seconds for r in mine if r.topic == topic)
        cached = ing.new == 0
        total = ing.seconds + build
        note = " (store from the cache: rerun with --no-cache to time the ingest)" if cached else ""
        ok = None if cached or not mine else total < TARGET_SECONDS
        print(
            f"  {topic}: ingest {ing.seconds:.1f}s (CPU {ing.cpu_seconds:.1f}s, {ing.new} articles)"
            f" + build {build:.1f}s "
            f"< 300s: {verdict(ok)}{note}"
        )


# --------------------------------------------------------------------------- main


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--topic", action="append", choices=tuple(TOPICS), help="repeatable; default all"
    )
    parser.add_argument("--no-cache", action="store_true", help="ingest afresh")
    parser.add_argument("--limit-timelines", type=int, default=None, help="per topic")
    parser.add_argument("--tilse", action="store_true", help="also score with tilse")
    parser.add_argument("--raw", action="store_true", help="score the tokenised text as given")
    parser.add_argument("--no-dateline", action="store_true", help="baseline only")
    parser.add_argument(
        "--speed",
        type=int,
        metavar="N",
        help="also time a fresh ingest of each topic's first N articles (by publication)"
        " and one timeline over them, against the 5-minute target",
    )
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    if t17_root() is None:
        print(
            "T17 not found (timelines/t17-dev under DATELINE_SHARED_DATA or ../shared/data); "
            "skipped."
        )
        return 0
    topics = args.topic or list(TOPICS)
    with_tilse = args.tilse
    if with_tilse and (why := tilse_missing()):
        print(f"tilse column skipped: {why}")
        with_tilse = False
    build = None if args.no_dateline else load_builder()
    if build is None and not args.no_dateline:
        print("dateline: timeline builder not available")

    runs: list[Run] = []
    ingests: dict[str, IngestResult] = {}
    n_timelines = 0
    for name in topics:
        topic = load_topic(name, raw=args.raw)
        golds = topic.timelines[: args.limit_timelines]
        n_timelines += len(golds)
        tasks = [Task(topic, g) for g in golds]
        for task in tasks:
            runs.append(run("baseline", task, lambda t=task: baseline(t), with_tilse))
        if build is None:
            continue
        ing = ingest_topic(topic, use_cache=not args.no_cache)
        ingests[name] = ing
        print(
            f"{name}: {len(topic.articles)} articles, ingest {ing.seconds:.1f}s "
            f"(CPU {ing.cpu_seconds:.1f}s) -> {ing.path}"
        )
        store = SQLiteStore(str(ing.path))
        try:
            for task in tasks:
                runs.append(
                    run(
                        "dateline",
                        task,
                        lambda t=task, s=store: dateline_prediction(build, s, t),
                        with_tilse,
                    )
                )
        finally:
            store.close()
    print()
    print_table(runs, topics, with_tilse)
    print_targets(runs, ingests, full=n_timelines == 9)
    if args.speed and build is not None:
        for name in topics:
            speed_check(load_topic(name, raw=args.raw), args.speed, build)
    return 0


def speed_check(topic: Topic, n: int, build: Callable[..., Any]) -> None:
    """Ingest the topic's first ``n`` articles into a fresh store and build one timeline."""
    articles = sorted(topic.articles, key=lambda a: (a.published or dt.date.min, a.id))[:n]
    if len(articles) < n:
        print(f"  speed: {topic.name} has only {len(articles)} articles (< {n}); skipped")
        return
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"speed-{topic.name}-{n}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    pipeline = Pipeline(pipeline_config(":memory:"))
    t0 = time.perf_counter()
    store = SQLiteStore(str(path), create=True)
    try:
        ingest_articles(articles, store, pipeline)
        ingested = time.perf_counter() - t0
        gold = topic.timelines[0]
        build(
            store, topic.query, start=articles[0].published, end=articles[-1].published,
            max_dates=len(gold.days), sentences_per_date=gold.sentences_per_day(),
            granularity="day",
        )  # fmt: skip
        total = time.perf_counter() - t0
    finally:
        store.close()
    chars = sum(len(a.text) for a in articles)
    print(
        f"  speed: {topic.name} first {n} articles ({chars / 1e6:.1f}M characters): ingest "
        f"{ingested:.1f}s + build {total - ingested:.1f}s = {total:.1f}s < 300s: "
        f"{verdict(total < TARGET_SECONDS)}"
    )


if __name__ == "__main__":
    raise SystemExit(main())
