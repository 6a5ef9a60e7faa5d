"""Quality gate for entity coreference on ECB+ dev topics (CoNLL F1, named mentions, head matching).

Floors are fractions in [0, 1], in ``entities_floors.json``; like the other floors
they only move up, deliberately. The real pipeline runs as in production: the
topics' documents go through ``dateline.api.ingest`` into a temporary SQLite file
and the stored mentions are scored with ``dateline.evaluation.entity_score``,
the figures of ``bench/entities.py``:

- ``*_cross_doc_found_named_conll``: cross-document clustering of the gold named
  mentions dateline found (matched by head);
- ``*_end_to_end_named_conll``: all gold named mentions against all of
  dateline's named mentions (missed and spurious ones charged);
- ``*_within_doc_found_named_conll``: the found named mentions, each document's
  clusters apart.

``dev12_*`` covers dev topics 1–12 (277 documents, ~5 s) in the default suite;
``dev_*`` all dev topics 1–35 (770 documents, ~15 s) under ``-m slow``. The test
topics (36–45) are kept for the benchmark. ECB+ is read from the shared data
folder, never copied here; the gate skips when it is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dateline.evaluation.ecbplus import ecbplus_root, load_ecbplus, match_setting, run_dateline
from dateline.evaluation.entity_score import end_to_end, found_scores

HERE = Path(__file__).parent
FLOORS: dict[str, float] = json.loads((HERE / "entities_floors.json").read_text())
#: The topics of each floor group.
GROUPS = {"dev12": range(1, 13), "dev": range(1, 36)}


def measure(group: str) -> dict[str, float]:
    if ecbplus_root() is None:
        pytest.skip("ECB+ not found (shared data folder absent)")
    corpus = load_ecbplus("dev", topics=GROUPS[group])
    named = match_setting(corpus, run_dateline(corpus), kinds="named", by="head")
    result = {
        f"{group}_cross_doc_found_named_conll": found_scores(named, within=False)[
            "dateline"
        ].conll_f1,
        f"{group}_end_to_end_named_conll": end_to_end(named, within=False).conll_f1,
        f"{group}_within_doc_found_named_conll": found_scores(named, within=True)[
            "dateline"
        ].conll_f1,
    }
    print("\nmeasured:", json.dumps(result, indent=1))
    return result


@pytest.fixture(scope="module")
def dev12_measured() -> dict[str, float]:
    return measure("dev12")


@pytest.fixture(scope="module")
def dev_measured() -> dict[str, float]:
    return measure("dev")


def test_floors_are_known():
    assert all(key.split("_", 1)[0] in GROUPS for key in FLOORS)
    assert all(0.0 <= v <= 1.0 for v in FLOORS.values())


@pytest.mark.parametrize("metric", sorted(k for k in FLOORS if k.startswith("dev12_")))
def test_floor(dev12_measured, metric):
    got = dev12_measured[metric]
    assert got >= FLOORS[metric], f"{metric} fell to {got:.4f}"


@pytest.mark.slow
@pytest.mark.parametrize("metric", sorted(k for k in FLOORS if k.startswith("dev_")))
def test_floor_all_dev_topics(dev_measured, metric):
    got = dev_measured[metric]
    assert got >= FLOORS[metric], f"{metric} fell to {got:.4f}"
