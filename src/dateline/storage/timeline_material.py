"""What a timeline is built from, read from the SQLite store in a few set queries.

The material is (1) the articles a timeline reads (matching the query's words, naming
the asked entities, or a story's), (2) their dated events, each with its sentence's
offsets, and (3) the text of each article that has such events, read once per article
so that sentences are cut in Python, not by one ``SUBSTR`` of the article per event.
Rows come back as tuples (:class:`~dateline.records.TimelineEvent`): on a large store a
common word's material is tens of thousands of events, and a dict per row was a third
of the time.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from dateline.records import TimelineArticle, TimelineEvent, TimelineMaterial
from dateline.storage.db import PG_MATCH, Connection, is_postgres

#: Ids per ``IN (...)`` list (SQLite allows 32,766 variables; smaller lists plan better).
CHUNK = 900

#: With ``max_articles``, the events read are bounded too: this many per article asked
#: for (an article has 77 on average in the sample; a long one, thousands). Articles are
#: taken in relevance order until the budget is spent (the first one always).
EVENTS_PER_ARTICLE = 150


def _chunks(values: Sequence[int]) -> Iterator[Sequence[int]]:
    for i in range(0, len(values), CHUNK):
        yield values[i : i + CHUNK]


def _marks(values: Sequence[object]) -> str:
    return ", ".join("?" * len(values))


def material_articles(
    conn: Connection,
    *,
    match: str,
    entity_ids: Sequence[int] | None,
    article_pks: Sequence[int] | None,
    max_articles: int | None,
) -> list[int]:
    """The pks of the articles a timeline reads, in ascending order.

    ``match`` (an FTS5 query; ``""`` for none) keeps the articles matching it, the
    ``max_articles`` most relevant (BM25) when bounded; ``article_pks`` (a story)
    restricts to those; an entity timeline without words reads the articles naming
    one of ``entity_ids``, the ``max_articles`` newest when bounded. When bounded, the
    articles are also cut where their events pass ``EVENTS_PER_ARTICLE * max_articles``
    (see :func:`_within_budget`).
    """
    pks: list[int] | None = None
    if match:
        sql = "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?"
        params: list[object] = [match]
        rank = "rank"
        if is_postgres(conn):  # relevance as the article search ranks (browse.ranked)
            sql = f"SELECT pk FROM articles WHERE tsv @@ {PG_MATCH}"
            rank = f"-ts_rank_cd('{{0.1, 0.2, 0.2, 1.0}}', tsv, {PG_MATCH}, 1), pk"
        if max_articles is not None and article_pks is None:
            sql += f" ORDER BY {rank} LIMIT ?"
            params += [match] * (rank != "rank") + [max_articles]
        pks = [r[0] for r in conn.execute(sql, params)]
        if max_articles is not None and article_pks is None:
            pks = _within_budget(conn, pks, EVENTS_PER_ARTICLE * max_articles)
    if article_pks is not None:
        story = sorted(set(article_pks))
        if pks is not None:
            keep = set(pks)
            story = [pk for pk in story if pk in keep]
        pks = story
    elif pks is None and entity_ids:
        # An entity's timeline without words: the articles naming it, not the whole store.
        sql = (
            "SELECT DISTINCT ae.article_pk, a.published FROM article_entities ae"
            " JOIN articles a ON a.pk = ae.article_pk"
            f" WHERE ae.entity_id IN ({_marks(entity_ids)})"
        )
        rows = conn.execute(sql, list(entity_ids)).fetchall()
        if max_articles is not None:
            rows.sort(key=lambda r: (r[1] or "", r[0]), reverse=True)
            pks = [r[0] for r in rows[:max_articles]]
            pks = _within_budget(conn, pks, EVENTS_PER_ARTICLE * max_articles)
        else:
            pks = [r[0] for r in rows]
    elif pks is None:
        pks = [r[0] for r in conn.execute("SELECT pk FROM articles")]
    return sorted(pks)


def _within_budget(conn: Connection, ranked: list[int], budget: int) -> list[int]:
    """The first of ``ranked`` (best first) whose events add up to at most ``budget``;
    the first always. Counted on the events' (article, seq) index, not their rows."""
    counts: dict[int, int] = {}
    for chunk in _chunks(ranked):
        sql = (
            f"SELECT article_pk, COUNT(*) FROM events WHERE article_pk IN ({_marks(chunk)})"
            " GROUP BY article_pk"
        )
        counts.update(conn.execute(sql, list(chunk)).fetchall())
    kept: list[int] = []
    spent = 0
    for pk in ranked:
        spent += counts.get(pk, 0)
        if kept and spent > budget:
            break
        kept.append(pk)
    return kept


def timeline_material(
    conn: Connection,
    *,
    match: str,
    start: str | None,
    end: str | None,
    entity_ids: Sequence[int] | None,
    article_pks: Sequence[int] | None,
    max_articles: int | None = None,
) -> TimelineMaterial:
    """The material of a timeline: the articles read, their dated events, their texts.

    Args:
        match: An FTS5 query the articles must match (``""``: no word condition).
        start: Keep events whose date interval ends on or after this ISO day
            (and count publications on or after it).
        end: Keep events whose interval starts on or before this ISO day.
        entity_ids: When given, ``involved`` says whether an event names one of them;
            without ``match``, only the articles naming one of them are read.
        article_pks: When given, only these articles (a story).
        max_articles: Read at most this many articles: the most relevant (BM25) to
            ``match``, or an entity's newest. A common word's timeline on a large store
            reads a bounded number of articles.
    """
    pks = material_articles(
        conn, match=match, entity_ids=entity_ids, article_pks=article_pks,
        max_articles=max_articles,
    )  # fmt: skip
    cur = conn.cursor()
    cur.row_factory = None  # plain tuples
    involved = "0"
    head: list[object] = []
    if entity_ids:
        involved = (
            "EXISTS (SELECT 1 FROM event_entities x WHERE x.event_id = e.id"
            f" AND x.entity_id IN ({_marks(entity_ids)}))"
        )
        head = list(entity_ids)
    bounds, tail = "", []
    if start:
        bounds += " AND e.hi >= ?"
        tail.append(start)
    if end:
        bounds += " AND e.lo <= ?"
        tail.append(end)
    events: list[TimelineEvent] = []
    articles: dict[int, TimelineArticle] = {}
    make_event, make_article = TimelineEvent._make, TimelineArticle._make
    for chunk in _chunks(pks):
        sql = (
            "SELECT e.article_pk, e.sentence_start, e.sentence_end, e.date, e.date_mod,"
            f" e.basis, e.confidence, {involved} FROM events e"
            f" WHERE e.article_pk IN ({_marks(chunk)}) AND e.lo IS NOT NULL{bounds}"
            " ORDER BY e.article_pk, e.sentence_start, e.seq"
        )
        events.extend(map(make_event, cur.execute(sql, [*head, *chunk, *tail])))
        sql = (
            "SELECT pk, id, title, published, source, COALESCE(dup_group, pk) FROM articles"
            f" WHERE pk IN ({_marks(chunk)})"
        )
        for row in cur.execute(sql, list(chunk)):
            articles[row[0]] = make_article(row)
    with_events = sorted({e.article_pk for e in events})
    texts: dict[int, str] = {}
    for chunk in _chunks(with_events):
        sql = f"SELECT pk, text FROM articles WHERE pk IN ({_marks(chunk)})"
        texts.update(cur.execute(sql, list(chunk)))
    # Each day a duplicate group is published on counts once: ten outlets reprinting a
    # story today are one publication; the same text again a week later is another.
    days = {
        (a.group, a.published)
        for a in articles.values()
        if a.published is not None
        and (not start or a.published >= start) and (not end or a.published <= end)
    }  # fmt: skip
    published = sorted(day for _, day in days)
    return TimelineMaterial(events=events, articles=articles, texts=texts, published=published)
