"""Which name mentions of one article are one entity: a union-find over mentions.

In order:

1. Names with the same core key ("Apple Inc.", "Apple Inc", "Apple"; countries
   by their canonical name), and acronyms defined in parentheses.
2. Acronyms used without a definition, when exactly one longer name of the
   article abbreviates to them ("AMD" for "Advanced Micro Devices", "HP" for
   "Hewlett-Packard"): :func:`dateline.identity.names.relation` is ``ACRONYM``.
3. A person's partial name inside exactly one longer name ("Kenneth Guy" of
   "Richard Kenneth Guy"); a body's name after a place ("Red Sox" of "Boston
   Red Sox", "Navy" of "Indian Navy") when exactly one name fits.
4. One-word names ("Peterson", "Laci", "Ford", "SeaMicro"), one mention at a
   time, to the one entity they shorten: a person whose name has that word, or
   an organisation whose name starts with it ("T-Mobile" of "T-Mobile USA").
   When several fit, :func:`_choose` decides per mention (see there).

Labels never keep mentions apart: one organisation is one entity whether spaCy
labelled its mentions ORG or PERSON.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from dateline.identity.names import (
    CORPORATE_FORMS,
    acronym,
    looks_like_acronym,
    name_words,
    translit_key,
)
from dateline.stages.entities.gender import HONORIFIC_GENDER, PERSON_NOUNS
from dateline.stages.entities.lexicon import country_name, place_name, plural_name

if TYPE_CHECKING:
    from dateline.stages.entities.resolve import Cand

#: Labels whose one-word mentions may be a person's surname or first name.
_ALIASABLE = frozenset({"PERSON", "ORG", "NORP", "PRODUCT", "WORK_OF_ART", "FAC", "EVENT"})
#: Labels of bodies that a one-word or place-less name may shorten.
_BODIES = frozenset({"ORG", "NORP", "FAC"})


class UnionFind:
    """Disjoint sets over ``0 … n-1``; the smallest index is a set's root."""

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


def _is_person(c: Cand) -> bool:
    return c.label == "PERSON" or c.person or "PERSON" in c.cues


def _bare(c: Cand, linked: set[int], i: int) -> bool:
    """A one-word name mention that is not yet tied to anything (a surname, "SeaMicro")."""
    return (
        c.kind == "name"
        and len(c.words) == 1
        and i not in linked
        and country_name(c.form) is None
    )


class _Article:
    """The merge state of one article's mentions."""

    def __init__(self, doc: Any, cands: Sequence[Cand], links: list[tuple[int, int]]) -> None:
        self.doc = doc
        self.cands = cands
        self.uf = UnionFind(len(cands))
        self.linked = {i for pair in links for i in pair}
        self.bare = [i for i, c in enumerate(cands) if _bare(c, self.linked, i)]
        bare = set(self.bare)
        by_key: dict[str, int] = {}
        for i, c in enumerate(cands):
            if i not in bare:
                self.uf.union(i, by_key.setdefault(c.key, i))
        for a, b in links:
            self.uf.union(a, b)
        self.places = {c.words for c in cands if c.label in ("GPE", "LOC")}

    # --- multi-word names -------------------------------------------------------

    def _full(self, *, person: bool) -> dict[int, tuple[str, ...]]:
        """Root → longest words of its person (or body) mentions with two words or more."""
        out: dict[int, tuple[str, ...]] = {}
        bare = set(self.bare)
        for i, c in enumerate(self.cands):
            if i in bare or len(c.words) < 2 or c.kind == "demonym":
                continue
            if (_is_person(c) if person else c.label in _BODIES and not c.person
                    and ", " not in c.form):  # no short name for a list ("Deirdre, Wyatt & Zach")
                root = self.uf.find(i)
                if len(c.words) > len(out.get(root, ())):
                    out[root] = c.words
        return out

    def acronyms(self) -> None:
        """Undefined acronyms to the one longer name that abbreviates to them."""
        initials: dict[str, set[int]] = {}
        for i, c in enumerate(self.cands):
            if c.kind != "demonym" and len(name_words(c.form)) >= 2:
                short = acronym(c.form)
                if short and len(short) >= 2:
                    initials.setdefault(short, set()).add(self.uf.find(i))
        keep = []
        for i in self.bare:
            c = self.cands[i]
            hosts = {self.uf.find(r) for r in initials.get(c.words[0], ())}
            if looks_like_acronym(c.form) and len(hosts) == 1:
                self.uf.union(i, hosts.pop())
            else:
                keep.append(i)
        self.bare = keep

    def people(self) -> None:
        """A person's partial name of two words or more into the one longer name holding it."""
        full = self._full(person=True)
        multi = sorted(full, key=lambda r: -len(full[r]))
        for r in reversed(multi):
            hosts = {
                self.uf.find(q) for q in multi
                if len(full[q]) > len(full[r]) and _is_subsequence(full[r], full[q])
            } - {self.uf.find(r)}
            if len(hosts) == 1:
                self.uf.union(r, hosts.pop())
        by_translit: dict[tuple[str, ...], int] = {}
        for r in multi:
            self.uf.union(r, by_translit.setdefault(tuple(map(translit_key, full[r])), r))
        for i, c in enumerate(self.cands):  # "Elijah Cummings" labelled GPE, in a person's name
            if len(c.words) < 2 or c.kind != "name" or _is_person(c) or not _name_like(c):
                continue
            hosts = {
                self.uf.find(q) for q in multi
                if len(full[q]) >= len(c.words) and _is_subsequence(c.words, full[q])
            } - {self.uf.find(i)}
            if len(hosts) == 1:
                self.uf.union(i, hosts.pop())

    def _place_words(self, words: tuple[str, ...]) -> bool:
        return words in self.places or place_name(" ".join(words)) is not None

    def bodies(self) -> None:
        """A body's name without its place ("Red Sox", "Surgeon General") into the one with it."""
        full = self._full(person=False)
        for r, words in list(full.items()):
            hosts = {
                self.uf.find(q) for q, long in full.items()
                if len(long) > len(words) and long[-len(words):] == words
                and (self._place_words(long[: -len(words)]) or plural_name(words[-1]))
            } - {self.uf.find(r)}
            if len(hosts) == 1:
                self.uf.union(r, hosts.pop())

    # --- one-word names ---------------------------------------------------------

    def one_words(self) -> None:
        """Each one-word mention to the entity it shortens, or with its equals."""
        people = self._full(person=True)
        bodies = self._full(person=False)
        bare_words = {self.cands[i].words[0] for i in self.bare}
        registered = self._registered()
        alone: dict[str, int] = {}
        for i in self.bare:
            c = self.cands[i]
            word = c.words[0]
            person_hosts: set[int] = set()
            if c.label in _ALIASABLE or (c.label in ("GPE", "LOC") and place_name(c.form) is None):
                person_hosts = {self.uf.find(r) for r, w in people.items() if word in w}
            body_hosts: set[int] = set()
            if word not in registered and c.label not in ("GPE", "LOC"):
                body_hosts = {
                    self.uf.find(r) for r, w in bodies.items() if self._shortens(word, w)
                } - person_hosts
            first_named = {  # people the article calls by another one-word name, their first
                self.uf.find(r) for r, w in people.items() if w[0] != word and w[0] in bare_words
            }
            host = self._choose(i, person_hosts, body_hosts, first_named)
            if host is None:
                self.uf.union(i, alone.setdefault(c.key + _gender_tag(c), i))
            else:
                self.uf.union(i, host)

    def _shortens(self, word: str, long: tuple[str, ...]) -> bool:
        """A body's one-word short name: its first word, or its last after a place."""
        if place_name(word) is not None or (word,) in self.places:
            return False  # "Michigan" is no short name of "Michigan Taxpayers Party"
        if long[0] == word:
            return True
        return long[-1] == word and (self._place_words(long[:-1]) or plural_name(word))

    def _registered(self) -> set[str]:
        """One-word names also written with a legal form ("Apple Inc."): names of their own."""
        out = set()
        for i in self.bare:
            c = self.cands[i]
            parts = c.form.split()
            if len(parts) > 1 and parts[-1].lower().rstrip(".") in CORPORATE_FORMS:
                out.add(c.words[0])
        return out

    def _choose(
        self, i: int, people: set[int], bodies: set[int], first_named: set[int]
    ) -> int | None:
        """The entity one one-word mention stands for, when several names have its word.

        * A person or a company: a title or honorific ("Mr. Ford") makes it the
          person; a possessive with an inanimate head ("Ford's losses"), spaCy's
          ORG label, or the company named in the same sentence the company;
          else spaCy's PERSON label the person.
        * Several people ("Peterson" with Scott and Laci Peterson): the honorific's
          gender first; then the one the article does not call by first name
          alone ("Laci" is Laci, so "Peterson" is Scott). Else the one the
          article names in full (or with a title) at least twice as often as any
          other: a profile's subject, not the parents named once. Else the one
          named in full most recently before the mention (the first named after
          it when none was before).
        """
        c = self.cands[i]
        if people and bodies:
            if c.person or c.honorific:
                bodies = set()
            elif self._inanimate_possessor(c) or c.label in _BODIES or self._in_sentence(c, bodies):
                people = set()
            elif c.label == "PERSON":
                bodies = set()
            else:
                people = set()
        hosts = people or bodies
        if len(hosts) <= 1:
            return next(iter(hosts), None)
        gender = HONORIFIC_GENDER.get((c.honorific or "").rstrip("."))
        if gender:
            fitting = {r for r in hosts if self._gender(r) in (gender, None)}
            hosts = fitting or hosts
        if people and len(hosts) > 1:
            plain = hosts - first_named
            if len(plain) == 1:
                return plain.pop()
            hosts = plain or hosts
        counts = sorted(((self._named(r), r) for r in hosts), reverse=True)
        if counts[0][0] >= 2 * max(counts[1][0], 1):
            return counts[0][1]
        return self._latest_full(c.start, hosts)

    def _named(self, root: int) -> int:
        """How often the article names an entity in full or with a title."""
        return sum(
            1 for k, c in enumerate(self.cands)
            if (len(c.words) >= 2 or c.person) and self.uf.find(k) == root
        )

    def _gender(self, root: int) -> str | None:
        found = {
            HONORIFIC_GENDER.get((c.honorific or "").rstrip("."))
            for k, c in enumerate(self.cands)
            if c.honorific and self.uf.find(k) == root
        } - {None}
        return found.pop() if len(found) == 1 else None

    def _latest_full(self, at: int, hosts: set[int]) -> int | None:
        before: tuple[int, int] | None = None
        after: tuple[int, int] | None = None
        for k, c in enumerate(self.cands):
            root = self.uf.find(k)
            if root not in hosts or len(c.words) < 2:
                continue
            if c.start < at and (before is None or c.start > before[0]):
                before = (c.start, root)
            elif c.start >= at and (after is None or c.start < after[0]):
                after = (c.start, root)
        found = before or after
        return found[1] if found else None

    def _inanimate_possessor(self, c: Cand) -> bool:
        """ "Ford's losses": a possessive whose head noun is no person."""
        if c.last <= 0 or c.last >= len(self.doc) or self.doc[c.last].tag_ != "POS":
            return False
        head = self.doc[c.last - 1].head
        return head.pos_ == "NOUN" and not _animate(head)

    def _in_sentence(self, c: Cand, roots: set[int]) -> bool:
        """Whether a mention of one of ``roots`` is in the sentence of ``c``."""
        if c.first < 0:
            return False
        sent = self.doc[c.first].sent
        return any(
            self.uf.find(k) in roots and sent.start_char <= other.start < sent.end_char
            for k, other in enumerate(self.cands)
        )


def _name_like(c: Cand) -> bool:
    """A capitalised name with no cue of a body, place or thing: maybe a person's."""
    if set(c.cues) - {"PERSON"} or place_name(c.form) is not None:
        return False
    return all(w[:1].isupper() for w in c.form.split())


def _gender_tag(c: Cand) -> str:
    gender = HONORIFIC_GENDER.get((c.honorific or "").rstrip("."))
    return f"#{gender}" if gender else ""


def _animate(noun: Any) -> bool:
    return noun.lemma_.lower() in PERSON_NOUNS or noun.lower_ in PERSON_NOUNS


def merge(doc: Any, cands: Sequence[Cand], links: list[tuple[int, int]]) -> UnionFind:
    """Union name mentions that are one entity.

    Args:
        doc: The article's spaCy Doc (for the per-mention context of one-word names).
        cands: Name mentions in text order.
        links: Pairs of ``cands`` indices tied by a defined acronym.

    Returns:
        The union-find over ``cands``.
    """
    state = _Article(doc, cands, links)
    state.acronyms()
    state.people()
    state.bodies()
    state.one_words()
    return state.uf
