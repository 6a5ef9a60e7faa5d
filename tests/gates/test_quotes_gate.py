"""Quality gate for the quote finder: PolNeAR dev, LitBank, and hand-annotated Wikinews articles.

Floors are fractions in [0, 1], in ``quotes_floors.json``; like the other floors
they only move up, deliberately. Each part skips on its own when its data is
absent. The real pipeline runs (``dateline, nlp, temporal, entities, quotes``),
and the scores are those of ``bench/quotes.py`` (``dateline.evaluation.quote_score``):

- ``polnear_dev_*``: all 84 PolNeAR dev documents (first annotator each), read from
  the shared data folder, never copied here. Content overlap F1, cue exact F1,
  speaker accuracy: the same figures as the benchmark's PolNeAR dev rows.
- ``litbank_direct_span_f1``: exact direct-quote span F1 (quotation marks stripped)
  on the first :data:`LITBANK_DOCS` LitBank documents sorted by id, to stay within
  the time budget (all 100 take ~65 s to parse; the benchmark scores them all).
- ``wikinews_*``: ``tests/data/quotes_wikinews.jsonl``, quotes of sample articles
  annotated by hand. Content overlap F1; speaker accuracy where the system speaker
  is right when it overlaps the annotated source, or any mention of the article
  entity named as the speaker.

About a minute in all (55-65 s here), nearly all of it spaCy parsing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dateline.config import Config
from dateline.evaluation.litbank import litbank_root, load_litbank
from dateline.evaluation.polnear import load_polnear, polnear_root
from dateline.evaluation.quote_score import (
    GoldDoc,
    GoldQuote,
    litbank_gold,
    polnear_gold,
    score_attributions,
    score_direct,
)
from dateline.ingest import read_paths, sample_path
from dateline.pipeline import Pipeline
from dateline.records import Article, Quote, Work

HERE = Path(__file__).parent
FLOORS: dict[str, float] = json.loads((HERE / "quotes_floors.json").read_text())
WIKINEWS = HERE.parent / "data" / "quotes_wikinews.jsonl"
STAGES = ("dateline", "nlp", "temporal", "entities", "quotes")
#: LitBank documents scored by the gate (the first, sorted by id).
LITBANK_DOCS = 30
#: Which measurement each floor belongs to.
GROUPS = ("polnear", "litbank", "wikinews")


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(Config(db=":memory:", stages=STAGES))


def run(pipe: Pipeline, articles: list[Article]) -> list[Work | None]:
    works = pipe.run_batch(articles)
    return [w if isinstance(w, Work) else None for w in works]


def quotes_of(works: list[Work | None]) -> list[list[Quote]]:
    return [list(w.quotes) if w is not None else [] for w in works]


def article(doc_id: str, text: str, published: Any = None) -> Article:
    return Article(id=doc_id, title=None, published=published, source=None, url=None, text=text)


@pytest.fixture(scope="module")
def polnear_measured(pipe) -> dict[str, float]:
    if polnear_root() is None:
        pytest.skip("PolNeAR not found (shared data folder absent)")
    docs = load_polnear("dev")
    works = run(pipe, [article(d.id, d.text, d.published) for d in docs])
    s = score_attributions([polnear_gold(d) for d in docs], quotes_of(works))
    result = {
        "polnear_dev_content_f1": s.overlap_f1,
        "polnear_dev_cue_f1": s.cue_f1,
        "polnear_dev_speaker_accuracy": s.speaker_accuracy,
    }
    print("\nmeasured:", json.dumps(result, indent=1))
    return result


@pytest.fixture(scope="module")
def litbank_measured(pipe) -> dict[str, float]:
    if litbank_root() is None:
        pytest.skip("LitBank not found (shared data folder absent)")
    docs = load_litbank(limit=LITBANK_DOCS)
    works = run(pipe, [article(d.id, d.text) for d in docs])
    s = score_direct([litbank_gold(d) for d in docs], quotes_of(works))
    result = {"litbank_direct_span_f1": s.exact_f1}
    print("\nmeasured:", json.dumps(result, indent=1))
    return result


def _pair(value: Any) -> tuple[int, int]:
    start, end = value
    return int(start), int(end)


def wikinews_gold(entry: dict[str, Any], work: Work) -> GoldDoc:
    """One annotated article as gold quotes; the speaker's spans are the annotated
    source plus every mention of the article entity named as the speaker."""
    quotes = []
    for q in entry["quotes"]:
        spans = [_pair(q["source"])] if q.get("source") else []
        name = (q.get("speaker") or "").casefold()
        if name:
            spans += [
                (m.start, m.end)
                for e in work.entities
                if e.name.casefold() == name
                for m in e.mentions
            ]
        has_speaker = bool(q.get("source") or q.get("speaker"))
        quotes.append(
            GoldQuote(
                content=tuple(_pair(c) for c in q["content"]),
                cue=(_pair(q["cue"]),) if q.get("cue") else (),
                speaker=tuple(spans) if has_speaker else None,
                speaker_name=q.get("speaker"),
            )
        )
    return GoldDoc(work.article.id, work.article.text, tuple(quotes))


def find_article(entry: dict[str, Any], sample: list[Article]) -> Article:
    """The sample article an entry names: by ``article_id``, else by ``url`` (or its prefix)."""
    key = entry.get("article_id") or entry.get("url") or ""
    found = [a for a in sample if a.id == key or a.url == key]
    found = found or [a for a in sample if key and a.url and a.url.startswith(key)]
    assert len(found) == 1, f"annotated article {key!r} matches {len(found)} sample articles"
    return found[0]


@pytest.fixture(scope="module")
def wikinews_measured(pipe) -> dict[str, float]:
    if not WIKINEWS.is_file():
        pytest.skip(f"{WIKINEWS.relative_to(HERE.parent.parent)} not written yet")
    entries = [
        json.loads(line)
        for line in WIKINEWS.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    sample = [a for a in read_paths([sample_path()], config=Config()) if isinstance(a, Article)]
    articles = [find_article(entry, sample) for entry in entries]
    works = run(pipe, articles)
    assert all(w is not None for w in works), "an annotated article failed in the pipeline"
    gold = [wikinews_gold(e, w) for e, w in zip(entries, works, strict=True) if w is not None]
    s = score_attributions(gold, quotes_of(works))
    result = {
        "wikinews_content_f1": s.overlap_f1,
        "wikinews_speaker_accuracy": s.speaker_accuracy,
    }
    print("\nmeasured:", json.dumps(result, indent=1))
    return result


def test_floors_are_known():
    assert all(key.split("_", 1)[0] in GROUPS for key in FLOORS)
    assert all(0.0 <= v <= 1.0 for v in FLOORS.values())


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_floor(request, metric):
    measured = request.getfixturevalue(f"{metric.split('_', 1)[0]}_measured")
    assert measured[metric] >= FLOORS[metric], f"{metric} fell to {measured[metric]:.4f}"
