"""The paged read model (storage.browse*): pages and totals, highlights, facets, entity
pages, quote and event lists, stories, home, and migration 7 on an older database — on
SQLite and PostgreSQL alike (but for SQLite's own migration and query plans).

The store holds six hand-made articles whose counts can be checked by eye:

==  ==========  ============================  ================================
a1  2019-06-01  Shinzo Abe, Vladimir Putin,   "peace treaty", "treaty", "1956"
                Osaka (dateline Osaka)
a2  2019-06-15  Vladimir Putin, Tokyo,        "peace treaty"; two quotes
                Kremlin
a3  2019-07-02  Toyota, Tokyo
a4  2019-07-20  Shinzo Abe, Toyota            one quote
a5  2020-01-10  Moscow, Kremlin               "peace treaty"; one quote
a6  2020-01-11  Alps
==  ==========  ============================  ================================
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3

import pytest

from dateline.errors import ConfigError, StoreError
from dateline.protocols import Store
from dateline.records import (
    Article,
    Cue,
    Dateline,
    Entity,
    Event,
    Mention,
    Quote,
    Speaker,
    Timex,
    Trigger,
    Work,
)
from dateline.storage import browse, browse_entities, browse_facets, browse_records
from dateline.storage.migrations import MIGRATIONS
from dateline.storage.sqlite import SQLiteStore
from tests.storage.old_schema import migrate_to

D = dt.date


def at(text: str, phrase: str, after: int = 0) -> tuple[int, int]:
    start = text.index(phrase, after)
    return start, start + len(phrase)


def ent(text: str, local: str, name: str, type_: str, *aliases: str) -> Entity:
    """An entity named once in full, then by each alias after that."""
    first = Mention(*at(text, name), name)
    later = [Mention(*at(text, a, first.end), a, kind="alias") for a in aliases]
    return Entity(local, name, type_, name.casefold(), mentions=(first, *later))


def said(text: str, content: str, kind: str, speaker: str | None, local: str | None,
         confidence: float) -> Quote:  # fmt: skip
    start, end = at(text, content)
    who = Speaker(*at(text, speaker), speaker, local) if speaker else None
    return Quote(start, end, content, kind, ((start, end),), Cue(*at(text, "said"), "said", "say"),
                 who, None, None, confidence)  # fmt: skip


def event(text: str, clause: str, trigger: str, date: str, basis: str, kind: str,
          participants: tuple[str, ...] = ()) -> Event:  # fmt: skip
    """An event over ``clause``; its sentence runs from the previous full stop to the next."""
    start, end = at(text, clause)
    before = text.rfind(". ", 0, start)
    sentence = (before + 2 if before >= 0 else 0, text.index(".", end) + 1)
    return Event(start, end, clause, Trigger(*at(text, trigger, start), trigger, trigger), date,
                 None, basis, kind, participants, sentence, 0.9)  # fmt: skip


def work(i: int, day: dt.date, title: str, text: str, **fields) -> Work:
    art = Article(f"a{i}", title, day, "Wire", f"https://news.example/{i}", text)
    return Work(article=art, **fields)


T1 = ("OSAKA. Shinzo Abe met Vladimir Putin in Osaka to discuss a peace treaty. "
      "The treaty was first proposed in 1956.")
T2 = ('Vladimir Putin arrived in Tokyo. "The peace treaty is close," Putin said. '
      "The Kremlin said talks went well.")
T3 = "Toyota reported higher profits in Tokyo. The company will report again in October."
T4 = "Shinzo Abe spoke about trade with Toyota executives. Abe said exports would grow."
T5 = ("Talks on a peace treaty resumed in Moscow, the Kremlin said. "
      'Aides said the talks were "a new start" for both.')
T6 = "Snow fell across the Alps on Saturday."
CORPUS = [
    work(1, D(2019, 6, 1), "Abe and Putin talk peace", T1,
         dateline=Dateline(0, 6, "OSAKA.", "Osaka", None, None),
         entities=[ent(T1, "e1", "Shinzo Abe", "PERSON"), ent(T1, "e2", "Vladimir Putin", "PERSON"),
                   ent(T1, "e3", "Osaka", "GPE")],
         timexes=[Timex(*at(T1, "1956"), "1956", "DATE", "1956")],
         events=[event(T1, "Shinzo Abe met Vladimir Putin in Osaka", "met", "2019-06-01",
                       "published", "reported", ("e1", "e2")),
                 event(T1, "The treaty was first proposed in 1956", "proposed", "1956", "timex",
                       "background")]),
    work(2, D(2019, 6, 15), "Putin visits Tokyo", T2,
         entities=[ent(T2, "e1", "Vladimir Putin", "PERSON", "Putin"),
                   ent(T2, "e2", "Tokyo", "GPE"), ent(T2, "e3", "Kremlin", "ORG")],
         quotes=[said(T2, "The peace treaty is close,", "direct", "Putin", "e1", 0.9),
                 said(T2, "talks went well", "indirect", "The Kremlin", "e3", 0.6)],
         events=[event(T2, "Vladimir Putin arrived in Tokyo", "arrived", "2019-06-15",
                       "published", "reported", ("e1", "e2"))]),
    work(3, D(2019, 7, 2), "Toyota profits rise", T3,
         entities=[ent(T3, "e1", "Toyota", "ORG"), ent(T3, "e2", "Tokyo", "GPE")],
         events=[event(T3, "The company will report again in October", "report", "2019-10",
                       "timex", "scheduled", ("e1",))]),
    work(4, D(2019, 7, 20), "Abe speaks on trade", T4,
         entities=[ent(T4, "e1", "Shinzo Abe", "PERSON", "Abe"), ent(T4, "e2", "Toyota", "ORG")],
         quotes=[said(T4, "exports would grow", "indirect", "Abe", "e1", 0.6)]),
    work(5, D(2020, 1, 10), "Treaty talks resume", T5,
         entities=[ent(T5, "e1", "Moscow", "GPE"), ent(T5, "e2", "Kremlin", "ORG")],
         quotes=[said(T5, 'the talks were "a new start" for both', "mixed", "Aides", None, 0.85)]),
    work(6, D(2020, 1, 11), "Snow in the Alps", T6, entities=[ent(T6, "e1", "Alps", "LOC")]),
]  # fmt: skip
NEWEST_FIRST = ["a6", "a5", "a4", "a3", "a2", "a1"]


@pytest.fixture(scope="module")
def store(module_stores):
    s = module_stores.new()
    s.save(CORPUS)
    s.update_stories()
    return s


def every_page(call, size: int, **kw) -> tuple[list, set[int]]:
    """All items of a list, page by page, and the totals the pages reported."""
    items, totals, offset = [], set(), 0
    while True:
        page = call(limit=size, offset=offset, **kw)
        assert (page["limit"], page["offset"]) == (size, offset)
        totals.add(page["total"])
        items += page["items"]
        if len(page["items"]) < size:
            return items, totals
        offset += size


def names(rows) -> list[tuple[str, int]]:
    return [(r["name"], r["count"]) for r in rows]


def test_the_store_meets_its_protocol(store):
    assert isinstance(store, Store)


# -- pages ----------------------------------------------------------------------------


@pytest.mark.parametrize("size", [1, 2, 4])
def test_article_pages_cover_every_article_once_newest_first(store, size):
    items, totals = every_page(store.list_articles, size)
    assert [i["id"] for i in items] == NEWEST_FIRST
    assert totals == {6}


@pytest.mark.parametrize(
    ("call", "kw", "total"),
    [
        ("list_articles", {"q": "treaty"}, 3),
        ("list_articles", {"entity": "Putin"}, 2),
        ("list_articles", {"start": D(2019, 7, 1), "end": D(2019, 12, 31)}, 2),
        ("list_entities", {}, 8),
        ("list_entities", {"type": "gpe"}, 3),
        ("list_quotes", {}, 4),
        ("list_quotes", {"start": D(2019, 6, 10), "end": D(2019, 12, 31)}, 3),
        ("list_quotes", {"kind": "indirect", "start": D(2019, 6, 10)}, 2),
        ("list_events", {}, 4),
        ("list_events", {"start": D(2019, 6, 1), "end": D(2019, 6, 30)}, 2),
        ("list_events", {"kind": "reported", "end": D(2019, 6, 30)}, 2),
        ("list_events", {"q": "treaty OR met"}, 0),  # all words required, OR is a word
    ],
)
def test_totals_equal_the_items_of_all_pages(store, call, kw, total):
    items, totals = every_page(getattr(store, call), 1, **kw)
    assert totals == {total} and len(items) == total
    keys = {(i.get("article_id"), i.get("id"), i.get("start")) for i in items}
    assert len(keys) == total  # pages never overlap


@pytest.mark.parametrize(
    ("limit", "offset"), [(0, 0), (browse.MAX_LIMIT + 1, 0), (10, -1), (True, 0), ("5", 0)]
)
@pytest.mark.parametrize("call", ["list_articles", "list_entities", "list_quotes", "list_events",
                                  "list_stories"])  # fmt: skip
def test_bad_limits_and_offsets_are_config_errors(store, call, limit, offset):
    with pytest.raises(ConfigError) as exc:
        getattr(store, call)(limit=limit, offset=offset)
    assert exc.value.code == "DL208" and str(browse.MAX_LIMIT) in exc.value.message


def test_the_largest_page_is_allowed_and_past_the_end_is_empty(store):
    assert len(store.list_articles(limit=browse.MAX_LIMIT)["items"]) == 6
    page = store.list_articles(offset=100)
    assert page["total"] == 6 and page["items"] == []


@pytest.mark.parametrize(
    ("call", "kw", "listed"),
    [
        ("list_entities", {"sort": "size"}, "sort must be one of mentions, articles, name"),
        ("list_quotes", {"kind": "quoted"}, "kind must be one of direct, indirect, mixed"),
        ("list_events", {"kind": "past"}, "kind must be one of background, reported, scheduled"),
    ],
)
def test_unknown_choices_name_the_valid_ones(store, call, kw, listed):
    with pytest.raises(ConfigError) as exc:
        getattr(store, call)(**kw)
    assert exc.value.code == "DL209" and exc.value.message.startswith(listed)


# -- articles: highlights, filters, facets ---------------------------------------------


def test_highlights_point_at_the_query_words_in_a_plain_snippet(store):
    page = store.list_articles(q="treaty")
    assert {i["id"] for i in page["items"]} == {"a1", "a2", "a5"}
    assert page["items"][0]["id"] == "a5"  # in its title: weighted 5 to 1
    for item in page["items"]:
        marked = [item["snippet"][s:e] for s, e in item["highlights"]]
        assert marked and all(m.casefold() == "treaty" for m in marked), item
        assert "\x02" not in item["snippet"] and "\x03" not in item["snippet"]
        assert "  " not in item["snippet"] and "\n" not in item["snippet"]
    (a1,) = [i for i in page["items"] if i["id"] == "a1"]
    assert len(a1["highlights"]) == 2 and a1["place"] == "Osaka"
    assert a1["url"] == "https://news.example/1" and page["items"][0]["place"] is None
    (phrase,) = [i for i in store.list_articles(q='"peace treaty"')["items"] if i["id"] == "a1"]
    assert [phrase["snippet"][s:e] for s, e in phrase["highlights"]] == ["peace treaty"]


def test_without_a_query_there_is_nothing_to_highlight_but_a_matched_date(store):
    assert all(i["highlights"] == [] for i in store.list_articles()["items"])
    (item,) = store.list_articles(mentions_from=D(1950, 1, 1), mentions_to=D(1959, 12, 31))["items"]
    assert [item["snippet"][s:e] for s, e in item["highlights"]] == ["1956"]
    assert item["timexes"][0]["value"] == "1956"


def test_search_is_the_first_page_of_the_list(store):
    for kw in ({"query": "treaty"}, {"entity": "Abe"}, {"start": D(2019, 6, 10)}):
        hits = store.search(**kw, limit=3)
        listed = store.list_articles(**{("q" if k == "query" else k): v for k, v in kw.items()},
                                     limit=3)  # fmt: skip
        assert [h["id"] for h in hits] == [i["id"] for i in listed["items"]]
        assert [h["score"] for h in hits] == [i["score"] for i in listed["items"]]
        assert list(hits[0]) == ["id", "title", "published", "source", "snippet", "score",
                                 "timexes", "outlets", "copies"]  # fmt: skip


def test_facets_of_a_query_count_the_matching_articles(store):
    page = store.list_articles(q="peace treaty", limit=1, facets=True)  # a1, a2, a5
    facets = page["facets"]
    assert page["total"] == 3 and page["facets_over"] == 3
    assert names(facets["people"]) == [("Vladimir Putin", 2), ("Shinzo Abe", 1)]
    assert names(facets["organisations"]) == [("Kremlin", 2)]
    assert names(facets["places"]) == [("Moscow", 1), ("Osaka", 1), ("Tokyo", 1)]
    assert facets["months"] == [{"month": "2019-06", "count": 2}, {"month": "2020-01", "count": 1}]
    assert sum(s["count"] for s in facets["stories"]) == 3
    assert "facets" not in store.list_articles(q="peace treaty")


def test_facets_of_everything_are_the_store_totals(store):
    page = store.list_articles(facets=True)
    facets = page["facets"]
    assert page["facets_over"] == 6
    assert names(facets["people"]) == [("Shinzo Abe", 2), ("Vladimir Putin", 2)]
    assert names(facets["organisations"]) == [("Kremlin", 2), ("Toyota", 2)]
    assert names(facets["places"]) == [("Tokyo", 2), ("Alps", 1), ("Moscow", 1), ("Osaka", 1)]
    assert [m["count"] for m in facets["months"]] == [2, 2, 2]
    sizes = store.conn.execute("SELECT id, size FROM stories ORDER BY size DESC, id").fetchall()
    assert [(s["id"], s["count"]) for s in facets["stories"]] == [tuple(r) for r in sizes][:10]
    assert all(s["title"] for s in facets["stories"])


def test_facets_of_a_broad_list_are_bounded_and_say_so(store, monkeypatch):
    monkeypatch.setattr(browse_facets, "FACET_SPAN", 2)
    page = store.list_articles(start=D(2019, 1, 1), facets=True)  # newest two: a6, a5
    assert page["total"] == 6 and page["facets_over"] == 2
    assert page["facets"]["people"] == []
    assert names(page["facets"]["places"]) == [("Alps", 1), ("Moscow", 1)]
    assert sum(m["count"] for m in page["facets"]["months"]) == 6  # months count every match


def test_story_filter_lists_exactly_a_storys_members(store):
    stories = store.conn.execute("SELECT id FROM stories").fetchall()
    assert stories
    for (story_id,) in stories:
        members = {r[0] for r in store.conn.execute(
            "SELECT a.id FROM story_members m JOIN articles a ON a.pk = m.article_pk"
            " WHERE m.story_id = ?", (story_id,))}  # fmt: skip
        page = store.list_articles(story=story_id)
        assert {i["id"] for i in page["items"]} == members and page["total"] == len(members)
    with pytest.raises(StoreError) as exc:
        store.list_articles(story=9999)
    assert exc.value.code == "DL305"


# -- entities -------------------------------------------------------------------------


def test_entity_lists_filter_by_type_and_name_prefix(store):
    assert {i["name"] for i in store.list_entities(type="person")["items"]} == {
        "Shinzo Abe", "Vladimir Putin"}  # fmt: skip
    assert {i["name"] for i in store.list_entities(prefix="to")["items"]} == {"Tokyo", "Toyota"}
    assert [i["name"] for i in store.list_entities(prefix="TOK")["items"]] == ["Tokyo"]
    assert store.list_entities(prefix="putin")["total"] == 0  # the start of the name only
    assert store.list_entities(prefix="%")["total"] == 0  # no wildcards
    assert store.list_entities(prefix="to", type="ORG")["total"] == 1


def test_entity_sort_orders(store):
    by_name = [i["name"] for i in store.list_entities(sort="name")["items"]]
    assert by_name == sorted(by_name, key=str.casefold) and len(by_name) == 8
    top = store.list_entities(sort="mentions", limit=3)["items"]  # ties: articles, then name
    assert [(i["name"], i["mentions"]) for i in top] == [
        ("Shinzo Abe", 3), ("Vladimir Putin", 3), ("Kremlin", 2)]  # fmt: skip
    putin = top[1]
    assert set(putin) == {"id", "name", "type", "articles", "mentions", "first_seen", "last_seen"}
    assert (putin["first_seen"], putin["last_seen"]) == ("2019-06-01", "2019-06-15")
    by_articles = store.list_entities(sort="articles")["items"]
    assert [i["articles"] for i in by_articles] == [2, 2, 2, 2, 2, 1, 1, 1]
    assert [i["name"] for i in by_articles[-3:]] == ["Alps", "Moscow", "Osaka"]


def test_merged_entities_leave_the_list(stores):
    s = stores.new()
    s.save(CORPUS)
    ids = {i["name"]: i["id"] for i in s.list_entities(limit=20)["items"]}
    s.merge_entities(ids["Tokyo"], [ids["Osaka"]])
    page = s.list_entities(limit=20)
    assert page["total"] == 7 and "Osaka" not in {i["name"] for i in page["items"]}
    s.close()


def test_splitting_an_alias_off_moves_its_events(stores):
    text = "Putin arrived in Tokyo. Putin said talks went well."
    alone = work(7, D(2019, 6, 20), "Putin again", text,
                 entities=[ent(text, "e1", "Putin", "PERSON")],
                 events=[event(text, "Putin arrived in Tokyo", "arrived", "2019-06-20",
                               "published", "reported", ("e1",))])  # fmt: skip
    s = stores.new()
    s.save([*CORPUS, alone])
    vladimir = s.entity("Vladimir Putin")["id"]
    assert len(s.list_events(entity=str(vladimir))["items"]) == 3
    new = s.split_entity(vladimir, "Putin")
    (moved,) = s.list_events(entity=str(new))["items"]
    assert moved["article_id"] == "a7" and moved["date"]["lo"] == "2019-06-20"
    assert {e["article_id"] for e in s.list_events(entity=str(vladimir))["items"]} == {"a1", "a2"}


def test_entity_page(store):
    putin = store.entity_page("Putin")
    assert putin["name"] == "Vladimir Putin" and putin["aliases"]  # the record is all there
    assert putin["months"] == [{"month": "2019-06", "articles": 2}]
    assert [(c["name"], c["articles"]) for c in putin["cooccurring"]] == [
        ("Kremlin", 1), ("Osaka", 1), ("Shinzo Abe", 1), ("Tokyo", 1)]  # fmt: skip
    assert putin["cooccurring_over"] == 2
    assert [q["text"] for q in putin["said"]] == ["The peace treaty is close,"]
    assert putin["quote_total"] == 1
    abe = store.entity_page("Shinzo Abe", quotes=0)
    assert abe["months"] == [{"month": "2019-06", "articles": 1}, {"month": "2019-07", "articles": 1}]
    assert abe["said"] == [] and abe["quote_total"] == 1
    assert {c["name"] for c in abe["cooccurring"]} == {"Vladimir Putin", "Osaka", "Toyota"}
    with pytest.raises(StoreError) as exc:
        store.entity_page("Nobody At All")
    assert exc.value.code == "DL306"
    with pytest.raises(ConfigError):
        store.entity_page("Putin", quotes=-1)


# -- quotes, events, stories, home ----------------------------------------------------


def test_quote_lists_filter_by_kind_confidence_and_speaker(store):
    newest = store.list_quotes()["items"]
    assert [q["article_id"] for q in newest] == ["a5", "a4", "a2", "a2"]
    assert newest == store.quotes()  # the same items and order as quotes()
    assert [q["kind"] for q in store.list_quotes(kind="direct")["items"]] == ["direct"]
    confident = store.list_quotes(min_confidence=0.8)
    assert confident["total"] == 2 and {q["kind"] for q in confident["items"]} == {"direct", "mixed"}
    assert store.list_quotes(kind="indirect", min_confidence=0.8)["total"] == 0
    assert [q["text"] for q in store.list_quotes(speaker="Abe")["items"]] == ["exports would grow"]
    assert store.list_quotes(about="treaty")["total"] == 1
    assert store.list_quotes(start=D(2020, 1, 1))["total"] == 1
    with pytest.raises(ConfigError):
        store.list_quotes(min_confidence=2)


def test_event_lists(store):
    events = store.list_events()["items"]
    assert [(e["article_id"], e["trigger"]["text"]) for e in events] == [
        ("a3", "report"), ("a2", "arrived"), ("a1", "met"), ("a1", "proposed")]  # fmt: skip
    met = events[2]
    assert met["sentence"]["text"] == T1[met["sentence"]["start"] : met["sentence"]["end"]]
    assert met["text"] == T1[met["start"] : met["end"]]
    assert met["date"] == {"value": "2019-06-01", "mod": None, "basis": "published",
                           "lo": "2019-06-01", "hi": "2019-06-01"}  # fmt: skip
    assert met["participants"] == ["e1", "e2"] and met["published"] == "2019-06-01"
    assert {e["name"] for e in met["entities"]} == {"Shinzo Abe", "Vladimir Putin"}
    assert [e["trigger"]["text"] for e in store.list_events(q="treaty")["items"]] == ["proposed"]
    assert [e["trigger"]["text"] for e in store.list_events(q="arrive")["items"]] == ["arrived"]
    assert {e["trigger"]["text"] for e in store.list_events(entity="Putin")["items"]} == {
        "met", "arrived"}  # fmt: skip
    assert [e["kind"] for e in store.list_events(kind="scheduled")["items"]] == ["scheduled"]
    june = store.list_events(start=D(2019, 6, 10), end=D(2019, 6, 30))["items"]
    assert [e["trigger"]["text"] for e in june] == ["arrived"]
    fifties = store.list_events(start=D(1950, 1, 1), end=D(1959, 12, 31))["items"]
    assert [e["date"]["value"] for e in fifties] == ["1956"]


def test_story_lists_and_one_story(store):
    items, totals = every_page(store.list_stories, 1)
    assert items == store.stories(limit=100) and totals == {len(items)}
    story = store.story(items[0]["id"])
    assert {k: story[k] for k in items[0]} == items[0]
    assert story["articles"] == store.story_articles(items[0]["id"])
    with pytest.raises(StoreError) as exc:
        store.story(9999)
    assert exc.value.code == "DL305"


def test_home(store):
    home = store.home()
    assert (home["articles"], home["entities"], home["quotes"]) == (6, 8, 4)
    assert (home["first_published"], home["last_published"]) == ("2019-06-01", "2020-01-11")
    assert {(p["name"], p["articles"]) for p in home["top_people"]} == {
        ("Shinzo Abe", 2), ("Vladimir Putin", 2)}  # fmt: skip
    lasts = [s["last"] for s in home["recent_stories"]]
    assert lasts == sorted(lasts, reverse=True) and lasts[0] == "2020-01-11"


# -- migration 7 ----------------------------------------------------------------------


def test_migration_7_applies_to_a_sqlite_version_6_database(tmp_path):
    db = tmp_path / "v6.db"
    with sqlite3.connect(db) as c:  # a database as the identity release left it
        migrate_to(c, 6)
        c.execute("INSERT INTO articles (pk, id, text, content_hash, published, ingested_at)"
                  " VALUES (1, 'old', 'The ministers signed the accord.', 'h', '2018-05-02',"
                  " 'then')")  # fmt: skip
        c.execute("INSERT INTO quotes (article_pk, seq, start, \"end\", text, kind, fragments,"
                  " confidence) VALUES (1, 0, 0, 13, 'The ministers', 'indirect', '[]', 0.7)")
        c.execute("INSERT INTO events (article_pk, seq, start, \"end\", text, trigger_start,"
                  " trigger_end, trigger_text, trigger_lemma, basis, kind, participants,"
                  " sentence_start, sentence_end, confidence) VALUES (1, 0, 0, 31,"
                  " 'The ministers signed the accord', 14, 20, 'signed', 'sign', 'published',"
                  " 'reported', '[]', 0, 32, 0.9)")  # fmt: skip
    store = SQLiteStore(str(db))
    assert store.schema_version() == max(v for v, _, _ in MIGRATIONS) >= 7
    c = store.conn
    assert tuple(c.execute("SELECT day_lo, day_hi FROM quotes").fetchone()) == ("2018-05-02",) * 2
    indexes = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"entities_live_articles", "quotes_day", "events_kind", "stories_size"} <= indexes
    assert store.list_quotes(start=D(2018, 5, 1), end=D(2018, 5, 31))["total"] == 1
    assert [e["article_id"] for e in store.list_events(q="accord")["items"]] == ["old"]
    store.save(CORPUS[1:2])  # new rows are dated and indexed by the triggers
    assert c.execute("SELECT COUNT(*) FROM quotes WHERE day_lo = '2019-06-15'").fetchone()[0] == 2
    assert store.list_events(q="arrived")["total"] == 1
    store.save(CORPUS[1:2])  # replaced: the old rows leave the event index
    assert store.list_events(q="arrived")["total"] == 1
    c.execute("INSERT INTO events_fts(events_fts) VALUES ('integrity-check')")
    store.close()


@pytest.mark.parametrize(
    ("sql", "index"),
    [
        ("SELECT COUNT(*) FROM entities e WHERE e.merged_into IS NULL AND e.articles > 0"
         " AND e.type = 'PERSON'", "entities_live_type"),
        ("SELECT id FROM entities e WHERE e.merged_into IS NULL AND e.articles > 0"
         " ORDER BY e.mentions DESC, e.articles DESC LIMIT 20", "entities_live_mentions"),
        ("SELECT id FROM entities e WHERE e.merged_into IS NULL AND e.articles > 0"
         " AND e.name LIKE 'sh%' ESCAPE '\\'", "entities_live_name"),
        ("SELECT q.id FROM quotes q ORDER BY q.day_lo DESC LIMIT 20", "quotes_day"),
        ("SELECT COUNT(*) FROM quotes q WHERE q.kind = 'direct'", "quotes_kind"),
        ("SELECT e.id FROM events e ORDER BY e.lo DESC, e.hi DESC, e.id DESC LIMIT 20",
         "events_range"),
        ("SELECT COUNT(*) FROM events e WHERE e.kind = 'reported'", "events_kind"),
        ("SELECT id FROM stories ORDER BY size DESC, id LIMIT 10", "stories_size"),
    ],
)
def test_sqlite_lists_and_counts_read_indexes(store, sql, index):
    if not isinstance(store, SQLiteStore):
        pytest.skip("SQLite's query plans (PostgreSQL's: tests/storage/test_postgres.py)")
    plan = " ".join(r[3] for r in store.conn.execute("EXPLAIN QUERY PLAN " + sql))
    assert index in plan, plan
    assert "USE TEMP B-TREE FOR ORDER BY" not in plan, plan


def test_the_overlap_test_keeps_exactly_the_overlapping_intervals(stores):
    rng = random.Random(7)
    rows: list[tuple[str | None, str | None]] = [(None, None)]
    for _ in range(500):
        lo = D(2019, 1, 1) + dt.timedelta(days=rng.randrange(700))
        days = rng.choice([0, 0, 1, 5, 30, 31, 32, 33, 60, 365, 3650])
        rows.append((lo.isoformat(), (lo + dt.timedelta(days=days)).isoformat()))
    days = [None, D(2019, 1, 1), D(2019, 3, 2), D(2019, 4, 1), D(2020, 2, 29), D(2021, 6, 1)]
    for first in filter(None, days):  # intervals ending either side of each window's start
        for back in range(25, 40):
            lo = first - dt.timedelta(days=back)
            rows += [(lo.isoformat(), (lo + dt.timedelta(days=back + d)).isoformat())
                     for d in (-1, 0, 1)]  # fmt: skip
    conn = stores.new().conn  # julianday() on SQLite, dl_day() on PostgreSQL
    conn.execute("CREATE TABLE t (lo TEXT, hi TEXT)")
    conn.executemany("INSERT INTO t VALUES (?, ?)", rows)
    for first in days:
        for last in days:
            sql, params = browse.overlap("t.lo", "t.hi", first, last)
            got = conn.execute(f"SELECT COUNT(*) FROM t WHERE {sql}", params).fetchone()[0]
            plain = sum(1 for lo, hi in rows if lo and hi
                        and (first is None or hi >= first.isoformat())
                        and (last is None or lo <= last.isoformat()))  # fmt: skip
            assert got == plain, (first, last)


@pytest.mark.parametrize(
    "kw", [{"prefix": "t", "sort": "mentions"}, {"prefix": "s", "sort": "articles", "type": "PERSON"}]
)
def test_walking_an_index_and_sorting_the_matches_give_the_same_pages(store, monkeypatch, kw):
    pages = []
    for walk in (True, False):
        monkeypatch.setattr(browse_entities, "dense", lambda *_, walk=walk: walk)
        pages.append([store.list_entities(limit=1, offset=o, **kw) for o in range(4)])
    assert pages[0] == pages[1] and pages[0][0]["items"]


@pytest.mark.parametrize(
    "kw",
    [
        {"kind": "reported"},
        {"q": "Putin"},
        {"q": "treaty"},
        {"start": D(2019, 6, 10)},
        {"end": D(2019, 6, 10)},
        {"start": D(2019, 6, 1), "end": D(2019, 6, 1), "kind": "reported"},
    ],
)
def test_events_of_an_entity_are_the_events_listed_that_name_it(store, kw):
    putin = store.entity("Putin")["id"]
    every = [e for e in store.list_events(limit=50, **kw)["items"]
             if putin in {p["id"] for p in e["entities"]}]  # fmt: skip
    page = store.list_events(entity="Putin", **kw)
    assert page["items"] == every and page["total"] == len(every)


@pytest.mark.parametrize(
    "kw", [{"q": "Putin"}, {"q": "treaty"}, {"q": "arrive", "kind": "reported"}, {"q": "report"}]
)
def test_a_words_events_past_the_walk_are_sorted_in_the_same_order(store, monkeypatch, kw):
    walked = [store.list_events(limit=1, offset=o, **kw) for o in range(3)]
    monkeypatch.setattr(browse_records, "WALK", 1)
    assert [store.list_events(limit=1, offset=o, **kw) for o in range(3)] == walked


def test_ties_in_relevance_are_newest_first_then_by_id(stores, monkeypatch):
    s = stores.new()
    text = "Flood waters rose in the valley."  # the same text: the same score
    days = {"c": D(2020, 5, 2), "a": D(2020, 5, 2), "b": D(2020, 5, 9), "d": None, "e": D(2020, 5, 1)}
    s.save([Work(article=Article(i, "Flood", day, None, None, text)) for i, day in days.items()])
    expected = ["b", "a", "c", "e", "d"]  # undated last, as SQLite orders NULL descending
    pages = [[i["id"] for i in s.list_articles(q="flood", limit=2, offset=o)["items"]]
             for o in (0, 2, 4)]  # fmt: skip
    assert sum(pages, []) == expected
    monkeypatch.setattr(browse, "TIE_ROOM", 0)  # the ties run past what is fetched: SQL orders
    assert [i["id"] for i in s.list_articles(q="flood", limit=5)["items"]] == expected
    assert [h["id"] for h in s.search("flood waters")] == expected
    s.close()
