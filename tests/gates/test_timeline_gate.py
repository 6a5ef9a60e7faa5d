"""Quality gate for timelines: T17 development topics, the news-tls protocol.

Floors are in ``timeline_floors.json`` (fractions; they only move up). The default
suite runs the MJ topic (142 articles, about a minute to ingest on two cores);
``pytest -m slow`` adds H1N1 and BP oil (about 1,900 articles, many minutes).
The data is read from the shared data folder and never copied here; each topic
skips cleanly when it is absent. Scores are ``dateline.evaluation.tls_score``'s,
as ``bench/tls.py`` prints them: per gold timeline, the articles published in its
range, as many dates as it has and its mean sentences per date, the topic's
keywords as the query; mean precision and recall over timelines, then F.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from dateline.config import Config
from dateline.evaluation.t17 import load_topic, t17_root
from dateline.evaluation.tls_score import TimelineScores, average, score_timeline
from dateline.pipeline import Pipeline
from dateline.records import Work
from dateline.runners.local import LocalRunner
from dateline.storage.sqlite import SQLiteStore
from dateline.timeline import build_timeline

FLOORS = json.loads((Path(__file__).with_name("timeline_floors.json")).read_text())


def topic_scores(name: str, tmp: Path) -> TimelineScores:
    if t17_root() is None:
        pytest.skip("T17 development topics not available (shared data folder)")
    topic = load_topic(name)
    pipe = Pipeline(Config(db=":memory:", workers=os.cpu_count() or 1, batch_size=64))
    store = SQLiteStore(str(tmp / f"{name}.db"), create=True)
    for batch in LocalRunner(pipe).run(topic.articles):
        store.save([w for w in batch if isinstance(w, Work)], signature=pipe.signature)
    scores = []
    for gold in topic.timelines:
        tl = build_timeline(
            store,
            topic.query,
            start=gold.start,
            end=gold.end,
            max_dates=len(gold.days),
            sentences_per_date=gold.sentences_per_day(),
            granularity="day",
        )
        predicted = {dt.date.fromisoformat(e.date): list(e.sentences) for e in tl.entries}
        scores.append(score_timeline(predicted, gold.days))
    store.close()
    return average(scores)


def check(name: str, tmp: Path) -> None:
    got = topic_scores(name, tmp)
    floors = FLOORS[name]
    measured = {"ar1_f": got.align_r1.f1, "ar2_f": got.align_r2.f1, "date_f1": got.date.f1}
    low = {k: (round(v, 4), floors[k]) for k, v in measured.items() if v < floors[k]}
    assert not low, f"{name} below its floors (measured, floor): {low}"


def test_mj_timeline_floors(tmp_path):
    check("mj", tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["h1n1", "bpoil"])
def test_large_topic_timeline_floors(name, tmp_path):
    check(name, tmp_path)
