"""The model's attribute ruler, applied by table look-up instead of spaCy's Matcher.

en_core_web_sm's ``attribute_ruler`` gives every token its coarse POS, its
morphology and a few lemmas from 179 Matcher patterns over the fine tag, the
dependency label and the lower-case form ("TAG NN → POS NOUN", "LOWER 'anyone'
with TAG NN → PRON", "DEP aux → AUX"). spaCy's Matcher tries every pattern at
every token, partly through Python predicates: 10–16 % of the model's CPU, as
much as its parser.

Which patterns match a token depends only on the strings the patterns read, and
those take few distinct values that matter (50 tags, 45 labels, the ~150 words
the patterns name). :class:`TableRuler` works out the matching patterns once per
distinct combination, then per token does a dictionary look-up and one write of
the attributes the ruler would have written, in the ruler's order (later
patterns win). The result is the ruler's, token for token; a ruler whose
patterns use anything else (operators, extension or numeric attributes) is left
as it is (:func:`use_table_ruler` skips it). ``tests/stages/test_ruler.py`` compares
the two token for token; on the bundled sample (271,530 tokens) they agree on every
POS, morphology and lemma, in a tenth of the CPU.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

#: String attributes a pattern may test, as the Matcher names them.
STRING_ATTRS = {"ORTH": "ORTH", "TEXT": "ORTH", "LOWER": "LOWER", "NORM": "NORM",
                "TAG": "TAG", "DEP": "DEP"}  # fmt: skip
#: Yes/no attributes a pattern may test (``{"IS_SPACE": True}``).
FLAG_ATTRS = {"IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT", "IS_LOWER", "IS_UPPER",
              "IS_TITLE", "IS_STOP", "LIKE_NUM"}  # fmt: skip

#: A token reduced to what the patterns can tell apart, one value per tested attribute:
#: a flag's ``bool``, or a string's ``(text or None, (regex found, ...))``.
Key = tuple[Any, ...]


class Unsupported(ValueError):
    """A pattern the table cannot reproduce exactly."""


@dataclass(frozen=True)
class _Check:
    """One condition of a pattern token on one tested attribute of a reduced token."""

    col: int
    op: str  # "flag", "IN", "NOT_IN" or "REGEX"
    arg: Any  # the flag's value, the set of strings, or the regex's number

    def __call__(self, key: Key) -> bool:
        value = key[self.col]
        if self.op == "flag":
            return bool(value is self.arg)
        if self.op == "REGEX":
            return bool(value[1][self.arg])
        return (value[0] in self.arg) == (self.op == "IN")


@dataclass(frozen=True)
class _Test:
    """One pattern token: all its conditions hold."""

    checks: tuple[_Check, ...]

    def __call__(self, key: Key) -> bool:
        return all(check(key) for check in self.checks)


@dataclass(frozen=True)
class _Pattern:
    """One Matcher pattern of the ruler: the attributes it sets, where, and its tests."""

    rule: int  # index into the ruler's ``attrs`` (its order of precedence)
    target: int  # offset of the token it sets from the start of the match
    tests: tuple[_Test, ...]  # one per pattern token


class _Hit(NamedTuple):
    """The rules that set a token's attributes, and the values they leave."""

    rules: tuple[int, ...]  # ascending: the order the ruler applies them
    starts: tuple[_Pattern, ...]  # longer patterns whose first token it matches
    values: tuple[int, ...]  # one per written attribute (0 where no rule sets it)
    mask: tuple[bool, ...]  # which of them the rules set


class _Column:
    """One tested attribute: reduces a token's value to the class the patterns see.

    A value the patterns name stays itself; any other value becomes ``None`` plus
    the outcome of each regular expression the patterns apply to this attribute.
    A yes/no attribute is its own class.
    """

    def __init__(self, attr: str) -> None:
        self.attr = attr
        self.flag = attr in FLAG_ATTRS
        self.named: set[str] = set()
        self.regexes: list[re.Pattern[str]] = []
        self._reduced: dict[int, object] = {}

    def reduce(self, values: list[int], strings: Any) -> list[object]:
        """The class of each attribute value (given as its hash or flag)."""
        if self.flag:
            return [v == 1 for v in values]
        known = self._reduced
        out = [known.get(v) for v in values]
        for i, got in enumerate(out):
            if got is None:
                text = strings[values[i]]
                found = tuple(bool(r.search(text)) for r in self.regexes)
                out[i] = known[values[i]] = (text if text in self.named else None, found)
        return out


class TableRuler:
    """Sets what an ``AttributeRuler`` sets, found by table look-up (see the module).

    Made empty (it then sets nothing) and given the ruler's patterns by :meth:`load`.
    """

    def __init__(self, name: str = "attribute_ruler") -> None:
        self.name = name
        self.attrs: list[dict[Any, Any]] = []
        self.columns: list[_Column] = []
        self.patterns: list[_Pattern] = []
        self.singles: list[_Pattern] = []
        self.longer: list[_Pattern] = []
        self._read: list[str] = []
        self._write: list[int] = []
        self._hits: dict[Key, _Hit] = {}
        self.source: Any = None

    def load(self, ruler: Any) -> TableRuler:
        """Take the patterns of the spaCy ``AttributeRuler`` ``ruler``; return ``self``.

        Raises:
            Unsupported: a pattern uses something the table does not reproduce.
        """
        self.attrs, self.columns, self.patterns, self._hits = list(ruler.attrs), [], [], {}
        self.source = ruler  # spaCy's ruler, kept to compare with (tests) or to go back to
        for rule, index in enumerate(ruler.indices):
            for pattern in ruler.matcher.get(str(rule))[1]:
                self.patterns.append(self._compile(rule, index, pattern))
        self.singles = [p for p in self.patterns if len(p.tests) == 1]
        self.longer = [p for p in self.patterns if len(p.tests) > 1]
        self._read = [c.attr for c in self.columns]
        # Every attribute some rule sets, as spaCy's attribute ids (POS, MORPH, ...).
        self._write = sorted({attr for attrs in self.attrs for attr in attrs})
        return self

    def _column(self, attr: str) -> int:
        for n, col in enumerate(self.columns):
            if col.attr == attr:
                return n
        self.columns.append(_Column(attr))
        return len(self.columns) - 1

    def _compile(self, rule: int, index: int, pattern: list[dict[str, Any]]) -> _Pattern:
        target = index if index >= 0 else len(pattern) + index
        if not pattern or not 0 <= target < len(pattern):
            raise Unsupported(f"index {index} outside a pattern of {len(pattern)} tokens")
        return _Pattern(rule, target, tuple(self._test(spec) for spec in pattern))

    def _test(self, spec: dict[str, Any]) -> _Test:
        """One pattern token as a test of a reduced token (all its conditions hold)."""
        checks: list[_Check] = []
        for key, value in spec.items():
            if key.upper() in FLAG_ATTRS and isinstance(value, bool):
                checks.append(_Check(self._column(key.upper()), "flag", value))
                continue
            attr = STRING_ATTRS.get(key.upper())
            if attr is None:
                raise Unsupported(f"attribute {key}: {value!r}")
            n = self._column(attr)
            col = self.columns[n]
            if isinstance(value, str):
                col.named.add(value)
                checks.append(_Check(n, "IN", frozenset([value])))
            elif isinstance(value, dict) and len(value) == 1:
                ((op, arg),) = value.items()
                if op in ("IN", "NOT_IN") and all(isinstance(v, str) for v in arg):
                    col.named.update(arg)
                    checks.append(_Check(n, op, frozenset(arg)))
                elif op == "REGEX" and isinstance(arg, str):
                    col.regexes.append(re.compile(arg))
                    checks.append(_Check(n, "REGEX", len(col.regexes) - 1))
                else:
                    raise Unsupported(f"{key}: {op}")
            else:
                raise Unsupported(f"{key}: {value!r}")
        return _Test(tuple(checks))

    def _hits_of(self, key: Key) -> _Hit:
        """What the one-token patterns do to a token like ``key``; longer ones it starts."""
        hit = self._hits.get(key)
        if hit is None:
            rules = tuple(sorted({p.rule for p in self.singles if p.tests[0](key)}))
            starts = tuple(p for p in self.longer if p.tests[0](key))
            hit = self._hits[key] = _Hit(rules, starts, *self._merge(rules))
        return hit

    def _merge(self, rules: tuple[int, ...]) -> tuple[tuple[int, ...], tuple[bool, ...]]:
        """The values the rules leave, one per written attribute, and which they set."""
        values: dict[int, int] = {}
        for rule in sorted(set(rules)):  # the ruler applies its matches in this order
            values.update(self.attrs[rule])
        return (
            tuple(values.get(a, 0) for a in self._write),
            tuple(a in values for a in self._write),
        )

    def __call__(self, doc: Any) -> Any:
        import numpy

        n = len(doc)
        if not n or not self.patterns:
            return doc
        strings = doc.vocab.strings
        read = doc.to_array(self._read).T.tolist()
        reduced = [col.reduce(v, strings) for col, v in zip(self.columns, read, strict=True)]
        keys: list[Key] = list(zip(*reduced, strict=True))
        hits = [self._hits_of(key) for key in keys]
        for i in [i for i, hit in enumerate(hits) if hit.starts]:
            for p in hits[i].starts:
                if self._matches(p, keys, i):
                    t = i + p.target
                    rules = hits[t].rules + (p.rule,)
                    hits[t] = _Hit(rules, hits[t].starts, *self._merge(rules))
        # One write of every set attribute, as Doc.from_array; an attribute no rule
        # sets keeps its value (the same as setting each token's attributes in turn).
        new = numpy.array([hit.values for hit in hits], dtype=numpy.uint64)
        mask = numpy.array([hit.mask for hit in hits], dtype=bool)
        doc.from_array(self._write, numpy.where(mask, new, doc.to_array(self._write)))
        return doc

    @staticmethod
    def _matches(p: _Pattern, keys: list[Key], start: int) -> bool:
        """Whether the pattern ``p`` matches the tokens from ``start`` on."""
        end = start + len(p.tests)
        return end <= len(keys) and all(
            test(keys[j]) for test, j in zip(p.tests, range(start, end), strict=True)
        )

    def pipe(self, stream: Iterable[Any], batch_size: int = 128) -> Iterator[Any]:
        """Apply the rules to each doc of ``stream``."""
        for doc in stream:
            yield self(doc)


#: The spaCy factory name under which :func:`use_table_ruler` installs a TableRuler.
FACTORY = "dateline_table_ruler"


def use_table_ruler(nlp: Any) -> list[str]:
    """Replace each ``AttributeRuler`` of ``nlp`` by a TableRuler doing the same.

    Components keep their names and places; a ruler with patterns the table cannot
    reproduce stays. Returns the names of the replaced components.
    """
    from spacy.language import Language
    from spacy.pipeline import AttributeRuler

    if not Language.has_factory(FACTORY):
        Language.factory(
            FACTORY, assigns=["token.pos", "token.morph", "token.lemma"], func=_make_table_ruler
        )
    replaced = []
    for name in list(nlp.component_names):
        ruler = nlp.get_pipe(name)
        if not isinstance(ruler, AttributeRuler):
            continue
        try:
            TableRuler(name).load(ruler)
        except Unsupported:
            continue
        nlp.replace_pipe(name, FACTORY).load(ruler)
        replaced.append(name)
    return replaced


def _make_table_ruler(nlp: Any, name: str) -> TableRuler:
    return TableRuler(name)
