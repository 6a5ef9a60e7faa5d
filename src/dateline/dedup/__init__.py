"""Near-duplicate detection: the same story text reprinted by several outlets.

An article's text becomes a set of word shingles (:mod:`.shingles`), summarised by a
MinHash signature whose bands are hashed into keys (:mod:`.minhash`): two texts that
share most shingles share a band key with high probability, so candidates are found
by looking up an article's own keys, never by comparing all pairs. Candidates are then
verified on their signatures (:mod:`.groups`). The store keeps the keys indexed
(:mod:`dateline.storage.dedup`).
"""

from __future__ import annotations

from dateline.dedup.groups import DedupOptions, Fingerprint, fingerprint, similarity
from dateline.dedup.minhash import band_keys, estimate_jaccard, signature
from dateline.dedup.shingles import shingle_hashes, words

__all__ = [
    "DedupOptions",
    "Fingerprint",
    "band_keys",
    "estimate_jaccard",
    "fingerprint",
    "shingle_hashes",
    "signature",
    "similarity",
    "words",
]
