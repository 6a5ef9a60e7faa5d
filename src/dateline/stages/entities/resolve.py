"""From mentions to canonical entities: merge, type, name and attach descriptions.

Merging (:mod:`.merge`) is a union-find over name mentions; the type is a vote
over all mentions and their context (:mod:`.votes`). Role descriptions then go
to the single person they fit, demonyms to their country, and "he"/"she" to the
person they agree with (:mod:`.pronouns`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from dateline.records import Entity, Mention
from dateline.stages.entities.gender import honorific_gender, noun_gender
from dateline.stages.entities.lexicon import (
    RANK_WORDS,
    TOP_ROLES,
    country_alias,
    demonym_country,
    make_key,
    role_words,
    same_affiliation,
)
from dateline.stages.entities.merge import merge
from dateline.stages.entities.pronouns import Referent, resolve_pronouns
from dateline.stages.entities.votes import decide

_RANK = RANK_WORDS - {"prime", "acting"}


@dataclass(slots=True)
class Cand:
    """A name mention before merging.

    Attributes:
        start: Character offset in the article.
        end: Character offset one past the end.
        label: spaCy's label.
        form: The name as written, without "the"/possessive.
        key: Merge key (countries by their canonical name).
        words: Casefolded name words, for surname/first-name matching.
        kind: ``name``, ``alias`` (acronyms found by the acronym rule) or ``demonym``.
        role: Title stated at this mention.
        affiliation: Affiliation stated at this mention.
        person: A title or role was stated, so this is a person whatever the label.
        first: First token of the name (−1 when made without one).
        last: One past its last token.
        honorific: "Mr.", "Mrs." … right before the name, if any.
        cues: Labels the context votes for (:func:`.votes.cues`).
    """

    start: int
    end: int
    label: str
    form: str
    key: str
    words: tuple[str, ...]
    kind: str = "name"
    role: str | None = None
    affiliation: str | None = None
    person: bool = False
    first: int = -1
    last: int = -1
    honorific: str | None = None
    cues: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Described:
    """A role description ("the Russian leader") and, for appositions, its owner.

    ``owner`` is the index of the name mention it is in apposition to; ``None``
    means it still has to be resolved against the article's people.
    """

    start: int
    end: int
    role: str
    affiliation: str | None
    generic: bool
    owner: int | None = None


def _name(members: list[Cand], label: str) -> str:
    """The fullest form: of a person's mentions, of the type's label for others."""
    if label == "PERSON":
        typed = [c for c in members if c.kind != "demonym"] or members
    else:
        typed = [c for c in members if c.label == label] or members
    if label in ("GPE", "LOC", "ORG"):
        for c in typed:
            canonical = country_alias(c.form)
            if canonical:
                return canonical
    best = max(typed, key=lambda c: (len(c.words), not c.form.isupper(), len(c.form), -c.start))
    return best.form


def role_fits(described: tuple[str, ...], role: tuple[str, ...], generic: bool) -> bool:
    """Whether a described role ("minister") fits a stated one ("Foreign Minister").

    Example:
        >>> role_fits(("leader",), ("prime", "minister"), True)
        True
        >>> role_fits(("president",), ("vice", "president"), False)
        False
    """
    core = role[: role.index("of")] if "of" in role and "of" not in described else role
    if not core:
        return False
    if generic:
        if set(core) & _RANK:
            return False
        return tuple(core[-2:]) in TOP_ROLES or tuple(core[-1:]) in TOP_ROLES
    if described in (core, role):
        return True
    n = len(described)
    return n < len(core) and core[-n:] == described and not set(core[:-n]) & RANK_WORDS


@dataclass(slots=True)
class _Group:
    members: list[int]
    type: str
    name: str
    key: str
    roles: list[str]
    affiliations: list[str]
    mentions: list[Mention]
    votes: tuple[tuple[str, int], ...] = ()


def resolve(
    doc: Any,
    text: str,
    cands: list[Cand],
    links: list[tuple[int, int]],
    described: list[Described],
    texts: list[str] | None = None,
) -> list[Entity]:
    """Merge name mentions into entities; attach descriptions and pronouns.

    Args:
        doc: The article's spaCy Doc.
        text: The article text (mention texts are sliced from it).
        cands: Name mentions.
        links: Pairs of indices into ``cands`` known to be one entity (acronyms).
        described: Role descriptions, owned (appositions) or still to resolve.
        texts: The Doc's token texts, when the caller has them.

    Returns:
        Entities with ids ``e1``, ``e2`` … in order of first mention.
    """
    uf = merge(doc, cands, links)
    groups: dict[int, _Group] = {}
    for root, members in uf.groups().items():
        cs = [cands[i] for i in members]
        label, votes = decide(cs)
        name = _name(cs, label)
        groups[root] = _Group(members, label, name, make_key(name), [], [], [], votes)
    alias_of = {make_key(c.form): groups[uf.find(i)].name for i, c in enumerate(cands)}

    def canonical(affiliation: str | None) -> str | None:
        return alias_of.get(make_key(affiliation), affiliation) if affiliation else None

    stated: list[tuple[int, _Group, str | None, str | None]] = []
    for group in groups.values():
        for i in group.members:
            c = cands[i]
            kind = c.kind if c.kind != "name" or make_key(c.form) == group.key else "alias"
            group.mentions.append(Mention(c.start, c.end, text[c.start : c.end], kind, c.role))
            stated.append((c.start, group, c.role, c.affiliation))
    for d in described:
        if d.owner is not None:
            group = groups[uf.find(d.owner)]
            group.mentions.append(_described(text, d))
            stated.append((d.start, group, d.role, d.affiliation))
    for _, group, role, affiliation in sorted(stated, key=lambda item: item[0]):
        _note(group, role, canonical(affiliation))  # roles in the order the text states them
    candidates = [g for g in groups.values() if g.type == "PERSON" and g.roles]
    for d in described:
        if d.owner is None:
            target = _fit(d, canonical(d.affiliation), candidates)
            if target is not None:
                target.mentions.append(_described(text, d))
    _pronouns(doc, text, cands, list(groups.values()), texts)
    return _entities(groups.values())


def _pronouns(
    doc: Any, text: str, cands: list[Cand], groups: list[_Group], texts: list[str] | None
) -> None:
    """Add "he"/"she" … mentions to the people of the article."""
    taken = bytearray(len(doc))
    for c in cands:
        if c.first >= 0:
            taken[c.first : c.last] = b"\x01" * (c.last - c.first)
    people = [g for g in groups if g.type == "PERSON"]
    referents = []
    for g in people:
        evidence: Counter[str] = Counter()
        for i in g.members:
            gender = honorific_gender(cands[i].honorific)
            if gender:
                evidence[gender] += 1
        for role in g.roles:
            for word in role_words(role):
                gender = noun_gender(word)
                if gender:
                    evidence[gender] += 1
        spans = [(m.start, m.end) for m in g.mentions]
        referents.append(Referent(spans, evidence))
    for g, found in zip(people, resolve_pronouns(doc, referents, taken, texts), strict=True):
        if found:
            g.mentions.extend(Mention(a, b, text[a:b], "pronoun") for a, b in found)
            g.votes = decide([cands[i] for i in g.members], pronouns=len(found))[1]


def _note(group: _Group, role: str | None, affiliation: str | None) -> None:
    if role and role not in group.roles:
        group.roles.append(role)
    if affiliation and make_key(affiliation) != group.key:
        group.affiliations.append(affiliation)


def _described(text: str, d: Described) -> Mention:
    return Mention(d.start, d.end, text[d.start : d.end], "description", d.role)


def _fit(d: Described, affiliation: str | None, people: list[_Group]) -> _Group | None:
    """The one person a description fits: same role, same affiliation if stated."""
    words = role_words(d.role)
    strong: list[_Group] = []
    weak: list[_Group] = []
    for group in people:
        if not any(role_fits(words, role_words(r), d.generic) for r in group.roles):
            continue
        if affiliation is None:
            strong.append(group)
        elif not group.affiliations:
            weak.append(group)
        elif any(same_affiliation(affiliation, a) for a in group.affiliations):
            strong.append(group)
    if len(strong) == 1:
        return strong[0]
    if not strong and len(weak) == 1:
        return weak[0]
    return None


def _entities(groups: Iterable[_Group]) -> list[Entity]:
    built = []
    for group in groups:
        seen: set[tuple[int, int]] = set()
        mentions = []
        for m in sorted(group.mentions, key=lambda m: (m.start, m.kind == "description")):
            if (m.start, m.end) not in seen:
                seen.add((m.start, m.end))
                mentions.append(m)
        affiliation = None
        if group.affiliations:
            affiliation = Counter(group.affiliations).most_common(1)[0][0]
        elif group.type == "NORP":
            affiliation = demonym_country(group.name)
        built.append((mentions[0].start, group, tuple(mentions), affiliation))
    built.sort(key=lambda item: item[0])
    return [
        Entity(
            id=f"e{n}",
            name=group.name,
            type=group.type,
            key=group.key,
            roles=tuple(group.roles),
            affiliation=affiliation,
            mentions=mentions,
            type_votes=group.votes,
        )
        for n, (_, group, mentions, affiliation) in enumerate(built, start=1)
    ]
