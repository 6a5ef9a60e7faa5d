"""Quotes in the stores (SQLite and PostgreSQL): round trip, speakers resolved to global entities, the query."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from dateline.protocols import Store
from dateline.records import Article, Cue, Entity, Mention, Quote, Speaker, Work
from dateline.storage.migrations import MIGRATIONS
from dateline.storage.sql import statements as _statements
from dateline.storage.sql_store import SQLStore
from dateline.storage.sqlite import SQLiteStore
from tests.storage.stores import check_text_index

D = dt.date


def span(text: str, phrase: str, after: int = 0) -> tuple[int, int]:
    start = text.index(phrase, after)
    return start, start + len(phrase)


def quote(
    text: str,
    content: str | tuple[str, ...],
    kind: str,
    *,
    cue: str | None = "said",
    speaker: tuple[str, str | None] | None = None,
    said: str | None = None,
    said_mod: str | None = None,
) -> Quote:
    """A quote over ``content`` (one phrase, or fragments in order) found in ``text``."""
    pieces = (content,) if isinstance(content, str) else content
    fragments, after = [], 0
    for piece in pieces:
        fragments.append(span(text, piece, after))
        after = fragments[-1][1]
    start, end = fragments[0][0], fragments[-1][1]
    c = None
    if cue:
        c = Cue(*span(text, cue), cue, "say")
    s = None
    if speaker:
        s = Speaker(*span(text, speaker[0]), speaker[0], speaker[1])
    return Quote(start, end, text[start:end], kind, tuple(fragments), c, s, said, said_mod, 0.9)


def person(text: str, local: str, name: str, *aliases: str, roles=(), affiliation=None) -> Entity:
    mentions = [Mention(*span(text, name), name)] if name in text else []
    mentions += [Mention(*span(text, a), a, kind="alias") for a in aliases]
    return Entity(local, name, "PERSON", name.casefold(), tuple(roles), affiliation,
                  tuple(mentions))  # fmt: skip


def article(i: str, text: str, published: dt.date | None, title: str | None = None) -> Article:
    return Article(id=i, title=title or f"Title {i}", published=published, source="X", url=None,
                   text=text)  # fmt: skip


T1 = ('Vladimir Putin said on Tuesday: "We are ready to sign a peace treaty with Japan." '
      "Officials said talks would continue.")  # fmt: skip
PUTIN_2019 = Work(
    article=article("a1", T1, D(2019, 11, 7)),
    entities=[person(T1, "e1", "Vladimir Putin", roles=("President",), affiliation="Russia")],
    quotes=[
        quote(T1, "We are ready to sign a peace treaty with Japan.", "direct",
              speaker=("Vladimir Putin", "e1"), said="2019-11-05"),
        quote(T1, "talks would continue", "indirect", cue="said talks",
              speaker=("Officials", None), said="2019-11-07"),
    ],
)  # fmt: skip

T2 = ("Japanese Prime Minister Shinzo Abe said the islands were Japanese. "
      "Abe has said many times that the dispute must end.")  # fmt: skip
ABE = Work(
    article=article("a2", T2, D(2019, 6, 3)),
    entities=[person(T2, "e1", "Shinzo Abe", "Abe", roles=("Prime Minister",),
                     affiliation="Japan")],
    quotes=[
        quote(T2, "the islands were Japanese", "indirect", speaker=("Shinzo Abe", "e1")),
        quote(T2, "the dispute must end", "indirect", cue="has said",
              speaker=("Abe has", "e1"), said="2019-06-03", said_mod="REPEATED"),
    ],
)  # fmt: skip

T3 = 'Putin recalled 1956. "It was a historic step," he said, "for both nations."'
PUTIN_2020 = Work(
    article=article("a3", T3, D(2020, 2, 10)),
    entities=[  # another local id, no role in this article
        Entity("e2", "Vladimir Putin", "PERSON", "vladimir putin",
               mentions=(Mention(0, 5, "Putin", kind="alias"),)),
    ],
    quotes=[quote(T3, ("It was a historic step,", "for both nations."), "direct",
                  speaker=("he", "e2"), said="2020-01")],
)  # fmt: skip

T4 = "Someone said the weather was fine."
UNDATED = Work(
    article=article("a4", T4, None),
    quotes=[quote(T4, "the weather was fine", "indirect", speaker=("Someone", "e9"))],
)
CORPUS = [PUTIN_2019, ABE, PUTIN_2020, UNDATED]


@pytest.fixture()
def store(stores):
    s = stores.new()
    s.save(CORPUS)
    return s


def found(rows) -> list[tuple[str, str]]:
    return [(r["article_id"], r["text"]) for r in rows]


def count(store: SQLStore, sql: str = "SELECT COUNT(*) FROM quotes") -> int:
    return store.conn.execute(sql).fetchone()[0]


def test_quotes_round_trip_in_text_order(stores):
    store = stores.new()
    backwards = Work(article=PUTIN_2019.article, entities=PUTIN_2019.entities,
                     quotes=list(reversed(PUTIN_2019.quotes)))  # fmt: skip
    store.save([backwards, PUTIN_2020])
    got = store.get_article("a1")["quotes"]
    assert got == [q.to_dict() for q in PUTIN_2019.quotes]
    assert got[0]["speaker"]["entity"] == "e1"  # the contract keeps the article's own id
    assert got[1]["speaker"] == {"entity": None, "start": 82, "end": 91, "text": "Officials"}
    (split,) = store.get_article("a3")["quotes"]
    assert [T3[f["start"] : f["end"]] for f in split["fragments"]] == [
        "It was a historic step,", "for both nations."
    ]  # fmt: skip
    for q in got + [split]:
        assert T1[q["start"] : q["end"]] == q["text"] or T3[q["start"] : q["end"]] == q["text"]


def test_quote_without_cue_or_speaker_round_trips(stores):
    store = stores.new()
    bare = Quote(0, 7, "Enough.", "direct", ((0, 7),))
    store.save([Work(article=article("b", "Enough.", None), quotes=[bare])])
    assert store.get_article("b")["quotes"] == [bare.to_dict()]


def test_speakers_resolve_to_the_global_entity(store):
    rows = store.conn.execute(
        "SELECT a.id, q.speaker_local, e.name FROM quotes q JOIN articles a ON a.pk = q.article_pk"
        " LEFT JOIN entities e ON e.id = q.speaker_entity ORDER BY a.id, q.seq"
    )
    assert [tuple(r) for r in rows] == [
        ("a1", "e1", "Vladimir Putin"),
        ("a1", None, None),             # "Officials": named, not an entity
        ("a2", "e1", "Shinzo Abe"),     # the same local id, another entity
        ("a2", "e1", "Shinzo Abe"),
        ("a3", "e2", "Vladimir Putin"),  # another local id, the same entity
        ("a4", "e9", None),             # a local id the article does not have
    ]  # fmt: skip


def test_each_row_stores_the_interval_said(store):
    rows = store.conn.execute("SELECT said, said_mod, said_lo, said_hi FROM quotes ORDER BY id")
    assert [tuple(r) for r in rows] == [
        ("2019-11-05", None, "2019-11-05", "2019-11-05"),
        ("2019-11-07", None, "2019-11-07", "2019-11-07"),
        (None, None, None, None),
        ("2019-06-03", "REPEATED", "2019-06-03", "2019-06-03"),
        ("2020-01", None, "2020-01-01", "2020-01-31"),
        (None, None, None, None),
    ]


def test_resave_replaces_quotes_without_duplicates(store):
    store.save([PUTIN_2019])
    assert count(store) == 6
    T = 'Vladimir Putin said: "Talks on the treaty will go on."'
    changed = Work(article=article("a1", T, D(2019, 11, 7)), entities=PUTIN_2019.entities,
                   quotes=[quote(T, "Talks on the treaty will go on.", "direct",
                                 speaker=("Vladimir Putin", "e1"))])  # fmt: skip
    store.save([changed])
    assert [q["text"] for q in store.get_article("a1")["quotes"]] == [
        "Talks on the treaty will go on."
    ]
    assert count(store) == 5  # the other articles' quotes are untouched
    assert found(store.quotes(about="Japan")) == []  # nothing stale in the text index
    assert found(store.quotes(about="treaty")) == [("a1", "Talks on the treaty will go on.")]
    store.save([Work(article=article("a1", "Nothing said.", D(2019, 11, 7)))])
    assert store.get_article("a1")["quotes"] == [] and count(store) == 4
    check_text_index(store, "quotes")


def test_batch_failure_leaves_no_quotes(stores):
    store = stores.new()
    bad = Work(article=article("bad", "Broken.", None), quotes=[None])  # type: ignore[list-item]
    with pytest.raises(AttributeError):
        store.save([PUTIN_2019, bad])
    assert count(store) == 0
    if stores.kind == "sqlite":
        assert count(store, "SELECT COUNT(*) FROM quotes_fts") == 0


def test_deleting_an_article_deletes_its_quotes_and_their_index(store):
    store.conn.execute("DELETE FROM articles WHERE id = 'a1'")
    assert count(store) == 4
    assert store.quotes(about="peace") == []
    check_text_index(store, "quotes")


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Vladimir Putin", ["a3", "a1"]),    # full name, newest said first
        ("vladimir  PUTIN", ["a3", "a1"]),   # normalised like entities(name=...)
        ("Putin", ["a3", "a1"]),             # surname
        ("Shinzo Abe", ["a2", "a2"]),
        ("Abe", ["a2", "a2"]),               # alias, as mentioned
        ("Officials", ["a1"]),               # unresolved speaker, as written
        ("Someone", ["a4"]),
        ("Vladimir", []),                    # a first name alone is not a surname
        ("Nobody", []),
        ("%", []),                           # LIKE wildcards are literal
    ],
)  # fmt: skip
def test_quotes_by_speaker(store, name, expected):
    assert [r["article_id"] for r in store.quotes(speaker=name)] == expected


def test_quote_rows_name_the_speaker_with_a_role(store):
    a3, a1 = store.quotes(speaker="Putin")
    assert a1["speaker"]["name"] == "Vladimir Putin" and a1["speaker"]["text"] == "Vladimir Putin"
    assert (a1["speaker"]["role"], a1["speaker"]["affiliation"]) == ("President", "Russia")
    # a3 gives Putin no role: his most frequent one elsewhere fills in
    assert a3["speaker"]["text"] == "he" and a3["speaker"]["name"] == "Vladimir Putin"
    assert (a3["speaker"]["role"], a3["speaker"]["affiliation"]) == ("President", "Russia")
    assert a3["speaker"]["entity"] == "e2"  # the article's own id; the global one is shared
    assert a3["speaker"]["entity_id"] == a1["speaker"]["entity_id"]
    assert (a3["article_id"], a3["title"], a3["published"]) == ("a3", "Title a3", "2020-02-10")
    assert a3["said"] == {"value": "2020-01", "mod": None} and a3["kind"] == "direct"
    assert [f["text"] for f in a3["fragments"]] == ["It was a historic step,", "for both nations."]
    assert a3["cue"] == {"start": 50, "end": 54, "text": "said", "lemma": "say"}
    assert (a3["start"], a3["end"]) == (22, 74) and T3[22:74] == a3["text"]
    (officials,) = store.quotes(speaker="officials")
    assert officials["speaker"]["name"] == "Officials" and officials["speaker"]["entity_id"] is None
    assert officials["speaker"]["role"] is None


def test_quotes_about_words_stemmed_and_phrases(store):
    assert found(store.quotes(about="peace treaty")) == [
        ("a1", "We are ready to sign a peace treaty with Japan.")
    ]
    assert found(store.quotes(about="treaties")) == found(store.quotes(about="treaty"))
    assert found(store.quotes(about='"historic step"')) == [("a3", T3[22:74])]
    assert store.quotes(about='"step historic"') == []
    assert [r["article_id"] for r in store.quotes(about="Japanese")] == ["a2"]
    assert store.quotes(about="Japan", speaker="Abe") == []
    everything = [r["article_id"] for r in store.quotes()]
    assert [r["article_id"] for r in store.quotes(about="!!")] == everything  # no words: no filter


@pytest.mark.parametrize(
    "first, last, expected",
    [
        ((2019, 11, 5), (2019, 11, 5), [("a1", "direct")]),         # the day said, not published
        ((2019, 11, 6), (2019, 11, 30), [("a1", "indirect")]),
        ((2020, 1, 31), (2020, 2, 29), [("a3", "direct")]),         # the month said overlaps
        ((2020, 2, 1), (2020, 12, 31), []),                          # said before its publication
        ((2019, 6, 3), (2019, 6, 3), [("a2", "indirect")] * 2),     # said NULL: the published date
        ((2019, 6, 4), (2019, 10, 31), []),
        ((2019, 1, 1), None, [("a3", "direct"), ("a1", "indirect"), ("a1", "direct"),
                              ("a2", "indirect"), ("a2", "indirect")]),  # never the undated a4
        (None, (2019, 6, 30), [("a2", "indirect")] * 2),
    ],
)  # fmt: skip
def test_quotes_by_date_said(store, first, last, expected):
    rows = store.quotes(start=D(*first) if first else None, end=D(*last) if last else None)
    assert [(r["article_id"], r["kind"]) for r in rows] == expected


def test_quotes_combines_filters_and_limits(store):
    rows = store.quotes(speaker="Putin", start=D(2019, 1, 1), end=D(2019, 12, 31))
    assert found(rows) == [("a1", "We are ready to sign a peace treaty with Japan.")]
    assert len(store.quotes(limit=2)) == 2 and len(store.quotes()) == 6
    assert store.quotes(speaker="Putin", about="historic", end=D(2019, 12, 31)) == []


def test_summary_counts_quotes(store, stores):
    s = store.summary()
    assert (s["quotes"], s["with_quotes"], s["quotes_with_speaker"]) == (6, 4, 4)
    assert s["quote_kinds"] == {"indirect": 4, "direct": 2}
    empty = stores.new().summary()
    assert (empty["quotes"], empty["quote_kinds"], empty["quotes_with_speaker"]) == (0, {}, 0)


def test_the_store_still_meets_its_protocol(store):
    assert isinstance(store, Store)


def test_a_sqlite_v2_database_is_migrated_in_place(tmp_path):
    db = tmp_path / "v2.db"
    with sqlite3.connect(db) as c:  # a database as the timexes release left it
        c.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY,"
                  " name TEXT NOT NULL, applied_at TEXT NOT NULL)")  # fmt: skip
        for version, name, sql in MIGRATIONS[:2]:
            assert version <= 2
            for statement in _statements(sql):
                c.execute(statement)
            c.execute("INSERT INTO schema_migrations VALUES (?, ?, 'then')", (version, name))
        c.execute("INSERT INTO articles (id, text, content_hash, published, ingested_at)"
                  " VALUES ('old', 'Stored before quotes.', 'h', '2019-01-01', 'then')")  # fmt: skip
    store = SQLiteStore(str(db))
    assert store.schema_version() == max(v for v, _, _ in MIGRATIONS) >= 3
    names = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
    assert {"quotes", "quotes_fts", "quotes_speaker", "quotes_said"} <= names
    assert store.get_article("old")["quotes"] == [] and store.quotes() == []
    assert store.summary()["quotes"] == 0
    store.save([PUTIN_2019])
    assert [r["article_id"] for r in store.quotes(speaker="Putin", about="peace")] == ["a1"]
    store.close()
    again = SQLiteStore(str(db))  # reopening applies nothing twice
    versions = [r[0] for r in again.conn.execute("SELECT version FROM schema_migrations")]
    assert versions == [v for v, _, _ in MIGRATIONS]
    assert again.get_article("old")["text"] == "Stored before quotes."
    again.close()
