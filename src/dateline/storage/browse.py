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
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dateline.errors import ConfigError, E, StoreError
from dateline.storage import browse_facets
from dateline.storage.db import PG_MATCH, Connection, is_postgres
from dateline.storage.dedup import collapse, collapsed, count_groups, group_copies, outlets
from dateline.storage.entity_records import find_entities
from dateline.storage.events import fts_terms
from dateline.storage.snippets import (
    HIT_CLOSE,
    HIT_OPEN,
    context_snippet,
    regroup_hits,
    unmark,
)
from dateline.storage.sql import BY_DAY, ids_json, overlap

#: The most items one page may hold.
MAX_LIMIT = 200
#: Characters of an article's opening shown when no query word is there to show.
LEDE = 160


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


def fts_query(query: str) -> str:
    """A safe FTS5 query: quoted phrases kept, other words quoted (implicit AND)."""
    return " ".join(fts_terms(query))


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
    #: PostgreSQL's store: words match ``articles.tsv`` (no FTS5 table to join).
    postgres: bool = False

    @property
    def everything(self) -> bool:
        """No query and no filter: every stored article."""
        return not self.match and not self.where

    def source(self, *more: str) -> tuple[str, list[object]]:
        """``FROM … WHERE …`` of the matching articles (and ``more`` terms), and its parameters."""
        where, params = [*self.where, *more], list(self.params)
        if self.match and self.postgres:
            sql = "FROM articles a"
            where.insert(0, f"a.tsv @@ {PG_MATCH}")
            params.insert(0, self.match)
        elif self.match:
            sql = f"FROM articles_fts JOIN articles a {BY_DAY} ON a.pk = articles_fts.rowid"
            where.insert(0, "articles_fts MATCH ?")
            params.insert(0, self.match)
        else:
            sql = f"FROM articles a {BY_DAY}" if self.by_pk else "FROM articles a"
        if where:
            sql += " WHERE " + " AND ".join(where)
        return sql, params


def article_filter(
    conn: Connection,
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
        # One row per entity of an article (its mentions carry the same global id).
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
    return ArticleFilter(
        match, tuple(where), tuple(params), dated, tuple(bounds), by_pk, is_postgres(conn)
    )


def count_articles(conn: Connection, f: ArticleFilter) -> int:
    """How many articles ``f`` keeps."""
    if f.everything:
        return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    if f.match and not f.where and not f.postgres:  # the index alone
        sql = "SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH ?"
        return int(conn.execute(sql, (f.match,)).fetchone()[0])
    sql, params = f.source()
    return int(conn.execute("SELECT COUNT(*) " + sql, params).fetchone()[0])


def ranked(
    conn: Connection, f: ArticleFilter, *, limit: int, offset: int = 0
) -> list[tuple[int, float]]:
    """``(pk, score)`` of the kept articles from ``offset`` on: BM25 order (title weighted
    5:1) with a query, newest first without; ties newest first, then by id.

    PostgreSQL ranks by cover density (``ts_rank_cd``, title weighted 5:1, scaled down
    with the text's length), negated: as BM25's, a lower score is better.
    """
    if f.match and not f.where and limit > 0 and not f.postgres:  # (limit -1: all)
        found = _ranked_by_text(conn, f.match, limit + offset)
        if found is not None:
            return found[offset:]
    sql, params = f.source()
    if f.match and f.postgres:
        select = f"SELECT a.pk, -ts_rank_cd({PG_WEIGHTS}, a.tsv, {PG_MATCH}, 1) AS score "
        params.insert(0, f.match)
        order = "score, a.published DESC, a.id"
    elif f.match:
        select = "SELECT a.pk, bm25(articles_fts, 5.0, 1.0) AS score "
        order = "score, a.published DESC, a.id"
    else:
        select, order = "SELECT a.pk, 0.0 AS score ", "a.published DESC, a.id"
    sql = f"{select}{sql} ORDER BY {order} LIMIT ? OFFSET ?"
    return [(r[0], r[1]) for r in conn.execute(sql, [*params, limit, offset])]


#: Matches beyond a page fetched by :func:`_ranked_by_text` to see where the ties end.
TIE_ROOM = 50
#: ``ts_rank_cd``'s weights of labels D, C, B (an article's text) and A (its title).
PG_WEIGHTS = "'{0.1, 0.2, 0.2, 1.0}'"
#: ``ts_headline`` options: the passage of about 16 words SQLite's ``snippet`` gives.
PG_HEADLINE = f"StartSel={HIT_OPEN}, StopSel={HIT_CLOSE}, MaxWords=16, MinWords=15"


def _ranked_by_text(conn: Connection, match: str, n: int) -> list[tuple[int, float]] | None:
    """The first ``n`` matches of a query alone in :func:`ranked`'s order, ranked in the
    text index without reading an article, or ``None`` when ties run too long.

    Scores decide but for ties, so only the matches that tie with the ``n``-th need
    their day and id: when the index's ranking shows that they are among the first
    ``n + TIE_ROOM``, those are ordered here.
    """
    top = conn.execute(
        "SELECT rowid, bm25(articles_fts, 5.0, 1.0) AS score FROM articles_fts"
        " WHERE articles_fts MATCH ? ORDER BY score LIMIT ?",
        (match, n + TIE_ROOM),
    ).fetchall()
    if len(top) == n + TIE_ROOM and top[-1][1] <= top[n - 1][1]:
        return None  # the ties may run on past what was fetched
    cut = top[n - 1][1] if len(top) >= n else None
    kept = [(pk, score) for pk, score in top if cut is None or score <= cut]
    days = {
        r[0]: (r[1] or "", r[2])
        for r in conn.execute(
            f"SELECT a.pk, a.published, a.id FROM articles a {BY_DAY}"
            " WHERE a.pk IN (SELECT value FROM json_each(?))",
            (ids_json([pk for pk, _ in kept]),),
        )
    }
    # score, then published newest first (undated last), then id: stable sorts, last key first
    kept.sort(key=lambda r: days[r[0]][1])
    kept.sort(key=lambda r: days[r[0]][0], reverse=True)
    kept.sort(key=lambda r: r[1])
    return kept[:n]


def _rows(
    conn: Connection, f: ArticleFilter, hits: Sequence[tuple[int, float]]
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
    if f.match and f.postgres:
        marked = {pk: _headline(conn, f.match, pk) for pk, _ in hits}
        for pk, snippet in _regrouped(conn, f.match, marked).items():
            found[pk]["snippet"] = snippet
    elif f.match:
        snippet = f"snippet(articles_fts, 1, '{HIT_OPEN}', '{HIT_CLOSE}', '…', 16)"
        for pk, _ in hits:  # one indexed look-up each: rowid = ? with MATCH
            row = conn.execute(
                f"SELECT {snippet} FROM articles_fts WHERE articles_fts MATCH ? AND rowid = ?",
                (f.match, pk),
            ).fetchone()
            found[pk]["snippet"] = row[0]
    copies = group_copies(conn, [pk for pk, _ in hits])
    rows = []
    for pk, score in hits:
        row = found[pk]
        row["score"] = score
        row["copies"] = copies.get(pk, [])
        row["outlets"] = outlets(row["source"], row["copies"])
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


def _headline(conn: Connection, match: str, pk: int) -> str:
    """PostgreSQL's snippet of an article: the passage ``ts_headline`` picks, hits marked,
    with ``…`` where it cuts the text (as SQLite's ``snippet``)."""
    plain = "replace(replace(h, chr(2), ''), chr(3), '')"
    h, at, size, total = conn.execute(
        f"SELECT h, strpos(t, {plain}), length({plain}), length(t) FROM"
        f" (SELECT ts_headline('dateline', a.text, {PG_MATCH}, ?) AS h, a.text AS t"
        " FROM articles a WHERE a.pk = ?) x",
        (match, PG_HEADLINE, pk),
    ).fetchone()
    if at == 0:  # not found as such (it always is): no cuts to show
        return str(h)
    return ("…" if at > 1 else "") + h + ("…" if at - 1 + size < total else "")


def _regrouped(conn: Connection, match: str, marked: dict[int, str]) -> dict[int, str]:
    """PostgreSQL's snippets with their hits marked as SQLite marks them (a phrase as
    one hit, no lone word of a phrase; :func:`~dateline.storage.snippets.regroup_hits`),
    the words stemmed by the text index's own stemmer."""
    terms = [re.findall(r"\w+", t.casefold()) for t in re.findall(r'"([^"]*)"', match)]
    hit = f"{HIT_OPEN}([^{HIT_CLOSE}]*){HIT_CLOSE}"
    words = sorted({w for t in terms for w in t} | {
        w.casefold() for s in marked.values() for w in re.findall(hit, s)})  # fmt: skip
    if not words:
        return marked
    stems = {
        r[0]: (r[1] or r[0])
        for r in conn.execute(
            "SELECT w, (ts_lexize('dateline_stem', w))[1] FROM unnest(?::text[]) AS t(w)",
            (words,),
        )
    }
    stemmed = [[stems[w] for w in t] for t in terms if t]
    return {
        pk: regroup_hits(s, stemmed, lambda w: stems.get(w.casefold(), w.casefold()))
        for pk, s in marked.items()
    }


def search_articles(
    conn: Connection,
    query: str | None = None,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    entity: str | None = None,
    mentions_from: dt.date | None = None,
    mentions_to: dt.date | None = None,
    limit: int = 20,
) -> list[dict[str, Any]]:
    """The rows of :meth:`dateline.storage.sqlite.SQLiteStore.search` (see its docstring).

    One row per duplicate group (one story's text reprinted by several outlets): its
    best-ranked copy, with ``outlets`` (distinct sources over the group's copies, a
    copy without a source counting as one) and ``copies`` (the other copies' ``id``,
    ``source``, ``url`` and ``published``, oldest first).
    """
    f = article_filter(
        conn, query=query, start=start, end=end, entity=entity,
        mentions_from=mentions_from, mentions_to=mentions_to,
    )  # fmt: skip
    keys = ("id", "title", "published", "source", "snippet", "score", "timexes", "outlets",
            "copies")  # fmt: skip
    hits = collapsed(conn, lambda n: ranked(conn, f, limit=n), limit)
    return [{k: row[k] for k in keys} for row in _rows(conn, f, hits)]


def list_articles(
    conn: Connection,
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
        ``None``), ``outlets`` and ``copies`` (an item is a duplicate group's
        best-ranked copy, see :func:`search_articles`), ``snippet`` (plain
        text, whitespace runs as one space: the best passage with a query,
        the mentioned date's context with a mentions filter, else the
        opening), ``highlights`` (``[start, end]``
        ranges of the hits in ``snippet``, see
        :func:`dateline.storage.snippets.unmark`), ``score`` (BM25, lower is
        better; 0 without a query) and ``timexes`` (the mentioned dates that
        matched, as ``search`` gives them). With ``facets``: ``"facets"`` —
        ``people`` (PERSON), ``organisations`` (ORG) and ``places`` (GPE, LOC),
        each the ten entities in most matching articles, the copies of one story
        counting once (``{"id", "name", "count"}``), ``stories`` (``{"id", "title",
        "count"}``) and ``months`` (``{"month": "YYYY-MM", "count"}``
        ascending, every matching article) — and ``"facets_over"``, the number
        of articles the entity and story facets were counted over (see
        :func:`dateline.storage.browse_facets.article_facets`).

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
    matched = count_articles(conn, f)
    total = count_groups(conn, matched, *f.source())
    span: list[tuple[int, float]] | None = None
    if facets and not f.everything:  # facets over the articles, not their groups
        span = ranked(conn, f, limit=browse_facets.FACET_SPAN) if matched else []

    def rank(n: int) -> list[tuple[int, float]]:
        if span is not None and 0 <= n <= len(span) < matched:
            return span[:n]  # the facets' ranking serves the page when it reaches
        return ranked(conn, f, limit=n)

    hits = collapsed(conn, rank, offset + limit)[offset:] if total > offset else []
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
                "outlets": row["outlets"],
                "copies": row["copies"],
            }
        )
    result = page(total, limit, offset, items)
    if facets:
        # Entities and stories are counted per story told, as the list shows them: the
        # copies of one story (a duplicate group) count once, by their best-ranked copy.
        stories = collapse(conn, span) if span else []
        result["facets"], result["facets_over"] = browse_facets.article_facets(
            conn, f, matched, stories
        )
    return result
