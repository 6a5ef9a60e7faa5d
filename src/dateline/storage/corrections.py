"""A user's corrections of entity identity: merge, split, alias, rename.

Each correction changes what is stored now and leaves a rule in
``entity_rules`` that the linker applies to every later article, re-ingested
ones included (:func:`dateline.storage.entities.Linker.link` reads them first):

* ``pin`` — a name (its core key) always links to this entity;
* ``block`` — a name never links to this entity;
* ``merge`` / ``rename`` — a record of what was done (merged entities keep
  their row, pointing to the survivor, so an old id still finds it).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from dateline.errors import E, StoreError
from dateline.identity.names import core_key, match_keys
from dateline.storage.db import Connection
from dateline.storage.entities import recount, repoint


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _rule(
    conn: Connection,
    action: str,
    entity_id: int,
    name: str | None,
    detail: str | None = None,
) -> None:
    key = "=" + core_key(name) if name else None
    conn.execute(
        "INSERT INTO entity_rules (action, entity_id, key, detail, created_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (action, entity_id, key, detail, _now()),
    )


def _live(conn: Connection, entity_id: int) -> Any:
    row = conn.execute(
        "SELECT * FROM entities WHERE id = ? AND merged_into IS NULL", (entity_id,)
    ).fetchone()
    if row is None:
        raise StoreError(E.NO_ENTITY, id=entity_id)
    return row


def _names(conn: Connection, entity_id: int) -> list[str]:
    return [
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT text FROM mentions WHERE entity_id = ? AND kind IN ('name', 'alias')",
            (entity_id,),
        )
    ]


def merge(conn: Connection, target: int, others: Sequence[int]) -> None:
    """Make ``others`` one entity with ``target``; their names link to it from now on.

    Raises:
        StoreError: an id is unknown or already merged (``DL306``), or ``target``
            is among ``others`` (``DL204``).
    """
    _live(conn, target)
    if target in others or not others:
        raise StoreError(E.BAD_MERGE, detail="give the entity to keep and at least one other")
    for other in dict.fromkeys(others):
        row = _live(conn, other)
        names = _names(conn, other)
        repoint(conn, other, target)
        conn.execute(
            "UPDATE entities SET merged_into = ?, articles = 0, mentions = 0 WHERE id = ?",
            (target, other),
        )
        for name in names:
            _rule(conn, "pin", target, name)
        _rule(conn, "merge", target, row["name"], json.dumps({"merged": other}))
    recount(conn, target)


def split(conn: Connection, entity_id: int, alias: str) -> int:
    """Move the articles that call ``entity_id`` by ``alias`` to a new entity; returns its id.

    An article's entity moves when its name there is ``alias`` ("Peterson" in an
    article that never gives the first name); from now on the name never links
    to ``entity_id`` again and always to the new entity.

    Raises:
        StoreError: no such entity (``DL306``), or no article names it so (``DL307``).
    """
    row = _live(conn, entity_id)
    key = core_key(alias)
    moving = [
        (r[0], r[1])
        for r in conn.execute(
            "SELECT article_pk, local_id, name FROM article_entities WHERE entity_id = ?",
            (entity_id,),
        )
        if core_key(r[2]) == key
    ]
    if not key or not moving:
        raise StoreError(E.NO_ALIAS, id=entity_id, name=alias)
    cur = conn.execute(
        "INSERT INTO entities (key, type, name) VALUES (?, ?, ?)", (key, row["type"], alias.strip())
    )
    new = cur.lastrowid
    assert new is not None
    for pk, local in moving:
        conn.execute(
            "UPDATE article_entities SET entity_id = ?, link = 'split'"
            " WHERE article_pk = ? AND local_id = ?",
            (new, pk, local),
        )
        conn.execute(
            "UPDATE mentions SET entity_id = ? WHERE article_pk = ? AND local_id = ?",
            (new, pk, local),
        )
        conn.execute(
            "UPDATE quotes SET speaker_entity = ? WHERE article_pk = ? AND speaker_local = ?",
            (new, pk, local),
        )
        stays = conn.execute(
            "SELECT 1 FROM article_entities WHERE article_pk = ? AND entity_id = ?", (pk, entity_id)
        ).fetchone()
        for event_id, participants in conn.execute(
            "SELECT id, participants FROM events WHERE article_pk = ?", (pk,)
        ).fetchall():
            if local in json.loads(participants):
                conn.execute(
                    "INSERT INTO event_entities (event_id, entity_id, lo, hi)"
                    " SELECT id, ?, lo, hi FROM events WHERE id = ? ON CONFLICT DO NOTHING",
                    (new, event_id),
                )
                if not stays:
                    conn.execute(
                        "DELETE FROM event_entities WHERE event_id = ? AND entity_id = ?",
                        (event_id, entity_id),
                    )
        conn.execute(
            "INSERT OR IGNORE INTO entity_roles SELECT ?, article_pk, role, affiliation"
            " FROM entity_roles WHERE entity_id = ? AND article_pk = ?",
            (new, entity_id, pk),
        )
        if not stays:
            conn.execute(
                "DELETE FROM entity_roles WHERE entity_id = ? AND article_pk = ?", (entity_id, pk)
            )
    kept: set[str] = set()
    for name in _names(conn, entity_id):
        kept |= match_keys(name)
    gone = match_keys(alias) - kept
    conn.executemany(
        "DELETE FROM entity_keys WHERE key = ? AND entity_id = ?", [(k, entity_id) for k in gone]
    )
    conn.executemany(
        "INSERT OR IGNORE INTO entity_keys (key, entity_id, count) VALUES (?, ?, 1)",
        [(k, new) for k in match_keys(alias)],
    )
    _rule(conn, "block", entity_id, alias, json.dumps({"split_to": new}))
    _rule(conn, "pin", new, alias, json.dumps({"split_from": entity_id}))
    recount(conn, entity_id)
    recount(conn, new)
    return new


def add_alias(conn: Connection, entity_id: int, name: str) -> None:
    """From now on an article's entity called ``name`` is this entity.

    Raises:
        StoreError: no such entity (``DL306``) or an empty name (``DL204``).
    """
    _live(conn, entity_id)
    if not core_key(name):
        raise StoreError(E.BAD_MERGE, detail="the alias is empty")
    conn.executemany(
        "INSERT OR IGNORE INTO entity_keys (key, entity_id, count) VALUES (?, ?, 1)",
        [(k, entity_id) for k in match_keys(name)],
    )
    _rule(conn, "pin", entity_id, name)


def rename(conn: Connection, entity_id: int, name: str) -> None:
    """Give the entity a canonical name of the user's, kept whatever later articles say.

    Raises:
        StoreError: no such entity (``DL306``) or an empty name (``DL204``).
    """
    row = _live(conn, entity_id)
    if not core_key(name):
        raise StoreError(E.BAD_MERGE, detail="the name is empty")
    conn.execute(
        "UPDATE entities SET name = ?, key = ?, locked = 1 WHERE id = ?",
        (name.strip(), core_key(name), entity_id),
    )
    add_alias(conn, entity_id, name)
    _rule(conn, "rename", entity_id, name, json.dumps({"was": row["name"]}))
