"""Reading global entities: listings, one entity's record, and user names → entities.

An entity's record gathers what every article said of it: its aliases with
counts (from the stored mentions), its type with the votes, the roles and
affiliations it held with the first and last publication dates they were
stated on, and when it was first and last seen.
"""

from __future__ import annotations

from typing import Any

from dateline.errors import E, StoreError
from dateline.identity.names import core_key
from dateline.storage.db import Connection
from dateline.storage.entities import survivor
from dateline.storage.quotes import like_suffix
from dateline.storage.sql import BY_DAY


def find_entities(conn: Connection, name: str) -> list[int]:
    """The entities a user's name stands for: an id, a name or alias, else a surname.

    "Biden" finds the entity the articles call "Biden" (Joe Biden); a name no
    entity was called by falls back to entities whose name ends with it.
    """
    text = name.strip()
    if text.isascii() and text.isdigit():
        row = conn.execute("SELECT id FROM entities WHERE id = ?", (int(text),)).fetchone()
        if row is not None:
            return [survivor(conn, row[0])]
    key = core_key(text)
    if not key:
        return []
    ids = [
        r[0]
        for r in conn.execute(
            "SELECT k.entity_id FROM entity_keys k JOIN entities e ON e.id = k.entity_id"
            " WHERE k.key = ? AND e.merged_into IS NULL"
            " ORDER BY k.count DESC, e.articles DESC, k.entity_id",
            ("=" + key,),
        )
    ]
    if not ids:
        ids = [
            r[0]
            for r in conn.execute(
                "SELECT id FROM entities WHERE merged_into IS NULL"
                " AND (key = ? OR key LIKE ? ESCAPE '\\') ORDER BY articles DESC, id",
                (key, like_suffix(key)),
            )
        ]
    return ids


def list_entities(
    conn: Connection, *, type: str | None = None, top: int = 20, name: str | None = None
) -> list[dict[str, Any]]:
    """Entities seen in most articles first; see ``SQLiteStore.entities``."""
    where = ["e.merged_into IS NULL", "e.articles > 0"]
    params: list[object] = []
    if type:
        where.append("e.type = ?")
        params.append(type.upper())
    if name:
        ids = find_entities(conn, name)
        if not ids:
            return []
        where.append(f"e.id IN ({','.join('?' * len(ids))})")
        params += ids
    sql = (
        "SELECT e.id, e.name, e.type, e.articles, e.mentions, e.first_seen, e.last_seen"
        " FROM entities e WHERE "
        + " AND ".join(where)
        + " ORDER BY e.articles DESC, e.mentions DESC, e.name, e.id LIMIT ?"
    )
    rows = [dict(r) for r in conn.execute(sql, [*params, top])]
    for row in rows:
        row["aliases"] = aliases(conn, row["id"], limit=5)
        row["roles"] = [
            {"role": r[0], "affiliation": r[1], "articles": r[2]}
            for r in conn.execute(
                "SELECT role, affiliation, COUNT(*) FROM entity_roles WHERE entity_id = ?"
                " GROUP BY role, affiliation ORDER BY COUNT(*) DESC, role, affiliation LIMIT 10",
                (row["id"],),
            )
        ]
    return rows


def aliases(conn: Connection, entity_id: int, *, limit: int = 50) -> list[dict[str, Any]]:
    """The names an entity is mentioned by, most used first, with counts (descriptions too)."""
    return [
        {"name": r[0], "kind": r[1], "count": r[2]}
        for r in conn.execute(
            "SELECT text, MIN(kind), COUNT(*) FROM mentions WHERE entity_id = ?"
            " GROUP BY text ORDER BY COUNT(*) DESC, text LIMIT ?",
            (entity_id, limit),
        )
    ]


def entity_record(conn: Connection, ref: str | int) -> dict[str, Any]:
    """One entity's canonical record; ``ref`` is an id (merged ids lead to the survivor)
    or a name the entity is known by (the most widely seen of several).

    Raises:
        StoreError: no entity has this id or name (``DL306``).
    """
    ids = find_entities(conn, str(ref))
    if not ids:
        raise StoreError(E.NO_ENTITY, id=ref)
    entity_id = ids[0]
    row = conn.execute("SELECT * FROM entities WHERE id = ?", (entity_id,)).fetchone()
    record: dict[str, Any] = {
        "id": row["id"],
        "name": row["name"],
        "type": row["type"],
        "type_votes": {
            r[0]: r[1]
            for r in conn.execute(
                "SELECT type, votes FROM entity_types WHERE entity_id = ? AND votes > 0"
                " ORDER BY votes DESC, type",
                (entity_id,),
            )
        },
        "articles": row["articles"],
        "mentions": row["mentions"],
        "first_seen": row["first_seen"],
        "last_seen": row["last_seen"],
        "renamed": bool(row["locked"]),
        "aliases": aliases(conn, entity_id),
        "roles": [
            {"role": r[0], "affiliation": r[1], "articles": r[2], "first": r[3], "last": r[4]}
            for r in conn.execute(
                "SELECT r.role, r.affiliation, COUNT(*), MIN(a.published), MAX(a.published)"
                f" FROM entity_roles r JOIN articles a {BY_DAY} ON a.pk = r.article_pk"
                " WHERE r.entity_id = ? GROUP BY r.role, r.affiliation"
                " ORDER BY MIN(a.published), r.role, r.affiliation",
                (entity_id,),
            )
        ],
        "affiliations": [
            {"affiliation": r[0], "articles": r[1], "first": r[2], "last": r[3]}
            for r in conn.execute(
                "SELECT ae.affiliation, COUNT(*), MIN(a.published), MAX(a.published)"
                f" FROM article_entities ae JOIN articles a {BY_DAY} ON a.pk = ae.article_pk"
                " WHERE ae.entity_id = ? AND ae.affiliation IS NOT NULL"
                " GROUP BY ae.affiliation ORDER BY COUNT(*) DESC, ae.affiliation",
                (entity_id,),
            )
        ],
        "merged_from": [
            r[0]
            for r in conn.execute(
                "SELECT id FROM entities WHERE merged_into = ? ORDER BY id", (entity_id,)
            )
        ],
        "quotes": conn.execute(
            "SELECT COUNT(*) FROM quotes WHERE speaker_entity = ?", (entity_id,)
        ).fetchone()[0],
        "recent_articles": [
            {"id": r[0], "title": r[1], "published": r[2], "local_id": r[3]}
            for r in conn.execute(
                # The ten first from narrow indexes, then their titles and local ids.
                "SELECT a.id, a.title, a.published, ae.local_id FROM (SELECT ae.rowid AS row,"
                " a.published AS day, a.id AS aid FROM article_entities ae"
                f" JOIN articles a {BY_DAY} ON a.pk = ae.article_pk WHERE ae.entity_id = ?"
                " ORDER BY a.published DESC, a.id LIMIT 10) n"
                " JOIN article_entities ae ON ae.rowid = n.row"
                " JOIN articles a ON a.pk = ae.article_pk ORDER BY n.day DESC, n.aid",
                (entity_id,),
            )
        ],
        "corrections": [
            {"action": r[0], "name": r[1], "detail": r[2], "at": r[3]}
            for r in conn.execute(
                "SELECT action, key, detail, created_at FROM entity_rules WHERE entity_id = ?"
                " ORDER BY id",
                (entity_id,),
            )
        ],
    }
    return record
