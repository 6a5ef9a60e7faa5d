"""Ingest and extract as streams: inputs are read, analysed and stored as they come.

Nothing is read ahead of the pipeline by more than one window of articles
(:data:`WINDOW`), so memory does not grow with the input: a 10 GB JSON Lines file or
a 50,000-page WARC passes with what a window, spaCy's read-ahead and one batch hold.
Articles already stored with the same content are skipped window by window (one
indexed look-up per window); repeats inside the input are caught among the last
:data:`RECENT` ids, and any that slip by are stored once (an id is a primary key).
"""

from __future__ import annotations

import itertools
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dateline.config import Config
from dateline.dedup.options import DedupOptions
from dateline.ingest import read_paths
from dateline.ingest.base import Item
from dateline.pipeline import signature
from dateline.protocols import Runner, Store
from dateline.records import Article, Failure, Notice, Skipped, Work
from dateline.runners import runner_for
from dateline.storage import open_store
from dateline.storage.fetched import FetchState
from dateline.storage.sqlite import content_hash
from dateline.stories import StoryOptions

#: Called after each batch with (items done, items in all or ``None`` while unknown).
Progress = Callable[[int, int | None], None]

#: Articles read ahead of the pipeline at most.
WINDOW = 512
#: Ids remembered to recognise an article repeated inside one input.
RECENT = 100_000
#: Failures and warnings kept for the report (all are counted).
KEPT = 10_000


@dataclass
class IngestReport:
    """What an ingest did: ``new + updated + unchanged + failed`` items in all.

    ``failures`` and ``warnings`` keep the first :data:`KEPT` of each; ``failed``
    counts them all.
    """

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failures: list[Failure] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)
    more_failures: int = 0
    more_warnings: int = 0

    @property
    def failed(self) -> int:
        return len(self.failures) + self.more_failures

    def fail(self, failure: Failure) -> None:
        if len(self.failures) < KEPT:
            self.failures.append(failure)
        else:
            self.more_failures += 1

    def warn(self, notice: Notice) -> None:
        if len(self.warnings) < KEPT:
            self.warnings.append(notice)
        else:
            self.more_warnings += 1


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


class _Fresh:
    """The articles of a stream that the store does not already hold as they are."""

    def __init__(self, store: Store, signature: str, report: IngestReport) -> None:
        self.store, self.signature, self.report = store, signature, report
        self.recent: OrderedDict[str, None] = OrderedDict()
        self.was_stored: dict[str, bool] = {}
        self.read = 0

    def _seen(self, article_id: str) -> bool:
        if article_id in self.recent:
            return True
        self.recent[article_id] = None
        if len(self.recent) > RECENT:
            self.recent.popitem(last=False)
        return False

    def __call__(self, items: Iterable[Item]) -> Iterator[Article]:
        stream = iter(items)
        while window := list(itertools.islice(stream, WINDOW)):
            self.read += len(window)
            articles = []
            for item in window:
                if isinstance(item, Failure):
                    self.report.fail(item)
                elif isinstance(item, Notice):
                    self.report.warn(item)
                elif isinstance(item, Skipped):
                    self.report.unchanged += 1
                else:
                    articles.append(item)
            stored = self.store.known(articles)
            for article in articles:
                if self._seen(article.id) or stored.get(article.id) == content_hash(
                    article, self.signature
                ):
                    self.report.unchanged += 1
                    continue
                self.was_stored[article.id] = article.id in stored
                yield article


def ingest_items(
    items: Iterable[Item], *, config: Config, progress: Progress | None = None
) -> IngestReport:
    """Process and store a stream of read items (articles, failures, warnings).

    The stage list is validated and the store opened before anything is read. Each
    batch is stored in one transaction, so an interrupted ingest leaves whole
    articles or none, and a rerun stores each article exactly once.
    """
    return run_ingest(lambda state: items, config=config, progress=progress)


def run_ingest(
    items_of: Callable[[FetchState | None], Iterable[Item]],
    *,
    config: Config,
    progress: Progress | None = None,
    should_stop: Callable[[], bool] | None = None,
    runner: Runner | None = None,
) -> IngestReport:
    """Ingest the items ``items_of(state)`` reads, ``state`` being what the store
    remembers of earlier fetches; ``should_stop`` is asked after each stored batch
    (true: stop there, nothing half-stored). ``runner`` is the caller's to close;
    without it, the one ``config.runner`` names is made (before the store is opened)
    and closed at the end."""
    if runner is not None:
        return _ingest_with(runner, items_of, config, progress, should_stop)
    made = runner_for(config)  # stages validated, model loaded or cluster reached
    try:
        return _ingest_with(made, items_of, config, progress, should_stop)
    finally:
        made.close()


def _ingest_with(
    runner: Runner,
    items_of: Callable[[FetchState | None], Iterable[Item]],
    config: Config,
    progress: Progress | None,
    should_stop: Callable[[], bool] | None,
) -> IngestReport:
    made_by = signature(config)
    store = open_store(config.db, create=True)
    report = IngestReport()
    fresh = _Fresh(store, made_by, report)
    state_of = getattr(store, "fetch_state", None)
    state = state_of() if callable(state_of) else None
    batches = runner.run(fresh(items_of(state)))
    try:
        try:
            for results in batches:
                works = [r for r in results if isinstance(r, Work)]
                store.save(works, signature=made_by, dedup=dedup_options(config))
                store.update_stories(story_options(config))
                for r in results:
                    if isinstance(r, Failure):
                        report.fail(r)
                    elif fresh.was_stored.pop(r.article.id, False):
                        report.updated += 1
                    else:
                        report.new += 1
                if progress:
                    progress(report.new + report.updated + report.unchanged + report.failed, None)
                if should_stop is not None and should_stop():
                    break
        finally:
            # The readers' files and connections, at once; after an error or Ctrl-C,
            # the runner's work in flight is given up too.
            close = getattr(batches, "close", None)
            if close is not None:
                close()
        store.update_stories(story_options(config))  # catches up an older database
    finally:
        store.close()
    if progress:
        done = report.new + report.updated + report.unchanged + report.failed
        progress(done, done)
    return report


def ingest(
    paths: Iterable[str | Path],
    *,
    config: Config,
    progress: Progress | None = None,
    url_lists: Iterable[str | Path] = (),
) -> IngestReport:
    """Read, process and store articles; already-stored ones are skipped.

    ``paths`` are files, folders (read recursively), ``-`` for standard input and
    http(s) URLs; ``url_lists`` files of URLs. Fetching remembers each URL's
    validators in the store, so a page fetched again that did not change is skipped.
    See :func:`ingest_items` for what is stored when.

    Example:
        >>> report = ingest(["news.jsonl"], config=Config(db="news.db"))  # doctest: +SKIP
        >>> report.new, report.failed  # doctest: +SKIP
        (120, 0)
    """
    def items(state: FetchState | None) -> Iterable[Item]:
        return read_paths(paths, config=config, url_lists=url_lists, state=state)

    return run_ingest(items, config=config, progress=progress)


def extract(
    paths: Iterable[str | Path], *, config: Config, progress: Progress | None = None
) -> Iterator[Work | Failure]:
    """Run the pipeline over inputs without a database; results in input order, as a
    stream (warnings are dropped: the results say what was read). The runner is
    ``config.runner``'s, as for an ingest."""
    runner = runner_for(config)
    # What was read and not yet given back: failures wait for the articles before them.
    pending: deque[Article | Failure] = deque()

    def articles() -> Iterator[Article]:
        for item in read_paths(paths, config=config):
            if isinstance(item, Article):
                pending.append(item)
                yield item
            elif isinstance(item, Failure):
                pending.append(item)

    def failures_first() -> Iterator[Failure]:
        while pending and isinstance(head := pending[0], Failure):
            pending.popleft()
            yield head

    done = 0
    try:
        batches = runner.run(articles())
        try:
            for results in batches:
                for result in results:
                    for failure in failures_first():
                        yield failure
                        done += 1
                    pending.popleft()  # the article ``result`` is about
                    yield result
                    done += 1
                if progress:
                    progress(done, None)
        finally:
            close = getattr(batches, "close", None)
            if close is not None:
                close()
        for failure in failures_first():  # read after the last article
            yield failure
            done += 1
    finally:
        runner.close()
    if progress:
        progress(done, done)
