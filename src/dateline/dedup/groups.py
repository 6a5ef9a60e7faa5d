"""Deciding that two texts are copies of one story, from their MinHash fingerprints.

A copy may be lightly edited (a few words, a dateline prefix), gain boilerplate
around the story or lose paragraphs. The first two keep the shingle sets' Jaccard
similarity high; a copy that dropped paragraphs is instead *contained* in the
fuller one. Both are read from the signatures: with ``J`` the estimated Jaccard of
sets of ``n`` and ``m`` shingles, their intersection is ``J·(n + m)/(1 + J)`` and the
smaller set's containment that intersection over ``min(n, m)``. Two texts are copies
when that containment reaches :attr:`DedupOptions.threshold` and the smaller holds
at least :attr:`DedupOptions.min_ratio` of the larger's shingles (a two-paragraph
brief is not the same article as the feature that quotes it).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from dateline.dedup.minhash import band_keys, estimate_jaccard, signature
from dateline.dedup.options import DedupOptions as DedupOptions
from dateline.dedup.shingles import shingle_hashes


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """A text's MinHash signature, its number of distinct shingles and its band keys."""

    signature: npt.NDArray[np.uint32]
    size: int
    keys: tuple[int, ...]


def fingerprint(text: str, options: DedupOptions | None = None) -> Fingerprint:
    """The fingerprint of ``text`` (no band keys when it is too short to group).

    Example:
        >>> fp = fingerprint(" ".join(f"word{i}" for i in range(14)))
        >>> fp.size, len(fp.keys), len(fp.signature)
        (11, 42, 128)
    """
    o = options or DedupOptions()
    hashes = shingle_hashes(text, size=o.shingle_size)
    sig = signature(hashes, num_perm=o.num_perm, seed=o.seed)
    keys = band_keys(sig, bands=o.bands, rows=o.rows) if len(hashes) >= o.min_shingles else []
    return Fingerprint(sig, len(hashes), tuple(keys))


def containment(jaccard: float, n: int, m: int) -> float:
    """The smaller set's containment in the larger, from their Jaccard and sizes.

    Example:
        >>> containment(0.5, 100, 50)  # 50 shared of a 50-shingle set
        1.0
    """
    if min(n, m) <= 0:
        return 0.0
    shared = jaccard * (n + m) / (1.0 + jaccard)
    return min(1.0, shared / min(n, m))


def similarity(a: Fingerprint, b: Fingerprint, options: DedupOptions | None = None) -> float:
    """How much two texts are one: the estimated containment of the smaller in the
    larger, or 0 when either is too short or their sizes are too far apart.

    Example:
        >>> text = " ".join(f"w{i}" for i in range(60))
        >>> similarity(fingerprint(text), fingerprint("BOSTON (AP) - " + text)) > 0.8
        True
    """
    o = options or DedupOptions()
    small, large = sorted((a.size, b.size))
    if small < o.min_shingles or small < o.min_ratio * large:
        return 0.0
    return containment(estimate_jaccard(a.signature, b.signature), a.size, b.size)


def is_copy(a: Fingerprint, b: Fingerprint, options: DedupOptions | None = None) -> bool:
    """Whether two fingerprints are one story's text (:func:`similarity` reaches the threshold).

    Example:
        >>> text = " ".join(f"w{i}" for i in range(60))
        >>> is_copy(fingerprint(text), fingerprint(text + " Subscribe to our newsletter."))
        True
    """
    o = options or DedupOptions()
    return similarity(a, b, o) >= o.threshold
