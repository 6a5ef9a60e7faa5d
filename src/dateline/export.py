"""The JSON contract: one dict per article, for ``extract --json`` and exports.

Keys, in order: ``id``, ``title``, ``published``, ``source``, ``url``, ``path``,
``author``, ``text``, ``dateline``, ``entities``, ``timexes``, ``quotes``, ``events``. Every
item with offsets satisfies ``text[start:end] == item["text"]``.
"""

from __future__ import annotations

from typing import Any

from dateline.records import Dateline, Entity, Work


def dateline_dict(d: Dateline | None) -> dict[str, Any] | None:
    if d is None:
        return None
    return {
        "place": d.place,
        "date": d.date,
        "agency": d.agency,
        "start": d.start,
        "end": d.end,
        "text": d.text,
    }


def entity_dict(e: Entity) -> dict[str, Any]:
    return {
        "id": e.id,
        "name": e.name,
        "type": e.type,
        "roles": list(e.roles),
        "affiliation": e.affiliation,
        "mentions": [
            {"start": m.start, "end": m.end, "text": m.text, "kind": m.kind, "role": m.role}
            for m in e.mentions
        ],
    }


def work_dict(work: Work) -> dict[str, Any]:
    """The JSON-contract dict of one processed article."""
    a = work.article
    return {
        "id": a.id,
        "title": a.title,
        "published": a.published.isoformat() if a.published else None,
        "source": a.source or (work.dateline.agency if work.dateline else None),
        "url": a.url,
        "path": a.path,
        "author": a.author,
        "text": a.text,
        "dateline": dateline_dict(work.dateline),
        "entities": [entity_dict(e) for e in work.entities],
        "timexes": [t.to_dict() for t in work.timexes],
        "quotes": [q.to_dict() for q in work.quotes],
        "events": [e.to_dict() for e in work.events],
    }
