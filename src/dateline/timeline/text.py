"""Words, weights and similarity for choosing and comparing sentences.

Small on purpose: a sentence becomes a bag of lightly stemmed content words, weighted
by TF-IDF over the sentences being compared; cosine similarity does the rest.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache

from dateline.stopwords import STOP_WORDS

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
Vector = dict[str, float]


def stem(word: str) -> str:
    """A light English stemmer: plural and verb endings off, enough to match query words.

    Example:
        >>> [stem(w) for w in ("talks", "signed", "signing", "agreed", "policies")]
        ['talk', 'sign', 'sign', 'agree', 'policy']
    """
    w = word.lower().replace("’", "'").removesuffix("'s")
    if len(w) <= 3:
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("sses"):
        return w[:-2]
    for suffix in ("ing", "ed"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            base = w[: -len(suffix)]
            if len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]  # "planned" → "plan"
            elif suffix == "ed" and w.endswith("eed"):
                base = w[:-1]  # "agreed" → "agree"
            return base
    if w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


@lru_cache(maxsize=262_144)
def _term(word: str) -> str:
    """A word's term ("" for a stop word, a number or a letter): words recur, so cached."""
    w = word.lower()
    if w in STOP_WORDS or w.isdigit() or len(w) < 2:
        return ""
    return stem(w)


def terms(text: str) -> list[str]:
    """Content words of ``text``, lowercased and stemmed, stop words and numbers out."""
    return [t for t in map(_term, _WORD.findall(text)) if t]


def idf(documents: Iterable[Sequence[str]]) -> dict[str, float]:
    """Smoothed inverse document frequency of each term."""
    df: Counter[str] = Counter()
    n = 0
    for doc in documents:
        n += 1
        df.update(set(doc))
    return {t: math.log((1 + n) / (1 + c)) + 1.0 for t, c in df.items()}


def vector(words: Sequence[str], weights: dict[str, float]) -> Vector:
    """TF-IDF vector, unit length (empty for no words)."""
    counts = Counter(words)
    v = {t: c * weights.get(t, 1.0) for t, c in counts.items()}
    norm = math.sqrt(sum(x * x for x in v.values()))
    return {t: x / norm for t, x in v.items()} if norm else {}


def cosine(a: Vector, b: Vector) -> float:
    """Cosine of two unit vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(t, 0.0) for t, x in a.items())


def centroid(vectors: Sequence[Vector]) -> Vector:
    """The unit mean of ``vectors``."""
    total: Counter[str] = Counter()
    for v in vectors:
        total.update(v)
    norm = math.sqrt(sum(x * x for x in total.values()))
    return {t: x / norm for t, x in total.items()} if norm else {}
