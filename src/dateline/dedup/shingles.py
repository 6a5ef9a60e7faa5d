"""Word shingles: the overlapping runs of ``size`` words of a text, hashed to 32 bits.

Words are lower-cased runs of letters and digits, so punctuation, quotation-mark
styles and spacing do not tell two copies apart; a changed word changes only the
``size`` shingles that cover it.
"""

from __future__ import annotations

import re
import zlib

import numpy as np
import numpy.typing as npt

_WORD = re.compile(r"\w+")
#: An odd 64-bit multiplier for the polynomial, and SplitMix64's first multiplier.
_P = np.uint64(0x9E3779B97F4A7C15)
_M = np.uint64(0xBF58476D1CE4E5B9)


def words(text: str) -> list[str]:
    """The text's words, case-folded.

    Example:
        >>> words("MOSCOW, Nov 7 (TASS) - Putin's")
        ['moscow', 'nov', '7', 'tass', 'putin', 's']
    """
    return _WORD.findall(text.casefold())


def shingle_hashes(text: str, *, size: int = 4) -> npt.NDArray[np.uint32]:
    """The distinct ``size``-word shingles of ``text`` as sorted 32-bit hashes.

    A text shorter than ``size`` words is one shingle (all its words); an empty
    text has none. Each word is hashed once (CRC-32, not Python's ``hash``, which is
    salted per process: the same text gives the same hashes in every run); a
    shingle's hash is a polynomial of its words' hashes (modulo 2^64), spread by a
    SplitMix64 round and cut to its high 32 bits — all shingles in a few numpy steps.

    Example:
        >>> len(shingle_hashes("a b c d e f", size=5)), len(shingle_hashes("", size=5))
        (2, 0)
    """
    ws = words(text)
    if not ws:
        return np.zeros(0, dtype=np.uint32)
    ids = np.fromiter((zlib.crc32(w.encode()) for w in ws), dtype=np.uint64, count=len(ws))
    n = max(1, len(ws) - size + 1)
    span = min(size, len(ws))
    h = np.zeros(n, dtype=np.uint64)
    for i in range(span):  # h = w0·P^(k-1) + … + w(k-1), wrapping modulo 2^64
        h = h * _P + ids[i : i + n]
    h = (h ^ (h >> np.uint64(31))) * _M
    return np.unique((h >> np.uint64(32)).astype(np.uint32))
