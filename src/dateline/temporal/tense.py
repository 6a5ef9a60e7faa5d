"""The tense of the clause around a time expression: past, present or future.

With a spaCy ``Doc`` the governing verb and its auxiliaries decide; without one,
cue words in the same sentence do (a weaker fallback for one-off use).
"""

from __future__ import annotations

import re
from typing import Any

from dateline.temporal.values import Tense

_FUTURE_AUX = {"will", "'ll", "shall", "wo", "would", "'d", "going"}
_FUTURE_HEADS = {
    "plan", "expect", "schedule", "intend", "hope", "aim", "due", "set", "prepare",
    "propose", "want", "seek", "promise", "vow", "pledge", "threaten", "agree", "decide",
}  # fmt: skip
_FUTURE_WORDS = re.compile(
    r"\b(?:will|shall|would|'ll|going to|plans? to|planned|scheduled|expected to|due to|is to"
    r"|are to|set to|upcoming|next)\b",
    re.I,
)
_PAST_WORDS = re.compile(
    r"\b(?:was|were|had|did|said|told|announced|reported|ago|last|yesterday|earlier|\w{3,}ed)\b",
    re.I,
)
_SENT_END = re.compile(r"[.!?;]\s|\n")


#: Dependency labels through which a time expression attaches to the clause it dates.
_ATTACH = {
    "npadvmod",
    "tmod",
    "obl",
    "advmod",
    "nsubj",
    "nsubjpass",
    "dobj",
    "attr",
    "oprd",
    "ROOT",
    "conj",
    "appos",
    "dep",
    "advcl",
    "nmod",
    "compound",
}


def governing_verb(token: Any) -> Any:
    """The verb of the clause this expression dates, or ``None`` when it modifies a noun.

    "on Monday" → the preposition's verb; "Monday" as a bare adverbial → its verb;
    "a dividend payable Dec. 1" or "the June agreement" → ``None``: the expression
    dates a thing, and a distant verb's tense says nothing about it.
    """
    t = token
    if t.pos_ in ("VERB", "AUX"):
        return t
    for _ in range(3):
        if t.dep_ == "pobj" or t.dep_ in ("pcomp",):
            prep = t.head
            t = prep.head if prep.head.i != prep.i else prep
            if t.pos_ in ("VERB", "AUX"):
                return t
            if (
                t.pos_ == "ADJ"
                and t.dep_ in ("acomp", "oprd", "ROOT")
                and t.head.pos_ in ("VERB", "AUX")
            ):
                return t.head  # "the shops were busy on Christmas Eve"
            if t.dep_ in ("pobj", "pcomp", "prep") and t.head.i != t.i:
                continue
            return None
        if t.dep_ == "prep":
            t = t.head
            continue
        if t.head.i == t.i:
            return None
        if t.dep_ in _ATTACH and t.head.pos_ in ("VERB", "AUX"):
            return t.head
        if t.dep_ in ("compound", "amod", "nummod", "npadvmod") and t.head.pos_ in (
            "NOUN",
            "PROPN",
        ):
            t = t.head
            if t.dep_ in ("pobj", "npadvmod", "tmod") or t.head.pos_ in ("VERB", "AUX"):
                continue
        return None
    return None


def verb_tense(verb: Any) -> Tense:
    """Past, present, future or unknown, from a verb's tag, auxiliaries and head."""
    if (
        verb.lemma_.lower() in _FUTURE_HEADS
        and verb.tag_ in ("VBN",)
        and verb.dep_ != "ROOT"
        or (verb.lemma_.lower() in ("schedule", "plan", "due", "set", "expect"))
    ):
        return "future"  # "was planned for early March", "is scheduled for Monday"
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    low = {a.lower_ for a in auxes}
    if low & _FUTURE_AUX:
        return "future"
    if any(a.tag_ == "VBD" for a in auxes) or verb.tag_ == "VBD":
        return "past"
    if "to" in low and verb.tag_ in ("VB", "VBN"):
        return "future"  # "to be published in early November"
    if verb.tag_ == "VBN" and low & {"has", "have", "'s", "'ve"}:
        return "past"
    if verb.tag_ == "MD":
        return "future" if verb.lower_ in _FUTURE_AUX else "present"
    # "plans to meet on Monday": the verb of the time expression is an xcomp of a planning verb
    if verb.dep_ in ("xcomp", "ccomp") and verb.tag_ == "VB":
        head = verb.head
        if head.lemma_.lower() in _FUTURE_HEADS or verb_tense(head) == "future":
            return "future"
        return verb_tense(head)
    if verb.tag_ == "VBG" and low & {"is", "are", "'s", "'re", "am"}:
        return "future"  # "is meeting on Monday": an arrangement
    if verb.tag_ in ("VBZ", "VBP") or (verb.tag_ == "VBG" and low):
        return "present"
    if verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod"):
        return "past"
    if verb.tag_ == "VBN" and low & {"be", "been"}:
        return "past"
    if verb.tag_ == "VB" and "to" in low:
        return "future"
    return "unknown"


def tense_at(text: str, start: int, end: int, doc: Any = None, *, strict: bool = False) -> Tense:
    """Tense of the clause holding ``text[start:end]``.

    ``strict`` keeps "future" only for a modal (will, shall, 'll) or "going to" on
    the clause's own verb; plans, schedules and infinitives then count as unknown.
    Weekdays use it: a bare weekday in news is nearly always in the past week.
    """
    if doc is not None:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span):
            verb = governing_verb(span.root)
            if verb is None:
                return "unknown"
            tense = verb_tense(verb)
            if strict and tense == "future" and not _modal_future(verb):
                return "unknown"
            return tense
    tense = _cue_tense(text, start, end)
    if strict and tense == "future":
        window = text[max(0, start - 80) : start]
        if not re.search(r"\b(?:will|shall|'ll|going to)\b[^.;!?]*$", window, re.I):
            return "unknown"
    return tense


def _modal_future(verb: Any) -> bool:
    t = verb
    for _ in range(3):
        if any(
            c.dep_ in ("aux", "auxpass") and c.lower_ in ("will", "'ll", "shall", "wo", "going")
            for c in t.children
        ):
            return True
        if t.dep_ in ("xcomp", "conj") and t.head.i != t.i:
            t = t.head
            continue
        break
    return False


def _cue_tense(text: str, start: int, end: int) -> Tense:
    """Tense from cue words in the sentence around the expression (no parse available)."""
    left = text[max(0, start - 120) : start]
    ends = list(_SENT_END.finditer(left))
    if ends:
        left = left[ends[-1].end() :]
    right = text[end : end + 120]
    stop = _SENT_END.search(right)
    if stop:
        right = right[: stop.start()]
    window = left + " " + right
    if _FUTURE_WORDS.search(window):
        return "future"
    if _PAST_WORDS.search(window):
        return "past"
    return "unknown"
