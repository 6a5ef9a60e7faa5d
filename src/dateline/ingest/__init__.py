"""Readers that turn inputs into :class:`~dateline.records.Article` records.

The reader is chosen by file type (``.txt``/``.md`` text, ``.jsonl``, ``.json``,
``.csv``, compressed ``.gz``/``.bz2``/``.xz``, ``.zip``, ``.warc``), or by content
when the name says nothing; directories are read recursively and ``-`` is standard
input. Bad items come out as :class:`~dateline.records.Failure` records in the same
stream, so one bad file or line never stops the rest.
"""

# The format modules (HTML, feeds, archives…) register their readers when the first
# input is read (``base.BUILTIN_READERS``): importing the package stays cheap.
from dateline.ingest.base import Input, read_input, reader, sample_path
from dateline.ingest.fields import article_id, parse_date
from dateline.ingest.paths import read_paths

__all__ = ["Input", "article_id", "parse_date", "read_input", "read_paths", "reader", "sample_path"]
