"""Duplicate groups in the store: formed at save, kept right on re-ingest and delete, shown
once in search. Real SQLite and PostgreSQL, real sample texts, no spaCy (articles stored
without facts)."""

from __future__ import annotations

import dataclasses
import random
import sqlite3

import pytest

from dateline.evaluation.dupes import reprint, sample_articles
from dateline.records import Article, Work
from dateline.storage.browse import list_articles
from dateline.storage.sql_store import SQLStore
from dateline.storage.sqlite import SQLiteStore
from tests.storage.old_schema import migrate_to


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return sample_articles()[:40]


def copy_of(a: Article, *, tag: str, source: str, seed: int = 1) -> Article:
    """An edited reprint of ``a`` stored as another outlet's article."""
    doc = reprint(a, random.Random(seed), tag=tag)
    return Article(f"{a.id}-{tag}", doc.title, a.published, source, f"https://{tag}/x", doc.text)


def group(store: SQLStore, article_id: str) -> int:
    row = store.conn.execute("SELECT pk, dup_group FROM articles WHERE id = ?", (article_id,))
    return int(row.fetchone()[1])


def pk(store: SQLStore, article_id: str) -> int:
    return int(store.conn.execute("SELECT pk FROM articles WHERE id = ?", (article_id,)).fetchone()[0])


@pytest.fixture()
def store(articles, stores) -> SQLStore:
    s = stores.new()
    s.save([Work(article=dataclasses.replace(a, source="Wikinews")) for a in articles])
    return s


def test_reprints_join_the_original_group_and_others_stay_alone(store, articles):
    a, b = articles[3], articles[7]
    store.save([Work(article=copy_of(a, tag="ap", source="AP")),
                Work(article=copy_of(a, tag="afp", source="AFP", seed=2))])  # fmt: skip
    assert group(store, f"{a.id}-ap") == group(store, f"{a.id}-afp") == pk(store, a.id)
    assert group(store, b.id) == pk(store, b.id)
    alone = store.conn.execute("SELECT COUNT(*) FROM articles WHERE dup_group = pk").fetchone()[0]
    assert alone == len(articles)  # the copies are the only articles not first in a group


def test_a_changed_reingest_leaves_its_group(store, articles):
    a, other = articles[5], articles[9]
    copy = copy_of(a, tag="ap", source="AP")
    store.save([Work(article=copy)])
    assert group(store, copy.id) == pk(store, a.id)
    changed = dataclasses.replace(copy, text=other.text + "\n\nCopyright AP.")
    store.save([Work(article=changed)])  # same id, another story's text
    assert group(store, copy.id) == pk(store, other.id)
    store.save([Work(article=dataclasses.replace(copy, text="Brief: nothing else."))])
    assert group(store, copy.id) == pk(store, copy.id)  # too short to group: alone


def test_deleting_the_first_article_keeps_the_others_together(store, articles):
    a = articles[2]
    store.save([Work(article=copy_of(a, tag="ap", source="AP")),
                Work(article=copy_of(a, tag="afp", source="AFP", seed=2))])  # fmt: skip
    first = pk(store, a.id)
    store.conn.execute("DELETE FROM articles WHERE pk = ?", (first,))
    assert group(store, f"{a.id}-ap") == group(store, f"{a.id}-afp") == first
    left = store.conn.execute("SELECT COUNT(*) FROM dup_bands WHERE article_pk = ?", (first,))
    assert left.fetchone()[0] == 0  # its bands went with it


def test_search_shows_a_group_once_reported_by_its_outlets(store, articles):
    a = articles[4]
    store.save([Work(article=copy_of(a, tag="ap", source="AP")),
                Work(article=copy_of(a, tag="afp", source="AFP", seed=2)),
                Work(article=copy_of(a, tag="ap2", source="AP", seed=3))])  # fmt: skip
    query = " ".join(sorted((w for w in (a.title or "").split() if w.isalpha()), key=len)[-2:])
    rows = store.search(query, limit=50)
    ids = [r["id"] for r in rows]
    mine = [r for r in rows if r["id"].startswith(a.id)]
    assert len(mine) == 1, ids
    assert mine[0]["outlets"] == 3  # Wikinews, AP, AFP: four copies, three outlets
    assert {c["id"] for c in mine[0]["copies"]} | {mine[0]["id"]} == {
        a.id, f"{a.id}-ap", f"{a.id}-afp", f"{a.id}-ap2"
    }
    assert all(set(c) == {"id", "source", "url", "published"} for c in mine[0]["copies"])
    others = [r for r in rows if not r["id"].startswith(a.id)]
    assert all(r["outlets"] == 1 and r["copies"] == [] for r in others)


def test_pages_count_groups_and_do_not_repeat_a_story(store, articles):
    a = articles[6]
    copies = [copy_of(a, tag=f"o{i}", source=f"Outlet {i}", seed=i) for i in range(5)]
    store.save([Work(article=c) for c in copies])
    everything = list_articles(store.conn, limit=200)
    assert everything["total"] == len(articles)  # 45 articles, 40 stories
    assert len(everything["items"]) == len(articles)
    seen = []
    for offset in range(0, len(articles), 7):
        seen += [i["id"] for i in list_articles(store.conn, limit=7, offset=offset)["items"]]
    assert len(seen) == len(set(seen)) == len(articles)
    word = max((a.title or "").split(), key=len)
    found = list_articles(store.conn, q=word, limit=20, facets=True)
    assert sum(i["id"].startswith(a.id) for i in found["items"]) == 1
    assert found["total"] == len(found["items"])


def test_undated_and_sourceless_copies_count_as_outlets(articles, stores):
    s = stores.new()
    a = dataclasses.replace(articles[0], published=None, source=None)
    s.save([Work(article=a), Work(article=copy_of(a, tag="x", source=""))])
    (row,) = [r for r in s.search(limit=10)]
    assert row["outlets"] == 2 and len(row["copies"]) == 1
    assert row["published"] is None or isinstance(row["published"], str)


def test_the_dedup_migration_groups_the_articles_of_an_older_sqlite_database(tmp_path, articles):
    db = tmp_path / "v7.db"
    a, b = articles[1], articles[8]
    rows = [(a.id, a.text), (b.id, b.text), ("reprint", copy_of(a, tag="ap", source="AP").text)]
    with sqlite3.connect(db) as c:  # a database as migration 7 left it
        migrate_to(c, 7)
        c.executemany("INSERT INTO articles (id, text, content_hash, ingested_at)"
                      " VALUES (?, ?, 'h', 'then')", rows)  # fmt: skip
    store = SQLiteStore(str(db))
    assert store.schema_version() >= 10
    assert group(store, "reprint") == group(store, a.id) == pk(store, a.id)
    assert group(store, b.id) == pk(store, b.id)
    store.conn.execute("UPDATE articles SET dup_group = dup_group WHERE pk = 1")
    store.conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
