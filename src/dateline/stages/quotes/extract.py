"""Find statements, their cues and speakers in one parsed article.

The cue drives everything: a verb of saying (or "according to", or a noun like
"claim") whose clause holds the statement. Its complement clause is the content
of reported speech; when that clause is (mostly) inside quotation marks, or the
cue sits right next to a quoted stretch, the statement is direct speech with the
quoted text as content. Quoted stretches no cue claims are direct quotes only when
they read like statements (several words, a verb or final punctuation); a nearby
earlier quote lends them its speaker. Speakers resolve to the article's entities by
overlap with their mentions, pronouns by recency.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from dateline.records import Cue, Entity, Quote, Timex
from dateline.stages.quotes import lexicon as lx
from dateline.stages.quotes import speakers as sp
from dateline.stages.quotes.dialogue import Turns, dash_style, dash_turns
from dateline.stages.quotes.marks import Marked, find_marked
from dateline.stages.quotes.speakers import SpeakerResolver

_SMALL_WORDS = frozenset("a an the of and or in on at to for with by from as".split())
#: How a short quote that is a turn of dialogue ends (inside its marks).
_TURN_END = ".?!,;:"
#: What may stand before a quote that opens a sentence: its end, a closing mark, a bracket.
_SENTENCE_GAP = ".?!:;\"”’'»)("
_DASHES = ("—", "–", "--", "-")
#: Tokens a closing quotation mark may be split into.
_QUOTE_TOKENS = frozenset({'"', "'", "''", "”", "’", "»", "›", "’”", "'\"", "\"'"})
#: A naming word shortly before a quote, in the same clause ("so-called", "dubbed it",
#: "called the attack"): the quote is a name or a description, not a statement.
_NAMING = re.compile(
    r"\b(?:so-called|called|dubbed|titled|entitled|named|known as|nicknamed|labell?ed)"
    r"(?:\s+[\w'’-]+){0,3}\s*$",
    re.IGNORECASE,
)
_PUNCT_EDGE = " \t\n,;:.\"“”«»„'‘’-—–"
#: A closing mark after a comma (or ? !) and at most a short subject before a verb.
_STRAY_TAG = re.compile(r"[,?!]\s*([\"”’']+)\s*(?:(?:[A-Z][\w.’'-]*|he|she|they|we|it)\s+){0,4}$")
#: Opening quotation marks (a straight mark after a space or at a line start).
_OPENERS = re.compile(r"“|(?:(?<=\s)|^)[\"']", re.MULTILINE)


@dataclass
class _Found:
    content: list[tuple[int, int]]
    kind: str
    cue: Any  # the cue token (verb, noun or "according")
    cue_span: tuple[int, int]
    speaker_tok: Any = None
    confidence: float = 0.9
    marked: Marked | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _tokens_in(doc: Any, start: int, end: int) -> list[Any]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _PUNCT_EDGE:
        start += 1
    while end > start and text[end - 1] in _PUNCT_EDGE:
        end -= 1
    return start, end


def _trim_quoted(text: str, start: int, end: int) -> tuple[int, int]:
    """Quoted text keeps its own punctuation ("Good night, Sir John," as printed)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _inside(marked: Sequence[Marked], pos: int) -> Marked | None:
    for m in marked:
        if m.open_at <= pos <= m.close_at:
            return m
    return None


def _cue_span(verb: Any) -> tuple[int, int]:
    """Auxiliaries, negation and a particle around the verb: "has stated", "pointed out"."""
    lefts = [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i]
    start_tok = min([verb, *lefts], key=lambda t: t.i)
    # keep only a contiguous verb group (no subject between aux and verb)
    if any(t.dep_.startswith("nsubj") for t in verb.doc[start_tok.i : verb.i]):
        start_tok = verb
    end_tok = verb
    for c in verb.children:
        if c.dep_ == "prt" and c.i == verb.i + 1:
            end_tok = c
    doc = verb.doc
    while start_tok.i > 0:  # "also said", "has repeatedly accused"
        prev = doc[start_tok.i - 1]
        adverb = prev.dep_ == "advmod" and prev.head.i == verb.i
        if adverb and prev.lower_ not in lx.NON_CUE_ADVERBS:
            start_tok = prev
        else:
            break
    if end_tok.i + 1 < len(doc) and doc[end_tok.i + 1].text == ":":
        end_tok = doc[end_tok.i + 1]  # "replied:" hands over to the quote
    return start_tok.idx, end_tok.idx + len(end_tok)


#: Lemmas the small English model gets wrong for cue verbs ("hopes" -> "hop").
_LEMMA_FIXES = {"hop": ("hope", "hopes", "hoped", "hoping")}


def _lem(tok: Any) -> str:
    """The token's lower-case lemma, with the model's known slips on cue verbs mended."""
    lemma = str(tok.lemma_).lower()
    fix = _LEMMA_FIXES.get(lemma)
    if fix is not None and tok.lower_ in fix[1:]:
        return fix[0]
    return lemma


def _lemma(verb: Any) -> str:
    prt = [c for c in verb.children if c.dep_ == "prt" and c.i == verb.i + 1]
    return f"{_lem(verb)} {prt[0].lower_}" if prt else _lem(verb)


def _is_cue_verb(tok: Any) -> bool:
    lemma = _lem(tok)
    if tok.pos_ not in ("VERB", "AUX") or lemma not in lx.SPEECH_VERBS:
        return False
    need = lx.PARTICLE_CUES.get(lemma)
    if need and not any(c.dep_ == "prt" and c.lower_ == need for c in tok.children):
        return False
    return True


def _subject(verb: Any, marked: Sequence[Marked] = ()) -> Any:
    """The speaker token: the verb's subject, or its governing verb's ("..., adding that").

    A participle on a noun speaks for the noun ("voters saying ..."), unless the noun is
    an utterance its maker put out ("issued a statement saying ..."); a gerund after a
    preposition ("ended by saying") takes the subject of the verb it modifies.
    """
    t = verb
    for _ in range(6):
        subs = [
            c
            for c in t.children
            if c.dep_ in ("nsubj", "nsubjpass") and c.i != verb.i and _inside(marked, c.idx) is None
        ]
        if subs:
            c = min(subs, key=lambda c: abs(c.i - t.i))  # the others are misparses
            if c.dep_ == "nsubjpass" and t.i == verb.i:
                return None  # "it was reported that ...": no speaker in the clause
            return c
        if t.dep_ in ("advcl", "conj", "xcomp", "ccomp", "acomp") and t.head.i != t.i:
            up = t.head
            if t.dep_ in ("advcl", "conj") and up.dep_ == "ccomp" and _is_cue_verb(up.head):
                up = up.head  # "X said Y had won and added ...": X added, not Y
            t = up
            continue
        if t.dep_ == "dep" and t.head.pos_ == "VERB" and t.head.i < t.i:
            t = t.head  # "raised a hand, then leaned in and ...": an unlabelled second verb
            continue
        if t.dep_ == "acl" and t.head.i != t.i:
            noun = t.head
            if noun.pos_ in ("VERB", "AUX"):
                t = noun
                continue
            if noun.lemma_.lower() in sp.UTTERANCE_NOUNS and noun.dep_ in ("dobj", "pobj"):
                t = sp.governing_verb(noun)
                if t is None:
                    return None
                continue
            if noun.pos_ not in ("NOUN", "PROPN", "PRON"):
                return None
            # "Smith's decision to announce ...": the possessor; else the noun itself
            return next((c for c in noun.children if c.dep_ == "poss"), noun)
        if t.dep_ == "pcomp" and t.head.dep_ == "prep" and t.head.head.pos_ in ("VERB", "AUX"):
            t = t.head.head
            continue
        break
    quoted = lambda pos: _inside(marked, pos) is not None  # noqa: E731
    found = sp.inverted_subject(verb)  # ", said Jane Roe, a lawyer,"
    if found is not None and not quoted(found.idx):
        return found
    found = sp.surface_subject(verb, quoted)
    if found is None and t.i != verb.i and t.pos_ in ("VERB", "AUX"):
        found = sp.surface_subject(t, quoted)  # "X issued a statement saying"
    return found


def _clause_span(text: str, head: Any, exclude: list[Any]) -> tuple[int, int] | None:
    """Characters of ``head``'s subtree minus the subtrees in ``exclude`` (kept contiguous)."""
    banned: set[int] = set()
    for ex in exclude:
        banned.update(t.i for t in ex.subtree)
    toks = [t for t in head.subtree if t.i not in banned]
    if not toks:
        return None
    # keep the longest contiguous run around the head
    ids = sorted(t.i for t in toks)
    runs: list[list[int]] = [[ids[0]]]
    for i in ids[1:]:
        if i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    run = next((r for r in runs if head.i in r), max(runs, key=len))
    doc = head.doc
    start, end = doc[run[0]].idx, doc[run[-1]].idx + len(doc[run[-1]])
    start, end = _trim(text, start, end)
    return (start, end) if end > start else None


def _attribution_parts(comp: Any) -> list[Any]:
    """Sub-clauses inside a complement that attribute it again (", as Abe said") — cut off."""
    return [
        c
        for c in comp.subtree
        if c.dep_ in ("advcl", "parataxis") and any(_is_cue_verb(t) for t in c.subtree)
    ]


_ARGUMENT_DEPS = ("dobj", "dative", "prep", "oprd", "xcomp", "ccomp", "pcomp", "attr")


def _agent(verb: Any) -> Any:
    """Who holds the attitude: the subject (a relative clause's noun), never a dummy."""
    subj = _subject(verb)
    if subj is None:
        return None
    if subj.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
        return verb.head
    if subj.lower_ in lx.NON_AGENTS or subj.pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    return subj


def _complement(verb: Any) -> Any:
    for c in verb.children:
        if c.dep_ == "ccomp":
            return c
    return None


def _speaker_of(verb: Any, marked: Sequence[Marked]) -> Any:
    """The subject, never a quoted stretch; for "…," said the man: the noun after the verb."""
    subj = _subject(verb, marked)
    if subj is not None and _inside(marked, subj.idx) is None:
        return subj
    after = sp.inverted_subject(verb)
    if after is not None and _inside(marked, after.idx) is None:
        return after
    for c in verb.children:
        if (
            c.i > verb.i
            and c.dep_ in ("nsubj", "dobj", "attr", "npadvmod", "nsubjpass")
            and c.pos_ in ("NOUN", "PROPN", "PRON")
            and _inside(marked, c.idx) is None
        ):
            return c
    return None


def _verb_before(tok: Any) -> Any:
    """The verb closing the words just before ``tok`` ("leaned in and boomed" before a colon)."""
    doc = tok.doc
    for t in reversed(doc[max(tok.sent.start, tok.i - 5) : tok.i]):
        if t.pos_ == "VERB" and (
            t.tag_ in ("VBD", "VBZ", "VBP") or t.dep_ in ("advcl", "conj", "xcomp", "ROOT")
        ):
            return t
        if t.is_punct:
            return None
    return None


_NOT_SPEAKERS = frozenset("that this these those there what which".split())


def _speaker_near(text: str, doc: Any, m: Marked, marked: Sequence[Marked]) -> Any:
    """A quote no cue claimed: the subject of the clause around it, or of the verb after it.

    ``She promised to "…"`` / ``"…," a staffer wondered``: the verb need not be a cue.
    """
    toks = _tokens_in(doc, m.start, m.end)
    last = text[m.start : m.end].rstrip(" \n\"'‘’“”«»")[-1:]  # its own final punctuation
    for t in toks:
        h = t.head
        if t.dep_ == "punct" or h.i == t.i or m.open_at <= h.idx <= m.close_at:
            continue
        for _ in range(4):  # up from a noun or preposition to its verb
            if h.pos_ in ("VERB", "AUX") or h.head.i == h.i:
                break
            h = h.head
        if h.lemma_ == "be" and h.dep_ in ("ccomp", "conj") and h.head.pos_ == "VERB":
            h = h.head  # "noting the plan is “a disaster”": the one who noted it
        elif h.lemma_ == "be":
            break  # "the album is “almost done”": the album is not speaking
        if h.idx < m.open_at:
            between = text[h.idx + len(h) : m.open_at]
        else:
            between = text[m.close_at + 1 : h.idx]
            if last == "." or (last in "?!" and not between.strip()[:1].islower()):
                break  # the quote ended its sentence
        if any(c in between for c in ".!?"):
            break  # another sentence governs it (a misparse across the full stop)
        if h.pos_ in ("VERB", "AUX") and _inside(marked, h.idx) is None:
            speaker = _speaker_of(h, marked)
            if speaker is not None and speaker.lower_ not in _NOT_SPEAKERS:
                return speaker
        break
    if toks:
        before = doc[toks[0].sent.start : toks[0].i]
        colon = next((t for t in reversed(before) if t.text == ":"), None)
        if colon is not None and colon.idx < m.open_at and not _inside(marked, colon.idx):
            named = sp.headline_speaker(colon)  # "Jane Roe: Taxes ‘will not rise’"
            if named is not None:
                return named
    after = [t for t in doc[toks[-1].i + 1 : toks[-1].i + 20] if t.idx > m.close_at] if toks else []
    if after and sp.signed_name(after[0]) is not None:
        return sp.signed_name(after[0])  # '"…" - Jane Roe.'
    if not after or last == "." or (last in "?!" and not after[0].is_lower):
        return None  # the quote ended its sentence
    for t in after:
        if t.text in (".", "!", "?", ";", ":") or "\n" in t.text or _inside(marked, t.idx):
            break
        if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
            return next((c for c in doc[t.i + 1].children if c.dep_ == "pobj"), None)
        if t.pos_ == "VERB" and t.tag_ in ("VBD", "VBZ", "VBP", "VB"):
            speaker = _speaker_of(t, marked)
            return speaker if speaker is not None and speaker.lower_ not in _NOT_SPEAKERS else None
        if t.pos_ in ("VERB", "AUX") and t.dep_ != "amod":
            break
    return None


class _Finder:
    def __init__(
        self,
        text: str,
        doc: Any,
        entities: Sequence[Entity],
        published: dt.date | None,
        timexes: Sequence[Timex],
    ) -> None:
        self.text, self.doc = text, doc
        self.published = published
        self.timexes = timexes
        self.marked = [m for m in find_marked(text)]
        self.resolver = SpeakerResolver(text, doc, entities)
        self.claimed: set[int] = set()  # indexes of marked spans attributed to a cue

    # --- cues -----------------------------------------------------------------------------

    def from_verbs(self) -> list[_Found]:
        found = []
        for tok in self.doc:
            if tok.pos_ not in ("VERB", "AUX") or _inside(self.marked, tok.idx):
                continue
            lemma = _lem(tok)
            f = self._from_light(tok) if lemma in lx.LIGHT_VERBS else None
            if f is None and _is_cue_verb(tok):
                f = self._from_verb(tok)
            if f is None and tok.pos_ == "VERB" and lemma in lx.FRAMES:
                f = self._from_frame(tok)
            if f is None and lemma == "be":
                f = self._from_attitude(tok)
            if f is not None:
                found.append(f)
        return self._chained(found)

    @staticmethod
    def _chained(found: list[_Found]) -> list[_Found]:
        """An infinitive cue takes in the verb it completes: "refused to concede",
        "went on to say", "is continuing to insist"; the governing verb's own record of
        the same content gives way."""
        absorbed: set[int] = set()
        for f in found:
            tok = f.cue
            head = tok.head
            if (
                tok.dep_ == "xcomp"
                and tok.tag_ == "VB"
                and head.pos_ in ("VERB", "AUX")
                and 0 < tok.i - head.i <= 6
                and head.lemma_ != "be"
            ):
                f.cue_span = (min(_cue_span(head)[0], f.cue_span[0]), f.cue_span[1])
                absorbed.add(head.i)
        return [f for f in found if f.cue.i not in absorbed]

    def _from_light(self, verb: Any) -> _Found | None:
        """A light verb and its stance noun as one cue: "raised concerns about …",
        "took aim at …", "made the case that …", "made (it) clear that …"."""
        agent = _agent(verb)
        if agent is None:
            return None
        kids = [c for c in verb.children if c.i > verb.i]
        start = _cue_span(verb)[0]
        if _lem(verb) == "make":
            clear = next(
                (c for c in kids if c.lower_ in ("clear", "plain") and c.i <= verb.i + 2), None
            )
            if clear is not None:
                comp = next(
                    (
                        c
                        for c in [*clear.children, *kids]
                        if c.i > clear.i
                        and (c.dep_ == "ccomp" or c.dep_ == "advcl" and c.head.i == clear.i)
                    ),
                    None,
                )  # "made it clear that …" (the clause parsed as a ccomp or on "clear")
                span = self._content_span(verb, comp) if comp is not None else None
                if span is None:
                    return None
                return _Found([span], "indirect", verb, (start, clear.idx + len(clear)), agent, 0.6)
        obj = next((c for c in kids if c.dep_ == "dobj"), None)
        if obj is None or _lem(obj) not in lx.LIGHT_NOUNS or obj.i > verb.i + 5:
            return None
        if _inside(self.marked, obj.idx):
            return None
        prep = next(
            (
                c
                for c in obj.children
                if c.dep_ == "prep" and c.lower_ in lx.LIGHT_PREPS and c.i > obj.i
            ),
            None,
        ) or next(
            (
                c
                for c in kids
                if c.dep_ == "prep" and c.lower_ in lx.LIGHT_PREPS and c.i == obj.i + 1
            ),
            None,
        )
        if prep is not None and prep.i <= obj.i + 1:
            arg = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
            if arg is None:
                return None
            span = self._argument_span(prep, arg)
            if span is None:
                return None
            return _Found([span], "indirect", verb, (start, prep.idx + len(prep)), agent, 0.6)
        comp = next((c for c in obj.children if c.dep_ in ("acl", "ccomp") and c.i > obj.i), None)
        if comp is None:
            return None
        span = _clause_span(self.text, comp, [])
        if span is None:
            return None
        return _Found([span], "indirect", verb, (start, obj.idx + len(obj)), agent, 0.6)

    def _from_attitude(self, be: Any) -> _Found | None:
        """A copula and an adjective of attitude: "is critical of …", "was adamant that …"."""
        adj = next((c for c in be.children if c.dep_ == "acomp" and c.i > be.i), None)
        if adj is None or adj.lower_ not in lx.ATTITUDE_ADJS or adj.i > be.i + 4:
            return None
        agent = _agent(be)
        if agent is None:
            return None
        start = _cue_span(be)[0]
        prep = next(
            (
                c
                for c in adj.children
                if c.dep_ == "prep" and c.lower_ in lx.ATTITUDE_PREPS and c.i == adj.i + 1
            ),
            None,
        )
        if prep is not None:
            arg = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
            span = self._argument_span(prep, arg) if arg is not None else None
            if span is None:
                return None
            return _Found([span], "indirect", be, (start, prep.idx + len(prep)), agent, 0.6)
        comp = next(
            (
                c
                for c in [*adj.children, *be.children]
                if c.dep_ in ("ccomp", "xcomp") and c.i > adj.i
            ),
            None,
        )
        if comp is None:
            return None
        end = adj.idx + len(adj)
        if comp.dep_ == "ccomp":
            span = self._content_span(be, comp)
        else:  # "was quick to embrace the mogul": the cue runs to the inner verb
            span = self._argument_span(adj, comp)
            inner = [c for c in comp.children if c.i > comp.i and c.dep_ in ("dobj", "prep")]
            if inner and inner[0].i == comp.i + 1:
                first = inner[0]
                if first.dep_ == "prep":
                    arg = next((c for c in first.children if c.dep_ in ("pobj", "pcomp")), None)
                    span = self._argument_span(first, arg) if arg is not None else None
                    end = first.idx + len(first)
                else:
                    span = self._argument_span(comp, first)
                    end = comp.idx + len(comp)
        if span is None:
            return None
        return _Found([span], "indirect", be, (start, end), agent, 0.6)

    def _from_frame(self, verb: Any) -> _Found | None:
        """An attitude or speech act whose argument is content ("vowed to …", "accused X of …")."""
        frames = lx.FRAMES[_lem(verb)]
        agent = _agent(verb)
        confidence = 0.6
        patient = None  # a passive's subject: what was "rejected by 64 percent of voters"
        if agent is None:
            if not any(c.dep_ == "auxpass" for c in verb.children):
                return None
            by = next((c for c in verb.children if c.dep_ == "agent"), None)
            agent = by and next((c for c in by.children if c.dep_ == "pobj"), None)
            patient = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            if patient is not None and patient.lower_ in lx.NON_AGENTS:
                patient = None
            confidence = 0.5
            if agent is None:
                return None  # "was shown again": no one holds the attitude
        kids = [c for c in verb.children if c.i > verb.i]
        comp = next((c for c in kids if c.dep_ == "ccomp"), None)
        xcomp = next((c for c in kids if c.dep_ == "xcomp"), None)
        obj = next((c for c in kids if c.dep_ in ("dobj", "dative")), None)
        cue = _cue_span(verb)
        span: tuple[int, int] | None = None
        for frame in frames:
            if frame == "o" and patient is not None and obj is None:
                span = _clause_span(self.text, patient, [])
            elif frame == "c" and comp is not None:
                span = self._content_span(verb, comp)
            elif frame == "x" and xcomp is not None and (obj is None or "o" not in frames):
                span = self._argument_span(verb, obj or xcomp)
            elif (
                frame == "o"
                and obj is not None
                and (obj.lower_ not in lx.NON_AGENTS or any(c.dep_ == "oprd" for c in kids))
            ):  # "called it “a disaster”": a naming takes even "it"
                span = self._argument_span(verb, obj)
            elif len(frame) > 1:
                prep = next((c for c in kids if c.dep_ == "prep" and c.lower_ == frame), None)
                arg = prep and next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
                if (
                    prep is not None
                    and arg is None
                    and prep.i == verb.i + 1
                    and prep.i + 1 < len(self.doc)
                ):
                    # "called on Snyder to resign" (parsed as a bare preposition)
                    after = [c for c in kids if c.i > prep.i and c.dep_ in _ARGUMENT_DEPS]
                    if after:
                        arg = self.doc[prep.i + 1]
                if prep is None:  # "calling for Trump to be banned": "for" marks a clause
                    clause = next((c for c in kids if c.dep_ == "advcl" and any(
                        m.dep_ == "mark" and m.lower_ == frame and m.i == verb.i + 1
                        for m in c.children)), None)  # fmt: skip
                    if clause is not None and clause.left_edge.i == verb.i + 1:
                        mark = self.doc[verb.i + 1]
                        last = clause.right_edge
                        span = _trim(self.text, mark.idx + len(mark), last.idx + len(last))
                        span = span if span[1] > span[0] else None
                        cue = (cue[0], max(cue[1], mark.idx + len(mark)))
                if prep is not None and arg is not None and prep.i <= verb.i + 2:
                    span = self._argument_span(verb, arg)
                    cue = (cue[0], max(cue[1], prep.idx + len(prep)))
            if span is not None:
                break
        oprd = next((c for c in kids if c.dep_ == "oprd"), None)
        if span is None and "o" in frames and obj is None and oprd is not None:
            span = self._argument_span(verb, oprd)  # "what it calls “sensible laws”"
        if span is None or _inside(self.marked, span[0]) and _inside(self.marked, span[1] - 1):
            if oprd is None or span is None:
                return None
        return _Found([span], "indirect", verb, cue, agent, confidence)

    def _argument_span(self, verb: Any, first: Any) -> tuple[int, int] | None:
        """From ``first`` to the end of the verb's last argument after it (object, clause, PP)."""
        last = first.right_edge
        for c in verb.children:
            if c.i > first.i and c.dep_ in _ARGUMENT_DEPS:
                last = max(last, c.right_edge, key=lambda t: t.i)
        start, end = _trim(self.text, first.left_edge.idx, last.idx + len(last))
        return (start, end) if end > start else None

    def _from_verb(self, verb: Any) -> _Found | None:
        comp = _complement(verb)
        near = self._adjacent_marked(verb)
        if comp is not None:
            span = self._content_span(verb, comp)
            if span is None:
                return None
            inside = [i for i, m in enumerate(self.marked) if m.start < span[1] and span[0] < m.end]
            if inside:
                quoted = sum(
                    max(0, min(pe, span[1]) - max(ps, span[0]))
                    for i in inside
                    for ps, pe in self.marked[i].pieces
                )
                outside_words = len(self.text[span[0] : span[1]].split()) - sum(
                    len(self.text[ps:pe].split())
                    for i in inside
                    for ps, pe in self.marked[i].pieces
                )
                if quoted >= 0.6 * (span[1] - span[0]) or outside_words <= 2:
                    m = self.marked[inside[0]]
                    self.claimed.update(inside)
                    pieces = [p for i in inside for p in self.marked[i].pieces]
                    nxt = self._continuation(self.marked[inside[-1]], verb)
                    if nxt is not None and self.marked.index(nxt) not in self.claimed:
                        self.claimed.add(self.marked.index(nxt))
                        pieces += list(nxt.pieces)
                    return _Found(
                        pieces,
                        "direct",
                        verb,
                        _cue_span(verb),
                        _speaker_of(verb, self.marked),
                        0.95,
                        m,
                    )
                self.claimed.update(inside)
                return _Found(
                    [span], "mixed", verb, _cue_span(verb), _speaker_of(verb, self.marked), 0.85
                )
            return _Found([span], "indirect", verb, _cue_span(verb), _subject(verb), 0.8)
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if (
            obj is not None
            and near is None
            and _lem(verb) in lx.OBJECT_CUES
            and not (obj.pos_ == "PRON" and obj.lower_ in ("it", "this", "that", "nothing"))
        ):
            span = (
                self._content_span(verb, obj)
                if _lem(verb) in lx.SAY_VERBS
                else (_clause_span(self.text, obj, []))
            )
            if span is not None and not _inside(self.marked, span[0]):
                return _Found([span], "indirect", verb, _cue_span(verb), _subject(verb), 0.7)
        as_clause = (
            verb.dep_ == "advcl"
            and verb.head.dep_ != "ccomp"  # inside another statement: that cue's content
            and any(c.dep_ == "mark" and c.lower_ == "as" and c.i < verb.i for c in verb.children)
        )  # "As The Times reported, …"
        if (
            (verb.dep_ == "parataxis" or as_clause)
            and verb.head.pos_ in ("VERB", "AUX")
            and near is None
        ):
            # "This campaign, he says, is different": the host clause is the statement
            pieces = self._around(verb.head, verb)
            if pieces:
                return _Found(pieces, "indirect", verb, _cue_span(verb), _subject(verb), 0.75)
        if (
            near is not None
            and _lem(verb) not in lx.CLAUSE_ONLY
            and (self._statement_like(near) or _lem(verb) in lx.SAY_VERBS)
        ):
            idx = self.marked.index(near)
            self.claimed.add(idx)
            pieces = list(near.pieces)
            nxt = self._continuation(near, verb)
            if nxt is not None:
                self.claimed.add(self.marked.index(nxt))
                pieces += list(nxt.pieces)
            return _Found(
                pieces, "direct", verb, _cue_span(verb), _speaker_of(verb, self.marked), 0.95, near
            )
        return None

    def _content_span(self, verb: Any, comp: Any) -> tuple[int, int] | None:
        """The statement a cue's complement clause makes.

        After the cue it runs to the end of the sentence (so a misattached phrase is
        not lost), stopping before a comma-separated clause that attributes again
        (", as Abe said", ", adding that"). Before the cue ("Talks failed, he said")
        it is the clause itself.
        """
        doc, text = self.doc, self.text
        if comp.i < verb.i:
            return _clause_span(text, comp, _attribution_parts(comp))
        first = comp.left_edge
        while first.dep_ == "mark" and first.lower_ == "that" and first.i < comp.i:
            first = doc[first.i + 1]
        sent_end = comp.sent.end
        end_tok = doc[sent_end - 1]
        for t in doc[comp.i + 1 : sent_end]:
            if t.i == verb.i:
                continue
            if _is_cue_verb(t) or (t.lower_ == "according" and t.i + 1 < len(doc)):
                cut = t.left_edge if t.left_edge.i > first.i else t
                before = text[first.idx : cut.idx].rstrip()
                last_word = before.rsplit(None, 1)[-1].lower() if before.strip() else ""
                if before.endswith((",", ";", "—", "–")) or last_word in ("and", "but", "or"):
                    end_tok = doc[max(first.i, cut.i - 1)]
                    while end_tok.i > first.i and end_tok.lower_ in ("and", "but", "or", ",", ";"):
                        end_tok = doc[end_tok.i - 1]
                    break
        start, end = _trim(text, first.idx, end_tok.idx + len(end_tok))
        return (start, end) if end > start else None

    def _around(self, host: Any, inner: Any) -> list[tuple[int, int]]:
        """The host clause as pieces on either side of the inserted attribution."""
        lo, hi = inner.left_edge.i, inner.right_edge.i
        sub = list(host.subtree)
        pieces = []
        for part in ([t for t in sub if t.i < lo], [t for t in sub if t.i > hi]):
            if part:
                s, e = _trim(self.text, part[0].idx, part[-1].idx + len(part[-1]))
                if e > s:
                    pieces.append((s, e))
        return pieces

    def _adjacent_marked(self, verb: Any) -> Marked | None:
        """A quoted stretch that this verb introduces or closes in its sentence.

        ``"…," Abe said`` / ``"…," said Abe`` (quote just before the clause) or
        ``Abe said: "…"`` (quote right after the verb group).
        """
        sent = verb.sent
        s_start, s_end = sent.start_char, sent.end_char
        best = None
        for m in self.marked:
            if m.close_at < verb.idx and m.close_at >= s_start - 2:
                between = self.text[m.close_at + 1 : verb.idx]
                if (
                    len(between.split()) <= 6
                    and not any(c in between for c in ".!?\n")
                    and (
                        self.text[m.end - 1 : m.close_at].strip(" ")
                        in (",", "?", "!", "—", "-", "")
                        or between.strip().startswith(",")
                    )
                ):
                    best = m
            elif m.open_at > verb.idx and m.open_at <= s_end + 2:
                between = self.text[verb.idx + len(verb) : m.open_at]
                if len(between.split()) <= 8 and not any(c in between for c in ".!?\n"):
                    if between.rstrip().endswith((":", ",")) or not between.strip():
                        return m
                    if between.strip().split()[-1:] in (["that"],):
                        return m
        return best

    def _continuation(self, first: Marked, verb: Any) -> Marked | None:
        """``"We share a desire," Abe said, "and trust each other."``: the second piece."""
        after = first.close_at
        for m in self.marked:
            if m.open_at > verb.idx and m.open_at > after:
                between = self.text[verb.idx : m.open_at]
                if (
                    len(between.split()) <= 8
                    and between.rstrip().endswith(",")
                    and not any(c in between for c in ".!?\n")
                ):
                    return m
                return None
        return None

    def from_according(self) -> list[_Found]:
        found = []
        for tok in self.doc:
            if tok.lower_ != "according" or tok.i + 1 >= len(self.doc):
                continue
            to = self.doc[tok.i + 1]
            if to.lower_ != "to" or _inside(self.marked, tok.idx):
                continue
            speaker = next((c for c in to.children if c.dep_ == "pobj"), None)
            head = tok.head
            while (
                head.dep_ not in ("ROOT",)
                and head.pos_ not in ("VERB", "AUX")
                and head.head.i != head.i
            ):
                head = head.head
            span = _clause_span(self.text, head, [tok])
            if span is None or speaker is None:
                continue
            cue_span = (tok.idx, to.idx + len(to))
            found.append(_Found([span], "indirect", tok, cue_span, speaker, 0.85,
                                extra={"lemma": "according to"}))  # fmt: skip
        return found

    def from_nouns(self) -> list[_Found]:
        found = []
        for tok in self.doc:
            if tok.lemma_.lower() not in lx.SPEECH_NOUNS or tok.pos_ != "NOUN":
                continue
            if _inside(self.marked, tok.idx):
                continue
            comp = next(
                (c for c in tok.children if c.dep_ in ("acl", "ccomp")
                 and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)),
                None,
            )  # fmt: skip
            if comp is None:
                continue
            span = _clause_span(self.text, comp, [])
            if span is None:
                continue
            owner = self._owner(tok)
            found.append(_Found([span], "indirect", tok, (tok.idx, tok.idx + len(tok)), owner, 0.7))
        return found

    def _owner(self, noun: Any) -> Any:
        """Whose claim: "Smith's claim", "a claim by Smith", "Smith repeated his claim"."""
        poss = next((c for c in noun.children if c.dep_ == "poss"), None)
        if poss is not None and poss.pos_ != "PRON":
            return poss
        for prep in noun.children:
            if prep.dep_ in ("prep", "agent") and prep.lower_ in ("by", "from"):
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
        verb = sp.governing_verb(noun)
        subj = _subject(verb, self.marked) if verb is not None else None
        if poss is None or (subj is not None and sp.agrees(poss, subj)):
            return subj  # "Smith repeated his claim": Smith, whose "his" it is
        return poss

    # --- unclaimed quotes -------------------------------------------------------------------

    def from_colons(self) -> list[_Found]:
        """``Cruz continued: "…"`` / ``the headline reads: "…"``: a colon hands over to a quote.

        The cue is the colon (as PolNeAR annotates it when no verb of saying precedes);
        the speaker is the subject of the clause before it.
        """
        found = []
        for i, m in enumerate(self.marked):
            if i in self.claimed or not self._statement_like(m):
                continue
            before = self.text[max(0, m.open_at - 3) : m.open_at].rstrip()
            if not before.endswith(":"):
                continue
            colon = self.text.rfind(":", 0, m.open_at)
            toks = _tokens_in(self.doc, colon, colon + 1)
            if not toks:
                continue
            head = toks[0].head
            while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
                head = head.head
            if head.i > toks[0].i:
                continue  # the clause before the colon has no verb of its own
            speaker = sp.headline_speaker(toks[0])  # "TOP STORY - Jane Roe: "
            cue_tok, cue, extra = toks[0], (colon, colon + 1), {"lemma": ":"}
            if speaker is None:
                near = _verb_before(toks[0])  # "… and boomed:", "as the website notes:"
                verb = near if near is not None else head
                speaker = _speaker_of(verb, self.marked) if verb.pos_ in ("VERB", "AUX") else None
                if near is not None and near.i == toks[0].i - 1:
                    cue_tok, cue, extra = near, _cue_span(near), {}  # "Christie gloated:"
            self.claimed.add(i)
            found.append(_Found(list(m.pieces), "direct", cue_tok, cue, speaker, 0.7, m, extra))
        return found

    def from_in_sources(self) -> list[_Found]:
        """``In a Des Moines Register poll last month, Cruz had …``: a poll, interview or
        statement introduced by "in" is the source of its clause; "in" is the cue."""
        found = []
        for tok in self.doc:
            if tok.lower_ != "in" or tok.dep_ != "prep" or _inside(self.marked, tok.idx):
                continue
            pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
            if pobj is None or _lem(pobj) not in lx.SOURCE_NOUNS:
                continue
            head = tok.head
            if head.pos_ not in ("VERB", "AUX") or _is_cue_verb(head) or _lem(head) in lx.FRAMES:
                continue  # "said in a statement": the verb's own cue
            span = _clause_span(self.text, head, [tok])
            if span is None:
                continue
            found.append(_Found([span], "indirect", tok, (tok.idx, tok.idx + len(tok)), pobj,
                                0.5, extra={"lemma": "in"}))  # fmt: skip
        return found

    def from_stray_tags(self, found: list[_Found]) -> list[_Found]:
        """``"… to compete,” said Paul Lindsay`` when the marks did not pair (a straight
        mark opened, a curly one closed, a nested quote ends with ’”): a verb of saying
        right after a closing mark and its comma tags the quote back to the last opening
        mark of the paragraph."""
        out = []
        text = self.text
        cues = {f.cue.i for f in found if f.cue is not None}
        spans = [f.cue_span for f in found]
        for tok in self.doc:
            if tok.i in cues or _lem(tok) not in lx.SAY_VERBS or tok.pos_ != "VERB":
                continue
            if any(cs <= tok.idx < ce for cs, ce in spans):
                continue
            para = max(text.rfind("\n", 0, tok.idx) + 1, 0)
            tag = _STRAY_TAG.search(text, para, tok.idx)
            if tag is None:
                continue
            close = tag.start(1)
            if any(m.close_at == close for m in self.marked):
                continue  # a paired quote: its own cue handles it
            para = max([para] + [m.close_at + 1 for m in self.marked if m.close_at < close])
            opens = [m.start() for m in _OPENERS.finditer(text, para, close)]
            if not opens:
                continue
            start, end = _trim_quoted(text, opens[-1] + 1, close)
            start, end = _trim(text, start, end)
            if end - start < 10:
                continue
            who = _speaker_of(tok, ()) or sp.inverted_subject(tok)
            out.append(_Found([(start, end)], "direct", tok, _cue_span(tok), who, 0.7))
        return out

    def orphans(self, found: list[_Found]) -> list[_Found]:
        """Quoted statements no cue claimed: the speaker of their tag, of the turn (see
        :class:`~dateline.stages.quotes.dialogue.Turns`), of a previous nearby quote, or none.

        In a text that sets dialogue off with dashes, the dash-opened turns too
        (:mod:`~dateline.stages.quotes.dialogue`).
        """
        out = []
        hosts = self._hosts(found)
        starts = self.doc.to_array("IDX").tolist()
        turns = Turns(self.text, self.doc, self.marked, self.resolver)
        turns.known(found)
        for i, m in enumerate(self.marked):
            if i in self.claimed or not self._statement_like(m):
                continue
            host = self._same_statement(m, hosts)
            if host is not None:
                host.content = sorted([*host.content, *m.pieces])
                turns.said(i, host.speaker_tok)
                continue
            tag = self._tag_after(m, starts)
            if tag is not None:
                verb, who = tag
                out.append(_Found(list(m.pieces), "direct", verb, _cue_span(verb), who, 0.6, m))
                turns.said(i, who)
                continue
            prev = [f for f in found if f.cue_span[0] < m.open_at and f.marked is not None]
            prev = prev or [f for f in found if f.cue_span[0] < m.open_at]
            donor = max(prev, key=lambda f: f.cue_span[0]) if prev else None
            near = donor is not None and m.open_at - donor.cue_span[1] < 600
            who = _speaker_near(self.text, self.doc, m, self.marked)
            if who is None:
                who = turns.next_speaker(i, starts)
            if who is None and donor is not None and near:
                who = donor.speaker_tok
            turns.said(i, who)
            if donor is not None and (near or who is not None):
                out.append(_Found(list(m.pieces), "direct", donor.cue, donor.cue_span,
                                  who, 0.55, m, {"inherited": True}))  # fmt: skip
            else:
                out.append(
                    _Found(list(m.pieces), "direct", None, (m.open_at, m.open_at), who, 0.4, m)
                )
        if dash_style(self.text, len(self.marked)):
            for turn in dash_turns(self.text, self.doc):
                at = turn.pieces[0][0]
                cue = _cue_span(turn.verb) if turn.verb is not None else (at, at)
                out.append(_Found(turn.pieces, "direct", turn.verb, cue, turn.speaker, 0.9))
        return out

    def _tag_after(self, m: Marked, starts: list[int]) -> tuple[Any, Any] | None:
        """The dialogue tag right after a quote: its verb and its speaker.

        ``"…," Mr. Lee said`` / ``"…?" hinted Ann`` / ``"…!" she cried``: a subject and
        a verb (either order) right after the closing mark, before any other word. After
        a comma, or when the next word is in lower case (the sentence goes on), any verb
        tags the quote; after ``!`` or ``?`` a capitalised word may begin a new sentence
        ("Tom turned away"), so the verb must then be one of saying; after a full stop
        it does.
        """
        doc = self.doc
        k = bisect.bisect_right(starts, m.close_at)
        while k < len(doc) and (doc[k].is_space or doc[k].text in _QUOTE_TOKENS):
            k += 1
        if k >= len(doc) or doc[k].idx - m.close_at > 3:
            return None
        last = self.text[m.start : m.end].rstrip()[-1:]
        comma = last in ",—–-"
        first = doc[k]
        if not comma and last not in "!?" and not first.text[:1].islower():
            return None  # "…." She went on: a new sentence
        if first.pos_ == "VERB" and not first.is_sent_start:
            j = k + 1
            while j < len(doc) and doc[j].pos_ == "DET":
                j += 1
            if j < len(doc) and doc[j].pos_ in ("PROPN", "PRON", "NOUN"):
                while j + 1 < len(doc) and doc[j + 1].pos_ == "PROPN" and doc[j].pos_ == "PROPN":
                    j += 1
                if comma or first.text[:1].islower() or first.lemma_.lower() in lx.DIRECT_VERBS:
                    return first, doc[j]
            return None
        j = k
        if first.pos_ == "PROPN":
            while j + 1 < len(doc) and doc[j + 1].pos_ == "PROPN":
                j += 1
        elif not (first.pos_ == "PRON" and first.lower_ in lx.PRONOUNS):
            return None
        v = j + 1
        while v < len(doc) and doc[v].pos_ in ("ADV", "AUX", "PART") and v - j <= 3:
            v += 1
        if v >= len(doc) or doc[v].pos_ != "VERB":
            return None
        verb = doc[v]
        if comma or first.text[:1].islower() or verb.lemma_.lower() in lx.DIRECT_VERBS:
            return verb, doc[j]
        return None

    @staticmethod
    def _hosts(found: list[_Found]) -> list[_Found]:
        """Direct and mixed quotes with a cue that share no piece with another record."""
        quoted = [
            f
            for f in found
            if f.content
            and f.cue is not None
            and (f.kind == "mixed" or f.kind == "direct" and f.marked is not None)
        ]
        seen: dict[tuple[int, int], int] = {}
        for f in found:
            for piece in f.content:
                seen[piece] = seen.get(piece, 0) + 1
        return [f for f in quoted if all(seen[p] == 1 for p in f.content)]

    def _same_statement(self, m: Marked, found: list[_Found]) -> _Found | None:
        """The direct quote an unclaimed piece belongs to, in the same paragraph.

        ``"That," he added, "is new."`` when the cue claimed only the second piece, and
        ``"It is late," she said. "We should go."``: a quote right after the sentence
        of the attribution goes on with the statement.
        """
        text = self.text
        for f in found:
            first, last = min(s for s, _ in f.content), max(e for _, e in f.content)
            cs, ce = f.cue_span
            if m.close_at < cs and ce <= first:  # "That," he added, "…"
                between = text[m.close_at + 1 : first]
                if (
                    text[m.start : m.end].rstrip()[-1:] == ","
                    and len(between.split()) <= 8
                    and not any(c in between for c in ".!?\n")
                    and not any(
                        t.pos_ == "VERB" and not cs <= t.idx < ce
                        for t in _tokens_in(self.doc, m.close_at + 1, first)
                    )
                ):
                    return f
            elif last <= cs and ce <= m.open_at:  # "…," she said. "…"
                between = text[last : m.open_at]
                clause = between[between.find(" ") + 1 :].rstrip() if " " in between else ""
                if (
                    "\n" not in between
                    and len(between.split()) <= 8
                    and clause.endswith(".")
                    and not any(c in clause[:-1] for c in ".!?")
                ):
                    return f
        return None

    def _statement_like(self, m: Marked) -> bool:
        inner = " ".join(self.text[s:e] for s, e in m.pieces)
        words = inner.split()
        if len(words) < 4:
            return self._short_turn(m, inner)
        if _NAMING.search(self.text, max(0, m.open_at - 40), m.open_at):
            return False  # so-called "…", dubbed it "…": a name, not a statement
        if inner.rstrip()[-1:] in ".?!,":
            return True
        capitals = sum(w[:1].isupper() for w in words)
        if capitals >= len(words) - sum(w.lower() in _SMALL_WORDS for w in words):
            return False  # "Gone with the Wind": a title
        toks = _tokens_in(self.doc, m.start, m.end)
        if any(t.pos_ in ("VERB", "AUX") for t in toks):
            return True
        return False

    def _short_turn(self, m: Marked, inner: str) -> bool:
        """A short quote that is a turn of dialogue: ``“Quite clear.”``, ``"Why?" he asked``.

        It carries its own punctuation (a full stop, question or exclamation mark, the
        comma of a split quote or a dash of an interruption) and opens a sentence: nothing
        but the end of a sentence, another quotation or a dash before it. Scare quotes and
        titles sit inside a sentence ("called it “fun.”") and stay out.
        """
        if not inner or inner.rstrip()[-1:] not in _TURN_END and not inner.endswith(_DASHES):
            return False
        before = self.text[: m.open_at].rstrip()
        return not before or before[-1] in _SENTENCE_GAP or before.endswith(_DASHES)

    # --- records ----------------------------------------------------------------------------

    def to_quote(self, f: _Found) -> Quote | None:
        trim = _trim if f.kind == "indirect" else _trim_quoted
        pieces = sorted(trim(self.text, s, e) for s, e in f.content)
        pieces = [p for p in pieces if p[1] > p[0]]
        if not pieces:
            return None
        start, end = pieces[0][0], pieces[-1][1]
        cue = None
        if f.cue is not None:
            lemma = f.extra.get("lemma") or (
                _lemma(f.cue) if f.cue.pos_ in ("VERB", "AUX") else f.cue.lemma_.lower()
            )
            cs, ce = f.cue_span
            cue = Cue(cs, ce, self.text[cs:ce], lemma)
        speaker = self.resolver.resolve(
            f.speaker_tok, before=start if f.cue is None else f.cue_span[0]
        )
        said, said_mod = self._said(f, (start, end))
        return Quote(
            start=start,
            end=end,
            text=self.text[start:end],
            kind=f.kind,
            fragments=tuple(pieces),
            cue=cue,
            speaker=speaker,
            said=said,
            said_mod=said_mod,
            confidence=f.confidence,
        )

    def _said(self, f: _Found, content: tuple[int, int]) -> tuple[str | None, str | None]:
        default = self.published.isoformat() if self.published else None
        if f.cue is None or f.extra.get("inherited"):
            return default, None
        cue = f.cue
        window_start = min(cue.left_edge.idx, f.cue_span[0])
        window_end = max(cue.right_edge.idx + len(cue.right_edge), f.cue_span[1])
        mod = None
        after = self.text[f.cue_span[1] : f.cue_span[1] + 30].lower()
        between = self.text[f.cue_span[0] : f.cue_span[1]].lower()
        if any(p in after or p in between for p in lx.REPEATED):
            mod = "REPEATED"
        for t in self.timexes:
            if t.type not in ("DATE", "TIME") or not t.value[:1].isdigit():
                continue
            if (
                window_start <= t.start
                and t.end <= window_end
                and not (content[0] <= t.start < content[1])
            ):
                return t.value, mod
        return default, mod


def _near_duplicate(a: Quote, b: Quote) -> bool:
    """Two records of one statement (most of the shorter inside the longer)."""
    overlap = min(a.end, b.end) - max(a.start, b.start)
    return overlap > 0.8 * min(a.end - a.start, b.end - b.start)


def find_quotes(
    text: str,
    doc: Any,
    entities: Sequence[Entity],
    published: dt.date | None,
    *,
    timexes: Sequence[Timex] = (),
) -> list[Quote]:
    """Every statement in ``text`` (direct, indirect, mixed) with cue and speaker.

    Needs the spaCy ``doc`` of ``text`` (returns nothing without one).
    """
    if doc is None or not text:
        return []
    finder = _Finder(text, doc, entities, published, timexes)
    found = finder.from_verbs() + finder.from_according() + finder.from_nouns()
    found += finder.from_in_sources()
    found += finder.from_colons()
    found += finder.from_stray_tags(found)
    found += finder.orphans(found)
    quotes: list[Quote] = []
    seen: set[tuple[int, int]] = set()
    for f in sorted(found, key=lambda f: (min(s for s, _ in f.content), -f.confidence)):
        q = finder.to_quote(f)
        if q is None or (q.start, q.end) in seen:
            continue
        if any(_near_duplicate(q, o) and o.confidence >= q.confidence for o in quotes):
            continue
        seen.add((q.start, q.end))
        quotes.append(q)
    return sorted(quotes, key=lambda q: q.start)
