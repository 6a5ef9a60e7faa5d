"""Quality gate for the HTML reader on the article extraction benchmark (Zyte).

The first 60 pages by id of the 181 in the shared data folder
(``html/article-extraction-benchmark``) are read with
:func:`dateline.ingest.html.page_article`, as the reader registry will read them,
and scored with ``bench/html_extraction.py``'s metric (precision and recall of
word tokens, or of runs of 4 of them, per page, averaged over pages; F1 of the
averages). The floors sit about a point under what was measured when the gate was
added (4-shingles F1 0.976, tokens F1 0.980, a date found on every page); like the
other floors they only move up, deliberately. The pages are read from the shared
data folder, never copied here; the gate skips when it is absent (~10 s).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from dateline.config import Config
from dateline.errors import InputError
from dateline.ingest.html import page_article

BENCH = Path(__file__).resolve().parents[2] / "bench"
PAGES = 60
FLOORS = {"shingle_f1": 0.965, "token_f1": 0.97, "dated_share": 0.95}


def bench_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "bench_html_extraction", BENCH / "html_extraction.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_html_extraction"] = module  # its dataclasses look their module up
    try:
        spec.loader.exec_module(module)
    finally:
        sys.modules.pop("bench_html_extraction", None)
    return module


@pytest.fixture(scope="module")
def measured() -> dict[str, float]:
    bench = bench_module()
    root = bench.benchmark_dir()
    if root is None:
        pytest.skip("article extraction benchmark not found (shared data folder absent)")
    items = bench.load(root, PAGES)
    texts, dated = [], 0
    for item in items:
        try:
            article, warnings = page_article(
                item.html, label=item.id, url=item.url, config=Config()
            )
        except InputError:
            texts.append("")
            continue
        texts.append(article.text)
        dated += article.published is not None
    result = {
        "shingle_f1": bench.f1_of(texts, items, 4),
        "token_f1": bench.f1_of(texts, items, 1),
        "dated_share": dated / len(items),
    }
    print("\nmeasured:", result)
    return result


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_floor(measured, metric):
    assert measured[metric] >= FLOORS[metric], f"{metric} fell to {measured[metric]:.4f}"
