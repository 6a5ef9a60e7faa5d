"""Throughput on the bundled sample corpus: spaCy alone vs the full dateline pipeline.

Both are measured in the same process run, on the same articles, after one
warm-up, each repeated ``--repeat`` times (best run kept):

  (a) ``nlp.pipe`` over the article texts, nothing else;
  (b) the full path — read the files, run every configured stage, store in a
      fresh SQLite file.

Prints a table with articles/s of each and the ratio b/a, of articles/s and of
seconds (1.0 = dateline adds nothing to spaCy's cost), plus each stage's share
of the pipeline time.

Usage: python bench/throughput.py [--repeat 3] [--batch-size 32]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from dateline.api import ingest
from dateline.config import Config
from dateline.ingest import read_paths, sample_path
from dateline.pipeline import Pipeline
from dateline.records import Article, Work
from dateline.stages.nlp import load_model


def spacy_alone(texts: list[str], model: str, batch_size: int) -> float:
    nlp = load_model(model)
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - t0


def full_pipeline(config: Config) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.db")
        t0 = time.perf_counter()
        report = ingest([sample_path()], config=Config(db=db, batch_size=config.batch_size))
        elapsed = time.perf_counter() - t0
    if report.failed:
        raise SystemExit(f"{report.failed} articles failed: {report.failures[:3]}")
    return elapsed, report.new


def stage_times(articles: list[Article], config: Config) -> dict[str, float]:
    """Seconds spent in each stage over the whole corpus."""
    pipe = Pipeline(config)
    spent: dict[str, float] = defaultdict(float)
    for i in range(0, len(articles), config.batch_size):
        batch = [Work(article=a) for a in articles[i : i + config.batch_size]]
        for st in pipe.stages:
            t0 = time.perf_counter()
            st.process(batch)
            spent[st.name] += time.perf_counter() - t0
    return dict(spent)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()
    config = Config(batch_size=args.batch_size)
    articles = [a for a in read_paths([sample_path()], config=config) if isinstance(a, Article)]
    texts = [a.text for a in articles]
    n = len(articles)
    chars = sum(map(len, texts))
    print(f"corpus: {n} articles, {chars:,} characters (bundled sample)")
    spacy_alone(texts[:20], config.model, args.batch_size)  # warm-up: model load, caches

    a_best = min(spacy_alone(texts, config.model, args.batch_size) for _ in range(args.repeat))
    b_runs = [full_pipeline(config) for _ in range(args.repeat)]
    b_best = min(t for t, _ in b_runs)
    stored = b_runs[0][1]

    rows = [
        ("(a) spaCy nlp.pipe alone", a_best, n),
        (f"(b) dateline full pipeline + SQLite ({stored} stored)", b_best, n),
    ]
    print(f"\n{'measurement':<52} {'seconds':>8} {'articles/s':>11}")
    print("-" * 73)
    for label, secs, count in rows:
        print(f"{label:<52} {secs:>8.2f} {count / secs:>11.1f}")
    print("-" * 73)
    label = "ratio b/a of articles/s (1.0 = no cost over spaCy)"
    print(f"{label:<52} {'':>8} {a_best / b_best:>11.2f}")
    print(f"{'ratio b/a of seconds':<52} {b_best / a_best:>8.2f}")
    print(f"(best of {args.repeat} runs each)")

    spent = stage_times(articles, config)
    total = sum(spent.values())
    print(f"\n{'stage':<20} {'seconds':>8} {'share':>7}")
    for name, secs in spent.items():
        print(f"{name:<20} {secs:>8.2f} {secs / total:>7.1%}")


if __name__ == "__main__":
    main()
