"""Name compatibility: when two written names can stand for one entity.

News names one referent in many ways: "Hewlett-Packard Co.", "Hewlett-Packard",
"HP"; "U.S. Geological Survey", "US Geological Survey", "USGS"; "Zelensky",
"Zelenskyy"; "Scott Peterson", "Peterson". This module turns a name into the
keys that expose those variants and says how two names relate. It is grammar
of English news names, used inside an article (the ``entities`` stage) and
across articles (:mod:`dateline.identity.linker`) alike.
"""

from __future__ import annotations

import re
from enum import Enum
from functools import lru_cache

from dateline.identity.normal import HONORIFICS, NAME_PARTICLES, make_key

#: Legal forms that end a company's name and are dropped for matching
#: ("Apple Inc.", "Hewlett-Packard Co.", "Chrysler LLC", "BP plc").
CORPORATE_FORMS = frozenset(
    """inc inc. incorporated co co. company corp corp. corporation llc l.l.c. plc ltd ltd.
    limited ag sa s.a. nv n.v. bv b.v. gmbh spa s.p.a. ab asa oyj lp llp l.p. pty pte
    group sarl s.a.r.l. se kgaa""".split()
)

#: Words that never carry identity on their own: "Micro" is no name for
#: "Advanced Micro Devices", "The" is none for anything.
_SMALL = frozenset({"of", "and", "the", "for", "on", "in", "at", "de", "&", "a", "an", "to"})

#: Personal-name suffixes dropped for matching ("William Clay Ford Jr.").
NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})

_US = frozenset({"u.s.", "u.s", "us", "usa", "u.s.a.", "united states"})
_SPLIT = re.compile(r"[\s\-–/]+")
_EDGE = ".,;:'\"“”‘’()[]"


class Relation(Enum):
    """How one name relates to another (strongest first)."""

    SAME = "same"  # equal once case, accents, "the", legal forms and dots are dropped
    ACRONYM = "acronym"  # "AMD" for "Advanced Micro Devices"
    TRANSLIT = "translit"  # "Zelensky" / "Zelenskyy", "Gaddafi" / "Gadafi"
    PART = "part"  # "Peterson" of "Scott Peterson", "T-Mobile" of "T-Mobile USA"


@lru_cache(maxsize=65536)
def name_words(name: str) -> tuple[str, ...]:
    """The identifying words of a name, casefolded, without legal forms and honorifics.

    Example:
        >>> name_words("Hewlett-Packard Co.")
        ('hewlett', 'packard')
        >>> name_words("Mr. William Clay Ford Jr.")
        ('william', 'clay', 'ford')
        >>> name_words("U.S. Geological Survey")
        ('united', 'states', 'geological', 'survey')
    """
    key = make_key(name)
    raw = [w.strip(_EDGE) for w in _SPLIT.split(key)]
    words = [w for w in raw if w]
    if words and words[0] in _US and len(words) > 1:
        words[0:1] = ["united", "states"]
    while len(words) > 1 and (
        words[-1] in CORPORATE_FORMS or words[-1].rstrip(".") in CORPORATE_FORMS
    ):
        words.pop()
    while len(words) > 1 and words[-1] in NAME_SUFFIXES:
        words.pop()
    while len(words) > 1 and (words[0] in HONORIFICS or words[0] == "the"):
        words.pop(0)
    return tuple(w.replace(".", "") if w.count(".") > 1 else w.rstrip(".") for w in words)


def core_key(name: str) -> str:
    """The matching key: identifying words joined by spaces ("hewlett packard")."""
    return " ".join(name_words(name))


def acronym(name: str) -> str | None:
    """The initials a multi-word name is abbreviated to, else ``None``.

    Hyphenated parts count as words ("Hewlett-Packard" → ``hp``); small words
    are skipped ("Organisation of Islamic Cooperation" → ``oic``).

    Example:
        >>> acronym("Advanced Micro Devices Inc."), acronym("U.S. Geological Survey")
        ('amd', 'usgs')
    """
    words = [w for w in name_words(name) if w not in _SMALL]
    if len(words) < 2:
        return None
    return "".join(w[0] for w in words if w[0].isalnum())


def looks_like_acronym(name: str) -> bool:
    """An all-capitals short form such as "AMD", "USGS", "U.S.", "EDS"."""
    letters = re.sub(r"[.&\-]", "", name.strip())
    return (
        2 <= len(letters) <= 8
        and letters.isalnum()
        and sum(c.isupper() for c in letters) >= 2
        and sum(c.isupper() for c in letters) >= len(letters) - 1
    )


@lru_cache(maxsize=65536)
def translit_key(word: str) -> str:
    """A spelling-insensitive form of one word: "zelenskyy", "zelenskiy" → ``zelenski``.

    Folds the usual romanisation variants of news names (y/i, doubled letters,
    kh/h, ph/f, ck/k, final -iy/-ii), so it is compared only between names that
    already agree on every other word.
    """
    w = word.casefold()
    for a, b in (
        ("kh", "h"),
        ("ph", "f"),
        ("ck", "k"),
        ("dh", "d"),
        ("q", "k"),
        ("w", "v"),
        ("ou", "u"),
        ("j", "y"),
    ):
        w = w.replace(a, b)
    w = w.replace("y", "i")
    w = re.sub(r"(.)\1+", r"\1", w)
    if len(w) > 4 and w.endswith(("ie", "re")):
        w = w[:-2] + ("i" if w.endswith("ie") else "er")  # Bettie/Betty, Centre/Center
    return w


def _initials_dropped(words: tuple[str, ...]) -> tuple[str, ...]:
    """A name without its middle initials ("dirk a kempthorne" → dirk, kempthorne)."""
    return (words[0], *(w for w in words[1:-1] if len(w) > 1), words[-1])


def _subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    it = iter(long)
    return all(word in it for word in short)


@lru_cache(maxsize=262144)
def relation(a: str, b: str) -> Relation | None:
    """How name ``a`` relates to name ``b`` (``None``: not the same referent by name).

    ``PART`` holds when ``a``'s words are an ordered part of ``b``'s that keeps
    its last word (a surname: "Peterson" of "Scott Peterson") or its first word
    (a company's short name: "T-Mobile" of "T-Mobile USA", "ATI" of "ATI
    Technologies"); callers decide whether a part is unambiguous.

    Example:
        >>> relation("Hewlett-Packard", "Hewlett-Packard Co.").value
        'same'
        >>> relation("HP", "Hewlett-Packard").value, relation("Peterson", "Scott Peterson").value
        ('acronym', 'part')
        >>> relation("Zelenskyy", "Volodymyr Zelensky").value
        'part'
        >>> relation("Micro", "Advanced Micro Devices") is None
        True
    """
    wa, wb = name_words(a), name_words(b)
    if not wa or not wb:
        return None
    if wa == wb:
        return Relation.SAME
    if len(wa) == 1 and looks_like_acronym(a) and acronym(b) == wa[0]:
        return Relation.ACRONYM
    if len(wb) == 1 and looks_like_acronym(b) and acronym(a) == wb[0]:
        return Relation.ACRONYM
    ta, tb = tuple(map(translit_key, wa)), tuple(map(translit_key, wb))
    if ta == tb:
        return Relation.TRANSLIT
    if len(wa) >= 2 and len(wb) >= 2 and _initials_dropped(wa) == _initials_dropped(wb):
        return Relation.SAME  # "Dirk A. Kempthorne", "Dirk Kempthorne"
    if len(wa) < len(wb) and all(w not in _SMALL and w not in NAME_PARTICLES for w in wa[:1]):
        if _subsequence(ta, tb) and (ta[-1] == tb[-1] or ta[0] == tb[0]):
            return Relation.PART
    return None


def match_keys(name: str) -> set[str]:
    """Keys under which a name is indexed and looked up across articles.

    The core key, its initials when it has several words, the name itself when
    it is an acronym, each identifying word's transliteration key (for
    surnames) and the transliteration key of the whole name.

    Example:
        >>> sorted(match_keys("Advanced Micro Devices Inc."))[:3]
        ['=advanced micro devices', '@amd', 'w:advanced']
    """
    words = name_words(name)
    keys = {"=" + " ".join(words)} if words else set()
    if not words:
        return keys
    initials = acronym(name)
    if initials:
        keys.add("@" + initials)
    if len(words) == 1 and looks_like_acronym(name):
        keys.add("@" + words[0])
    keys.add("~" + " ".join(map(translit_key, words)))
    for w in words:
        if w not in _SMALL and w not in NAME_PARTICLES and len(w) > 1:
            keys.add("w:" + translit_key(w))
    return keys
