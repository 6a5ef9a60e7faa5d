"""Single-pass story clustering on plain data: vectors, similarity, the join-or-start decision.

Topic detection and tracking in its simplest durable form: each article is a
TF-IDF vector (its strongest terms, unit length); a story is the sum of its
members' vectors (its centroid, up to scale) and the span of their publication
dates. A new article joins the most similar story whose span comes within
``window_days`` of its own date, if the cosine reaches ``threshold``; otherwise
it starts a story. Nothing here touches a database:
:mod:`dateline.storage.stories` keeps the document frequencies, vectors and
centroids and calls these functions.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass

from dateline.stories.terms import ENTITY_PREFIX

Vector = dict[str, float]


@dataclass(frozen=True)
class StoryOptions:
    """How articles are grouped into stories.

    Attributes:
        window_days: A story can take an article published at most this many days
            before its first or after its last article.
        threshold: Least cosine similarity between an article and a story's centroid.
        vector_terms: An article's vector keeps its strongest terms only, which
            bounds the work per article (a typical article has fewer distinct terms).
        entity_boost: Weight of a named-entity feature relative to a word.
    """

    window_days: int = 3
    threshold: float = 0.12
    vector_terms: int = 300
    entity_boost: float = 1.5


def idf(df: int, n: int, *, smoothing: int = 5) -> float:
    """Inverse document frequency, counting the article itself (``1 <= df <= n``).

    ``log((n + 1 + k) / (df + k))``: as if ``k`` more articles had the term and
    ``k + 1`` more had none. The very first article still has a vector (every term
    equal), a term in every article weighs little but not nothing, and a word
    only one article has (a reporter's name, a reader's comment) does not outweigh
    the words a story repeats.

    Example:
        >>> round(idf(1, 1000), 2), round(idf(1000, 1000), 3), round(idf(1, 1), 3)
        (5.12, 0.001, 0.154)
    """
    return math.log((n + 1 + smoothing) / (df + smoothing)) if df > 0 else 0.0


def vectorise(
    counts: Mapping[str, int],
    df: Mapping[str, int],
    n: int,
    *,
    options: StoryOptions = StoryOptions(),
) -> Vector:
    """An article's unit-length TF-IDF vector over its ``options.vector_terms`` strongest terms.

    Args:
        counts: Term occurrences (see :func:`dateline.stories.terms.term_counts`).
        df: How many articles, this one included, contain each term.
        n: How many articles there are, this one included.
        options: ``vector_terms`` and ``entity_boost``.

    Returns:
        Term weights summing to 1 when squared; empty when no term is informative
        (say, the only article so far).

    Example:
        >>> v = vectorise({"spill": 3, "oil": 1}, {"spill": 1, "oil": 2}, 4)
        >>> sorted(v, key=v.get, reverse=True)
        ['spill', 'oil']
    """
    weights: Vector = {}
    for term, count in counts.items():
        w = (1.0 + math.log(count)) * idf(df.get(term, 1), n) if count > 0 else 0.0
        if term.startswith(ENTITY_PREFIX):
            w *= options.entity_boost
        if w > 0:
            weights[term] = w
    # Ties broken by term so the same article always gets the same vector.
    top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[: options.vector_terms]
    norm = math.sqrt(sum(w * w for _, w in top))
    return {t: w / norm for t, w in top} if norm else {}


def dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Sum of products over shared terms (iterates over the shorter)."""
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def within(
    day: dt.date, first: dt.date, last: dt.date, *, window_days: int
) -> bool:
    """Whether ``day`` is within ``window_days`` of the span ``[first, last]``.

    Example:
        >>> within(dt.date(2020, 1, 10), dt.date(2020, 1, 1), dt.date(2020, 1, 7), window_days=3)
        True
    """
    gap = dt.timedelta(days=window_days)
    return first - gap <= day <= last + gap


@dataclass(frozen=True)
class Candidate:
    """A story an article might join: its id, ``dot`` (article · centroid sum) and ``norm2``.

    ``norm2`` is the squared length of the centroid sum, so the cosine is
    ``dot / sqrt(norm2)`` for a unit-length article vector.
    """

    story_id: int
    dot: float
    norm2: float

    @property
    def similarity(self) -> float:
        return self.dot / math.sqrt(self.norm2) if self.norm2 > 0 else 0.0


def best_story(candidates: list[Candidate], *, threshold: float) -> Candidate | None:
    """The most similar candidate at or above ``threshold`` (the oldest story on a tie), or none.

    Example:
        >>> best_story([Candidate(1, 0.2, 1.0), Candidate(2, 0.9, 4.0)], threshold=0.3)
        Candidate(story_id=2, dot=0.9, norm2=4.0)
    """
    best = None
    for c in candidates:
        if c.similarity >= threshold and (
            best is None or (c.similarity, -c.story_id) > (best.similarity, -best.story_id)
        ):
            best = c
    return best
