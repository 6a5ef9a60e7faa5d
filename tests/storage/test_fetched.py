"""Fetch state in the stores (SQLite and PostgreSQL): validators across runs, feed entries seen."""

from __future__ import annotations

import hashlib

from dateline.config import Config
from dateline.ingest.fetch import Fetched, Fetcher
from dateline.storage.fetched import SQLiteFetchState
from dateline.storage.migrations import MIGRATIONS
from dateline.storage.sqlite import SQLiteStore
from tests.ingest.local_site import PAGE, serve


def test_sqlite_fetching_migration_makes_the_tables(tmp_path):
    assert any("fetching" in name for _, name, _ in MIGRATIONS)
    store = SQLiteStore(str(tmp_path / "x.db"), create=True)
    tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"fetched", "feed_items"} <= tables
    assert store.schema_version() == max(v for v, _, _ in MIGRATIONS)
    store.close()


def test_validators_are_remembered_and_replaced(stores):
    store = stores.new()
    state = store.fetch_state()
    assert state.validators("https://x.example/a") == (None, None)
    got = Fetched(url="https://x.example/b", requested="https://x.example/a", status=200,
                  content=b"body", content_type="text/html", charset=None, etag='"1"',
                  last_modified=None)
    state.remember(got)
    assert state.validators("https://x.example/a") == ('"1"', None)
    state.remember(Fetched(**{**got.__dict__, "etag": None, "last_modified": "Thu, 07 Nov 2019"}))
    assert state.validators("https://x.example/a") == (None, "Thu, 07 Nov 2019")
    row = state.last("https://x.example/a")
    assert row is not None
    assert row["final_url"] == "https://x.example/b" and row["status"] == 200
    assert row["content_hash"] == hashlib.sha256(b"body").hexdigest()


def test_a_second_run_gets_a_304_through_the_store(stores):
    config = Config(fetch_delay=0, fetch_timeout=2)
    with serve() as site:
        first = store = stores.new()
        with Fetcher(config=config, state=store.fetch_state()) as fetcher:
            assert fetcher.fetch(site.url("/etag")).content == PAGE
        store.close()
        store = stores.reopen(first)  # another run
        with Fetcher(config=config, state=store.fetch_state()) as fetcher:
            (again,) = fetcher.fetch_many([site.url("/etag")])
        assert isinstance(again, Fetched) and again.not_modified and again.content == b""
        assert SQLiteFetchState(store.conn).validators(site.url("/etag"))[0] == '"v1"'
        store.close()
    assert [h.headers.get("If-None-Match") for h in site.hits if h.path == "/etag"] == [None, '"v1"']


def test_feed_items_seen_new_or_changed(stores):
    store = stores.new()
    feed = "https://x.example/feed.xml"
    assert not store.seen_feed_item(feed, "guid-1", "h1")
    store.remember_feed_item(feed, "guid-1", link="https://x.example/1", content_hash="h1")
    assert store.seen_feed_item(feed, "guid-1", "h1")
    assert not store.seen_feed_item(feed, "guid-1", "h2")  # changed
    assert not store.seen_feed_item("https://other.example/feed", "guid-1", "h1")  # per feed
    store.remember_feed_item(feed, "guid-1", link=None, content_hash="h2")
    assert store.seen_feed_item(feed, "guid-1", "h2")
    assert store.conn.execute("SELECT COUNT(*) FROM feed_items").fetchone()[0] == 1
