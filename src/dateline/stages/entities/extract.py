"""One article's entities from its spaCy Doc: the steps of the stage in order.

1. Name spans from spaCy (:mod:`.mentions`), without the spans that name nothing
   and with headline spans cut to their names (:mod:`.filters`); titles split off
   PERSON spans.
2. Titles in front of names (:mod:`.titles`) and appositions (:mod:`.roles`);
   entities inside a title ("State" in "Secretary of State") are dropped.
3. Acronyms defined in parentheses, and their later bare uses.
4. Role descriptions without a name ("the Russian leader"); demonyms
   ("Japanese") as mentions of their country.
5. Merging, typing, naming, resolving descriptions and pronouns (:mod:`.resolve`).
"""

from __future__ import annotations

from typing import Any

from dateline.identity.names import CORPORATE_FORMS, core_key, name_words
from dateline.identity.names import acronym as initials
from dateline.records import Entity
from dateline.stages.entities.filters import (
    drop_non_names,
    headline_mask,
    split_lists,
    trim_headlines,
)
from dateline.stages.entities.lexicon import (
    HONORIFICS,
    NAME_PARTICLES,
    RANK_WORDS,
    ROLE_ADJECTIVES,
    ROLE_HEADS,
    clean_name,
    country_alias,
    country_name,
    make_key,
    place_name,
    places,
)
from dateline.stages.entities.mentions import (
    OFFICES,
    DocIndex,
    RawSpan,
    acronym_links,
    acronym_occurrences,
    add_repeated_runs,
    name_occurrences,
    split_title,
)
from dateline.stages.entities.resolve import Cand, Described, resolve
from dateline.stages.entities.roles import RoleNP, apposition, descriptions
from dateline.stages.entities.titles import Premod, premodifier
from dateline.stages.entities.votes import cues

#: Labels spaCy's small model sometimes gives a person; such a span becomes a
#: person when a title or an apposition states a role for it.
_MISLABELLED = frozenset({"ORG", "NORP", "PRODUCT", "WORK_OF_ART", "FAC", "GPE", "LOC"})
_BODY_LABELS = frozenset({"ORG", "GPE", "LOC", "FAC", "NORP"})
_NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


def _capitalised_name(doc: Any, span: RawSpan) -> bool:
    """A short all-capitalised span that is not a country: it could be a person."""
    if span.last - span.first > 3 or doc[span.first : span.last].text.isupper():
        return False
    if not all(t.text[:1].isupper() for t in doc[span.first : span.last]):
        return False
    return country_name(doc[span.first : span.last].text) is None


def _after_title(doc: Any, span: RawSpan) -> bool:
    """A non-PERSON span right after a person's title ("Minister Lavrov" as ORG).

    The title is capitalised ("Minister Lavrov"), or a lower-case office before a
    name of two or more words ("spokesperson Carlotta Weibl").
    """
    if span.label not in _MISLABELLED or span.first == 0:
        return False
    prev = doc[span.first - 1]
    lower = prev.lower_
    if prev.text[:1].isupper():
        titled = lower in ROLE_HEADS or lower in HONORIFICS
    else:
        titled = lower in OFFICES and span.last - span.first >= 2
    return titled and _capitalised_name(doc, span)


def _name_start(doc: Any, first: int, last: int) -> int:
    """Where a trailing person name begins in capitalised words ``[first, last)``.

    A known place at the front ends right before the name ("Scotland | Nicola
    Sturgeon"); otherwise the name is the last two capitalised words with any
    particles between them ("Koszalin | Piotr Jedlinski", "Bill de Blasio").
    """
    for cut in range(last - 2, first, -1):
        if place_name(doc[first:cut].text):
            return cut
    words = 0
    i = last
    while i > first and words < 2:
        i -= 1
        while i > first and not doc[i - 1].whitespace_:
            i -= 1  # a word of several tokens ("Won-soon", "O'Brien")
        if doc[i].text[:1].isupper():
            words += 1
        elif doc[i].lower_ not in NAME_PARTICLES:
            return last
    return i if words == 2 else last


def _split_glued_places(index: DocIndex) -> None:
    """Split "Mayor of Koszalin Piotr Jedlinski" where spaCy made one span of place and name.

    Only after "<title> of", for a span of three or more capitalised words. The
    front must be a known place; or, after a capitalised title, the span is
    spaCy's PERSON or the parse ends the object of "of" before the name ("Mayor
    of New York City" stays a place).
    """
    doc = index.doc
    out: list[RawSpan] = []
    for span in index.spans:
        first, last = span.first, span.last
        head = doc[first - 2] if first >= 2 else None
        if (
            head is None
            or span.label not in _MISLABELLED | {"PERSON"}
            or last - first < 3
            or doc[first - 1].lower_ != "of"
            or head.lower_ not in ROLE_HEADS
            or not doc[first].text[:1].isupper()
            or not doc[last - 1].text[:1].isupper()
        ):
            out.append(span)
            continue
        cut = _name_start(doc, first, last)
        known = place_name(doc[first:cut].text)
        obj = next((c.i for c in doc[first - 1].children if c.dep_ == "pobj"), last)
        parsed = obj + 1 == cut  # the parse ends the object of "of" where the name starts
        if first < cut < last and (
            known or (head.text[:1].isupper() and (span.label == "PERSON" or parsed))
        ):
            out.append(RawSpan(first, cut, "GPE"))
            out.append(RawSpan(cut, last, "PERSON"))
        else:
            out.append(span)
    if len(out) > len(index.spans):
        index.spans = out
        index.reindex()


def _split_titled_names(index: DocIndex) -> None:
    """Split "United States Representative Elijah Cummings" labelled as one ORG or GPE.

    A capitalised role head inside a non-PERSON span, followed by the span's last two
    or three capitalised words, ends a title; those words are a person's name, and
    what stands before the title keeps the span's label ("Federal Reserve Chairman
    Jerome Powell" → "Federal Reserve", "Jerome Powell"). The title words are left
    between them for :func:`.titles.premodifier`.
    """
    doc = index.doc
    out: list[RawSpan] = []
    for span in index.spans:
        head = _title_head(doc, span) if span.label in _MISLABELLED else None
        if head is None:
            out.append(span)
            continue
        start = head
        while start > span.first and doc[start - 1].text[:1].isupper() and (
            doc[start - 1].lower_ in ROLE_HEADS | ROLE_ADJECTIVES | RANK_WORDS
        ):
            start -= 1  # "Deputy Prime Minister": the whole title
        if span.first < start:
            front = doc[span.first : start].text
            out.append(RawSpan(span.first, start, "GPE" if place_name(front) else span.label))
        out.append(RawSpan(head + 1, span.last, "PERSON"))
    if len(out) > len(index.spans):
        index.spans = out
        index.reindex()


def _title_head(doc: Any, span: RawSpan) -> int | None:
    """The role head before the last two or three capitalised words of a span, if any."""
    for i in range(span.last - 3, span.first, -1):
        if span.last - i - 1 > 3:
            break
        name = doc[i + 1 : span.last]
        if (
            doc[i].lower_ in ROLE_HEADS
            and doc[i].text[:1].isupper()
            and all(t.text[:1].isupper() for t in name)
            and sum(t.is_alpha for t in name) >= 2
        ):
            return i
    return None


def _made_from(doc: Any, text: str) -> bool:
    """A cheap check that ``doc`` tokenises ``text`` (``Doc.text`` rebuilds the string)."""
    if not len(doc):
        return not text
    last = doc[-1]
    return (
        last.idx + len(last.text_with_ws) == len(text)
        and text.startswith(doc[0].text, doc[0].idx)
        and text.startswith(last.text, last.idx)
    )


def _before_person(index: DocIndex, i: int) -> bool:
    """Whether a PERSON span starts at token ``i``, after at most one comma."""
    doc = index.doc
    if i < len(doc) and doc[i].text == ",":
        i += 1
    k = index.span_at[i] if i < len(doc) else -1
    return k >= 0 and index.spans[k].label == "PERSON"


def _key(form: str, label: str) -> str:
    """The merge key: countries by canonical name, else the core key ("Apple Inc." → apple)."""
    if label in ("GPE", "LOC", "ORG"):
        canonical = country_alias(form)
        if canonical:
            return make_key(canonical)
    return core_key(form) or make_key(form)


def _words(form: str) -> tuple[str, ...]:
    """Casefolded name words without honorifics, suffixes and trailing legal forms."""
    words = [w.strip(".,") for w in make_key(form).split()]
    words = [w for w in words if w and w not in HONORIFICS and w not in _NAME_SUFFIXES]
    while len(words) > 1 and (words[-1] in CORPORATE_FORMS or words[-1] + "." in CORPORATE_FORMS):
        words.pop()
    return tuple(words)


def _demonym(doc: Any, span: RawSpan) -> str | None:
    """The country a NORP span's adjective or singular demonym names ("Japanese" → Japan)."""
    if span.label != "NORP" or span.last - span.first > 2:
        return None
    return places().demonyms.get(clean_name(doc[span.first : span.last].text).casefold())


def _honorific(doc: Any, first: int) -> str | None:
    if first > 0 and doc[first - 1].lower_ in HONORIFICS:
        return doc[first - 1].text
    return None


def _titles(index: DocIndex) -> tuple[list[int], list[Premod | None], bytearray]:
    """Split titles off names and drop spans swallowed by a title.

    Returns:
        Per kept span: where its name starts and its title (or ``None``); and a
        mask of every title token.
    """
    doc = index.doc
    _split_glued_places(index)
    _split_titled_names(index)
    firsts = [s.first for s in index.spans]
    premods: list[Premod | None] = [None] * len(index.spans)
    absorbed = bytearray(len(doc))
    titles = bytearray(len(doc))
    for k, span in enumerate(index.spans):
        if span.label == "PERSON":
            firsts[k] = split_title(doc, span)
        elif not _after_title(doc, span):
            continue
        found = premodifier(index, span.first, firsts[k], span.last)
        if found is not None:
            premods[k] = found
            firsts[k] = found.name_first
            for i in range(*found.absorbed):
                titles[i] = 1
                if not span.first <= i < span.last:
                    absorbed[i] = 1
    keep = [k for k, s in enumerate(index.spans) if not any(absorbed[s.first : s.last])]
    if len(keep) < len(index.spans):
        index.spans = [index.spans[k] for k in keep]
        index.reindex()
    return [firsts[k] for k in keep], [premods[k] for k in keep], titles


def _mark(mask: bytearray, first: int, last: int) -> None:
    mask[first:last] = b"\x01" * max(0, last - first)


def _apposition(
    index: DocIndex, span: RawSpan, first: int, titled: bool, titles: bytearray
) -> RoleNP | None:
    """The role apposition of a person's name; other spans only when it makes them a person."""
    person = span.label == "PERSON"
    if not (person or titled or (span.label in _MISLABELLED - {"GPE", "LOC"}
                                 and _capitalised_name(index.doc, span))):
        return None
    np = apposition(index, first, span.last, titles)
    if np is None or not np.role:
        return None
    if not person and (np.generic or _before_person(index, np.last)):
        return None  # "ISNA, the prosecutor general of Tehran, Ali Alghasi Mehr"
    return np


def _np_offsets(index: DocIndex, np: RoleNP) -> tuple[int, int]:
    tail = index.doc[np.last - 1]
    return index.doc[np.first].idx, tail.idx + len(tail.text)


def extract(doc: Any, text: str) -> list[Entity]:
    """The canonical entities of one article.

    Args:
        doc: spaCy Doc of ``text`` with entities and a dependency parse.
        text: The article text that every mention offset points into.

    Returns:
        Entities ``e1``, ``e2`` … in order of first mention.

    Raises:
        ValueError: ``doc`` was not made from ``text``.
    """
    if not _made_from(doc, text):
        raise ValueError("the Doc was not made from this article's text")
    index = DocIndex(doc, text)
    drop_non_names(index)
    split_lists(index)
    headline = headline_mask(index)
    add_repeated_runs(index, headline)
    trim_headlines(index, headline)
    firsts, premods, titles = _titles(index)
    consumed = bytearray(len(doc))
    cands: list[Cand] = []
    described: list[Described] = []
    cand_of: dict[int, int] = {}
    for k, span in enumerate(index.spans):
        _mark(consumed, span.first, span.last)
        start, end = index.char_span(firsts[k], span.last)
        form = clean_name(text[start:end])
        premod = premods[k]
        country = _demonym(doc, span)
        if country is not None:
            cands.append(Cand(start, end, "GPE", country, make_key(country), _words(country),
                              kind="demonym", first=span.first, last=span.last))
            cand_of[k] = len(cands) - 1
            continue
        cand = Cand(start, end, span.label, form, _key(form, span.label), _words(form),
                    first=firsts[k], last=span.last, honorific=_honorific(doc, firsts[k]),
                    cues=cues(doc, firsts[k], span.last, form))
        if premod is not None:
            cand.role, cand.affiliation, cand.person = premod.role, premod.affiliation, True
            _mark(consumed, *premod.absorbed)
        np = _apposition(index, span, firsts[k], premod is not None, titles)
        if np is not None:
            _mark(consumed, np.first, np.last)
            a, b = _np_offsets(index, np)
            described.append(Described(a, b, np.role or "", np.affiliation, np.generic, len(cands)))
            cand.role = cand.role or np.role
            cand.person = True
        cand_of[k] = len(cands)
        cands.append(cand)
    links = _acronyms(index, cands, cand_of)
    _repeats(index, cands)
    _undefined_acronyms(index, cands)
    for np in descriptions(index, consumed):
        a, b = _np_offsets(index, np)
        described.append(Described(a, b, np.role or "", np.affiliation, np.generic))
    return resolve(doc, text, cands, links, described, index.texts)


def _repeats(index: DocIndex, cands: list[Cand]) -> None:
    """Add bare uses of the article's one-word names and surnames that spaCy missed."""
    names: dict[str, str] = {}
    for c in cands:
        if c.kind != "name" or c.first < 0:
            continue
        person = c.label == "PERSON" or "PERSON" in c.cues or c.person
        if len(c.words) == 1 and c.last - c.first == 1:
            names.setdefault(index.doc[c.first].text, c.label)
        elif person and len(c.words) >= 2:
            names.setdefault(index.doc[c.last - 1].text, "PERSON")
    names = {  # a surname that is also a place ("Jordan") repeats only as the place
        w: label for w, label in names.items()
        if len(w) > 2 and w[:1].isupper() and not w.isupper()
        and (label in ("GPE", "LOC") or place_name(w) is None)
    }
    doc = index.doc
    for i, label in name_occurrences(index, names):
        token = doc[i]
        form = token.text.title() if token.text.isupper() else token.text
        cands.append(Cand(token.idx, token.idx + len(token), label, form, _key(form, label),
                          _words(form), first=i, last=i + 1, honorific=_honorific(doc, i),
                          cues=cues(doc, i, i + 1, form)))


def _undefined_acronyms(index: DocIndex, cands: list[Cand]) -> None:
    """Add the acronyms of the article's names used without a definition ("WHO officials").

    Only outside spaCy's entities and outside capitalised lines, where "WHO" may be
    the pronoun; :mod:`.merge` ties them to the one name they abbreviate.
    """
    found: dict[str, str] = {}
    for c in cands:
        if c.kind == "name" and c.label in _BODY_LABELS and len(name_words(c.form)) >= 2:
            short = initials(c.form)
            if short and 2 <= len(short) <= 6:
                found.setdefault(short.upper(), c.label)
    doc = index.doc
    for short, label in found.items():
        for i in acronym_occurrences(index, short):
            sent = doc[i].sent
            if sum(t.is_upper for t in sent) * 2 > sum(t.is_alpha for t in sent):
                continue
            key = make_key(short)
            cands.append(Cand(doc[i].idx, doc[i].idx + len(short), label, short, key, (key,),
                              first=i, last=i + 1))


def _acronyms(index: DocIndex, cands: list[Cand], cand_of: dict[int, int]) -> list[tuple[int, int]]:
    """Add bare uses of defined acronyms and link every use to the full name."""
    doc = index.doc
    links: list[tuple[int, int]] = []
    for k, acronym in acronym_links(index):
        host = cand_of.get(k)
        if host is None:
            continue
        key = make_key(acronym)
        label = cands[host].label
        for i in acronym_occurrences(index, acronym):
            start = doc[i].idx
            cands.append(
                Cand(start, start + len(acronym), label, acronym, key, (key,), kind="alias",
                     first=i, last=i + 1)
            )
        links.extend((host, i) for i, c in enumerate(cands) if c.key == key and i != host)
    return links
