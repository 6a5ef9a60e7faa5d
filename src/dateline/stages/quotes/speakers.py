"""From the speaker's words at a cue to an entity of the article.

A speaker phrase that overlaps a mention of an entity (a name, an alias, or a role
description the entities stage already tied to a person) is that entity. A pronoun
is the entity the entities stage resolved it to (a ``pronoun`` mention covering
it); else it takes the most recent fitting entity before the cue: "he"/"she" the
last person (preferring one who was the subject of a clause), "they"/"it" the last
organisation, country or group. Documents ("the document", "a memorandum") stay unresolved
sources with their text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from dateline.records import Entity, Speaker
from dateline.stages.quotes import lexicon as lx

_GROUP_TYPES = ("ORG", "GPE", "NORP")
_CUT_DEPS = ("relcl", "acl", "punct", "advcl", "ccomp", "xcomp", "parataxis", "dep", "npadvmod")
_JOIN_DEPS = ("appos", "conj", "cc")
_QUOTE_MARKS = frozenset(["''", '"', "“", "”", "‘", "’", "«", "»", "``"])
_EDGE_MARKS = frozenset(["''", '"', "“", "”", "‘", "’", "'", "«", "»", ",", "-", "–", "—", ":"])
_QUOTE_CLOSERS = frozenset([",", "''", '"', "”", "’", "'", "»"])
#: Nouns for what a speaker puts out: "issued a statement saying ..." is the issuer's word.
UTTERANCE_NOUNS = frozenset(
    """
    statement note message release response letter tweet post video ad advertisement email
    memo sign banner cover editorial op-ed column essay blog interview speech remark comment
    report
    """.split()
)


def governing_verb(noun: Any) -> Any:
    """The verb a noun phrase hangs from, through prepositions ("put out a note on it")."""
    t = noun
    for _ in range(4):
        if t.dep_ not in ("dobj", "pobj", "prep", "conj", "appos") or t.head.i == t.i:
            return None
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            return t
    return None


def agrees(pronoun: Any, tok: Any) -> bool:
    """Whether a possessive pronoun can stand for ``tok`` by number ("his" - "Smith")."""
    plural = tok.tag_ in ("NNS", "NNPS") or tok.lower_ in ("they", "we")
    if pronoun.lower_ in ("their", "our"):
        return plural
    if pronoun.lower_ in ("his", "her", "my"):
        return not plural and tok.pos_ in ("PROPN", "PRON", "NOUN") and tok.lower_ != "it"
    return False


_DASHES = ("-", "–", "—", "--", "~")


def _spaced_dash(t: Any) -> bool:
    """A dash between words ("STORY - Roe"), not a hyphen ("libertarian-style")."""
    return t.text in _DASHES and bool(t.whitespace_) and t.i > 0 and bool(t.nbor(-1).whitespace_)


def bare_name(words: Sequence[Any]) -> Any:
    """The head of ``words`` when they are one short noun phrase and nothing else."""
    words = [t for t in words if not t.is_space]
    if not words or len(words) > 8 or any(t.pos_ in ("VERB", "AUX") for t in words):
        return None
    ids = {t.i for t in words}
    heads = [t for t in words if t.head.i not in ids or t.head.i == t.i]
    if len(heads) != 1 or heads[0].pos_ not in ("PROPN", "NOUN"):
        return None
    return heads[0]


def headline_speaker(colon: Any) -> Any:
    """``Jane Roe: "…"``: a bare noun phrase (a name) before a colon speaks the quote."""
    doc = colon.doc
    start = colon.sent.start
    for t in doc[start : colon.i]:
        if _spaced_dash(t) or "\n" in t.text:
            start = t.i + 1  # "TOP STORY - Jane Roe: ..."
    return bare_name(doc[start : colon.i])


def signed_name(first: Any) -> Any:
    """``"…" - Jane Roe.``: the name after a dash that closes a quote."""
    doc = first.doc
    if not _spaced_dash(first):
        return None
    end = first.i + 1
    while end < len(doc) and end - first.i <= 8 and doc[end].text not in (".", "\n", ";"):
        if "\n" in doc[end].text:
            break
        end += 1
    return bare_name(doc[first.i + 1 : end])


def inverted_subject(verb: Any) -> Any:
    """``"…," said Jane Roe, a lawyer``: the noun phrase right after a verb that follows a quote.

    For when the parser did not make the name the verb's subject.
    """
    doc = verb.doc
    if verb.i == 0 or verb.i + 1 >= len(doc) or doc[verb.i - 1].text not in _QUOTE_CLOSERS:
        return None
    t = doc[verb.i + 1]
    if t.pos_ not in ("PROPN", "NOUN", "DET", "ADJ", "PRON") or t.tag_ == "WP":
        return None
    for _ in range(8):  # "the woman", "Richard L. Roe": to the head of the phrase
        if t.dep_ in ("compound", "det", "amod", "nmod", "poss", "flat") and t.head.i > t.i:
            t = t.head
        else:
            break
    if t.pos_ not in ("PROPN", "NOUN", "PRON"):
        return None
    if t.head.i == verb.i and t.dep_ in ("dobj", "dative", "iobj"):
        return None  # "…, told reporters": whom it was said to
    nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
    if nxt is not None and nxt.pos_ in ("VERB", "AUX"):
        return None  # ", said the plan would fail": a clause, not the speaker
    return t


def surface_subject(verb: Any, quoted: Callable[[int], bool]) -> Any:
    """A finite cue the parser left without a subject: the noun phrase just before it.

    "Senator Smith, the party's leader, said ..." misparsed as a list: the nearest noun
    before the verb (past commas, an age, an adverb), a description climbing to the name
    it describes ("the party's leader" -> "Smith"). ``quoted(char)`` tells quoted text.
    """
    if verb.tag_ not in ("VBD", "VBZ", "VBP") and not any(
        c.dep_ == "aux" and c.tag_ in ("VBD", "VBZ", "VBP", "MD") for c in verb.children
    ):
        return None
    if verb.dep_ in ("relcl", "acl", "pcomp", "xcomp", "advcl"):
        return None
    if verb.dep_ == "conj" and not quoted(verb.head.idx):
        return None  # "… and boomed": the subject of the first verb, not the noun before
    doc, start = verb.doc, verb.sent.start
    i = verb.i - 1
    while i >= start and (
        doc[i].dep_ in ("aux", "auxpass", "neg")
        or (doc[i].dep_ == "advmod" and doc[i].pos_ in ("ADV", "PART"))
        or doc[i].text == ","
        or (doc[i].pos_ == "NUM" and i > start and doc[i - 1].text == ",")  # an age
    ):
        i -= 1
    if i < start:
        return None
    t = doc[i]
    if t.pos_ not in ("NOUN", "PROPN", "PRON") or quoted(t.idx):
        return None
    if t.tag_ == "WP" or t.lower_ in ("that", "which"):
        return None
    for _ in range(6):
        head = t.head
        if head.i >= verb.i or head.i == t.i or head.pos_ in ("VERB", "AUX"):
            break
        if t.dep_ in ("compound", "flat", "nmod"):
            t = head
        elif t.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("NOUN", "PROPN"):
            t = head.head  # "a spokesman for the party"
        elif t.dep_ == "appos" and t.pos_ != "PROPN" and head.pos_ in ("PROPN", "NOUN"):
            t = head  # "Smith, the party's leader"
        else:
            break
    return t


def _stray(t: Any) -> bool:
    return t.is_space or t.text in _EDGE_MARKS


def speaker_span(tok: Any) -> tuple[int, int]:
    """The noun phrase of the speaker token with its appositions and conjuncts, as a source.

    "Jane Roe, a lawyer for the city," / "Roe and Doe" are whole sources; relative and
    other clauses are not part of the name.
    """
    banned: set[int] = set()
    kept = [c for c in tok.children if c.i > tok.i and c.dep_ in _JOIN_DEPS]
    for c in tok.children:
        if c.i <= tok.i:
            continue
        cut = (c.dep_ in _CUT_DEPS or c.pos_ in ("VERB", "AUX")) and not c.is_space
        if c.dep_ == "punct" and c.text == "," and any(k.i > c.i for k in kept):
            cut = False  # the comma before an apposition or a conjunct
        if c.dep_ in _JOIN_DEPS and any(t.text in _QUOTE_MARKS for t in c.subtree):
            cut = True  # never into a quotation
        if cut:
            banned.update(t.i for t in c.subtree)
    ids = sorted(t.i for t in tok.subtree if t.i not in banned)
    run = [tok.i]
    for i in reversed([i for i in ids if i < tok.i]):
        if i == run[0] - 1:
            run.insert(0, i)
    for i in [i for i in ids if i > tok.i]:
        if i == run[-1] + 1:
            run.append(i)
    doc = tok.doc
    while run[0] != tok.i and _stray(doc[run[0]]):
        run.pop(0)  # a quotation mark or line break the parser hung on the name
    while run[-1] != tok.i and _stray(doc[run[-1]]):
        run.pop()
    first, last = doc[run[0]], doc[run[-1]]
    return first.idx, last.idx + len(last)


class SpeakerResolver:
    """Resolve speaker tokens to :class:`Speaker` records for one article."""

    def __init__(self, text: str, doc: Any, entities: Sequence[Entity]) -> None:
        self.text, self.doc = text, doc
        self.mentions = sorted(
            ((m.start, m.end, e) for e in entities for m in e.mentions), key=lambda x: (x[0], x[1])
        )
        self.by_id = {e.id: e for e in entities}
        self.pronouns = {m.start: e for e in entities for m in e.mentions if m.kind == "pronoun"}

    def resolve(self, tok: Any, *, before: int) -> Speaker | None:
        if tok is None:
            return None
        start, end = speaker_span(tok)
        text = self.text[start:end]
        low = tok.lower_
        if low in lx.PRONOUNS and end - start == len(tok):
            ent = self.pronouns.get(tok.idx) or self._pronoun(low, tok.idx)
            return Speaker(start, end, text, ent.id if ent else None)
        if tok.lemma_.lower() in lx.DOCUMENT_NOUNS:
            return Speaker(start, end, text, None)  # a document speaks for itself
        ent = self._overlapping(start, end, head=(tok.idx, tok.idx + len(tok)))
        if ent is None:
            ent = self._by_name(tok)
        return Speaker(start, end, text, ent.id if ent else None)

    def _by_name(self, tok: Any) -> Entity | None:
        """ "Trump" where the parser missed the mention: the entity whose name ends so."""
        if tok.pos_ != "PROPN":
            return None
        word = tok.text.casefold()
        hits = {e.id: e for _, _, e in self.mentions if e.name.casefold().split()[-1:] == [word]}
        return next(iter(hits.values())) if len(hits) == 1 else None

    def _overlapping(
        self, start: int, end: int, head: tuple[int, int] | None = None
    ) -> Entity | None:
        """The entity a mention of which covers the phrase's head word (or overlaps it)."""
        best, best_key = None, None
        for ms, me, e in self.mentions:
            if ms >= end:
                break
            overlap = min(me, end) - max(ms, start)
            if overlap <= 0:
                continue
            if head is not None and not (ms < head[1] and head[0] < me):
                continue  # "people in the Trump administration" are not Trump
            key = (e.type == "PERSON", e.type in _GROUP_TYPES, overlap)
            if best_key is None or key > best_key:
                best, best_key = e, key
        return best

    def _pronoun(self, pronoun: str, at: int) -> Entity | None:
        gender = lx.PRONOUNS[pronoun]
        types = ("PERSON",) if gender in ("male", "female") else _GROUP_TYPES
        if gender in ("self", "self-plural"):
            return None
        prior = [(ms, me, e) for ms, me, e in self.mentions if me <= at and e.type in types]
        if not prior:
            return None
        # the last subject-position mention among the last few, else simply the last
        for ms, me, e in reversed(prior[-4:]):
            span = self.doc.char_span(ms, me, alignment_mode="expand")
            if span is not None and span.root.dep_ in ("nsubj", "nsubjpass"):
                return e
        return prior[-1][2]
