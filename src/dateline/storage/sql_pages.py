"""The paged lists of the HTTP API and web pages, as store methods (see ``SQLStore``).

Each method hands its connection to the module that owns the list:
:mod:`dateline.storage.browse` (articles), :mod:`~dateline.storage.browse_entities`
(entities, an entity's page, the home page) and :mod:`~dateline.storage.browse_records`
(quotes, events, stories).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dateline.storage import browse, browse_entities, browse_records
from dateline.storage.db import Connection


class StorePages:
    """The ``list_*`` pages, ``entity_page``, ``story`` and ``home`` over ``self.conn``."""

    conn: Connection

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
        """A page of :meth:`search` results with a total and facets (``browse.list_articles``)."""
        return browse.list_articles(
            self.conn, q=q, start=start, end=end, entity=entity, story=story,
            mentions_from=mentions_from, mentions_to=mentions_to, limit=limit, offset=offset,
            facets=facets,
        )  # fmt: skip

    def list_entities(
        self,
        *,
        type: str | None = None,
        prefix: str | None = None,
        sort: str = "mentions",
        limit: int = 20,
        offset: int = 0,
    ) -> dict[str, Any]:
        """A page of live entities (``browse_entities.list_entities``)."""
        return browse_entities.list_entities(
            self.conn, type=type, prefix=prefix, sort=sort, limit=limit, offset=offset
        )

    def entity_page(self, ref: str | int, *, quotes: int = 10) -> dict[str, Any]:
        """:meth:`entity` with months, co-occurring entities and quotes (``browse_entities``)."""
        return browse_entities.entity_page(self.conn, ref, quotes=quotes)

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
        """A page of :meth:`quotes` with a total (``browse_records.list_quotes``)."""
        return browse_records.list_quotes(
            self.conn, speaker=speaker, about=about, start=start, end=end, kind=kind,
            min_confidence=min_confidence, limit=limit, offset=offset,
        )  # fmt: skip

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
        """A page of stored events, newest first (``browse_records.list_events``)."""
        return browse_records.list_events(
            self.conn, q=q, entity=entity, start=start, end=end, kind=kind,
            limit=limit, offset=offset,
        )  # fmt: skip

    def list_stories(
        self,
        *,
        start: dt.date | None = None,
        end: dt.date | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> dict[str, Any]:
        """A page of :meth:`stories` with a total (``browse_records.list_stories``)."""
        return browse_records.list_stories(
            self.conn, start=start, end=end, limit=limit, offset=offset
        )

    def story(self, story_id: int) -> dict[str, Any]:
        """One story's record with its articles (``browse_records.story_page``)."""
        return browse_records.story_page(self.conn, story_id)

    def home(self) -> dict[str, Any]:
        """What a home page shows, from indexes and stored counts (``browse_entities.home``)."""
        return browse_entities.home(self.conn)
