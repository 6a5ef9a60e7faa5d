"""Timelines of long-running stories, built from the stored events.

``build_timeline(store, query, ...)`` chooses the dates and sentences;
``render(timeline, fmt)`` writes it as text, Markdown, JSON, CSV or a standalone
HTML page.
"""

from dateline.timeline.build import GRANULARITIES, build_timeline, date_key
from dateline.timeline.model import Entry, Source, Timeline
from dateline.timeline.render import FORMATS, render

__all__ = [
    "FORMATS",
    "GRANULARITIES",
    "Entry",
    "Source",
    "Timeline",
    "build_timeline",
    "date_key",
    "render",
]
