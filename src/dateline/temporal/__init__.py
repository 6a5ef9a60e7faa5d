"""Temporal expressions: find them, type them, normalise them to TIMEX3 values.

``tag(text, anchor)`` is the whole public surface: it returns :class:`Timex`
records with offsets into ``text``, their values resolved against ``anchor``
(the publication date; never the wall clock). A spaCy ``Doc`` of the same text,
when given, lets tense decide the direction of underspecified dates
("on Monday" last week or next).
"""

from __future__ import annotations

from dateline.temporal.tagger import tag

__all__ = ["tag"]
