"""Counts and highlights of a whole store (``dateline`` summary, the ingest report)."""

from __future__ import annotations

from typing import Any

from dateline.storage.db import Connection
from dateline.storage.entity_records import list_entities
from dateline.storage.events import event_counts
from dateline.storage.quotes import quote_counts


def store_summary(c: Connection) -> dict[str, Any]:
    """Counts, date ranges, people with roles and the top entities.

    ``timex_types`` counts temporal expressions by type (most frequent first);
    ``first_mentioned``/``last_mentioned`` bound the calendar days they cover;
    ``quotes``, ``quote_kinds``, ``quotes_with_speaker`` (resolved to an entity)
    and ``with_quotes`` (articles) count statements.
    """
    one = lambda sql: c.execute(sql).fetchone()[0]  # noqa: E731
    first, last = c.execute("SELECT MIN(published), MAX(published) FROM articles").fetchone()
    mentioned = c.execute("SELECT MIN(lo), MAX(hi) FROM timexes").fetchone()
    types = {
        r[0]: r[1]
        for r in c.execute(
            "SELECT type, COUNT(*) FROM timexes GROUP BY type ORDER BY COUNT(*) DESC, type"
        )
    }
    people = [
        dict(r)
        for r in c.execute(
            "SELECT e.name, GROUP_CONCAT(DISTINCT r.role) AS roles,"
            " GROUP_CONCAT(DISTINCT r.affiliation) AS affiliations,"
            " COUNT(DISTINCT r.article_pk) AS articles"
            " FROM entity_roles r JOIN entities e ON e.id = r.entity_id"
            " WHERE e.type = 'PERSON' GROUP BY e.id ORDER BY articles DESC, e.name, e.id"
        )
    ]
    return {
        "articles": one("SELECT COUNT(*) FROM articles"),
        "first_published": first,
        "last_published": last,
        "with_dateline": one("SELECT COUNT(*) FROM articles WHERE dateline_start IS NOT NULL"),
        "entities": one("SELECT COUNT(*) FROM entities WHERE merged_into IS NULL AND articles > 0"),
        "mentions": one("SELECT COUNT(*) FROM mentions"),
        "people": one(
            "SELECT COUNT(*) FROM entities WHERE type = 'PERSON' AND merged_into IS NULL"
            " AND articles > 0"
        ),
        "timexes": sum(types.values()),
        "timex_types": types,
        "with_timexes": one("SELECT COUNT(DISTINCT article_pk) FROM timexes"),
        "first_mentioned": mentioned[0],
        "last_mentioned": mentioned[1],
        **quote_counts(c),
        **event_counts(c),
        "people_with_roles": len(people),
        "top_people_with_roles": people[:10],
        "top_entities": list_entities(c, top=10),
    }
