"""Cross-article linking: which stored entity an article's entity is, or none.

The decision is made here, over plain records; :mod:`dateline.storage.entities`
fetches the candidates (an indexed look-up of a bounded number of entities that
share a match key with the new entity's names) and writes the result. So the
work per article does not grow with the store.

Evidence, strongest first:

* **names** (:func:`dateline.identity.names.relation`): the same name once
  legal forms, dots and "the" are dropped; an acronym and its expansion; a
  romanisation variant; a part of a name (a surname, a company's short name);
* **type**: a person is never linked to a place or an organisation by name alone;
* **roles and affiliations** held in both ("Prime Minister", "Japan");
* **context**: the entities the candidate was seen with before, among those
  this article names;
* **usage**: how often the store has seen this very short name stand for the
  candidate (the bare "Peterson" for Scott Peterson rather than Laci Peterson).

A name part links only when it is unambiguous: the one candidate of its kind
the store knows by a name with that part; or one candidate clearly ahead of the
rest on context and usage. Otherwise the part starts an entity of its own, which is
better than merging two people.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from dateline.identity.names import Relation, looks_like_acronym, name_words, relation
from dateline.identity.places import country_name

#: Types that can stand for one another across articles (spaCy's labels vary).
_FAMILIES = {
    "PERSON": "person",
    "ORG": "org", "NORP": "org", "FAC": "org", "PRODUCT": "org", "WORK_OF_ART": "org",
    "GPE": "place", "LOC": "place",
    "EVENT": "other", "LAW": "other", "LANGUAGE": "other",
}  # fmt: skip

#: What each name relation is worth before the other evidence.
_NAME_SCORE = {
    Relation.SAME: 3.0,
    Relation.TRANSLIT: 2.5,
    Relation.ACRONYM: 2.5,
    Relation.PART: 1.0,
}

#: A candidate must reach this score to be linked.
THRESHOLD = 2.5


@dataclass(slots=True)
class Local:
    """An article's entity as the linker sees it.

    Attributes:
        id: The article's own id ("e3").
        name: Its canonical name in the article (the fullest).
        names: Every name and alias form it is mentioned by.
        type: Its voted type in the article.
        roles: Roles stated in the article.
        affiliation: Its affiliation in the article.
        mentions: How many mentions it has.
    """

    id: str
    name: str
    names: tuple[str, ...]
    type: str
    roles: tuple[str, ...] = ()
    affiliation: str | None = None
    mentions: int = 1
    _distinct: tuple[str, ...] = ()

    def distinct(self) -> tuple[str, ...]:
        """Its names, one per core key (possessives and case variants are one name)."""
        if not self._distinct:
            seen: dict[tuple[str, ...], str] = {}
            for name in (self.name, *self.names):
                seen.setdefault(name_words(name), name)
            self._distinct = tuple(seen.values())
        return self._distinct


@dataclass(slots=True)
class Candidate:
    """A stored entity that shares a match key with a local one.

    Attributes:
        id: Global entity id.
        name: Its canonical name.
        type: Its voted type.
        articles: In how many articles it was seen.
        aliases: Counts of the match keys the look-up hit (``"=peterson"`` → 12).
        roles: Roles it held (lower case).
        affiliations: Affiliations it had (lower case).
        cooccurring: Of this article's entities already linked, how many it was
            seen with before.
    """

    id: int
    name: str
    type: str
    articles: int = 0
    aliases: dict[str, int] = field(default_factory=dict)
    roles: frozenset[str] = frozenset()
    affiliations: frozenset[str] = frozenset()
    cooccurring: int = 0


@dataclass(frozen=True, slots=True)
class Decision:
    """The entity to link to (``None``: a new one) and why."""

    entity: int | None
    how: str
    score: float = 0.0


def family(label: str) -> str:
    """The broad kind of a label: person, org, place or other."""
    return _FAMILIES.get(label, "other")


def best_relation(local: Local, candidate: Candidate) -> Relation | None:
    """The strongest relation between any of the local names and the candidate's name.

    A part links only in one direction: the local name is a part of the stored
    one ("Peterson" of "Scott Peterson"); a full name never links to a stored
    part, which may be anybody's; and a short name of an entity the article
    names in full is that full name's, not a part of another's.
    """
    best: Relation | None = None
    order = list(_NAME_SCORE)
    full = relation(local.name, candidate.name)
    for name in local.distinct():
        found = relation(name, candidate.name)
        if found is Relation.PART and full is None and len(name_words(local.name)) > 1:
            continue  # "Williams" of "Jamal Williams" is not a part of "Esther Williams"
        if found is Relation.PART and (
            len(name_words(name)) >= len(name_words(candidate.name)) or country_name(name)
        ):
            found = None  # a demonym or country is no short name ("American" of "American Pie")
        if found is not None and (best is None or order.index(found) < order.index(best)):
            best = found
    return best


def _type_score(local: Local, candidate: Candidate, rel: Relation, usage: int) -> float | None:
    """Agreement of types; ``None`` rules the candidate out."""
    a, b = family(local.type), family(candidate.type)
    if local.type == candidate.type:
        return 1.0
    if a == b:
        return 0.5
    if "person" in (a, b):
        # A person and a place or body share a name by accident ("Jordan", "Ford").
        # The same name may still be one referent that spaCy mislabelled; so may a
        # short name the store knows the entity by, mentioned once or twice here.
        if a == "place" and country_name(local.name):
            return None
        if rel is Relation.SAME or (usage >= 3 and local.mentions <= 2):
            return -1.0
        surname = rel is Relation.PART and b == "person" and _surname(local, candidate)
        if surname and local.mentions <= 2 and a != "place" and candidate.articles >= 2:
            # spaCy labels a bare surname ORG or NORP more often than a full name
            # ("Klitschko", "Teixeira"): a surname mentioned once or twice is the
            # person's the store knows, unless a body is known by it too (then
            # both are parts, and the part is ambiguous).
            return 1.0
        return None
    if rel is Relation.ACRONYM and "place" in (a, b) and not looks_like_acronym(local.name):
        return None
    return -0.5


def _acronym_ok(local: Local, candidate: Candidate, usage: int, context: float) -> bool:
    """Initials collide ("WN" is not "Women in Nevada"): two letters need support."""
    forms = [n for n in (*local.names, candidate.name) if looks_like_acronym(n)]
    letters = min((sum(c.isalnum() for c in n) for n in forms), default=0)
    return usage > 0 or context > 0 or letters >= 3


def _surname(local: Local, candidate: Candidate) -> bool:
    """The local name is one word, the candidate's last ("Jackman" of "Hugh Jackman")."""
    words, full = name_words(local.name), name_words(candidate.name)
    return len(words) == 1 and len(full) >= 2 and words[-1] == full[-1]


def _first_name_only(local: Local, candidate: Candidate) -> bool:
    """A person's part that is not their surname ("Tony" of "Tony Thompson")."""
    if family(candidate.type) != "person":
        return False
    words, full = name_words(local.name), name_words(candidate.name)
    return bool(words and full) and words[-1] != full[-1]


def _context(local: Local, candidate: Candidate) -> float:
    score = min(1.5, 0.5 * candidate.cooccurring)
    roles = {r.casefold() for r in local.roles}
    if roles & candidate.roles:
        score += 1.0
    if local.affiliation and local.affiliation.casefold() in candidate.affiliations:
        score += 0.5
    return score


def _usage(local: Local, candidate: Candidate) -> int:
    """How often the candidate was called by the local's own short name."""
    keys = {"=" + " ".join(name_words(n)) for n in (local.name, *local.names)}
    return sum(candidate.aliases.get(k, 0) for k in keys)


def decide(
    local: Local, candidates: Iterable[Candidate], *, blocked: Sequence[int] = ()
) -> Decision:
    """Link ``local`` to one candidate, or to none.

    Args:
        local: The article's entity.
        candidates: Stored entities sharing a match key with it.
        blocked: Entities the user split this name away from.

    Example:
        >>> abe = Candidate(1, "Shinzo Abe", "PERSON", articles=9, aliases={"=abe": 4})
        >>> decide(Local("e1", "Abe", ("Abe",), "PERSON"), [abe]).entity
        1
        >>> laci = Candidate(2, "Laci Peterson", "PERSON", articles=3)
        >>> scott = Candidate(3, "Scott Peterson", "PERSON", articles=3)
        >>> decide(Local("e1", "Peterson", ("Peterson",), "PERSON"), [laci, scott]).entity is None
        True
    """
    scored: list[tuple[float, int, Relation, Candidate]] = []
    for cand in candidates:
        if cand.id in blocked:
            continue
        rel = best_relation(local, cand)
        if rel is None:
            continue
        usage = _usage(local, cand)
        agree = _type_score(local, cand, rel, usage)
        if agree is None:
            continue
        context = _context(local, cand)
        if rel is Relation.ACRONYM and not _acronym_ok(local, cand, usage, context):
            continue
        if rel is Relation.PART and not (usage or context) and _first_name_only(local, cand):
            continue  # "Tony" is anybody's first name; a surname is a person's own
        # The store knows the entity by this very name: worth more the more often.
        known = min(1.5, 0.5 * math.log2(1 + usage))
        scored.append((_NAME_SCORE[rel] + agree + context + known, usage, rel, cand))
    if not scored:
        return Decision(None, "new")
    scored.sort(key=lambda s: (-s[0], -s[1], -s[3].articles, s[3].id))
    score, _, rel, cand = scored[0]
    strong = next((s for s in scored if s[2] is not Relation.PART), None)
    parts = [s for s in scored if s[2] is Relation.PART and family(s[3].type) == "person"]
    if strong is not None and parts and _stray(strong[3], parts):
        # The store holds the bare surname apart, from an article that could not
        # tell it was the person's; the person is the referent, not the stray.
        decision = _part(parts)
        if decision.entity is not None:
            return decision
    if rel is Relation.PART:
        decision = _part([s for s in scored if s[2] is Relation.PART])
        if decision.entity is not None or strong is None:
            return decision
        score, _, rel, cand = strong
    if score >= THRESHOLD:
        return Decision(cand.id, rel.value, score)
    return Decision(None, "new")


#: A stray surname entity seen in at most this many articles yields to the person.
STRAY_MAX = 3


def _stray(candidate: Candidate, parts: list[tuple[float, int, Relation, Candidate]]) -> bool:
    """A one-word entity in few articles, while a person named in full with that word
    as surname is known from many more."""
    if len(name_words(candidate.name)) != 1 or candidate.articles > STRAY_MAX:
        return False
    return any(
        _surname(Local("", candidate.name, (), candidate.type), p[3])
        and p[3].articles > candidate.articles
        for p in parts
    )


def _part(scored: list[tuple[float, int, Relation, Candidate]]) -> Decision:
    """A name part: link only when one candidate is the clear referent."""
    scored.sort(key=lambda s: (-s[0], -s[1], -s[3].articles, s[3].id))
    score, usage, _, cand = scored[0]
    supported = score > _NAME_SCORE[Relation.PART] + 1.0 or usage > 0
    if len(scored) == 1:
        # The only entity the store knows by a name with this part, of the same
        # kind: unambiguous. (Two Petersons known: see below.)
        return Decision(cand.id, "part", score) if score >= 2.0 else Decision(None, "new")
    second_score, second_usage = scored[1][0], scored[1][1]
    if score >= second_score + 1.0 and supported:
        return Decision(cand.id, "part", score)
    if score >= second_score and usage >= 2 and usage >= 3 * second_usage:
        return Decision(cand.id, "part-usage", score)
    return Decision(None, "ambiguous")
