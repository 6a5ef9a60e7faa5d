"""Titles stated in front of names: "Japanese Prime Minister Shinzo Abe".

spaCy's small model often attaches titles loosely ("President of France
Emmanuel Macron" parses with the name under "of"), so this is a walk left over
tokens, not a dependency query: collect the words, places, "of" and possessives
before the name, take the run ending in a role head as the title, and the
nearest place or organisation that attaches to the phrase as the affiliation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dateline.stages.entities.lexicon import (
    HONORIFICS,
    RANK_WORDS,
    ROLE_ADJECTIVES,
    ROLE_HEADS,
    STATUS_WORDS,
    TITLE_ENDS,
    TITLE_PAIRS,
    country_name,
    title_role,
)
from dateline.stages.entities.mentions import DocIndex
from dateline.stages.entities.roles import (
    AFF_LABELS,
    FORMER,
    is_department,
    is_role_modifier,
    span_affiliation,
    word_affiliation,
)

_HYPHENS = frozenset({"-", "–"})
_ORDINALS = frozenset({"first", "second", "third"})

#: One element of the walk: (kind, first token, last token + 1); kinds are
#: word, aff (a place or organisation), of, hyph, poss, hon (Mr., Dr.), status.
Elem = tuple[str, int, int]


@dataclass(slots=True)
class Premod:
    """A title stated in front of a name.

    Attributes:
        role: Canonical role, e.g. "Prime Minister".
        affiliation: Country or organisation stated with it, if any.
        name_first: First name token (moved left over name words spaCy left out).
        absorbed: Token range ``(first, last)`` of the title words; entities inside
            it (the "State" of "Secretary of State") are not entities of their own.
    """

    role: str
    affiliation: str | None
    name_first: int
    absorbed: tuple[int, int]


def _walk_left(index: DocIndex, first: int, name_first: int) -> list[Elem]:
    """Tokens left of a name that may belong to its title, as (kind, first, last)."""
    doc = index.doc
    elems: list[Elem] = []
    i = name_first - 1
    while i >= 0:
        token = doc[i]
        if token.is_space or (index.other_ent[i] and not _ordinal_title(doc, i)):
            break
        k = index.span_at[i]
        if k >= 0 and i < first:
            span = index.spans[k]
            title_words = _in_compound_title(doc, i) or all(
                _title_word(t) for t in doc[span.first : span.last]
            )
            if span.label not in AFF_LABELS and not title_words:
                if not (elems and elems[-1] == ("word", span.last, span.last + 1)
                        and _organisation_premodifier(index, span)):
                    break
                span.label = "ORG"  # "Twitter CEO Jack Dorsey" with "Twitter" as PERSON
            if title_words or is_department(index, span.first, span.last):
                elems.extend(("word", j, j + 1) for j in range(span.last - 1, span.first - 1, -1))
            else:
                elems.append(("aff", span.first, span.last))
            if doc[span.first].is_sent_start:
                break
            i = span.first - 1
            continue
        lower = token.lower_
        if lower == "of":
            kind = "of"
        elif lower in _HYPHENS:
            kind = "hyph"
        elif token.tag_ == "POS":
            kind = "poss"
        elif lower in HONORIFICS:
            kind = "word" if _in_compound_title(doc, i) else "hon"
        elif lower in STATUS_WORDS:
            kind = "status"
        elif word_affiliation(token):
            kind = "aff"
        elif token.pos_ in ("PROPN", "NOUN", "ADJ") or lower in ROLE_HEADS:
            kind = "word"
        else:
            break
        elems.append((kind, i, i + 1))
        if token.is_sent_start:
            break
        i -= 1
    elems.reverse()
    return elems


def _ordinal_title(doc: Any, i: int) -> bool:
    """An ordinal spaCy took for a number that opens a title ("First Minister", "First Deputy")."""
    token = doc[i]
    return (
        token.lower_ in _ORDINALS
        and token.text[:1].isupper()
        and i + 1 < len(doc)
        and doc[i + 1].text[:1].isupper()
    )


def _in_compound_title(doc: Any, i: int) -> bool:
    """Whether token ``i`` is inside a compound title ("Lord Mayor", "First Lady")."""
    lower = doc[i].lower_
    return (i + 1 < len(doc) and (lower, doc[i + 1].lower_) in TITLE_PAIRS) or (
        i > 0 and (doc[i - 1].lower_, lower) in TITLE_PAIRS
    )


def _is_head(doc: Any, i: int) -> bool:
    """Whether token ``i`` heads a title: a role head, or ends a compound ("First Lady")."""
    lower = doc[i].lower_
    return lower in ROLE_HEADS or (i > 0 and (doc[i - 1].lower_, lower) in TITLE_ENDS)


def _title_word(token: Any) -> bool:
    """Title vocabulary: role heads, their modifiers, ranks and honorifics."""
    lower = token.lower_
    return (
        lower in ROLE_HEADS
        or lower in ROLE_ADJECTIVES
        or lower in RANK_WORDS
        or lower in HONORIFICS
        or lower in STATUS_WORDS
    )


def _proper_premodifier(token: Any) -> bool:
    """A capitalised word that is no title vocabulary and no capital of a sentence's first word."""
    return not _title_word(token) and (
        token.tag_ in ("NNP", "NNPS") or not token.is_sent_start
    )


def _organisation_run(index: DocIndex, elems: list[Elem], start: int, limit: int) -> str | None:
    """The name right before a lower-case title ("Sea-Watch" in "Sea-Watch spokesperson")."""
    doc = index.doc
    if start >= len(elems) or doc[elems[start][1]].text[:1].isupper():
        return None
    n = start
    while n > 0 and elems[n - 1][0] in ("word", "hyph") and start - n < 5:
        n -= 1
    run = elems[n:start]
    if not run or run[0][0] != "word" or run[-1][0] != "word":
        return None
    if len(run) == 1 and doc[run[0][1]].is_sent_start:
        return None  # "Team leader Tim Taylor": a capital only because the sentence starts
    if not all(e[0] == "hyph" or _proper_premodifier(doc[e[1]]) for e in run):
        return None
    if not all(doc[e[1]].text[:1].isupper() for e in run if e[0] == "word"):
        return None
    phrase = doc[run[0][1] : run[-1][2]]
    if not phrase.start <= phrase.root.head.i < limit:
        return None
    return phrase.text


def _organisation_premodifier(index: DocIndex, span: Any) -> bool:
    """Whether a name that spaCy did not label a place or body premodifies a title as one.

    "Twitter CEO Jack Dorsey": a short capitalised name right before the title
    words is the organisation, unless it is a country or the surname of a
    person the article names in full ("Trump adviser").
    """
    doc = index.doc
    tokens = doc[span.first : span.last]
    if span.last - span.first > 3 or not all(t.text[:1].isupper() for t in tokens):
        return False
    if country_name(tokens.text) is not None or any(_title_word(t) for t in tokens):
        return False
    last = doc[span.last - 1].lower_
    return not any(
        other.label == "PERSON"
        and other.last - other.first >= 2
        and other is not span
        and any(doc[j].lower_ == last for j in range(other.first, other.last))
        for other in index.spans
    )


def _role_start(doc: Any, elems: list[Elem], end: int) -> int:
    """Index into ``elems`` where the title words ending at ``end`` begin."""
    k = end
    capitalised: bool | None = None
    while k > 0:
        kind, a, _ = elems[k - 1]
        if kind == "word":
            cap = doc[a].text[:1].isupper()
            if capitalised is None:
                capitalised = cap
            if not cap and (capitalised or not is_role_modifier(doc[a])):
                break
            if cap and capitalised is False and _proper_premodifier(doc[a]) and not (
                doc[a].is_sent_start  # "Team leader": capitalised as the sentence starts
            ):
                break  # "Sea-Watch spokesperson": the name before a lower-case title
        elif kind == "hyph" or (kind == "of" and k < end):
            if k < 2 or elems[k - 2][0] != "word":
                break
        elif kind == "aff":
            if k < 3 or elems[k - 2][0] != "of" or elems[k - 3][0] != "word":
                break
        else:
            break
        k -= 1
    for n in range(end - 1, k, -1):
        if elems[n][0] == "of" and not _is_head(doc, elems[n - 1][1]):
            k = n + 1  # "Critic of Russian President": "of" after no title word ends it
            while k < end - 1 and (
                doc[elems[k][1]].dep_ == "pobj" or doc[elems[k][1]].tag_ in ("NNS", "NNPS")
            ):
                k += 1  # "House of Representatives Speaker": the object of "of" ends the body
            break
    while k < end and elems[k][0] != "word":
        k += 1  # a title starts with a word, not "of" or a place ("office of Prime Minister")
    return k


def premodifier(index: DocIndex, first: int, name_first: int, limit: int) -> Premod | None:
    """The title stated in front of the name ``[name_first, limit)``.

    ``first`` is where spaCy's span starts (before any folded-in title).

    Example:
        "Chelyabinsk regional Deputy Governor Oleg Klimov" → role "Deputy Governor",
        affiliation "Chelyabinsk".
    """
    doc = index.doc
    elems = _walk_left(index, first, name_first)
    end = len(elems)
    while end and elems[end - 1][0] == "hon":
        end -= 1
    start = _role_start(doc, elems, end)
    role_elems = elems[start:end]
    lexical = [n for n, e in enumerate(role_elems) if e[0] == "word" and _is_head(doc, e[1])]
    if not lexical:
        return None
    last_head = lexical[-1]
    tail = role_elems[last_head + 1 :]
    of_affiliation = None
    if tail and tail[0][0] == "of":
        obj, rest = tail[1:2], tail[2:]
        if obj and obj[0][0] == "aff" and _proper_words(doc, rest):
            of_affiliation = _elem_affiliation(index, obj[0])
            role_elems = role_elems[: last_head + 1]
            if rest:
                name_first = rest[0][1]  # "Mayor of London Sadiq Khan" with "Khan" as the span
    elif tail and _proper_words(doc, tail):
        name_first = tail[0][1]  # name words spaCy left out of the PERSON span
        role_elems = role_elems[: last_head + 1]
    role_first, role_last = role_elems[0][1], role_elems[-1][2]
    role = doc[role_first:role_last].text
    former = any(e[0] == "status" and doc[e[1]].lower_ in FORMER for e in elems[:start])
    affiliation = (
        of_affiliation
        or _organisation_run(index, elems, start, limit)
        or _left_affiliation(index, elems[:start], limit)
    )
    return Premod(
        role=title_role((["Former"] if former else []) + [role]),
        affiliation=affiliation,
        name_first=name_first,
        absorbed=(role_first, role_last),
    )


def _proper_words(doc: Any, elems: list[Elem]) -> bool:
    return all(e[0] == "word" and doc[e[1]].pos_ == "PROPN" for e in elems)


def _elem_affiliation(index: DocIndex, elem: Elem) -> str | None:
    k = index.span_at[elem[1]]
    if k >= 0:
        return span_affiliation(index, k)
    return word_affiliation(index.doc[elem[1]])


def _left_affiliation(index: DocIndex, elems: list[Elem], limit: int) -> str | None:
    """The nearest affiliation left of a title that attaches inside the name phrase."""
    if not elems:
        return None
    doc = index.doc
    lo = elems[0][1]
    for n in range(len(elems) - 1, -1, -1):
        kind, a, b = elems[n]
        if kind != "aff":
            continue
        possessive = n + 1 < len(elems) and elems[n + 1][0] == "poss"
        if possessive or lo <= doc[a:b].root.head.i < limit:
            return _elem_affiliation(index, elems[n])
    return None


