"""Paged lists of quotes, events and stories, and one story's page.

Pages are :func:`dateline.storage.browse.page` dicts. Quotes are listed by the
interval they are dated by (``day_lo``, indexed), events by their own date
(``events_range``), stories by size (``stories_size``), so a page reads an index
and stops; totals are counts over the same indexes.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from typing import Any

from dateline.errors import ConfigError, E
from dateline.records import EVENT_KINDS, QUOTE_KINDS, Event, Trigger
from dateline.storage.browse import (
    check_choice,
    check_page,
    dense,
    fts_query,
    ids_json,
    overlap,
    page,
)
from dateline.storage.entity_records import find_entities
from dateline.storage.quotes import count_quotes, select_quotes
from dateline.storage.stories import (
    count_stories,
    select_stories,
    select_story_articles,
    story_record,
)


def list_quotes(
    conn: sqlite3.Connection,
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
    """One page of ``SQLiteStore.quotes``: the same filters, order and items, with a total.

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
    total = count_quotes(conn, **filters)
    items = select_quotes(conn, **filters, limit=limit, offset=offset) if total > offset else []
    return page(total, limit, offset, items)


# -- events ---------------------------------------------------------------------------

#: The order events are listed in (newest first, undated last): ``events_range``'s, and
#: ``events_kind``'s within a kind, read backwards.
_NEWEST = "e.lo DESC, e.hi DESC, e.id DESC"


def list_events(
    conn: sqlite3.Connection,
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
    where: list[str] = []
    params: list[object] = []
    if match:
        where.append("e.id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)")
        params.append(match)
    involving = ""
    if ids is not None:
        involving = f"FROM event_entities x WHERE x.entity_id IN ({','.join('?' * len(ids))})"
        where.append(f"e.id IN (SELECT x.event_id {involving})")
        params += ids
    if start is not None or end is not None:
        dated, bounds = overlap("e.lo", "e.hi", start, end)
        where.append(dated)
        params += bounds
    if kind is not None:
        where.append("e.kind = ?")
        params.append(kind)
    clause = " WHERE " + " AND ".join(where) if where else ""
    count = f"SELECT COUNT(*) FROM events e{clause}"
    if len(where) == 1 and match:  # one filter: its own index alone
        count = "SELECT COUNT(*) FROM events_fts WHERE events_fts MATCH ?"
    elif len(where) == 1 and involving:
        count = f"SELECT COUNT(DISTINCT x.event_id) {involving}"
    total = int(conn.execute(count, params).fetchone()[0])
    if total <= offset:
        return page(total, limit, offset, [])
    by = ""
    if (match or ids is not None) and start is None and end is None:
        # Matches spread over the whole list: walking it newest first finds a page
        # sooner than sorting every match (the planner cannot know how many match).
        rows = conn.execute("SELECT COALESCE(MAX(id), 0) FROM events").fetchone()[0]
        if dense(total, rows, offset + limit):
            by = " INDEXED BY events_kind" if kind else " INDEXED BY events_range"
    found = conn.execute(
        f"SELECT e.id FROM events e{by}{clause} ORDER BY {_NEWEST} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return page(total, limit, offset, _event_items(conn, [r[0] for r in found]))


def _event_items(conn: sqlite3.Connection, ids: list[int]) -> list[dict[str, Any]]:
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
    conn: sqlite3.Connection,
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


def story_page(conn: sqlite3.Connection, story_id: int) -> dict[str, Any]:
    """One story's record (as :func:`select_stories` lists it) with its ``articles``.

    Raises:
        StoreError: there is no such story (``DL305``).
    """
    return {**story_record(conn, story_id), "articles": select_story_articles(conn, story_id)}
