"""Timexes in the stores (SQLite and PostgreSQL): saved with their intervals, replaced on
update, searched by date."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import replace

import pytest

from dateline.records import Article, Timex, Work
from dateline.storage.migrations import MIGRATIONS
from dateline.storage.sql import statements as _statements
from dateline.storage.sqlite import HIT_CLOSE, HIT_OPEN, SQLiteStore

D = dt.date


def timexes_in(text: str, *values: tuple[str, str, str]) -> list[Timex]:
    """Timexes for (phrase, type, value) triples, with offsets found in ``text``."""
    out = []
    for phrase, type_, value in values:
        start = text.index(phrase)
        out.append(Timex(start, start + len(phrase), phrase, type_, value))
    return out


def work(
    i: int, text: str, *values: tuple[str, str, str], published: dt.date | None = None
) -> Work:
    art = Article(id=f"a{i}", title=f"Title {i}", published=published or D(2019, 6, i),
                  source="X", url=None, text=text)  # fmt: skip
    return Work(article=art, timexes=timexes_in(text, *values))


SPUTNIK = work(1, "Sputnik was launched on October 4, 1957, during the Cold War.",
               ("October 4, 1957", "DATE", "1957-10-04"))  # fmt: skip
SEVENTIES = work(2, "Inflation was higher in the 1970s, the minister said on Monday.",
                 ("the 1970s", "DATE", "197"), ("on Monday", "DATE", "2019-06-03"))  # fmt: skip
PLAN = work(3, "The treaty, signed in November 2019, runs for two years at 10 a.m. daily.",
            ("November 2019", "DATE", "2019-11"), ("two years", "DURATION", "P2Y"),
            ("10 a.m. daily", "SET", "XXXX-XX-XXT10:00"))  # fmt: skip
VAGUE = work(4, "A treaty was signed on November 7 and now is the time.",
             ("November 7", "DATE", "XXXX-11-07"), ("now", "DATE", "PRESENT_REF"))  # fmt: skip
CORPUS = [SPUTNIK, SEVENTIES, PLAN, VAGUE]


@pytest.fixture()
def store(stores):
    s = stores.new()
    s.save(CORPUS)
    yield s
    s.close()


def ids(rows) -> list[str]:
    return [r["id"] for r in rows]


def test_timexes_round_trip_in_text_order(tmp_path):
    text = "On Monday, a day after 7 November 2019, talks began at 3 p.m."
    late_first = list(reversed(timexes_in(
        text, ("On Monday", "DATE", "2019-11-11"), ("a day", "DURATION", "P1D"),
        ("7 November 2019", "DATE", "2019-11-07"), ("3 p.m.", "TIME", "2019-11-11T15:00"),
    )))  # fmt: skip
    late_first[0] = replace(late_first[0], mod="APPROX", anchor="2019-11-12")
    store = SQLiteStore(str(tmp_path / "t.db"), create=True)
    store.save([Work(article=work(1, text).article, timexes=late_first)])
    got = store.get_article("a1")["timexes"]
    assert [t["text"] for t in got] == ["On Monday", "a day", "7 November 2019", "3 p.m."]
    assert got == sorted((t.to_dict() for t in late_first), key=lambda t: t["start"])
    assert got[3]["mod"] == "APPROX" and got[3]["anchor"] == "2019-11-12"
    for t in got:
        assert text[t["start"] : t["end"]] == t["text"]


def test_each_row_stores_the_interval_its_value_covers(store):
    rows = store.conn.execute("SELECT value, lo, hi FROM timexes ORDER BY article_pk, seq")
    assert [tuple(r) for r in rows] == [
        ("1957-10-04", "1957-10-04", "1957-10-04"),
        ("197", "1970-01-01", "1979-12-31"),
        ("2019-06-03", "2019-06-03", "2019-06-03"),
        ("2019-11", "2019-11-01", "2019-11-30"),
        ("P2Y", None, None),
        ("XXXX-XX-XXT10:00", None, None),
        ("XXXX-11-07", None, None),
        ("PRESENT_REF", None, None),
    ]


def test_time_values_cover_their_day_and_mods_narrow_coarse_values(tmp_path):
    text = "At 3 p.m. they recalled the early 1990s."
    times = timexes_in(text, ("3 p.m.", "TIME", "2019-11-07T15:00"))
    times.append(
        Timex(text.index("the early"), len(text) - 1, "the early 1990s", "DATE", "199", "START")
    )
    store = SQLiteStore(str(tmp_path / "t.db"), create=True)
    store.save([Work(article=work(1, text).article, timexes=times)])
    rows = store.conn.execute("SELECT lo, hi FROM timexes ORDER BY seq").fetchall()
    assert [tuple(r) for r in rows] == [("2019-11-07", "2019-11-07"), ("1990-01-01", "1993-04-30")]


def test_resave_replaces_timexes_without_duplicates(store):
    store.save([SPUTNIK])
    store.save([work(1, "Sputnik was launched in 1957 and Gagarin flew in April 1961.",
                     ("1957", "DATE", "1957"), ("April 1961", "DATE", "1961-04"))])  # fmt: skip
    values = [t["value"] for t in store.get_article("a1")["timexes"]]
    assert values == ["1957", "1961-04"]
    count = store.conn.execute("SELECT COUNT(*) FROM timexes").fetchone()[0]
    assert count == 2 + 2 + 3 + 2  # the other articles' timexes are untouched
    store.save([work(1, "Nothing dated here.")])
    assert store.get_article("a1")["timexes"] == []
    assert store.search(mentions_from=D(1961, 1, 1), mentions_to=D(1961, 12, 31)) == []


def test_batch_failure_leaves_no_timexes(stores):
    store = stores.new()
    bad = work(9, "Broken in 2019.")
    bad.timexes = [None]  # type: ignore[list-item]
    with pytest.raises(AttributeError):
        store.save([SPUTNIK, bad])
    assert store.conn.execute("SELECT COUNT(*) FROM timexes").fetchone()[0] == 0


def test_summary_counts_timexes_by_type(store):
    s = store.summary()
    assert s["timexes"] == 8 and s["with_timexes"] == 4
    assert s["timex_types"] == {"DATE": 6, "DURATION": 1, "SET": 1}
    assert (s["first_mentioned"], s["last_mentioned"]) == ("1957-10-04", "2019-11-30")


def test_empty_store_summary_has_no_mentioned_range(stores):
    s = stores.new().summary()
    assert s["timexes"] == 0 and s["timex_types"] == {} and s["first_mentioned"] is None


@pytest.mark.parametrize(
    "first, last, expected",
    [
        ((1950, 1, 1), (1959, 12, 31), ["a1"]),            # the 1950s
        ((1957, 10, 4), (1957, 10, 4), ["a1"]),            # the very day
        ((1957, 10, 5), (1969, 12, 31), []),               # just after it, before the 1970s
        ((1979, 12, 31), (1980, 6, 1), ["a2"]),            # the last day of the 1970s overlaps
        ((1975, 1, 1), (1975, 1, 31), ["a2"]),             # a month inside the decade
        ((1950, 1, 1), (1979, 12, 31), ["a2", "a1"]),      # newest publication first
        ((2019, 11, 30), (2019, 12, 31), ["a3"]),          # the month's last day
        ((2019, 12, 1), (2030, 1, 1), []),                 # durations, sets, X values never match
        (None, (1960, 1, 1), ["a1"]),                      # open start
        ((2019, 1, 1), None, ["a3", "a2"]),                # open end
        (None, None, ["a4", "a3", "a2", "a1"]),            # no mentions filter at all
    ],
)  # fmt: skip
def test_search_by_mentioned_dates_overlaps(store, first, last, expected):
    got = store.search(mentions_from=D(*first) if first else None,
                       mentions_to=D(*last) if last else None)  # fmt: skip
    assert ids(got) == expected


def test_search_lists_only_the_matching_timexes(store):
    (row,) = store.search(mentions_from=D(2019, 11, 1), mentions_to=D(2019, 11, 30))
    assert row["timexes"] == [{"text": "November 2019", "value": "2019-11", "start": 22, "end": 35}]
    (seventies,) = store.search(mentions_from=D(1970, 1, 1), mentions_to=D(1979, 12, 31))
    assert [t["text"] for t in seventies["timexes"]] == ["the 1970s"]
    assert all(r["timexes"] == [] for r in store.search("treaty"))  # no mentions filter


def test_search_without_query_shows_the_mentioned_date_in_the_snippet(store):
    (row,) = store.search(mentions_from=D(1957, 1, 1), mentions_to=D(1957, 12, 31))
    assert f"{HIT_OPEN}October 4, 1957{HIT_CLOSE}" in row["snippet"]
    assert row["snippet"].startswith("Sputnik was launched")


def test_search_combines_query_entity_and_publication_filters(store):
    later = dict(mentions_from=D(2019, 1, 1))
    assert set(ids(store.search("treaty"))) == {"a3", "a4"}
    assert ids(store.search("treaty", **later)) == ["a3"]
    assert HIT_OPEN + "treaty" in store.search("treaty", **later)[0]["snippet"].lower()
    assert ids(store.search("", **later)) == ["a3", "a2"]
    assert ids(store.search(None, end=D(2019, 6, 2), **later)) == ["a2"]
    assert ids(store.search("minister", start=D(2019, 6, 3), **later)) == []
    assert store.search("treaty", entity="Nobody", **later) == []


def test_a_sqlite_v1_database_is_migrated_in_place(tmp_path):
    db = tmp_path / "v1.db"
    (version, name, sql) = MIGRATIONS[0]
    with sqlite3.connect(db) as c:  # a database as the first release left it
        c.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY,"
                  " name TEXT NOT NULL, applied_at TEXT NOT NULL)")  # fmt: skip
        for statement in _statements(sql):
            c.execute(statement)
        c.execute("INSERT INTO schema_migrations VALUES (?, ?, 'then')", (version, name))
        c.execute("INSERT INTO articles (id, text, content_hash, published, ingested_at)"
                  " VALUES ('old', 'Stored before timexes.', 'h', '2019-01-01', 'then')")  # fmt: skip
    store = SQLiteStore(str(db))
    assert store.schema_version() == max(v for v, _, _ in MIGRATIONS) >= 2
    tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
    assert {"timexes", "timexes_range"} <= tables
    old = store.get_article("old")
    assert old["text"] == "Stored before timexes." and old["timexes"] == []
    assert ids(store.search("stored")) == ["old"]
    store.save([SPUTNIK])
    assert ids(store.search(mentions_to=D(1960, 1, 1))) == ["a1"]
    store.close()
    again = SQLiteStore(str(db))  # reopening applies nothing twice
    versions = [r[0] for r in again.conn.execute("SELECT version FROM schema_migrations")]
    assert versions == [v for v, _, _ in MIGRATIONS]
    again.close()


def test_deleting_an_article_deletes_its_timexes(store):
    store.conn.execute("DELETE FROM articles WHERE id = 'a1'")
    assert store.conn.execute("SELECT COUNT(*) FROM timexes").fetchone()[0] == 7
