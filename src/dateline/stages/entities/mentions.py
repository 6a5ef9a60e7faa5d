"""Name spans from spaCy's entities: cleaned, split from titles, plus acronyms.

spaCy's spans are the starting point; this module only trims them (possessives,
whitespace, folded-in titles such as "President Vladimir Putin") and finds the
"Federal Security Service (FSB)" pattern, so later steps can treat every name
span alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.attrs import ORTH

from dateline.stages.entities.lexicon import (
    HONORIFICS,
    KEPT_LABELS,
    RANK_WORDS,
    ROLE_ADJECTIVES,
    ROLE_HEADS,
    STATUS_WORDS,
    TIME_ZONES,
    country_name,
)

_POSSESSIVE_TOKENS = frozenset({"'s", "’s", "'", "’"})
_EDGE_CHARS = "\"'“”‘’«»()[]{}\u200b\u200c\u200d\ufeff"
_EDGE_PUNCT = frozenset("\"'“”‘’«»,.;:!?()[]{}-–—/")
_TITLE_JOINERS = frozenset({"of", "-", "–"})
_DOUBLE_QUOTES = frozenset({'"', "“", "”", "``", "''"})

#: Role heads that are offices, not also given names or surnames ("King", "Dean").
OFFICES = frozenset(
    {"president", "premier", "chancellor", "minister", "secretary", "governor", "mayor",
     "senator", "ambassador", "director", "commissioner", "spokesman", "spokeswoman",
     "spokesperson", "chairman", "chairwoman", "prosecutor", "sheriff", "ceo"}
)


@dataclass(slots=True)
class RawSpan:
    """A name span in token indices ``[first, last)`` with spaCy's label."""

    first: int
    last: int
    label: str


class DocIndex:
    """Token-level look-ups shared by the steps that walk one Doc.

    Attributes:
        doc: The spaCy Doc.
        text: Its text (``Doc.text`` is rebuilt on every access, so it is kept here).
        spans: Cleaned name spans, in text order.
        span_at: Token index → index into ``spans`` (−1 outside any name span).
        other_ent: Token index → 1 when inside a dropped entity (DATE, CARDINAL …).
    """

    def __init__(self, doc: Any, text: str) -> None:
        self.doc = doc
        self.text = text
        self.spans: list[RawSpan] = []
        self.other_ent = bytearray(len(doc))
        for ent in doc.ents:
            if ent.label_ in KEPT_LABELS:
                self.spans.extend(_clean_spans(doc, ent.start, ent.end, ent.label_))
            else:
                self.other_ent[ent.start : ent.end] = b"\x01" * (ent.end - ent.start)
        self.span_at: list[int] = []
        self.reindex()
        strings = doc.vocab.strings
        self.texts: list[str] = [strings[orth] for orth in doc.to_array(ORTH).tolist()]
        self._lines: list[tuple[int, int]] | None = None
        self._at: dict[str, list[int]] | None = None
        #: Token mask of speaker tags at line starts ("((WN))", "NG:"), set by the filters.
        self.markup = bytearray(len(doc))

    @property
    def lines(self) -> list[tuple[int, int]]:
        """Token ranges ``[first, last)`` of the text's lines, without the line breaks."""
        if self._lines is None:
            out: list[tuple[int, int]] = []
            first = 0
            for i, text in enumerate(self.texts):
                if "\n" in text:
                    if i > first:
                        out.append((first, i))
                    first = i + 1
            if first < len(self.texts):
                out.append((first, len(self.texts)))
            self._lines = out
        return self._lines

    def positions(self, text: str) -> list[int]:
        """Indices of the tokens that are exactly ``text``."""
        if self._at is None:
            self._at = {}
            for i, t in enumerate(self.texts):
                self._at.setdefault(t, []).append(i)
        return self._at.get(text, [])

    def reindex(self) -> None:
        """Rebuild ``span_at`` after ``spans`` changed."""
        self.span_at = [-1] * len(self.doc)
        for k, span in enumerate(self.spans):
            for i in range(span.first, span.last):
                self.span_at[i] = k

    def char_span(self, first: int, last: int) -> tuple[int, int]:
        """Character offsets of tokens ``[first, last)``, without edge quotes or possessive."""
        start = self.doc[first].idx
        tail = self.doc[last - 1]
        end = tail.idx + len(tail.text)
        text = self.text
        while end - start > 1 and text[start] in _EDGE_CHARS:
            start += 1
        while end - start > 1 and text[end - 1] in _EDGE_CHARS + ",;:!?":
            end -= 1
        if last - first > 1 or len(tail.text) > 2:
            for suffix in ("'s", "’s"):
                if self.text.endswith(suffix, start, end) and end - start > 2:
                    end -= 2
                    break
        return start, end


def _clean_spans(doc: Any, start: int, end: int, label: str) -> list[RawSpan]:
    """Split an entity at whitespace tokens and trim punctuation and possessives."""
    out: list[RawSpan] = []
    part_start = start
    for i in range(start, end + 1):
        if i == end or doc[i].is_space or "\n" in doc[i].text:
            first, last = part_start, i
            opened = [j for j in range(first, last) if doc[j].text == "("]
            if opened and not any(doc[j].text == ")" for j in range(opened[-1], last)):
                last = opened[-1]  # "Organisation of Islamic Cooperation (OIC" → before "("
            marks = [j for j in range(first + 1, last - 1) if doc[j].text in _DOUBLE_QUOTES]
            if len(marks) == 1:  # 'on Twitter "Youtube-dl': a quotation opens inside
                out.extend(_clean_spans(doc, first, marks[0], label))
                first = marks[0] + 1
            if label == "PERSON":
                joins = [j for j in range(first + 1, last - 1) if _joins_people(doc, j, last)]
                if joins:  # "Deirdre, Wyatt & Zach": several people in one span
                    for a, b in zip([first] + [j + 1 for j in joins], joins + [last], strict=True):
                        out.extend(_clean_spans(doc, a, b, label))
                    part_start = i + 1
                    continue
            while first < last and doc[first].text in _EDGE_PUNCT:
                first += 1
            while last > first and (
                doc[last - 1].text in _EDGE_PUNCT
                or (last - 1 > first and doc[last - 1].text in _POSSESSIVE_TOKENS)
            ):
                last -= 1
            if first < last and any(ch.isalpha() for ch in doc[first:last].text):
                out.append(RawSpan(first, last, label))
            part_start = i + 1
    return out


def _joins_people(doc: Any, j: int, last: int) -> bool:
    """A comma, "&" or "and" between two names inside a PERSON span (not ", Jr.")."""
    text = doc[j].text
    if text not in (",", "&", "and"):
        return False
    after = doc[j + 1].lower_.rstrip(".")
    return after not in ("jr", "sr", "ii", "iii", "iv") and doc[j + 1].text[:1].isupper()


def _is_capitalised(token: Any) -> bool:
    return token.text[:1].isupper()


def _titleish(lower: str) -> bool:
    return (
        lower in ROLE_HEADS
        or lower in HONORIFICS
        or lower in ROLE_ADJECTIVES
        or lower in RANK_WORDS
        or lower in STATUS_WORDS
        or lower in _TITLE_JOINERS
        or country_name(lower) is not None
    )


def split_title(doc: Any, span: RawSpan) -> int:
    """Where the name starts inside a PERSON span that folds in a title.

    "President Vladimir Putin" → index of "Vladimir"; "Emergencies Minister Yevgeny
    Zinichev" → index of "Yevgeny". A title is split off when everything before
    its head word is title vocabulary, or when the head is an office (minister,
    governor …) after at most two capitalised words and two name tokens remain;
    so "Martin Luther King Jr." stays whole.

    Returns:
        The token index of the first name token.
    """
    best = span.first
    plain = True  # every token so far is title vocabulary
    for i in range(span.first, span.last - 1):
        token = doc[i]
        lower = token.lower_
        if lower in _TITLE_JOINERS:
            continue
        if not _is_capitalised(token):
            break
        if lower in ROLE_HEADS or lower in HONORIFICS:
            if plain or (lower in OFFICES and i - span.first <= 2 and span.last - i - 1 >= 2):
                best = i + 1
        plain = plain and _titleish(lower)
    while best < span.last - 1 and doc[best].lower_ in _TITLE_JOINERS:
        best += 1
    if best > span.first and (
        not _is_capitalised(doc[best]) or country_name(doc[best : span.last].text)
    ):
        return span.first  # "Captain America" is a name
    return best


def is_acronym(text: str) -> bool:
    """Whether ``text`` looks like an organisation's acronym ("FSB", "NATO", "CoE")."""
    letters = text.replace(".", "").replace("&", "").replace("-", "")
    return (
        2 <= len(letters) <= 10
        and letters.isalnum()
        and text[:1].isupper()
        and sum(c.isupper() for c in letters) >= 2
        and country_name(text) is None
    )


def acronym_links(index: DocIndex) -> list[tuple[int, str]]:
    """Pairs (span index of the full name, acronym) from "Full Name (ACR)" or "ACR (Full Name)".

    Example:
        "the Federal Security Service (FSB)" → ``[(k, "FSB")]`` where ``k`` is the
        span of "the Federal Security Service".
    """
    doc = index.doc
    n = len(doc)
    links: list[tuple[int, str]] = []
    for k, span in enumerate(index.spans):
        j = span.last
        if span.label == "PERSON" or j + 2 >= n or doc[j].text != "(":
            continue
        if span.last - span.first >= 2 and doc[j + 2].text == ")":
            acronym = doc[j + 1].text
            if is_acronym(acronym):
                links.append((k, acronym))
                continue
        if span.last - span.first == 1 and is_acronym(doc[span.first].text):
            inner = index.span_at[j + 1]
            if inner >= 0:
                full = index.spans[inner]
                if full.last < n and doc[full.last].text == ")" and full.last - full.first >= 2:
                    links.append((inner, doc[span.first].text))
    return links


def acronym_occurrences(index: DocIndex, acronym: str) -> list[int]:
    """Token indices where ``acronym`` stands alone, outside any entity spaCy found."""
    return [i for i in index.positions(acronym) if index.span_at[i] < 0 and not index.other_ent[i]]


def name_occurrences(index: DocIndex, names: dict[str, str]) -> list[tuple[int, str]]:
    """Tokens that repeat a one-word name of the article where spaCy labelled nothing.

    ``names`` maps a word ("Timmons", the surname of "Jermayne Timmons";
    "Creighton", a one-word name found elsewhere) to its label. A token counts when
    it is that word (or its all-capitals form), a capitalised proper noun, and not
    next to another proper noun (then it is part of some other name).

    Returns:
        Pairs (token index, label).
    """
    doc = index.doc
    out = []
    hits = sorted(
        i for name in names for i in (*index.positions(name), *index.positions(name.upper()))
    )
    for i in hits:
        t = doc[i]
        text = t.text
        word = text if text in names else text.title()
        if (
            word not in names
            or index.span_at[t.i] >= 0
            or index.other_ent[t.i]
            or t.pos_ != "PROPN"
        ):
            continue
        before = doc[t.i - 1] if t.i else None
        after = doc[t.i + 1] if t.i + 1 < len(doc) else None
        if any(n is not None and n.pos_ == "PROPN" and n.text[:1].isupper()
               for n in (before, after)):
            continue
        out.append((t.i, names[word]))
    return out


def add_repeated_runs(index: DocIndex, headline: bytearray) -> None:
    """Add proper-noun names spaCy labelled nowhere but the article's body repeats.

    The new spans are ORG (GPE for a known place); their type is voted later from
    their context like any other's.
    """
    skip = bytearray(a | b for a, b in zip(headline, index.markup, strict=True))
    added = []
    for words, spots in proper_runs(index, skip).items():
        if len(spots) < 2 or words.upper() in TIME_ZONES:
            continue
        for first, last in spots:
            label = "GPE" if country_name(index.doc[first:last].text) else "ORG"
            added.append(RawSpan(first, last, label))
    if added:
        index.spans = sorted(index.spans + added, key=lambda s: s.first)
        index.reindex()


def proper_runs(index: DocIndex, skip: bytearray) -> dict[str, list[tuple[int, int]]]:
    """Runs of capitalised proper nouns outside every entity, by casefolded text.

    spaCy's small model leaves some names of products and teams unlabelled
    ("Internet Explorer", "Colts"). A run does not start a sentence on its own
    one word, does not end in a role head ("Prime Minister", "District
    Attorney"), and a run of one word is not a word the article also writes in
    lower case ("Day"). ``skip`` masks tokens not to read (headlines, speaker tags).
    """
    doc = index.doc
    lower = {t for t in index.texts if t.islower()}
    runs: dict[str, list[tuple[int, int]]] = {}
    i, n = 0, len(doc)
    while i < n:
        t = doc[i]
        if not _run_token(index, t, skip):
            i += 1
            continue
        j = i + 1
        while j < n and _run_token(index, doc[j], skip):
            j += 1
        words = [w.lower_ for w in doc[i:j]]
        single = j - i == 1 and (t.is_sent_start or len(t.text) < 3 or words[0] in lower)
        if not single and words[-1] not in ROLE_HEADS and not all(
            w in ROLE_ADJECTIVES or w in RANK_WORDS or w in HONORIFICS or w in STATUS_WORDS
            for w in words
        ):
            runs.setdefault(" ".join(words), []).append((i, j))
        i = j
    return runs


def _run_token(index: DocIndex, t: Any, skip: bytearray) -> bool:
    return (
        t.tag_ in ("NNP", "NNPS")
        and t.text[:1].isupper()
        and any(c.isalpha() for c in t.text)
        and index.span_at[t.i] < 0
        and not index.other_ent[t.i]
        and not skip[t.i]
    )
