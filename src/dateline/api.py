"""The library calls behind the CLI: ingest into a store, extract without one, tag times,
and read back what a store holds (search, entities, quotes, stories, timelines).

Each reading call opens the store ``config.db`` names, queries it and closes it. The
``list_*`` calls, ``entity_page``, ``story`` and ``home`` serve the HTTP API and web
pages: lists are pages ``{"total", "limit", "offset", "items"}`` with ``limit`` 1 to
:data:`MAX_LIMIT` and ``offset`` 0 or more (else ``ConfigError`` ``DL208``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# The paged reads, re-exported: dateline.api.list_articles is the call.
from dateline.api_pages import _opened
from dateline.api_pages import entity_page as entity_page
from dateline.api_pages import home as home
from dateline.api_pages import list_articles as list_articles
from dateline.api_pages import list_entities as list_entities
from dateline.api_pages import list_events as list_events
from dateline.api_pages import list_quotes as list_quotes
from dateline.api_pages import list_stories as list_stories
from dateline.api_pages import story as story
from dateline.config import Config
from dateline.dedup import DedupOptions
from dateline.errors import ConfigError, E
from dateline.ingest import read_paths
from dateline.ingest.fields import article_id, derive_title, parse_date
from dateline.pipeline import LocalRunner, Pipeline
from dateline.records import Article, Failure, Timex, Work
from dateline.storage import open_store
from dateline.storage.browse import MAX_LIMIT as MAX_LIMIT  # the largest page
from dateline.storage.sqlite import content_hash
from dateline.stories import StoryOptions
from dateline.timeline.model import Timeline

#: Called after each batch with (articles done, articles in all).
Progress = Callable[[int, int], None]


@dataclass
class IngestReport:
    """What an ingest did: ``new + updated + unchanged + len(failures)`` items in all."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failures: list[Failure] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)


def ingest(
    paths: Iterable[str | Path], *, config: Config, progress: Progress | None = None
) -> IngestReport:
    """Read, process and store articles; already-stored ones are skipped.

    The stage list is validated and the store opened before anything is read.
    Each batch is stored in one transaction, so an interrupted ingest leaves
    whole articles or none, and a rerun stores each article exactly once.

    Example:
        >>> report = ingest(["news.jsonl"], config=Config(db="news.db"))  # doctest: +SKIP
        >>> report.new, report.failed  # doctest: +SKIP
        (120, 0)
    """
    pipeline = Pipeline(config)
    store = open_store(config.db, create=True)
    report = IngestReport()
    try:
        items = list(read_paths(paths, config=config))
        report.failures = [i for i in items if isinstance(i, Failure)]
        articles = [i for i in items if isinstance(i, Article)]
        total, done = len(articles), 0
        stored = store.known(articles)
        todo: list[Article] = []
        seen: set[str] = set()
        for article in articles:
            if article.id in seen or stored.get(article.id) == content_hash(
                article, pipeline.signature
            ):
                report.unchanged += 1
            else:
                todo.append(article)
            seen.add(article.id)
        done = report.unchanged
        if progress:
            progress(done, total)
        for results in LocalRunner(pipeline).run(todo):
            works = [r for r in results if isinstance(r, Work)]
            store.save(works, signature=pipeline.signature, dedup=dedup_options(config))
            store.update_stories(story_options(config))
            for r in results:
                if isinstance(r, Failure):
                    report.failures.append(r)
                elif r.article.id in stored:
                    report.updated += 1
                else:
                    report.new += 1
            done += len(results)
            if progress:
                progress(done, total)
        store.update_stories(story_options(config))  # catches up an older database
    finally:
        store.close()
    return report


def dedup_options(config: Config) -> DedupOptions:
    """The near-duplicate options a configuration asks for."""
    return DedupOptions(
        shingle_size=config.dup_shingle_size, num_perm=config.dup_num_perm,
        bands=config.dup_bands, rows=config.dup_rows, threshold=config.dup_threshold,
        min_ratio=config.dup_min_ratio,
    )  # fmt: skip


def story_options(config: Config) -> StoryOptions:
    """The clustering options a configuration asks for."""
    return StoryOptions(window_days=config.story_window_days, threshold=config.story_threshold)


def extract(
    paths: Iterable[str | Path], *, config: Config, progress: Progress | None = None
) -> Iterator[Work | Failure]:
    """Run the pipeline over files without a database; results in input order."""
    pipeline = Pipeline(config)
    items = list(read_paths(paths, config=config))
    total, done = len(items), 0
    batch: list[Article] = []
    pending: list[Article | Failure] = []

    def flush() -> Iterator[Work | Failure]:
        results = iter(pipeline.run_batch(batch))
        for item in pending:
            yield item if isinstance(item, Failure) else next(results)

    for item in items:
        pending.append(item)
        if isinstance(item, Article):
            batch.append(item)
        if len(batch) >= config.batch_size:
            yield from flush()
            done += len(pending)
            batch, pending = [], []
            if progress:
                progress(done, total)
    yield from flush()
    if progress:
        progress(total, total)


def extract_text(
    text: str, *, published: str | dt.date | None = None, config: Config | None = None
) -> Work:
    """Process one text in memory (no files, no database).

    Raises:
        InputError: ``published`` is not a readable date.
        RuntimeError: a stage failed on this text.

    Example:
        >>> work = extract_text("TOKYO, November 7. /TASS/. Abe said.", published="2019-11-07")
        >>> work.dateline.place  # doctest: +SKIP
        'Tokyo'
    """
    config = config or Config()
    date = parse_date(published) if isinstance(published, str) else published
    article = Article(
        id=article_id(text, date, None), title=derive_title(text), published=date,
        source=None, url=None, text=text,
    )  # fmt: skip
    result = Pipeline(config).run_batch([article])[0]
    if isinstance(result, Failure):
        raise RuntimeError(str(result))
    return result


def timexes(
    text: str,
    published: str | dt.date | None = None,
    *,
    parse: bool = True,
    config: Config | None = None,
) -> list[Timex]:
    """The temporal expressions of one text, normalised against its publication date.

    Args:
        text: Any text; offsets in the result point into it.
        published: The date relative expressions ("yesterday", "on Monday") are
            resolved against; without one they keep unresolved values (``XXXX-XX-XX``).
        parse: Parse with the spaCy model first (tense picks the direction of
            "on Monday"); ``False`` is faster and relies on cue words only.
        config: Which spaCy model to load (``Config.model``).

    Raises:
        InputError: ``published`` is not a readable date.
        ConfigError: the spaCy model is not installed.

    Example:
        >>> [t.value for t in timexes("Talks resumed on 27 January 1960.")]  # doctest: +SKIP
        ['1960-01-27']
    """
    # Imported here: spaCy and the compiled rules are costs every other command can skip.
    from dateline.stages.nlp import load_model
    from dateline.temporal import tag

    date = parse_date(published) if isinstance(published, str) else published
    doc = load_model((config or Config()).model)(text) if parse else None
    return tag(text, date, doc=doc)


def timeline(
    query: str,
    *,
    config: Config,
    start: dt.date | None = None,
    end: dt.date | None = None,
    max_dates: int = 10,
    sentences_per_date: int = 1,
    entities: Sequence[str] = (),
    story: int | None = None,
    granularity: str = "any",
    max_articles: int | None = None,
) -> Timeline:
    """The timeline of a query (keywords and/or entity names, or a story) over a store.

    See :func:`dateline.timeline.build_timeline` for how dates and sentences are chosen.

    Raises:
        ConfigError: no query, entity or story given; a bad count or granularity.
        StoreError: the database is missing, or the story does not exist.

    Example:
        >>> tl = timeline("peace treaty", config=Config(db="news.db"))  # doctest: +SKIP
        >>> [(e.date, e.mod) for e in tl.entries][:2]  # doctest: +SKIP
        [('1956', None), ('1960', None)]
    """
    from dateline.timeline import GRANULARITIES, build_timeline

    if not query.strip() and not entities and story is None:
        raise ConfigError(E.NO_QUERY, filters="--entity, --story")
    if max_dates < 1 or sentences_per_date < 1:
        raise ConfigError(E.BAD_OPTION, detail="--max-dates and --sentences-per-date must be >= 1")
    if max_articles is not None and max_articles < 1:
        raise ConfigError(E.BAD_OPTION, detail="--max-articles must be >= 1")
    if granularity not in GRANULARITIES:
        raise ConfigError(
            E.BAD_OPTION, detail=f"--granularity must be one of {', '.join(GRANULARITIES)}"
        )
    with _opened(config) as store:
        return build_timeline(
            store,
            query,
            start=start,
            end=end,
            max_dates=max_dates,
            sentences_per_date=sentences_per_date,
            entities=entities,
            story=story,
            granularity=granularity,
            max_articles=max_articles,
        )


# -- reading a store ----------------------------------------------------------------------
def summary(*, config: Config) -> dict[str, Any]:
    """Counts and highlights of a store (see :meth:`dateline.protocols.Store.summary`)."""
    with _opened(config) as store:
        return store.summary()


def article(article_id: str, *, config: Config) -> dict[str, Any]:
    """One stored article in the JSON contract, by id or a unique prefix of one.

    Raises:
        StoreError: no article (or more than one) has this id or prefix (``DL303``).
    """
    with _opened(config) as store:
        return store.get_article(article_id)


def search(
    query: str | None = None,
    *,
    config: Config,
    start: dt.date | None = None,
    end: dt.date | None = None,
    entity: str | None = None,
    mentions_from: dt.date | None = None,
    mentions_to: dt.date | None = None,
    limit: int = 20,
) -> list[dict[str, Any]]:
    """Ranked full-text search; see :meth:`dateline.storage.sqlite.SQLiteStore.search`.

    Raises:
        ConfigError: neither a query nor a filter is given (``DL207``).

    Example:
        >>> search("peace treaty", entity="Abe", config=Config(db="news.db"))  # doctest: +SKIP
        [{'id': '…', 'title': '…', 'published': '2019-11-07', …}]
    """
    filters = (start, end, entity, mentions_from, mentions_to)
    if not (query or "").strip() and all(f is None for f in filters):
        raise ConfigError(
            E.NO_QUERY, filters="--entity, --mentions-from/--mentions-to, --from/--to"
        )
    with _opened(config) as store:
        return store.search(
            query, start=start, end=end, entity=entity,
            mentions_from=mentions_from, mentions_to=mentions_to, limit=limit,
        )  # fmt: skip


def entities(
    *, config: Config, type: str | None = None, top: int = 20, name: str | None = None
) -> list[dict[str, Any]]:
    """Entities across all articles, most widely mentioned first, with their roles."""
    with _opened(config) as store:
        return store.entities(type=type, top=top, name=name)


def quotes(
    *,
    config: Config,
    speaker: str | None = None,
    about: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    limit: int = 50,
) -> list[dict[str, Any]]:
    """Stored statements; see :meth:`dateline.storage.sqlite.SQLiteStore.quotes`."""
    with _opened(config) as store:
        return store.quotes(speaker=speaker, about=about, start=start, end=end, limit=limit)


def stories(
    *, config: Config, limit: int = 20, start: dt.date | None = None, end: dt.date | None = None
) -> list[dict[str, Any]]:
    """Stories overlapping [start, end], largest first (see ``Store.stories``)."""
    with _opened(config) as store:
        return store.stories(limit=limit, start=start, end=end)


def story_articles(story_id: int, *, config: Config) -> list[dict[str, Any]]:
    """One story's articles in publication order, with their similarity to the story.

    Raises:
        StoreError: no story has this id (``DL305``).
    """
    with _opened(config) as store:
        return store.story_articles(story_id)


def entity(ref: str | int, *, config: Config) -> dict[str, Any]:
    """One entity's canonical record, by global id or by a name it is known by.

    Raises:
        StoreError: the database is missing, or no entity is known so (``DL306``).

    Example:
        >>> entity("Abe", config=Config(db="news.db"))["name"]  # doctest: +SKIP
        'Shinzo Abe'
    """
    store = open_store(config.db)
    try:
        return store.entity(ref)
    finally:
        store.close()


def correct_entities(action: str, entity_id: int, *args: Any, config: Config) -> Any:
    """Apply a user's correction; it is stored and applies to every later article.

    ``action`` is ``merge`` (``args``: the ids to merge into ``entity_id``),
    ``split`` (``args``: the alias to split off; returns the new entity's id),
    ``alias`` (``args``: a name that is to link to the entity) or ``rename``
    (``args``: the canonical name).

    Raises:
        StoreError: an unknown entity (``DL306``) or alias (``DL307``), a bad merge (``DL308``).
        ConfigError: an unknown action.
    """
    store = open_store(config.db)
    try:
        if action == "merge":
            return store.merge_entities(entity_id, [int(a) for a in args])
        if action == "split":
            return store.split_entity(entity_id, str(args[0]))
        if action == "alias":
            return store.alias_entity(entity_id, str(args[0]))
        if action == "rename":
            return store.rename_entity(entity_id, str(args[0]))
        raise ConfigError(E.BAD_OPTION, detail=f"unknown entity correction {action!r}")
    finally:
        store.close()
