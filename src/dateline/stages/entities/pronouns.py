"""Third-person pronouns for people: "he", "him", "his", "himself", "she", "her", "hers", "herself".

A salience model in the manner of Lappin and Leass (1994), over the parse the
``nlp`` stage made. Every mention of a person (names, aliases, descriptions,
pronouns already resolved) and every unnamed person ("a woman", "the
suspect") is a candidate with a weight: 100 for being mentioned, +80 as a
subject, +50 as a direct object, +40 as an indirect one, +50 when not inside
another noun phrase, +35 when it has the pronoun's grammatical role; the
weight halves with each sentence back, over at most three. A person's best
weight in each sentence counts, and those add up over the sentences. Candidates are filtered first:

* gender: what the text says of the person (honorifics, gendered nouns,
  resolved pronouns, see :mod:`.gender`) must not contradict the pronoun;
* binding: "him" is not the subject of its own clause; "himself" is;
* quotation: a pronoun inside quotation marks is not the speaker outside them
  in that sentence (the subject of "said"), and "he" outside them is not someone
  named inside ("'Smith lied,' he said").

When an unnamed person wins, the pronoun is theirs and stays unresolved.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from dateline.stages.entities.gender import PERSON_NOUNS, noun_gender
from dateline.stages.entities.lexicon import ROLE_HEADS

#: Pronoun → (gender, case).
PRONOUNS = {
    "he": ("m", "subj"), "him": ("m", "obj"), "his": ("m", "poss"), "himself": ("m", "refl"),
    "she": ("f", "subj"), "her": ("f", "obj"), "hers": ("f", "poss"), "herself": ("f", "refl"),
}
_SUBJ = frozenset({"nsubj", "nsubjpass"})
#: Verbs whose subject speaks the quotation of its sentence.
SAYING = frozenset(
    """say tell add ask write state declare explain insist claim recall note argue warn
    reply respond announce comment remark continue""".split()
)
_WINDOW = 3
_OPENERS = frozenset({"“", "«", "``"})
_CLOSERS = frozenset({"”", "»", "''"})
_TOGGLES = frozenset({'"'})


@dataclass(slots=True)
class Referent:
    """A person of the article: mention offsets and gender evidence ("m"/"f" → count)."""

    spans: list[tuple[int, int]]
    evidence: Counter[str] = field(default_factory=Counter)

    def gender(self) -> str | None:
        m, f = self.evidence["m"], self.evidence["f"]
        return "m" if m > f else "f" if f > m else None


@dataclass(slots=True)
class _Ref:
    token: int
    sent: int
    role: str
    weight: float
    who: int  # referent index; below zero for an unnamed person
    gender: str | None
    quoted: bool


def quote_mask(texts: list[str]) -> bytearray:
    """Tokens inside quotation marks, within one line (``texts``: the token texts)."""
    mask = bytearray(len(texts))
    inside = False
    for i, text in enumerate(texts):
        if "\n" in text:
            inside = False
        elif text in _OPENERS:
            inside = True
        elif text in _CLOSERS:
            inside = False
        elif text in _TOGGLES:
            inside = not inside
        elif inside:
            mask[i] = 1
    return mask


def _definite(noun: Any) -> bool:
    """ "the actress", "the 26-year-old star": most often someone already named."""
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in noun.children)


def _role(token: Any) -> str:
    dep = token.dep_
    if dep in _SUBJ:
        return "subj"
    if dep == "dobj":
        return "obj"
    if dep in ("dative", "iobj"):
        return "iobj"
    if dep == "poss":
        return "poss"
    return "other"


def _weight(token: Any, role: str) -> float:
    bonus = {"subj": 80, "obj": 50, "iobj": 40}.get(role, 0)
    embedded = token.dep_ in ("poss", "compound") or (
        token.dep_ == "pobj" and token.head.head.pos_ in ("NOUN", "PROPN")
    )
    return 100 + bonus + (0 if embedded else 50)


class _Resolver:
    def __init__(
        self, doc: Any, referents: list[Referent], taken: bytearray, texts: list[str]
    ) -> None:
        self.doc = doc
        self.referents = referents
        self.taken = taken
        self.sent = [0] * len(doc)
        for n, sent in enumerate(doc.sents):
            self.sent[sent.start : sent.end] = [n] * (sent.end - sent.start)
        self.lowers = [t.lower() for t in texts]
        self.quoted = quote_mask(texts)
        self.owner: dict[int, int] = {}  # token → referent, over mention tokens
        self.refs: dict[int, _Ref] = {}  # head token → candidate
        for who, referent in enumerate(referents):
            for start, end in referent.spans:
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is None or not len(span):
                    continue
                for t in span:
                    self.owner[t.i] = who
                head = span.root
                self.refs.setdefault(head.i, self._ref(head, who, None))
        for who, referent in enumerate(referents):
            for start, end in referent.spans:
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is not None and len(span):
                    referent.evidence.update(self._nouns_about(span, who))
        self._unnamed()

    def _ref(self, token: Any, who: int, gender: str | None) -> _Ref:
        role = _role(token)
        return _Ref(token.i, self.sent[token.i], role, _weight(token, role), who, gender,
                    bool(self.quoted[token.i]))

    def _nouns_about(self, span: Any, who: int) -> list[str]:
        """Genders of the nouns the text applies to a mention: title, apposition, predicate."""
        doc = self.doc
        head = span.root
        nouns = []
        if span.start > 0 and doc[span.start - 1].pos_ == "NOUN":
            nouns.append(doc[span.start - 1])  # "actress Tara Reid", "his wife Laci"
        nouns.extend(c for c in head.children if c.dep_ == "appos" and c.pos_ == "NOUN")
        if head.dep_ == "appos" and head.head.pos_ == "NOUN":
            nouns.append(head.head)
        if head.dep_ in _SUBJ and head.head.lemma_ == "be":
            nouns.extend(c for c in head.head.children if c.dep_ == "attr" and c.pos_ == "NOUN")
        out = []
        for noun in nouns:
            gender = noun_gender(noun.lower_)
            if gender and self.owner.get(noun.i, who) == who:
                out.append(gender)
        return out

    def _about_named(self, token: Any) -> bool:
        """Whether a person noun describes a named person ("Lohan's attorney, Shawn Holley")."""
        owner = self.owner
        if token.dep_ in ("appos", "compound", "attr") and token.head.i in owner:
            return True
        if token.i + 1 < len(self.doc) and token.i + 1 in owner:
            return True  # a title before a name
        return any(c.dep_ in ("appos", "compound") and c.i in owner for c in token.children)

    def _unnamed(self) -> None:
        """Unnamed people ("a woman", "the suspect") compete with the named ones."""
        n = -1
        for i, lower in enumerate(self.lowers):
            if lower not in PERSON_NOUNS:
                continue
            token = self.doc[i]
            if (
                not (token.tag_ == "NN" or (token.tag_ == "NNP" and token.lower_ in ROLE_HEADS))
                or token.lower_ not in PERSON_NOUNS
                or self.taken[token.i]
                or token.i in self.owner
                or self._about_named(token)
                or _definite(token)
            ):
                continue
            self.refs[token.i] = self._ref(token, n, noun_gender(token.lower_))
            n -= 1

    def _gender(self, ref: _Ref) -> str | None:
        return ref.gender if ref.who < 0 else self.referents[ref.who].gender()

    def _fits(self, ref: _Ref, pronoun: Any, gender: str, case: str) -> bool:
        found = self._gender(ref)
        if found is not None and found != gender:
            return False
        if ref.sent == self.sent[pronoun.i] and ref.quoted != bool(self.quoted[pronoun.i]):
            if ref.quoted:
                return False  # "'Smith lied,' he said": he is not Smith
            if ref.role == "subj" and self.doc[ref.token].head.lemma_ in SAYING:
                return False  # 'Smith said: "He lied."': he is not the speaker
        if case == "obj" and ref.role == "subj" and pronoun.dep_ in ("dobj", "dative"):
            return self.doc[ref.token].head.i != pronoun.head.i
        return True

    def _reflexive(self, pronoun: Any, gender: str) -> _Ref | None:
        verb = pronoun.head
        for _ in range(3):
            if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
                break
            verb = verb.head
        for child in verb.children:
            if child.dep_ in _SUBJ and child.i in self.refs:
                ref = self.refs[child.i]
                if self._gender(ref) in (gender, None):
                    return ref
        return None

    def run(self) -> list[list[tuple[int, int]]]:
        found: list[list[tuple[int, int]]] = [[] for _ in self.referents]
        seen: list[_Ref] = []
        unnamed = -(len(self.refs) + 1)
        pronouns = [i for i, lower in enumerate(self.lowers) if lower in PRONOUNS]
        for i in sorted({*self.refs, *pronouns}):
            token = self.doc[i]
            ref = self.refs.get(token.i)
            if ref is not None:
                seen.append(ref)
                continue
            entry = PRONOUNS.get(token.lower_)
            if entry is None or token.tag_ not in ("PRP", "PRP$") or self.taken[token.i]:
                continue
            gender, case = entry
            if case == "obj" and token.tag_ == "PRP$":
                case = "poss"
            best = self._reflexive(token, gender) if case == "refl" else None
            who = best.who if best is not None else self._best(token, gender, case, seen)
            if who is None:
                who, unnamed = unnamed, unnamed - 1
            mine = self._ref(token, who, gender)
            seen.append(mine)
            self.refs[token.i] = mine
            if who >= 0:
                found[who].append((token.idx, token.idx + len(token)))
                self.referents[who].evidence[gender] += 1
        return found

    def _best(self, pronoun: Any, gender: str, case: str, seen: list[_Ref]) -> int | None:
        here = self.sent[pronoun.i]
        best: dict[tuple[int, int], float] = {}  # (referent, sentence) → its best mention
        role = {"subj": "subj", "obj": "obj"}.get(case, "other")
        for ref in reversed(seen):
            distance = here - ref.sent
            if distance > _WINDOW:
                break
            if not self._fits(ref, pronoun, gender, case):
                continue
            score = ref.weight + (35 if ref.role == role else 0)
            if ref.quoted and distance:
                score /= 2
            if self._gender(ref) is None:
                score /= 2  # someone the text gives no gender loses to one it does
            key = (ref.who, ref.sent)
            best[key] = max(best.get(key, 0.0), score * 0.5**distance)
        if not best:
            return None
        scores: dict[int, float] = {}
        for (who, _), score in best.items():
            scores[who] = scores.get(who, 0.0) + score
        return max(scores, key=lambda who: scores[who])


def resolve_pronouns(
    doc: Any, referents: list[Referent], taken: bytearray, texts: list[str] | None = None
) -> list[list[tuple[int, int]]]:
    """The pronoun offsets that refer to each person.

    Args:
        doc: The article's spaCy Doc.
        referents: The people of the article; their ``evidence`` grows with the
            pronouns resolved to them.
        taken: Token mask of every entity mention (pronouns and nouns inside names
            are not candidates).
        texts: The token texts, when the caller has them already.

    Returns:
        Per referent, the ``(start, end)`` offsets of its pronouns.
    """
    if not referents:
        return [[] for _ in referents]
    return _Resolver(doc, referents, taken, texts or [t.text for t in doc]).run()
