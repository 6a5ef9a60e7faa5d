"""Paged reading for the HTTP API and web pages: article lists with totals and facets.

Every list is a page, ``{"total": n, "limit": l, "offset": o, "items": [...]}``:
``total`` counts every match and ``items`` are the ``limit`` matches from
``offset`` on. Totals come from indexed counts (migration 7 adds the indexes),
so a page costs about the same on a large store as on a small one; where a
count would have to visit every match of a broad query it is bounded, and the
page says over how many it was made (``facets_over``).

The article search behind ``dateline search`` (:func:`search_articles`) is the
same query without paging.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dateline.errors import ConfigError, E, StoreError
from dateline.storage.entity_records import find_entities
from dateline.storage.events import fts_terms
from dateline.storage.snippets import HIT_CLOSE, HIT_OPEN, context_snippet, unmark
from dateline.storage.sql import BY_DAY
from dateline.storage.stories import story_titles

#: The most items one page may hold.
MAX_LIMIT = 200
#: Matching articles the entity and story facets of a filtered list are counted over
#: (the first by rank, or the newest without a query).
FACET_SPAN = 1000
#: Entries per facet.
FACET_TOP = 10
#: The entity types each entity facet counts.
FACET_TYPES = {"people": ("PERSON",), "organisations": ("ORG",), "places": ("GPE", "LOC")}
#: Characters of an article's opening shown when no query word is there to show.
LEDE = 160
#: Intervals longer than this many days are indexed apart (``timexes_long``, ``events_long``).
SHORT_DAYS = 31


def check_page(limit: int, offset: int, *, most: int = MAX_LIMIT) -> None:
    """Refuse a page outside ``1 <= limit <= most`` and ``offset >= 0``.

    Raises:
        ConfigError: a bad limit or offset (``DL208``).
    """
    if not (_whole(limit) and _whole(offset) and 1 <= limit <= most and offset >= 0):
        raise ConfigError(E.BAD_PAGE, limit=limit, offset=offset, max=most)


def check_choice(option: str, value: str, choices: Sequence[str]) -> None:
    """Refuse a value that is not one of ``choices``.

    Raises:
        ConfigError: ``value`` is not a choice (``DL209``).
    """
    if value not in choices:
        raise ConfigError(E.BAD_CHOICE, option=option, choices=", ".join(choices), value=value)


def _whole(n: object) -> bool:
    return isinstance(n, int) and not isinstance(n, bool)


def page(total: int, limit: int, offset: int, items: list[dict[str, Any]]) -> dict[str, Any]:
    """The dict every paged list returns."""
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def overlap(
    lo: str, hi: str, first: dt.date | None, last: dt.date | None
) -> tuple[str, list[object]]:
    """SQL keeping the intervals ``[lo, hi]`` (two columns) that overlap [first, last].

    An interval that overlaps and starts more than :data:`SHORT_DAYS` before
    ``first`` is longer than that, so the test is two index ranges: intervals
    starting from ``SHORT_DAYS`` before ``first`` on, and long intervals (their
    partial indexes, migration 7) — not every interval that starts before ``last``.
    Intervals with a NULL bound never overlap.

    Example:
        >>> overlap("t.lo", "t.hi", None, dt.date(1959, 12, 31))
        ('t.lo <= ?', ['1959-12-31'])
    """
    if first is None:
        return (f"{lo} <= ?", [last.isoformat()]) if last else (f"{lo} IS NOT NULL", [])
    early, day = (first - dt.timedelta(days=SHORT_DAYS)).isoformat(), first.isoformat()
    below, bound = (f" AND {lo} <= ?", [last.isoformat()]) if last else ("", [])
    long = f"julianday({hi}) - julianday({lo}) > {SHORT_DAYS}"
    return (
        f"(({lo} >= ?{below} AND {hi} >= ?) OR ({long} AND {hi} >= ? AND {lo} < ?{below}))",
        [early, *bound, day, day, early, *bound],
    )


def dense(total: int, rows: int, reach: int) -> bool:
    """Whether walking an index in list order to the ``reach``-th of ``total`` matches
    (among ``rows``) is cheaper than collecting and sorting them all.

    Spread evenly, the walk visits ``reach * rows / total`` entries; sorting
    touches ``total`` rows. The walk is taken when it would visit at most a
    quarter as many: matches bunched at the far end of the list cost it more.

    Example:
        >>> dense(200_000, 8_000_000, 50), dense(3_000, 8_000_000, 50)
        (True, False)
    """
    return total > 0 and 4 * reach * rows <= total * total


def fts_query(query: str) -> str:
    """A safe FTS5 query: quoted phrases kept, other words quoted (implicit AND)."""
    return " ".join(fts_terms(query))


def ids_json(ids: Sequence[int]) -> str:
    """A list of ids as one parameter, read back in SQL with ``json_each``."""
    return json.dumps(list(ids))


# -- which articles -------------------------------------------------------------------


@dataclass(frozen=True)
class ArticleFilter:
    """What a listing of articles keeps: an FTS5 query and SQL terms over ``articles a``.

    ``dated`` is set by a mentioned-dates filter: the condition over timexes
    ``t`` (with ``bounds``) an article must have a timex meeting.
    """

    match: str = ""
    where: tuple[str, ...] = ()
    params: tuple[object, ...] = ()
    dated: str = ""
    bounds: tuple[object, ...] = ()
    #: Articles come from a list of pks (FTS hits, an entity's, a story's): looked up
    #: in :data:`BY_DAY`; otherwise read in ``articles_published`` order.
    by_pk: bool = False

    @property
    def everything(self) -> bool:
        """No query and no filter: every stored article."""
        return not self.match and not self.where

    def source(self, *more: str) -> tuple[str, list[object]]:
        """``FROM … WHERE …`` of the matching articles (and ``more`` terms), and its parameters."""
        where, params = [*self.where, *more], list(self.params)
        if self.match:
            sql = f"FROM articles_fts JOIN articles a {BY_DAY} ON a.pk = articles_fts.rowid"
            where.insert(0, "articles_fts MATCH ?")
            params.insert(0, self.match)
        else:
            sql = f"FROM articles a {BY_DAY}" if self.by_pk else "FROM articles a"
        if where:
            sql += " WHERE " + " AND ".join(where)
        return sql, params


def article_filter(
    conn: sqlite3.Connection,
    *,
    query: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    entity: str | None = None,
    story: int | None = None,
    mentions_from: dt.date | None = None,
    mentions_to: dt.date | None = None,
) -> ArticleFilter:
    """The filter of :func:`search_articles` and :func:`list_articles` (see there).

    Raises:
        StoreError: ``story`` is not a story's id (``DL305``).
    """
    where: list[str] = []
    params: list[object] = []
    bounds: list[object]
    if start:
        where.append("a.published >= ?")
        params.append(start.isoformat())
    if end:
        where.append("a.published <= ?")
        params.append(end.isoformat())
    if entity:
        ids = find_entities(conn, entity)
        # article_entities holds the entity of each of an article's mentions, once.
        where.append(
            "a.pk IN (SELECT ae.article_pk FROM article_entities ae"
            f" WHERE ae.entity_id IN ({','.join('?' * len(ids))}))"
        )
        params += ids
    if story is not None:
        if conn.execute("SELECT 1 FROM stories WHERE id = ?", (story,)).fetchone() is None:
            raise StoreError(E.NO_STORY, id=story)
        where.append("a.pk IN (SELECT m.article_pk FROM story_members m WHERE m.story_id = ?)")
        params.append(story)
    dated, bounds = "", []
    if mentions_from is not None or mentions_to is not None:
        dated, bounds = overlap("t.lo", "t.hi", mentions_from, mentions_to)
        where.append(f"a.pk IN (SELECT t.article_pk FROM timexes t WHERE {dated})")
        params += bounds
    by_pk = bool(entity or story is not None or dated)
    match = fts_query(query or "")
    return ArticleFilter(match, tuple(where), tuple(params), dated, tuple(bounds), by_pk)


def count_articles(conn: sqlite3.Connection, f: ArticleFilter) -> int:
    """How many articles ``f`` keeps."""
    if f.everything:
        return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    if f.match and not f.where:  # the index alone
        sql = "SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH ?"
        return int(conn.execute(sql, (f.match,)).fetchone()[0])
    sql, params = f.source()
    return int(conn.execute("SELECT COUNT(*) " + sql, params).fetchone()[0])


def ranked(
    conn: sqlite3.Connection, f: ArticleFilter, *, limit: int, offset: int = 0
) -> list[tuple[int, float]]:
    """``(pk, score)`` of the kept articles from ``offset`` on: BM25 order (title weighted
    5:1) with a query, newest first without; ties newest first, then by id."""
    sql, params = f.source()
    if f.match:
        select = "SELECT a.pk, bm25(articles_fts, 5.0, 1.0) AS score "
        order = "score, a.published DESC, a.id"
    else:
        select, order = "SELECT a.pk, 0.0 AS score ", "a.published DESC, a.id"
    sql = f"{select}{sql} ORDER BY {order} LIMIT ? OFFSET ?"
    return [(r[0], r[1]) for r in conn.execute(sql, [*params, limit, offset])]


def _rows(
    conn: sqlite3.Connection, f: ArticleFilter, hits: Sequence[tuple[int, float]]
) -> list[dict[str, Any]]:
    """The ranked articles' fields, in rank order, snippets marked (see :func:`search_articles`).

    Only the page's articles are read and snippeted: asking SQLite for snippets in
    the ranking query would make one for every match before the sort.
    """
    if not hits:
        return []
    pks = ids_json([pk for pk, _ in hits])
    found = {
        r["pk"]: dict(r)
        for r in conn.execute(
            "SELECT a.pk, a.id, a.title, a.published, a.source, a.url, a.dateline_place AS place,"
            f" substr(a.text, 1, {LEDE}) AS snippet FROM articles a"
            " WHERE a.pk IN (SELECT value FROM json_each(?))",
            (pks,),
        )
    }
    if f.match:
        snippet = f"snippet(articles_fts, 1, '{HIT_OPEN}', '{HIT_CLOSE}', '…', 16)"
        for pk, _ in hits:  # one indexed look-up each: rowid = ? with MATCH
            row = conn.execute(
                f"SELECT {snippet} FROM articles_fts WHERE articles_fts MATCH ? AND rowid = ?",
                (f.match, pk),
            ).fetchone()
            found[pk]["snippet"] = row[0]
    rows = []
    for pk, score in hits:
        row = found[pk]
        row["score"] = score
        row["timexes"] = []
        if f.dated:
            row["timexes"] = [
                dict(t)
                for t in conn.execute(
                    'SELECT t.text, t.value, t.start, t."end" FROM timexes t'
                    f' WHERE t.article_pk = ? AND {f.dated} ORDER BY t.start, t."end", t.seq',
                    [pk, *f.bounds],
                )
            ]
            if not f.match and row["timexes"]:  # show the first mentioned date, not the lede
                text = conn.execute("SELECT text FROM articles WHERE pk = ?", (pk,)).fetchone()[0]
                first = row["timexes"][0]
                row["snippet"] = context_snippet(text, first["start"], first["end"])
        rows.append(row)
    return rows


def search_articles(
    conn: sqlite3.Connection,
    query: str | None = None,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    entity: str | None = None,
    mentions_from: dt.date | None = None,
    mentions_to: dt.date | None = None,
    limit: int = 20,
) -> list[dict[str, Any]]:
    """The rows of :meth:`dateline.storage.sqlite.SQLiteStore.search` (see its docstring)."""
    f = article_filter(
        conn, query=query, start=start, end=end, entity=entity,
        mentions_from=mentions_from, mentions_to=mentions_to,
    )  # fmt: skip
    keys = ("id", "title", "published", "source", "snippet", "score", "timexes")
    return [{k: row[k] for k in keys} for row in _rows(conn, f, ranked(conn, f, limit=limit))]


def list_articles(
    conn: sqlite3.Connection,
    *,
    q: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    entity: str | None = None,
    story: int | None = None,
    mentions_from: dt.date | None = None,
    mentions_to: dt.date | None = None,
    limit: int = 20,
    offset: int = 0,
    facets: bool = False,
) -> dict[str, Any]:
    """One page of the articles a search keeps, with their total and optionally facets.

    Args:
        q: Words and ``"quoted phrases"``, all required (BM25 order, title
            weighted); without one, newest first. No query and no filter at all
            lists every article.
        start: Published on or after this day.
        end: Published on or before this day.
        entity: Only articles mentioning this entity (name, surname or id; see
            :func:`dateline.storage.entity_records.find_entities`).
        story: Only the articles of this story (an id from ``stories``).
        mentions_from: Only articles mentioning a date whose interval ends on or
            after this day (as ``SQLiteStore.search``).
        mentions_to: Only articles mentioning a date whose interval starts on or
            before this day.
        limit: Articles per page, 1 to :data:`MAX_LIMIT`.
        offset: Articles skipped before the page.
        facets: Also count what the matching articles are about.

    Returns:
        ``{"total", "limit", "offset", "items"}``. Each item: ``id``, ``title``,
        ``published``, ``source``, ``url``, ``place`` (the dateline's, or
        ``None``), ``snippet`` (plain text, whitespace runs as one space: the
        best passage with a query, the mentioned date's context with a
        mentions filter, else the opening), ``highlights`` (``[start, end]``
        ranges of the hits in ``snippet``, see
        :func:`dateline.storage.snippets.unmark`), ``score`` (BM25, lower is
        better; 0 without a query) and ``timexes`` (the mentioned dates that
        matched, as ``search`` gives them). With ``facets``: ``"facets"`` —
        ``people`` (PERSON), ``organisations`` (ORG) and ``places`` (GPE, LOC),
        each the :data:`FACET_TOP` entities in most matching articles
        (``{"id", "name", "count"}``), ``stories`` (``{"id", "title",
        "count"}``) and ``months`` (``{"month": "YYYY-MM", "count"}``
        ascending) — and ``"facets_over"``, the number of articles the entity
        and story facets were counted over (see :func:`article_facets`).

    Raises:
        ConfigError: a bad limit or offset (``DL208``).
        StoreError: ``story`` is not a story's id (``DL305``).

    Example:
        >>> from dateline.storage.sqlite import SQLiteStore
        >>> store = SQLiteStore(":memory:", create=True)
        >>> list_articles(store.conn, q="peace treaty", facets=True)["facets"]["months"]
        []
    """
    check_page(limit, offset)
    f = article_filter(
        conn, query=q, start=start, end=end, entity=entity, story=story,
        mentions_from=mentions_from, mentions_to=mentions_to,
    )  # fmt: skip
    total = count_articles(conn, f)
    span: list[tuple[int, float]] | None = None
    if facets and not f.everything and offset + limit <= FACET_SPAN:  # one ranking for both
        span = ranked(conn, f, limit=FACET_SPAN) if total else []
        hits = span[offset : offset + limit]
    else:
        hits = ranked(conn, f, limit=limit, offset=offset) if total > offset else []
    items = []
    for row in _rows(conn, f, hits):
        snippet, highlights = unmark(row["snippet"] or "")
        items.append(
            {
                "id": row["id"],
                "title": row["title"],
                "published": row["published"],
                "source": row["source"],
                "url": row["url"],
                "place": row["place"],
                "snippet": snippet,
                "highlights": highlights,
                "score": row["score"],
                "timexes": row["timexes"],
            }
        )
    result = page(total, limit, offset, items)
    if facets:
        result["facets"], result["facets_over"] = article_facets(conn, f, total, span)
    return result


# -- facets ---------------------------------------------------------------------------


def article_facets(
    conn: sqlite3.Connection,
    f: ArticleFilter,
    total: int,
    span: Sequence[tuple[int, float]] | None = None,
) -> tuple[dict[str, list[dict[str, Any]]], int]:
    """The facets of the articles ``f`` keeps, and how many articles they count over.

    ``months`` counts every kept article. People, organisations, places and
    stories count the first :data:`FACET_SPAN` kept articles in list order
    (``span``, when the caller ranked them already) when more are kept; with no
    filter at all they are the store's own totals (``entities.articles``,
    ``stories.size``), exact and read from indexes.
    """
    months = _months(conn, f)
    if f.everything:
        return {**_store_facets(conn), "months": months}, total
    if span is None:
        span = ranked(conn, f, limit=FACET_SPAN) if total else []
    pks = ids_json(sorted(pk for pk, _ in span))
    family = {t: name for name, types in FACET_TYPES.items() for t in types}
    found: dict[str, list[dict[str, Any]]] = {name: [] for name in FACET_TYPES}
    marks = ",".join("?" * len(family))
    group = "CASE e.type " + " ".join(f"WHEN '{t}' THEN '{n}'" for t, n in family.items()) + " END"
    for r in conn.execute(
        # Each entity's articles once (two of an article's entities may be one
        # global entity), then the top of each facet.
        "WITH counted AS (SELECT entity_id AS id, COUNT(*) AS n FROM (SELECT DISTINCT"
        " ae.article_pk, ae.entity_id FROM json_each(?) j JOIN article_entities ae"
        " ON ae.article_pk = j.value) GROUP BY entity_id),"
        f" ranked AS (SELECT e.id, e.name, {group} AS facet, c.n, ROW_NUMBER() OVER"
        f" (PARTITION BY {group} ORDER BY c.n DESC, e.name, e.id) AS k"
        f" FROM counted c JOIN entities e ON e.id = c.id WHERE e.type IN ({marks}))"
        " SELECT id, name, facet, n FROM ranked WHERE k <= ? ORDER BY n DESC, name, id",
        [pks, *family, FACET_TOP],
    ):
        found[r["facet"]].append({"id": r["id"], "name": r["name"], "count": r["n"]})
    counts = conn.execute(
        "SELECT m.story_id, COUNT(*) AS n FROM json_each(?) j"
        " JOIN story_members m ON m.article_pk = j.value"
        " GROUP BY m.story_id ORDER BY n DESC, m.story_id LIMIT ?",
        (pks, FACET_TOP),
    ).fetchall()
    return {**found, "stories": _stories(conn, counts), "months": months}, len(span)


def _store_facets(conn: sqlite3.Connection) -> dict[str, list[dict[str, Any]]]:
    """The entity and story facets of the whole store, from the stored counts."""
    out: dict[str, list[dict[str, Any]]] = {}
    for name, types in FACET_TYPES.items():
        rows: list[dict[str, Any]] = []
        for type_ in types:  # one indexed scan per type, merged here
            rows += [
                {"id": r[0], "name": r[1], "count": r[2]}
                for r in conn.execute(
                    "SELECT id, name, articles FROM entities WHERE merged_into IS NULL"
                    " AND articles > 0 AND type = ? ORDER BY articles DESC, name, id LIMIT ?",
                    (type_, FACET_TOP),
                )
            ]
        rows.sort(key=lambda r: (-r["count"], r["name"], r["id"]))
        out[name] = rows[:FACET_TOP]
    counts = conn.execute(
        "SELECT id, size FROM stories ORDER BY size DESC, id LIMIT ?", (FACET_TOP,)
    ).fetchall()
    out["stories"] = _stories(conn, counts)
    return out


def _stories(conn: sqlite3.Connection, counts: Sequence[Sequence[int]]) -> list[dict[str, Any]]:
    titles = story_titles(conn, [story_id for story_id, _ in counts])
    return [{"id": s, "title": titles.get(s), "count": n} for s, n in counts]


def _months(conn: sqlite3.Connection, f: ArticleFilter) -> list[dict[str, Any]]:
    """Kept articles per month of publication, ascending (undated ones are not counted)."""
    sql, params = f.source("a.published IS NOT NULL")
    return [
        {"month": r[0], "count": r[1]}
        for r in conn.execute(
            f"SELECT substr(a.published, 1, 7) AS month, COUNT(*) {sql}"
            " GROUP BY month ORDER BY month",
            params,
        )
    ]
