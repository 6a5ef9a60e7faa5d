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
from collections.abc import Mapping, Sequence
from typing import Any

from dateline.records import Event, Trigger
from dateline.storage.db import Connection
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
    conn: Connection,
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


def _event(row: Any) -> Event:
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


def article_events(conn: Connection, article_pk: int) -> list[dict[str, Any]]:
    """One article's events in the JSON contract (:meth:`Event.to_dict`), in text order."""
    sql = 'SELECT * FROM events WHERE article_pk = ? ORDER BY start, "end", seq'
    return [_event(row).to_dict() for row in conn.execute(sql, (article_pk,))]


def event_counts(conn: Connection) -> dict[str, Any]:
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
