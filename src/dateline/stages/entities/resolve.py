"""From mentions to canonical entities: merge, type, name and attach descriptions.

Merging is a union-find over name mentions: same key; "Full Name (ACR)"
acronyms; a PERSON name contained in exactly one longer PERSON name; a single
token equal to a token of exactly one multi-word PERSON name, whatever spaCy
labelled it. Role descriptions then go to the single person they fit.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from dateline.records import Entity, Mention
from dateline.stages.entities.lexicon import (
    LABEL_PRECEDENCE,
    RANK_WORDS,
    TOP_ROLES,
    country_alias,
    country_name,
    demonym_country,
    make_key,
    role_words,
    same_affiliation,
)

#: Labels whose one-word mentions may be a person's surname or first name.
_ALIASABLE = frozenset({"PERSON", "ORG", "NORP", "PRODUCT", "WORK_OF_ART", "FAC", "EVENT"})
_RANK = RANK_WORDS - {"prime", "acting"}
_PRECEDENCE = {label: n for n, label in enumerate(LABEL_PRECEDENCE)}


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
        kind: ``name`` or ``alias`` (acronyms found by the acronym rule).
        role: Title stated at this mention.
        affiliation: Affiliation stated at this mention.
        person: A title or role was stated, so this is a person whatever the label.
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


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {}
        for i in range(len(self.parent)):
            out.setdefault(self.find(i), []).append(i)
        return out


def _is_subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    it = iter(long)
    return all(word in it for word in short)


def _merge_people(cands: list[Cand], uf: _UnionFind) -> None:
    """Union partial person names with the one full name they fit."""
    groups = uf.groups()
    full: dict[int, tuple[str, ...]] = {}
    for root, members in groups.items():
        people = [cands[i] for i in members if cands[i].label == "PERSON" or cands[i].person]
        if people:
            full[root] = max((c.words for c in people), key=len)
    multi = sorted((r for r in full if len(full[r]) >= 2), key=lambda r: -len(full[r]))
    anchored = set(multi)
    for r in reversed(multi):
        hosts = {
            uf.find(q) for q in multi
            if len(full[q]) > len(full[r]) and _is_subsequence(full[r], full[q])
        } - {uf.find(r)}
        if len(hosts) == 1:
            uf.union(r, hosts.pop())
    owners: dict[str, set[int]] = {}
    for r in multi:
        for word in full[r]:
            owners.setdefault(word, set()).add(uf.find(r))
    for root, members in groups.items():
        if root in anchored:
            continue
        words = {cands[i].words for i in members}
        if len(words) != 1:
            continue
        (only,) = words
        if len(only) != 1 or not all(cands[i].label in _ALIASABLE for i in members):
            continue
        hosts = owners.get(only[0], set())
        if len(hosts) == 1 and country_name(cands[members[0]].form) is None:
            uf.union(root, next(iter(hosts)))


def _type(members: list[Cand]) -> str:
    """Majority label, ties by precedence; a stated role or a full PERSON name wins."""
    if any(c.person or (c.label == "PERSON" and len(c.words) >= 2) for c in members):
        return "PERSON"
    votes = Counter(c.label for c in members)
    return min(votes, key=lambda label: (-votes[label], _PRECEDENCE.get(label, 99)))


def _name(members: list[Cand], label: str) -> str:
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


def resolve(
    text: str, cands: list[Cand], links: list[tuple[int, int]], described: list[Described]
) -> list[Entity]:
    """Merge name mentions into entities and attach role descriptions.

    Args:
        text: The article text (mention texts are sliced from it).
        cands: Name mentions.
        links: Pairs of indices into ``cands`` known to be one entity (acronyms).
        described: Role descriptions, owned (appositions) or still to resolve.

    Returns:
        Entities with ids ``e1``, ``e2`` … in order of first mention.
    """
    uf = _UnionFind(len(cands))
    by_key: dict[str, int] = {}
    for i, c in enumerate(cands):
        uf.union(i, by_key.setdefault(c.key, i))
    for a, b in links:
        uf.union(a, b)
    _merge_people(cands, uf)
    groups: dict[int, _Group] = {}
    for root, members in uf.groups().items():
        cs = [cands[i] for i in members]
        label = _type(cs)
        name = _name(cs, label)
        groups[root] = _Group(members, label, name, make_key(name), [], [], [])
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
    return _entities(groups.values())


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
        )
        for n, (_, group, mentions, affiliation) in enumerate(built, start=1)
    ]
