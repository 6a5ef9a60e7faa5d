"""Events: one per clause that reports something, dated by the best evidence at hand.

A clause is a verb heading a sentence, a coordinated verb, a complement, an
adverbial or a relative clause. Its date comes, in order of trust, from:

1. ``timex`` — a time expression governing the clause ("In 1956, the two countries
   signed …", "a summit that took place in Osaka in late June");
2. ``inherited`` — the clause it depends on ("In November 2018, they agreed that the
   countries would speed up talks"), or an "after"/"before"/"when" clause below it
   ("after … had signed the treaty in 1960, the Soviet Union withdrew …" → after 1960);
3. ``said`` — a reported statement, dated when it was said (the quote's ``said``);
4. ``published`` — the article's date: what is news happened about then.

Background events (dated well before publication) are what let a 2019 article
contribute 1956 and 1960 to a timeline.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from dateline.records import Entity, Event, Quote, Timex, Trigger
from dateline.temporal.ranges import value_range
from dateline.temporal.tense import governing_verb, verb_tense

#: Dependency labels of a verb that heads a clause of its own.
CLAUSE_DEPS = frozenset({"ROOT", "conj", "ccomp", "advcl", "relcl", "parataxis", "csubj"})

#: Clauses split off a head's span: they are events of their own, side by side.
SIDE_DEPS = frozenset({"conj", "parataxis"})

#: Subordinators of an adverbial clause whose date places the main clause.
AFTER_MARKS = frozenset({"after", "since", "once"})
BEFORE_MARKS = frozenset({"before", "until", "till"})
SAME_MARKS = frozenset({"when", "as", "while", "whilst"})

#: Participles that date the document they describe, whose date is then the date of
#: what the document says ("a memorandum dated January 27, 1960, said …").
DOCUMENT_DATES = frozenset({"date", "issue", "publish", "release", "write", "sign"})

#: Prepositions placing an event at an occasion ("agreed … at a summit that took place
#: in late June"): the occasion's date is the event's.
OCCASION_PREPS = frozenset({"at", "during"})

#: Modals that make a clause a possibility rather than a fact.
HEDGES = frozenset({"may", "might", "could", "can", "should", "must"})

#: How far before publication an event counts as background.
BACKGROUND_DAYS = 30

#: Confidence by the basis of the date.
CONFIDENCE = {"timex": 0.9, "inherited": 0.75, "said": 0.7, "published": 0.5}


@dataclass
class _Clause:
    """A trigger and what dates it, while the article is being read."""

    verb: Any
    timexes: list[Timex] = field(default_factory=list)
    date: tuple[str, str | None, str] | None = None  # value, mod, basis


def _specificity(value: str) -> int:
    """Finer values first: a day beats a month beats a year."""
    return len(value)


def _is_trigger(token: Any) -> bool:
    if token.dep_ not in CLAUSE_DEPS:
        return False
    if token.pos_ == "VERB":
        return token.dep_ != "conj" or _is_trigger(token.head)
    # a copula heading its clause: "the government was ready to hand …"
    return token.pos_ == "AUX" and not any(c.pos_ == "VERB" for c in token.children)


def _within_line(text: str, start: int, end: int, at: int) -> tuple[int, int]:
    """``[start, end)`` cut to the line holding ``at`` (a heading the parser ran into
    the next sentence stays out), without surrounding spaces."""
    line_start = text.rfind("\n", start, at) + 1
    if line_start > 0:
        start = max(start, line_start)
    line_end = text.find("\n", at, end)
    if line_end >= 0:
        end = line_end
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


def _event_noun_verb(token: Any) -> Any:
    """The verb of a clause whose subject or object a time expression places:
    "An explosion on the rig on Tuesday night killed 11 workers" → "killed".

    Only through prepositions ("on", "in", "of" …) from a noun that is itself an
    argument of the verb; a year written into a name stays out (see ``collect``).
    """
    t = token
    for _ in range(4):
        if t.dep_ != "pobj" or t.head.dep_ != "prep":
            return None
        noun = t.head.head
        if noun.pos_ not in ("NOUN", "PROPN"):
            return None
        if noun.dep_ in ("nsubj", "nsubjpass", "dobj") and noun.head.pos_ in ("VERB", "AUX"):
            return noun.head
        t = noun
    return None


def _reach(q: Quote) -> tuple[int, int]:
    """The first and last character of a quote's cue and fragments together."""
    spans = [(q.cue.start, q.cue.end)] if q.cue is not None else []
    spans.extend(q.fragments)
    if not spans:
        return 0, -1  # reaches nothing
    return min(s for s, _ in spans), max(e for _, e in spans)


def _datable(t: Timex) -> bool:
    return t.type in ("DATE", "TIME") and value_range(t.value, t.mod) is not None


class _Reader:
    """Finds the events of one article."""

    def __init__(
        self,
        text: str,
        doc: Any,
        entities: Sequence[Entity],
        published: dt.date | None,
        timexes: Sequence[Timex],
        quotes: Sequence[Quote],
    ) -> None:
        self.text = text
        self.doc = doc
        self.published = published
        self.timexes = [t for t in timexes if _datable(t)]
        self.quotes = list(quotes)
        # statements with a date of their own (the only ones that can date a clause),
        # each with the characters its cue and fragments reach over
        self.dated_quotes = [
            (q, q.said, *_reach(q))
            for q in self.quotes
            if q.said is not None and value_range(q.said, None) is not None
        ]
        # cues whose speaker is an entity: a participant of the clause they are in
        self.cue_speakers = [
            (q.cue.start, q.cue.end, q.speaker.entity)
            for q in self.quotes
            if q.cue is not None and q.speaker is not None and q.speaker.entity
        ]
        self.mentions = sorted((m.start, m.end, e.id) for e in entities for m in e.mentions)
        self.mention_starts = [s for s, _, _ in self.mentions]
        self.clauses: dict[int, _Clause] = {}
        self._subtrees: dict[int, list[int]] = {}
        # each sentence's first token and characters, for the sentence of a verb
        self._sents = [(s.start, s.start_char, s.end_char) for s in doc.sents]
        self._sent_starts = [first for first, _, _ in self._sents]
        # "at"/"during" attached as prepositions, where an occasion may date a clause
        self._occasion_preps: set[int] = set()

    def _subtree(self, token: Any) -> list[int]:
        """Indices of ``token.subtree``, in its order; remembered for the article."""
        got = self._subtrees.get(token.i)
        if got is None:
            got = [i for left in token.lefts for i in self._subtree(left)]
            got.append(token.i)
            got.extend(i for right in token.rights for i in self._subtree(right))
            self._subtrees[token.i] = got
        return got

    def _sentence(self, token: Any) -> tuple[int, int]:
        """The characters of ``token.sent``."""
        _, start, end = self._sents[bisect.bisect_right(self._sent_starts, token.i) - 1]
        return start, end

    # -- clauses -------------------------------------------------------------------
    def collect(self) -> None:
        for token in self.doc:
            if _is_trigger(token):
                self.clauses[token.i] = _Clause(token)
            elif token.dep_ == "prep" and token.lower_ in OCCASION_PREPS:
                self._occasion_preps.add(token.i)
        for t in self.timexes:
            span = self.doc.char_span(t.start, t.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            root = span.root
            if root.dep_ in ("compound", "amod", "nummod", "poss") and root.head.pos_ in (
                "NOUN",
                "PROPN",
            ):
                continue  # it names a thing ("the 1956 Joint Declaration"), not a time
            verb = governing_verb(root) or _event_noun_verb(root)
            if verb is None:
                continue
            clause = self._clause_of(verb)
            if clause is not None:
                clause.timexes.append(t)

    def _clause_of(self, verb: Any) -> _Clause | None:
        """The clause a verb belongs to: itself, an infinitive it heads, or the nearest above."""
        if verb.i not in self.clauses and (
            verb.dep_ == "xcomp"
            or verb.dep_ in ("acl", "amod")
            and verb.lemma_.lower() not in DOCUMENT_DATES
        ):
            # "agreed to meet on Monday", "nationals abducted in the 1970s":
            # the meeting and the abduction are events of their own
            self.clauses[verb.i] = _Clause(verb)
        return self._owner(verb)

    def _owner(self, token: Any) -> _Clause | None:
        """The clause a token belongs to: its nearest clause-heading ancestor."""
        t = token
        while t.i not in self.clauses:
            if t.head.i == t.i:
                return None
            t = t.head
        return self.clauses[t.i]

    # -- dates -----------------------------------------------------------------------
    def date_all(self) -> None:
        for clause in self.clauses.values():
            if clause.timexes:
                best = min(clause.timexes, key=lambda t: (-_specificity(t.value), t.start))
                clause.date = (best.value, best.mod, "timex")
        for clause in sorted(self.clauses.values(), key=lambda c: c.verb.i):
            if clause.date is None:
                clause.date = self._from_below(clause) or self._from_above(clause)
        for clause in self.clauses.values():
            if clause.date is None:
                clause.date = self._from_quote(clause) or self._from_publication()

    def _from_below(self, clause: _Clause) -> tuple[str, str | None, str] | None:
        """An adverbial clause's own date places its head (after, before, when), and so
        does an occasion's ("at a summit that took place in late June")."""
        for i in self._subtree(clause.verb):
            if i not in self._occasion_preps:
                continue
            prep = self.doc[i]
            if self._owner(prep) is not clause:
                continue
            for obj in prep.children:
                for rel in obj.children:
                    sub = self.clauses.get(rel.i)
                    if rel.dep_ in ("relcl", "acl") and sub is not None and sub.timexes:
                        if sub.date is not None:
                            return sub.date[0], sub.date[1], "inherited"
        for child in clause.verb.children:
            sub = self.clauses.get(child.i)
            if child.dep_ != "advcl" or sub is None or not sub.timexes:
                continue
            marks = {c.lower_ for c in child.children if c.dep_ in ("mark", "advmod")}
            value, mod, _ = sub.date or (None, None, None)
            if value is None:
                continue
            if marks & AFTER_MARKS:
                return value, "AFTER", "inherited"
            if marks & BEFORE_MARKS:
                return value, "BEFORE", "inherited"
            if marks & SAME_MARKS:
                return value, mod, "inherited"
        return None

    def _from_above(self, clause: _Clause) -> tuple[str, str | None, str] | None:
        """The nearest enclosing clause with a date of its own, through dependent links.

        A relative clause describes a thing and has its own time, so it inherits
        nothing; complements, infinitives and coordinated verbs share the head's frame.
        """
        t = clause.verb
        while t.dep_ in ("conj", "ccomp", "xcomp", "advcl", "parataxis") and t.head.i != t.i:
            t = t.head
            above = self.clauses.get(t.i)
            if above is not None and above.date is not None:
                value, mod, basis = above.date
                if basis in ("timex", "inherited"):
                    return value, mod, "inherited"
        return None

    def _from_quote(self, clause: _Clause) -> tuple[str, str | None, str] | None:
        """A statement is dated when it was said: the cue's clause, or inside the content."""
        verb = clause.verb
        start, end = verb.idx, verb.idx + len(verb)
        for q, said, lo, hi in self.dated_quotes:
            if start < lo or end > hi:
                continue
            on_cue = q.cue is not None and q.cue.start <= start and end <= q.cue.end
            inside = any(s <= start and end <= e for s, e in q.fragments)
            if on_cue or inside:
                return said, q.said_mod if q.said_mod != "REPEATED" else None, "said"
        return None

    def _from_publication(self) -> tuple[str, str | None, str] | None:
        if self.published is None:
            return None
        return self.published.isoformat(), None, "published"

    # -- records -----------------------------------------------------------------
    def events(self) -> list[Event]:
        out = []
        for clause in sorted(self.clauses.values(), key=lambda c: c.verb.i):
            event = self._event(clause)
            if event is not None:
                out.append(event)
        return out

    def _span(self, verb: Any) -> tuple[int, int] | None:
        """The clause's characters: the verb's subtree without clauses beside it."""
        cut: set[int] = set()
        for child in verb.children:
            if child.dep_ in SIDE_DEPS and child.i in self.clauses:
                cut.update(self._subtree(child))
            elif child.dep_ == "cc" and child.i > verb.i:
                cut.add(child.i)
        tokens = [self.doc[i] for i in self._subtree(verb) if i not in cut]
        while tokens and (tokens[0].is_punct or tokens[0].dep_ == "cc"):
            tokens.pop(0)
        while tokens and (tokens[-1].is_punct or tokens[-1].dep_ == "cc"):
            tokens.pop()
        if not tokens:
            return None
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        return _within_line(self.text, start, end, verb.idx)

    def _event(self, clause: _Clause) -> Event | None:
        verb = clause.verb
        span = self._span(verb)
        if span is None:
            return None
        start, end = span
        value, mod, basis = clause.date or (None, None, "published")
        sentence = _within_line(self.text, *self._sentence(verb), verb.idx)
        return Event(
            start=start,
            end=end,
            text=self.text[start:end],
            trigger=Trigger(verb.idx, verb.idx + len(verb), verb.text, verb.lemma_.lower()),
            date=value,
            date_mod=mod,
            basis=basis,
            kind=self._kind(verb, value, mod),
            participants=self._participants(verb, start, end),
            sentence=sentence,
            confidence=self._confidence(verb, basis),
        )

    def _kind(self, verb: Any, value: str | None, mod: str | None) -> str:
        interval = value_range(value, mod) if value else None
        if interval is not None and self.published is not None:
            if interval[0] > self.published:
                return "scheduled"
            if (self.published - interval[1]).days > BACKGROUND_DAYS and (
                mod != "AFTER" or verb_tense(verb) == "past"
            ):
                return "background"
        if verb_tense(verb) == "future":
            return "scheduled"
        return "reported"

    def _participants(self, verb: Any, start: int, end: int) -> tuple[str, ...]:
        found: list[str] = []
        for s, e, entity in itertools.islice(
            self.mentions, bisect.bisect_left(self.mention_starts, start), None
        ):
            if s >= end:
                break
            if e <= end and entity not in found:
                found.append(entity)
        at = verb.idx
        for cue_start, cue_end, speaker in self.cue_speakers:  # "he said": the speaker
            if cue_start <= at < cue_end and speaker not in found:
                found.insert(0, speaker)
        return tuple(found)

    def _confidence(self, verb: Any, basis: str) -> float:
        confidence = CONFIDENCE[basis]
        children = list(verb.children)
        if any(c.dep_ == "neg" for c in children):
            confidence *= 0.4  # "a peace treaty has still not been reached"
        if any(c.dep_ == "aux" and c.lower_ in HEDGES for c in children):
            confidence *= 0.6
        return round(confidence, 3)


def find_events(
    text: str,
    doc: Any,
    entities: Sequence[Entity],
    published: dt.date | None,
    *,
    timexes: Sequence[Timex] = (),
    quotes: Sequence[Quote] = (),
) -> list[Event]:
    """Every event clause of ``text``, in text order, dated (see the module docstring).

    Needs the spaCy ``doc`` of ``text`` (returns nothing without one).

    Example:
        >>> events = find_events(text, doc, ents, published, timexes=tx)  # doctest: +SKIP
        >>> [(e.trigger.lemma, e.date, e.basis) for e in events][:1]  # doctest: +SKIP
        [('sign', '1956', 'timex')]
    """
    if doc is None or not text:
        return []
    reader = _Reader(text, doc, entities, published, timexes, quotes)
    reader.collect()
    reader.date_all()
    return reader.events()
