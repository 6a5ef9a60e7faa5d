"""Readers that turn files into :class:`~dateline.records.Article` records.

The reader is chosen by file type (``.txt`` wire or plain text, ``.jsonl``,
``.json``, ``.csv``); directories are read recursively. Bad items come out as
:class:`~dateline.records.Failure` records in the same stream, so one bad
file or line never stops the rest.
"""

from dateline.ingest.base import read_paths, reader, sample_path
from dateline.ingest.fields import article_id, parse_date

# Importing the format modules registers their readers.
from dateline.ingest import csvfile, jsonl, text  # noqa: E402,F401  isort: skip

__all__ = ["article_id", "parse_date", "read_paths", "reader", "sample_path"]
