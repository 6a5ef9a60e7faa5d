"""Name normalisation shared by the entities stage and identity: keys and display forms.

The lowest layer of entity names: no tables, no parse, so both
:mod:`dateline.stages.entities` and :mod:`dateline.identity` build on it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Capitalised titles that may stand in front of a name without being a role head
#: of their own ("Crown Prince", "Vice President" use heads above).
HONORIFICS = frozenset(
    {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame", "lord", "lady",
     "madam", "mx", "mx.", "miss", "prof", "prof.", "emeritus"}
)

#: Lower-case words inside personal names ("Bill de Blasio", "Ursula von der Leyen").
NAME_PARTICLES = frozenset(
    {"de", "da", "di", "do", "dos", "das", "del", "della", "der", "den", "van", "von", "le",
     "la", "du", "bin", "bint", "ibn", "al", "el", "ben", "y", "e", "ter", "ten", "zu"}
)

_QUOTES = "\"'“”‘’«»"
_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$")
_ACRONYM_DOTS = re.compile(r"(?:[A-Za-z]\.){2,}")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


def clean_name(text: str) -> str:
    """A display name: whitespace collapsed, no leading "the", no trailing possessive.

    Example:
        >>> clean_name("the United States’s")
        'United States'
    """
    text = " ".join(text.split())
    if text[:4].casefold() == "the " and len(text) > 4:
        text = text[4:].lstrip(_QUOTES)
    return _POSSESSIVE.sub("", text).strip(_QUOTES + " ") or text


@lru_cache(maxsize=65536)
def make_key(text: str) -> str:
    """The cross-article key of a name: casefolded, accents stripped, no "the"/"'s".

    Example:
        >>> make_key("The  Élysée's")
        'elysee'
    """
    text = clean_name(text)
    if _ACRONYM_DOTS.fullmatch(text.replace(" ", "")):
        text = text.replace(".", "")
    text = _strip_accents(text.translate(_INVISIBLE))
    return " ".join(text.casefold().replace("’", "'").split())


def _strip_accents(text: str) -> str:
    """Drop combining marks on Latin letters only (Devanagari vowel signs are letters)."""
    out: list[str] = []
    for c in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(c) and out and out[-1] < "\u0250":
            continue
        out.append(c)
    return unicodedata.normalize("NFC", "".join(out))
