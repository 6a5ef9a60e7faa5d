"""Timeline records: dated entries, each with its sentences and the articles behind them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Source:
    """One article behind an entry, and where in it the entry's sentence is."""

    article: str
    title: str | None
    published: str | None
    outlet: str | None
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "title": self.title,
            "published": self.published,
            "outlet": self.outlet,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class Entry:
    """One date of a timeline.

    ``date`` is ISO at the granularity the evidence supports (``"1956"``,
    ``"2018-11"``, ``"1960-01-27"``); ``mod`` is ``START``, ``MID``, ``END`` or
    ``None`` ("late June" → ``"2019-06"``, ``"END"``). ``sentences`` are the
    selected sentences, ``summary`` the first of them; ``sources`` every article
    that reports the entry (the selected sentences first, then articles whose
    sentences on that date say the same thing).
    """

    date: str
    mod: str | None
    summary: str
    sentences: tuple[str, ...]
    sources: tuple[Source, ...]
    score: float = 0.0

    @property
    def outlets(self) -> int:
        """How many distinct outlets (or articles, when the outlet is unknown) report it."""
        return len({s.outlet or s.article for s in self.sources})

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "mod": self.mod,
            "summary": self.summary,
            "sentences": list(self.sentences),
            "sources": [s.to_dict() for s in self.sources],
            "outlets": self.outlets,
            "score": round(self.score, 4),
        }


@dataclass(frozen=True, slots=True)
class Timeline:
    """A query's timeline: entries in date order."""

    query: str
    entries: tuple[Entry, ...]
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def title(self) -> str:
        """What the timeline is about: the query, else its entities or story."""
        if self.query.strip():
            return self.query.strip()
        if self.params.get("entities"):
            return ", ".join(self.params["entities"])
        if self.params.get("story") is not None:
            return f"story {self.params['story']}"
        return "all articles"

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            **self.params,
            "entries": [e.to_dict() for e in self.entries],
        }
