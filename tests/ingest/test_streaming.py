"""Inputs are streams: memory does not grow with the input, nothing is read far ahead."""

from __future__ import annotations

import datetime as dt
import json
import tracemalloc

from dateline.api import ingest_items
from dateline.api_ingest import WINDOW
from dateline.config import Config
from dateline.ingest import read_paths
from dateline.records import Article, Failure
from dateline.runners.local import AHEAD
from dateline.storage import open_store


def test_reading_a_large_jsonl_holds_one_line_at_a_time(tmp_path):
    path = tmp_path / "big.jsonl"
    body = "The council met again on Tuesday to discuss the harbour. " * 16  # ~1 KB
    with path.open("w", encoding="utf-8") as f:
        for n in range(40_000):
            f.write(json.dumps({"id": f"a{n}", "date": "2020-03-01", "text": f"{n}. {body}"}) + "\n")
    size = path.stat().st_size
    assert size > 35_000_000
    warm = tmp_path / "one.jsonl"  # the readers' modules load on the first read
    warm.write_text(json.dumps({"text": "one"}) + "\n", encoding="utf-8")
    assert len(list(read_paths([warm], config=Config()))) == 1
    tracemalloc.start()
    try:
        count = 0
        for item in read_paths([path], config=Config()):
            assert isinstance(item, Article)
            count += 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 40_000
    assert peak < 4_000_000, f"peak {peak:,} bytes while reading {size:,}"  # bound: a few lines


def test_a_line_over_the_limit_fails_alone(tmp_path):
    path = tmp_path / "mixed.jsonl"
    long = json.dumps({"text": "x" * 5000})
    path.write_text(json.dumps({"text": "short one"}) + "\n" + long + "\n" + json.dumps({"text": "after"}) + "\n")
    items = list(read_paths([path], config=Config(max_file_bytes=1000)))
    assert [type(i).__name__ for i in items] == ["Article", "Failure", "Article"]
    assert items[1].item.endswith("mixed.jsonl:2") and items[1].code == "DL142"


def test_ingest_reads_at_most_one_window_ahead_of_what_is_stored(tmp_path):
    config = Config(db=str(tmp_path / "s.db"), stages=("dateline",), batch_size=16)
    pulled, done, gaps = 0, [0], []

    def articles():
        nonlocal pulled
        for n in range(3 * WINDOW + 10):
            pulled += 1
            gaps.append(pulled - done[0])
            text = f"Story {n}: the harbour council met on Tuesday."
            yield Article(f"s{n}", None, dt.date(2020, 1, 1), None, None, text)
        yield Failure("x.jsonl:9", "invalid JSON", "DL106")

    report = ingest_items(articles(), config=config, progress=lambda d, t: done.__setitem__(0, d))
    assert report.new == 3 * WINDOW + 10 and report.failed == 1
    # a window, the batches in flight in the runner's workers and the one being read
    ahead = (AHEAD * config.workers + 1) * config.batch_size if config.workers > 1 else config.batch_size
    assert max(gaps) <= WINDOW + ahead + 1, max(gaps)
    store = open_store(config.db)
    try:
        assert store.summary()["articles"] == 3 * WINDOW + 10
    finally:
        store.close()
    again = ingest_items(articles(), config=config)
    assert again.new == 0 and again.unchanged == 3 * WINDOW + 10  # nothing stored twice
