"""Duplicate groups in the SQLite store: assigned at ingest, read back by the listings.

Tables and columns (migration 9):

- ``dup_signatures`` — each article's MinHash signature (a BLOB of 32-bit values) and
  its number of distinct shingles, so candidates are verified without their text.
- ``dup_bands`` — one row per LSH band of each article, indexed by ``(band, key)``:
  a new article's candidates are the rows under its own keys, an indexed look-up
  whose cost does not grow with the store (only with how many copies a story has,
  bounded by ``DedupOptions.max_candidates``).
- ``articles.dup_group`` — the group: the pk of its first article (its own pk when
  alone). A group id never changes: when the first article is deleted or replaced,
  the others keep the id (a pk is only reused for a new row when it was the largest,
  which a group's first article never is while later copies exist), so no trigger has
  to re-root a group. A deleted article's signature and bands go with it (foreign
  keys, ``ON DELETE CASCADE``); a changed article is stored anew and grouped again,
  which takes it out of a group it no longer belongs to.

Listings show one item per group; :func:`collapse` keeps a ranking's best copy of
each group and :func:`group_copies` gives the other copies of the kept ones.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from dateline.dedup.options import DedupOptions
from dateline.storage.db import Connection, is_postgres
from dateline.storage.sql import BY_DAY, ids_json, statements

if TYPE_CHECKING:  # NumPy is imported when an article is fingerprinted, not with the store
    from dateline.dedup.groups import Fingerprint

# Applied as migration 9 (dateline.storage.migrations): never edit, add a migration instead.
DEDUP_SQL = """
-- Setting an article's group must not re-index its text: the full-text index is
-- updated only when the title or the text change.
DROP TRIGGER articles_fts_update;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
    VALUES ('delete', old.pk, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, new.title, new.text);
END;
ALTER TABLE articles ADD COLUMN dup_group INTEGER;
-- An article's group without reading its row (INDEXED BY: SQLite prefers the rowid),
-- a group's copies, and the few articles that are not their group's first (counts).
CREATE INDEX articles_pk_group ON articles(pk, dup_group);
CREATE INDEX articles_dup_group ON articles(dup_group, pk);
CREATE INDEX articles_copies ON articles(pk, dup_group) WHERE dup_group != pk;

CREATE TABLE dup_signatures (
    article_pk INTEGER PRIMARY KEY REFERENCES articles(pk) ON DELETE CASCADE,
    shingles INTEGER NOT NULL,
    sig BLOB NOT NULL
);
-- The table is its (band, key) index: no rowid table beside it, half the pages.
CREATE TABLE dup_bands (
    band INTEGER NOT NULL,
    key INTEGER NOT NULL,
    article_pk INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    PRIMARY KEY (band, key, article_pk)
) WITHOUT ROWID;
CREATE INDEX dup_bands_article ON dup_bands(article_pk);
"""


def migrate_dedup(conn: Connection) -> None:
    """Migration 9: the tables of :data:`DEDUP_SQL`, then every stored article grouped,
    in pk order (as if ingested one by one, with the default options)."""
    for statement in statements(DEDUP_SQL):
        conn.execute(statement)
    for (pk,) in conn.execute("SELECT pk FROM articles ORDER BY pk").fetchall():
        text = conn.execute("SELECT text FROM articles WHERE pk = ?", (pk,)).fetchone()[0]
        assign_group(conn, pk, text)


#: Read an article's group from the narrow index, not its row.
BY_GROUP = "INDEXED BY articles_pk_group"


def candidates(conn: Connection, fp: Fingerprint, *, exclude: int, most: int) -> list[int]:
    """Stored articles sharing a band key with ``fp``: the ``most`` sharing most bands.

    Each key gives at most ``most`` articles, the oldest (a story reprinted a thousand
    times has its group's first copies there): the work per article stays bounded.
    """
    hits: Counter[int] = Counter()
    for band, key in enumerate(fp.keys):
        for (pk,) in conn.execute(
            "SELECT article_pk FROM dup_bands WHERE band = ? AND key = ? ORDER BY article_pk"
            " LIMIT ?",
            (band, key, most),
        ):
            hits[pk] += 1
    hits.pop(exclude, None)
    ranked = sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))
    return [pk for pk, _ in ranked[:most]]


def best_group(
    conn: Connection, fp: Fingerprint, pks: Sequence[int], options: DedupOptions
) -> int | None:
    """The group of the candidate most similar to ``fp`` among ``pks``, if it is a copy."""
    if not pks:
        return None
    import numpy as np

    from dateline.dedup.groups import Fingerprint, similarity

    rows = conn.execute(
        f"SELECT s.article_pk, s.shingles, s.sig, a.dup_group FROM dup_signatures s"
        f" JOIN articles a {BY_GROUP} ON a.pk = s.article_pk"
        " WHERE s.article_pk IN (SELECT value FROM json_each(?))",
        (ids_json(pks),),
    ).fetchall()
    best: tuple[float, int] | None = None
    for pk, size, blob, group in rows:
        sig = np.frombuffer(blob, dtype="<u4")
        if len(sig) != len(fp.signature):
            continue  # stored with other options: not comparable
        score = similarity(fp, Fingerprint(sig, size, ()), options)
        g = pk if group is None else group  # (a row stored before grouping: alone)
        # the most similar copy's group; on a tie the oldest group
        if score >= options.threshold and (best is None or (-score, g) < (-best[0], best[1])):
            best = (score, g)
    return best[1] if best else None


def assign_group(
    conn: Connection, pk: int, text: str, options: DedupOptions | None = None
) -> int:
    """Fingerprint a just-stored article, put it in its duplicate group; returns the group.

    The article joins the group of its most similar stored copy, else starts its
    own (``dup_group = pk``). Its signature and band keys are stored for the
    articles after it. Runs inside the caller's transaction.

    Example:
        >>> from dateline.storage.sqlite import SQLiteStore
        >>> c = SQLiteStore(":memory:", create=True).conn
        >>> pk = c.execute("INSERT INTO articles (id, text, content_hash, ingested_at)"
        ...                " VALUES ('a', 'x', 'h', 'now')").lastrowid
        >>> assign_group(c, pk, "x") == pk
        True
    """
    from dateline.dedup.groups import fingerprint

    o = options or DedupOptions()
    fp = fingerprint(text, o)
    group = None
    if fp.keys:
        group = best_group(conn, fp, candidates(conn, fp, exclude=pk, most=o.max_candidates), o)
        conn.executemany(
            "INSERT INTO dup_bands (band, key, article_pk) VALUES (?, ?, ?)",
            [(band, key, pk) for band, key in enumerate(fp.keys)],
        )
    conn.execute(
        "INSERT INTO dup_signatures (article_pk, shingles, sig) VALUES (?, ?, ?)"
        " ON CONFLICT (article_pk) DO UPDATE SET shingles = excluded.shingles, sig = excluded.sig",
        (pk, fp.size, fp.signature.astype("<u4").tobytes()),
    )
    group = pk if group is None else group
    conn.execute("UPDATE articles SET dup_group = ? WHERE pk = ?", (group, pk))
    return group


def groups_of(conn: Connection, pks: Sequence[int]) -> dict[int, int]:
    """Each article's group (its own pk when it has none: a row stored before grouping)."""
    if not pks:
        return {}
    rows = conn.execute(
        f"SELECT a.pk, a.dup_group FROM articles a {BY_GROUP}"
        " WHERE a.pk IN (SELECT value FROM json_each(?))",
        (ids_json(pks),),
    )
    return {pk: (pk if group is None else group) for pk, group in rows}


def collapse(
    conn: Connection, hits: Sequence[tuple[int, float]]
) -> list[tuple[int, float]]:
    """A ranking with one hit per duplicate group: the best-ranked copy, in rank order.

    Example:
        >>> from dateline.storage.sqlite import SQLiteStore
        >>> collapse(SQLiteStore(":memory:", create=True).conn, [])
        []
    """
    groups = groups_of(conn, [pk for pk, _ in hits])
    seen: set[int] = set()
    kept = []
    for pk, score in hits:
        g = groups.get(pk, pk)
        if g not in seen:
            seen.add(g)
            kept.append((pk, score))
    return kept


def collapsed(
    conn: Connection, rank: Callable[[int], list[tuple[int, float]]], want: int
) -> list[tuple[int, float]]:
    """The first ``want`` groups of a ranking (:func:`collapse`); ``rank(n)`` gives its
    first ``n`` hits (``n = -1``: all). Copies crowding the top are made up for by
    asking for twice as many hits until ``want`` groups are found or the hits run out.
    """
    if want < 0:
        return collapse(conn, rank(-1))
    n = max(want, 1)
    while True:
        hits = rank(n)
        kept = collapse(conn, hits)
        if len(kept) >= want or len(hits) < n:
            return kept[:want]
        n *= 2


def group_copies(conn: Connection, pks: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    """For each article, the other stored copies of its group (``id``, ``source``, ``url``,
    ``published``), oldest first; an article alone has none."""
    groups = groups_of(conn, pks)
    if not groups:
        return {}
    members: dict[int, list[tuple[int, dict[str, Any]]]] = {}
    for row in conn.execute(
        "SELECT a.pk, a.dup_group, a.id, a.source, a.url, a.published FROM articles a"
        " INDEXED BY articles_dup_group WHERE a.dup_group IN (SELECT value FROM json_each(?))",
        (ids_json(sorted(set(groups.values()))),),
    ):
        copy = {"id": row[2], "source": row[3], "url": row[4], "published": row[5]}
        members.setdefault(row[1], []).append((row[0], copy))
    out: dict[int, list[dict[str, Any]]] = {}
    for pk, g in groups.items():
        others = [(c["published"] or "", c["id"], c) for m, c in members.get(g, []) if m != pk]
        out[pk] = [c for _, _, c in sorted(others, key=lambda t: (t[0], t[1]))]
    return out


def outlets(source: str | None, copies: Sequence[dict[str, Any]]) -> int:
    """How many outlets report an item: distinct sources over the item and its copies,
    counting a copy without a source as one outlet of its own.

    Example:
        >>> outlets("AP", [{"id": "b", "source": "AP"}, {"id": "c", "source": None}])
        2
    """
    named = {source} if source else set()
    unnamed = 0 if source else 1
    for c in copies:
        if c.get("source"):
            named.add(c["source"])
        else:
            unnamed += 1
    return len(named) + unnamed


def count_groups(
    conn: Connection, matched: int, source: str, params: Sequence[object]
) -> int:
    """How many duplicate groups ``matched`` articles make.

    ``source`` is a ``FROM … WHERE …`` of the matching articles ``a``. A store with no
    copies answers ``matched`` from one index probe; else the groups are counted in
    one pass over the matches, reading each one's group from the narrow
    ``(pk, dup_group)`` index when no condition needs the row's other columns.
    """
    if not has_copies(conn) or not matched:
        return matched
    if "a.published" not in source:
        source = source.replace(BY_DAY, BY_GROUP)
    sql = f"SELECT COUNT(DISTINCT COALESCE(a.dup_group, a.pk)) {source}"
    return int(conn.execute(sql, list(params)).fetchone()[0])


def has_copies(conn: Connection) -> bool:
    """Whether any stored article is a copy (not the first of its group)."""
    probe = "SELECT 1 FROM articles INDEXED BY articles_copies WHERE dup_group != pk LIMIT 1"
    if is_postgres(conn):  # the same index, found by its column (migration 10's variant)
        probe = "SELECT 1 FROM articles WHERE is_copy LIMIT 1"
    return conn.execute(probe).fetchone() is not None


# -- quotes ---------------------------------------------------------------------------

#: Word-set Jaccard at or above which two quotes of one speaker in copies of one story
#: are the same quote (a reprint may change a word or two, or cut the quote short).
QUOTE_SAME = 0.7


def _quote_words(text: str) -> frozenset[str]:
    from dateline.dedup.shingles import words

    return frozenset(words(text))


def collapse_quotes(conn: Connection, ids: Sequence[int]) -> list[tuple[int, list[int]]]:
    """Quotes in order with one item per quote reprinted in copies of one story: each kept
    quote id (the first in ``ids``) with the ids of the same quote in the other copies.

    Two quotes are one when their articles are in one duplicate group, their speakers
    are one (the same entity, or written the same when not an entity) and their
    words nearly the same (:data:`QUOTE_SAME`).

    Example:
        >>> from dateline.storage.sqlite import SQLiteStore
        >>> collapse_quotes(SQLiteStore(":memory:", create=True).conn, [])
        []
    """
    if not ids:
        return []
    info = {
        r[0]: ((r[1], r[2] if r[2] is not None else (r[3] or "").casefold()), r[4], r[5])
        for r in conn.execute(
            f"SELECT q.id, COALESCE(a.dup_group, a.pk), q.speaker_entity, q.speaker_text,"
            f" q.text, q.article_pk FROM quotes q JOIN articles a {BY_GROUP}"
            " ON a.pk = q.article_pk WHERE q.id IN (SELECT value FROM json_each(?))",
            (ids_json(ids),),
        )
    }
    kept: list[tuple[int, list[int]]] = []
    # Per speaker and group, the items so far: [text, its words (made when first
    # compared), article, copies]. Most quotes have no other item of their key, and
    # their words are never made; a reprint that repeats a quote word for word joins
    # its item without them either.
    by_key: dict[object, list[list[Any]]] = {}
    verbatim: dict[tuple[object, str], tuple[int, list[int]]] = {}
    for qid in ids:
        if qid not in info:
            continue
        key, text, article = info[qid]
        first = verbatim.get((key, text))
        if first is not None and first[0] != article:
            first[1].append(qid)
            continue
        same = None
        items = by_key.setdefault(key, [])
        ws: frozenset[str] | None = None
        for item in items:
            if item[2] == article:
                continue
            if ws is None:
                ws = _quote_words(text)
            if item[1] is None:
                item[1] = _quote_words(item[0])
            if len(ws & item[1]) >= QUOTE_SAME * len(ws | item[1]):
                same = item[3]
                break
        if same is not None:
            same.append(qid)
            continue
        copies: list[int] = []
        items.append([text, ws, article, copies])
        verbatim.setdefault((key, text), (article, copies))
        kept.append((qid, copies))
    return kept


def merged_texts(texts: Sequence[str]) -> int:
    """How many items distinct quote texts of one speaker in one duplicate group make:
    a text joins the first item whose words it nearly repeats (:data:`QUOTE_SAME`).

    Example:
        >>> merged_texts(["We will rebuild the pier.", "We will rebuild the pier soon.", "No."])
        2
    """
    firsts: list[frozenset[str]] = []
    for text in texts:
        ws = _quote_words(text)
        if not any(len(ws & f) >= QUOTE_SAME * len(ws | f) for f in firsts):
            firsts.append(ws)
    return len(firsts)


def quote_sources(conn: Connection, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """Each quote's article as a source: ``article_id``, ``source``, ``url``, ``published``."""
    rows = conn.execute(
        "SELECT q.id, a.id, a.source, a.url, a.published FROM quotes q JOIN articles a"
        " ON a.pk = q.article_pk WHERE q.id IN (SELECT value FROM json_each(?))",
        (ids_json(ids),),
    )
    keys = ("article_id", "source", "url", "published")
    return {r[0]: dict(zip(keys, r[1:], strict=True)) for r in rows}
