"""Read-model latency: the HTTP API's page calls on a store many times the bundled sample.

The sample is ingested once with the real pipeline (kept in the work folder, so
later runs start at once); the large store is then made in SQL from copies of
its rows — no spaCy, no linking — each copy's articles published a day later
than the previous copy's, so the store spans a few years at ~100 articles a
day. Entities seen in three articles or more are shared by all copies (the
people and places news keeps returning to, whose pages get large); rarer ones
get a new entity per copy (the long tail, so the entity table grows too).
Quotes, events, timexes, roles and stories are copied with their articles;
articles' term vectors are not (story similarities of copied stories read as 0). Each
copy's texts end with a few filler words (:data:`TAIL`), so copies do not tie in BM25.

Each call of the read model (``dateline.api.list_articles`` …) is then timed
through the api, opening the store each time as a request would, with several
parameter sets per call; the table gives p50, p95 and the worst time in ms
against the 200 ms p95 target, and each call's query plans can be printed.

Usage: python bench/browse.py [--copies 340] [--work /tmp/dateline-browse] [--repeat 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dateline import api
from dateline.config import Config
from dateline.ingest import sample_path
from dateline.storage.sqlite import SQLiteStore

#: Entities seen in at least this many sample articles are shared by every copy.
SHARED = 3
#: Copy ``:k``'s text ends with 0 to 39 filler words, so copies are not ranked as exact
#: ties (syndicated news is near-duplicate, rarely verbatim many times over).
TAIL = "substr(' ' || replace(hex(zeroblob(40)), '00', 'zzfill '), 1, 1 + (:k % 40) * 7)"


def build(work: Path, copies: int) -> Path:
    """The large store (made once per number of copies)."""
    work.mkdir(parents=True, exist_ok=True)
    sample = work / "sample.db"
    if not sample.exists():
        print("ingesting the sample with the real pipeline …", flush=True)
        api.ingest([sample_path()], config=Config(db=str(sample)))
    big = work / f"x{copies}.db"
    if big.exists():
        return big
    partial = work / f"x{copies}.partial.db"
    partial.unlink(missing_ok=True)
    with sqlite3.connect(sample) as src, sqlite3.connect(partial) as dst:
        src.backup(dst)
    SQLiteStore(str(partial)).close()  # migrate to the current schema
    conn = sqlite3.connect(partial, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = OFF")
    began = time.perf_counter()
    _replicate(conn, copies)
    conn.close()
    partial.rename(big)
    print(f"built {big} in {time.perf_counter() - began:.0f} s", flush=True)
    return big


def _replicate(conn: sqlite3.Connection, copies: int) -> None:
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    pa, pe = one("SELECT MAX(pk) FROM articles"), one("SELECT MAX(id) FROM entities")
    pq, pv = one("SELECT COALESCE(MAX(id), 0) FROM quotes"), one("SELECT MAX(id) FROM events")
    ps = one("SELECT MAX(id) FROM stories")
    conn.execute("CREATE TEMP TABLE rare (id INTEGER PRIMARY KEY)")
    conn.execute(f"INSERT INTO rare SELECT id FROM entities WHERE articles < {SHARED}")

    def m(column: str) -> str:  # an entity id of copy :k
        rare = f"{column} IN (SELECT id FROM rare)"
        return f"CASE WHEN {rare} THEN {column} + :k * {pe} ELSE {column} END"

    quote_cols = (
        "article_pk, seq, start, \"end\", text, kind, fragments, cue_start, cue_end, cue_text,"
        " cue_lemma, speaker_start, speaker_end, speaker_text, speaker_local, speaker_entity,"
        " said, said_mod, said_lo, said_hi, confidence"
    )
    event_cols = (
        "article_pk, seq, start, \"end\", text, trigger_start, trigger_end, trigger_text,"
        " trigger_lemma, date, date_mod, basis, lo, hi, kind, participants, sentence_start,"
        " sentence_end, confidence"
    )
    steps = [
        "INSERT INTO articles (pk, id, title, published, source, url, path, text, content_hash,"
        " dateline_start, dateline_end, dateline_text, dateline_place, dateline_date,"
        " dateline_agency, ingested_at) SELECT pk + :k * :pa, id || '~' || :k, title,"
        f" date(published, '+' || :k || ' days'), source, url, path, text || {TAIL},"
        " content_hash,"
        " dateline_start, dateline_end, dateline_text, dateline_place, dateline_date,"
        " dateline_agency, ingested_at FROM articles WHERE pk <= :pa",
        "INSERT INTO entities (id, key, type, name) SELECT id + :k * :pe, key || ' ' || :k, type,"
        " name || ' ' || :k FROM entities WHERE id IN (SELECT id FROM rare)",
        "INSERT INTO article_entities (article_pk, local_id, entity_id, name, affiliation, type,"
        f" votes, link) SELECT article_pk + :k * :pa, local_id, {m('entity_id')}, name,"
        " affiliation, type, votes, link FROM article_entities WHERE article_pk <= :pa",
        "INSERT INTO mentions (article_pk, entity_id, local_id, start, \"end\", text, kind, role)"
        f" SELECT article_pk + :k * :pa, {m('entity_id')}, local_id, start, \"end\", text, kind,"
        " role FROM mentions WHERE article_pk <= :pa",
        f"INSERT OR IGNORE INTO entity_roles SELECT {m('entity_id')}, article_pk + :k * :pa, role,"
        " affiliation FROM entity_roles WHERE article_pk <= :pa",
        "INSERT INTO timexes SELECT article_pk + :k * :pa, seq, start, \"end\", text, type, value,"
        " mod, anchor, lo, hi FROM timexes WHERE article_pk <= :pa",
        f"INSERT INTO quotes (id, {quote_cols}) SELECT id + :k * :pq,"
        + quote_cols.replace("article_pk", "article_pk + :k * :pa", 1).replace(
            "speaker_entity", f"{m('speaker_entity')}"
        )
        + " FROM quotes WHERE id <= :pq",
        f"INSERT INTO events (id, {event_cols}) SELECT id + :k * :pv,"
        + event_cols.replace("article_pk", "article_pk + :k * :pa", 1)
        + " FROM events WHERE id <= :pv",
        f"INSERT INTO event_entities SELECT event_id + :k * :pv, {m('entity_id')}, lo, hi"
        " FROM event_entities WHERE event_id <= :pv",
        "INSERT INTO stories (id, first, last, size, norm2, title_pk) SELECT id + :k * :ps,"
        " date(first, '+' || :k || ' days'), date(last, '+' || :k || ' days'), size, norm2,"
        " title_pk + :k * :pa FROM stories WHERE id <= :ps",
        "INSERT INTO story_members SELECT article_pk + :k * :pa, story_id + :k * :ps"
        " FROM story_members WHERE article_pk <= :pa",
        "INSERT INTO story_terms SELECT term, story_id + :k * :ps, weight FROM story_terms"
        " WHERE story_id <= :ps",
    ]
    for k in range(1, copies):
        names = {"k": k, "pa": pa, "pe": pe, "pq": pq, "pv": pv, "ps": ps}
        conn.execute("BEGIN")
        for sql in steps:
            conn.execute(sql, {n: v for n, v in names.items() if f":{n}" in sql})
        conn.execute("COMMIT")
        if k % 20 == 0:
            print(f"  copy {k}/{copies - 1}", flush=True)
    conn.execute("BEGIN")
    conn.execute(
        "UPDATE entities SET articles = c.n, mentions = c.m, first_seen = c.f, last_seen = c.l"
        " FROM (SELECT ae.entity_id AS id, COUNT(*) AS n, SUM(ae.votes) AS m,"
        " MIN(a.published) AS f, MAX(a.published) AS l FROM article_entities ae"
        " JOIN articles a ON a.pk = ae.article_pk GROUP BY ae.entity_id) c"
        " WHERE c.id = entities.id"
    )
    conn.execute(
        f"INSERT OR IGNORE INTO entity_keys SELECT '=' || key, id, 1 FROM entities WHERE id > {pe}"
    )
    conn.execute("COMMIT")


def calls(db: Path) -> list[tuple[str, Callable[[], Any]]]:
    """(name, call) of every page the web app asks for, with a few parameter sets each."""
    cfg = Config(db=str(db))
    store = SQLiteStore(str(db))
    story_id = store.conn.execute("SELECT id FROM stories ORDER BY size DESC LIMIT 1").fetchone()[0]
    top = store.conn.execute(
        "SELECT name FROM entities WHERE type = 'PERSON' AND merged_into IS NULL"
        " ORDER BY articles DESC LIMIT 1"
    ).fetchone()[0]
    rare = store.conn.execute(
        "SELECT id FROM entities WHERE merged_into IS NULL AND articles = 2 LIMIT 1"
    ).fetchone()[0]
    store.close()
    day = dt.date(2020, 3, 1)
    month = (day, dt.date(2020, 3, 31))
    return [
        ("articles: all, newest", lambda: api.list_articles(config=cfg)),
        ("articles: all, page 200", lambda: api.list_articles(config=cfg, offset=4000)),
        ("articles: all + facets", lambda: api.list_articles(config=cfg, facets=True)),
        ("articles: q=Putin", lambda: api.list_articles(config=cfg, q="Putin")),
        ("articles: q=said (most)", lambda: api.list_articles(config=cfg, q="said")),
        ("articles: q=said + facets", lambda: api.list_articles(config=cfg, q="said", facets=True)),
        ("articles: q=phrase + facets",
         lambda: api.list_articles(config=cfg, q='"peace treaty"', facets=True)),
        ("articles: entity + facets",
         lambda: api.list_articles(config=cfg, entity=top, facets=True)),
        ("articles: month + facets",
         lambda: api.list_articles(config=cfg, start=month[0], end=month[1], facets=True)),
        ("articles: q + month",
         lambda: api.list_articles(config=cfg, q="government", start=month[0], end=month[1])),
        ("articles: story", lambda: api.list_articles(config=cfg, story=story_id, facets=True)),
        ("articles: mentions 1950s",
         lambda: api.list_articles(config=cfg, mentions_from=dt.date(1950, 1, 1),
                                   mentions_to=dt.date(1959, 12, 31))),
        ("articles: mentions a month",
         lambda: api.list_articles(config=cfg, mentions_from=month[0], mentions_to=month[1])),
        ("articles: q=said + facets, p100",
         lambda: api.list_articles(config=cfg, q="said", facets=True, offset=2000)),
        ("entities: default", lambda: api.list_entities(config=cfg)),
        ("entities: PERSON by articles",
         lambda: api.list_entities(config=cfg, type="PERSON", sort="articles")),
        ("entities: by name, page 500",
         lambda: api.list_entities(config=cfg, sort="name", offset=10000)),
        ("entities: prefix 'a'", lambda: api.list_entities(config=cfg, prefix="a")),
        ("entities: prefix 'vla' PERSON",
         lambda: api.list_entities(config=cfg, prefix="vla", type="PERSON")),
        ("entity page: top person", lambda: api.entity_page(top, config=cfg)),
        ("entity page: Japan", lambda: api.entity_page("Japan", config=cfg)),
        ("entity page: a rare one", lambda: api.entity_page(rare, config=cfg)),
        ("quotes: newest", lambda: api.list_quotes(config=cfg)),
        ("quotes: page 100", lambda: api.list_quotes(config=cfg, offset=5000)),
        ("quotes: direct, conf 0.8",
         lambda: api.list_quotes(config=cfg, kind="direct", min_confidence=0.8)),
        ("quotes: conf 0.9", lambda: api.list_quotes(config=cfg, min_confidence=0.9)),
        ("quotes: speaker", lambda: api.list_quotes(config=cfg, speaker=top)),
        ("quotes: about", lambda: api.list_quotes(config=cfg, about="government")),
        ("quotes: month", lambda: api.list_quotes(config=cfg, start=month[0], end=month[1])),
        ("events: newest", lambda: api.list_events(config=cfg)),
        ("events: q", lambda: api.list_events(config=cfg, q="election")),
        ("events: entity", lambda: api.list_events(config=cfg, entity=top)),
        ("events: month", lambda: api.list_events(config=cfg, start=month[0], end=month[1])),
        ("events: q + entity", lambda: api.list_events(config=cfg, q="said", entity=top)),
        ("events: page 100", lambda: api.list_events(config=cfg, offset=5000)),
        ("events: scheduled, month",
         lambda: api.list_events(config=cfg, kind="scheduled", start=month[0], end=month[1])),
        ("stories: largest", lambda: api.list_stories(config=cfg)),
        ("stories: page 50", lambda: api.list_stories(config=cfg, offset=1000)),
        ("story: largest", lambda: api.story(story_id, config=cfg)),
        ("home", lambda: api.home(config=cfg)),
    ]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=340, help="copies of the sample")
    parser.add_argument("--work", type=Path, default=Path("/tmp/dateline-browse"))
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per call")
    parser.add_argument("--only", default="", help="only calls whose name contains this")
    args = parser.parse_args()
    db = build(args.work, args.copies)
    with sqlite3.connect(db) as c:
        n = c.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        e = c.execute("SELECT COUNT(*) FROM entities WHERE merged_into IS NULL").fetchone()[0]
    print(f"{db}: {n:,} articles, {e:,} entities, {db.stat().st_size / 1e9:.1f} GB")
    print(f"{'call':34} {'p50':>7} {'p95':>7} {'max':>7}   (ms; target p95 < 200)")
    worst = 0.0
    for name, call in calls(db):
        if args.only not in name:
            continue
        call()  # warm the page cache
        times = []
        for _ in range(args.repeat):
            began = time.perf_counter()
            call()
            times.append(1000 * (time.perf_counter() - began))
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        worst = max(worst, p95)
        flag = "" if p95 < 200 else "  ← over"
        print(f"{name:34} {statistics.median(times):7.1f} {p95:7.1f} {times[-1]:7.1f}{flag}")
    print(f"worst p95: {worst:.0f} ms")


if __name__ == "__main__":
    main()
