"""Events in the stores (SQLite and PostgreSQL): stored with the article, read back, replaced on update."""

from __future__ import annotations

import datetime as dt

from dateline.config import Config
from dateline.pipeline import Pipeline
from dateline.records import Article, Work

TEXT = "In 1956, Japan and the Soviet Union signed a joint declaration. Talks resumed on Monday."


def works(text: str = TEXT) -> list[Work]:
    art = Article("a1", "Talks", dt.date(2019, 11, 7), "TASS", None, text)
    return [w for w in Pipeline(Config(db=":memory:")).run_batch([art]) if isinstance(w, Work)]


def test_events_round_trip_in_the_json_contract(stores):
    store = stores.new()
    batch = works()
    store.save(batch)
    stored = store.get_article("a1")["events"]
    assert stored == [e.to_dict() for e in sorted(batch[0].events, key=lambda e: (e.start, e.end))]
    signed = next(e for e in stored if e["trigger"]["text"] == "signed")
    assert signed["date"] == {"value": "1956", "mod": None, "basis": "timex"}
    assert signed["kind"] == "background"


def test_participants_link_to_global_entities_and_counts(stores):
    store = stores.new()
    store.save(works())
    names = {
        r[0]
        for r in store.conn.execute(
            "SELECT e.name FROM event_entities x JOIN entities e ON e.id = x.entity_id"
        )
    }
    assert {"Japan", "Soviet Union"} <= names
    summary = store.summary()
    assert summary["events"] >= 2 and summary["dated_events"] >= 2
    assert summary["event_kinds"]["background"] >= 1


def test_update_replaces_events_without_duplicates(stores):
    store = stores.new()
    store.save(works())
    first = store.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    store.save(works())
    assert store.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == first
    store.save(works("Talks resumed on Monday."))
    assert store.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 1
    assert store.conn.execute("SELECT COUNT(*) FROM event_entities").fetchone()[0] == 0


def test_event_interval_is_stored_for_range_queries(stores):
    store = stores.new()
    store.save(works())
    rows = store.conn.execute("SELECT date, lo, hi FROM events WHERE date = '1956'").fetchall()
    assert [tuple(r) for r in rows] == [("1956", "1956-01-01", "1956-12-31")]
