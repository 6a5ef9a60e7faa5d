"""The small contracts between dateline's parts.

Built-in stages, stores and runners implement these exactly as plug-ins do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Protocol, runtime_checkable

from dateline.dedup.options import DedupOptions
from dateline.records import Article, Failure, TimelineMaterial, Work
from dateline.stories.cluster import StoryOptions


@runtime_checkable
class Stage(Protocol):
    """One extraction step over a batch of articles.

    ``requires`` names what must be set before it runs (``"text"``, ``"doc"``,
    ``"entities"`` …); ``sets`` names what it fills in. A stage class may also say
    what it reads of the spaCy parse in a ``spacy_needs`` class attribute
    (``("tag", "pos", "lemma", "dep", "sents", "ents")``, see
    :mod:`dateline.stages.needs`); the ``nlp`` stage then runs only the components
    the configured stages need. A stage without it gets the whole pipeline.
    """

    name: str
    requires: tuple[str, ...]
    sets: tuple[str, ...]

    def process(self, batch: list[Work]) -> None:
        """Fill in this stage's fields on every item of ``batch``.

        Must assign its fields (not append to them): after a failure the
        pipeline re-runs the stage article by article to isolate the bad one.
        """


@runtime_checkable
class Store(Protocol):
    """Where extraction results live (SQLite by default, or PostgreSQL)."""

    def known(self, articles: Sequence[Article]) -> dict[str, str]:
        """Map the ids of already-stored articles among ``articles`` to their content hash."""

    def save(
        self, batch: Sequence[Work], *, signature: str = "", dedup: DedupOptions | None = None
    ) -> None:
        """Store a batch atomically: whole articles or none; ``signature`` names the pipeline,
        ``dedup`` how near-duplicates are grouped."""

    def get_article(self, article_id: str) -> dict[str, Any]:
        """One article as a JSON-contract dict."""

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
        """Ranked full-text search, filtered by publication date, entity and mentioned dates."""

    def entities(
        self, *, type: str | None = None, top: int = 20, name: str | None = None
    ) -> list[dict[str, Any]]:
        """Global entities, most widely mentioned first."""

    def entity(self, ref: str | int) -> dict[str, Any]:
        """One entity's canonical record (by id, a merged id, or a name it is known by)."""

    def merge_entities(self, target: int, others: Sequence[int]) -> None:
        """Merge ``others`` into ``target``, now and for every later article."""

    def split_entity(self, entity_id: int, alias: str) -> int:
        """Split the articles calling the entity ``alias`` off into a new entity."""

    def alias_entity(self, entity_id: int, name: str) -> None:
        """Make ``name`` link to the entity in every later article."""

    def rename_entity(self, entity_id: int, name: str) -> None:
        """Set the entity's canonical name, kept whatever later articles say."""

    def quotes(
        self,
        *,
        speaker: str | None = None,
        about: str | None = None,
        start: dt.date | None = None,
        end: dt.date | None = None,
        limit: int = 50,
    ) -> list[dict[str, Any]]:
        """Statements by speaker (entity name), words in the quote and date said, newest first."""

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
        """Dated events of the articles matching the query, those articles and their texts;
        see :func:`dateline.storage.timeline_material.timeline_material`."""

    def summary(self) -> dict[str, Any]:
        """Counts and highlights of what is stored."""

    def update_stories(self, options: StoryOptions | None = None) -> int:
        """Cluster the articles not yet in a story (``StoryOptions``); returns how many."""

    def stories(
        self, *, limit: int = 20, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[dict[str, Any]]:
        """Stories overlapping [start, end], largest first."""

    def story_articles(self, story_id: int) -> list[dict[str, Any]]:
        """One story's articles in publication order."""

    # Pages for the HTTP API and web pages: each list returns {"total", "limit",
    # "offset", "items"}; limit is 1 to MAX_LIMIT (dateline.storage.browse), offset >= 0.
    def list_articles(
        self,
        *,
        q: str | None = None,
        start: dt.date | None = None,
        end: dt.date | None = None,
        entity: str | None = None,
        story: int | None = None,
        mentions_from: dt.date | None = None,
        mentions_to: dt.date | None = None,
        limit: int = 20,
        offset: int = 0,
        facets: bool = False,
    ) -> dict[str, Any]:
        """A page of search results (plain snippets with highlight ranges), optionally faceted."""

    def list_entities(
        self,
        *,
        type: str | None = None,
        prefix: str | None = None,
        sort: str = "mentions",
        limit: int = 20,
        offset: int = 0,
    ) -> dict[str, Any]:
        """A page of live entities, by mentions, articles or name."""

    def entity_page(self, ref: str | int, *, quotes: int = 10) -> dict[str, Any]:
        """An entity's record with articles per month, co-occurring entities and its quotes."""

    def list_quotes(
        self,
        *,
        speaker: str | None = None,
        about: str | None = None,
        start: dt.date | None = None,
        end: dt.date | None = None,
        kind: str | None = None,
        min_confidence: float | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> dict[str, Any]:
        """A page of statements, filtered as ``quotes`` and by kind and confidence."""

    def list_events(
        self,
        *,
        q: str | None = None,
        entity: str | None = None,
        start: dt.date | None = None,
        end: dt.date | None = None,
        kind: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> dict[str, Any]:
        """A page of stored events by words, participant, date and kind, newest first."""

    def list_stories(
        self,
        *,
        start: dt.date | None = None,
        end: dt.date | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> dict[str, Any]:
        """A page of stories overlapping [start, end], largest first."""

    def story(self, story_id: int) -> dict[str, Any]:
        """One story's record with its articles."""

    def home(self) -> dict[str, Any]:
        """Counts, date range, top people and recent stories, cheaply."""

    def close(self) -> None:
        """Release the connection."""


class Runner(Protocol):
    """Drives a pipeline over a stream of articles: on this machine or on a cluster.

    Registered by name (:mod:`dateline.runners`); made from the ``Config`` before the
    store is opened, so a bad configuration or an unreachable cluster stops an ingest
    before anything is read.
    """

    def run(self, articles: Iterable[Article]) -> Iterator[list[Work | Failure]]:
        """Yield results batch by batch, in input order, reading ``articles`` lazily;
        every article comes back once, as a ``Work`` (its ``doc`` may be dropped) or a
        ``Failure``."""

    def close(self) -> None:
        """Release what the runner holds (a cluster, a connection); called once, at the end."""
