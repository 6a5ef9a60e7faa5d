"""Coreference metrics on hand-computed cases; every expected number is worked out in a comment."""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.evaluation.coref import (
    PRF,
    assignment,
    b_cubed,
    ceaf_e,
    clusters,
    divided,
    muc,
    score,
)


def near(prf: PRF, recall: F | float, precision: F | float) -> None:
    assert prf.recall == pytest.approx(float(recall))
    assert prf.precision == pytest.approx(float(precision))


def f1(p: F, r: F) -> float:
    return float(2 * p * r / (p + r)) if p + r else 0.0


# Key {a,b,c} {d,e,f,g}; response {a,b} {c,d} {f,g,h,i}: h and i are not in the key,
# e is not in the response (the predicted-mentions example of Pradhan et al. 2014).
PRADHAN_KEY = [{"a", "b", "c"}, {"d", "e", "f", "g"}]
PRADHAN_RESPONSE = [{"a", "b"}, {"c", "d"}, {"f", "g", "h", "i"}]


def test_muc_pradhan():
    # Recall: {a,b,c} falls into {a,b} | {c}: 3 - 2 = 1 link; {d,e,f,g} into {d} | {e} (absent,
    # a part of its own) | {f,g}: 4 - 3 = 1. Recall = (1 + 1) / ((3-1) + (4-1)) = 2/5.
    # Precision: {a,b} is one key part: 1; {c,d} two parts: 0; {f,g,h,i} is {f,g} | {h} | {i}:
    # 4 - 3 = 1. Precision = (1 + 0 + 1) / (1 + 1 + 3) = 2/5.
    s = muc(PRADHAN_KEY, PRADHAN_RESPONSE)
    assert (s.recall_num, s.recall_den, s.precision_num, s.precision_den) == (2, 5, 2, 5)
    assert s.f1 == pytest.approx(0.4)


def test_b_cubed_pradhan():
    # Recall over the 7 key mentions: a, b 2/3 each, c 1/3 (with d in {c,d}); d 1/4, e 0
    # (absent), f, g 2/4 each. (5/3 + 5/4) / 7 = (35/12) / 7 = 5/12.
    # Precision over the 8 response mentions: a, b 1 each; c, d 1/2 each; f, g 2/4 each,
    # h, i 0. (2 + 1 + 1) / 8 = 1/2. F1 = 2 (5/12)(1/2) / (5/12 + 1/2) = 5/11.
    s = b_cubed(PRADHAN_KEY, PRADHAN_RESPONSE)
    near(s, F(5, 12), F(1, 2))
    assert s.f1 == pytest.approx(5 / 11)


def test_ceaf_e_pradhan():
    # phi4: K1-{a,b} = 2*2/(3+2) = 4/5, K1-{c,d} = 2/5, K2-{c,d} = 2/6 = 1/3,
    # K2-{f,g,h,i} = 2*2/(4+4) = 1/2. Best alignment K1-{a,b}, K2-{f,g,h,i}: 4/5 + 1/2 = 13/10
    # (against 2/5 + 1/2 = 9/10 or 4/5 + 1/3 = 17/15). Recall = (13/10) / 2 = 13/20,
    # precision = (13/10) / 3 = 13/30, F1 = 2 * (13/10) / (2 + 3) = 13/25 = 0.52.
    s = ceaf_e(PRADHAN_KEY, PRADHAN_RESPONSE)
    near(s, F(13, 20), F(13, 30))
    assert s.f1 == pytest.approx(0.52)


def test_conll_pradhan():
    # (2/5 + 5/11 + 13/25) / 3 = (0.4 + 0.454545 + 0.52) / 3 = 0.458182.
    s = score(PRADHAN_KEY, PRADHAN_RESPONSE)
    assert s.conll_f1 == pytest.approx((0.4 + 5 / 11 + 0.52) / 3)


# Luo (2005), Figure 1: key {1..5} {6,7} {8,9,A,B,C} and four responses.
LUO_KEY = [set("12345"), set("67"), set("89ABC")]


def test_luo_a_merges_the_two_small_entities():
    # Response {1..5} {6,7,8,9,A,B,C}.
    # MUC: recall 9/9; precision (5-1) + (7-2) = 9 of (4 + 6) = 9/10.
    # B3: recall 1; precision (25/5 + (4 + 25)/7) / 12 = (64/7) / 12 = 16/21.
    # CEAF-e: {1..5}-{1..5} = 1, {8..C}-{6..C} = 2*5/(5+7) = 5/6; total 11/6:
    # recall 11/18, precision 11/12.
    response = [set("12345"), set("6789ABC")]
    s = score(LUO_KEY, response)
    near(s.muc, 1, F(9, 10))
    near(s.b_cubed, 1, F(16, 21))
    near(s.ceaf_e, F(11, 18), F(11, 12))


def test_luo_b_has_the_same_muc_but_lower_b3_and_ceaf():
    # Response {1..5, 8..C} {6,7}: MUC is again 9/9 and 9/10 (Luo's point);
    # B3 precision ((25 + 25)/10 + 4/2) / 12 = 7/12; CEAF-e: {1..5}-{1..5,8..C} = 10/15,
    # {6,7}-{6,7} = 1; total 5/3: recall 5/9, precision 5/6.
    response = [set("1234589ABC"), set("67")]
    s = score(LUO_KEY, response)
    near(s.muc, 1, F(9, 10))
    near(s.b_cubed, 1, F(7, 12))
    near(s.ceaf_e, F(5, 9), F(5, 6))


def test_one_cluster_response():
    # Response: all 12 mentions in one cluster.
    # MUC: recall (4 + 1 + 4) / 9 = 1; precision: 12 - 3 parts = 9 of 11. F1 = 2(9/11)/(20/11) = 0.9.
    # B3: recall 1; precision (25 + 4 + 25) / 12 / 12 = 54/144 = 3/8; F1 = (3/4) / (11/8) = 6/11.
    # CEAF-e: best phi4 = 2*5/(5+12) = 10/17; recall (10/17)/3 = 10/51, precision 10/17;
    # F1 = 2 * (10/17) / (3 + 1) = 5/17.
    s = score(LUO_KEY, [set("123456789ABC")])
    near(s.muc, 1, F(9, 11))
    assert s.muc.f1 == pytest.approx(0.9)
    near(s.b_cubed, 1, F(3, 8))
    assert s.b_cubed.f1 == pytest.approx(6 / 11)
    near(s.ceaf_e, F(10, 51), F(10, 17))
    assert s.ceaf_e.f1 == pytest.approx(5 / 17)


def test_all_singletons_response():
    # MUC: every key cluster falls apart: recall 0/9; no response links: precision 0/0 = 0.
    # B3: recall (5 * 1/5 + 2 * 1/2 + 5 * 1/5) / 12 = 3/12 = 1/4; precision 12/12 = 1; F1 = 0.4.
    # CEAF-e: a singleton against a key cluster of size k scores 2/(k+1): one singleton each
    # for the three key clusters, 1/3 + 2/3 + 1/3 = 4/3; recall (4/3)/3 = 4/9, precision
    # (4/3)/12 = 1/9, F1 = 2 * (4/3) / (3 + 12) = 8/45.
    s = score(LUO_KEY, [{m} for m in "123456789ABC"])
    assert (s.muc.recall_num, s.muc.recall_den, s.muc.precision_den) == (0, 9, 0)
    assert s.muc.f1 == 0.0
    near(s.b_cubed, F(1, 4), 1)
    assert s.b_cubed.f1 == pytest.approx(0.4)
    near(s.ceaf_e, F(4, 9), F(1, 9))
    assert s.ceaf_e.f1 == pytest.approx(8 / 45)


def test_missing_mentions_and_entities():
    # Key {a} {b,c} {d,e,f}; response {a} {d,e} (b, c, f not found).
    # MUC: recall: {b,c} -> {b} | {c}: 0; {d,e,f} -> {d,e} | {f}: 1; of 0 + 1 + 2 = 1/3;
    # precision: {d,e} is one key part: 1/1.
    # B3: recall (1 + 0 + 0 + 2/3 + 2/3 + 0) / 6 = (7/3) / 6 = 7/18; precision (1 + 1 + 1) / 3 = 1.
    # CEAF-e: {a}-{a} = 1, {d,e,f}-{d,e} = 2*2/5 = 4/5; total 9/5: recall 3/5, precision 9/10.
    s = score([{"a"}, {"b", "c"}, {"d", "e", "f"}], [{"a"}, {"d", "e"}])
    near(s.muc, F(1, 3), 1)
    near(s.b_cubed, F(7, 18), 1)
    near(s.ceaf_e, F(3, 5), F(9, 10))


def test_identical_partitions_score_100():
    key = [{1, 2, 3}, {4}, {5, 6}]
    s = score(key, [{6, 5}, {3, 1, 2}, {4}])
    assert (s.muc.f1, s.b_cubed.f1, s.ceaf_e.f1, s.conll_f1) == (1.0, 1.0, 1.0, 1.0)


def test_identical_singletons_score_100_except_muc():
    # No links on either side: MUC 0/0 = 0 (the reference scorer's convention); B3, CEAF-e 1.
    s = score([{1}, {2}], [{1}, {2}])
    assert s.muc.f1 == 0.0
    assert s.b_cubed.f1 == s.ceaf_e.f1 == 1.0


def test_disjoint_mention_sets_score_0():
    # No mention in common: no links kept, no shared mentions, no aligned overlap.
    s = score([{"a", "b"}, {"c"}], [{"x", "y"}, {"z"}])
    assert (s.muc.f1, s.b_cubed.f1, s.ceaf_e.f1, s.conll_f1) == (0.0, 0.0, 0.0, 0.0)
    assert (s.b_cubed.recall_den, s.b_cubed.precision_den) == (3, 3)


def test_spurious_response_mentions_lower_precision_only():
    # Key {a,b}; response {a,b,x}. MUC: recall 1/1; precision {a,b} | {x}: 3 - 2 = 1 of 2.
    # B3: recall 1; precision over the 3 response mentions: a, b 2/3 each, x 0: (4/3) / 3 = 4/9.
    # CEAF-e: phi4 = 2*2/(2+3) = 4/5: recall 4/5, precision 4/5.
    s = score([{"a", "b"}], [{"a", "b", "x"}])
    near(s.muc, 1, F(1, 2))
    near(s.b_cubed, 1, F(4, 9))
    near(s.ceaf_e, F(4, 5), F(4, 5))


def test_empty_sides():
    s = score([], [])
    assert s.conll_f1 == 0.0
    s = score([{1, 2}], [])
    assert (s.muc.recall, s.b_cubed.recall, s.ceaf_e.recall) == (0.0, 0.0, 0.0)


def test_not_a_partition_is_refused():
    with pytest.raises(ValueError, match="two clusters"):
        clusters([{1, 2}, {2, 3}])


def test_empty_clusters_are_dropped():
    assert clusters([set(), {1}, []]) == [frozenset({1})]


# --------------------------------------------------------------------------- assignment


def brute_force(weights: list[list[float]]) -> float:
    n, m = len(weights), len(weights[0])
    if n <= m:
        return max(
            sum(weights[i][c] for i, c in enumerate(p)) for p in itertools.permutations(range(m), n)
        )
    return max(
        sum(weights[r][j] for j, r in enumerate(p)) for p in itertools.permutations(range(n), m)
    )


def test_assignment_prefers_the_larger_total_over_the_greedy_pick():
    # Greedy takes 0.9 and then 0.1 (total 1.0); the optimum is 0.8 + 0.8 = 1.6.
    assert assignment([[0.9, 0.8], [0.8, 0.1]]) == [(0, 1), (1, 0)]


def test_assignment_of_a_tall_matrix():
    assert assignment([[0.1], [0.7], [0.3]]) == [(1, 0)]


def test_assignment_of_nothing():
    assert assignment([]) == []
    assert assignment([[]]) == []


@settings(max_examples=150, deadline=None)
@given(
    st.integers(1, 5).flatmap(
        lambda n: st.lists(
            st.lists(st.floats(0, 1), min_size=n, max_size=n), min_size=1, max_size=5
        )
    )
)
def test_assignment_is_optimal(weights):
    pairs = assignment(weights)
    assert len(pairs) == min(len(weights), len(weights[0]))
    assert len({i for i, _ in pairs}) == len({j for _, j in pairs}) == len(pairs)
    assert sum(weights[i][j] for i, j in pairs) == pytest.approx(brute_force(weights))


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.integers(0, 4), min_size=1, max_size=9),
    st.lists(st.integers(0, 4), min_size=1, max_size=9),
)
def test_scores_are_symmetric_in_recall_and_precision(a, b):
    # Swapping key and response swaps recall and precision for every metric.
    n = min(len(a), len(b))
    key = [{m for m in range(n) if a[m] == c} for c in range(5)]
    response = [{m for m in range(n) if b[m] == c} for c in range(5)]
    one, two = score(key, response), score(response, key)
    for x, y in ((one.muc, two.muc), (one.b_cubed, two.b_cubed), (one.ceaf_e, two.ceaf_e)):
        assert x.recall == pytest.approx(y.precision)
        assert x.precision == pytest.approx(y.recall)


# --------------------------------------------------------------------------- errors


def test_divided_lists_splits_and_merges():
    key = [{1, 2, 3}, {4, 5}]
    response = [{1, 2}, {3, 4, 5}, {9}]
    assert divided(key, response) == [[frozenset({1, 2}), frozenset({3})]]
    assert divided(response, key) == [[frozenset({4, 5}), frozenset({3})]]


def test_f1_helper_matches_prf():
    assert PRF(1, 2, 1, 4).f1 == pytest.approx(f1(F(1, 4), F(1, 2)))
