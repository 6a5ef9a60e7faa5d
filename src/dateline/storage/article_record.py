"""One stored article read back whole, in the JSON contract (see :mod:`dateline.export`)."""

from __future__ import annotations

from typing import Any

from dateline.errors import E, StoreError
from dateline.records import Timex
from dateline.storage.db import Connection
from dateline.storage.events import article_events
from dateline.storage.quotes import article_quotes


def article_record(c: Connection, article_id: str) -> dict[str, Any]:
    """The article with this id (or the only one whose id starts with it), with its
    entities and their mentions, dateline, timexes, quotes and events.

    Raises:
        StoreError: no such article, or the prefix is not unique (``DL303``).
    """
    row = c.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        row = c.execute(
            "SELECT * FROM articles WHERE id LIKE ? ORDER BY id LIMIT 2", (article_id + "%",)
        ).fetchall()
        if len(row) != 1:
            raise StoreError(E.NO_ARTICLE, id=article_id)
        row = row[0]
    pk = row["pk"]
    entities = []
    for ae in c.execute(
        "SELECT ae.*, e.type, e.id AS gid, e.name AS canonical FROM article_entities ae"
        " JOIN entities e ON e.id = ae.entity_id WHERE ae.article_pk = ?"
        " ORDER BY CAST(SUBSTR(ae.local_id, 2) AS INTEGER), ae.local_id",
        (pk,),
    ):
        roles = [
            r[0]
            for r in c.execute(
                "SELECT role FROM entity_roles WHERE entity_id = ? AND article_pk = ?"
                " ORDER BY rowid",
                (ae["gid"], pk),
            )
        ]
        mentions = [
            {"start": m[0], "end": m[1], "text": m[2], "kind": m[3], "role": m[4]}
            for m in c.execute(
                'SELECT start, "end", text, kind, role FROM mentions'
                " WHERE article_pk = ? AND local_id = ? ORDER BY start",
                (pk, ae["local_id"]),
            )
        ]
        entities.append(
            {
                "id": ae["local_id"],
                "name": ae["name"],
                "type": ae["type"],
                "entity_id": ae["gid"],
                "canonical": ae["canonical"],
                "roles": roles,
                "affiliation": ae["affiliation"],
                "mentions": mentions,
            }
        )
    dateline = None
    if row["dateline_start"] is not None:
        dateline = {
            "place": row["dateline_place"],
            "date": row["dateline_date"],
            "agency": row["dateline_agency"],
            "start": row["dateline_start"],
            "end": row["dateline_end"],
            "text": row["dateline_text"],
        }
    timexes = [
        Timex(*t).to_dict()
        for t in c.execute(
            'SELECT start, "end", text, type, value, mod, anchor FROM timexes'
            ' WHERE article_pk = ? ORDER BY start, "end", seq',
            (pk,),
        )
    ]
    return {
        "id": row["id"],
        "title": row["title"],
        "published": row["published"],
        "source": row["source"],
        "url": row["url"],
        "path": row["path"],
        "author": row["author"],
        "text": row["text"],
        "dateline": dateline,
        "entities": entities,
        "timexes": timexes,
        "quotes": article_quotes(c, pk),
        "events": article_events(c, pk),
    }
