"""Partitions built from paired ECB+ mentions: found, end to end, within documents, baselines."""

from __future__ import annotations

import pytest

from dateline.evaluation.ecbplus import GoldMention, Matched, SystemMention
from dateline.evaluation.entity_score import (
    ceiling,
    clustering_errors,
    detection,
    end_to_end,
    found_scores,
    normalise,
)


def g(doc: str, m_id: str, text: str, cluster: str, head: str | None = None) -> GoldMention:
    head = head or text.split()[-1]
    return GoldMention(doc, m_id, 0, len(text), text, 0, 0, head, cluster, True, "PER", "NAM", 1, 1)


def s(doc: str, text: str, entity: int, local: str) -> SystemMention:
    return SystemMention(doc, 0, len(text), text, "name", entity, local)


# Two documents. Gold: Lohan (c1) in both, the Betty Ford Center (c2) in d1.
GOLD = (
    g("d1", "1", "Lindsay Lohan", "c1"),
    g("d1", "2", "Lohan", "c1"),
    g("d2", "3", "Lindsay Lohan's", "c1", head="Lohan"),
    g("d1", "4", "the Betty Ford Center", "c2"),
)


def matched(system: tuple[SystemMention, ...], pairs: dict[int, int]) -> Matched:
    return Matched("named", "head", GOLD, system, pairs)


def test_normalise():
    assert normalise("The Betty Ford Center") == "betty ford center"
    assert normalise("Lindsay Lohan's") == "lindsay lohan"
    assert normalise('"Scrubs,"') == "scrubs"
    assert normalise("Jeffs'") == "jeffs"
    assert normalise("  U.S.  ") == "u.s"
    assert normalise("the") == "the"


def test_found_mentions_score_dateline_and_the_baselines_on_the_same_mentions():
    # dateline splits Lohan across documents (entities 1 and 3) and finds no Center.
    system = (
        s("d1", "Lindsay Lohan", 1, "e1"),
        s("d1", "Lohan", 1, "e1"),
        s("d2", "Lohan", 3, "e1"),
    )
    scores = found_scores(matched(system, {0: 0, 1: 1, 2: 2}), within=False)
    # key {1,2,3}; dateline {1,2} {3}: MUC R 1/2, P 1/1.
    assert scores["dateline"].muc.recall == pytest.approx(0.5)
    assert scores["dateline"].muc.precision == 1.0
    # same string: "lindsay lohan" x2 {1,3}, "lohan" {2}: MUC R 1/2 too.
    assert scores["same string"].muc.recall == pytest.approx(0.5)
    # same head: all three are "lohan": perfect.
    assert scores["same head"].conll_f1 == 1.0


def test_within_document_keeps_documents_apart():
    # Cross-document a single entity id everywhere is right; within documents the key is
    # {1,2} (d1) and {3} (d2); dateline's (doc, local id) gives {1,2} {3}: perfect.
    system = (
        s("d1", "Lindsay Lohan", 1, "e1"),
        s("d1", "Lohan", 1, "e1"),
        s("d2", "Lohan", 1, "e7"),
    )
    m = matched(system, {0: 0, 1: 1, 2: 2})
    assert found_scores(m, within=True)["dateline"].conll_f1 == 1.0
    assert found_scores(m, within=False)["dateline"].conll_f1 == 1.0


def test_end_to_end_charges_missed_and_spurious_mentions():
    # Found: 1 and 3 (one entity); missed: 2 and 4; spurious: "Malibu" (its own entity).
    system = (
        s("d1", "Lindsay Lohan", 1, "e1"),
        s("d2", "Lohan", 1, "e1"),
        s("d1", "Malibu", 9, "e2"),
    )
    m = matched(system, {0: 0, 1: 2})
    e = end_to_end(m, within=False)
    # MUC: key {1,2,3}: parts {1,3} | {2}: 1 of 2; {4}: nothing. Response {1,3}: 1 of 1; Malibu: 0 of 0.
    assert (e.muc.recall_num, e.muc.recall_den, e.muc.precision_num, e.muc.precision_den) == (
        1,
        2,
        1,
        1,
    )
    # B3 recall over 4 gold: 1, 3 score 2/3 each; 2, 4 score 0 -> (4/3)/4 = 1/3.
    # B3 precision over 3 system: 1, 3 score 1 each, Malibu 0 -> 2/3.
    assert e.b_cubed.recall == pytest.approx(1 / 3)
    assert e.b_cubed.precision == pytest.approx(2 / 3)
    d = detection(m)
    assert (d.gold, d.system, d.matched) == (4, 3, 2)
    assert d.precision == pytest.approx(2 / 3) and d.recall == pytest.approx(0.5)


def test_ceiling_clusters_the_found_mentions_perfectly():
    # Found 1 (wrongly its own entity 1) and 2 (entity 2); spurious "Malibu" with 2.
    system = (
        s("d1", "Lindsay Lohan", 1, "e1"),
        s("d1", "Lohan", 2, "e2"),
        s("d1", "Malibu", 2, "e2"),
    )
    m = matched(system, {0: 0, 1: 1})
    assert end_to_end(m, within=False).muc.recall_num == 0
    top = ceiling(m, within=False)
    # Response {1,2} {Malibu}: MUC recall 1 of 2 (3 missed), precision 1 of 1.
    assert (top.muc.recall_num, top.muc.recall_den) == (1, 2)
    assert (top.muc.precision_num, top.muc.precision_den) == (1, 1)
    # B3 precision over 3 system mentions: 1, 2 score 1, Malibu (spurious) 0 -> 2/3.
    assert top.b_cubed.precision == pytest.approx(2 / 3)
    clean = ceiling(m, within=False, spurious=False)
    assert clean.b_cubed.precision == pytest.approx(1.0)
    # B3 recall is the same either way: 1, 2 score 2/3 each, 3 and 4 score 0 -> (4/3)/4.
    assert clean.b_cubed.recall == pytest.approx(top.b_cubed.recall) == pytest.approx(1 / 3)


def test_clustering_errors_list_splits_and_merges():
    # dateline: Lohan split (1 | 3), and entity 5 mixes Lohan (2) with the Center (4).
    system = (
        s("d1", "Lindsay Lohan", 1, "e1"),
        s("d1", "Lohan", 5, "e2"),
        s("d2", "Lohan", 1, "e1"),
        s("d1", "the Betty Ford Center", 5, "e2"),
    )
    errors = clustering_errors(matched(system, {0: 0, 1: 1, 2: 2, 3: 3}))
    assert [(e.kind, e.label, [len(p) for p in e.pieces]) for e in errors] == [
        ("split", "c1", [2, 1]),
        ("merge", "5", [1, 1]),
    ]
