"""A store writing to two stores at once, for the tests: the sample corpus is processed by
the pipeline once and saved, by each store's own ``save``, into SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dateline.storage import open_store, register_store

SCHEME = "dateline-test-tee"
_SEP = "\x1f"


def tee_url(first: str, second: str) -> str:
    """The URL of a store reading from ``first`` and writing to both."""
    return f"{SCHEME}://{first}{_SEP}{second}"


class TeeStore:
    """Reads from the first store; saves, clusters and closes both."""

    def __init__(self, first: Any, second: Any) -> None:
        self.first, self.second = first, second

    def save(self, batch: Sequence[Any], **kwargs: Any) -> None:
        self.first.save(batch, **kwargs)
        self.second.save(batch, **kwargs)

    def update_stories(self, options: Any = None) -> int:
        self.second.update_stories(options)
        return int(self.first.update_stories(options))

    def close(self) -> None:
        self.first.close()
        self.second.close()

    def __getattr__(self, name: str) -> Any:  # known(), fetch_state() … of the first
        return getattr(self.first, name)


@register_store(SCHEME)
def open_tee(location: str, *, create: bool = False) -> TeeStore:
    first, second = location.split(_SEP)
    return TeeStore(open_store(first, create=create), open_store(second, create=create))
