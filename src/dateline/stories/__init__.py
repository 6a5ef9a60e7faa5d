"""Stories: articles grouped over time by single-pass clustering.

:mod:`~dateline.stories.terms` turns an article into term counts,
:mod:`~dateline.stories.cluster` decides join-or-start on plain vectors, and
:mod:`dateline.storage.stories` keeps the vectors, document frequencies and
centroids in the store, updated after each ingested batch.
"""

from __future__ import annotations

from dateline.stories.cluster import StoryOptions

__all__ = ["StoryOptions"]
