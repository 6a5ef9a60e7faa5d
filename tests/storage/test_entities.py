"""Global entities: incremental cross-article linking, records, corrections, migration 6
(SQLite and PostgreSQL; the migration of an old SQLite file is SQLite's own)."""

from __future__ import annotations

import datetime as dt
import itertools
import sqlite3

import pytest

from dateline.errors import StoreError
from dateline.records import Article, Entity, Mention, Quote, Speaker, Work
from dateline.storage.migrations import MIGRATIONS
from dateline.storage.sql import statements
from dateline.storage.sql_store import SQLStore
from dateline.storage.sqlite import SQLiteStore


def ent(eid: str, name: str, type_: str = "PERSON", *aliases: str, roles=(), aff=None) -> Entity:
    """An article entity named ``name``, also mentioned by ``aliases``."""
    mentions = [Mention(0, len(name), name)]
    mentions += [Mention(0, len(a), a, "alias") for a in aliases]
    return Entity(id=eid, name=name, type=type_, key=name.casefold(), roles=tuple(roles),
                  affiliation=aff, mentions=tuple(mentions))  # fmt: skip


def article(aid: str, day: int, *entities: Entity, quotes: tuple[Quote, ...] = ()) -> Work:
    a = Article(id=aid, title=aid, published=dt.date(2020, 1, day), source=None, url=None,
                text="x" * 40)  # fmt: skip
    return Work(article=a, entities=list(entities), quotes=list(quotes))


@pytest.fixture()
def store(stores):
    return stores.new()


def gid(store: SQLStore, aid: str, local: str) -> int:
    return store.conn.execute(
        "SELECT ae.entity_id FROM article_entities ae JOIN articles a ON a.pk = ae.article_pk"
        " WHERE a.id = ? AND ae.local_id = ?", (aid, local)).fetchone()[0]  # fmt: skip


# (earlier article's entity, later article's entity, one entity?)
LINKS = [
    (ent("e1", "Advanced Micro Devices Inc.", "ORG"), ent("e1", "AMD", "ORG"), True),
    (ent("e1", "Hewlett-Packard Co.", "ORG"), ent("e1", "Hewlett-Packard", "ORG"), True),
    (ent("e1", "U.S. Geological Survey", "ORG"), ent("e1", "USGS", "ORG"), True),
    (ent("e1", "U.S. Geological Survey", "ORG"), ent("e1", "US Geological Survey", "ORG"), True),
    (ent("e1", "Apple Inc.", "ORG"), ent("e1", "Apple", "ORG"), True),
    (ent("e1", "Volodymyr Zelensky"), ent("e1", "Volodymyr Zelenskyy"), True),
    (ent("e1", "Twitter", "ORG"), ent("e1", "Twitter", "PERSON"), True),  # type is no key
    (ent("e1", "Shinzo Abe", "PERSON", "Abe", roles=("Prime Minister",)),
     ent("e1", "Abe", "PERSON", roles=("Prime Minister",)), True),
    (ent("e1", "Scott Peterson"), ent("e1", "Laci Peterson"), False),
    (ent("e1", "Jordan", "GPE"), ent("e1", "Michael Jordan"), False),
    (ent("e1", "Ford Motor Co.", "ORG"), ent("e1", "William Clay Ford Jr."), False),
    (ent("e1", "World Health Organization", "ORG"), ent("e1", "Women's Hockey Org", "ORG"), False),
    (ent("e1", "Women in Nevada", "ORG"), ent("e1", "WN", "ORG"), False),  # 2 letters, no support
    # a short name of a person the article names in full is not another person's part
    (ent("e1", "Esther Williams", "PERSON", "Williams"), ent("e1", "Jamal Williams", "PERSON", "Williams"), False),
    # a body's one-word name is not a person's surname on one article's evidence
    (ent("e1", "Wladimir Klitschko"), ent("e1", "Klitschko", "NORP"), False),
]


@pytest.mark.parametrize(("full", "short"), [
    (ent("e1", "Wladimir Klitschko"), ent("e1", "Klitschko", "NORP")),
    (ent("e1", "Mark Teixeira"), ent("e1", "Teixeira", "ORG")),
])  # fmt: skip
def test_a_bare_surname_spacy_mislabels_links_to_the_person_known_by_it(store, full, short):
    # spaCy labels a lone surname ORG or NORP; a person the store knows from two articles is meant.
    store.save([article("a1", 1, full), article("a2", 2, full), article("a3", 3, short)])
    assert gid(store, "a3", "e1") == gid(store, "a1", "e1")


def test_a_stray_surname_entity_yields_to_the_person(stores):
    # "Teixeira" came first, alone (ORG); then the full name in several articles:
    # a later bare "Teixeira" (PERSON) goes to the person, not to the stray.
    s = stores.new()
    s.save([article("a1", 1, ent("e1", "Teixeira", "ORG"))])
    s.save([article(f"b{n}", 2 + n, ent("e1", "Mark Teixeira")) for n in range(3)])
    s.save([article("c1", 9, ent("e1", "Teixeira"))])
    assert gid(s, "c1", "e1") == gid(s, "b0", "e1") != gid(s, "a1", "e1")
    s.close()


@pytest.mark.parametrize(("first", "second", "same"), LINKS,
                         ids=[f"{a.name}~{b.name}" for a, b, _ in LINKS])  # fmt: skip
def test_names_link_across_articles(store, first, second, same):
    store.save([article("a1", 1, first), article("a2", 2, second)])
    assert (gid(store, "a1", "e1") == gid(store, "a2", "e1")) is same


def test_a_surname_shared_by_two_people_stays_apart(store):
    store.save([article("a1", 1, ent("e1", "Scott Peterson"), ent("e2", "Laci Peterson")),
                article("a2", 2, ent("e1", "Peterson"))])  # fmt: skip
    alone = gid(store, "a2", "e1")
    assert alone not in (gid(store, "a1", "e1"), gid(store, "a1", "e2"))


def test_a_surname_links_to_the_person_it_is_used_for(store):
    store.save([
        article("a1", 1, ent("e1", "Scott Peterson", "PERSON", "Peterson"), ent("e2", "Laci Peterson")),
        article("a2", 2, ent("e1", "Scott Peterson", "PERSON", "Peterson")),
        article("a3", 3, ent("e1", "Peterson")),
    ])  # fmt: skip
    assert gid(store, "a3", "e1") == gid(store, "a1", "e1")


def test_a_surname_with_one_candidate_links_with_context(store):
    store.save([article("a1", 1, ent("e1", "Boris Johnson"), ent("e2", "Downing Street", "FAC")),
                article("a2", 2, ent("e1", "Downing Street", "FAC"), ent("e2", "Johnson"))])
    assert gid(store, "a2", "e2") == gid(store, "a1", "e1")


def test_the_canonical_name_is_the_fullest_and_records_gather_everything(store):
    store.save([
        article("a1", 1, ent("e1", "AMD", "ORG")),
        article("a2", 2, ent("e1", "Advanced Micro Devices", "ORG", "AMD")),
        article("a3", 3, ent("e1", "Advanced Micro Devices", "PRODUCT")),
    ])  # fmt: skip
    record = store.entity("AMD")
    assert record["name"] == "Advanced Micro Devices"
    assert record["type"] == "ORG" and record["type_votes"] == {"ORG": 3, "PRODUCT": 1}
    assert {a["name"]: a["count"] for a in record["aliases"]} == {
        "AMD": 2, "Advanced Micro Devices": 2}
    assert (record["first_seen"], record["last_seen"]) == ("2020-01-01", "2020-01-03")
    assert record["articles"] == 3
    assert store.entities(name="Advanced Micro Devices")[0]["id"] == record["id"]


def test_roles_carry_the_dates_they_were_held(store):
    store.save([article("a1", 5, ent("e1", "Shinzo Abe", roles=("Prime Minister",), aff="Japan")),
                article("a2", 9, ent("e1", "Shinzo Abe", roles=("Prime Minister",), aff="Japan"))])
    (role,) = store.entity("Shinzo Abe")["roles"]
    assert role == {"role": "Prime Minister", "affiliation": "Japan", "articles": 2,
                    "first": "2020-01-05", "last": "2020-01-09"}  # fmt: skip


CORPUS = [
    article("c1", 1, ent("e1", "Scott Peterson", "PERSON", "Peterson"), ent("e2", "Laci Peterson")),
    article("c2", 2, ent("e1", "Advanced Micro Devices", "ORG"), ent("e2", "ATI Technologies", "ORG")),
    article("c3", 3, ent("e1", "AMD", "ORG"), ent("e2", "ATI", "ORG")),
    article("c4", 4, ent("e1", "Hewlett-Packard", "ORG"), ent("e2", "Mark Hurd")),
    article("c5", 5, ent("e1", "HP", "ORG", "Hewlett-Packard"), ent("e2", "Hurd")),
    article("c6", 6, ent("e1", "Apple Inc.", "ORG"), ent("e2", "Steve Jobs")),
    article("c7", 7, ent("e1", "Apple", "ORG"), ent("e2", "Jobs"), ent("e3", "Scott Peterson")),
]


def clusters(store: SQLStore) -> set[frozenset[tuple[str, str]]]:
    groups: dict[int, set[tuple[str, str]]] = {}
    for aid, local, entity_id in store.conn.execute(
        "SELECT a.id, ae.local_id, ae.entity_id FROM article_entities ae"
        " JOIN articles a ON a.pk = ae.article_pk"
    ):
        groups.setdefault(entity_id, set()).add((aid, local))
    return {frozenset(g) for g in groups.values()}


def test_linking_does_not_depend_on_the_order_of_ingest(stores):
    results = []
    for order in (CORPUS, CORPUS[::-1], [CORPUS[i] for i in (3, 0, 6, 2, 5, 1, 4)]):
        store = stores.new()
        for work in order:
            store.save([work])
        results.append(clusters(store))
        store.close()
    assert results[0] == results[1] == results[2]
    assert frozenset({("c2", "e1"), ("c3", "e1")}) in results[0]  # AMD
    assert frozenset({("c4", "e1"), ("c5", "e1")}) in results[0]  # HP


def test_reingest_keeps_counts_and_identity(store):
    store.save([article("a1", 1, ent("e1", "Shinzo Abe")), article("a2", 2, ent("e1", "Abe"))])
    before = store.entity("Shinzo Abe")
    store.save([article("a1", 1, ent("e1", "Shinzo Abe"))])  # the same article again
    after = store.entity("Shinzo Abe")
    assert (after["id"], after["articles"], after["mentions"]) == (
        before["id"], before["articles"], before["mentions"])


def test_merge_moves_everything_and_applies_to_later_articles(store):
    quote = Quote(0, 5, "Peace", "direct", ((0, 5),), speaker=Speaker(0, 3, "UNO", "e1"))
    store.save([article("a1", 1, ent("e1", "United Nations", "ORG")),
                article("a2", 2, ent("e1", "UNO", "ORG"), quotes=(quote,))])  # fmt: skip
    un, uno = gid(store, "a1", "e1"), gid(store, "a2", "e1")
    assert un != uno
    store.merge_entities(un, [uno])
    assert gid(store, "a2", "e1") == un
    assert store.entity(str(uno))["id"] == un  # the old id still finds it
    assert [q["speaker"]["entity_id"] for q in store.quotes(speaker="United Nations")] == [un]
    store.save([article("a3", 3, ent("e1", "UNO", "ORG"))])
    assert gid(store, "a3", "e1") == un
    assert store.entity(un)["articles"] == 3


def test_merge_sums_the_pairs_seen_together(store):
    store.save([article("a1", 1, ent("e1", "United Nations", "ORG"), ent("e2", "Geneva", "GPE")),
                article("a2", 2, ent("e1", "UNO", "ORG"), ent("e2", "Geneva", "GPE")),
                article("a3", 3, ent("e1", "United Nations", "ORG"), ent("e2", "UNO", "ORG"))])  # fmt: skip
    un, uno, geneva = gid(store, "a1", "e1"), gid(store, "a2", "e1"), gid(store, "a1", "e2")
    assert len({un, uno, geneva}) == 3
    store.merge_entities(un, [uno])
    pairs = {(r[0], r[1]): r[2] for r in store.conn.execute("SELECT a, b, n FROM entity_cooc")}
    assert pairs[(un, geneva)] == pairs[(geneva, un)] == 2
    assert not [p for p in pairs if uno in p or p[0] == p[1]]


def test_a_merge_reads_only_the_pairs_it_moves():
    # entity_cooc grows as entities squared: a merge must find its pairs by index.
    c = SQLiteStore(":memory:", create=True).conn
    for sql in ("DELETE FROM entity_cooc WHERE a = ?", "DELETE FROM entity_cooc WHERE b = ?",
                "SELECT a, b, n FROM entity_cooc WHERE b = ? AND a <> b"):  # fmt: skip
        plan = " ".join(r[3] for r in c.execute("EXPLAIN QUERY PLAN " + sql, (1,)))
        assert plan.startswith("SEARCH"), (sql, plan)


def test_split_moves_the_alias_and_keeps_it_apart(store):
    store.save([article("a1", 1, ent("e1", "Peterson")),
                article("a2", 2, ent("e1", "Peterson"))])  # fmt: skip
    old = gid(store, "a1", "e1")
    store.alias_entity(old, "Scott Peterson")
    store.save([article("a3", 3, ent("e1", "Scott Peterson"))])
    assert gid(store, "a3", "e1") == old
    new = store.split_entity(old, "Peterson")
    assert gid(store, "a1", "e1") == gid(store, "a2", "e1") == new != old
    store.save([article("a4", 4, ent("e1", "Peterson")), article("a1", 1, ent("e1", "Peterson"))])
    assert gid(store, "a4", "e1") == gid(store, "a1", "e1") == new
    with pytest.raises(StoreError) as exc:
        store.split_entity(old, "Nobody")
    assert exc.value.code == "DL307"


def test_rename_survives_later_articles(store):
    store.save([article("a1", 1, ent("e1", "Abe"))])
    abe = gid(store, "a1", "e1")
    store.rename_entity(abe, "Shinzo Abe (politician)")
    store.save([article("a2", 2, ent("e1", "Shinzo Abe", "PERSON", "Abe"))])
    assert gid(store, "a2", "e1") == abe
    assert store.entity(abe)["name"] == "Shinzo Abe (politician)"
    with pytest.raises(StoreError) as exc:
        store.rename_entity(9999, "x")
    assert exc.value.code == "DL306"


def test_a_sqlite_database_of_the_old_identity_is_migrated(tmp_path):
    db = tmp_path / "v5.db"
    with sqlite3.connect(db) as c:  # as the release before identity left it
        c.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY,"
                  " name TEXT NOT NULL, applied_at TEXT NOT NULL)")  # fmt: skip
        for version, name, sql in MIGRATIONS[:5]:
            assert isinstance(sql, str)
            for statement in statements(sql):
                c.execute(statement)
            c.execute("INSERT INTO schema_migrations VALUES (?, ?, 'then')", (version, name))
        c.execute("INSERT INTO articles (pk, id, text, content_hash, published, ingested_at)"
                  " VALUES (1, 'old', 'Twitter said. Twitter agreed.', 'h', '2019-01-01', 'then')")
        c.executemany("INSERT INTO entities (id, key, type, name) VALUES (?, ?, ?, ?)",
                      [(1, "twitter", "ORG", "Twitter"), (2, "twitter", "PERSON", "Twitter")])
        c.executemany("INSERT INTO article_entities VALUES (1, ?, ?, 'Twitter', NULL)",
                      [("e1", 1), ("e2", 2)])
        c.executemany("INSERT INTO mentions (article_pk, entity_id, local_id, start, \"end\","
                      " text, kind) VALUES (1, ?, ?, ?, ?, 'Twitter', 'name')",
                      [(1, "e1", 0, 7), (2, "e2", 14, 21)])
        c.execute("INSERT INTO quotes (article_pk, seq, start, \"end\", text, kind, fragments,"
                  " speaker_start, speaker_end, speaker_text, speaker_local, speaker_entity,"
                  " confidence) VALUES (1, 0, 0, 7, 'said', 'indirect', '[]', 14, 21, 'Twitter',"
                  " 'e2', 2, 1.0)")
    store = SQLiteStore(str(db))
    assert store.schema_version() == max(v for v, _, _ in MIGRATIONS) >= 6
    c = store.conn
    assert c.execute("SELECT COUNT(*) FROM mentions").fetchone()[0] == 2
    orphans = c.execute("SELECT COUNT(*) FROM mentions m LEFT JOIN entities e"
                        " ON e.id = m.entity_id WHERE e.id IS NULL").fetchone()[0]
    assert orphans == 0
    assert {r[0] for r in c.execute("SELECT entity_id FROM mentions")} == {1}
    assert c.execute("SELECT speaker_entity FROM quotes").fetchone()[0] == 1
    record = store.entity("Twitter")
    assert record["articles"] == 2 and record["mentions"] == 2
    assert store.get_article("old")["quotes"][0]["speaker"]["entity"] == "e2"
    store.save([article("new", 3, ent("e1", "Twitter", "ORG"))])  # links to the migrated entity
    assert gid(store, "new", "e1") == 1
    store.close()


def test_linking_work_is_bounded_by_candidates_not_store_size(store):
    names = (f"{a} {b}" for a, b in itertools.product(
        ["Anna", "Boris", "Carla", "Dmitri", "Elena", "Farid"] * 1, ["Novak", "Smith", "Ito"] * 1))
    store.save([article(f"f{i}", 1, ent("e1", name)) for i, name in enumerate(names)])
    hits = store.conn.execute("SELECT COUNT(*) FROM entity_keys WHERE key = 'w:smith'").fetchone()
    assert hits[0] == 6  # six Smiths are candidates: the bare surname stays ambiguous
    store.save([article("probe", 2, ent("e1", "Smith"))])
    assert gid(store, "probe", "e1") not in {gid(store, f"f{i}", "e1") for i in range(18)}
