"""TempEval-3 Task A timex metrics, re-implemented: spans (strict, relaxed), value, type.

Definitions (UzZaman et al. 2013, SemEval-2013 Task 1, and its toolkit):

- **Pairing.** A system timex and a gold timex can pair when their spans
  overlap by at least one character; every timex pairs at most once. The
  official toolkit gets a one-to-one pairing from TimeML-Normalizer (which
  gives overlapping annotations one shared id). Here: identical spans pair
  first; the rest are a maximum-cardinality matching (augmenting paths), each
  gold trying its overlapping system timexes largest overlap first, so the
  pairing never loses a relaxed match that another assignment would keep.
- **Relaxed** match = a pair; **strict** match = a pair with identical start
  and end. Precision = matches / system timexes, recall = matches / gold
  timexes, F1 their harmonic mean; all micro-averaged over every timex of
  every document (documents are never averaged).
- **Value accuracy** and **type accuracy** = share of relaxed pairs whose
  ``value`` (exact string equality) or ``type`` equals gold's. ``mod`` is
  ignored, as in the official Task A value score (the toolkit compares the
  ``value`` attribute alone). **Value F1** = relaxed F1 × value accuracy;
  **type F1** likewise (the task's "attribute F1").

Example:
    >>> s = score(docs, [tag(d.text, d.dct) for d in docs])  # doctest: +SKIP
    >>> f"{s.relaxed_f1:.2%} {s.strict_f1:.2%} {s.value_f1:.2%}"  # doctest: +SKIP
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Protocol

from dateline.evaluation.timeml import GoldTimex, TmlDoc

#: Error kinds of :func:`errors`, in the order they are listed within a document.
KINDS = ("FN", "FP", "span", "value", "type")
#: Characters of context shown on each side of an error.
CONTEXT = 40


class TimexLike(Protocol):
    """What scoring reads from a timex: :class:`~dateline.records.Timex` and
    :class:`~dateline.evaluation.timeml.GoldTimex` both fit."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def value(self) -> str: ...
    @property
    def mod(self) -> str | None: ...


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class Scores:
    """Counts of a TempEval-3 Task A timex evaluation and the scores they give.

    Attributes:
        gold: Gold timexes.
        system: System timexes.
        relaxed: Pairs (overlapping spans, one-to-one).
        strict: Pairs with identical spans.
        value_correct: Pairs whose ``value`` equals gold's.
        type_correct: Pairs whose ``type`` equals gold's.
    """

    gold: int = 0
    system: int = 0
    relaxed: int = 0
    strict: int = 0
    value_correct: int = 0
    type_correct: int = 0

    def __add__(self, other: Scores) -> Scores:
        return Scores(*(a + b for a, b in zip(_counts(self), _counts(other), strict=True)))

    @property
    def strict_precision(self) -> float:
        return _ratio(self.strict, self.system)

    @property
    def strict_recall(self) -> float:
        return _ratio(self.strict, self.gold)

    @property
    def strict_f1(self) -> float:
        return _f1(self.strict_precision, self.strict_recall)

    @property
    def relaxed_precision(self) -> float:
        return _ratio(self.relaxed, self.system)

    @property
    def relaxed_recall(self) -> float:
        return _ratio(self.relaxed, self.gold)

    @property
    def relaxed_f1(self) -> float:
        return _f1(self.relaxed_precision, self.relaxed_recall)

    @property
    def value_accuracy(self) -> float:
        return _ratio(self.value_correct, self.relaxed)

    @property
    def type_accuracy(self) -> float:
        return _ratio(self.type_correct, self.relaxed)

    @property
    def value_f1(self) -> float:
        return self.relaxed_f1 * self.value_accuracy

    @property
    def type_f1(self) -> float:
        return self.relaxed_f1 * self.type_accuracy

    def as_dict(self) -> dict[str, float]:
        """Counts and every score, by name (scores as fractions in [0, 1])."""
        names = (
            "strict_precision strict_recall strict_f1 relaxed_precision relaxed_recall "
            "relaxed_f1 value_accuracy type_accuracy value_f1 type_f1"
        ).split()
        return {**asdict(self), **{n: getattr(self, n) for n in names}}


def _counts(s: Scores) -> tuple[int, ...]:
    return (s.gold, s.system, s.relaxed, s.strict, s.value_correct, s.type_correct)


def _overlap(a: TimexLike, b: TimexLike) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


def match(gold: Sequence[TimexLike], system: Sequence[TimexLike]) -> list[tuple[int, int]]:
    """One-to-one pairs ``(gold index, system index)`` of overlapping timexes.

    Identical spans pair first; the remaining timexes get a maximum-cardinality
    matching by augmenting paths, candidates tried largest overlap first.
    """
    pair_of_sys: dict[int, int] = {}
    by_span: dict[tuple[int, int], list[int]] = {}
    for j, s in enumerate(system):
        by_span.setdefault((s.start, s.end), []).append(j)
    paired_gold: set[int] = set()
    for i, g in enumerate(gold):
        free = [j for j in by_span.get((g.start, g.end), []) if j not in pair_of_sys]
        if free and g.end > g.start:
            pair_of_sys[free[0]] = i
            paired_gold.add(i)
    exact = set(pair_of_sys)
    candidates = {
        i: sorted(
            (j for j, s in enumerate(system) if j not in exact and _overlap(g, s) > 0),
            key=lambda j: (-_overlap(g, system[j]), system[j].start, j),
        )
        for i, g in enumerate(gold)
        if i not in paired_gold
    }

    def augment(i: int, seen: set[int]) -> bool:
        for j in candidates[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in pair_of_sys or augment(pair_of_sys[j], seen):
                pair_of_sys[j] = i
                return True
        return False

    for i in candidates:
        augment(i, set())
    return sorted((i, j) for j, i in pair_of_sys.items())


def score_doc(gold: Sequence[TimexLike], system: Sequence[TimexLike]) -> Scores:
    """Task A counts for one document's gold and system timexes."""
    pairs = match(gold, system)
    return Scores(
        gold=len(gold),
        system=len(system),
        relaxed=len(pairs),
        strict=sum(
            (gold[i].start, gold[i].end) == (system[j].start, system[j].end) for i, j in pairs
        ),
        value_correct=sum(gold[i].value == system[j].value for i, j in pairs),
        type_correct=sum(gold[i].type == system[j].type for i, j in pairs),
    )


def _check(docs: Sequence[TmlDoc], predictions: Sequence[Sequence[TimexLike]]) -> None:
    if len(docs) != len(predictions):
        raise ValueError(f"{len(predictions)} predictions for {len(docs)} documents")


def score(docs: Sequence[TmlDoc], predictions: Sequence[Sequence[TimexLike]]) -> Scores:
    """Micro-averaged Task A scores of ``predictions`` (one list per document, same order).

    Example:
        >>> s = score(docs, [tag(d.text, d.dct) for d in docs])  # doctest: +SKIP
        >>> round(s.relaxed_f1, 4)  # doctest: +SKIP
    """
    _check(docs, predictions)
    total = Scores()
    for doc, system in zip(docs, predictions, strict=True):
        total += score_doc(doc.timexes, system)
    return total


@dataclass(frozen=True, slots=True)
class TimexError:
    """One scoring error, for reading during development.

    Attributes:
        doc: Document id.
        kind: ``FN`` (gold not found), ``FP`` (system timex matching no gold),
            ``span`` (paired, spans differ), ``value`` or ``type`` (paired, attribute differs).
        gold: The gold timex (``None`` for ``FP``).
        system: The system timex (``None`` for ``FN``).
        context: The surrounding text, the timex(es) in ``[brackets]``, whitespace collapsed.
    """

    doc: str
    kind: str
    gold: GoldTimex | None
    system: TimexLike | None
    context: str

    def line(self) -> str:
        """One readable line: doc, kind, system vs gold (text type value), context."""
        return (
            f"{self.doc:<24} {self.kind:<5} sys {_show(self.system):<36} "
            f"gold {_show(self.gold):<36} | {self.context}"
        )


def _show(t: TimexLike | None) -> str:
    if t is None:
        return "-"
    mod = f" [{t.mod}]" if t.mod else ""
    return f'"{t.text}" {t.type} {t.value}{mod}'


def _context(text: str, start: int, end: int, width: int = CONTEXT) -> str:
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    return re.sub(r"\s+", " ", f"…{left}[{text[start:end]}]{right}…")


def errors(docs: Sequence[TmlDoc], predictions: Sequence[Sequence[TimexLike]]) -> list[TimexError]:
    """Every false negative, false positive, span, value and type error, document by document.

    A pair can give several errors (a ``span`` and a ``value`` error); the
    number of ``value`` errors is ``relaxed - value_correct``, and so on.

    Example:
        >>> for err in errors(docs, predictions):  # doctest: +SKIP
        ...     print(err.line())
    """
    _check(docs, predictions)
    found: list[TimexError] = []
    for doc, system in zip(docs, predictions, strict=True):
        found.extend(_doc_errors(doc, system))
    return found


def _doc_errors(doc: TmlDoc, system: Sequence[TimexLike]) -> list[TimexError]:
    """One document's errors in text order (at one position: FN, FP, span, value, type)."""
    pairs = match(doc.timexes, system)
    gold_paired = {i for i, _ in pairs}
    sys_paired = {j for _, j in pairs}
    found: list[tuple[GoldTimex | None, TimexLike | None, str]] = []
    found += [(g, None, "FN") for i, g in enumerate(doc.timexes) if i not in gold_paired]
    found += [(None, s, "FP") for j, s in enumerate(system) if j not in sys_paired]
    for i, j in pairs:
        g, s = doc.timexes[i], system[j]
        if (g.start, g.end) != (s.start, s.end):
            found.append((g, s, "span"))
        if g.value != s.value:
            found.append((g, s, "value"))
        if g.type != s.type:
            found.append((g, s, "type"))
    rows = []
    for gold, sys_, kind in found:
        items: list[TimexLike] = [t for t in (gold, sys_) if t is not None]
        start, end = min(t.start for t in items), max(t.end for t in items)
        err = TimexError(doc.id, kind, gold, sys_, _context(doc.text, start, end))
        rows.append((start, KINDS.index(kind), err))
    return [err for _, _, err in sorted(rows, key=lambda r: (r[0], r[1]))]
