"""Stories in the SQLite store: incremental clustering after each batch, and reading them back.

Tables (migration 5):

- ``article_terms`` — every distinct term of a clustered article (``''`` too,
  so every clustered article has a row and ``df('')`` counts them) with its
  weight in the article's unit vector (0 for terms outside its strongest ones).
- ``term_df`` — document frequencies, kept incrementally: IDF needs no pass over
  the corpus.
- ``stories`` — date span, size, squared length of the centroid sum (``norm2``)
  and the representative article (``title_pk``, the member nearest the centroid).
- ``story_terms`` — the centroid: the sum of the members' vectors, indexed by
  term, so an article's candidate stories come from its own terms and the
  date window, never from a scan of all stories.
- ``story_members`` — one story per article.

An article that is deleted (or replaced: a changed article is deleted and
stored anew) leaves its story through a trigger, in the same transaction:
its vector is subtracted from the centroid, the span and size shrink, an empty
story disappears, and the document frequencies forget it. The next
:func:`update_stories` clusters whatever has no vector yet — the articles just
stored, or every article of a database made before stories existed.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

from dateline.errors import E, StoreError
from dateline.storage.db import Connection
from dateline.stories.cluster import Candidate, StoryOptions, Vector, best_story, dot, vectorise
from dateline.stories.terms import ENTITY_PREFIX, term_counts

# Applied as migration 5 (dateline.storage.migrations): never edit, add a migration instead.
STORIES_SQL = """
CREATE TABLE article_terms (
    article_pk INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    term TEXT NOT NULL,
    weight REAL NOT NULL,
    PRIMARY KEY (article_pk, term)
) WITHOUT ROWID;

CREATE TABLE term_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;

CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    first TEXT NOT NULL,
    last TEXT NOT NULL,
    size INTEGER NOT NULL,
    norm2 REAL NOT NULL,
    title_pk INTEGER REFERENCES articles(pk) ON DELETE SET NULL
);
CREATE INDEX stories_span ON stories(last, first);
CREATE INDEX stories_title ON stories(title_pk);

CREATE TABLE story_terms (
    term TEXT NOT NULL,
    story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    weight REAL NOT NULL,
    PRIMARY KEY (term, story_id)
) WITHOUT ROWID;
CREATE INDEX story_terms_story ON story_terms(story_id, weight);

CREATE TABLE story_members (
    article_pk INTEGER PRIMARY KEY REFERENCES articles(pk) ON DELETE CASCADE,
    story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE
);
CREATE INDEX story_members_story ON story_members(story_id);

-- Before an article row goes (deleted, or replaced by a changed version), take
-- it out of its story and out of the document frequencies.
CREATE TRIGGER stories_article_delete BEFORE DELETE ON articles BEGIN
    UPDATE term_df SET df = df - 1
     WHERE term IN (SELECT term FROM article_terms WHERE article_pk = old.pk);
    DELETE FROM term_df WHERE df <= 0
     AND term IN (SELECT term FROM article_terms WHERE article_pk = old.pk);
    UPDATE story_terms SET weight = weight - (
        SELECT v.weight FROM article_terms v
         WHERE v.article_pk = old.pk AND v.term = story_terms.term)
     WHERE story_id = (SELECT story_id FROM story_members WHERE article_pk = old.pk)
       AND term IN (SELECT term FROM article_terms WHERE article_pk = old.pk AND weight > 0);
    DELETE FROM story_terms WHERE weight <= 1e-9
       AND story_id = (SELECT story_id FROM story_members WHERE article_pk = old.pk);
    UPDATE stories SET
        size = size - 1,
        norm2 = (SELECT COALESCE(SUM(weight * weight), 0) FROM story_terms
                  WHERE story_id = stories.id),
        first = COALESCE((SELECT MIN(a.published) FROM story_members m
                           JOIN articles a ON a.pk = m.article_pk
                          WHERE m.story_id = stories.id AND m.article_pk != old.pk), first),
        last = COALESCE((SELECT MAX(a.published) FROM story_members m
                          JOIN articles a ON a.pk = m.article_pk
                         WHERE m.story_id = stories.id AND m.article_pk != old.pk), last)
     WHERE id = (SELECT story_id FROM story_members WHERE article_pk = old.pk);
    DELETE FROM stories WHERE size <= 0
       AND id = (SELECT story_id FROM story_members WHERE article_pk = old.pk);
END;
"""

#: Articles clustered per transaction when catching up on many (a first run on an old database).
CHUNK = 256
#: Relative difference below which two members are as near the centroid (the older one
#: stays the story's representative).
TIE = 1e-9


def update_stories(conn: Connection, options: StoryOptions) -> int:
    """Cluster every stored article that has no vector yet, oldest first; returns how many.

    Articles are taken in publication order (then id), so a batch gives the same
    stories as the same articles stored one at a time. Undated articles get a
    vector (they count for IDF) but no story: a story is a stretch of time.
    Each chunk of :data:`CHUNK` articles is one transaction; an article another
    process clustered meanwhile is left as it is.
    """
    pending = [
        row[0]
        for row in conn.execute(
            "SELECT pk FROM articles a WHERE NOT EXISTS"
            " (SELECT 1 FROM article_terms t WHERE t.article_pk = a.pk)"
            " ORDER BY published IS NULL, published, id"
        )
    ]
    for i in range(0, len(pending), CHUNK):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for pk in pending[i : i + CHUNK]:
                _cluster_one(conn, pk, options)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return len(pending)


def _json(value: Any) -> str:
    """A list or a mapping as one JSON parameter, read back in SQL with ``json_each``."""
    return json.dumps(value, ensure_ascii=False)


def _cluster_one(conn: Connection, pk: int, options: StoryOptions) -> None:
    """Give one article its vector and its story (joined or new).

    Rows go in and out through ``json_each``: one statement per step, however many
    terms an article has.
    """
    row = conn.execute(
        "SELECT title, text, published FROM articles a WHERE pk = ? AND NOT EXISTS"
        " (SELECT 1 FROM article_terms t WHERE t.article_pk = a.pk)",
        (pk,),
    ).fetchone()
    if row is None:  # clustered (or deleted) by another writer since it was listed
        return
    title, text, published = row
    entities = conn.execute(
        "SELECT e.key, COUNT(*) FROM mentions m JOIN entities e ON e.id = m.entity_id"
        " WHERE m.article_pk = ? GROUP BY e.id ORDER BY e.id",
        (pk,),
    ).fetchall()
    counts = term_counts(title, text, entities)
    terms = _json(["", *counts])
    df = dict(
        conn.execute(
            "INSERT INTO term_df SELECT value, 1 FROM json_each(?) WHERE true"
            " ON CONFLICT (term) DO UPDATE SET df = term_df.df + 1 RETURNING term, df",
            (terms,),
        ).fetchall()
    )
    vector = vectorise(counts, df, df[""], options=options)
    weights = _json({t: vector.get(t, 0.0) for t in ["", *counts]})
    conn.execute(
        "INSERT INTO article_terms SELECT ?, key, value FROM json_each(?)", (pk, weights)
    )
    if published is None or not vector:
        return
    day = dt.date.fromisoformat(published)
    gap = dt.timedelta(days=options.window_days)
    candidates = [
        Candidate(story_id, dot_, norm2)
        for story_id, dot_, norm2 in conn.execute(
            "SELECT st.story_id, SUM(st.weight * v.weight), s.norm2"
            " FROM article_terms v JOIN story_terms st ON st.term = v.term"
            " JOIN stories s ON s.id = st.story_id"
            " WHERE v.article_pk = ? AND v.weight > 0 AND s.last >= ? AND s.first <= ?"
            " GROUP BY st.story_id, s.norm2 ORDER BY st.story_id",
            (pk, (day - gap).isoformat(), (day + gap).isoformat()),
        )
    ]
    chosen = best_story(candidates, threshold=options.threshold)
    if chosen is None:
        story_id = conn.execute(
            "INSERT INTO stories (first, last, size, norm2, title_pk) VALUES (?, ?, 0, 0, ?)",
            (published, published, pk),
        ).lastrowid
        assert story_id is not None
        chosen = Candidate(story_id, 0.0, 0.0)
    _join_story(conn, pk, published, vector, chosen)


def _join_story(
    conn: Connection, pk: int, published: str, vector: Vector, story: Candidate
) -> None:
    """Add an article to a story: its vector to the centroid, its date to the span."""
    sid = story.story_id
    conn.execute(
        "INSERT INTO story_terms SELECT term, ?, weight FROM article_terms"
        " WHERE article_pk = ? AND weight > 0"
        " ON CONFLICT (term, story_id)"
        " DO UPDATE SET weight = story_terms.weight + excluded.weight",
        (sid, pk),
    )
    own = sum(w * w for w in vector.values())
    # The representative stays the member nearest the centroid, as far as comparing
    # the old one with the newcomer tells (two small lookups, not a pass over members).
    new_dot = story.dot + own  # the newcomer · the new centroid sum
    old_dot = conn.execute(
        "SELECT SUM(v.weight * st.weight) FROM stories s"
        " JOIN article_terms v ON v.article_pk = s.title_pk AND v.weight > 0"
        " JOIN story_terms st ON st.story_id = s.id AND st.term = v.term"
        " WHERE s.id = ? AND s.title_pk != ?",
        (sid, pk),
    ).fetchone()[0]
    # Nearer by more than rounding: two unit vectors tie exactly with their sum, and
    # which of them the sums' last bits favour would depend on the order SQL adds in.
    bar = None if old_dot is None else old_dot + TIE * max(1.0, abs(old_dot))
    conn.execute(
        "UPDATE stories SET size = size + 1, norm2 = norm2 + ?,"
        " title_pk = CASE WHEN ? IS NULL OR ? > ? THEN ? ELSE title_pk END,"
        " first = MIN(first, ?), last = MAX(last, ?) WHERE id = ?",
        (2 * story.dot + own, old_dot, new_dot, bar, pk, published, published, sid),
    )
    conn.execute("INSERT INTO story_members VALUES (?, ?)", (pk, sid))


def _vector(conn: Connection, pk: int) -> Vector:
    """A clustered article's stored vector."""
    return dict(
        conn.execute(
            "SELECT term, weight FROM article_terms WHERE article_pk = ? AND weight > 0", (pk,)
        ).fetchall()
    )


def _centroid(conn: Connection, story_id: int, terms: Vector) -> Vector:
    """A story's centroid sum restricted to ``terms``."""
    if not terms:
        return {}
    return dict(
        conn.execute(
            "SELECT term, weight FROM story_terms"
            " WHERE story_id = ? AND term IN (SELECT value FROM json_each(?))",
            (story_id, _json(list(terms))),
        ).fetchall()
    )


# -- reading --------------------------------------------------------------------


#: A story's title (over ``stories s LEFT JOIN articles a ON a.pk = s.title_pk``): its
#: representative's headline, else its first member's.
_TITLE = (
    "COALESCE(a.title, ("
    "  SELECT a2.title FROM story_members m JOIN articles a2 ON a2.pk = m.article_pk"
    "  WHERE m.story_id = s.id ORDER BY a2.published, a2.id LIMIT 1)) AS title"
)
#: The fields of a story record, in order.
STORY_FIELDS = ("id", "title", "first", "last", "size", "top_entities", "top_terms")


def _span(start: dt.date | None, end: dt.date | None) -> tuple[str, list[object]]:
    """``WHERE`` (over ``stories s``) keeping stories whose span overlaps [start, end]."""
    where: list[str] = []
    params: list[object] = []
    if start is not None:
        where.append("s.last >= ?")
        params.append(start.isoformat())
    if end is not None:
        where.append("s.first <= ?")
        params.append(end.isoformat())
    return (" WHERE " + " AND ".join(where) if where else ""), params


def select_stories(
    conn: Connection,
    *,
    limit: int = 20,
    start: dt.date | None = None,
    end: dt.date | None = None,
    entities: int = 3,
    terms: int = 6,
    offset: int = 0,
    newest: bool = False,
) -> list[dict[str, Any]]:
    """Stories whose span overlaps ``[start, end]``, largest first (then most recent),
    or most recent first (by their last article) with ``newest``.

    See :meth:`dateline.storage.sqlite.SQLiteStore.stories`.
    """
    where, params = _span(start, end)
    order = "s.last DESC, s.id DESC" if newest else "s.size DESC, s.last DESC, s.id"
    sql = (
        f"SELECT s.id, s.first, s.last, s.size, {_TITLE}"
        " FROM stories s LEFT JOIN articles a ON a.pk = s.title_pk"
        + where
        + f" ORDER BY {order} LIMIT ? OFFSET ?"
    )
    rows = [dict(r) for r in conn.execute(sql, [*params, limit, offset])]
    for row in rows:
        row.update(_story_features(conn, row["id"], entities=entities, terms=terms))
    return [{k: row[k] for k in STORY_FIELDS} for row in rows]


def count_stories(
    conn: Connection, *, start: dt.date | None = None, end: dt.date | None = None
) -> int:
    """How many stories :func:`select_stories` lists for [start, end]."""
    where, params = _span(start, end)
    return int(conn.execute("SELECT COUNT(*) FROM stories s" + where, params).fetchone()[0])


def story_record(conn: Connection, story_id: int) -> dict[str, Any]:
    """One story as :func:`select_stories` lists it.

    Raises:
        StoreError: there is no such story (``DL305``).
    """
    row = conn.execute(
        f"SELECT s.id, s.first, s.last, s.size, {_TITLE}"
        " FROM stories s LEFT JOIN articles a ON a.pk = s.title_pk WHERE s.id = ?",
        (story_id,),
    ).fetchone()
    if row is None:
        raise StoreError(E.NO_STORY, id=story_id)
    record = dict(row)
    record.update(_story_features(conn, story_id, entities=3, terms=6))
    return {k: record[k] for k in STORY_FIELDS}


def story_titles(conn: Connection, ids: list[int]) -> dict[int, str | None]:
    """The titles of the stories ``ids`` (as :func:`select_stories` gives them)."""
    return {
        r[0]: r[1]
        for r in conn.execute(
            f"SELECT s.id, {_TITLE} FROM stories s LEFT JOIN articles a ON a.pk = s.title_pk"
            " WHERE s.id IN (SELECT value FROM json_each(?))",
            (_json(ids),),
        )
    }


def _story_features(
    conn: Connection, story_id: int, *, entities: int, terms: int
) -> dict[str, list[str]]:
    """The heaviest entity names and words of a story's centroid."""
    names: list[str] = []
    words: list[str] = []
    for term, _ in conn.execute(
        # ties by term, backwards: the order story_terms_story gives them in on SQLite
        "SELECT term, weight FROM story_terms WHERE story_id = ? ORDER BY weight DESC, term DESC",
        (story_id,),
    ):
        if term.startswith(ENTITY_PREFIX):
            if len(names) < entities:
                row = conn.execute(
                    "SELECT name FROM entities WHERE key = ? ORDER BY id LIMIT 1",
                    (term[len(ENTITY_PREFIX) :],),
                ).fetchone()
                names.append(row[0] if row else term[len(ENTITY_PREFIX) :])
        elif len(words) < terms:
            words.append(term)
        if len(names) >= entities and len(words) >= terms:
            break
    return {"top_entities": names, "top_terms": words}


def select_story_articles(conn: Connection, story_id: int) -> list[dict[str, Any]]:
    """A story's articles in publication order, each with its similarity to the centroid.

    Raises:
        StoreError: there is no such story (``DL305``).
    """
    story = conn.execute("SELECT norm2 FROM stories WHERE id = ?", (story_id,)).fetchone()
    if story is None:
        raise StoreError(E.NO_STORY, id=story_id)
    norm = math.sqrt(story[0]) or 1.0
    rows = []
    for r in conn.execute(
        "SELECT a.pk, a.id, a.title, a.published, a.source FROM story_members m"
        " JOIN articles a ON a.pk = m.article_pk WHERE m.story_id = ?"
        " ORDER BY a.published, a.id",
        (story_id,),
    ):
        vector = _vector(conn, r["pk"])
        similarity = dot(vector, _centroid(conn, story_id, vector)) / norm
        rows.append(
            {
                "id": r["id"],
                "title": r["title"],
                "published": r["published"],
                "source": r["source"],
                "similarity": round(similarity, 3),
            }
        )
    return rows
