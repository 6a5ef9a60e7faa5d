"""Facets of an article list: who, what, where and when the matching articles are about.

``list_articles(facets=True)`` (:mod:`dateline.storage.browse`) adds them: the
people, organisations and places in most matching articles, their stories, and
the matching articles per month. Entity and story facets are counted over the
first :data:`FACET_SPAN` matches in list order, so a broad query costs a
bounded amount; the page reports the number (``facets_over``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from dateline.storage.db import Connection
from dateline.storage.sql import ids_json
from dateline.storage.stories import story_titles

if TYPE_CHECKING:
    from dateline.storage.browse import ArticleFilter

#: Matching articles the entity and story facets of a filtered list are counted over
#: (the first by rank, or the newest without a query).
FACET_SPAN = 1000
#: Entries per facet.
FACET_TOP = 10
#: The entity types each entity facet counts.
FACET_TYPES = {"people": ("PERSON",), "organisations": ("ORG",), "places": ("GPE", "LOC")}


def article_facets(
    conn: Connection,
    f: ArticleFilter,
    total: int,
    span: Sequence[tuple[int, float]],
) -> tuple[dict[str, list[dict[str, Any]]], int]:
    """The facets of the articles ``f`` keeps, and how many articles they count over.

    ``months`` counts every kept article. People, organisations, places and
    stories count ``span``: the first :data:`FACET_SPAN` kept articles in list
    order (all of them when fewer are kept), ranked by the caller with the page.
    With no filter at all they are the store's own totals (``entities.articles``,
    ``stories.size``), exact and read from indexes.
    """
    months = _months(conn, f)
    if f.everything:
        return {**_store_facets(conn), "months": months}, total
    pks = ids_json(sorted(pk for pk, _ in span))
    family = {t: name for name, types in FACET_TYPES.items() for t in types}
    found = {
        name: [{"id": i, "name": n, "count": c} for i, n, _, c in rows]
        for name, rows in top_entities(conn, pks, family, top=FACET_TOP).items()
    }
    counts = conn.execute(
        "SELECT m.story_id, COUNT(*) AS n FROM json_each(?) j"
        " JOIN story_members m ON m.article_pk = j.value"
        " GROUP BY m.story_id ORDER BY n DESC, m.story_id LIMIT ?",
        (pks, FACET_TOP),
    ).fetchall()
    return {**found, "stories": _stories(conn, counts), "months": months}, len(span)


def top_entities(
    conn: Connection,
    pks: str,
    family: dict[str, str] | None,
    *,
    top: int,
    exclude: int | None = None,
) -> dict[str, list[tuple[int, str, str, int]]]:
    """The entities in most of the articles ``pks`` (JSON), ``top`` per family of types.

    Args:
        pks: Article pks as a JSON list.
        family: Entity type → the facet it counts for (types not in it are left
            out); ``None``: all types in one list, under ``""``.
        top: Entities per family.
        exclude: An entity left out (the one whose page this is).

    Returns:
        Family → ``(id, name, type, articles)``, most articles first, then by name and
        id. An article counts once for an entity however many of its entities link to it.
    """
    counted = conn.execute(
        "SELECT entity_id, COUNT(*) AS n FROM (SELECT DISTINCT ae.article_pk, ae.entity_id"
        " FROM json_each(?) j JOIN article_entities ae ON ae.article_pk = j.value"
        " WHERE ae.entity_id IS NOT ?) x GROUP BY entity_id ORDER BY n DESC",
        (pks, exclude),
    ).fetchall()
    picked: dict[str, list[tuple[int, str, str, int]]] = (
        {name: [] for name in set(family.values())} if family is not None else {"": []}
    )
    # Names and types are read from the most seen down, in chunks, until no entity
    # seen less can still enter a family's top (ties are ordered by name).
    for at in range(0, len(counted), 256):
        chunk = counted[at : at + 256]
        known = {
            r[0]: (r[1], r[2])
            for r in conn.execute(
                "SELECT id, name, type FROM entities WHERE id IN (SELECT value FROM json_each(?))",
                (ids_json([c[0] for c in chunk]),),
            )
        }
        for entity_id, n in chunk:
            name, type_ = known[entity_id]
            key = "" if family is None else family.get(type_)
            if key is not None:
                picked[key].append((entity_id, name, type_, n))
        following = counted[at + 256][1] if at + 256 < len(counted) else 0
        for rows in picked.values():
            rows.sort(key=lambda r: (-r[3], r[1], r[0]))
            del rows[top:]
        if all(len(rows) >= top and rows[top - 1][3] > following for rows in picked.values()):
            break
    return {name: rows[:top] for name, rows in picked.items()}


def _store_facets(conn: Connection) -> dict[str, list[dict[str, Any]]]:
    """The entity and story facets of the whole store, from the stored counts."""
    out: dict[str, list[dict[str, Any]]] = {}
    for name, types in FACET_TYPES.items():
        rows: list[dict[str, Any]] = []
        for type_ in types:  # one indexed scan per type, merged here
            rows += [
                {"id": r[0], "name": r[1], "count": r[2]}
                for r in conn.execute(
                    "SELECT id, name, articles FROM entities WHERE merged_into IS NULL"
                    " AND articles > 0 AND type = ? ORDER BY articles DESC, name, id LIMIT ?",
                    (type_, FACET_TOP),
                )
            ]
        rows.sort(key=lambda r: (-r["count"], r["name"], r["id"]))
        out[name] = rows[:FACET_TOP]
    counts = conn.execute(
        "SELECT id, size FROM stories ORDER BY size DESC, id LIMIT ?", (FACET_TOP,)
    ).fetchall()
    out["stories"] = _stories(conn, counts)
    return out


def _stories(conn: Connection, counts: Sequence[Sequence[int]]) -> list[dict[str, Any]]:
    titles = story_titles(conn, [story_id for story_id, _ in counts])
    return [{"id": s, "title": titles.get(s), "count": n} for s, n in counts]


def _months(conn: Connection, f: ArticleFilter) -> list[dict[str, Any]]:
    """Kept articles per month of publication, ascending (undated ones are not counted)."""
    sql, params = f.source("a.published IS NOT NULL")
    return [
        {"month": r[0], "count": r[1]}
        for r in conn.execute(
            f"SELECT substr(a.published, 1, 7) AS month, COUNT(*) {sql}"
            " GROUP BY month ORDER BY month",
            params,
        )
    ]
