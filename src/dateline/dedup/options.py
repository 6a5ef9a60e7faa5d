"""How near-duplicates are found: options only, so reading them needs no NumPy."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DedupOptions:
    """How near-duplicates are found (the defaults are ``Config``'s; see there).

    Attributes:
        shingle_size: Words per shingle.
        num_perm: MinHash functions (signature length); must be ``bands * rows`` or more.
        bands: LSH bands; each is one indexed key per article.
        rows: Signature values per band.
        threshold: Least estimated containment of the smaller text in the larger.
        min_ratio: Least size of the smaller shingle set relative to the larger.
        min_shingles: Texts with fewer shingles are never grouped (too short to tell).
        max_candidates: Candidates verified per article, most shared bands first:
            bounds the work for a story reprinted hundreds of times.
        seed: Seed of the MinHash functions; stored signatures depend on it.
    """

    shingle_size: int = 4
    num_perm: int = 128
    bands: int = 42
    rows: int = 3
    threshold: float = 0.55
    min_ratio: float = 0.2
    min_shingles: int = 10
    max_candidates: int = 50
    seed: int = 1
