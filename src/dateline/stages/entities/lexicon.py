"""Word lists and name normalisation for the entities stage.

The role lexicon is English news vocabulary kept in code (it is grammar, not
data); countries, demonyms, metonyms and capitals are read once from
``dateline/resources/*.tsv``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from dateline.identity.normal import (  # noqa: F401  (re-exported)
    HONORIFICS,
    NAME_PARTICLES,
    clean_name,
    make_key,
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


@dataclass(frozen=True)
class Places:
    """Country look-ups read from the resource tables.

    Attributes:
        demonyms: Casefolded demonym or adjective → country ("japanese" → "Japan").
        aliases: Casefolded other name → canonical country ("u.s." → "United States").
        metonyms: Casefolded seat of government → country ("kremlin" → "Russia").
        capitals: Casefolded capital city → country ("moscow" → "Russia").
    """

    demonyms: dict[str, str]
    aliases: dict[str, str]
    metonyms: dict[str, str]
    capitals: dict[str, str]


def _table(name: str) -> list[list[str]]:
    text = files("dateline").joinpath("resources", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@lru_cache(maxsize=1)
def places() -> Places:
    """The country tables, read once per process."""
    demonyms = {row[0].casefold(): row[1] for row in _table("demonyms.tsv")}
    aliases = {row[0].casefold(): row[1] for row in _table("countries.tsv")}
    for country in set(demonyms.values()):
        aliases.setdefault(country.casefold(), country)
    metonyms: dict[str, str] = {}
    capitals: dict[str, str] = {}
    for form, country, kind in _table("metonyms.tsv"):
        (metonyms if kind == "metonym" else capitals)[form.casefold()] = country
    return Places(demonyms, aliases, metonyms, capitals)








@lru_cache(maxsize=65536)
def country_name(text: str) -> str | None:
    """The canonical country a name, alias or demonym stands for, else ``None``.

    Example:
        >>> country_name("U.S."), country_name("Japanese"), country_name("Osaka")
        ('United States', 'Japan', None)
    """
    folded = clean_name(text).casefold()
    table = places()
    return table.aliases.get(folded) or table.demonyms.get(folded)


@lru_cache(maxsize=65536)
def place_name(text: str) -> str | None:
    """The country a country, demonym, seat of government or capital stands for, else ``None``.

    Example:
        >>> place_name("Scotland"), place_name("Moscow"), place_name("Nicola")
        ('Scotland', 'Russia', None)
    """
    folded = clean_name(text).casefold()
    table = places()
    return (
        country_name(text)
        or table.metonyms.get(folded)
        or table.capitals.get(folded)
    )


@lru_cache(maxsize=65536)
def country_alias(text: str) -> str | None:
    """The canonical name when ``text`` is a country's name or other name ("U.S.")."""
    return places().aliases.get(clean_name(text).casefold())


def demonym_country(text: str) -> str | None:
    """The country of a demonym, also in the plural ("Russians" → "Russia")."""
    folded = clean_name(text).casefold()
    table = places().demonyms
    if folded in table:
        return table[folded]
    if folded.endswith("s") and folded[:-1] in table:
        return table[folded[:-1]]
    return None


def affiliation_name(text: str) -> str:
    """How an affiliation is stated: a country for demonyms/aliases/metonyms, else the name.

    Example:
        >>> affiliation_name("Kremlin"), affiliation_name("Apple")
        ('Russia', 'Apple')
    """
    name = clean_name(text)
    folded = name.casefold()
    return country_name(name) or places().metonyms.get(folded) or name


def country_of(affiliation: str) -> str | None:
    """The country an affiliation belongs to, counting capitals ("Moscow" → "Russia")."""
    folded = affiliation.casefold()
    table = places()
    return country_name(affiliation) or table.metonyms.get(folded) or table.capitals.get(folded)


def same_affiliation(a: str, b: str) -> bool:
    """Whether two stated affiliations name the same country or organisation."""
    if make_key(a) == make_key(b):
        return True
    ca, cb = country_of(a), country_of(b)
    return ca is not None and ca == cb


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
