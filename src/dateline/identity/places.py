"""Countries, demonyms, seats of government and capitals: the place look-ups that entity
extraction and entity identity share.

Read once per process from ``dateline/resources/*.tsv``. Kept apart from the entities
stage so that identity (and the store, which links entities) need not import the
stage, and with it spaCy.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from dateline.identity.normal import clean_name, make_key


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
