"""Numbered schema migrations for the SQLite store, recorded in the database.

Each migration runs once, in order, inside a transaction (a function
migration that rebuilds a table runs with foreign keys off and is checked); ``schema_migrations``
records which have been applied. Later record types (timexes, quotes, events)
arrive as new numbered migrations — never by editing an applied one.
"""

from __future__ import annotations

from collections.abc import Callable
from sqlite3 import Connection

from dateline.storage.dedup import migrate_dedup
from dateline.storage.entities import migrate_entities
from dateline.storage.fetched import FETCHED_SQL
from dateline.storage.stories import STORIES_SQL

#: Migration 11, SQLite and PostgreSQL alike.
COOC_B_SQL = "CREATE INDEX entity_cooc_b ON entity_cooc(b, a);"

#: (version, name, SQL script or a function that migrates a connection).
MIGRATIONS: list[tuple[int, str, str | Callable[[Connection], None]]] = [
    (
        1,
        "articles, entities, mentions, full-text search",
        """
        CREATE TABLE articles (
            pk INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            title TEXT,
            published TEXT,
            source TEXT,
            url TEXT,
            path TEXT,
            text TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            dateline_start INTEGER,
            dateline_end INTEGER,
            dateline_text TEXT,
            dateline_place TEXT,
            dateline_date TEXT,
            dateline_agency TEXT,
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX articles_published ON articles(published);

        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='pk', tokenize='porter unicode61'
        );
        CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, new.title, new.text);
        END;
        CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.pk, old.title, old.text);
        END;
        CREATE TRIGGER articles_fts_update AFTER UPDATE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.pk, old.title, old.text);
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, new.title, new.text);
        END;

        -- One row per identity across all articles: normalised name + type.
        CREATE TABLE entities (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL,
            type TEXT NOT NULL,
            name TEXT NOT NULL,
            UNIQUE (key, type)
        );

        -- The entity as one article presents it (its local id, roles, affiliation).
        CREATE TABLE article_entities (
            article_pk INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
            local_id TEXT NOT NULL,
            entity_id INTEGER NOT NULL REFERENCES entities(id),
            name TEXT NOT NULL,
            affiliation TEXT,
            PRIMARY KEY (article_pk, local_id)
        );
        CREATE INDEX article_entities_entity ON article_entities(entity_id);

        CREATE TABLE entity_roles (
            entity_id INTEGER NOT NULL REFERENCES entities(id),
            article_pk INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
            role TEXT NOT NULL,
            affiliation TEXT,
            UNIQUE (entity_id, article_pk, role)
        );

        CREATE TABLE mentions (
            id INTEGER PRIMARY KEY,
            article_pk INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
            entity_id INTEGER NOT NULL REFERENCES entities(id),
            local_id TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            kind TEXT NOT NULL,
            role TEXT
        );
        CREATE INDEX mentions_article ON mentions(article_pk);
        CREATE INDEX mentions_entity ON mentions(entity_id);
        """,
    ),
    (
        2,
        "timexes with the calendar interval each covers",
        """
        -- One row per temporal expression, in the tagger's order (seq). lo/hi are
        -- the first and last day its value covers (ISO; NULL for durations, sets,
        -- unresolved values), so "mentions a date in [from, to]" is an overlap test.
        -- The primary key doubles as the index by article.
        CREATE TABLE timexes (
            article_pk INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            type TEXT NOT NULL,
            value TEXT NOT NULL,
            mod TEXT,
            anchor TEXT,
            lo TEXT,
            hi TEXT,
            PRIMARY KEY (article_pk, seq)
        );
        CREATE INDEX timexes_range ON timexes(lo, hi);
        """,
    ),
    (
        3,
        "quotes with their cue, speaker (resolved to a global entity) and date said",
        """
        -- One row per statement, in the finder's order (seq). fragments is JSON
        -- [[start, end], ...]. speaker_local is the article's own entity id ("e3");
        -- speaker_entity the global entity it was merged into when the article was
        -- saved (NULL when the speaker is not an entity). said_lo/said_hi are the
        -- calendar interval of said, as lo/hi are for timexes (NULL when said is not
        -- a calendar stretch). The integer id keeps rowids stable for quotes_fts.
        CREATE TABLE quotes (
            id INTEGER PRIMARY KEY,
            article_pk INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            kind TEXT NOT NULL,
            fragments TEXT NOT NULL,
            cue_start INTEGER,
            cue_end INTEGER,
            cue_text TEXT,
            cue_lemma TEXT,
            speaker_start INTEGER,
            speaker_end INTEGER,
            speaker_text TEXT,
            speaker_local TEXT,
            speaker_entity INTEGER REFERENCES entities(id),
            said TEXT,
            said_mod TEXT,
            said_lo TEXT,
            said_hi TEXT,
            confidence REAL NOT NULL,
            UNIQUE (article_pk, seq)
        );
        CREATE INDEX quotes_speaker ON quotes(speaker_entity);
        CREATE INDEX quotes_said ON quotes(said_lo, said_hi);

        CREATE VIRTUAL TABLE quotes_fts USING fts5(
            text, content='quotes', content_rowid='id', tokenize='porter unicode61'
        );
        CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
            INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
        END;
        CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
            INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
        END;
        CREATE TRIGGER quotes_fts_update AFTER UPDATE OF text ON quotes BEGIN
            INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
            INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
        END;
        """,
    ),
    (
        4,
        "events with their date, kind, sentence and participants",
        """
        -- One row per event clause, in text order (seq). date/date_mod are a TIMEX3
        -- value and modifier, basis where the date came from (timex, inherited,
        -- said, published); lo/hi its calendar interval as for timexes. participants
        -- is JSON of the article's local entity ids; event_entities the global ones.
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            article_pk INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            trigger_start INTEGER NOT NULL,
            trigger_end INTEGER NOT NULL,
            trigger_text TEXT NOT NULL,
            trigger_lemma TEXT NOT NULL,
            date TEXT,
            date_mod TEXT,
            basis TEXT NOT NULL,
            lo TEXT,
            hi TEXT,
            kind TEXT NOT NULL,
            participants TEXT NOT NULL,
            sentence_start INTEGER NOT NULL,
            sentence_end INTEGER NOT NULL,
            confidence REAL NOT NULL,
            UNIQUE (article_pk, seq)
        );
        CREATE INDEX events_range ON events(lo, hi);

        CREATE TABLE event_entities (
            event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            entity_id INTEGER NOT NULL REFERENCES entities(id),
            PRIMARY KEY (event_id, entity_id)
        );
        CREATE INDEX event_entities_entity ON event_entities(entity_id);
        """,
    ),
    (
        5,
        "stories: article vectors, document frequencies, story centroids and members",
        STORIES_SQL,
    ),
    (
        6,
        "entity identity: one entity per referent whatever its type; keys, types, rules",
        migrate_entities,
    ),
    (
        7,
        "read model: indexes for paged lists and their totals, quote days, event search",
        """
        -- Live entities (not merged away, seen in an article) listed by each sort
        -- order, with and without a type, so a page and its total read an index.
        CREATE INDEX entities_live_articles ON entities(articles, mentions)
            WHERE merged_into IS NULL AND articles > 0;
        CREATE INDEX entities_live_type_articles ON entities(type, articles, mentions)
            WHERE merged_into IS NULL AND articles > 0;
        CREATE INDEX entities_live_mentions ON entities(mentions, articles)
            WHERE merged_into IS NULL AND articles > 0;
        CREATE INDEX entities_live_type_mentions ON entities(type, mentions, articles)
            WHERE merged_into IS NULL AND articles > 0;
        CREATE INDEX entities_live_name ON entities(name COLLATE NOCASE)
            WHERE merged_into IS NULL AND articles > 0;
        CREATE INDEX entities_live_type_name ON entities(type, name COLLATE NOCASE)
            WHERE merged_into IS NULL AND articles > 0;
        CREATE INDEX entities_merged ON entities(merged_into) WHERE merged_into IS NOT NULL;
        -- The few entities not live: the live ones are all the others (a plain
        -- COUNT(*) walks pages, a filtered one reads every entry).
        CREATE INDEX entities_dead ON entities(id) WHERE merged_into IS NOT NULL OR articles <= 0;

        -- Narrow copies of wide rows: an article's day and id without reading its
        -- text (queries name it, INDEXED BY: SQLite always prefers the rowid), an
        -- entity's articles and names, an article's entities, an event's entities.
        CREATE INDEX articles_pk_day ON articles(pk, published, id);
        DROP INDEX article_entities_entity;
        CREATE INDEX article_entities_entity
            ON article_entities(entity_id, article_pk, affiliation);
        CREATE INDEX article_entities_article ON article_entities(article_pk, entity_id);
        DROP INDEX mentions_entity;
        CREATE INDEX mentions_entity ON mentions(entity_id, text, kind);
        -- An entity's events in date order: each participant row keeps its event's
        -- interval (set with the row; events are never re-dated in place).
        ALTER TABLE event_entities ADD COLUMN lo TEXT;
        ALTER TABLE event_entities ADD COLUMN hi TEXT;
        UPDATE event_entities SET
            lo = (SELECT e.lo FROM events e WHERE e.id = event_entities.event_id),
            hi = (SELECT e.hi FROM events e WHERE e.id = event_entities.event_id);
        DROP INDEX event_entities_entity;
        CREATE INDEX event_entities_entity ON event_entities(entity_id, lo, hi, event_id);
        DROP INDEX timexes_range;
        CREATE INDEX timexes_range ON timexes(lo, hi, article_pk);

        -- Intervals longer than a month, apart: an overlap test reads the short ones
        -- in a narrow range of starting days (see dateline.storage.sql.overlap).
        CREATE INDEX timexes_long ON timexes(hi, lo, article_pk)
            WHERE julianday(hi) - julianday(lo) > 31;
        CREATE INDEX events_long ON events(hi, lo)
            WHERE julianday(hi) - julianday(lo) > 31;

        CREATE INDEX stories_size ON stories(size, last);

        -- The interval a quote is listed and filtered by: the one said, else its
        -- article's publication day. Set on insert; an article's quotes are
        -- stored anew whenever the article is.
        ALTER TABLE quotes ADD COLUMN day_lo TEXT;
        ALTER TABLE quotes ADD COLUMN day_hi TEXT;
        UPDATE quotes SET
            day_lo = COALESCE(said_lo,
                              (SELECT a.published FROM articles a WHERE a.pk = quotes.article_pk)),
            day_hi = COALESCE(said_hi,
                              (SELECT a.published FROM articles a WHERE a.pk = quotes.article_pk));
        CREATE TRIGGER quotes_day AFTER INSERT ON quotes BEGIN
            UPDATE quotes SET
                day_lo = COALESCE(new.said_lo,
                                  (SELECT published FROM articles WHERE pk = new.article_pk)),
                day_hi = COALESCE(new.said_hi,
                                  (SELECT published FROM articles WHERE pk = new.article_pk))
            WHERE id = new.id;
        END;
        CREATE INDEX quotes_day ON quotes(day_lo, day_hi, kind, confidence);
        CREATE INDEX quotes_kind ON quotes(kind, day_lo, day_hi, confidence);
        CREATE INDEX quotes_confidence ON quotes(confidence);
        CREATE INDEX quotes_long ON quotes(day_hi, day_lo)
            WHERE julianday(day_hi) - julianday(day_lo) > 31;
        DROP INDEX quotes_speaker;  -- a speaker's quotes newest first
        CREATE INDEX quotes_speaker ON quotes(speaker_entity, day_lo);
        CREATE INDEX quotes_unresolved ON quotes(speaker_text COLLATE NOCASE, day_lo)
            WHERE speaker_entity IS NULL;

        CREATE INDEX events_kind ON events(kind, lo, hi);

        -- Events searched by their clause and trigger word (the sentence around a
        -- clause is article text, searched through articles_fts).
        CREATE VIRTUAL TABLE events_fts USING fts5(
            text, trigger_text, content='events', content_rowid='id',
            tokenize='porter unicode61'
        );
        INSERT INTO events_fts(events_fts) VALUES ('rebuild');
        CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN
            INSERT INTO events_fts(rowid, text, trigger_text)
            VALUES (new.id, new.text, new.trigger_text);
        END;
        CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
            INSERT INTO events_fts(events_fts, rowid, text, trigger_text)
            VALUES ('delete', old.id, old.text, old.trigger_text);
        END;
        CREATE TRIGGER events_fts_update AFTER UPDATE OF text, trigger_text ON events BEGIN
            INSERT INTO events_fts(events_fts, rowid, text, trigger_text)
            VALUES ('delete', old.id, old.text, old.trigger_text);
            INSERT INTO events_fts(rowid, text, trigger_text)
            VALUES (new.id, new.text, new.trigger_text);
        END;
        """,
    ),
    (
        8,
        "fetching: each URL's validators and last fetch, each feed's entries seen",
        FETCHED_SQL,
    ),
    (
        9,
        "articles: the author (HTML pages name one)",
        "ALTER TABLE articles ADD COLUMN author TEXT;",
    ),
    (
        10,
        "near-duplicates: MinHash signatures, indexed LSH bands, each article's duplicate group",
        migrate_dedup,
    ),
    (
        11,
        "entity co-occurrence indexed by its second entity (a merge reads only its pairs)",
        COOC_B_SQL,
    ),
]
