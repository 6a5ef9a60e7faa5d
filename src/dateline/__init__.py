"""dateline: who said what, when, where — from a stream of news articles.

Example:
    >>> from dateline import Config, extract_text
    >>> work = extract_text(text, published="2019-11-07")  # doctest: +SKIP
    >>> [e.name for e in work.entities]  # doctest: +SKIP
"""

from dateline.api import IngestReport, extract, extract_text, ingest
from dateline.config import Config
from dateline.errors import ConfigError, DatelineError, InputError, StoreError
from dateline.export import work_dict
from dateline.pipeline import Pipeline, stage
from dateline.records import Article, Dateline, Entity, Event, Failure, Mention, Quote, Work
from dateline.storage import open_store

__version__ = "0.1.0"

__all__ = [
    "Article", "Config", "ConfigError", "Dateline", "DatelineError", "Entity", "Event",
    "Failure", "IngestReport", "InputError", "Mention", "Pipeline", "Quote", "StoreError",
    "Work", "extract", "extract_text", "ingest", "open_store", "stage", "work_dict",
]  # fmt: skip
