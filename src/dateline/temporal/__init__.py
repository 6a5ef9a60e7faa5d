"""Temporal expressions: find them, type them, normalise them to TIMEX3 values.

``tag(text, anchor)`` is the whole public surface: it returns :class:`Timex`
records with offsets into ``text``, their values resolved against ``anchor``
(the publication date; never the wall clock). A spaCy ``Doc`` of the same text,
when given, lets tense decide the direction of underspecified dates
("on Monday" last week or next). ``ranges.value_range`` turns a value into the
calendar interval it covers.

The tagger's rules are compiled on first use, so importing ``dateline.temporal.ranges``
(as the store does) costs nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dateline.temporal.tagger import tag

__all__ = ["tag"]


def __getattr__(name: str) -> Any:
    if name == "tag":
        from dateline.temporal.tagger import tag

        return tag
    raise AttributeError(name)
