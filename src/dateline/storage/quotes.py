"""Quotes in the SQLite store: writing them, reading them back, finding them.

A quote's speaker is kept twice: ``speaker_local`` is the article's own entity id
(``"e3"``, what the JSON contract carries) and ``speaker_entity`` the global
``entities.id`` that entity was merged into when the article was saved, so
"everything Putin said" is one indexed lookup. ``said_lo``/``said_hi`` are the
calendar interval of the date said (see :func:`dateline.temporal.ranges.value_range`),
so a date filter is the same overlap test as for timexes.

:class:`~dateline.storage.sqlite.SQLiteStore` calls these inside its own
transactions; nothing here commits.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import Any

from dateline.records import Cue, Quote, Speaker
from dateline.storage.db import PG_MATCH, Connection, is_postgres
from dateline.storage.dedup import (
    collapse_quotes,
    has_copies,
    merged_texts,
    outlets,
    quote_sources,
)
from dateline.storage.sql import BY_DAY, overlap
from dateline.temporal.ranges import value_range

#: The stored columns after ``article_pk, seq``, in :func:`quote_row` order.
COLUMNS = (
    "start", '"end"', "text", "kind", "fragments",
    "cue_start", "cue_end", "cue_text", "cue_lemma",
    "speaker_start", "speaker_end", "speaker_text", "speaker_local", "speaker_entity",
    "said", "said_mod", "said_lo", "said_hi", "confidence",
)  # fmt: skip


def quote_row(q: Quote, entity_ids: Mapping[str, int]) -> tuple[object, ...]:
    """A quote's columns (:data:`COLUMNS`), its speaker resolved through ``entity_ids``.

    Args:
        q: The quote as the finder made it.
        entity_ids: The article's local entity ids mapped to global ``entities.id``;
            a speaker whose local id is not there keeps ``speaker_entity`` NULL.

    Example:
        >>> q = Quote(0, 5, "Peace", "direct", ((0, 5),), said="2019-11")
        >>> quote_row(q, {})[-5:-1]  # said, said_mod, said_lo, said_hi
        ('2019-11', None, '2019-11-01', '2019-11-30')
    """
    interval = value_range(q.said, q.said_mod) if q.said else None
    lo, hi = (interval[0].isoformat(), interval[1].isoformat()) if interval else (None, None)
    c, s = q.cue, q.speaker
    local = s.entity if s else None
    return (
        q.start, q.end, q.text, q.kind, json.dumps([list(f) for f in q.fragments]),
        c.start if c else None, c.end if c else None, c.text if c else None,
        c.lemma if c else None,
        s.start if s else None, s.end if s else None, s.text if s else None,
        local, entity_ids.get(local) if local else None,
        q.said, q.said_mod, lo, hi, q.confidence,
    )  # fmt: skip


def insert_quotes(
    conn: Connection,
    article_pk: int,
    quotes: Sequence[Quote],
    entity_ids: Mapping[str, int],
) -> None:
    """Store one article's quotes (the article row was just replaced, so none are left)."""
    marks = ", ".join("?" * (len(COLUMNS) + 2))
    conn.executemany(
        f"INSERT INTO quotes (article_pk, seq, {', '.join(COLUMNS)}) VALUES ({marks})",
        [(article_pk, seq, *quote_row(q, entity_ids)) for seq, q in enumerate(quotes)],
    )


def _quote(row: Any) -> Quote:
    """The record a stored row was made from."""
    cue = None
    if row["cue_text"] is not None:
        cue = Cue(row["cue_start"], row["cue_end"], row["cue_text"], row["cue_lemma"])
    speaker = None
    if row["speaker_text"] is not None:
        speaker = Speaker(
            row["speaker_start"], row["speaker_end"], row["speaker_text"], row["speaker_local"]
        )
    return Quote(
        start=row["start"],
        end=row["end"],
        text=row["text"],
        kind=row["kind"],
        fragments=tuple((s, e) for s, e in json.loads(row["fragments"])),
        cue=cue,
        speaker=speaker,
        said=row["said"],
        said_mod=row["said_mod"],
        confidence=row["confidence"],
    )


def article_quotes(conn: Connection, article_pk: int) -> list[dict[str, Any]]:
    """One article's quotes in the JSON contract (:meth:`Quote.to_dict`), in text order."""
    sql = 'SELECT * FROM quotes WHERE article_pk = ? ORDER BY start, "end", seq'
    return [_quote(row).to_dict() for row in conn.execute(sql, (article_pk,))]


def quote_counts(conn: Connection) -> dict[str, Any]:
    """``quotes``, ``quote_kinds`` (most frequent first), ``quotes_with_speaker``
    (resolved to an entity) and ``with_quotes`` (articles)."""
    kinds = {
        r[0]: r[1]
        for r in conn.execute(
            "SELECT kind, COUNT(*) FROM quotes GROUP BY kind ORDER BY COUNT(*) DESC, kind"
        )
    }
    resolved, articles = conn.execute(
        "SELECT COUNT(speaker_entity), COUNT(DISTINCT article_pk) FROM quotes"
    ).fetchone()
    return {
        "quotes": sum(kinds.values()),
        "quote_kinds": kinds,
        "quotes_with_speaker": resolved,
        "with_quotes": articles,
    }


def like_suffix(key: str) -> str:
    """``LIKE … ESCAPE '\\'`` pattern for keys ending in the word(s) ``key`` (a surname)."""
    escaped = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return "% " + escaped


def speaker_branches(
    speaker: str | None, speaker_ids: Sequence[int] | None
) -> list[tuple[str, list[object], str]]:
    """The ways a quote meets a speaker filter (none without one): said by one of the
    entities, or by a speaker who is no entity and is written as the user wrote; each
    with the index (migration 7) that holds its quotes newest first."""
    if not speaker and speaker_ids is None:
        return []
    ids = list(speaker_ids or ())
    branches: list[tuple[str, list[object], str]] = [
        (f"q.speaker_entity IN ({','.join('?' * len(ids))})", list(ids), "quotes_speaker")
    ]
    if speaker:
        branches.append((
            "q.speaker_entity IS NULL AND q.speaker_text = ? COLLATE NOCASE", [speaker],
            "quotes_unresolved",
        ))  # fmt: skip
    return branches


def _quote_filter(
    *,
    speaker: str | None,
    speaker_ids: Sequence[int] | None,
    match: str,
    start: dt.date | None,
    end: dt.date | None,
    kind: str | None = None,
    min_confidence: float | None = None,
    postgres: bool = False,
) -> tuple[str, list[str], list[object]]:
    """The joins (after ``quotes q``), terms and parameters of a quote filter (words in
    ``quotes_fts``, or on PostgreSQL in ``quotes.tsv``).

    The dates are the quote's listing interval ``day_lo``/``day_hi`` (migration 7):
    the calendar interval said, else its article's publication day — a quote
    without a dated "said" (none, or PRESENT_REF, XXXX-11-07 …) is dated by its
    article: statements are reported when they are news.
    """
    joins = ""
    where: list[str] = []
    params: list[object] = []
    if match and postgres:
        where.append(f"q.tsv @@ {PG_MATCH}")
        params.append(match)
    elif match:
        joins = " JOIN quotes_fts ON quotes_fts.rowid = q.id"
        where.append("quotes_fts MATCH ?")
        params.append(match)
    branches = speaker_branches(speaker, speaker_ids)
    if branches:
        where.append("(" + " OR ".join(f"({term})" for term, _, _ in branches) + ")")
        params += [p for _, values, _ in branches for p in values]
    if start is not None:
        where.append("q.day_hi >= ?")
        params.append(start.isoformat())
    if end is not None:
        where.append("q.day_lo <= ?")
        params.append(end.isoformat())
    if kind is not None:
        where.append("q.kind = ?")
        params.append(kind)
    if min_confidence is not None:
        where.append("q.confidence >= ?")
        params.append(min_confidence)
    return joins, where, params


def select_quotes(
    conn: Connection,
    *,
    speaker: str | None,
    speaker_ids: Sequence[int] | None,
    match: str,
    start: dt.date | None,
    end: dt.date | None,
    limit: int,
    kind: str | None = None,
    min_confidence: float | None = None,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """The rows of :meth:`SQLiteStore.quotes`; see its docstring for the filters.

    Args:
        speaker: The name as the user gave it (compared with mentions and
            unresolved speakers as written).
        speaker_ids: The global entities ``speaker`` stands for (see
            :func:`dateline.storage.entity_records.find_entities`); given without
            ``speaker``, only quotes resolved to one of them.
        match: A safe FTS5 query over quote text, or ``""`` for no text filter.
        start: The date said (or published) is on or after this day.
        end: The date said (or published) is on or before this day.
        limit: At most this many quotes.
        kind: Only quotes of this kind (``direct``, ``indirect``, ``mixed``).
        min_confidence: Only quotes found with at least this confidence.
        offset: Skip this many first.

    One quote reprinted in copies of one story (a duplicate group) is one item, the
    first of them in this order, with ``outlets`` (distinct sources over the copies)
    and ``sources`` (each copy's ``article_id``, ``source``, ``url``, ``published``;
    its own first); see :func:`dateline.storage.dedup.collapse_quotes`.
    """
    want = offset + limit
    # Each read ranks every match, so read ahead: copies crowding the top rarely need
    # a second read.
    n = max(4 * want, 64)
    while True:  # copies crowding the top are made up for by reading further
        ids = _quote_ids(
            conn, speaker=speaker, speaker_ids=speaker_ids, match=match, start=start, end=end,
            limit=n, kind=kind, min_confidence=min_confidence,
        )  # fmt: skip
        kept = collapse_quotes(conn, ids)
        if len(kept) >= want or len(ids) < n:
            break
        n *= 2
    kept = kept[offset:want]
    rows = {
        row["id"]: row
        for row in conn.execute(
            "SELECT q.*, a.id AS article_id, a.title, a.published,"
            " a.text AS article_text, e.name AS entity_name, ae.affiliation AS local_affiliation"
            " FROM quotes q JOIN articles a ON a.pk = q.article_pk"
            " LEFT JOIN entities e ON e.id = q.speaker_entity"
            " LEFT JOIN article_entities ae"
            " ON ae.article_pk = q.article_pk AND ae.local_id = q.speaker_local"
            " WHERE q.id IN (SELECT value FROM json_each(?))",
            (json.dumps([i for i, _ in kept]),),
        )
    }
    sources = quote_sources(conn, [i for qid, copies in kept for i in (qid, *copies)])
    out = []
    for qid, copies in kept:
        item = _result(conn, rows[qid])
        item["sources"] = [sources[i] for i in (qid, *copies)]
        first, *others = item["sources"]
        item["outlets"] = outlets(first["source"], others)
        out.append(item)
    return out


def _quote_ids(
    conn: Connection,
    *,
    speaker: str | None,
    speaker_ids: Sequence[int] | None,
    match: str,
    start: dt.date | None,
    end: dt.date | None,
    limit: int,
    kind: str | None = None,
    min_confidence: float | None = None,
) -> list[int]:
    """The ids of the first ``limit`` quotes of :func:`select_quotes`'s order, copies and all."""
    postgres = is_postgres(conn)
    joins, where, params = _quote_filter(
        speaker=None, speaker_ids=None, match=match, start=start, end=end,
        kind=kind, min_confidence=min_confidence, postgres=postgres,
    )  # fmt: skip
    # The page's quotes first, ordered from indexes; then their rows, article text
    # included, for those alone. Each way of meeting a speaker filter is read in
    # order from its own index (quotes_speaker, quotes_unresolved) and the two
    # merged: as one OR, SQLite would collect and sort all of a speaker's quotes.
    relevance = "bm25(quotes_fts)" if match else "0"
    if match and postgres:  # negated: lower is better, as BM25
        relevance = f"-ts_rank_cd(q.tsv, {PG_MATCH})"
    columns = f"q.id, {relevance} AS relevance, q.day_lo, a.published, a.id AS aid, q.start"
    # (a constant first ORDER BY term would hide that quotes_day gives the order)
    newest = "q.day_lo DESC, a.published DESC, a.id, q.start"
    order = f"relevance, {newest}" if match else newest
    branches = speaker_branches(speaker, speaker_ids) or [("", [], "")]
    parts: list[str] = []
    values: list[object] = []
    for term, branch_params, index in branches:
        terms = [*where, term] if term else where
        clause = " WHERE " + " AND ".join(terms) if terms else ""
        # Named: SQLite would read the unresolved ones along quotes_speaker (NULL first)
        # for its order. Not with words: their index leads then.
        by = f" INDEXED BY {index}" if index and not match else ""
        select = f"SELECT {columns} FROM quotes q{by} JOIN articles a {BY_DAY}"
        parts.append(
            f"SELECT * FROM ({select} ON a.pk = q.article_pk{joins}{clause}"
            f" ORDER BY {order} LIMIT ?) b{len(parts)}"
        )
        values += [*([match] if match and postgres else []), *params, *branch_params, limit]
    merged = "day_lo DESC, published DESC, aid, start"
    sql = (
        "SELECT id FROM (" + " UNION ALL ".join(parts) + ") q"
        f" ORDER BY {'relevance, ' if match else ''}{merged} LIMIT ?"
    )
    return [r[0] for r in conn.execute(sql, [*values, limit])]


def count_quotes(
    conn: Connection,
    *,
    speaker: str | None,
    speaker_ids: Sequence[int] | None,
    match: str,
    start: dt.date | None,
    end: dt.date | None,
    kind: str | None = None,
    min_confidence: float | None = None,
) -> int:
    """How many quotes :func:`select_quotes` finds with these filters."""
    postgres = is_postgres(conn)
    joins, where, params = _quote_filter(
        speaker=speaker, speaker_ids=speaker_ids, match=match, start=start, end=end,
        kind=kind, min_confidence=min_confidence, postgres=postgres,
    )  # fmt: skip
    sql = "SELECT COUNT(*) FROM quotes q" + joins
    if match and len(where) == 1 and not postgres:  # the text index alone
        sql = "SELECT COUNT(*) FROM quotes_fts"
    elif (start or end) and not (match or speaker or speaker_ids is not None or min_confidence):
        # Two index ranges, not every quote dated before ``end`` (see overlap).
        term, values = ("q.kind = ?", [kind]) if kind else ("", [])
        span, params = overlap("q.day_lo", "q.day_hi", start, end, also=term, also_params=values)
        where = [span]
    if where:
        sql += " WHERE " + " AND ".join(where)
    return int(conn.execute(sql, params).fetchone()[0])


def count_quote_items(conn: Connection, total: int, **filters: Any) -> int:
    """How many items :func:`select_quotes` lists: ``total`` matching quotes (from
    :func:`count_quotes` with the same ``filters``) less the repeats of a quote in
    copies of one story.

    Only quotes that can repeat are looked at: those whose speaker has matching quotes
    in two or more articles of one duplicate group. Their repeats word for word are
    counted in SQL (one item per text, plus a quote said twice in one article); only
    their distinct texts are compared by words (:func:`merged_texts`). A store
    without copies reads nothing.
    """
    if not total or not has_copies(conn):
        return total
    joins, where, params = _quote_filter(**filters, postgres=is_postgres(conn))
    speaker = (
        "COALESCE(CAST(q.speaker_entity AS TEXT), 't:' || LOWER(COALESCE(q.speaker_text, '')))"
    )
    base = (
        f" FROM quotes q{joins} JOIN articles a INDEXED BY articles_pk_group"
        " ON a.pk = q.article_pk"
    )
    # One pass: each speaker's texts per group, with how often and in which articles.
    sql = (
        f"SELECT COALESCE(a.dup_group, a.pk) AS g, {speaker} AS s, q.text, COUNT(*),"
        f" COUNT(DISTINCT q.article_pk), MIN(q.article_pk), MAX(q.article_pk){base}"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " GROUP BY g, s, q.text ORDER BY MIN(q.id)"
    )
    by_key: dict[tuple[object, object], list[tuple[str, int, int, int, int]]] = {}
    for g, s, text, n, arts, first, last in conn.execute(sql, params):
        by_key.setdefault((g, s), []).append((text, n, arts, first, last))
    quotes = items = 0
    for rows in by_key.values():
        articles = {r[3] for r in rows} | {r[4] for r in rows}
        if len(articles) < 2:
            continue  # one article's quotes: nothing repeats across copies
        quotes += sum(r[1] for r in rows)
        said_twice = sum(r[1] - r[2] for r in rows)  # a quote said twice in one article
        items += merged_texts([r[0] for r in rows]) + said_twice
    return total - quotes + items


def _result(conn: Connection, row: Any) -> dict[str, Any]:
    """A found quote: the contract dict plus its article, fragment texts and named speaker."""
    quote = _quote(row).to_dict()
    text = row["article_text"]
    for fragment in quote["fragments"]:
        fragment["text"] = text[fragment["start"] : fragment["end"]]
    speaker = quote["speaker"]
    if speaker is not None:
        entity_id = row["speaker_entity"]
        role, affiliation = _role(conn, entity_id, row["article_pk"]) if entity_id else (None, None)
        speaker.update(
            entity_id=entity_id,
            name=row["entity_name"] or speaker["text"],
            role=role,
            affiliation=row["local_affiliation"] or affiliation,
        )
    return {
        "article_id": row["article_id"],
        "title": row["title"],
        "published": row["published"],
        **quote,
    }


def _role(conn: Connection, entity_id: int, article_pk: int) -> tuple[str | None, ...]:
    """The speaker's role as this article gives it (its first), else their most frequent one.

    The article's own role is the one held when the statement was made ("Prime
    Minister" in 2019, "former Prime Minister" later); the corpus-wide one fills in
    when the article names the speaker without a title.
    """
    row = conn.execute(
        "SELECT role, affiliation FROM entity_roles WHERE entity_id = ? AND article_pk = ?"
        " ORDER BY rowid LIMIT 1",
        (entity_id, article_pk),
    ).fetchone()
    if row is None:
        row = conn.execute(
            "SELECT role, affiliation FROM entity_roles WHERE entity_id = ?"
            " GROUP BY role, affiliation ORDER BY COUNT(*) DESC, role, affiliation LIMIT 1",
            (entity_id,),
        ).fetchone()
    return (row[0], row[1]) if row else (None, None)
