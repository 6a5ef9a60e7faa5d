"""The stores (SQLite and PostgreSQL alike): migrations, atomic batches, updates, search,
errors. Tests of SQLite's own files say so in their names."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.errors import StoreError
from dateline.records import Article, Dateline, Entity, Mention, Work
from dateline.storage import open_store
from dateline.storage.migrations import MIGRATIONS
from dateline.storage.sqlite import SQLiteStore


def work(i: int, text: str = "Shinzo Abe met Vladimir Putin in Osaka.", **kw) -> Work:
    a = Article(id=f"a{i}", title=f"Title {i}", published=dt.date(2019, 6, i), source="X",
                url=None, text=text, **kw)  # fmt: skip
    abe = Entity(id="e1", name="Shinzo Abe", type="PERSON", key="shinzo abe",
                 roles=("Prime Minister",), affiliation="Japan",
                 mentions=(Mention(0, 10, "Shinzo Abe"),))  # fmt: skip
    return Work(article=a, entities=[abe], dateline=Dateline(0, 0, "", None, None, None))


def test_migrations_are_recorded_and_applied_once(stores):
    first = stores.new()
    first.close()
    store = stores.reopen(first)
    rows = store.conn.execute("SELECT version, name FROM schema_migrations ORDER BY version")
    assert [tuple(r) for r in rows] == [(v, name) for v, name, _ in MIGRATIONS]
    if stores.kind == "sqlite":
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_newer_schema_is_refused(stores):
    store = stores.new()
    store.conn.execute("INSERT INTO schema_migrations VALUES (999, 'future', 'x')")
    store.close()
    with pytest.raises(StoreError) as exc:
        stores.reopen(store)
    assert exc.value.code == "DL304"
    assert "999" in exc.value.message and "\n" not in str(exc.value)


def test_sqlite_missing_and_foreign_files_are_clear_errors(tmp_path):
    with pytest.raises(StoreError) as exc:
        open_store(str(tmp_path / "missing.db"))
    assert exc.value.code == "DL301"
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError) as exc:
        open_store(str(junk))
    assert exc.value.code == "DL302"


def test_sqlite_url_forms(tmp_path):
    store = open_store(f"sqlite:///{tmp_path}/u.db", create=True)
    assert isinstance(store, SQLiteStore)
    store.close()
    assert (tmp_path / "u.db").exists()


def test_batch_is_atomic(stores):
    store = stores.new()
    bad = work(2)
    bad.entities = [None]  # type: ignore[list-item]  (breaks mid-batch)
    with pytest.raises(AttributeError):
        store.save([work(1), bad])
    assert store.summary()["articles"] == 0
    store.save([work(1), work(2)])
    assert store.summary()["articles"] == 2


def test_resave_replaces_without_duplicates(stores):
    store = stores.new()
    store.save([work(1)])
    store.save([work(1, text="Shinzo Abe met the press.")])
    c = store.conn
    assert c.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 1
    assert c.execute("SELECT COUNT(*) FROM mentions").fetchone()[0] == 1
    assert c.execute("SELECT COUNT(*) FROM entities").fetchone()[0] == 1
    assert store.search("press")[0]["id"] == "a1"
    assert store.search("Putin") == []  # FTS follows the update


def test_global_entity_table_merges_across_articles(stores):
    store = stores.new()
    store.save([work(1), work(2), work(3)])
    (abe,) = store.entities(type="person")
    assert abe["name"] == "Shinzo Abe" and abe["articles"] == 3
    assert abe["roles"] == [{"role": "Prime Minister", "affiliation": "Japan", "articles": 3}]


def test_search_filters_and_snippets(stores):
    store = stores.new()
    store.save([work(1), work(5, text="Shinzo Abe spoke about the peace treaty.")])
    hits = store.search('"peace treaty"')
    assert [h["id"] for h in hits] == ["a5"] and "\x02" in hits[0]["snippet"]
    assert [h["id"] for h in store.search("Abe", start=dt.date(2019, 6, 2))] == ["a5"]
    assert len(store.search("Abe", entity="Abe")) == 2
    assert store.search("Abe", entity="Nobody") == []
    assert store.search('unbalanced " AND OR (') == []  # user syntax never raises


def test_get_article_round_trips_the_contract(stores):
    store = stores.new()
    store.save([work(1)])
    a = store.get_article("a1")
    assert a["entities"][0]["mentions"][0] == {
        "start": 0, "end": 10, "text": "Shinzo Abe", "kind": "name", "role": None,
    }  # fmt: skip
    assert a["entities"][0]["roles"] == ["Prime Minister"]
    with pytest.raises(StoreError):
        store.get_article("zzz")
