"""The store's operations, once for SQLite and PostgreSQL: writing batches, reading back.

:class:`SQLStore` holds every method of the :class:`~dateline.protocols.Store`
protocol over one connection; :class:`~dateline.storage.sqlite.SQLiteStore` and
:class:`~dateline.storage.postgres.PostgresStore` open that connection, apply the
migrations and close it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from typing import Any

from dateline.dedup.options import DedupOptions
from dateline.errors import E, StoreError
from dateline.records import Article, TimelineMaterial, Timex, Work
from dateline.storage import corrections
from dateline.storage.article_record import article_record
from dateline.storage.browse import fts_query, search_articles
from dateline.storage.db import Connection
from dateline.storage.dedup import assign_group
from dateline.storage.entities import Linker
from dateline.storage.entity_records import entity_record, find_entities, list_entities
from dateline.storage.events import fts_any, insert_events
from dateline.storage.fetched import StoreFetchState, remember_feed_item, seen_feed_item
from dateline.storage.quotes import insert_quotes, select_quotes
from dateline.storage.sql_pages import StorePages
from dateline.storage.stories import select_stories, select_story_articles, update_stories
from dateline.storage.summary import store_summary
from dateline.storage.timeline_material import timeline_material
from dateline.stories.cluster import StoryOptions
from dateline.temporal.ranges import value_range


def content_hash(article: Article, signature: str = "") -> str:
    """Hash of everything the reader produced and of the pipeline that processed it.

    A change in either means the stored extraction is stale: an edited article, or
    one stored by an earlier version or another stage list (it is processed again).
    """
    parts = (article.title, article.published, article.source, article.url, article.text, signature)
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    if article.author is not None:
        # Only when there is one, so articles without an author keep the hash they had.
        joined += "\x1fauthor\x1f" + article.author
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


def timex_row(t: Timex) -> tuple[object, ...]:
    """A temporal expression's columns, ending with the interval its value covers (lo, hi)."""
    interval = value_range(t.value, t.mod) if t.type in ("DATE", "TIME") else None
    lo, hi = (interval[0].isoformat(), interval[1].isoformat()) if interval else (None, None)
    return (t.start, t.end, t.text, t.type, t.value, t.mod, t.anchor, lo, hi)


class SQLStore(StorePages):
    """What the SQLite and PostgreSQL stores share: every query, on ``self.conn``.

    The query modules run on either connection (:mod:`dateline.storage.db`);
    a subclass opens it, migrates the schema and closes it. Writes are
    transactions begun ``BEGIN IMMEDIATE``: SQLite's write lock, PostgreSQL's
    advisory write lock (:mod:`dateline.storage.pg_conn`).
    """

    conn: Connection
    linker: Linker

    # -- writing ----------------------------------------------------------------
    def known(self, articles: Sequence[Article]) -> dict[str, str]:
        ids = [a.id for a in articles]
        found: dict[str, str] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT id, content_hash FROM articles WHERE id IN ({marks})"
            found.update({row[0]: row[1] for row in self.conn.execute(sql, chunk)})
        return found

    def save(
        self, batch: Sequence[Work], *, signature: str = "", dedup: DedupOptions | None = None
    ) -> None:
        """Store a batch in one transaction: an interruption leaves whole articles or none.

        An article is keyed by its id: one stored under it with another content hash is
        replaced, one stored with the same hash (by another process since this one
        asked :meth:`known`) is left as it is. The transaction holds the store's write
        lock, so writers in several processes take turns and none loses or doubles an
        article.

        ``signature`` names the pipeline that produced the batch (``Pipeline.signature``);
        ``dedup`` says how each article is put in its duplicate group
        (:func:`dateline.storage.dedup.assign_group`).
        """
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            for work in batch:
                self._save_one(work, signature, dedup)
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise

    def _save_one(self, work: Work, signature: str = "", dedup: DedupOptions | None = None) -> None:
        c = self.conn
        a, d = work.article, work.dateline
        digest = content_hash(a, signature)
        stored = c.execute("SELECT content_hash FROM articles WHERE id = ?", (a.id,)).fetchone()
        if stored is not None and stored[0] == digest:
            return  # stored as it is (by another writer since known() was asked)
        c.execute("DELETE FROM articles WHERE id = ?", (a.id,))  # an update replaces all
        cur = c.execute(
            "INSERT INTO articles (id, title, published, source, url, path, text, content_hash,"
            " dateline_start, dateline_end, dateline_text, dateline_place, dateline_date,"
            " dateline_agency, ingested_at, author) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                a.id, a.title, a.published.isoformat() if a.published else None,
                a.source or (d.agency if d else None), a.url, a.path, a.text, digest,
                d.start if d else None, d.end if d else None, d.text if d else None,
                d.place if d else None, d.date if d else None, d.agency if d else None,
                dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), a.author,
            ),
        )  # fmt: skip
        pk = cur.lastrowid
        assert pk is not None
        assign_group(c, pk, a.text, dedup)
        published = a.published.isoformat() if a.published else None
        links = self.linker.link(c, work.entities, published)
        entity_ids = {local: gid for local, (gid, _) in links.items()}  # for quote speakers
        for e in work.entities:
            entity_id, decision = links[e.id]
            votes = sum(1 for m in e.mentions if m.kind != "demonym") or 1
            c.execute(
                "INSERT INTO article_entities (article_pk, local_id, entity_id, name, affiliation,"
                " type, votes, link) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (pk, e.id, entity_id, e.name, e.affiliation, e.type, votes, decision.how),
            )
            c.executemany(
                "INSERT OR IGNORE INTO entity_roles VALUES (?, ?, ?, ?)",
                [(entity_id, pk, role, e.affiliation) for role in e.roles],
            )
            c.executemany(
                'INSERT INTO mentions (article_pk, entity_id, local_id, start, "end", text,'
                " kind, role) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(pk, entity_id, e.id, m.start, m.end, m.text, m.kind, m.role) for m in e.mentions],
            )
        c.executemany(
            'INSERT INTO timexes (article_pk, seq, start, "end", text, type, value, mod, anchor,'
            " lo, hi) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(pk, seq, *timex_row(t)) for seq, t in enumerate(work.timexes)],
        )
        insert_quotes(c, pk, work.quotes, entity_ids)
        insert_events(c, pk, work.events, entity_ids)

    @property
    def link_seconds(self) -> float:
        """Time spent linking articles' entities to global ones since the store was opened."""
        return self.linker.seconds

    # -- reading ----------------------------------------------------------------
    def get_article(self, article_id: str) -> dict[str, Any]:
        """One stored article in the JSON contract (see :mod:`dateline.export`)."""
        return article_record(self.conn, article_id)

    def search(
        self,
        query: str | None = None,
        *,
        start: dt.date | None = None,
        end: dt.date | None = None,
        entity: str | None = None,
        mentions_from: dt.date | None = None,
        mentions_to: dt.date | None = None,
        limit: int = 20,
    ) -> list[dict[str, Any]]:
        """Ranked full-text search (BM25, title weighted) with date, entity and mention filters.

        Args:
            query: Words and ``"quoted phrases"``, all required. Empty or ``None``
                lists the articles the filters keep, newest first.
            start: Published on or after this day.
            end: Published on or before this day.
            entity: Only articles mentioning this entity (name, surname or text).
            mentions_from: Only articles mentioning a date whose interval ends on or
                after this day: from 1957-01-01, "the 1950s" and "October 4, 1957"
                are kept, "1949" is not.
            mentions_to: Only articles mentioning a date whose interval starts on or
                before this day. Both bounds: intervals overlapping the range.
                Durations, sets and unresolved values never match.
            limit: At most this many articles.

        Returns:
            One dict per article: ``id``, ``title``, ``published``, ``source``,
            ``snippet`` (hits between ``HIT_OPEN`` and ``HIT_CLOSE``), ``score`` and
            ``timexes``, the mentioned dates that matched (``text``, ``value``,
            ``start``, ``end``) in text order — empty without a mentions filter.

        Example:
            >>> from dateline.storage.sqlite import SQLiteStore
            >>> store = SQLiteStore(":memory:", create=True)
            >>> store.search(mentions_from=dt.date(1950, 1, 1), mentions_to=dt.date(1959, 12, 31))
            []
        """
        return search_articles(
            self.conn, query, start=start, end=end, entity=entity,
            mentions_from=mentions_from, mentions_to=mentions_to, limit=limit,
        )  # fmt: skip

    def entities(
        self, *, type: str | None = None, top: int = 20, name: str | None = None
    ) -> list[dict[str, Any]]:
        """Global entities seen in most articles first.

        Each: ``id``, ``name`` (canonical), ``type`` (voted), ``articles``,
        ``mentions``, ``first_seen``/``last_seen``, ``aliases`` (the five names
        most used, with counts) and ``roles`` (``role``, ``affiliation``, ``articles``).
        ``name`` keeps the entities a name stands for (see :meth:`entity`).
        """
        return list_entities(self.conn, type=type, top=top, name=name)

    def entity(self, ref: str | int) -> dict[str, Any]:
        """One entity's canonical record: by id (a merged id leads to the survivor) or name.

        See :func:`dateline.storage.entity_records.entity_record` for the fields.

        Raises:
            StoreError: no such entity (``DL306``).
        """
        return entity_record(self.conn, ref)

    def _correct(self, fn: Any, *args: Any) -> Any:
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            result = fn(c, *args)
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise
        return result

    def merge_entities(self, target: int, others: Sequence[int]) -> None:
        """Merge ``others`` into ``target``, now and for every later article."""
        self._correct(corrections.merge, target, list(others))

    def split_entity(self, entity_id: int, alias: str) -> int:
        """Split the articles calling the entity ``alias`` off into a new entity (its id)."""
        return int(self._correct(corrections.split, entity_id, alias))

    def alias_entity(self, entity_id: int, name: str) -> None:
        """Make ``name`` link to the entity in every later article."""
        self._correct(corrections.add_alias, entity_id, name)

    def rename_entity(self, entity_id: int, name: str) -> None:
        """Set the entity's canonical name (kept whatever later articles say)."""
        self._correct(corrections.rename, entity_id, name)

    def quotes(
        self,
        *,
        speaker: str | None = None,
        about: str | None = None,
        start: dt.date | None = None,
        end: dt.date | None = None,
        limit: int = 50,
    ) -> list[dict[str, Any]]:
        """Statements across all articles, newest first (most relevant first with ``about``).

        Args:
            speaker: Only quotes whose speaker resolved to this entity: its full name,
                its surname or any name it was mentioned by ("Putin", "Abe", "IAEA"),
                case-insensitive. Speakers that are not entities ("officials") match
                as written.
            about: Words and ``"quoted phrases"`` that must all occur in the quote
                (stemmed, like :meth:`search`).
            start: Said on or after this day: the calendar interval of the date said
                overlaps [start, end]; a quote without a dated ``said`` counts as
                said on its article's publication date.
            end: Said on or before this day.
            limit: At most this many quotes.

        Returns:
            One dict per quote: the JSON contract of :meth:`Quote.to_dict` (``start``,
            ``end``, ``text``, ``kind``, ``fragments`` — here with their ``text`` —,
            ``cue``, ``speaker``, ``said``, ``confidence``) with ``article_id``,
            ``title`` and ``published`` of its article. ``speaker`` gains
            ``entity_id`` (global, or ``None``), ``name`` (the entity's canonical
            name, else the speaker as written), ``role`` and ``affiliation`` (as the
            article gives them, else the entity's most frequent role).

        Example:
            >>> from dateline.storage.sqlite import SQLiteStore
            >>> store = SQLiteStore(":memory:", create=True)
            >>> store.quotes(speaker="Putin", start=dt.date(2019, 1, 1))
            []
        """
        return select_quotes(
            self.conn,
            speaker=speaker,
            speaker_ids=find_entities(self.conn, speaker) if speaker else None,
            match=fts_query(about or ""),
            start=start,
            end=end,
            limit=limit,
        )

    def entity_ids(self, names: Sequence[str]) -> list[int]:
        """Global ids of the entities a user's names stand for (name, alias or surname)."""
        ids: set[int] = set()
        for name in names:
            ids.update(find_entities(self.conn, name))
        return sorted(ids)

    def timeline_material(
        self,
        query: str,
        *,
        start: dt.date | None = None,
        end: dt.date | None = None,
        entities: Sequence[str] = (),
        story: int | None = None,
        max_articles: int | None = None,
    ) -> TimelineMaterial:
        """Dated events of the articles matching any word of ``query``, those articles and
        their texts.

        See :func:`dateline.storage.timeline_material.timeline_material`; ``entities`` are names
        (events naming one are flagged ``involved``), ``story`` a story id.
        """
        pks = None
        if story is not None:
            pks = self.story_article_pks(story)
        return timeline_material(
            self.conn,
            match=fts_any(query),
            start=start.isoformat() if start else None,
            end=end.isoformat() if end else None,
            entity_ids=self.entity_ids(entities) if entities else None,
            article_pks=pks,
            max_articles=max_articles,
        )

    def story_article_pks(self, story: int) -> list[int]:
        """The stored articles of a story.

        Raises:
            StoreError: there is no such story (``DL305``).
        """
        if self.conn.execute("SELECT 1 FROM stories WHERE id = ?", (story,)).fetchone() is None:
            raise StoreError(E.NO_STORY, id=story)
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT article_pk FROM story_members WHERE story_id = ?", (story,)
            )
        ]

    def summary(self) -> dict[str, Any]:
        """Counts, date ranges, people with roles and the top entities (see
        :func:`dateline.storage.summary.store_summary`)."""
        return store_summary(self.conn)

    # -- stories (dateline.storage.stories) -------------------------------------
    def update_stories(self, options: StoryOptions | None = None) -> int:
        """Put every article not yet clustered into a story (joined or new); returns how many.

        ``ingest`` calls this after each batch; it also catches up on the articles of
        a database made before stories existed.
        """
        return update_stories(self.conn, options or StoryOptions())

    def stories(
        self, *, limit: int = 20, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[dict[str, Any]]:
        """Stories (articles grouped over time), largest first, then most recent.

        Args:
            limit: At most this many stories.
            start: Only stories whose last article is published on or after this day.
            end: Only stories whose first article is published on or before this day.

        Returns:
            One dict per story: ``id``, ``title`` (the headline of the member nearest
            the story's centroid), ``first`` and ``last`` (publication dates), ``size``
            (articles), ``top_entities`` (names) and ``top_terms`` (words), both by
            weight in the centroid.

        Example:
            >>> from dateline.storage.sqlite import SQLiteStore
            >>> SQLiteStore(":memory:", create=True).stories(start=dt.date(2019, 1, 1))
            []
        """
        return select_stories(self.conn, limit=limit, start=start, end=end)

    def story_articles(self, story_id: int) -> list[dict[str, Any]]:
        """One story's articles in publication order: ``id``, ``title``, ``published``,
        ``source`` and ``similarity`` (cosine with the story's centroid).

        Raises:
            StoreError: no story has this id (``DL305``).
        """
        return select_story_articles(self.conn, story_id)

    # -- fetching (see dateline.storage.fetched) ----------------------------------
    def fetch_state(self) -> StoreFetchState:
        """Each URL's validators in this store, for ``Fetcher(state=...)``."""
        return StoreFetchState(self.conn)

    def seen_feed_item(self, feed_url: str, guid: str, content_hash: str) -> bool:
        """Whether a feed's entry is known with this content (False: new or changed)."""
        return seen_feed_item(self.conn, feed_url, guid, content_hash)

    def remember_feed_item(
        self, feed_url: str, guid: str, *, link: str | None, content_hash: str
    ) -> None:
        """Record a feed's entry as seen with this content."""
        remember_feed_item(self.conn, feed_url, guid, link=link, content_hash=content_hash)
