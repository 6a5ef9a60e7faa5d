"""What only the PostgreSQL store has: several writing processes, the pool, its URLs and
errors, its migrations and its query plans. (Everything a store does is tested on both
stores by the other modules here.)"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import random
import sys
import threading

import pytest

from dateline.errors import ConfigError, StoreError
from dateline.records import Article, Entity, Mention, Quote, Speaker, Work
from dateline.storage import open_store
from dateline.storage.migrations import MIGRATIONS
from dateline.storage.pg_migrations import POSTGRES_MIGRATIONS
from dateline.storage.pg_sql import translate
from dateline.storage.postgres import redact
from tests.storage.test_browse import CORPUS

PEOPLE = ["Shinzo Abe", "Vladimir Putin", "Angela Merkel", "Emmanuel Macron", "Xi Jinping"]
PLACES = ["Tokyo", "Moscow", "Berlin", "Paris", "Beijing"]


def busy_article(i: int) -> Work:
    """Article ``c{i}``: two of the people and a place, a quote; the same for every writer."""
    a, b, place = PEOPLE[i % 5], PEOPLE[(i + 2) % 5], PLACES[(i * 3) % 5]
    text = f"{a} met {b} in {place} on day {i}. {a.split()[-1]} said talks went well."
    spans = [(text.index(a), a), (text.index(b), b), (text.index(place), place)]
    entities = [
        Entity(f"e{n}", name, "PERSON" if name in PEOPLE else "GPE", name.casefold(),
               mentions=(Mention(start, start + len(name), name),))
        for n, (start, name) in enumerate(spans, 1)
    ]  # fmt: skip
    said = text.index("talks went well")
    quote = Quote(said, said + 15, "talks went well", "indirect", ((said, said + 15),),
                  speaker=Speaker(0, len(a), a, "e1"), confidence=0.8)  # fmt: skip
    day = dt.date(2021, 1, 1) + dt.timedelta(days=i % 20)
    art = Article(f"c{i}", f"Talks {i}", day, "Wire", None, text)
    return Work(article=art, entities=entities, quotes=[quote])


def write_overlapping(url: str, seed: int, ids: list[int]) -> None:
    """One writing process: open the (perhaps unmigrated) database, save ``ids`` in small
    batches in its own order, cluster stories after each batch, as ``dateline ingest`` does."""
    order = list(ids)
    random.Random(seed).shuffle(order)
    store = open_store(url, create=True)
    try:
        for at in range(0, len(order), 4):
            store.save([busy_article(i) for i in order[at : at + 4]])
            store.update_stories()
    finally:
        store.close()


def test_writers_in_several_processes_lose_and_duplicate_nothing(pg_server):
    url = pg_server.new_database(migrated=False)  # they race to migrate it too
    try:
        spans = [range(0, 30), range(10, 40), range(20, 50)]  # each article saved by 1-2
        ctx = multiprocessing.get_context("spawn")
        procs = [ctx.Process(target=write_overlapping, args=(url, n, list(span)))
                 for n, span in enumerate(spans)]  # fmt: skip
        for p in procs:
            p.start()
        for p in procs:
            p.join(120)
        assert [p.exitcode for p in procs] == [0, 0, 0]
        store = open_store(url)
        c = store.conn  # type: ignore[attr-defined]
        one = lambda sql: c.execute(sql).fetchone()[0]  # noqa: E731
        assert one("SELECT COUNT(*) FROM articles") == one("SELECT COUNT(DISTINCT id) FROM articles") == 50
        assert one("SELECT COUNT(*) FROM schema_migrations") == len(MIGRATIONS)
        # One entity per name, its counts those of the articles naming it now.
        live = c.execute("SELECT name, articles FROM entities WHERE merged_into IS NULL"
                         " AND articles > 0 ORDER BY name").fetchall()  # fmt: skip
        assert sorted(r[0] for r in live) == sorted(PEOPLE + PLACES)
        per_name = {r[0]: r[1] for r in live}
        for name in PEOPLE + PLACES:
            named = sum(name in busy_article(i).article.text for i in range(50))
            assert per_name[name] == named, name
        assert one("SELECT COUNT(*) FROM article_entities") == 150
        assert one("SELECT COUNT(*) FROM mentions") == 150
        assert one("SELECT COUNT(*) FROM quotes") == 50
        # Every article is clustered once, and the story sizes add up.
        assert one("SELECT COUNT(*) FROM story_members") == 50
        assert one("SELECT SUM(size) FROM stories") == 50
        assert one("SELECT df FROM term_df WHERE term = ''") == 50
        assert one("SELECT COUNT(*) FROM articles WHERE tsv @@ dl_match('\"talks\"')") == 50
        store.close()
    finally:
        pg_server.drop_database(url)


def test_threads_share_the_pool(pg_server):
    url = pg_server.new_database()
    seed = open_store(url)
    seed.save(CORPUS)
    seed.close()
    errors: list[BaseException] = []

    def read() -> None:
        try:
            for _ in range(5):
                store = open_store(url)
                try:
                    assert [h["id"] for h in store.search("treaty")][0] == "a5"
                finally:
                    store.close()
        except BaseException as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)

    threads = [threading.Thread(target=read) for _ in range(8)]  # twice the pool's size
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    pg_server.release(url)


def test_an_unreachable_server_is_one_line_without_the_password():
    with pytest.raises(StoreError) as exc:
        open_store("postgresql://news:s3cret@127.0.0.1:1/dateline")
    assert exc.value.code == "DL309"
    message = str(exc.value)
    assert "news@127.0.0.1:1/dateline" in message and "s3cret" not in message
    assert "\n" not in message and "refused" in message.lower()


def test_without_psycopg_a_postgres_url_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "dateline.storage.pg_store", None)  # as if not installed
    with pytest.raises(ConfigError) as exc:
        open_store("postgres://u:p@db.example/news")
    assert exc.value.code == "DL214" and "dateline[postgres]" in exc.value.message
    assert "postgresql://u@db.example/news" in exc.value.message


def test_a_database_without_a_store_is_missing_unless_created(pg_server):
    url = pg_server.new_database(migrated=False)
    try:
        with pytest.raises(StoreError) as exc:
            open_store(url)
        assert exc.value.code == "DL301" and "postgresql://postgres@" in exc.value.message
        for form in (url, url.replace("postgresql://", "postgres://", 1)):
            store = open_store(form, create=True)
            assert type(store).__name__ == "PostgresStore"
            assert store.schema_version() == max(v for v, _, _ in MIGRATIONS)  # type: ignore[attr-defined]
            store.close()
    finally:
        pg_server.drop_database(url)


def test_every_migration_has_its_postgresql_form():
    assert sorted(POSTGRES_MIGRATIONS) == [v for v, _, _ in MIGRATIONS]


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://u:p@h:5432/db", "postgresql://u@h:5432/db"),
        ("postgresql://h/db?password=p&application_name=x", "postgresql://h/db?application_name=x"),
        ("postgresql:///db", "postgresql:///db"),
    ],
)
def test_urls_are_shown_without_passwords(url, shown):
    assert redact(url) == shown


@pytest.mark.parametrize(
    ("sql", "postgres"),
    [
        ("SELECT a FROM t WHERE b = '?' AND c = ?", "SELECT a FROM t WHERE b = '?' AND c = %s"),
        ("SELECT x FROM t ORDER BY x DESC, y LIMIT ?",
         "SELECT x FROM t ORDER BY x DESC NULLS LAST, y NULLS FIRST LIMIT %s"),
        ("SELECT (SELECT 1 FROM u ORDER BY a LIMIT 1) FROM t ORDER BY b",
         "SELECT (SELECT 1 FROM u ORDER BY a NULLS FIRST LIMIT 1) FROM t ORDER BY b NULLS FIRST"),
        ("SELECT 1 FROM t WHERE x LIKE '5%' AND y IN ()",
         "SELECT 1 FROM t WHERE x LIKE '5%%' AND y = ANY('{}')"),
        ("INSERT OR IGNORE INTO t VALUES (?)", "INSERT INTO t VALUES (%s) ON CONFLICT DO NOTHING"),
        ("SELECT v FROM json_each(?) j JOIN t ON t.id = j.value WHERE x IS NOT ?",
         "SELECT v FROM \x01j\x01 JOIN t ON t.id = j.value WHERE x IS DISTINCT FROM %s"),
    ],
)  # fmt: skip
def test_sqlite_sql_is_translated_mechanically(sql, postgres):
    assert translate(sql).sql == postgres


# -- query plans -----------------------------------------------------------------------

#: Rows enough that the planner's choices are a large store's (fsync is off: a second).
FILLER = """
INSERT INTO articles (id, title, published, source, text, content_hash, ingested_at)
SELECT 'x' || g, 'Filler ' || g, to_char(date '1990-01-01' + g % 9000, 'YYYY-MM-DD'),
       'Wire ' || g % 30, 'Filler text number ' || g, 'h', 'then'
FROM generate_series(1, 8000) g;
UPDATE articles SET dup_group = CASE WHEN pk % 1000 = 0 THEN pk - 1 ELSE pk END
WHERE dup_group IS NULL;
INSERT INTO entities (key, type, name, articles, mentions)
SELECT 'name ' || g, (ARRAY['PERSON', 'ORG', 'GPE', 'LOC'])[1 + g % 4], 'Name ' || g,
       1 + g % 50, 1 + g % 70
FROM generate_series(1, 8000) g;
INSERT INTO entity_keys (key, entity_id, count) SELECT '=' || key, id, 1 FROM entities
ON CONFLICT DO NOTHING;
INSERT INTO article_entities (article_pk, local_id, entity_id, name, type, votes)
SELECT a.pk, 'e' || n, 1 + (a.pk * 7 + n * 13) % 8000, 'x', 'PERSON', 1
FROM articles a, generate_series(1, 3) n WHERE a.id LIKE 'x%';
INSERT INTO entity_roles (entity_id, article_pk, role)
SELECT entity_id, article_pk, 'Minister' FROM article_entities WHERE local_id = 'e1';
INSERT INTO quotes (article_pk, seq, start, "end", text, kind, fragments, speaker_entity,
                    speaker_text, confidence)
SELECT a.pk, 0, 0, 5, 'Filler words ' || a.pk, 'direct', '[]', 1 + a.pk % 8000, 'x', 0.5
FROM articles a WHERE a.id LIKE 'x%';
INSERT INTO events (article_pk, seq, start, "end", text, trigger_start, trigger_end,
                    trigger_text, trigger_lemma, basis, lo, hi, kind, participants,
                    sentence_start, sentence_end, confidence)
SELECT a.pk, 0, 0, 5, 'Filler ' || a.pk, 0, 5, 'filled', 'fill', 'published', a.published,
       a.published, (ARRAY['reported', 'background', 'scheduled'])[1 + a.pk % 3], '[]',
       0, 5, 0.9
FROM articles a WHERE a.id LIKE 'x%';
INSERT INTO event_entities (event_id, entity_id, lo, hi)
SELECT e.id, 1 + e.id % 8000, e.lo, e.hi FROM events e WHERE e.text LIKE 'Filler%';
INSERT INTO timexes (article_pk, seq, start, "end", text, type, value, lo, hi)
SELECT a.pk, 0, 0, 4, 'then', 'DATE', 'x', a.published,
       CASE WHEN a.pk % 50 = 0 THEN to_char(dl_day(a.published) + 400, 'YYYY-MM-DD')
            ELSE a.published END
FROM articles a WHERE a.id LIKE 'x%';
INSERT INTO stories (first, last, size, norm2)
SELECT to_char(date '1990-01-01' + g, 'YYYY-MM-DD'), to_char(date '1990-01-01' + g + 3,
       'YYYY-MM-DD'), 1 + g % 40, 1.0
FROM generate_series(1, 9000) g;
INSERT INTO story_members (article_pk, story_id)
SELECT pk, 10 + pk % 8990 FROM articles WHERE id LIKE 'x%';
INSERT INTO dup_bands (band, key, article_pk)
SELECT pk % 42, pk * 7919, pk FROM articles WHERE id LIKE 'x%';
"""

#: Hot paths of the CLI and API, each with the index that must serve it, as the store's
#: modules write them (SQLite's SQL, translated) and with a large store's statistics: a
#: plan reading a whole table, or sorting what an index could give in order, fails.
PLANS = [
    ("SELECT a.pk FROM articles a WHERE a.tsv @@ dl_match(?)", ['"peace" "treaty"'],
     "articles_fts"),
    ("SELECT a.pk FROM articles a ORDER BY a.published DESC, a.id LIMIT 20", [],
     "articles_published"),
    ("SELECT a.pk FROM articles a WHERE a.published >= ? ORDER BY a.published DESC, a.id"
     " LIMIT 20", ["2010-01-01"], "articles_published"),
    ("SELECT pk FROM articles WHERE id = ?", ["x77"], "articles_id_key"),
    ("SELECT * FROM articles WHERE id LIKE ? ORDER BY id LIMIT 2", ["x77%"], "articles_id_lower"),
    # (a prefix's few matches are sorted)
    ("SELECT ae.article_pk FROM article_entities ae WHERE ae.entity_id IN (?, ?)", [1, 2],
     "article_entities_entity"),
    ("SELECT e.id FROM entities e WHERE e.merged_into IS NULL AND e.articles > 0"
     " ORDER BY e.mentions DESC, e.articles DESC, e.name, e.id LIMIT 20", [],
     "entities_live_mentions"),
    ("SELECT e.id FROM entities e WHERE e.merged_into IS NULL AND e.articles > 0"
     " AND e.type = ? ORDER BY e.articles DESC, e.mentions DESC, e.name, e.id LIMIT 20",
     ["PERSON"], ("entities_live_type_articles", "entities_live_articles")),
    ("SELECT e.id FROM entities e WHERE e.merged_into IS NULL AND e.articles > 0"
     " ORDER BY e.name COLLATE NOCASE, e.id LIMIT 20", [], "entities_live_name"),
    ("SELECT e.id FROM entities e WHERE e.merged_into IS NULL AND e.articles > 0"
     " AND e.name LIKE ? ESCAPE '\\' ORDER BY e.name COLLATE NOCASE, e.id LIMIT 20",
     ["name 12%"], "entities_live_name"),
    ("SELECT COUNT(*) FROM entities WHERE merged_into IS NOT NULL OR articles <= 0", [],
     "entities_dead"),
    ("SELECT entity_id, count FROM entity_keys WHERE key = ? ORDER BY count DESC LIMIT ?",
     ["=name 7", 40], "entity_keys_used"),
    ("SELECT q.id FROM quotes q ORDER BY q.day_lo DESC LIMIT 20", [], "quotes_day"),
    ("SELECT q.id FROM quotes q WHERE q.speaker_entity IN (?) ORDER BY q.day_lo DESC LIMIT 20",
     [5], "quotes_speaker"),
    ("SELECT q.id FROM quotes q WHERE q.tsv @@ dl_match(?)", ['"peace"'], "quotes_fts"),
    ("SELECT q.id FROM quotes q WHERE q.speaker_entity IS NULL AND q.speaker_text = ?"
     " COLLATE NOCASE ORDER BY q.day_lo DESC LIMIT 20", ["Officials"], "quotes_unresolved"),
    ("SELECT COUNT(*) FROM quotes q WHERE q.kind = ? AND q.day_lo >= ? AND q.day_lo <= ?"
     " AND q.day_hi >= ?", ["indirect", "1999-12-01", "2000-01-31", "2000-01-01"],
     ("quotes_kind", "quotes_day")),
    ("SELECT COUNT(*) FROM quotes q WHERE q.confidence >= ?", [0.95], "quotes_confidence"),
    ("SELECT e.id FROM events e ORDER BY e.lo DESC, e.hi DESC, e.id DESC LIMIT 20", [],
     "events_range"),
    ("SELECT e.id FROM events e WHERE e.kind = ? ORDER BY e.lo DESC, e.hi DESC, e.id DESC"
     " LIMIT 20", ["reported"], "events_kind"),
    ("SELECT e.id FROM events e WHERE e.tsv @@ dl_match(?)", ['"treaty"'], "events_fts"),
    ("SELECT COUNT(*) FROM events e WHERE julianday(e.hi) - julianday(e.lo) > 31"
     " AND e.hi >= ? AND e.lo < ?", ["2000-01-01", "1999-12-01"], "events_long"),
    ("SELECT e.id FROM events e WHERE e.lo <= ? AND e.hi >= ? ORDER BY e.lo DESC, e.hi DESC,"
     " e.id DESC LIMIT 20", ["2001-12-31", "2001-01-01"], "events_range"),
    ("SELECT x.event_id FROM event_entities x WHERE x.entity_id = ?"
     " ORDER BY x.lo DESC, x.hi DESC, x.event_id DESC LIMIT 20", [9], "event_entities_entity"),
    ("SELECT t.article_pk FROM timexes t WHERE julianday(t.hi) - julianday(t.lo) > 31"
     " AND t.hi >= ? AND t.lo < ?", ["2000-01-01", "1999-12-01"], "timexes_long"),
    ("SELECT t.article_pk FROM timexes t WHERE t.lo >= ? AND t.lo <= ? AND t.hi >= ?",
     ["1999-12-01", "2000-01-31", "2000-01-01"], "timexes_range"),
    ("SELECT id FROM stories ORDER BY size DESC, last DESC, id LIMIT 10", [], "stories_size"),
    ("SELECT s.id FROM stories s WHERE s.last >= ? AND s.first <= ?"
     " ORDER BY s.size DESC, s.last DESC, s.id LIMIT 20", ["2000-06-01", "2000-06-05"],
     ("stories_size", "stories_span")),
    ("SELECT article_pk FROM dup_bands WHERE band = ? AND key = ? LIMIT 5", [3, 42],
     "dup_bands_pkey"),
    ("SELECT a.pk FROM articles a WHERE a.dup_group IN (?, ?)", [9, 19], "articles_dup_group"),
    ("SELECT 1 FROM articles WHERE is_copy LIMIT 1", [], "articles_copies"),
    ("SELECT role FROM entity_roles WHERE article_pk = ?", [77], "entity_roles_article"),
    ("SELECT story_id FROM story_members WHERE article_pk IN (?, ?)", [1, 2],
     "story_members_pkey"),
]  # fmt: skip


@pytest.fixture(scope="module")
def planned(pg_server):
    url = pg_server.new_database()
    store = open_store(url)
    store.save(CORPUS)
    store.update_stories()
    store.conn.raw.execute(FILLER)  # type: ignore[attr-defined]
    store.conn.raw.execute("VACUUM ANALYZE")  # type: ignore[attr-defined]  (as autovacuum would)
    yield store
    store.close()
    pg_server.release(url)


@pytest.mark.parametrize(("sql", "params", "index"), PLANS, ids=[p[0][:60] for p in PLANS])
def test_hot_paths_read_an_index_in_order(planned, sql, params, index):
    plan = "\n".join(r[0] for r in planned.conn.execute("EXPLAIN " + sql, params))
    assert "Seq Scan" not in plan, plan
    assert any(i in plan for i in ((index,) if isinstance(index, str) else index)), plan
    if "ORDER BY" in sql and "LIMIT" in sql and "LIKE" not in sql:
        assert "Sort" not in plan, plan  # the index gives the order: a page reads and stops
