"""Quality gate for the temporal tagger on TempEval-3 platinum (Task A timex scores).

Floors are fractions in [0, 1], in ``temporal_floors.json``; like ``floors.json``
they only move up, deliberately. Skips when the shared data folder is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dateline.evaluation import data_root, load_split, score
from dateline.temporal import tag

HERE = Path(__file__).parent
FLOORS = json.loads((HERE / "temporal_floors.json").read_text())


@pytest.fixture(scope="module")
def measured(nlp) -> dict[str, float]:
    root = data_root()
    if root is None or not (root / "tempeval3").is_dir():
        pytest.skip("TempEval-3 data not found (shared data folder absent)")
    docs = load_split("platinum", root)
    parsed = nlp.pipe([d.text for d in docs])
    predictions = [tag(d.text, d.dct, doc=p) for d, p in zip(docs, parsed, strict=True)]
    s = score(docs, predictions)
    result = {
        "platinum_relaxed_f1": s.relaxed_f1,
        "platinum_strict_f1": s.strict_f1,
        "platinum_value_f1": s.value_f1,
    }
    print("\nmeasured:", json.dumps(result, indent=1))
    return result


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_floor(measured, metric):
    assert measured[metric] >= FLOORS[metric], f"{metric} fell to {measured[metric]:.4f}"
