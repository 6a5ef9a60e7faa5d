"""Events: what happened, happens or is scheduled, each clause dated.

``find_events(text, doc, entities, published, timexes=, quotes=)`` is the whole
surface; the stage ``events`` runs it after ``quotes`` (statements are dated when
they were said and their speakers are participants).
"""

from __future__ import annotations

from dateline.config import Config
from dateline.pipeline import stage
from dateline.records import Work
from dateline.stages.events.extract import find_events

__all__ = ["Events", "find_events"]


@stage("events", requires=("doc.deps", "entities", "timexes", "quotes"), sets=("events",))
class Events:
    """Event records for every article (see :class:`dateline.records.Event`)."""

    #: What it reads of the parse (tags through the tense rules it shares with ``temporal``).
    spacy_needs: tuple[str, ...] = ("tag", "pos", "lemma", "dep", "sents")

    def __init__(self, config: Config) -> None:
        self.config = config

    def process(self, batch: list[Work]) -> None:
        for work in batch:
            work.events = find_events(
                work.article.text,
                work.doc,
                work.entities,
                work.article.published,
                timexes=work.timexes,
                quotes=work.quotes,
            )
