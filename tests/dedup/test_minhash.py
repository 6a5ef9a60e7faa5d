"""MinHash: the share of equal positions estimates Jaccard; band keys collide as designed."""

from __future__ import annotations

import numpy as np
import pytest

from dateline.dedup.minhash import band_keys, estimate_jaccard, signature


def sets_with_jaccard(j: float, n: int = 400, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two sets of n random 32-bit values sharing ``s`` values, with s/(2n - s) = j."""
    rng = np.random.default_rng(seed)
    shared = round(2 * n * j / (1 + j))
    pool = rng.choice(2**32, size=2 * n - shared, replace=False).astype(np.uint32)
    return pool[:n], pool[n - shared :]


@pytest.mark.parametrize("j", [0.0, 0.2, 0.5, 0.8, 1.0])
def test_the_estimate_is_within_a_few_standard_errors(j):
    a, b = sets_with_jaccard(j)
    exact = len(set(a.tolist()) & set(b.tolist())) / len(set(a.tolist()) | set(b.tolist()))
    errors = []
    for seed in range(8):  # independent hash families
        est = estimate_jaccard(signature(a, seed=seed), signature(b, seed=seed))
        errors.append(est - exact)
    se = max(np.sqrt(exact * (1 - exact) / 128), 0.01)
    assert abs(np.mean(errors)) < 2 * se  # unbiased
    assert max(abs(e) for e in errors) < 4 * se


def test_positions_are_independent():
    # Hash functions that kept the order of nearby values would all pick the same
    # minimum: for random sets, the positions' argmins must spread over the set.
    a, _ = sets_with_jaccard(0.0, n=1000)
    sig = signature(a, num_perm=128)
    assert len(set(sig.tolist())) > 120


def test_signature_ignores_order_and_duplicates():
    a = np.array([5, 1, 9, 9, 3], dtype=np.uint32)
    assert signature(a).tolist() == signature(np.array([1, 3, 5, 9], dtype=np.uint32)).tolist()
    assert signature(np.zeros(0, dtype=np.uint32), num_perm=4).tolist() == [2**32 - 1] * 4


def test_band_keys_match_where_the_bands_match():
    a = np.arange(12, dtype=np.uint32)
    b = a.copy()
    b[5] = 99  # second band of 3 rows changes
    ka, kb = band_keys(a, bands=4, rows=3), band_keys(b, bands=4, rows=3)
    assert [x == y for x, y in zip(ka, kb, strict=True)] == [True, False, True, True]
    assert all(-(2**63) <= k < 2**63 for k in ka)  # fits SQLite's INTEGER
    with pytest.raises(ValueError):
        band_keys(a, bands=5, rows=3)


def test_candidate_rates_follow_the_banding_curve():
    hits = {0.2: 0, 0.6: 0}
    for j in hits:
        for seed in range(40):
            a, b = sets_with_jaccard(j, n=200, seed=seed)
            ka = band_keys(signature(a), bands=42, rows=3)
            kb = band_keys(signature(b), bands=42, rows=3)
            hits[j] += any(x == y for x, y in zip(ka, kb, strict=True))
    assert hits[0.6] == 40  # 1 - (1 - 0.216)^42: certain
    assert hits[0.2] < 25  # 1 - (1 - 0.008)^42 = 0.29
