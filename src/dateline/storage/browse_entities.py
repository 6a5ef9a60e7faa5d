"""Paged entity lists, an entity's page, and what a home page shows.

Only live entities are listed: not merged into another and seen in at least
one article. Each sort order has a partial index over exactly those entities
(migration 7), with and without a type, so a page and its total read one index.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from dateline.storage.browse import check_choice, check_page, page
from dateline.storage.browse_facets import top_entities
from dateline.storage.db import Connection
from dateline.storage.entity_records import entity_record
from dateline.storage.quotes import select_quotes
from dateline.storage.sql import BY_DAY, dense, ids_json
from dateline.storage.stories import select_stories

#: ``list_entities`` sort orders, each with its ``ORDER BY``.
ENTITY_SORTS = {
    "mentions": "e.mentions DESC, e.articles DESC, e.name, e.id",
    "articles": "e.articles DESC, e.mentions DESC, e.name, e.id",
    "name": "e.name COLLATE NOCASE, e.id",
}
#: The partial index (migration 7) each sort order reads, without and with a type. The
#: lists name it: with ``articles > 0`` in the query, SQLite would otherwise take
#: ``entities_live_articles`` as a range to read and sort a million entities.
_INDEXES = {
    sort: (f"entities_live_{sort}", f"entities_live_type_{sort}") for sort in ENTITY_SORTS
}
#: The entities seen with one that an entity page lists.
COOCCURRING_TOP = 15
#: An entity's newest articles the entities seen with it are counted in.
COOCCURRING_SPAN = 500
_LIVE = "e.merged_into IS NULL AND e.articles > 0"


def _like_prefix(prefix: str) -> str:
    """``LIKE … ESCAPE '\\'`` pattern for text starting with ``prefix``."""
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"


def list_entities(
    conn: Connection,
    *,
    type: str | None = None,
    prefix: str | None = None,
    sort: str = "mentions",
    limit: int = 20,
    offset: int = 0,
) -> dict[str, Any]:
    """One page of live entities.

    Args:
        type: Only this type (``PERSON``, ``ORG``, ``GPE`` …; any case).
        prefix: Only entities whose canonical name starts with this, ASCII
            letters case-insensitively ("sh" and "SH" find "Shinzo Abe"; "abe"
            does not: the start of the name, not of any word).
        sort: ``mentions`` or ``articles`` (most first, each breaking the other's
            ties, then by name) or ``name`` (alphabetical, case-insensitive).
        limit: Entities per page, 1 to ``MAX_LIMIT``.
        offset: Entities skipped before the page.

    Returns:
        ``{"total", "limit", "offset", "items"}``; each item ``id``, ``name``,
        ``type``, ``articles``, ``mentions``, ``first_seen``, ``last_seen``.

    Raises:
        ConfigError: a bad limit or offset (``DL208``) or sort (``DL209``).
    """
    check_page(limit, offset)
    check_choice("sort", sort, tuple(ENTITY_SORTS))
    where, params = [_LIVE], []
    if type:
        where.append("e.type = ?")
        params.append(type.upper())
    if prefix and prefix.strip():
        # LIKE is case-insensitive for ASCII letters; entities_live_name serves it.
        where.append("e.name LIKE ? ESCAPE '\\'")
        params.append(_like_prefix(prefix.strip()))
    clause = " WHERE " + " AND ".join(where)
    typed = 1 if type else 0
    by_name = _INDEXES["name"][typed]
    index = _INDEXES[sort][typed]
    if len(where) == 1:  # every live entity
        total = live_entities(conn)
    else:
        count = f"SELECT COUNT(*) FROM entities e INDEXED BY {by_name if prefix else index}"
        total = int(conn.execute(count + clause, params).fetchone()[0])
    if prefix and sort != "name":
        # Many names with the prefix: walk the sort order and test each name;
        # few: read them by name and sort them.
        rows = conn.execute("SELECT COALESCE(MAX(id), 0) FROM entities").fetchone()[0]
        index = index if dense(total, rows, offset + limit) else by_name
    items = (
        [
            dict(r)
            for r in conn.execute(
                "SELECT e.id, e.name, e.type, e.articles, e.mentions, e.first_seen, e.last_seen"
                f" FROM entities e INDEXED BY {index}{clause}"
                f" ORDER BY {ENTITY_SORTS[sort]} LIMIT ? OFFSET ?",
                [*params, limit, offset],
            )
        ]
        if total > offset
        else []
    )
    return page(total, limit, offset, items)


def live_entities(conn: Connection) -> int:
    """How many entities are live: all less the few merged away or no longer seen.

    ``COUNT(*)`` of a whole table walks its pages; a count with a condition reads
    every entry, which for a million entities is most of a page's time budget.
    """
    every = conn.execute("SELECT COUNT(*) FROM entities").fetchone()[0]
    dead = conn.execute(
        "SELECT COUNT(*) FROM entities WHERE merged_into IS NOT NULL OR articles <= 0"
    ).fetchone()[0]  # entities_dead
    return int(every - dead)


def entity_page(conn: Connection, ref: str | int, *, quotes: int = 10) -> dict[str, Any]:
    """Everything an entity's page shows: its record and how it appears over time.

    Args:
        ref: An entity id or a name it is known by (as ``SQLiteStore.entity``).
        quotes: How many of its newest quotes to include (0 to ``MAX_LIMIT``).

    Returns:
        The record of :func:`dateline.storage.entity_records.entity_record` with
        ``months`` (``{"month": "YYYY-MM", "articles"}`` ascending: its articles
        per month of publication), ``cooccurring`` (the :data:`COOCCURRING_TOP`
        entities in most of its articles, ``{"id", "name", "type", "articles"}``
        — counted in its newest :data:`COOCCURRING_SPAN` articles, and
        ``cooccurring_over`` says in how many), ``said`` (its newest quotes as
        ``SQLiteStore.quotes`` gives them) and ``quote_total`` (all its quotes).

    Raises:
        StoreError: no entity has this id or name (``DL306``).
        ConfigError: ``quotes`` is not 0 to ``MAX_LIMIT`` (``DL208``).
    """
    if quotes != 0:
        check_page(quotes, 0)
    record = entity_record(conn, ref)
    entity_id = record["id"]
    # The entity's articles and their days, once, for both the months and the newest.
    days = dict(
        conn.execute(
            "SELECT ae.article_pk, a.published FROM article_entities ae"
            f" INDEXED BY article_entities_entity JOIN articles a {BY_DAY}"
            " ON a.pk = ae.article_pk WHERE ae.entity_id = ?",
            (entity_id,),
        ).fetchall()
    )
    per_month = Counter(day[:7] for day in days.values() if day)
    months = [{"month": m, "articles": per_month[m]} for m in sorted(per_month)]
    newest = sorted(days, key=lambda pk: (days[pk] or "", pk), reverse=True)[:COOCCURRING_SPAN]
    (seen_with,) = top_entities(
        conn, ids_json(sorted(newest)), None, top=COOCCURRING_TOP, exclude=entity_id
    ).values()
    cooccurring = [{"id": i, "name": n, "type": t, "articles": c} for i, n, t, c in seen_with]
    said = []
    if quotes and record["quotes"]:  # newest first along quotes_speaker
        said = select_quotes(
            conn, speaker=None, speaker_ids=[entity_id], match="", start=None, end=None,
            limit=quotes,
        )  # fmt: skip
    return {
        **record,
        "months": months,
        "cooccurring": cooccurring,
        "cooccurring_over": len(newest),
        "said": said,
        "quote_total": record["quotes"],
    }


def home(conn: Connection) -> dict[str, Any]:
    """What a home page shows, from indexes and stored counts only.

    Returns:
        ``articles``, ``first_published``, ``last_published``, ``entities``
        (live ones), ``quotes``, ``top_people`` (the ten PERSON entities seen in
        most articles: ``id``, ``name``, ``articles``) and ``recent_stories``
        (the five whose last article is newest, as ``SQLiteStore.stories``
        lists them).
    """
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    # Apart: SQLite reads a lone MIN or MAX from the index's end, both together by a scan.
    first = one("SELECT MIN(published) FROM articles")
    last = one("SELECT MAX(published) FROM articles")
    people = [
        {"id": r[0], "name": r[1], "articles": r[2]}
        for r in conn.execute(
            f"SELECT e.id, e.name, e.articles FROM entities e WHERE {_LIVE}"
            " AND e.type = 'PERSON' ORDER BY e.articles DESC, e.mentions DESC, e.name LIMIT 10"
        )
    ]
    return {
        "articles": one("SELECT COUNT(*) FROM articles"),
        "first_published": first,
        "last_published": last,
        "entities": live_entities(conn),
        "quotes": one("SELECT COUNT(*) FROM quotes"),
        "top_people": people,
        "recent_stories": select_stories(conn, limit=5, newest=True),
    }

