"""Spans that name nothing, and headline spans cut back to the names in them.

spaCy's small model reads a title-case headline ("Lindsay Lohan Checks Into
Malibu Rehab", "AMD Buys SeaMicro") as one long name, because every word is
capitalised. A headline span is cut to the names the body of the article uses
("Lindsay Lohan", "SeaMicro"), else at its verbs: words tagged as verbs, or
whose base form the body uses as a verb ("Checks" when the body says
"checked"); of what follows a verb only the body's names stay ("T-Mobile
Confirms Data Breach" → "T-Mobile"). Body names the parser missed in a
headline, often an all-capitals one, are added.

Some spans are no mentions at all: legal forms on their own ("LLC" split from
"Chrysler LLC"), time zones ("UTC"), interview speaker tags repeated at line
starts ("WN:", "((WN))"), and spans without a capital letter (English names
have one; spaCy's labels on lower-case text, or on words of a script without
capitals, are noise).
"""

from __future__ import annotations

import re
from typing import Any

from dateline.identity.names import CORPORATE_FORMS
from dateline.stages.entities.lexicon import TIME_ZONES, plural_name
from dateline.stages.entities.mentions import DocIndex, RawSpan

_ZONE_OFFSET = re.compile(r"^(?:UTC|GMT)\s*(?:[+\-−]\s*\d{1,2}(?::?\d\d)?)?$")

#: Words a title-case headline leaves in lower case, or that are not names in one.
_SMALL = frozenset(
    """a an the and or but nor of in on at to for by with from as vs vs. v into onto over
    after before about up down out off per via is are was be""".split()
)
_VERB_TAGS = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD"})
_LINE_LABEL = re.compile(
    r"\(\(?\s*([A-Za-z][\w.]{0,15})\s*\)?\)"  # ((WN))
    r"|([A-Za-z][\w.]{0,15})\s*:"  # WN:
    r"|([A-Z]{2,3})\s"  # MS answer…
)
_MAX_HEADLINE = 30


def _title_case(index: DocIndex, first: int, last: int) -> bool:
    """A headline line: short, and every word but the small ones capitalised.

    A line of dates alone ("Friday, January 4, 2019") is none.
    """
    if last - first > _MAX_HEADLINE:
        return False
    content = [t for t in index.doc[first:last] if t.is_alpha and t.lower_ not in _SMALL]
    return (
        len(content) >= 2
        and all(t.text[:1].isupper() for t in content)
        and not all(index.other_ent[t.i] for t in content)
    )


def headline_mask(index: DocIndex) -> bytearray:
    """Token mask of the title-case lines of the article."""
    doc = index.doc
    mask = bytearray(len(doc))
    for first, last in index.lines:
        if _title_case(index, first, last):
            mask[first:last] = b"\x01" * (last - first)
    return mask


def _markup_mask(index: DocIndex) -> bytearray:
    """Tokens of speaker tags that open two or more lines ("WN:", "((WN))").

    Initials without a colon ("MS Although …") count only in an interview, where
    tagged lines ("((WN))", "NG:") are found too.
    """
    doc, text = index.doc, index.text
    found: dict[tuple[str, bool], list[tuple[int, int]]] = {}
    for first, _ in index.lines:
        start = doc[first].idx
        match = _LINE_LABEL.match(text, start, min(len(text), start + 24))
        if match:
            bare = match.group(3) is not None
            label = next(g for g in match.groups() if g)
            found.setdefault((label, bare), []).append((start, match.end()))
    interview = any(len(v) >= 2 for (_, bare), v in found.items() if not bare)
    mask = bytearray(len(doc))
    for (_, bare), places in found.items():
        if len(places) < 2 or (bare and not interview):
            continue
        for start, end in places:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                mask[span.start : span.end] = b"\x01" * len(span)
    return mask


def _caseless(word: str) -> bool:
    """A word of a script without capitals (Devanagari, Han): no English name."""
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and not any(c.isupper() or c.islower() for c in letters)


def _no_name(doc: Any, span: RawSpan) -> bool:
    """A span that is never an entity: a legal form alone, a time zone, no capital letter."""
    text = doc[span.first : span.last].text
    if not any(c.isupper() for c in text) or any(_caseless(w) for w in text.split()):
        return True
    if text in TIME_ZONES or _ZONE_OFFSET.match(text):
        return True
    tokens = doc[span.first : span.last]
    words = [t.lower_.rstrip(".") for t in tokens if t.is_alpha or "." in t.text]
    return bool(words) and all(w in CORPORATE_FORMS or w + "." in CORPORATE_FORMS for w in words)


#: Units after a figure: "Dorian 430 miles" is Dorian, then a distance.
_UNITS = frozenset(
    """mile miles km kilometer kilometers kilometre kilometres meter meters metre metres
    foot feet yard yards mph kph knots percent per cent % people dead years degrees""".split()
)


def _before_measure(doc: Any, first: int, last: int, label: str) -> int:
    """Where a name ends before a figure: any figure for a person ("Humberto 785"),
    a figure with a unit for anything ("Dorian 430 miles"); "Windows 10" keeps its."""
    for i in range(first + 1, last):
        if not any(c.isdigit() for c in doc[i].text):
            continue
        unit = i + 1 < len(doc) and doc[i + 1].lower_ in _UNITS
        if label == "PERSON" or unit:
            return i
    return last


def split_lists(index: DocIndex) -> None:
    """Split "Lopez and Carrasquillo" labelled as one body when a part is a name of the article.

    A span joined by "and", "&" or commas is a list of names when one of its parts
    is another span of the article or a person's surname there ("Lopez" of
    "Andrew Lopez"); a firm's name ("Procter & Gamble") has no such part.
    """
    doc = index.doc
    known = {tuple(t.lower_ for t in doc[s.first : s.last]) for s in index.spans}
    known |= {(doc[s.last - 1].lower_,) for s in index.spans
              if s.label == "PERSON" and s.last - s.first >= 2}
    out: list[RawSpan] = []
    for span in index.spans:
        joins = [j for j in range(span.first + 1, span.last - 1)
                 if doc[j].lower_ in ("and", "&", ",")]
        if span.label == "PERSON" or not joins:
            out.append(span)
            continue
        bounds = list(zip([span.first] + [j + 1 for j in joins], joins + [span.last],
                          strict=True))
        parts = [tuple(t.lower_ for t in doc[a:b]) for a, b in bounds]
        if any(p in known for p in parts if p):
            out.extend(RawSpan(a, b, span.label) for a, b in bounds if a < b)
        else:
            out.append(span)
    if len(out) > len(index.spans):
        index.spans = out
        index.reindex()


def drop_non_names(index: DocIndex) -> None:
    """Drop spans that name nothing and trim speaker tags off the front of spans."""
    doc = index.doc
    markup = _markup_mask(index) if "\n" in index.text else bytearray(len(doc))
    index.markup = markup
    out: list[RawSpan] = []
    for span in index.spans:
        first = span.first
        while first < span.last and (markup[first] or (first > span.first and doc[first].is_punct
                                                       and markup[first - 1])):
            first += 1
        while first < span.last and doc[first].is_punct:
            first += 1
        if first >= span.last:
            continue
        trimmed = RawSpan(first, _before_measure(doc, first, span.last, span.label), span.label)
        if not _no_name(doc, trimmed):
            out.append(trimmed)
    if len(out) != len(index.spans) or any(
        (a.first, a.last) != (b.first, b.last) for a, b in zip(out, index.spans, strict=True)
    ):
        index.spans = out
        index.reindex()


def _body_names(index: DocIndex, headline: bytearray) -> dict[tuple[str, ...], str]:
    """Casefolded token sequences of the names outside headlines, with their label."""
    doc = index.doc
    names: dict[tuple[str, ...], str] = {}
    for span in index.spans:
        if headline[span.first]:
            continue
        words = [t.lower_ for t in doc[span.first : span.last]]
        if words and words[0] == "the":
            words = words[1:]
        if words:
            names.setdefault(tuple(words), span.label)
    return names


def _body_words(doc: Any, headline: bytearray) -> tuple[set[str], set[str]]:
    """Base forms of the body's verbs, also without hyphens ("re-hired" → rehire), and
    its lower-case words: a headline word among those is no name ("Guards")."""
    lemmas: set[str] = set()
    common: set[str] = set()
    for t in doc:
        if headline[t.i]:
            continue
        if t.pos_ == "VERB":
            lemmas.add(t.lemma_.lower())
        text = t.text
        if text.islower() and text.isalpha():
            common.add(text)
    return lemmas | {lemma.replace("-", "") for lemma in lemmas}, common


#: Adverbs headlines put between a name and its verb ("Teixeira Reportedly Signs").
_HEADLINE_ADVERBS = frozenset(
    """reportedly allegedly officially finally formally publicly secretly quietly quickly
    nearly narrowly briefly apparently suddenly unexpectedly fatally seriously critically
    badly likely possibly probably still now again also""".split()
)


def _verb_like(token: Any, verbs: set[str]) -> bool:
    """A headline word that is a verb (tagged as one, or the body uses its base form as
    one), or an adverb that stands before one."""
    if token.tag_ in _VERB_TAGS or token.tag_ == "TO":
        return True
    lower = token.lower_
    if lower in _HEADLINE_ADVERBS:
        return True
    forms = {lower}
    if lower.endswith("s"):
        forms.update((lower[:-1], lower[:-2]))
    if lower.endswith("ed"):
        forms.update((lower[:-1], lower[:-2]))
    if lower.endswith("ing"):
        forms.update((lower[:-3], lower[:-3] + "e"))
    return bool(forms & verbs)


def _matches(doc: Any, first: int, last: int, names: dict[tuple[str, ...], str]) -> list[RawSpan]:
    """Greedy longest runs of tokens ``[first, last)`` that spell a body name."""
    longest = max((len(n) for n in names), default=0)
    out: list[RawSpan] = []
    i = first
    while i < last:
        for n in range(min(longest, last - i), 0, -1):
            key = tuple(t.lower_ for t in doc[i : i + n])
            if key in names:
                out.append(RawSpan(i, i + n, names[key]))
                i += n
                break
        else:
            i += 1
    return out


def _cut_at_verbs(doc: Any, span: RawSpan, verbs: set[str]) -> list[RawSpan]:
    """The pieces of a span between its verb-like words, without small words at their edges."""
    out: list[RawSpan] = []
    first = span.first
    for i in range(span.first, span.last + 1):
        if i == span.last or _verb_like(doc[i], verbs):
            a, b = first, i
            while a < b and (doc[a].lower_ in _SMALL or doc[a].is_punct):
                a += 1
            while b > a and (doc[b - 1].lower_ in _SMALL or doc[b - 1].is_punct):
                b -= 1
            if a < b:
                out.append(RawSpan(a, b, span.label))
            first = i + 1
    return out


def trim_headlines(index: DocIndex, headline: bytearray) -> None:
    """Cut headline spans to the names in them; add body names the parser missed there.

    Args:
        index: The article's spans, changed in place.
        headline: The token mask of headline lines (:func:`headline_mask`).
    """
    doc = index.doc
    if not any(headline):
        return
    names = _body_names(index, headline)
    verbs, common = _body_words(doc, headline)
    short = {  # a person's surname; a team's plural name ("Chiefs" of "Kansas City Chiefs")
        name[-1:]: label for name, label in names.items()
        if len(name) >= 2 and (label == "PERSON" or label == "ORG" and plural_name(name[-1]))
    }
    known = {**short, **names}
    found: list[RawSpan] = []
    for first, last in index.lines:
        if headline[first]:
            found.extend(m for m in _matches(doc, first, last, known)
                         if m.last - m.first > 1 or not _verb_like(doc[m.first], verbs))
    match_at = {i: m for m in found for i in range(m.first, m.last)}
    out: list[RawSpan] = []
    used: set[int] = set()
    for span in index.spans:
        if not headline[span.first]:
            out.append(span)
            continue
        for piece in _cut_at_verbs(doc, span, verbs):
            hits = {id(m): m for i in range(piece.first, piece.last) if (m := match_at.get(i))}
            if not hits:
                if piece.first == span.first and not _common(doc, piece, common):
                    out.append(piece)  # after a verb, only the body's names are kept
                continue
            for m in hits.values():
                if id(m) not in used:
                    used.add(id(m))
                    out.append(_lead(doc, piece, m))
    for m in found:
        if id(m) not in used:
            out.append(m)
    out.sort(key=lambda s: s.first)
    index.spans = out
    index.reindex()


def _lead(doc: Any, piece: RawSpan, match: RawSpan) -> RawSpan:
    """A one-word body name with the proper noun before it ("Lindsay" of "Lohan").

    With a word added the name is the headline's (and keeps spaCy's label there).
    """
    lead = match.first
    if match.last - match.first == 1 and lead > piece.first and (
        doc[lead - 1].tag_ == "NNP" and doc[lead - 1].is_alpha
    ):
        lead -= 1
    return RawSpan(lead, match.last, piece.label if lead < match.first else match.label)


def _common(doc: Any, piece: RawSpan, words: set[str]) -> bool:
    tokens = [t for t in doc[piece.first : piece.last] if t.is_alpha]
    return bool(tokens) and all(t.lower_ in words for t in tokens)
