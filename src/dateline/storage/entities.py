"""Global entities in the SQLite store: linking each article's entities, incrementally.

An article's entities are linked when it is saved (:func:`link_article`): each
one's names give match keys (:func:`dateline.identity.names.match_keys`); an
indexed look-up in ``entity_keys`` returns a bounded number of candidates; the
decision is :func:`dateline.identity.linker.decide`'s. The entity record is
then updated in place: counts, type votes, match keys with their counts, the
fullest name, first and last seen, the entities it occurs with. Nothing is
re-clustered, so the work per article stays flat as the store grows.

Tables (migration 6):

* ``entities`` — ``id`` (stable: a merged entity keeps its row and points to
  the survivor in ``merged_into``), ``name`` (canonical: the fullest name),
  ``key`` (its core key), ``type`` (the vote), ``locked`` (renamed by a user),
  ``articles``/``mentions`` counts, ``first_seen``/``last_seen`` (publication dates);
* ``entity_keys`` — match key → entity with a count of the articles that used it;
* ``entity_types`` — type votes (mentions per article-level type);
* ``entity_cooc`` — how often two entities were seen in one article (each
  article's ten most mentioned entities);
* ``entity_rules`` — the user's corrections (pins, blocks, merges, renames),
  applied to every later article and re-ingest.

:class:`~dateline.storage.sqlite.SQLiteStore` calls these inside its transactions.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from itertools import combinations

from dateline.identity.linker import (
    Candidate,
    Decision,
    Local,
    best_relation,
    decide,
    family,
)
from dateline.identity.names import (
    Relation,
    core_key,
    match_keys,
    name_words,
    relation,
    translit_key,
)
from dateline.identity.normal import make_key
from dateline.records import Entity
from dateline.storage.db import Connection, is_postgres
from dateline.storage.sql import statements

#: Candidates fetched per match key (the most used first).
PER_KEY = 40
#: Part entities seen in more articles than this are never absorbed: an entity the
#: store knows well by its short name ("Obama") is that name's referent of its own.
ABSORB_MAX = 5
#: Entities of an article whose co-occurrences are recorded.
COOC_TOP = 10
_NAMED = ("name", "alias")

ENTITIES_SQL = """
CREATE TABLE entities_v6 (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    locked INTEGER NOT NULL DEFAULT 0,
    merged_into INTEGER REFERENCES entities_v6(id),
    articles INTEGER NOT NULL DEFAULT 0,
    mentions INTEGER NOT NULL DEFAULT 0,
    first_seen TEXT,
    last_seen TEXT
);
INSERT INTO entities_v6 (id, key, type, name) SELECT id, key, type, name FROM entities;
DROP TABLE entities;
ALTER TABLE entities_v6 RENAME TO entities;
CREATE INDEX entities_key ON entities(key);

ALTER TABLE article_entities ADD COLUMN type TEXT;
ALTER TABLE article_entities ADD COLUMN votes INTEGER NOT NULL DEFAULT 1;
ALTER TABLE article_entities ADD COLUMN link TEXT;

CREATE TABLE entity_keys (
    key TEXT NOT NULL,
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    count INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (key, entity_id)
) WITHOUT ROWID;
CREATE INDEX entity_keys_used ON entity_keys(key, count);
CREATE INDEX entity_keys_entity ON entity_keys(entity_id);

CREATE TABLE entity_types (
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    type TEXT NOT NULL,
    votes INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (entity_id, type)
) WITHOUT ROWID;

CREATE TABLE entity_cooc (
    a INTEGER NOT NULL REFERENCES entities(id),
    b INTEGER NOT NULL REFERENCES entities(id),
    n INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (a, b)
) WITHOUT ROWID;

CREATE TABLE entity_rules (
    id INTEGER PRIMARY KEY,
    action TEXT NOT NULL,
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    key TEXT,
    detail TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX entity_rules_key ON entity_rules(key);
CREATE INDEX entity_rules_entity ON entity_rules(entity_id);

CREATE TRIGGER article_entities_unlink AFTER DELETE ON article_entities BEGIN
    UPDATE entities SET articles = articles - 1, mentions = mentions - old.votes
    WHERE id = old.entity_id;
    UPDATE entity_types SET votes = votes - old.votes
    WHERE entity_id = old.entity_id AND type = old.type;
END;
"""


def migrate_entities(conn: Connection) -> None:
    """Migration 6: the identity tables, filled from a database made before them.

    Old entities were one per (normalised name, type); those sharing a name
    become one entity (the type is no longer part of the identity), and every
    reference to the others moves to it. Counts, types, keys and first/last
    seen are rebuilt from the stored mentions, so no article, mention or quote
    loses its entity.
    """
    for statement in statements(ENTITIES_SQL):
        conn.execute(statement)
    dupes = conn.execute(
        "SELECT key, MIN(id) FROM entities GROUP BY key HAVING COUNT(*) > 1"
    ).fetchall()
    for key, keep in dupes:
        others = [
            r[0]
            for r in conn.execute("SELECT id FROM entities WHERE key = ? AND id <> ?", (key, keep))
        ]
        for other in others:
            repoint(conn, other, keep)
            conn.execute("DELETE FROM entities WHERE id = ?", (other,))
    conn.execute(
        "UPDATE article_entities SET type = (SELECT type FROM entities e"
        " WHERE e.id = article_entities.entity_id),"
        " votes = (SELECT COUNT(*) FROM mentions m WHERE m.article_pk = article_entities.article_pk"
        " AND m.local_id = article_entities.local_id), link = 'migrated'"
    )
    rows = conn.execute(
        "SELECT ae.entity_id, ae.type, ae.votes, a.published FROM article_entities ae"
        " JOIN articles a ON a.pk = ae.article_pk"
    ).fetchall()
    for entity_id, type_, votes, published in rows:
        _count(conn, entity_id, type_, votes, published)
    for entity_id, text in conn.execute(
        "SELECT DISTINCT entity_id, text FROM mentions WHERE kind IN ('name', 'alias')"
    ).fetchall():
        _add_keys(conn, entity_id, [text])
    for (entity_id,) in conn.execute("SELECT id FROM entities").fetchall():
        _retype(conn, entity_id)


def repoint(conn: Connection, old: int, new: int) -> None:
    """Move every reference from entity ``old`` to entity ``new``."""
    for table, column in (
        ("mentions", "entity_id"),
        ("article_entities", "entity_id"),
        ("quotes", "speaker_entity"),
    ):
        conn.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?", (new, old))
    # A row the new entity already has (the same article's role, the same event) stays
    # with the old one and goes: SQLite's UPDATE OR IGNORE, said in SQL both stores speak.
    for table, key in (("entity_roles", ("article_pk", "role")), ("event_entities", ("event_id",))):
        same = " AND ".join(f"u.{c} = {table}.{c}" for c in key)
        conn.execute(
            f"UPDATE {table} SET entity_id = ? WHERE entity_id = ?"
            f" AND NOT EXISTS (SELECT 1 FROM {table} u WHERE u.entity_id = ? AND {same})",
            (new, old, new),
        )
        conn.execute(f"DELETE FROM {table} WHERE entity_id = ?", (old,))
    if _has_table(conn, "entity_keys"):
        conn.execute(
            "INSERT INTO entity_keys (key, entity_id, count) SELECT key, ?, count FROM entity_keys"
            " WHERE entity_id = ?"
            " ON CONFLICT (key, entity_id)"
            " DO UPDATE SET count = entity_keys.count + excluded.count",
            (new, old),
        )
        conn.execute("DELETE FROM entity_keys WHERE entity_id = ?", (old,))
        conn.execute(
            "INSERT INTO entity_types (entity_id, type, votes)"
            " SELECT ?, type, votes FROM entity_types WHERE entity_id = ?"
            " ON CONFLICT (entity_id, type)"
            " DO UPDATE SET votes = entity_types.votes + excluded.votes",
            (new, old),
        )
        conn.execute("DELETE FROM entity_types WHERE entity_id = ?", (old,))
        for side in ("a", "b"):  # (old, x) becomes (new, x), then (x, old) becomes (x, new)
            conn.execute(
                "INSERT INTO entity_cooc (a, b, n) SELECT CASE WHEN a = ? THEN ? ELSE a END,"
                f" CASE WHEN b = ? THEN ? ELSE b END, n FROM entity_cooc WHERE {side} = ?"
                " AND a <> b ON CONFLICT (a, b) DO UPDATE SET n = entity_cooc.n + excluded.n",
                (old, new, old, new, old),
            )
        # Both halves indexed (b: migration 11); a pair of the entity with itself can
        # only be the one just made of (old, new) and (new, old).
        conn.execute("DELETE FROM entity_cooc WHERE a = ?", (old,))
        conn.execute("DELETE FROM entity_cooc WHERE b = ?", (old,))
        conn.execute("DELETE FROM entity_cooc WHERE a = ? AND b = ?", (new, new))


def _has_table(conn: Connection, name: str) -> bool:
    if is_postgres(conn):
        return bool(conn.execute("SELECT to_regclass(?) IS NOT NULL", (name,)).fetchone()[0])
    sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
    return conn.execute(sql, (name,)).fetchone() is not None


def _count(
    conn: Connection, entity_id: int, type_: str, votes: int, published: str | None
) -> None:
    conn.execute(
        "UPDATE entities SET articles = articles + 1, mentions = mentions + ?,"
        " first_seen = CASE WHEN ? IS NOT NULL AND (first_seen IS NULL OR ? < first_seen)"
        " THEN ? ELSE first_seen END,"
        " last_seen = CASE WHEN ? IS NOT NULL AND (last_seen IS NULL OR ? > last_seen)"
        " THEN ? ELSE last_seen END WHERE id = ?",
        (votes, published, published, published, published, published, published, entity_id),
    )
    conn.execute(
        "INSERT INTO entity_types (entity_id, type, votes) VALUES (?, ?, ?)"
        " ON CONFLICT (entity_id, type)"
        " DO UPDATE SET votes = entity_types.votes + excluded.votes",
        (entity_id, type_, votes),
    )


def _add_keys(conn: Connection, entity_id: int, names: Sequence[str]) -> None:
    keys: set[str] = set()
    for name in names:
        keys |= match_keys(name)
    conn.executemany(
        "INSERT INTO entity_keys (key, entity_id, count) VALUES (?, ?, 1)"
        " ON CONFLICT (key, entity_id) DO UPDATE SET count = entity_keys.count + 1",
        [(k, entity_id) for k in keys],
    )


def _retype(conn: Connection, entity_id: int) -> None:
    """The entity's type: the label with most votes (ties: the earlier label)."""
    row = conn.execute(
        "SELECT type FROM entity_types WHERE entity_id = ? ORDER BY votes DESC, type LIMIT 1",
        (entity_id,),
    ).fetchone()
    if row is not None:
        conn.execute("UPDATE entities SET type = ? WHERE id = ?", (row[0], entity_id))


def recount(conn: Connection, entity_id: int) -> None:
    """Rebuild an entity's counts, dates and type votes from its article entities."""
    row = conn.execute(
        "SELECT COUNT(*), COALESCE(SUM(ae.votes), 0), MIN(a.published), MAX(a.published)"
        " FROM article_entities ae JOIN articles a ON a.pk = ae.article_pk WHERE ae.entity_id = ?",
        (entity_id,),
    ).fetchone()
    conn.execute(
        "UPDATE entities SET articles = ?, mentions = ?, first_seen = ?, last_seen = ?"
        " WHERE id = ?",
        (*row, entity_id),
    )
    conn.execute("DELETE FROM entity_types WHERE entity_id = ?", (entity_id,))
    conn.execute(
        "INSERT INTO entity_types (entity_id, type, votes) SELECT entity_id, type, SUM(votes)"
        " FROM article_entities WHERE entity_id = ? AND type IS NOT NULL"
        " GROUP BY entity_id, type",
        (entity_id,),
    )
    top = conn.execute(
        "SELECT type FROM entity_types WHERE entity_id = ? ORDER BY votes DESC, type LIMIT 1",
        (entity_id,),
    ).fetchone()
    if top is not None:
        conn.execute("UPDATE entities SET type = ? WHERE id = ?", (top[0], entity_id))


def local_of(entity: Entity) -> Local:
    """The linker's view of an article entity: its names and what it states."""
    names = [entity.name]
    for m in entity.mentions:
        if m.kind in _NAMED and m.text not in names:
            names.append(m.text)
    return Local(
        id=entity.id,
        name=entity.name,
        names=tuple(names),
        type=entity.type,
        roles=entity.roles,
        affiliation=entity.affiliation,
        mentions=sum(1 for m in entity.mentions if m.kind != "demonym") or 1,
    )


def _lookup_keys(local: Local) -> list[str]:
    """The keys to look up: every name's strong keys, and a word key for name parts.

    The word key is the surname (the last word) of the fullest name, and for a
    body also its first word ("T-Mobile" of "T-Mobile USA"): what a part can be.
    """
    keys: set[str] = set()
    for name in local.names:
        for key in match_keys(name):
            if not key.startswith("w:"):
                keys.add(key)
    full = name_words(local.name)
    if full:
        outer = {"w:" + translit_key(full[-1])}
        if family(local.type) != "person":
            outer.add("w:" + translit_key(full[0]))
        keys |= outer & match_keys(local.name)
    return sorted(keys)


def _candidates(
    conn: Connection, local: Local, linked: Sequence[int]
) -> dict[int, Candidate]:
    hits: dict[int, dict[str, int]] = {}
    for key in _lookup_keys(local):
        for entity_id, count in conn.execute(
            # ties: the newest entity first, as entity_keys_used gives them (read backwards)
            "SELECT entity_id, count FROM entity_keys WHERE key = ?"
            " ORDER BY count DESC, entity_id DESC LIMIT ?",
            (key, PER_KEY),
        ):
            hits.setdefault(entity_id, {})[key] = count
    if not hits:
        return {}
    ids = list(hits)
    marks = ",".join("?" * len(ids))
    out: dict[int, Candidate] = {}
    for row in conn.execute(
        f"SELECT id, name, type, articles, merged_into FROM entities WHERE id IN ({marks})"
        " ORDER BY id",
        ids,
    ):
        if row[4] is not None:
            continue
        cand = Candidate(row[0], row[1], row[2], articles=row[3], aliases=hits[row[0]])
        if best_relation(local, cand) is not None:  # the rest is read for name matches only
            out[row[0]] = cand
    for cand in out.values():
        roles = conn.execute(
            "SELECT role, affiliation FROM entity_roles WHERE entity_id = ?"
            " ORDER BY article_pk, role LIMIT 50",
            (cand.id,),
        ).fetchall()
        cand.roles = frozenset(r[0].casefold() for r in roles if r[0])
        cand.affiliations = frozenset(r[1].casefold() for r in roles if r[1])
    if linked and out:
        cmarks = ",".join("?" * len(out))
        lmarks = ",".join("?" * len(linked))
        for a, n in conn.execute(
            f"SELECT a, COUNT(*) FROM entity_cooc WHERE a IN ({cmarks}) AND b IN ({lmarks})"
            " GROUP BY a",
            [*out, *linked],
        ):
            out[a].cooccurring = n
    return out


def _rules(conn: Connection, local: Local) -> tuple[int | None, list[int]]:
    """The user's pin for one of the local's names, and the entities it is blocked from."""
    keys = sorted({"=" + core_key(n) for n in local.names})
    marks = ",".join("?" * len(keys))
    pin: int | None = None
    blocked: list[int] = []
    for action, entity_id in conn.execute(
        f"SELECT action, entity_id FROM entity_rules WHERE key IN ({marks}) ORDER BY id", keys
    ):
        if action == "pin":
            pin = survivor(conn, entity_id)
        elif action == "block":
            blocked.append(entity_id)
    return pin, blocked


def survivor(conn: Connection, entity_id: int) -> int:
    """The entity an id stands for now, following merges."""
    seen = set()
    while entity_id not in seen:
        seen.add(entity_id)
        row = conn.execute("SELECT merged_into FROM entities WHERE id = ?", (entity_id,)).fetchone()
        if row is None or row[0] is None:
            return entity_id
        entity_id = row[0]
    return entity_id


def _order(entities: Sequence[Entity]) -> list[Entity]:
    """Strong names first (several words, acronyms), then by mentions: they give context."""
    return sorted(
        entities,
        key=lambda e: (len(name_words(e.name)) < 2, -len(e.mentions), e.id),
    )


class Linker:
    """Links articles' entities in one store; ``seconds`` accumulates the time spent."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def link(
        self, conn: Connection, entities: Sequence[Entity], published: str | None
    ) -> dict[str, tuple[int, Decision]]:
        """Global entity ids for an article's entities (created when new), records updated.

        Returns:
            Local id → (global id, the decision that chose it).
        """
        began = time.perf_counter()
        out: dict[str, tuple[int, Decision]] = {}
        linked: list[int] = []
        for entity in _order(entities):
            local = local_of(entity)
            pin, blocked = _rules(conn, local)
            if pin is not None:
                decision = Decision(pin, "pin")
            else:
                candidates = _candidates(conn, local, linked)
                decision = decide(local, candidates.values(), blocked=blocked)
            entity_id = decision.entity
            if entity_id is None:
                cur = conn.execute(
                    "INSERT INTO entities (key, type, name) VALUES (?, ?, ?)",
                    (core_key(entity.name) or make_key(entity.name), entity.type, entity.name),
                )
                assert cur.lastrowid is not None
                entity_id = cur.lastrowid
            out[entity.id] = (entity_id, decision)
            if entity_id not in linked:
                linked.append(entity_id)
            _count(conn, entity_id, entity.type, local.mentions, published)
            _add_keys(conn, entity_id, local.names)
            if decision.entity is not None:
                self._rename(conn, entity_id, entity.name)
            _retype(conn, entity_id)
        self._cooccur(conn, entities, out)
        for entity in entities:
            if len(name_words(entity.name)) >= 2:
                self._absorb(conn, out[entity.id][0])
        self.seconds += time.perf_counter() - began
        return out

    @staticmethod
    def _rename(conn: Connection, entity_id: int, name: str) -> None:
        """Take a fuller name (more identifying words) the articles use at least as often.

        A fuller name must be used in two articles and in a fifth as many as the
        current one (a stray "Twitter West" does not rename "Twitter"); a user's
        name is kept.
        """
        sql = "SELECT name, locked FROM entities WHERE id = ?"
        row = conn.execute(sql, (entity_id,)).fetchone()
        if row is None or row[1]:
            return
        if len(name_words(name)) <= len(name_words(row[0])):
            return
        if relation(row[0], name) not in (Relation.PART, Relation.SAME, Relation.ACRONYM):
            return
        counts = dict(
            conn.execute(
                "SELECT key, count FROM entity_keys WHERE entity_id = ? AND key IN (?, ?)",
                (entity_id, "=" + core_key(name), "=" + core_key(row[0])),
            ).fetchall()
        )
        new, old = counts.get("=" + core_key(name), 0), counts.get("=" + core_key(row[0]), 0)
        if new >= 2 and 5 * new >= old:
            conn.execute(
                "UPDATE entities SET name = ?, key = ? WHERE id = ?",
                (name, core_key(name), entity_id),
            )

    @staticmethod
    def _absorb(conn: Connection, entity_id: int) -> None:
        """Take in stored entities named by a part of this one's name that would have
        linked to it, had it come first ("Hurd" before "Mark Hurd"): so the clusters do
        not depend on the order articles arrive in.

        Each part entity is decided as if it were a new article's entity, against
        its own candidates and with the entities it was seen with as context.
        """
        row = conn.execute("SELECT name, type FROM entities WHERE id = ?", (entity_id,)).fetchone()
        words, typ = name_words(row[0]), row[1]
        parts = [
            r[0]
            for r in conn.execute(
                # in the order of the keys, then of the entities (each once)
                "SELECT k.entity_id FROM entity_keys k JOIN entities e"
                " ON e.id = k.entity_id WHERE k.key IN (?, ?) AND k.entity_id <> ?"
                " AND e.merged_into IS NULL AND e.locked = 0 AND e.articles <= ?"
                " GROUP BY k.entity_id ORDER BY MIN(k.key), k.entity_id LIMIT ?",
                (
                    "w:" + translit_key(words[0]),
                    "w:" + translit_key(words[-1]),
                    entity_id,
                    ABSORB_MAX,
                    PER_KEY,
                ),
            )
        ]
        for part in parts:
            prow = conn.execute(
                "SELECT name, type, articles FROM entities WHERE id = ?", (part,)
            ).fetchone()
            if relation(prow[0], row[0]) is not Relation.PART or family(prow[1]) != family(typ):
                continue
            if conn.execute("SELECT 1 FROM entity_rules WHERE entity_id = ?", (part,)).fetchone():
                continue  # a user decided about it
            names = tuple(
                r[0]
                for r in conn.execute(
                    "SELECT DISTINCT text FROM mentions WHERE entity_id = ?"
                    " AND kind IN ('name', 'alias') ORDER BY text LIMIT 20",
                    (part,),
                )
            ) or (prow[0],)
            local = Local(id="", name=prow[0], names=names, type=prow[1], mentions=1)
            context = [
                r[0]
                for r in conn.execute(
                    "SELECT b FROM entity_cooc WHERE a = ? ORDER BY n DESC, b LIMIT 50", (part,)
                )
            ]
            candidates = _candidates(conn, local, context)
            candidates.pop(part, None)
            if decide(local, candidates.values()).entity == entity_id:
                repoint(conn, part, entity_id)
                conn.execute(
                    "UPDATE entities SET merged_into = ?, articles = 0, mentions = 0 WHERE id = ?",
                    (entity_id, part),
                )
                conn.execute(
                    "UPDATE article_entities SET link = 'absorbed' WHERE entity_id = ?"
                    " AND link IN ('new', 'ambiguous')",
                    (entity_id,),
                )
                recount(conn, entity_id)

    @staticmethod
    def _cooccur(
        conn: Connection,
        entities: Sequence[Entity],
        out: dict[str, tuple[int, Decision]],
    ) -> None:
        top = sorted(entities, key=lambda e: -len(e.mentions))[:COOC_TOP]
        ids = sorted({out[e.id][0] for e in top})
        pairs = [(a, b) for a, b in combinations(ids, 2)]
        conn.executemany(
            "INSERT INTO entity_cooc (a, b, n) VALUES (?, ?, 1)"
            " ON CONFLICT (a, b) DO UPDATE SET n = entity_cooc.n + 1",
            pairs + [(b, a) for a, b in pairs],
        )
