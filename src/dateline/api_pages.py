"""The library's paged reads: what the HTTP API and the web pages list, each with its total.

Every function opens the store ``config.db`` names, makes one read and closes it;
:mod:`dateline.api` re-exports them, so ``dateline.api.list_articles`` is the call.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from dateline.config import Config
from dateline.protocols import Store
from dateline.storage import open_store


@contextmanager
def _opened(config: Config) -> Iterator[Store]:
    """The store ``config.db`` names, closed afterwards (a missing database is an error)."""
    store = open_store(config.db)
    try:
        yield store
    finally:
        store.close()



# -- pages for the HTTP API and web pages -------------------------------------------------
def list_articles(
    *,
    config: Config,
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
    """A page of articles; see :func:`dateline.storage.browse.list_articles` for the fields.

    Example:
        >>> cfg = Config(db="news.db")
        >>> page = list_articles(q="peace treaty", facets=True, config=cfg)  # doctest: +SKIP
        >>> page["total"], page["items"][0]["highlights"]  # doctest: +SKIP
        (3, [[41, 46], [47, 53]])
    """
    with _opened(config) as store:
        return store.list_articles(
            q=q, start=start, end=end, entity=entity, story=story, mentions_from=mentions_from,
            mentions_to=mentions_to, limit=limit, offset=offset, facets=facets,
        )  # fmt: skip


def list_entities(
    *,
    config: Config,
    type: str | None = None,
    prefix: str | None = None,
    sort: str = "mentions",
    limit: int = 20,
    offset: int = 0,
) -> dict[str, Any]:
    """A page of live entities; see :func:`dateline.storage.browse_entities.list_entities`."""
    with _opened(config) as store:
        return store.list_entities(type=type, prefix=prefix, sort=sort, limit=limit, offset=offset)


def entity_page(ref: str | int, *, config: Config, quotes: int = 10) -> dict[str, Any]:
    """:func:`entity` with ``months``, ``cooccurring``, ``said`` and ``quote_total``;
    see :func:`dateline.storage.browse_entities.entity_page`."""
    with _opened(config) as store:
        return store.entity_page(ref, quotes=quotes)


def list_quotes(
    *,
    config: Config,
    speaker: str | None = None,
    about: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    kind: str | None = None,
    min_confidence: float | None = None,
    limit: int = 50,
    offset: int = 0,
) -> dict[str, Any]:
    """A page of :func:`quotes`; see :func:`dateline.storage.browse_records.list_quotes`."""
    with _opened(config) as store:
        return store.list_quotes(
            speaker=speaker, about=about, start=start, end=end, kind=kind,
            min_confidence=min_confidence, limit=limit, offset=offset,
        )  # fmt: skip


def list_events(
    *,
    config: Config,
    q: str | None = None,
    entity: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    kind: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> dict[str, Any]:
    """A page of stored events; see :func:`dateline.storage.browse_records.list_events`."""
    with _opened(config) as store:
        return store.list_events(
            q=q, entity=entity, start=start, end=end, kind=kind, limit=limit, offset=offset
        )


def list_stories(
    *,
    config: Config,
    start: dt.date | None = None,
    end: dt.date | None = None,
    limit: int = 20,
    offset: int = 0,
) -> dict[str, Any]:
    """A page of :func:`stories` (largest first) with their total."""
    with _opened(config) as store:
        return store.list_stories(start=start, end=end, limit=limit, offset=offset)


def story(story_id: int, *, config: Config) -> dict[str, Any]:
    """One story (``id``, ``title``, ``first``, ``last``, ``size``, ``top_entities``,
    ``top_terms``) with its ``articles`` as :func:`story_articles` gives them.

    Raises:
        StoreError: no story has this id (``DL305``).
    """
    with _opened(config) as store:
        return store.story(story_id)


def home(*, config: Config) -> dict[str, Any]:
    """What a home page shows; see :func:`dateline.storage.browse_entities.home`."""
    with _opened(config) as store:
        return store.home()
