"""Word shingles: the overlapping runs of ``size`` words of a text, hashed to 32 bits.

Words are lower-cased runs of letters and digits, so punctuation, quotation-mark
styles and spacing do not tell two copies apart; a changed word changes only the
``size`` shingles that cover it.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
import numpy.typing as npt

_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """The text's words, case-folded.

    Example:
        >>> words("MOSCOW, Nov 7 (TASS) - Putin's")
        ['moscow', 'nov', '7', 'tass', 'putin', 's']
    """
    return _WORD.findall(text.casefold())


def shingle_hashes(text: str, *, size: int = 5) -> npt.NDArray[np.uint32]:
    """The distinct ``size``-word shingles of ``text`` as sorted 32-bit hashes.

    A text shorter than ``size`` words is one shingle (all its words); an empty
    text has none. Hashes are BLAKE2b (not Python's ``hash``, which is salted per
    process): the same text gives the same hashes in every run.

    Example:
        >>> len(shingle_hashes("a b c d e f", size=5)), len(shingle_hashes("", size=5))
        (2, 0)
    """
    ws = words(text)
    if not ws:
        return np.zeros(0, dtype=np.uint32)
    n = max(1, len(ws) - size + 1)
    digests = b"".join(
        hashlib.blake2b(" ".join(ws[i : i + size]).encode(), digest_size=4).digest()
        for i in range(n)
    )
    return np.unique(np.frombuffer(digests, dtype="<u4"))
