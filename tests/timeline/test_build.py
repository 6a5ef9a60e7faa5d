"""The timeline builder on stored articles: dates, granularity, sentences, sources."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.storage.sqlite import SQLiteStore
from dateline.timeline import build_timeline, date_key


@pytest.mark.parametrize(
    ("value", "mod", "granularity", "expected"),
    [
        ("1956", None, "any", ("1956", None)),
        ("2019-06", "END", "any", ("2019-06", "END")),
        ("1960-01-27", None, "any", ("1960-01-27", None)),
        ("2019-11-07T15:00", None, "any", ("2019-11-07", None)),
        ("2019-11-07", None, "month", ("2019-11", None)),
        ("2019-11", "END", "year", ("2019", None)),
        ("2019", "MID", "year", ("2019", "MID")),
        ("2019-11", None, "day", None),  # a day timeline has no room for a month
        ("197", None, "any", None),  # a decade is not a timeline date
        ("2019-W44", None, "any", None),
        ("2019-SU", None, "any", None),
        ("1960", "AFTER", "any", None),  # "after 1960" is not 1960
        ("2019-06", "APPROX", "any", ("2019-06", None)),
    ],
)
def test_date_key(value, mod, granularity, expected):
    assert date_key(value, mod, granularity) == expected


def test_seed_timeline_has_the_background_dates_each_with_its_source(seed_db):
    store = SQLiteStore(str(seed_db))
    tl = build_timeline(store, "peace treaty")
    dates = [(e.date, e.mod) for e in tl.entries]
    assert ("1956", None) in dates
    assert ("1960", None) in dates or ("1960-01-27", None) in dates
    assert ("2018-11", None) in dates
    assert ("2019-06", "END") in dates
    assert dates == sorted(dates)
    text = store.conn.execute("SELECT text FROM articles").fetchone()[0]
    for e in tl.entries:
        assert len(e.sources) == 1 and e.sources[0].published == "2019-11-07"
        src = e.sources[0]
        assert " ".join(text[src.start : src.end].split()) == e.sentences[0]
        assert e.summary == e.sentences[0]
    by_date = {e.date: e for e in tl.entries}
    assert "signed a joint declaration" in by_date["1956"].summary
    assert "Osaka" in by_date["2019-06"].summary


def test_the_same_event_from_two_outlets_is_one_entry(spill_store):
    tl = build_timeline(spill_store, "oil spill", granularity="day", sentences_per_date=1)
    first = tl.entries[0]
    assert first.date == "2010-04-20"  # "Tuesday night" in articles of the 21st
    assert "explosion" in first.summary
    assert {s.article for s in first.sources} == {"r1", "b1"}
    assert first.outlets == 2


def test_entries_are_in_date_order_and_at_most_max_dates(spill_store):
    tl = build_timeline(spill_store, "oil rig spill well", granularity="day", max_dates=3)
    assert len(tl.entries) == 3
    assert [e.date for e in tl.entries] == sorted(e.date for e in tl.entries)
    assert all(len(e.date) == 10 for e in tl.entries)


def test_month_granularity_merges_days(spill_store):
    tl = build_timeline(spill_store, "oil rig spill well", granularity="month")
    assert {e.date for e in tl.entries} <= {"2010-04", "2010-05"}
    assert len({e.date for e in tl.entries}) == len(tl.entries)


def test_no_near_duplicate_sentences_within_a_timeline(spill_store):
    tl = build_timeline(spill_store, "explosion", granularity="day", sentences_per_date=3)
    sentences = [s for e in tl.entries for s in e.sentences]
    explosions = [s for s in sentences if "explosion on the Deepwater Horizon" in s]
    assert len(explosions) == 1


def test_query_words_must_occur(spill_store):
    tl = build_timeline(spill_store, "football cup", granularity="day")
    assert [e.date for e in tl.entries] == ["2010-05-01"]
    assert build_timeline(spill_store, "volcano").entries == ()


def test_date_range_limits_the_entries(spill_store):
    tl = build_timeline(
        spill_store, "oil spill rig well", granularity="day", start=dt.date(2010, 4, 22)
    )
    assert tl.entries and all(e.date >= "2010-04-22" for e in tl.entries)


def test_entity_filter(spill_store):
    tl = build_timeline(spill_store, "", entities=["BP"], granularity="day")
    assert tl.entries
    assert all("BP" in " ".join(e.sentences) for e in tl.entries)
    assert tl.title == "BP"


def test_same_date_with_and_without_a_modifier_are_two_entries(tmp_path):
    import datetime as dt

    from dateline.config import Config
    from dateline.pipeline import Pipeline
    from dateline.records import Article, Work

    text = "The summit took place in June 2019. Talks ended in late June 2019."
    art = Article("a", None, dt.date(2019, 11, 7), None, None, text)
    works = [w for w in Pipeline(Config(db=":memory:")).run_batch([art]) if isinstance(w, Work)]
    store = SQLiteStore(str(tmp_path / "m.db"), create=True)
    store.save(works)
    tl = build_timeline(store, "summit talks")
    assert [(e.date, e.mod) for e in tl.entries] == [("2019-06", None), ("2019-06", "END")]
