"""Near-duplicate detection: the same story text reprinted by several outlets.

An article's text becomes a set of word shingles (:mod:`.shingles`), summarised by a
MinHash signature whose bands are hashed into keys (:mod:`.minhash`): two texts that
share most shingles share a band key with high probability, so candidates are found
by looking up an article's own keys, never by comparing all pairs. Candidates are then
verified on their signatures (:mod:`.groups`). The store keeps the keys indexed
(:mod:`dateline.storage.dedup`).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from dateline.dedup.options import DedupOptions

if TYPE_CHECKING:
    from dateline.dedup.groups import Fingerprint, fingerprint, similarity
    from dateline.dedup.minhash import band_keys, estimate_jaccard, signature
    from dateline.dedup.shingles import shingle_hashes, words

#: Where each name lives: imported on first use, so reading options needs no NumPy.
_LAZY = {
    "Fingerprint": "groups", "fingerprint": "groups", "similarity": "groups",
    "band_keys": "minhash", "estimate_jaccard": "minhash", "signature": "minhash",
    "shingle_hashes": "shingles", "words": "shingles",
}  # fmt: skip


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(f"dateline.dedup.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'dateline.dedup' has no attribute {name!r}")


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
