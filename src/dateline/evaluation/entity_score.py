"""Entity coreference scores of paired ECB+ mentions: found, end to end, baselines, errors.

Given a :class:`~dateline.evaluation.ecbplus.Matched` setting (gold and system
mentions of one kind, paired by head or span), the partitions scored with
:mod:`dateline.evaluation.coref` are:

- **Found mentions** (:func:`found_scores`): only the gold mentions the system
  found. Key = their gold clusters; response = the same mentions grouped by
  dateline's entity. The two string baselines group exactly the same gold
  mentions, by the gold text: *same string* (:func:`normalise`: casefolded, a
  leading "the", a possessive and edge punctuation stripped) and *same head*
  (the casefolded gold head word). Clustering alone is measured.
- **End to end** (:func:`end_to_end`): key = every gold mention of the setting,
  response = every system mention of the setting; a paired system mention takes
  its gold mention's id, the others keep ids of their own, so missed and
  spurious mentions are charged as the reference scorer charges them.
- **Cross-document** (``within=False``): one partition over all mentions of the
  split (gold ``cluster``; dateline's global ``entity_id``).
  **Within-document** (``within=True``): each (document, cluster) pair is a
  cluster on both sides (dateline: ``(doc, local_id)``), so one score sums
  every document's links and mentions.
- **Mention detection** (:func:`detection`): pairs / system mentions (P) and
  pairs / gold mentions (R).

Example:
    >>> m = match_setting(corpus, run_dateline(corpus), kinds="named")  # doctest: +SKIP
    >>> round(found_scores(m, within=False)["dateline"].conll_f1, 3)  # doctest: +SKIP
    0.77
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass

from dateline.evaluation.coref import CorefScores, divided, score
from dateline.evaluation.ecbplus import GoldMention, Matched, SystemMention

#: The clusterings of found mentions compared in one table, dateline first.
METHODS = ("dateline", "same string", "same head")
_EDGE_PUNCT = "\"'“”‘’«»`.,;:!?()[]{}-–—/\\*"
_POSSESSIVES = ("'s", "’s", "'", "’")


def normalise(text: str) -> str:
    """The *same string* baseline's key: casefolded, edge punctuation, possessive and "the" off.

    Example:
        >>> normalise("The Betty Ford Center's"), normalise('"Scrubs,"')
        ('betty ford center', 'scrubs')
    """
    key = " ".join(text.casefold().split()).strip(_EDGE_PUNCT + " ")
    for ending in _POSSESSIVES:
        if key.endswith(ending) and len(key) > len(ending):
            key = key[: -len(ending)]
            break
    key = key.removeprefix("the ")
    return key.strip(_EDGE_PUNCT + " ")


def head_word(mention: GoldMention) -> str:
    """The *same head* baseline's key: the gold head word, casefolded."""
    return mention.head.casefold()


@dataclass(frozen=True, slots=True)
class Detection:
    """Mention detection counts and scores (fractions)."""

    gold: int
    system: int
    matched: int

    @property
    def precision(self) -> float:
        return self.matched / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def detection(m: Matched) -> Detection:
    """How many of the setting's gold mentions the system found, and at what precision."""
    return Detection(len(m.gold), len(m.system), len(m.pairs))


def group(items: Iterable[tuple[Hashable, Hashable]]) -> list[list[Hashable]]:
    """``(mention id, cluster label)`` pairs as clusters, in order of first appearance."""
    out: dict[Hashable, list[Hashable]] = {}
    for mention, label in items:
        out.setdefault(label, []).append(mention)
    return list(out.values())


def gold_label(g: GoldMention, *, within: bool) -> Hashable:
    return (g.doc, g.cluster) if within else g.cluster


def system_label(s: SystemMention, *, within: bool) -> Hashable:
    return (s.doc, s.local_id) if within else s.entity_id


def found_scores(m: Matched, *, within: bool) -> dict[str, CorefScores]:
    """Scores of dateline and the baselines on the found gold mentions (keys of :data:`METHODS`)."""
    found = m.found
    key = group((g.id, gold_label(g, within=within)) for g, _ in found)
    keys: dict[str, Callable[[GoldMention, SystemMention], Hashable]] = {
        "dateline": lambda g, s: system_label(s, within=within),
        "same string": lambda g, s: (g.doc, normalise(g.text)) if within else normalise(g.text),
        "same head": lambda g, s: (g.doc, head_word(g)) if within else head_word(g),
    }
    return {
        name: score(key, group((g.id, label(g, s)) for g, s in found))
        for name, label in keys.items()
    }


def end_to_end(m: Matched, *, within: bool) -> CorefScores:
    """dateline's clusters of all its mentions against all gold mentions of the setting."""
    key = group((g.id, gold_label(g, within=within)) for g in m.gold)
    ids: list[Hashable] = [
        m.gold[m.pairs[i]].id if i in m.pairs else ("system", i) for i in range(len(m.system))
    ]
    response = group((ids[i], system_label(s, within=within)) for i, s in enumerate(m.system))
    return score(key, response)


def ceiling(m: Matched, *, within: bool, spurious: bool = True) -> CorefScores:
    """End to end with dateline's mentions but perfect clustering: the best any
    clustering of these mentions can score.

    Each found mention takes its gold cluster; each spurious one stays a singleton
    (``spurious=True``) or is left out (``False``: what the mention detection's
    misses alone cost).
    """
    key = group((g.id, gold_label(g, within=within)) for g in m.gold)
    response = group(
        (m.gold[k].id, gold_label(m.gold[k], within=within)) for k in m.pairs.values()
    )
    if spurious:
        response += [[("system", i)] for i in range(len(m.system)) if i not in m.pairs]
    return score(key, response)


@dataclass(frozen=True, slots=True)
class ClusterError:
    """A gold entity that dateline split, or an entity of dateline's that mixes gold ones.

    Attributes:
        kind: ``split`` (a gold entity split) or ``merge`` (gold entities mixed).
        label: The gold cluster (split) or dateline's entity id (merge).
        pieces: The found mentions, one group per dateline entity (split) or
            per gold cluster (merge), largest first; each a (gold, system) pair.
    """

    kind: str
    label: str
    pieces: tuple[tuple[tuple[GoldMention, SystemMention], ...], ...]


def clustering_errors(m: Matched) -> list[ClusterError]:
    """Cross-document clustering errors on the found mentions: splits first, then merges."""
    found = m.found
    by_id: dict[Hashable, tuple[GoldMention, SystemMention]] = {g.id: (g, s) for g, s in found}
    key = group((g.id, g.cluster) for g, _ in found)
    response = group((g.id, s.entity_id) for g, s in found)
    out = []
    for kind, parts, other in (("split", key, response), ("merge", response, key)):
        for pieces in divided(parts, other):
            pairs = tuple(
                tuple(sorted((by_id[i] for i in piece), key=lambda p: (p[0].doc, p[0].start)))
                for piece in pieces
            )
            first = pairs[0][0]
            label = first[0].cluster if kind == "split" else str(first[1].entity_id)
            out.append(ClusterError(kind, label, pairs))
    return out
