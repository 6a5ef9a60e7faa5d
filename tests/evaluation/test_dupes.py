"""The labelled near-duplicate set: deterministic, halves kept apart, edits as described."""

from __future__ import annotations

import random

import pytest

from dateline.evaluation.dupes import (
    Doc,
    Pair,
    choose_threshold,
    make_pairs,
    reprint,
    sample_articles,
    scores,
)


@pytest.fixture(scope="module")
def pairs() -> list[Pair]:
    return make_pairs(seed=13)


def test_the_set_is_deterministic_for_a_seed(pairs):
    again = make_pairs(seed=13)
    assert [(p.a.id, p.b.id, p.b.text) for p in again] == [(p.a.id, p.b.id, p.b.text) for p in pairs]
    other = make_pairs(seed=14)
    assert [p.b.text for p in other] != [p.b.text for p in pairs]


def test_positives_are_reprints_negatives_different_articles(pairs):
    pos = [p for p in pairs if p.duplicate]
    neg = [p for p in pairs if not p.duplicate]
    assert len(pos) == 3 * len(sample_articles()) and len(neg) > 300
    assert all(p.a.origin == p.b.origin for p in pos)
    assert all(p.a.origin != p.b.origin for p in neg)
    assert {p.kind for p in neg} == {"same-subject", "similar-wording"}


def test_halves_share_no_article(pairs):
    dev = {d.origin for p in pairs if p.half == "dev" for d in (p.a, p.b)}
    test = {d.origin for p in pairs if p.half == "test" for d in (p.a, p.b)}
    assert dev and test and not dev & test


def test_a_reprint_keeps_the_lead_and_edits_around_it():
    a = max(sample_articles()[:20], key=lambda x: len(x.text))
    texts = [reprint(a, random.Random(seed), tag="r").text for seed in range(20)]
    assert len(set(texts)) == 20
    assert any("(Reuters)" in t or "(AP)" in t or "(AFP)" in t or "TASS" in t for t in texts)
    assert any("All rights reserved" in t or "newsletter" in t for t in texts)


def test_scores_and_threshold_choice():
    d = Doc("a", "a", "", "x")
    ps = [Pair(d, d, True, "k", "dev"), Pair(d, d, False, "k", "dev")]
    values = {id(ps[0]): 0.9, id(ps[1]): 0.4}
    t, s = choose_threshold(ps, lambda p: values[id(p)], [0.3, 0.5, 0.95])
    assert t == 0.5 and (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0)
    s = scores(ps, lambda p: True)
    assert (s.tp, s.fp, s.fn) == (1, 1, 0) and s.precision == 0.5
