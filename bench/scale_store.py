"""Large SQLite stores for the scale benchmark, built from a real one by doubling.

``grow(db, articles)`` copies every stored row of a real store — articles, their
entities' links and mentions, time expressions, quotes, events, story terms and
memberships, duplicate-detection signatures — under fresh ids, then again, until the
store holds at least ``articles``. No spaCy runs: each article of the copy is a real
extraction of a real text, so a row's width, an article's number of mentions, quotes
and events and the full-text indexes' postings keep the sample's distributions.

What changes in a copy, so that it is a different story and not a reprint:

* ids: ``articles.pk``, quote, event, mention and story ids are offset; the text id
  gets ``~N``; titles stay (search shows the same title N times, as for a wire story);
* people and organisations with names of two words or more become new entities
  (``"Shinzo Abe"`` → ``"Shinzo Abe qb"``, their look-up keys likewise) — one person
  per copy, so the number of entities grows with the store as it does in real news —
  while single names, places and the rest stay shared and their counts add up;
* each copy is its own duplicate group and its own set of stories; its band keys are
  shifted, so the near-duplicate look-up of a new article finds the original only.

Dates stay as they are: the store grows denser over the sample's 2019–2020 (296
articles over two years is one every 2.5 days; a million is 1,400 a day, a busy
monitoring feed), which is what date-range filters and timelines meet at scale.
Entity co-occurrence counts are copied for the new people and organisations and
summed for the shared ones.
"""

from __future__ import annotations

import sqlite3
import string
import time
from collections.abc import Callable
from pathlib import Path

#: Columns that hold an article's pk, by table (the copy adds the offset).
_ARTICLE_TABLES = {
    "article_entities": "article_pk", "entity_roles": "article_pk", "mentions": "article_pk",
    "timexes": "article_pk", "quotes": "article_pk", "events": "article_pk",
    "article_terms": "article_pk", "dup_signatures": "article_pk",
}  # fmt: skip


def _suffix(n: int) -> str:
    """A short lower-case tag for copy ``n`` (``0`` → ``"a"``, ``27`` → ``"bb"``)."""
    letters = string.ascii_lowercase
    out = letters[n % 26]
    n //= 26
    while n:
        out = letters[n % 26] + out
        n //= 26
    return out


def _columns(c: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in c.execute(f"PRAGMA table_info({table})")]


def _copy(
    c: sqlite3.Connection, table: str, replace: dict[str, str], where: str = ""
) -> int:
    """``INSERT INTO table SELECT …`` of every row, with some columns' expressions replaced."""
    cols = _columns(c, table)
    names = ", ".join(f'"{col}"' for col in cols)
    exprs = ", ".join(replace.get(col, f't."{col}"') for col in cols)
    sql = f"INSERT INTO {table} ({names}) SELECT {exprs} FROM {table} t {where}"
    return c.execute(sql).rowcount


def _max(c: sqlite3.Connection, sql: str) -> int:
    return int(c.execute(sql).fetchone()[0] or 0)


def double(c: sqlite3.Connection, generation: int) -> None:
    """Copy every row once more under fresh ids (one transaction)."""
    tag = _suffix(generation + 27)
    art = _max(c, "SELECT MAX(pk) FROM articles")
    ent = _max(c, "SELECT MAX(id) FROM entities")
    quo = _max(c, "SELECT MAX(id) FROM quotes")
    evt = _max(c, "SELECT MAX(id) FROM events")
    men = _max(c, "SELECT MAX(id) FROM mentions")
    sto = _max(c, "SELECT MAX(id) FROM stories")
    c.execute("BEGIN IMMEDIATE")
    # Which entities become new people and organisations in the copy.
    c.execute("DROP TABLE IF EXISTS temp.emap")
    c.execute("CREATE TEMP TABLE emap (old INTEGER PRIMARY KEY, new INTEGER NOT NULL)")
    c.execute(
        "INSERT INTO temp.emap SELECT id, CASE WHEN type IN ('PERSON', 'ORG')"
        f" AND instr(name, ' ') > 0 AND merged_into IS NULL THEN id + {ent} ELSE id END"
        " FROM entities"
    )
    fresh = "SELECT old FROM temp.emap WHERE new != old"
    mapped = "(SELECT new FROM temp.emap WHERE old = t.{col})"
    _copy(c, "entities", {
        "id": f"t.id + {ent}", "key": f"t.key || ' {tag}'", "name": f"t.name || ' {tag}'",
        "merged_into": "NULL",
    }, f"WHERE t.id IN ({fresh})")  # fmt: skip
    # Shared entities are now named in twice as many articles.
    c.execute(
        "UPDATE entities SET articles = articles * 2, mentions = mentions * 2"
        f" WHERE id NOT IN ({fresh}) AND id <= {ent}"
    )
    _copy(c, "entity_keys", {"key": f"t.key || ' {tag}'", "entity_id": f"t.entity_id + {ent}"},
          f"WHERE t.entity_id IN ({fresh})")  # fmt: skip
    c.execute(f"UPDATE entity_keys SET count = count * 2 WHERE entity_id NOT IN ({fresh})"
              f" AND entity_id <= {ent}")  # fmt: skip
    _copy(c, "entity_types", {"entity_id": f"t.entity_id + {ent}"},
          f"WHERE t.entity_id IN ({fresh})")  # fmt: skip
    c.execute(f"UPDATE entity_types SET votes = votes * 2 WHERE entity_id NOT IN ({fresh})"
              f" AND entity_id <= {ent}")  # fmt: skip
    # Co-occurrence: a pair with a new member is a new pair; a shared pair counts twice.
    c.execute(
        "INSERT INTO entity_cooc (a, b, n) SELECT ma.new, mb.new, t.n FROM entity_cooc t"
        " JOIN temp.emap ma ON ma.old = t.a JOIN temp.emap mb ON mb.old = t.b"
        " WHERE ma.new != ma.old OR mb.new != mb.old"
    )
    c.execute(
        f"UPDATE entity_cooc SET n = n * 2 WHERE a <= {ent} AND b <= {ent}"
        f" AND a NOT IN ({fresh}) AND b NOT IN ({fresh})"
    )
    # Articles (the full-text index follows through its trigger), then what hangs on them.
    _copy(c, "articles", {
        "pk": f"t.pk + {art}", "id": f"t.id || '~{generation}'",
        "dup_group": f"t.dup_group + {art}",
    }, f"WHERE t.pk <= {art}")  # fmt: skip
    for table, col in _ARTICLE_TABLES.items():
        replace = {col: f"t.{col} + {art}"}
        if table in ("article_entities", "entity_roles", "mentions"):
            replace["entity_id"] = mapped.format(col="entity_id")
        if table == "mentions":
            replace["id"] = f"t.id + {men}"
        if table == "quotes":
            replace["id"] = f"t.id + {quo}"
            replace["speaker_entity"] = mapped.format(col="speaker_entity")
        if table == "events":
            replace["id"] = f"t.id + {evt}"
        _copy(c, table, replace, f"WHERE t.{col} <= {art}")
    _copy(c, "event_entities", {
        "event_id": f"t.event_id + {evt}", "entity_id": mapped.format(col="entity_id"),
    }, f"WHERE t.event_id <= {evt}")  # fmt: skip
    _copy(c, "dup_bands", {
        "key": f"(t.key + {generation + 1} * 1000003) % 9223372036854775807",
        "article_pk": f"t.article_pk + {art}",
    }, f"WHERE t.article_pk <= {art}")  # fmt: skip
    c.execute("UPDATE term_df SET df = df * 2")
    _copy(c, "stories", {"id": f"t.id + {sto}", "title_pk": f"t.title_pk + {art}"},
          f"WHERE t.id <= {sto}")  # fmt: skip
    _copy(c, "story_terms", {"story_id": f"t.story_id + {sto}"}, f"WHERE t.story_id <= {sto}")
    _copy(c, "story_members", {"article_pk": f"t.article_pk + {art}",
                               "story_id": f"t.story_id + {sto}"},
          f"WHERE t.article_pk <= {art}")  # fmt: skip
    c.execute("COMMIT")


def grow(
    db: Path, articles: int, *, say: Callable[[str], None] = print
) -> dict[str, float | int]:
    """Double the store at ``db`` until it holds ``articles`` or more; returns what it did."""
    c = sqlite3.connect(db, isolation_level=None)
    try:
        c.execute("PRAGMA journal_mode = WAL")
        c.execute("PRAGMA synchronous = OFF")
        c.execute("PRAGMA cache_size = -262144")
        n = _max(c, "SELECT COUNT(*) FROM articles")
        if n == 0:
            raise ValueError(f"{db}: an empty store cannot be grown")
        t0 = time.perf_counter()
        generation = 0
        while n < articles:
            t1 = time.perf_counter()
            double(c, generation)
            generation += 1
            n = _max(c, "SELECT COUNT(*) FROM articles")
            say(f"  doubled to {n:,} articles in {time.perf_counter() - t1:.0f} s")
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return {"articles": n, "doublings": generation, "seconds": time.perf_counter() - t0}
    finally:
        c.close()
