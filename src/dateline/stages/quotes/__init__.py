"""Who said what: direct and reported speech, each with its cue and its speaker.

``find_quotes(text, doc, entities, published)`` is the whole surface; the stage
``quotes`` runs it after ``entities`` (speakers resolve to the article's entities)
and ``temporal`` (an explicit time in the attribution dates the statement).
"""

from __future__ import annotations

from dateline.config import Config
from dateline.pipeline import stage
from dateline.records import Work
from dateline.stages.quotes.extract import find_quotes

__all__ = ["Quotes", "find_quotes"]


@stage("quotes", requires=("doc.deps", "entities"), sets=("quotes",))
class Quotes:
    """Quote records for every article (see :class:`dateline.records.Quote`)."""

    #: What it reads of the parse (speakers come from the ``entities`` stage).
    spacy_needs: tuple[str, ...] = ("tag", "pos", "lemma", "dep", "sents")

    def __init__(self, config: Config) -> None:
        self.config = config

    def process(self, batch: list[Work]) -> None:
        for work in batch:
            work.quotes = find_quotes(
                work.article.text,
                work.doc,
                work.entities,
                work.article.published,
                timexes=work.timexes,
            )
