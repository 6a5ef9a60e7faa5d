"""Events in the SQLite store: writing them and reading them back.

Like quotes, an event keeps its participants twice: ``participants`` as the
article's own entity ids (the JSON contract) and a row per global entity in
``event_entities`` (with the event's interval, migration 7), so "events involving
Putin", newest first, is one index range. ``lo``/``hi``
are the calendar interval of the event's date (see
:func:`dateline.temporal.ranges.value_range`), the same overlap test as timexes.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Mapping, Sequence
from typing import Any

from dateline.records import Event, Trigger
from dateline.temporal.ranges import value_range

#: The stored columns after ``article_pk, seq``, in :func:`event_row` order.
COLUMNS = (
    "start", '"end"', "text", "trigger_start", "trigger_end", "trigger_text", "trigger_lemma",
    "date", "date_mod", "basis", "lo", "hi", "kind", "participants",
    "sentence_start", "sentence_end", "confidence",
)  # fmt: skip


def event_row(e: Event) -> tuple[object, ...]:
    """An event's columns (:data:`COLUMNS`).

    Example:
        >>> ev = Event(0, 6, "signed", Trigger(0, 6, "signed", "sign"), "1956", None,
        ...            "timex", "background", ("e1",), (0, 6), 0.9)
        >>> event_row(ev)[7:12]
        ('1956', None, 'timex', '1956-01-01', '1956-12-31')
    """
    interval = value_range(e.date, e.date_mod) if e.date else None
    lo, hi = (interval[0].isoformat(), interval[1].isoformat()) if interval else (None, None)
    t = e.trigger
    return (
        e.start, e.end, e.text, t.start, t.end, t.text, t.lemma,
        e.date, e.date_mod, e.basis, lo, hi, e.kind, json.dumps(list(e.participants)),
        e.sentence[0], e.sentence[1], e.confidence,
    )  # fmt: skip


def insert_events(
    conn: sqlite3.Connection,
    article_pk: int,
    events: Sequence[Event],
    entity_ids: Mapping[str, int],
) -> None:
    """Store one article's events and their participants (the article row is fresh)."""
    marks = ", ".join("?" * (len(COLUMNS) + 2))
    sql = f"INSERT INTO events (article_pk, seq, {', '.join(COLUMNS)}) VALUES ({marks})"
    for seq, event in enumerate(events):
        row = event_row(event)
        cur = conn.execute(sql, (article_pk, seq, *row))
        lo, hi = row[COLUMNS.index("lo")], row[COLUMNS.index("hi")]
        conn.executemany(
            "INSERT OR IGNORE INTO event_entities (event_id, entity_id, lo, hi)"
            " VALUES (?, ?, ?, ?)",
            [(cur.lastrowid, entity_ids[p], lo, hi) for p in event.participants if p in entity_ids],
        )


def _event(row: sqlite3.Row) -> Event:
    return Event(
        start=row["start"],
        end=row["end"],
        text=row["text"],
        trigger=Trigger(
            row["trigger_start"], row["trigger_end"], row["trigger_text"], row["trigger_lemma"]
        ),
        date=row["date"],
        date_mod=row["date_mod"],
        basis=row["basis"],
        kind=row["kind"],
        participants=tuple(json.loads(row["participants"])),
        sentence=(row["sentence_start"], row["sentence_end"]),
        confidence=row["confidence"],
    )


def article_events(conn: sqlite3.Connection, article_pk: int) -> list[dict[str, Any]]:
    """One article's events in the JSON contract (:meth:`Event.to_dict`), in text order."""
    sql = 'SELECT * FROM events WHERE article_pk = ? ORDER BY start, "end", seq'
    return [_event(row).to_dict() for row in conn.execute(sql, (article_pk,))]


def event_counts(conn: sqlite3.Connection) -> dict[str, Any]:
    """``events``, ``event_kinds`` (most frequent first) and ``dated_events`` (by a timex)."""
    kinds = {
        r[0]: r[1]
        for r in conn.execute(
            "SELECT kind, COUNT(*) FROM events GROUP BY kind ORDER BY COUNT(*) DESC, kind"
        )
    }
    dated = conn.execute("SELECT COUNT(*) FROM events WHERE basis = 'timex'").fetchone()[0]
    return {"events": sum(kinds.values()), "event_kinds": kinds, "dated_events": dated}


def fts_terms(query: str) -> list[str]:
    """The words and quoted phrases of a user's query, each quoted for FTS5."""
    return [f'"{phrase or word}"' for phrase, word in re.findall(r'"([^"]+)"|(\w+)', query)]


def fts_any(query: str) -> str:
    """A safe FTS5 query matching any of the words or quoted phrases of ``query``.

    Example:
        >>> fts_any('peace treaty "Kuril Islands"')
        '"peace" OR "treaty" OR "Kuril Islands"'
    """
    return " OR ".join(fts_terms(query))


def timeline_rows(
    conn: sqlite3.Connection,
    *,
    match: str,
    start: str | None,
    end: str | None,
    entity_ids: Sequence[int] | None,
    article_pks: Sequence[int] | None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The material of a timeline: dated events of the matching articles, and those articles.

    Args:
        match: An FTS5 query the articles must match (``""``: every article).
        start: Keep events whose date interval ends on or after this ISO day
            (and articles published on or after it).
        end: Keep events whose interval starts on or before this ISO day.
        entity_ids: When given, ``involved`` says whether an event names one of them;
            without ``match``, only the articles naming one of them are read.
        article_pks: When given, only these articles (a story).

    Returns:
        ``(events, articles)``: one dict per event with its sentence text and article
        fields; one dict per matching article (``pk``, ``published``).
    """
    where = ["1 = 1"]
    params: list[object] = []
    if match:
        where.append("a.pk IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
        params.append(match)
    if article_pks is not None:
        where.append(f"a.pk IN ({', '.join('?' * len(article_pks))})")
        params.extend(article_pks)
    elif not match and entity_ids:
        # An entity's timeline without words: its events are in the articles naming it
        # (not every article of the store).
        marks = ", ".join("?" * len(entity_ids))
        where.append(
            f"a.pk IN (SELECT article_pk FROM article_entities WHERE entity_id IN ({marks}))"
        )
        params.extend(entity_ids)
    article_where, article_params = list(where), list(params)
    if start:
        where.append("e.hi >= ?")
        params.append(start)
    if end:
        where.append("e.lo <= ?")
        params.append(end)
    involved = "0"
    if entity_ids:
        marks = ", ".join("?" * len(entity_ids))
        involved = (
            "EXISTS (SELECT 1 FROM event_entities x WHERE x.event_id = e.id"
            f" AND x.entity_id IN ({marks}))"
        )
        params = [*entity_ids, *params]
    sql = (
        f"SELECT e.id, e.article_pk, e.date, e.date_mod, e.basis, e.kind, e.confidence,"
        f" e.sentence_start, e.sentence_end, e.trigger_lemma, {involved} AS involved,"
        " SUBSTR(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence,"
        " a.id AS article_id, a.title, a.published, a.source"
        " FROM events e JOIN articles a ON a.pk = e.article_pk"
        f" WHERE e.lo IS NOT NULL AND {' AND '.join(where)}"
        " ORDER BY e.article_pk, e.sentence_start, e.seq"
    )
    events = [dict(r) for r in conn.execute(sql, params)]
    if start:
        article_where.append("a.published >= ?")
        article_params.append(start)
    if end:
        article_where.append("a.published <= ?")
        article_params.append(end)
    articles = [
        dict(r)
        for r in conn.execute(
            f"SELECT a.pk, a.published FROM articles a WHERE {' AND '.join(article_where)}",
            article_params,
        )
    ]
    return events, articles
