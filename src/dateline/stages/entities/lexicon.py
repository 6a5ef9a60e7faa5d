"""Word lists and name normalisation for the entities stage.

The role lexicon is English news vocabulary kept in code (it is grammar, not
data); countries, demonyms, metonyms and capitals are read once from
``dateline/resources/*.tsv``.
"""

from __future__ import annotations

from dateline.identity.normal import (  # noqa: F401  (re-exported)
    HONORIFICS,
    NAME_PARTICLES,
    clean_name,
    make_key,
)
from dateline.identity.places import (  # noqa: F401  (re-exported)
    Places,
    affiliation_name,
    country_alias,
    country_name,
    country_of,
    demonym_country,
    place_name,
    places,
    same_affiliation,
)

#: spaCy labels kept as entities; numeric and time labels are left to later stages.
KEPT_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "LAW", "EVENT", "PRODUCT",
     "WORK_OF_ART", "LANGUAGE"}
)

#: Tie-break between labels when mentions of one entity disagree (first wins).
LABEL_PRECEDENCE = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "LAW",
                    "PRODUCT", "WORK_OF_ART", "LANGUAGE")

#: Head nouns of titles and roles (lower case, one word; "prime minister" is
#: "minister" with the modifier "prime").
ROLE_HEADS = frozenset(
    """president premier chancellor minister secretary spokesman spokeswoman spokesperson
    governor mayor senator representative congressman congresswoman congressperson
    ambassador envoy king queen emperor empress prince princess pope chairman chairwoman
    chairperson ceo cfo coo cto executive director general admiral colonel lieutenant
    commander captain sergeant marshal leader chief head boss judge justice prosecutor
    attorney sheriff commissioner speaker lawmaker legislator mp councillor councilor
    councilman councilwoman founder co-founder cofounder coach manager sultan emir
    monarch ayatollah patriarch archbishop bishop cardinal rabbi imam professor
    taoiseach diplomat superintendent inspector dean rector ombudsman deputy adviser
    advisor""".split()
)

#: Titles of several words kept whole even where a word is an honorific or no role
#: head of its own ("Lord Mayor", "First Lady", "Surgeon General").
COMPOUND_TITLES = frozenset(
    tuple(title.split())
    for title in (
        "lord mayor", "lord chancellor", "lord provost", "lord speaker", "lord advocate",
        "lord president", "lord chief justice", "lord justice", "lady justice",
        "first lady", "first gentleman", "second lady", "second gentleman",
        "chief justice", "attorney general", "surgeon general", "solicitor general",
        "inspector general", "auditor general", "postmaster general", "advocate general",
        "vice chancellor", "chief of staff", "national security adviser",
        "national security advisor", "first minister", "first secretary",
        "home secretary", "foreign secretary", "press secretary", "chief whip",
        "majority leader", "minority leader",
    )
)

#: (word, next word) pairs inside a compound title: "lord" + "mayor", "first" + "lady".
TITLE_PAIRS = frozenset(
    pair for title in COMPOUND_TITLES for pair in zip(title[:-1], title[1:], strict=True)
)

#: (word before, last word) of each compound title: the last word heads the title.
TITLE_ENDS = frozenset((title[-2], title[-1]) for title in COMPOUND_TITLES)


#: Time-zone abbreviations written after clock times.
TIME_ZONES = frozenset(
    """UTC GMT EST EDT CST CDT MST MDT PST PDT AKST AKDT HST BST CET CEST EET EEST WET WEST
    IST JST KST AEST AEDT ACST ACDT AWST NZST NZDT MSK SGT HKT PHT WIB SAST CAT EAT WAT""".split()
)

#: Heads that fit any top role when the description says nothing more specific.
GENERIC_HEADS = frozenset({"leader", "chief", "head", "boss"})

#: Roles that "the leader", "the chief", "the head" can refer to.
TOP_ROLES = frozenset(
    {("president",), ("prime", "minister"), ("premier",), ("chancellor",), ("king",),
     ("queen",), ("emperor",), ("empress",), ("monarch",), ("sultan",), ("emir",),
     ("taoiseach",), ("supreme", "leader"), ("leader",), ("chief",), ("head",), ("boss",),
     ("chairman",), ("chairwoman",), ("chairperson",), ("ceo",), ("chief", "executive"),
     ("secretary", "general"), ("director", "general"), ("pope",), ("patriarch",)}
)

#: Modifiers that make a different role: "the minister" is not the prime minister,
#: "the president" not the vice president.
RANK_WORDS = frozenset({"vice", "deputy", "assistant", "under", "associate", "junior",
                        "prime", "first", "co", "former", "ex", "acting"})

#: Time/status words dropped from a role ("then-President", "the late king"),
#: except ``former``/``ex`` which are kept as "Former".
STATUS_WORDS = frozenset(
    {"former", "ex", "then", "late", "current", "incumbent", "outgoing", "incoming",
     "sitting", "longtime", "long-time", "veteran", "new", "newly", "interim",
     "re-elected", "reelected", "embattled", "top", "senior", "powerful"}
)

#: Lower-case adjectives that belong to a role ("prime minister", "foreign minister").
#: Lower-case nouns always can ("press secretary", "police chief").
ROLE_ADJECTIVES = frozenset(
    {"prime", "foreign", "vice", "deputy", "chief", "executive", "general", "regional",
     "first", "supreme", "crown", "assistant", "associate", "managing", "presidential",
     "federal", "provincial", "royal", "military", "economic", "interior", "municipal",
     "grand", "principal", "permanent", "special", "parliamentary", "opposition",
     "attorney", "district", "national", "state", "financial", "operating", "technical"}
)


_SMALL_WORDS = frozenset({"of", "and", "the", "for", "on", "to", "in", "at"})


def title_role(words: list[str]) -> str:
    """A role in canonical title case, acronyms kept ("foreign minister" → "Foreign Minister").

    Example:
        >>> title_role(["secretary", "of", "state"]), title_role(["CEO"])
        ('Secretary of State', 'CEO')
    """
    out = []
    for n, word in enumerate(" ".join(words).split()):
        parts = []
        for part in word.split("-"):
            if len(part) > 1 and (part.isupper() or not part[1:].islower() and part.isalpha()):
                parts.append(part)  # acronyms and inner capitals stay: CEO, SpaceX
            elif n and part.lower() in _SMALL_WORDS:
                parts.append(part.lower())
            else:
                parts.append(part[:1].upper() + part[1:].lower())
        out.append("-".join(parts))
    return " ".join(out)


def plural_name(word: str) -> bool:
    """A plural name ("Saints", "Chiefs"): a team or group, short for "New Orleans Saints"."""
    return len(word) > 3 and word.endswith("s") and not word.endswith("ss")


def role_words(role: str) -> tuple[str, ...]:
    """A role as lower-case words for matching ("Secretary-General" → secretary, general)."""
    return tuple(role.lower().replace("-", " ").split())
