"""bench/api.py's percentile: nearest rank, checked against values worked out by hand."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture(scope="module")
def percentile():
    sys.path.insert(0, str(BENCH))  # bench scripts import each other by bare name
    try:
        spec = importlib.util.spec_from_file_location("bench_api", BENCH / "api.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["bench_api"] = module  # its dataclasses look their module up
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(BENCH))
    yield module.percentile
    sys.modules.pop("bench_api", None)


def test_twenty_values(percentile):
    values = [7, 3, 19, 1, 12, 20, 5, 16, 9, 14, 2, 18, 11, 6, 15, 4, 17, 8, 13, 10]
    # rank ceil(p * 20 / 100): p50 -> 10th, p95 -> 19th, p100 -> 20th, p1 -> 1st
    assert percentile(values, 50) == 10
    assert percentile(values, 95) == 19
    assert percentile(values, 100) == 20
    assert percentile(values, 1) == 1


def test_sixty_values(percentile):
    values = [10.0 * k for k in range(60, 0, -1)]  # 600, 590, ..., 10
    assert percentile(values, 95) == 570.0  # ceil(57.0) = 57th
    assert percentile(values, 50) == 300.0  # 30th
    assert percentile(values, 99) == 600.0  # ceil(59.4) = 60th


def test_exact_ranks_survive_floating_point(percentile):
    values = list(range(100, 0, -1))  # 100, 99, ..., 1
    # 7 / 100 * 100 is 7.000000000000001 and would give the 8th; 7 * 100 / 100 is 7
    assert percentile(values, 7) == 7
    assert percentile(values, 55) == 55


def test_small_lists(percentile):
    assert percentile([5.0], 50) == 5.0
    assert percentile([5.0], 95) == 5.0
    assert percentile([3, 1, 2, 4], 50) == 2  # ceil(2.0) = 2nd
    assert percentile([3, 1, 2, 4], 75) == 3  # ceil(3.0) = 3rd
    assert percentile([3, 1, 2, 4], 76) == 4  # ceil(3.04) = 4th


def test_refuses_nonsense(percentile):
    with pytest.raises(ValueError):
        percentile([], 50)
    with pytest.raises(ValueError):
        percentile([1, 2], 0)
    with pytest.raises(ValueError):
        percentile([1, 2], 101)
