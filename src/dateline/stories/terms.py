"""Words of an article as clustering features: no spaCy, the same at ingest and in benchmarks.

Terms are lower-cased words of three or more letters (and capitalised
two-letter acronyms: "BP", "EU"), outside a stop list of function words and
newsroom filler ("said", "monday"), with plurals folded ("talks" → "talk").
Named entities become features of their own: ``@`` and the entity's normalised
key (``@shinzo abe``), which the tokeniser can never produce.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

#: Prefix of entity features; never the start of a word term.
ENTITY_PREFIX = "@"

_WORD = re.compile(r"[^\W\d_]{3,}|\b[^\W\d_a-z]{2}\b")

STOP_WORDS = frozenset(
    """
    about above after again against all almost along already also although always among and
    another any anyone anything are around away back because been before being below between
    both but came can cannot could did does doing done down during each either else enough
    even ever every few for from further get gets getting give given goes going gone got had
    has have having her here hers herself him himself his how however into its itself just
    least less like made make makes making many may might more most much must near neither
    never next nor not now off often once one only onto other others our ours ourselves out
    over own per perhaps put rather really said same say saying says see seen she should
    since some something still such take taken than that the their theirs them themselves
    then there these they thing things this those though three through thus till too toward
    towards two under until upon very via want was way went were what whatever when
    where whether which while who whole whom whose why will with within without would yet you
    your yours yourself yourselves
    am an as at be by do go he if in is it me my no of ok on or pm so to up us we

    according added also asked came come comes including told tell tells think thought use
    used using know known called call calls news report reported reports reporter
    year years month months week weeks day days today yesterday tomorrow time times ago
    monday tuesday wednesday thursday friday saturday sunday
    january february march april june july august september october november december
    first second third last new old four five six seven eight nine ten hundred thousand
    million billion percent cent people mr mrs ms dr
    """.split()
)


def normalise(word: str) -> str:
    """A lower-cased word with its plural folded.

    Example:
        >>> [normalise(w) for w in ("Talks", "countries", "crisis", "virus", "news")]
        ['talk', 'country', 'crisis', 'virus', 'news']
    """
    w = word.casefold()
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ews")):
        return w[:-1]
    return w


#: Word → term (``""`` for a stop word): news reuses its vocabulary, so this stays small.
_TERMS: dict[str, str] = {}


def words(text: str) -> list[str]:
    """The content words of ``text``, normalised, in order.

    Example:
        >>> words("Oil spill: BP says the leaking well was capped on Monday.")
        ['oil', 'spill', 'bp', 'leaking', 'well', 'capped']
    """
    out = []
    for word in _WORD.findall(text):
        term = _TERMS.get(word)
        if term is None:
            term = normalise(word)
            term = "" if term in STOP_WORDS else term
            if len(_TERMS) < 500_000:
                _TERMS[word] = term
        if term:
            out.append(term)
    return out


def term_counts(
    title: str | None,
    text: str,
    entities: Iterable[tuple[str, int]] = (),
    *,
    title_weight: int = 2,
    lead_words: int = 100,
) -> Counter[str]:
    """How often each term occurs, weighted by where: the headline and the lead say what a
    story is about (news is written as an inverted pyramid), the tail strays.

    Args:
        title: The headline; each of its words counts ``title_weight`` times.
        text: The body; its first ``lead_words`` content words count twice.
        entities: ``(key, mentions)`` of the article's entities.
        title_weight: How many body occurrences one title occurrence is worth.
        lead_words: How many content words make the lead.

    Example:
        >>> sorted(term_counts("Spill grows", "The spill grew.", [("bp", 2)]).items())
        [('@bp', 2), ('grew', 2), ('grow', 2), ('spill', 4)]
    """
    body = words(text)
    counts: Counter[str] = Counter(body)
    counts.update(body[:lead_words])
    for w in words(title or ""):
        counts[w] += title_weight
    for key, mentions in entities:
        if key:
            counts[ENTITY_PREFIX + key] += mentions
    return counts
