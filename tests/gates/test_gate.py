"""Quality gate on stored data: measured scores must not fall below ``floors.json``."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from dateline.storage import open_store

HERE = Path(__file__).parent
FLOORS = json.loads((HERE / "floors.json").read_text())
QUALIFIERS = re.compile(r"^(?:former|then|incumbent|acting|current|late)[ -]+", re.I)


def _role(text: str) -> str:
    return QUALIFIERS.sub("", text).casefold().replace("-", " ")


def entity_role_scores(db: Path) -> dict[str, float]:
    gold = [json.loads(line) for line in (HERE / "entity_roles.jsonl").open(encoding="utf-8")]
    store = open_store(str(db))
    found = role_hits = aff_total = aff_hits = 0
    try:
        for g in gold:
            (article_id,) = store.conn.execute(  # type: ignore[attr-defined]
                "SELECT id FROM articles WHERE url LIKE ?", (g["url_prefix"] + "%",)
            ).fetchone()
            people = [e for e in store.get_article(article_id)["entities"] if e["name"] == g["person"]]
            found += bool(people)
            role_hits += any(_role(g["role"]) in map(_role, e["roles"]) for e in people)
            if g["affiliation"]:
                aff_total += 1
                aff_hits += any(e["affiliation"] == g["affiliation"] for e in people)
    finally:
        store.close()
    return {
        "person_found": found / len(gold),
        "role_recall": role_hits / len(gold),
        "affiliation_accuracy": aff_hits / aff_total,
    }


def dateline_scores(db: Path) -> dict[str, float]:
    with sqlite3.connect(db) as c:
        rows = c.execute(
            "SELECT published, dateline_date FROM articles WHERE url LIKE '%wikinews%'"
        ).fetchall()
    weekday_line = [r for r in rows if r[1] is not None]
    return {
        "wikinews_datelines": float(len(weekday_line)),
        "dateline_date_accuracy": sum(p == d for p, d in weekday_line) / len(weekday_line),
    }


@pytest.fixture(scope="module")
def scores(sample_db) -> dict[str, float]:
    measured = {**entity_role_scores(sample_db), **dateline_scores(sample_db)}
    print("\nmeasured:", json.dumps(measured, indent=1))
    return measured


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_floor(scores, metric):
    assert scores[metric] >= FLOORS[metric], f"{metric} fell to {scores[metric]:.3f}"
