"""Typed records that flow between stages and into the store.

Every extracted item carries ``start``/``end`` character offsets into
``Article.text`` so that any fact can be shown in its sentence:
``article.text[item.start:item.end] == item.text`` always holds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, NamedTuple


@dataclass(frozen=True, slots=True)
class Article:
    """One news article exactly as read.

    Attributes:
        id: Stable identifier: the input's own id, else a hash of text, date and url.
        title: Headline, or a title derived from the first line when the input has none.
        published: Publication date, or ``None`` when unknown (never the wall clock).
        source: Outlet or agency name, when known.
        url: Canonical URL, when known.
        text: The body, byte-for-byte as given (no stripping), so offsets line up.
        path: Where it was read from (``file`` or ``file:line``).
        author: The byline's author(s), when known (``"Jane Roe; John Doe"``).
    """

    id: str
    title: str | None
    published: dt.date | None
    source: str | None
    url: str | None
    text: str
    path: str | None = None
    author: str | None = None


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of the article text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Dateline:
    """The opening dateline of a wire story, e.g. ``TOKYO, November 7. /TASS/.``.

    ``date`` is ISO (``YYYY-MM-DD``) resolved against the publication date, or
    ``XXXX-MM-DD`` when the year cannot be known; ``None`` when the dateline has no date.
    """

    start: int
    end: int
    text: str
    place: str | None
    date: str | None
    agency: str | None


@dataclass(frozen=True, slots=True)
class Mention:
    """One place where an entity is named or described.

    ``kind`` is ``name`` (full name), ``alias`` (a shorter form such as a surname
    or acronym), ``description`` (a role description such as "the Japanese prime
    minister"), ``pronoun`` ("he", "her", "its") or ``demonym`` ("Japanese" for
    Japan). ``role`` is the title stated at this mention.
    """

    start: int
    end: int
    text: str
    kind: str = "name"
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    """An article-level entity: one identity with all its mentions.

    ``key`` is the normalised canonical name. ``type`` is the vote of all its
    mentions (``type_votes``: label → count, context included); the type is not
    part of the identity across articles, which the store decides by linking
    (:mod:`dateline.identity`).
    """

    id: str
    name: str
    type: str
    key: str
    roles: tuple[str, ...] = ()
    affiliation: str | None = None
    mentions: tuple[Mention, ...] = ()
    type_votes: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Timex:
    """A temporal expression, TIMEX3-style, normalised against the publication date.

    Attributes:
        type: ``DATE``, ``TIME``, ``DURATION`` or ``SET``.
        value: TIMEX3 value (``2019-11-07``, ``2019-W44``, ``197``, ``P2Y``,
            ``PRESENT_REF``, ``XXXX-XX-XX`` when it cannot be resolved).
        mod: TIMEX3 modifier (``START``, ``MID``, ``END``, ``APPROX``, ``LESS_THAN`` ...)
            or ``None``.
        anchor: ISO date the value was computed from when it depended on one
            (``"2019-11-07"`` for "yesterday"), ``None`` for absolute expressions.
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None
    anchor: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "value": self.value,
            "mod": self.mod,
            "anchor": self.anchor,
        }


@dataclass(frozen=True, slots=True)
class Cue:
    """The word(s) that introduce a statement ("said", "according to"), with their lemma."""

    start: int
    end: int
    text: str
    lemma: str


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who made a statement, as written here, and the article entity it resolves to.

    ``entity`` is the id of an :class:`Entity` of the same article ("e3"), or ``None``
    when the speaker is named but not an entity (a document, "officials").
    """

    start: int
    end: int
    text: str
    entity: str | None = None


#: The kinds of :class:`Quote` the quotes stage makes.
QUOTE_KINDS = ("direct", "indirect", "mixed")


@dataclass(frozen=True, slots=True)
class Quote:
    """A statement: direct (in quotation marks), indirect (reported) or mixed.

    ``start``/``end`` cover the quoted content; ``fragments`` are its pieces when the
    attribution splits it (one fragment otherwise). ``said`` is a TIMEX3 value of when
    it was said (the publication date unless the attribution gives a time), ``said_mod``
    its modifier (``"REPEATED"`` for "has said many times").
    """

    start: int
    end: int
    text: str
    kind: str
    fragments: tuple[tuple[int, int], ...]
    cue: Cue | None = None
    speaker: Speaker | None = None
    said: str | None = None
    said_mod: str | None = None
    confidence: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "fragments": [{"start": s, "end": e} for s, e in self.fragments],
            "cue": None
            if self.cue is None
            else {
                "start": self.cue.start,
                "end": self.cue.end,
                "text": self.cue.text,
                "lemma": self.cue.lemma,
            },
            "speaker": None
            if self.speaker is None
            else {
                "entity": self.speaker.entity,
                "start": self.speaker.start,
                "end": self.speaker.end,
                "text": self.speaker.text,
            },
            "said": {"value": self.said, "mod": self.said_mod},
            "confidence": self.confidence,
        }


@dataclass(frozen=True, slots=True)
class Trigger:
    """The word that names an event ("signed", "agreed", "took place"), with its lemma."""

    start: int
    end: int
    text: str
    lemma: str


#: The kinds of :class:`Event` the events stage makes.
EVENT_KINDS = ("background", "reported", "scheduled")


@dataclass(frozen=True, slots=True)
class Event:
    """A clause reporting something that happened, happens or is scheduled.

    ``start``/``end`` cover the clause; ``sentence`` is the sentence holding it, so a
    timeline can quote it whole. ``date`` is a TIMEX3 value and ``date_mod`` its
    modifier; ``basis`` says where the date came from: ``timex`` (an expression
    governing the clause), ``inherited`` (from the clause it depends on), ``said``
    (a reported statement, dated when it was said) or ``published`` (the article's
    date, for what is news). ``kind`` is ``background`` (dated well before
    publication), ``scheduled`` (after it, or planned) or ``reported``.
    ``participants`` are ids of the article's entities named in the clause.
    """

    start: int
    end: int
    text: str
    trigger: Trigger
    date: str | None
    date_mod: str | None
    basis: str
    kind: str
    participants: tuple[str, ...] = ()
    sentence: tuple[int, int] = (0, 0)
    confidence: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "trigger": {
                "start": self.trigger.start,
                "end": self.trigger.end,
                "text": self.trigger.text,
                "lemma": self.trigger.lemma,
            },
            "date": {"value": self.date, "mod": self.date_mod, "basis": self.basis},
            "participants": list(self.participants),
            "kind": self.kind,
            "sentence": {"start": self.sentence[0], "end": self.sentence[1]},
            "confidence": self.confidence,
        }


class TimelineEvent(NamedTuple):
    """A stored dated event as a timeline reads it: its sentence's offsets and its date."""

    article_pk: int
    sentence_start: int
    sentence_end: int
    date: str
    date_mod: str | None
    basis: str
    confidence: float
    involved: int  # 1 when it names one of the asked entities


class TimelineArticle(NamedTuple):
    """A stored article as a timeline cites it; ``group`` is its duplicate group (the
    pk of the group's first article: copies of one story share it)."""

    pk: int
    id: str
    title: str | None
    published: str | None
    source: str | None
    group: int = 0


@dataclass(frozen=True, slots=True)
class TimelineMaterial:
    """What a timeline is built from: the articles read, their dated events (in article
    and text order), the text of each article with events, and the publication days
    (within the asked range) of the articles read, sorted — one per duplicate group
    and day: a story reprinted by ten outlets today is published once today."""

    events: list[TimelineEvent]
    articles: dict[int, TimelineArticle]
    texts: dict[int, str]
    published: list[str]


@dataclass(frozen=True, slots=True)
class ItemMessage:
    """A one-line message about one input item: ``item: reason [code]``."""

    item: str
    reason: str
    code: str = "DL000"

    def __str__(self) -> str:
        return f"{self.item}: {self.reason} [{self.code}]"


@dataclass(frozen=True, slots=True)
class Failure(ItemMessage):
    """An input item that could not be processed, with a one-line reason."""


@dataclass(frozen=True, slots=True)
class Notice(ItemMessage):
    """A warning about an input item that was still read (e.g. a page with no date)."""


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input item known not to have changed (a page answering HTTP 304): unchanged."""

    item: str
    reason: str


@dataclass(slots=True)
class Work:
    """Mutable state of one article while it passes through the stages.

    Stages read what earlier stages set and fill in their own fields; ``doc`` is
    the spaCy ``Doc`` (never stored). ``done`` records which names have been set
    so the pipeline can check declared requirements.
    """

    article: Article
    doc: Any = None
    dateline: Dateline | None = None
    entities: list[Entity] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
