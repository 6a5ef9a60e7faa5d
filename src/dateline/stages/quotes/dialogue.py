"""Fiction's dialogue: turns set off by dashes, and who speaks which turn.

:func:`dash_turns` finds dialogue set off by dashes instead of quotation marks
(Joyce, and much European fiction); :class:`Turns` follows the speakers of an
exchange of quotes that carry no tag.

**Dash-set dialogue.** A text follows that convention when it opens many sentences
with a dash (``—``, ``―``, ``–`` or ``--``) and hardly uses quotation marks at all; elsewhere a dash
after a full stop is only punctuation, and nothing here runs. A turn opens at a
dash that begins a sentence (or follows a colon: ``He said: — Come up!``) and runs
sentence by sentence until one of these ends it:

- a dialogue tag after ``!``, ``?`` or ``,`` that closes its sentence (``— Back to
  barracks! he said sternly.``); speech may resume after the tag's sentence, as a
  new piece. A tag in the middle of a sentence (``— Look, he said, at this!``)
  stays inside the piece;
- a sentence of narration: a past-tense verb whose subject is not I, we or you
  (``He shaved warily over his chin.``) — the first sentence of a turn is speech
  whatever its verb when a tag follows it or a colon introduced it;
- a last sentence that ends with a colon (``He added in a preacher's tone:``): it
  hands over to the next turn;
- the next dash that opens a turn, or the end of the paragraph.

Each turn is a list of pieces (character spans without the dash), with the tag's
verb and subject when there is one.

**Turn-taking.** Quotes with nothing but space between are two turns by two
speakers; a short narrative sentence right before a quote names its speaker (an
action beat). See :class:`Turns`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from dateline.stages.quotes.marks import Marked

#: A dash that opens a sentence (text start, after a sentence end or a colon).
_OPENER = re.compile(r"(?:^|(?<=[.!?:])|(?<=[.!?:][\"”’)]))\s*(?:—|―|–|--)\s+(?=[^\s—―–-])")
#: "— I —": a chapter heading between dashes, not a turn.
_HEADING = re.compile(r"\S{1,8}\s+[—―–]")
#: Where a sentence ends inside a turn: end punctuation, then space.
_SENTENCE_END = re.compile(r"[.!?]+[\"”’)]*(?=\s|$)")
#: Turns need this many opening dashes, and several times the quoted stretches.
MIN_DASHES = 5
DASHES_PER_QUOTE = 3
#: Words a dialogue tag may run to after its verb and subject ("he said with energy").
TAG_WORDS = 5
_FIRST_SECOND = frozenset("i we you me us".split())
_TAG_SUBJECTS = frozenset("he she i we they it".split())
#: Pronouns that name a person speaking.
_PERSONS = frozenset("he she i we they".split())


@dataclass
class Turn:
    """One dash-opened turn: its pieces, and the verb and subject of its tag."""

    pieces: list[tuple[int, int]] = field(default_factory=list)
    verb: Any = None
    speaker: Any = None


def dash_style(text: str, quoted: int) -> bool:
    """Whether ``text`` marks dialogue with dashes (``quoted``: its quoted stretches)."""
    dashes = sum(1 for _ in _OPENER.finditer(text))
    return dashes >= MIN_DASHES and dashes >= DASHES_PER_QUOTE * quoted


class _Tokens:
    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.starts: list[int] = doc.to_array("IDX").tolist()

    def at(self, pos: int) -> int:
        """Index of the first token starting at or after ``pos``."""
        return bisect.bisect_left(self.starts, pos)

    def within(self, start: int, end: int) -> Any:
        return self.doc[self.at(start) : self.at(end)]


def _tag(toks: _Tokens, pos: int, end: int) -> tuple[Any, Any, int] | None:
    """A dialogue tag starting at ``pos``: (verb, subject, index of its last token)."""
    doc = toks.doc
    k = toks.at(pos)
    if k >= len(doc) or doc[k].idx >= end:
        return None
    first = doc[k]
    if first.pos_ == "VERB" and first.text[:1].islower():  # said Buck Mulligan
        j = k + 1
        while j < len(doc) and doc[j].pos_ == "DET":
            j += 1
        if j < len(doc) and doc[j].pos_ in ("PROPN", "NOUN", "PRON") and _bare(first):
            while j + 1 < len(doc) and doc[j + 1].pos_ == "PROPN":
                j += 1
            return first, doc[j], j
        return None
    j = k
    if first.pos_ == "PROPN":
        while j + 1 < len(doc) and doc[j + 1].pos_ == "PROPN":
            j += 1
    elif not (first.pos_ == "PRON" and first.lower_ in _TAG_SUBJECTS):
        return None
    v = j + 1
    while v < len(doc) and doc[v].pos_ == "ADV" and v - j <= 2:
        v += 1
    if v < len(doc) and doc[v].pos_ == "VERB" and doc[v].idx < end and _bare(doc[v]):
        return doc[v], doc[j], v
    return None


def _bare(verb: Any) -> bool:
    """A tag's verb takes no clause of its own ("he began to shave" is narration)."""
    return not any(c.dep_ in ("xcomp", "ccomp") and c.i > verb.i for c in verb.children)


def _past(t: Any) -> bool:
    """A verb in a past tense: ``shaved``, ``had answered``, ``was caught``."""
    if t.tag_ == "VBD":
        return True
    return t.tag_ == "VBN" and any(
        c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in t.children
    )


def _narration(toks: _Tokens, start: int, end: int) -> bool:
    """A sentence of narration: its main verb in the past, its subject not I, we or you."""
    for t in toks.within(start, end):
        main = t.dep_ == "ROOT" or (t.dep_ == "conj" and t.head.dep_ == "ROOT")
        if main and t.pos_ in ("VERB", "AUX") and _past(t):
            subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj and subj[0].lower_ not in _FIRST_SECOND:
                return True
    return False


def _sentences(text: str, start: int, stop: int) -> list[tuple[int, int, str]]:
    """Sentences of ``text[start:stop]`` as (start, end, last punctuation mark)."""
    out = []
    pos = start
    for m in _SENTENCE_END.finditer(text, start, stop):
        nxt = text[m.end() : m.end() + 2].strip()[:1]
        if m.group()[0] in "!?" and nxt.islower():
            continue  # "Come here! he said": the sentence goes on
        out.append((pos, m.end(), m.group()[0]))
        pos = m.end()
        while pos < stop and text[pos].isspace():
            pos += 1
    if text[pos:stop].strip():
        out.append((pos, len(text[:stop].rstrip()), ""))
    return out


def dash_turns(text: str, doc: Any) -> list[Turn]:
    """Every dash-opened turn of ``text`` (call only when :func:`dash_style` holds)."""
    if doc is None:
        return []
    toks = _Tokens(doc)
    openers = list(_OPENER.finditer(text))
    turns = []
    for n, m in enumerate(openers):
        if _HEADING.match(text, m.end()):
            continue
        stop = openers[n + 1].start() if n + 1 < len(openers) else len(text)
        newline = text.find("\n", m.end(), stop)
        stop = newline if newline >= 0 else stop  # a turn ends with its paragraph
        colon = text[: m.start()].rstrip().endswith(":")
        turn = Turn()
        piece_start: int | None = m.end()
        for k, (s, e, _) in enumerate(_sentences(text, m.end(), stop)):
            if k and e >= _end_before(text, stop) and text[s:e].rstrip().endswith(":"):
                # "He added in a preacher's tone:" introduces the next turn
                if piece_start is not None:
                    turn.pieces.append((piece_start, _end_before(text, s)))
                piece_start = None
                break
            if piece_start is None:  # after a tag: speech resumes unless narration follows
                if _narration(toks, s, e):
                    break
                piece_start = s
            tag = _tag_inside(text, toks, s, e)
            if tag is not None:
                verb, who, cut = tag
                turn.verb, turn.speaker = turn.verb or verb, turn.speaker or who
                if cut is not None:
                    turn.pieces.append((piece_start, cut))
                    piece_start = None
                continue
            if _narration(toks, s, e) and not (k == 0 and colon):
                if k > 0:
                    turn.pieces.append((piece_start, _end_before(text, s)))
                piece_start = None
                break
        else:
            if piece_start is not None:
                turn.pieces.append((piece_start, _end_before(text, stop)))
        turn.pieces = [(a, b) for a, b in turn.pieces if b > a]
        if colon and turn.verb is None:  # His mother said: — …
            turn.verb, turn.speaker = _introduction(toks, m.start())
        if turn.pieces:
            turns.append(turn)
    return turns


def _introduction(toks: _Tokens, colon: int) -> tuple[Any, Any]:
    """The verb before a colon that hands over to a turn, and its subject."""
    doc = toks.doc
    k = toks.at(colon) - 1
    while k >= 0 and doc[k].text in (":", " ") or k >= 0 and doc[k].is_space:
        k -= 1
    for t in reversed(doc[max(0, k - 8) : k + 1]):
        if t.pos_ == "VERB":
            subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
            return (t, subj) if subj is not None else (None, None)
        if t.text in ".!?":
            break
    return None, None


def _end_before(text: str, pos: int) -> int:
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    return pos


def _tag_inside(text: str, toks: _Tokens, s: int, e: int) -> tuple[Any, Any, int | None] | None:
    """A dialogue tag in this sentence: (verb, subject, end of the speech before it).

    A tag that ends the sentence (``— Thanks, old chap, he cried briskly.``) ends the
    piece; one followed by more of the same sentence (``— Look, he said, at this!``)
    stays inside it, and the end is ``None``.
    """
    for m in re.finditer(r"[,!?]\s+", text[s:e]):
        cut = s + m.start() + 1
        tag = _tag(toks, s + m.end(), e)
        if tag is None:
            continue
        verb, who, last = tag
        rest = text[toks.doc[last].idx + len(toks.doc[last]) : e]
        if len(rest.split()) > TAG_WORDS:
            continue  # "Halted, he peered down the dark winding stairs and …": narration
        if rest.strip()[:1] == ",":
            return verb, who, None  # "— Look, he said, at this!": one piece
        return verb, who, cut
    return None


class Turns:
    """Who speaks in a run of dialogue, quote by quote (for quotes without a tag).

    Two quotes with nothing but space between are two turns, by two speakers: the
    second goes to the last earlier speaker who is not the first one's. A short
    narrative sentence right before a quote ("He bridled. "Well, …"") names its
    speaker by its subject (an action beat).
    """

    #: Quotes looked back over for the other speaker of an exchange.
    LOOK_BACK = 8

    def __init__(self, text: str, doc: Any, marked: Sequence[Marked], resolver: Any) -> None:
        self.text, self.doc, self.marked, self.resolver = text, doc, marked, resolver
        self.who: dict[int, Any] = {}

    def known(self, found: Sequence[Any]) -> None:
        """Take the speakers of records that already hold quoted pieces (``content``)."""
        owner = {p: k for k, m in enumerate(self.marked) for p in m.pieces}
        for f in found:
            for piece in f.content:
                if piece in owner and f.speaker_tok is not None:
                    self.who[owner[piece]] = f.speaker_tok

    def said(self, i: int, tok: Any) -> None:
        """Quote ``i`` (an index into the quoted stretches) was said by ``tok``."""
        if tok is not None:
            self.who[i] = tok

    def _key(self, tok: Any) -> str:
        sp = self.resolver.resolve(tok, before=tok.idx)
        return (sp.entity or sp.text.lower()) if sp is not None else tok.lower_

    def next_speaker(self, i: int, starts: list[int]) -> Any:
        """The speaker of quote ``i`` by turn-taking or an action beat, if any."""
        marked, text = self.marked, self.text
        if i == 0:
            return None
        gap = text[marked[i - 1].close_at + 1 : marked[i].open_at]
        if "\n" in gap:
            return None
        if not gap.strip():
            last = self.who.get(i - 1)
            if last is None:
                return None
            key = self._key(last)
            for k in range(i - 2, max(-1, i - 2 - self.LOOK_BACK), -1):
                tok = self.who.get(k)
                if tok is not None and self._key(tok) != key:
                    return tok
            return None
        return self._beat(marked[i].open_at, starts) if len(gap.split()) <= 12 else None

    def _beat(self, at: int, starts: list[int]) -> Any:
        """The subject of the sentence right before a quote, when it is a person."""
        doc = self.doc
        k = bisect.bisect_left(starts, at) - 1
        if k < 0 or doc[k].text not in (".", "!", "?"):
            return None
        root = doc[k].sent.root
        subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
        if subj is None:
            return None
        if subj.pos_ == "PROPN" or (subj.pos_ == "PRON" and subj.lower_ in _PERSONS):
            return subj
        return None
