"""Paged lists of quotes, events and stories, and one story's page.

Pages are :func:`dateline.storage.browse.page` dicts. Quotes are listed by the
interval they are dated by (``day_lo``, indexed), events by their own date
(``events_range``), stories by size (``stories_size``), so a page reads an index
and stops; totals are counts over the same indexes.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from dateline.errors import ConfigError, E
from dateline.records import EVENT_KINDS, QUOTE_KINDS, Event, Trigger
from dateline.storage.browse import (
    check_choice,
    check_page,
    fts_query,
    page,
)
from dateline.storage.db import PG_MATCH, Connection, is_postgres
from dateline.storage.entity_records import find_entities
from dateline.storage.quotes import count_quote_items, count_quotes, select_quotes
from dateline.storage.sql import ids_json, overlap
from dateline.storage.stories import (
    count_stories,
    select_stories,
    select_story_articles,
    story_record,
)


def list_quotes(
    conn: Connection,
    *,
    speaker: str | None = None,
    about: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    kind: str | None = None,
    min_confidence: float | None = None,
    limit: int = 50,
    offset: int = 0,
) -> dict[str, Any]:
    """One page of ``SQLiteStore.quotes``: the same filters, order and items, with a total
    (a quote reprinted in copies of one story is one item, see ``select_quotes``).

    Args:
        speaker: As for ``SQLiteStore.quotes``: an entity's name, surname or alias.
        about: Words and ``"quoted phrases"`` that must all occur in the quote.
        start: Said (or, undated, published) on or after this day.
        end: Said (or, undated, published) on or before this day.
        kind: One stored kind: ``direct``, ``indirect`` or ``mixed``.
        min_confidence: Only quotes found with at least this confidence (0 to 1).
        limit: Quotes per page, 1 to ``MAX_LIMIT``.
        offset: Quotes skipped before the page.

    Raises:
        ConfigError: a bad limit or offset (``DL208``), kind (``DL209``) or
            confidence (``DL204``).
    """
    check_page(limit, offset)
    if kind is not None:
        check_choice("kind", kind, QUOTE_KINDS)
    if min_confidence is not None and (
        isinstance(min_confidence, bool)
        or not isinstance(min_confidence, int | float)
        or not 0 <= min_confidence <= 1
    ):
        raise ConfigError(E.BAD_OPTION, detail="min_confidence must be a number from 0 to 1")
    filters: dict[str, Any] = {
        "speaker": speaker,
        "speaker_ids": find_entities(conn, speaker) if speaker else None,
        "match": fts_query(about or ""),
        "start": start,
        "end": end,
        "kind": kind,
        "min_confidence": min_confidence,
    }
    total = count_quote_items(conn, count_quotes(conn, **filters), **filters)
    items = select_quotes(conn, **filters, limit=limit, offset=offset) if total > offset else []
    return page(total, limit, offset, items)


# -- events ---------------------------------------------------------------------------

#: The order events are listed in (newest first, undated last): ``events_range``'s, and
#: ``events_kind``'s within a kind, read backwards.
_NEWEST = "e.lo DESC, e.hi DESC, e.id DESC"
#: Newest events searched for a page of a word's events before sorting all its events.
WALK = 100_000


def _event_hits(conn: Connection) -> str:
    """SQL of the ids of the events a safe FTS5 query (one parameter) matches."""
    if is_postgres(conn):
        return f"SELECT id FROM events WHERE tsv @@ {PG_MATCH}"
    return "SELECT rowid FROM events_fts WHERE events_fts MATCH ?"


def list_events(
    conn: Connection,
    *,
    q: str | None = None,
    entity: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    kind: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> dict[str, Any]:
    """One page of stored events by their date, newest first (undated ones last).

    Args:
        q: Words and ``"quoted phrases"`` that must all occur in the event's
            clause or trigger word (stemmed, through ``events_fts``; the rest of
            the sentence is not searched).
        entity: Only events naming this entity (name, surname or id).
        start: Only events whose date interval ends on or after this day.
        end: Only events whose date interval starts on or before this day.
        kind: ``background``, ``reported`` or ``scheduled``.
        limit: Events per page, 1 to ``MAX_LIMIT``.
        offset: Events skipped before the page.

    Returns:
        ``{"total", "limit", "offset", "items"}``; each item the event's JSON
        contract (:meth:`dateline.records.Event.to_dict`: ``start``, ``end``,
        ``text``, ``trigger``, ``date`` — here with ``lo``/``hi``, its calendar
        interval —, ``participants``, ``kind``, ``sentence`` — here with its
        ``text`` —, ``confidence``) with ``id``, ``article_id``, ``title``,
        ``published`` and ``entities`` (the participants' global ``id``,
        ``name`` and ``type``).

    Raises:
        ConfigError: a bad limit or offset (``DL208``) or kind (``DL209``).
    """
    check_page(limit, offset)
    if kind is not None:
        check_choice("kind", kind, EVENT_KINDS)
    match = fts_query(q or "")
    ids = find_entities(conn, entity) if entity else None
    dated = start is not None or end is not None
    if ids is not None:
        total, named = _entity_events(conn, ids, match, start, end, kind, limit, offset)
        return page(total, limit, offset, _event_items(conn, named))
    terms: list[str] = []  # besides the words
    params: list[object] = []
    if kind is not None:
        terms.append("e.kind = ?")
        params.append(kind)
    if start is not None:
        terms.append("e.hi >= ?")
        params.append(start.isoformat())
    if end is not None:
        terms.append("e.lo <= ?")
        params.append(end.isoformat())
    # From the text index when there are words (no list of its matches to build first).
    source, values = "events e", list(params)
    postgres = is_postgres(conn)
    if match and postgres:
        terms.insert(0, f"e.tsv @@ {PG_MATCH}")
        values.insert(0, match)
    elif match:
        source = "events_fts JOIN events e ON e.id = events_fts.rowid"
        terms.insert(0, "events_fts MATCH ?")
        values.insert(0, match)
    clause = " WHERE " + " AND ".join(terms) if terms else ""
    count, counted = f"SELECT COUNT(*) FROM {source}{clause}", values
    if match and len(terms) == 1 and not postgres:  # the text index alone
        count = "SELECT COUNT(*) FROM events_fts WHERE events_fts MATCH ?"
    elif dated:  # two index ranges, not every event before ``end``
        span, counted = overlap("e.lo", "e.hi", start, end, also="e.kind = ?" if kind else "",
                                also_params=[kind] if kind else [])  # fmt: skip
        if match:
            span = f"e.id IN ({_event_hits(conn)}) AND " + span
            counted = [match, *counted]
        count = f"SELECT COUNT(*) FROM events e WHERE {span}"
    total = int(conn.execute(count, counted).fetchone()[0])
    if total <= offset:
        return page(total, limit, offset, [])
    found: list[int] = []
    if match and not dated:
        # The newest WALK events hold the page when the words are common: read
        # them in order and keep the matches, rather than sort every match.
        index, only = ("events_kind", " WHERE kind = ?") if kind else ("events_range", "")
        newest = (
            f"SELECT id, lo, hi FROM events INDEXED BY {index}{only}"
            f" ORDER BY lo DESC, hi DESC, id DESC LIMIT {WALK}"
        )
        found = [
            r[0]
            for r in conn.execute(
                f"SELECT e.id FROM ({newest}) e WHERE e.id IN ({_event_hits(conn)})"
                f" ORDER BY {_NEWEST} LIMIT ? OFFSET ?",
                [*params, match, limit, offset],
            )
        ]
        if len(found) < min(limit, total - offset):
            found = []  # the page runs past the walk: sort every match
    if not found:
        sql = f"SELECT e.id FROM {source}{clause} ORDER BY {_NEWEST} LIMIT ? OFFSET ?"
        found = [r[0] for r in conn.execute(sql, [*values, limit, offset])]
    return page(total, limit, offset, _event_items(conn, found))


def _entity_events(
    conn: Connection,
    ids: list[int],
    match: str,
    start: dt.date | None,
    end: dt.date | None,
    kind: str | None,
    limit: int,
    offset: int,
) -> tuple[int, list[int]]:
    """The total and a page of the events naming one of ``ids``, read along
    ``event_entities_entity`` (the entity's events in date order)."""
    where = [f"x.entity_id IN ({','.join('?' * len(ids))})"]
    params: list[object] = list(ids)
    if start is not None:
        where.append("x.hi >= ?")
        params.append(start.isoformat())
    if end is not None:
        where.append("x.lo <= ?")
        params.append(end.isoformat())
    joins = " JOIN events e ON e.id = x.event_id" if kind is not None else ""
    if match:
        where.append(f"x.event_id IN ({_event_hits(conn)})")
        params.append(match)
    if kind is not None:
        where.append("e.kind = ?")
        params.append(kind)
    source = f"FROM event_entities x{joins} WHERE " + " AND ".join(where)
    total = int(conn.execute(f"SELECT COUNT(DISTINCT x.event_id) {source}", params).fetchone()[0])
    if total <= offset:
        return total, []
    # One of several entities may be named twice in an event: each event once.
    found = conn.execute(
        f"SELECT DISTINCT x.event_id, x.lo, x.hi {source}"
        " ORDER BY x.lo DESC, x.hi DESC, x.event_id DESC LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return total, [r[0] for r in found]


def _event_items(conn: Connection, ids: list[int]) -> list[dict[str, Any]]:
    """Events ``ids`` in that order: the JSON contract with their article and entities."""
    found: dict[int, dict[str, Any]] = {}
    for row in conn.execute(
        "SELECT e.*, a.id AS article_id, a.title, a.published,"
        " substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence_text"
        " FROM events e JOIN articles a ON a.pk = e.article_pk"
        " WHERE e.id IN (SELECT value FROM json_each(?))",
        (ids_json(ids),),
    ):
        event = Event(
            start=row["start"], end=row["end"], text=row["text"],
            trigger=Trigger(row["trigger_start"], row["trigger_end"], row["trigger_text"],
                            row["trigger_lemma"]),
            date=row["date"], date_mod=row["date_mod"], basis=row["basis"], kind=row["kind"],
            participants=tuple(json.loads(row["participants"])),
            sentence=(row["sentence_start"], row["sentence_end"]),
            confidence=row["confidence"],
        ).to_dict()  # fmt: skip
        event["sentence"]["text"] = row["sentence_text"]
        event["date"].update(lo=row["lo"], hi=row["hi"])
        found[row["id"]] = {
            "id": row["id"],
            "article_id": row["article_id"],
            "title": row["title"],
            "published": row["published"],
            **event,
            "entities": [],
        }
    for event_id, entity_id, name, type_ in conn.execute(
        "SELECT x.event_id, en.id, en.name, en.type FROM event_entities x"
        " JOIN entities en ON en.id = x.entity_id"
        " WHERE x.event_id IN (SELECT value FROM json_each(?)) ORDER BY en.name, en.id",
        (ids_json(ids),),
    ):
        found[event_id]["entities"].append({"id": entity_id, "name": name, "type": type_})
    return [found[i] for i in ids]


# -- stories --------------------------------------------------------------------------


def list_stories(
    conn: Connection,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    limit: int = 20,
    offset: int = 0,
) -> dict[str, Any]:
    """One page of the stories overlapping [start, end], largest first (see ``Store.stories``).

    Raises:
        ConfigError: a bad limit or offset (``DL208``).
    """
    check_page(limit, offset)
    total = count_stories(conn, start=start, end=end)
    items = (
        select_stories(conn, limit=limit, offset=offset, start=start, end=end)
        if total > offset
        else []
    )
    return page(total, limit, offset, items)


def story_page(conn: Connection, story_id: int) -> dict[str, Any]:
    """One story's record (as :func:`select_stories` lists it) with its ``articles``.

    Raises:
        StoreError: there is no such story (``DL305``).
    """
    return {**story_record(conn, story_id), "articles": select_story_articles(conn, story_id)}
