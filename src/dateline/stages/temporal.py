"""Temporal expressions of each article, normalised against its publication date.

Runs after ``nlp`` when it is configured (tense from the parse decides whether
"on Monday" is last week or next); without a parse it falls back on cue words.
The anchor is the article's publication date, else the date of its dateline;
with neither, relative expressions keep an unresolved value (``XXXX-XX-XX``).
"""

from __future__ import annotations

import datetime as dt

from dateline.config import Config
from dateline.pipeline import stage
from dateline.records import Work
from dateline.temporal import tag


def anchor_of(work: Work) -> dt.date | None:
    """The publication date, else a fully specified dateline date."""
    if work.article.published is not None:
        return work.article.published
    d = work.dateline.date if work.dateline else None
    if d and not d.startswith("X"):
        try:
            return dt.date.fromisoformat(d)
        except ValueError:
            return None
    return None


@stage("temporal", requires=("text",), sets=("timexes",))
class Temporal:
    """TIMEX3 records (``DATE``/``TIME``/``DURATION``/``SET``) for every article."""

    #: What it reads of the parse when there is one: tense from tags, POS, lemmas and
    #: the dependency tree; spaCy's DATE/TIME entities to tell years from numbers.
    spacy_needs: tuple[str, ...] = ("tag", "pos", "lemma", "dep", "ents")

    def __init__(self, config: Config) -> None:
        self.config = config

    def process(self, batch: list[Work]) -> None:
        for work in batch:
            work.timexes = tag(work.article.text, anchor_of(work), doc=work.doc)
