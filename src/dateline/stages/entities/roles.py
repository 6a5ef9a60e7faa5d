"""Role noun phrases: appositions and descriptions, with their affiliations.

Besides titles in front of names (:mod:`.titles`), two places state a role:

* appositions: "Vladimir Putin, the Russian president," (:func:`apposition`);
* role noun phrases without a name: "the Japanese prime minister",
  "the Kremlin chief" (:func:`descriptions`), resolved later to one entity.

Both are read by :func:`role_np` from the dependency parse: the head noun from
the role lexicon, role modifiers ("foreign", "prime", "press"), an affiliation
(demonym, possessive place, "of X" complement, organisation) and status words
("former", "then"). The affiliation helpers are shared with :mod:`.titles`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.attrs import LOWER

from dateline.stages.entities.lexicon import (
    GENERIC_HEADS,
    ROLE_ADJECTIVES,
    ROLE_HEADS,
    STATUS_WORDS,
    affiliation_name,
    demonym_country,
    places,
    title_role,
)
from dateline.stages.entities.mentions import DocIndex

#: Entity labels that can state an affiliation ("Russian", "Russia's", "Apple").
AFF_LABELS = frozenset({"GPE", "NORP", "ORG", "LOC", "FAC"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "nn", "npadvmod"})
_DEFINITE = frozenset({"the", "this", "that"})
FORMER = frozenset({"former", "ex"})
_TOP_OF = frozenset({"state", "government"})

#: Modifiers after which a role phrase does not refer to the current holder.
NON_REFERRING = frozenset(
    {"next", "future", "incoming", "previous", "prospective", "potential", "eventual",
     "possible", "would-be", "hypothetical", "last", "past", "another", "any", "every"}
)

#: Portfolios that complete a title ("Secretary of State") rather than affiliate it.
DEPARTMENTS = frozenset(
    {"state", "defense", "defence", "staff", "justice", "interior", "finance", "health",
     "education", "energy", "commerce", "labor", "labour", "agriculture", "treasury", "war",
     "trade", "transport", "transportation", "homeland security", "foreign affairs",
     "home affairs", "internal affairs", "veterans affairs", "housing", "culture",
     "the interior", "the treasury", "foreign and commonwealth affairs", "emergencies"}
)


@dataclass(slots=True)
class RoleNP:
    """A role noun phrase, e.g. "the Russian president" or "Russia's foreign minister".

    Attributes:
        first: First token of the phrase.
        last: One past its last token.
        role: Canonical role ("Foreign Minister"), or ``None`` when the phrase has none.
        affiliation: Stated country or organisation, if any.
        definite: Introduced by "the"/"this"/"that".
        possessor: ``"noun"`` for "Russia's"/"the party's", ``"pronoun"`` for "his".
        generic: Only "leader"/"chief"/"head"/"boss" (or "head of state"): fits any top role.
        qualified: Has an "of …" complement that is neither role nor affiliation.
        referring: Refers to a present holder (not "the next president", not a
            predicate such as "served as the speaker").
        extra: Has a premodifier that is neither role, affiliation nor status.
    """

    first: int
    last: int
    role: str | None
    affiliation: str | None = None
    definite: bool = False
    possessor: str | None = None
    generic: bool = False
    qualified: bool = False
    referring: bool = True
    extra: bool = False


def span_affiliation(index: DocIndex, k: int) -> str | None:
    """The affiliation entity span ``k`` states ("Russian" → "Russia"), if it can state one."""
    span = index.spans[k]
    if span.label not in AFF_LABELS:
        return None
    text = index.doc[span.first : span.last].text
    if span.label == "NORP":
        return demonym_country(text) or affiliation_name(text)
    return affiliation_name(text)


def word_affiliation(token: Any) -> str | None:
    """A single token that names a country or seat of government without an entity label."""
    text = token.text
    if not text[:1].isupper():
        return None
    folded = text.casefold()
    table = places()
    if folded in table.aliases or folded in table.demonyms or folded in table.metonyms:
        return affiliation_name(text)
    return None


def _affiliation(index: DocIndex, token: Any) -> tuple[str, int] | None:
    """The affiliation a modifier token states, with the first token it covers."""
    k = index.span_at[token.i]
    if k >= 0:
        span = index.spans[k]
        if is_department(index, span.first, span.last):
            return None
        found = span_affiliation(index, k)
        return (found, span.first) if found else None
    found = word_affiliation(token)
    return (found, token.i) if found else None


def is_role_modifier(token: Any) -> bool:
    """Whether a modifier belongs to a role ("foreign", "press", "Deputy"), not "former"."""
    lower = token.lower_
    if lower in STATUS_WORDS:
        return False
    if token.tag_ in ("NN", "NNP"):
        return True
    return lower in ROLE_ADJECTIVES or lower in ROLE_HEADS


def role_np(index: DocIndex, head: Any) -> RoleNP | None:
    """Read the role noun phrase headed by ``head`` (a role noun), else ``None``.

    Example:
        "the Japanese prime minister" → role "Prime Minister", affiliation "Japan",
        definite; "the Kremlin chief" → role "Chief", affiliation "Russia", generic.
    """
    if head.lower_ not in ROLE_HEADS or head.tag_ not in ("NN", "NNP"):
        return None
    words = {head.i: head.text}
    np = RoleNP(head.i, head.i + 1, None)
    if head.dep_ in ("attr", "oprd") or (head.dep_ == "pobj" and head.head.lower_ == "as"):
        np.referring = False  # a predicate ("became the prime minister"), not a mention
    state = {"former": False}
    for child in head.lefts:
        dep = child.dep_
        if dep == "det":
            np.definite = child.lower_ in _DEFINITE
            np.first = min(np.first, child.i)
        elif dep == "poss":
            np.possessor = "pronoun" if child.tag_ == "PRP$" else "noun"
            found = _affiliation(index, child) if np.possessor == "noun" else None
            if found:
                np.affiliation = found[0]
            np.first = min(np.first, child.left_edge.i)
        elif dep in _MODIFIER_DEPS:
            _modifier(index, child, np, words, state)
            np.first = min(np.first, child.left_edge.i)
    former = state["former"]
    _of_complement(index, head, np, words)
    role = [words[i] for i in sorted(words)]
    lowered = tuple(w.lower() for w in role)
    np.generic = (lowered[0] in GENERIC_HEADS and len(lowered) == 1) or (
        len(lowered) == 3 and lowered[0] == "head" and lowered[2] in _TOP_OF
    )
    np.role = title_role((["Former"] if former else []) + role)
    np.generic = np.generic and not former
    return np


def is_department(index: DocIndex, first: int, last: int) -> bool:
    """Whether tokens ``[first, last)`` name a portfolio ("State", "Defence"), not a body."""
    return index.doc[first:last].text.casefold() in DEPARTMENTS


def _modifier(
    index: DocIndex, child: Any, np: RoleNP, words: dict[int, str], state: dict[str, bool]
) -> None:
    """Read one premodifier of a role noun, and the compounds stacked on it."""
    found = _affiliation(index, child)
    lower = child.lower_
    if found:
        np.affiliation = found[0]
        np.first = min(np.first, found[1])
    elif lower in NON_REFERRING:
        np.referring = False
    elif lower in STATUS_WORDS:
        state["former"] = state["former"] or lower in FORMER
    elif (index.span_at[child.i] < 0 or is_department(index, child.i, child.i + 1)) and (
        is_role_modifier(child)
    ):
        words[child.i] = child.text
        for grand in child.lefts:
            if grand.dep_ in ("compound", "amod"):
                _modifier(index, grand, np, words, state)
    else:
        np.extra = True


def _of_complement(index: DocIndex, head: Any, np: RoleNP, words: dict[int, str]) -> None:
    """Read "of France" (affiliation) or "of State" (part of the role) after ``head``."""
    for prep in head.rights:
        if prep.dep_ != "prep" or prep.lower_ != "of":
            continue
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is None:
            return
        k = index.span_at[pobj.i]
        found = _affiliation(index, pobj)
        if found and not (k >= 0 and is_department(index, pobj.left_edge.i, pobj.i + 1)):
            np.affiliation = found[0]
            np.last = max(np.last, index.spans[k].last if k >= 0 else pobj.i + 1)
        elif (
            pobj.i - pobj.left_edge.i < 3
            and pobj.right_edge.i == pobj.i
            and not any(c.dep_ in ("det", "poss") for c in pobj.children)
            and all(t.is_alpha for t in pobj.subtree)
        ):
            words[prep.i] = "of"
            for t in pobj.subtree:
                words[t.i] = t.text
            np.last = max(np.last, pobj.i + 1)
        else:
            np.qualified = True
        return


def apposition(index: DocIndex, first: int, last: int, titles: bytearray) -> RoleNP | None:
    """The role phrase in apposition to the name ``[first, last)``, if any.

    Covers "Vladimir Putin, the Russian president," and "Russia's foreign
    minister, Sergei Lavrov,". A phrase that is the title of another name
    (``titles`` marks those tokens) is not an apposition.
    """
    doc = index.doc
    root = doc[first:last].root
    heads = [c for c in root.rights if c.dep_ == "appos" and c.i >= last]
    if root.dep_ == "appos" and root.head.i < first:
        heads.append(root.head)
    for head in heads:
        k = index.span_at[head.i]
        if titles[head.i] or (k >= 0 and index.spans[k].label == "PERSON"):
            continue
        np = role_np(index, head)
        if np is None or (np.generic and not np.affiliation):
            continue
        if np.extra and not np.possessor and not any(c.dep_ == "det" for c in head.lefts):
            continue  # "cautioned justice": a bare phrase with stray modifiers is a misparse
        return np
    return None


def _role_head_positions(doc: Any) -> list[int]:
    """Indices of tokens whose lower-case form is a role head, without a Token per word."""
    strings = doc.vocab.strings
    heads = {strings.add(word) for word in ROLE_HEADS}
    return [i for i, lower in enumerate(doc.to_array(LOWER).tolist()) if lower in heads]


def descriptions(index: DocIndex, consumed: bytearray) -> list[RoleNP]:
    """Role phrases without a name that may refer to one entity of the article.

    A phrase counts when it is definite ("the Russian leader") or has a noun
    possessor ("Russia's foreign minister"); "the leader" alone says too little
    and needs an affiliation, possessor or complement.
    """
    doc = index.doc
    out = []
    for i in _role_head_positions(doc):
        token = doc[i]
        if consumed[i] or index.span_at[i] >= 0:
            continue
        if token.tag_ not in ("NN", "NNP") or token.dep_ in ("compound", "amod", "nmod"):
            continue
        if index.other_ent[token.i]:
            continue
        np = role_np(index, token)
        if np is None or not np.referring or not (np.definite or np.possessor == "noun"):
            continue
        if np.generic and not (np.affiliation or np.possessor == "noun" or np.qualified):
            continue
        out.append(np)
    return out
