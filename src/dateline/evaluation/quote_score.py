"""Quote metrics: attributions (PolNeAR-style) and direct quotations (LitBank-style).

Gold data of any corpus is first reduced to :class:`GoldDoc` (text plus
:class:`GoldQuote`: content, cue and speaker spans); system output is a list of
:class:`~dateline.records.Quote` per document. Everything is micro-averaged
over all quotes of all documents (documents are never averaged).

**Attributions** (:func:`score_attributions`, PolNeAR and the Wikinews gold):

- *Content.* A quote's content is the union of its fragments (a system quote
  without fragments uses ``start``-``end``). A system and a gold quote can pair
  when their contents share at least one character; the pairing is one-to-one
  and of maximum size, larger overlaps preferred: candidate pairs are taken
  greedily, largest overlap first, then augmenting paths add every pair a
  re-assignment can still make. Precision = pairs / system quotes, recall =
  pairs / gold quotes, F1 their harmonic mean (*content overlap*).
- *≥30 %.* The same, but a pair is allowed only when the system content covers
  at least 30 % of the gold content's characters (the Gender Gap Tracker's
  criterion, Asr et al. 2021).
- *Cue exact.* Every distinct system cue span of a document against every gold
  cue, independently of the content pairing; a match is an identical span
  (start and end), one-to-one. Duplicate system cues count once: PolNeAR is
  univocal (a token belongs to at most one attribution), so one cue never has
  two gold attributions, and a finder that splits one statement into two
  records is already charged for it by content precision.
- *Speaker accuracy.* Over content-overlap pairs whose gold quote has a
  speaker: right when the system speaker span overlaps one of the gold speaker
  spans (PolNeAR: the Source fragments). A system quote without a speaker is wrong.

**Direct quotations** (:func:`score_direct`, LitBank): only system quotes of
kind ``direct`` or ``mixed`` count, each *fragment* as one span, because LitBank
marks every stretch between quotation marks as its own quotation (``“Yes,” he
said, “I will.”`` is two). *Exact* span F1 compares spans after
stripping quotation marks and white space from both ends of both (LitBank's
spans include the marks; a finder may leave them out; see :data:`QUOTE_MARKS`),
one-to-one; it is the figure the targets and gates use. *Overlap* span F1 pairs
spans sharing a character, as for content above. *Speaker accuracy* over overlap
pairs: right when the system speaker span overlaps any mention of the gold
speaker's coreference chain (a pronoun next to the quote counts as much as the
name three paragraphs up).

Example:
    >>> docs = [polnear_gold(d) for d in load_polnear("dev")]  # doctest: +SKIP
    >>> s = score_attributions(docs, predictions)  # doctest: +SKIP
    >>> f"{s.overlap_f1:.3f} {s.cue_f1:.3f} {s.speaker_accuracy:.3f}"  # doctest: +SKIP
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields
from typing import TypeVar

from dateline.evaluation.litbank import LitDoc
from dateline.evaluation.polnear import PolnearDoc
from dateline.records import Quote

Span = tuple[int, int]
#: Share of the gold content a system content must cover in the ≥30 % criterion.
MIN_COVER = 0.30
#: Stripped from both ends before comparing direct-quote spans exactly: quotation marks,
#: the dashes that open speech in some novels (Joyce) and Gutenberg's ``_`` italics.
QUOTE_MARKS = "\"'“”‘’«»„‚‹›`「」—–―-_"
#: Kinds of :class:`~dateline.records.Quote` scored as direct quotations.
DIRECT_KINDS = ("direct", "mixed")
#: Characters of context shown on each side in :func:`errors`.
CONTEXT = 40


@dataclass(frozen=True, slots=True)
class GoldQuote:
    """A gold quote reduced to what the metrics read.

    Attributes:
        content: Content fragments (or the quotation's span), any order.
        cue: Cue fragments; empty when there is no cue.
        speaker: Spans a right system speaker overlaps (PolNeAR: the source;
            LitBank: every mention of the speaker's chain); ``None`` when no speaker.
        id: The annotation's id, for error listings.
        speaker_name: How the speaker is shown in error listings.
    """

    content: tuple[Span, ...]
    cue: tuple[Span, ...] = ()
    speaker: tuple[Span, ...] | None = None
    id: str = ""
    speaker_name: str | None = None


@dataclass(frozen=True, slots=True)
class GoldDoc:
    """A document's text and gold quotes, whatever the corpus."""

    id: str
    text: str
    quotes: tuple[GoldQuote, ...]


def polnear_gold(doc: PolnearDoc) -> GoldDoc:
    """PolNeAR attributions as gold quotes (the source is the speaker)."""
    quotes = tuple(
        GoldQuote(
            content=a.content,
            cue=a.cue,
            speaker=a.source,
            id=a.id,
            speaker_name=" ".join(doc.text[s:e] for s, e in a.source) if a.source else None,
        )
        for a in doc.attributions
    )
    return GoldDoc(doc.id, doc.text, quotes)


def litbank_gold(doc: LitDoc) -> GoldDoc:
    """LitBank quotations as gold quotes (the speaker's whole coreference chain)."""
    quotes = tuple(
        GoldQuote(
            content=((q.start, q.end),),
            speaker=q.chain if q.speaker else None,
            id=q.id,
            speaker_name=q.speaker,
        )
        for q in doc.quotes
    )
    return GoldDoc(doc.id, doc.text, quotes)


# --------------------------------------------------------------------------- spans


def merge(spans: Iterable[Span]) -> tuple[Span, ...]:
    """Sorted spans with overlapping or touching ones joined; empty spans dropped."""
    out: list[list[int]] = []
    for s, e in sorted(x for x in spans if x[1] > x[0]):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return tuple((s, e) for s, e in out)


def length(spans: Sequence[Span]) -> int:
    """Characters covered by merged spans."""
    return sum(e - s for s, e in spans)


def overlap(a: Sequence[Span], b: Sequence[Span]) -> int:
    """Characters shared by two lists of merged spans."""
    total = i = j = 0
    while i < len(a) and j < len(b):
        total += max(0, min(a[i][1], b[j][1]) - max(a[i][0], b[j][0]))
        if a[i][1] <= b[j][1]:
            i += 1
        else:
            j += 1
    return total


def touches(span: Span, spans: Iterable[Span]) -> bool:
    """Whether ``span`` shares a character with any of ``spans``."""
    return any(min(span[1], e) > max(span[0], s) for s, e in spans)


def content_of(quote: Quote) -> tuple[Span, ...]:
    """A system quote's content: its fragments merged (``start``-``end`` when it has none)."""
    return merge(quote.fragments or ((quote.start, quote.end),))


def match(
    gold: Sequence[Sequence[Span]], system: Sequence[Sequence[Span]], *, min_cover: float = 0.0
) -> list[tuple[int, int]]:
    """One-to-one pairs ``(gold index, system index)`` of overlapping merged spans.

    A pair needs one shared character and, when ``min_cover`` > 0, the system
    spans covering at least that share of the gold's characters. Greedy on the
    largest overlap first, then augmenting paths: the pairing has maximum size.
    """
    weights: dict[int, list[tuple[int, int]]] = {}
    edges: list[tuple[int, int, int]] = []
    for i, g in enumerate(gold):
        need = min_cover * length(g)
        for j, s in enumerate(system):
            w = overlap(g, s)
            if w > 0 and w >= need:
                edges.append((w, i, j))
                weights.setdefault(i, []).append((w, j))
    gold_of: dict[int, int] = {}
    paired: set[int] = set()
    for _, i, j in sorted(edges, key=lambda x: (-x[0], x[1], x[2])):
        if i not in paired and j not in gold_of:
            gold_of[j] = i
            paired.add(i)
    candidates = {
        i: [j for _, j in sorted(ws, key=lambda x: (-x[0], x[1]))] for i, ws in weights.items()
    }

    def augment(i: int, seen: set[int]) -> bool:
        for j in candidates[i]:
            if j not in seen:
                seen.add(j)
                if j not in gold_of or augment(gold_of[j], seen):
                    gold_of[j] = i
                    return True
        return False

    for i in candidates:
        if i not in paired:
            augment(i, set())
    return sorted((i, j) for j, i in gold_of.items())


_Counts = TypeVar("_Counts", "AttributionScores", "DirectScores")


def _summed(a: _Counts, b: _Counts) -> _Counts:
    """Field-by-field sum of two count records of one kind."""
    return type(a)(**{f.name: getattr(a, f.name) + getattr(b, f.name) for f in fields(a)})


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _check(docs: Sequence[GoldDoc], predictions: Sequence[Sequence[Quote]]) -> None:
    if len(docs) != len(predictions):
        raise ValueError(f"{len(predictions)} predictions for {len(docs)} documents")


# --------------------------------------------------------------------------- attributions


@dataclass(frozen=True, slots=True)
class AttributionScores:
    """Counts of an attribution evaluation and the scores they give (fractions in [0, 1]).

    Attributes:
        gold: Gold quotes with a content.
        system: System quotes.
        overlap: Pairs sharing content characters (one-to-one).
        cover30: Pairs where the system covers ≥ 30 % of the gold content.
        gold_cues: Gold quotes with a cue.
        system_cues: Distinct system cue spans.
        cue_exact: System cues identical to a gold cue (one-to-one).
        speaker_gold: Overlap pairs whose gold quote has a speaker.
        speaker_correct: Of those, pairs whose system speaker overlaps it.
    """

    gold: int = 0
    system: int = 0
    overlap: int = 0
    cover30: int = 0
    gold_cues: int = 0
    system_cues: int = 0
    cue_exact: int = 0
    speaker_gold: int = 0
    speaker_correct: int = 0

    def __add__(self, other: AttributionScores) -> AttributionScores:
        return _summed(self, other)

    @property
    def overlap_precision(self) -> float:
        return _ratio(self.overlap, self.system)

    @property
    def overlap_recall(self) -> float:
        return _ratio(self.overlap, self.gold)

    @property
    def overlap_f1(self) -> float:
        return _f1(self.overlap_precision, self.overlap_recall)

    @property
    def cover30_precision(self) -> float:
        return _ratio(self.cover30, self.system)

    @property
    def cover30_recall(self) -> float:
        return _ratio(self.cover30, self.gold)

    @property
    def cover30_f1(self) -> float:
        return _f1(self.cover30_precision, self.cover30_recall)

    @property
    def cue_precision(self) -> float:
        return _ratio(self.cue_exact, self.system_cues)

    @property
    def cue_recall(self) -> float:
        return _ratio(self.cue_exact, self.gold_cues)

    @property
    def cue_f1(self) -> float:
        return _f1(self.cue_precision, self.cue_recall)

    @property
    def speaker_accuracy(self) -> float:
        return _ratio(self.speaker_correct, self.speaker_gold)

    def as_dict(self) -> dict[str, float]:
        """Counts and every score, by name."""
        names = [
            f"{m}_{s}" for m in ("overlap", "cover30", "cue") for s in ("precision", "recall", "f1")
        ] + ["speaker_accuracy"]
        return {**asdict(self), **{n: getattr(self, n) for n in names}}


def _speaker_right(gold: GoldQuote, quote: Quote) -> bool:
    sp = quote.speaker
    return gold.speaker is not None and sp is not None and touches((sp.start, sp.end), gold.speaker)


def attribution_counts(gold: Sequence[GoldQuote], system: Sequence[Quote]) -> AttributionScores:
    """Attribution counts for one document."""
    gold = [g for g in gold if merge(g.content)]
    g_spans = [merge(g.content) for g in gold]
    s_spans = [content_of(q) for q in system]
    pairs = match(g_spans, s_spans)
    gold_cues: Counter[tuple[Span, ...]] = Counter(merge(g.cue) for g in gold if merge(g.cue))
    distinct = {merge([(q.cue.start, q.cue.end)]) for q in system if q.cue is not None}
    sys_cues: Counter[tuple[Span, ...]] = Counter(c for c in distinct if c)
    spoken = [(i, j) for i, j in pairs if gold[i].speaker is not None]
    return AttributionScores(
        gold=len(gold),
        system=len(system),
        overlap=len(pairs),
        cover30=len(match(g_spans, s_spans, min_cover=MIN_COVER)),
        gold_cues=sum(gold_cues.values()),
        system_cues=sum(sys_cues.values()),
        cue_exact=sum((gold_cues & sys_cues).values()),
        speaker_gold=len(spoken),
        speaker_correct=sum(_speaker_right(gold[i], system[j]) for i, j in spoken),
    )


def score_attributions(
    docs: Sequence[GoldDoc], predictions: Sequence[Sequence[Quote]]
) -> AttributionScores:
    """Micro-averaged attribution scores of ``predictions`` (one list per document, same order).

    Example:
        >>> s = score_attributions([polnear_gold(d) for d in docs], predictions)  # doctest: +SKIP
        >>> round(s.overlap_f1, 3), round(s.cue_f1, 3)  # doctest: +SKIP
    """
    _check(docs, predictions)
    total = AttributionScores()
    for doc, system in zip(docs, predictions, strict=True):
        total += attribution_counts(doc.quotes, system)
    return total


# --------------------------------------------------------------------------- direct quotations


@dataclass(frozen=True, slots=True)
class DirectScores:
    """Counts of a direct-quotation evaluation and the scores they give (fractions in [0, 1]).

    Attributes:
        gold: Gold quotations.
        system: System direct-quote spans (fragments of ``direct``/``mixed`` quotes).
        exact: Spans identical to a gold one once quotation marks and space are stripped.
        overlap: Pairs sharing a character (one-to-one).
        speaker_gold: Overlap pairs whose gold quotation has a speaker.
        speaker_correct: Of those, pairs whose system speaker overlaps a mention of its chain.
    """

    gold: int = 0
    system: int = 0
    exact: int = 0
    overlap: int = 0
    speaker_gold: int = 0
    speaker_correct: int = 0

    def __add__(self, other: DirectScores) -> DirectScores:
        return _summed(self, other)

    @property
    def exact_precision(self) -> float:
        return _ratio(self.exact, self.system)

    @property
    def exact_recall(self) -> float:
        return _ratio(self.exact, self.gold)

    @property
    def exact_f1(self) -> float:
        return _f1(self.exact_precision, self.exact_recall)

    @property
    def overlap_precision(self) -> float:
        return _ratio(self.overlap, self.system)

    @property
    def overlap_recall(self) -> float:
        return _ratio(self.overlap, self.gold)

    @property
    def overlap_f1(self) -> float:
        return _f1(self.overlap_precision, self.overlap_recall)

    @property
    def speaker_accuracy(self) -> float:
        return _ratio(self.speaker_correct, self.speaker_gold)

    def as_dict(self) -> dict[str, float]:
        """Counts and every score, by name."""
        names = [f"{m}_{s}" for m in ("exact", "overlap") for s in ("precision", "recall", "f1")]
        return {**asdict(self), **{n: getattr(self, n) for n in [*names, "speaker_accuracy"]}}


def strip_marks(text: str, span: Span) -> Span:
    """``span`` without quotation marks and white space at either end."""
    s, e = span
    while s < e and (text[s].isspace() or text[s] in QUOTE_MARKS):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in QUOTE_MARKS):
        e -= 1
    return s, e


def direct_spans(system: Sequence[Quote]) -> list[tuple[Span, Quote]]:
    """Every fragment of the direct and mixed quotes, with its quote, in text order."""
    spans = [
        (frag, q)
        for q in system
        if q.kind in DIRECT_KINDS
        for frag in (q.fragments or ((q.start, q.end),))
        if frag[1] > frag[0]
    ]
    return sorted(spans, key=lambda x: x[0])


def direct_counts(text: str, gold: Sequence[GoldQuote], system: Sequence[Quote]) -> DirectScores:
    """Direct-quotation counts for one document."""
    g_spans = [merge(g.content) for g in gold]
    found = direct_spans(system)
    s_spans = [(span,) for span, _ in found]
    pairs = match(g_spans, s_spans)
    exact_gold = Counter(strip_marks(text, (g[0][0], g[-1][1])) for g in g_spans if g)
    exact_sys = Counter(strip_marks(text, span) for span, _ in found)
    spoken = [(i, j) for i, j in pairs if gold[i].speaker is not None]
    return DirectScores(
        gold=len(gold),
        system=len(found),
        exact=sum((exact_gold & exact_sys).values()),
        overlap=len(pairs),
        speaker_gold=len(spoken),
        speaker_correct=sum(_speaker_right(gold[i], found[j][1]) for i, j in spoken),
    )


def score_direct(docs: Sequence[GoldDoc], predictions: Sequence[Sequence[Quote]]) -> DirectScores:
    """Micro-averaged direct-quotation scores of ``predictions`` (one list per document).

    Example:
        >>> s = score_direct([litbank_gold(d) for d in docs], predictions)  # doctest: +SKIP
        >>> round(s.exact_f1, 3), round(s.speaker_accuracy, 3)  # doctest: +SKIP
    """
    _check(docs, predictions)
    total = DirectScores()
    for doc, system in zip(docs, predictions, strict=True):
        total += direct_counts(doc.text, doc.quotes, system)
    return total


# --------------------------------------------------------------------------- errors


#: Error kinds of :func:`errors`, in the order listed at one position.
KINDS = ("FN", "FP", "cover", "span", "cue", "speaker")


@dataclass(frozen=True, slots=True)
class QuoteError:
    """One scoring error, for reading during development.

    Attributes:
        doc: Document id.
        kind: ``FN`` (gold quote not found), ``FP`` (system quote matching no gold),
            ``cover`` (paired, but under 30 % of the gold content covered),
            ``span`` (direct: paired, stripped spans differ), ``cue`` (attributions:
            paired, cue spans differ), ``speaker`` (paired, speaker wrong or missing).
        start: Where the error is (for sorting).
        detail: What the system and the gold say.
        context: The text around it, whitespace collapsed.
    """

    doc: str
    kind: str
    start: int
    detail: str
    context: str

    def line(self) -> str:
        """One readable line: doc, kind, detail, context."""
        return f"{self.doc[:32]:<32} {self.kind:<7} {self.detail} | {self.context}"


def _clip(text: str, width: int = 60) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= width else text[: width - 1] + "…"


def _show(text: str, spans: Sequence[Span] | None, width: int = 60) -> str:
    if not spans:
        return "-"
    return '"' + _clip(" … ".join(text[s:e] for s, e in spans), width) + '"'


def _context(text: str, start: int, end: int) -> str:
    left = text[max(0, start - CONTEXT) : start]
    right = text[end : end + CONTEXT]
    return re.sub(r"\s+", " ", f"…{left}[{_clip(text[start:end], 120)}]{right}…")


def _sys_speaker(q: Quote) -> str:
    return f'"{q.speaker.text}"' if q.speaker else "-"


def errors(
    docs: Sequence[GoldDoc], predictions: Sequence[Sequence[Quote]], *, direct: bool = False
) -> list[QuoteError]:
    """Every error, document by document in text order (attribution or direct-quote scoring).

    Attribution errors list the cue of each content pair whose cue spans differ;
    the cue score itself compares all cues, paired or not.

    Example:
        >>> for err in errors([polnear_gold(d) for d in docs], predictions):  # doctest: +SKIP
        ...     print(err.line())
    """
    _check(docs, predictions)
    found: list[QuoteError] = []
    for doc, system in zip(docs, predictions, strict=True):
        rows = _direct_errors(doc, system) if direct else _attribution_errors(doc, system)
        found.extend(sorted(rows, key=lambda e: (e.start, KINDS.index(e.kind))))
    return found


def _attribution_errors(doc: GoldDoc, system: Sequence[Quote]) -> list[QuoteError]:
    text = doc.text
    gold = [g for g in doc.quotes if merge(g.content)]
    g_spans = [merge(g.content) for g in gold]
    s_spans = [content_of(q) for q in system]
    pairs = match(g_spans, s_spans)
    covered = set(match(g_spans, s_spans, min_cover=MIN_COVER))
    rows: list[QuoteError] = []

    def add(kind: str, spans: Sequence[Span], detail: str) -> None:
        s, e = (spans[0][0], spans[-1][1]) if spans else (0, 0)
        rows.append(QuoteError(doc.id, kind, s, detail, _context(text, s, e)))

    paired_g = {i for i, _ in pairs}
    paired_s = {j for _, j in pairs}
    for i, g in enumerate(gold):
        if i not in paired_g:
            detail = f"gold {g.id} cue {_show(text, g.cue)} source {_show(text, g.speaker, 30)}"
            add("FN", g_spans[i], detail)
    for j, q in enumerate(system):
        if j not in paired_s:
            cue = _show(text, [(q.cue.start, q.cue.end)] if q.cue else None)
            add("FP", s_spans[j], f"sys {q.kind} cue {cue} speaker {_sys_speaker(q)}")
    for i, j in pairs:
        g, q = gold[i], system[j]
        where = merge(g_spans[i] + s_spans[j])
        if (i, j) not in covered:
            add(
                "cover",
                where,
                f"sys {_show(text, s_spans[j])} gold {g.id} {_show(text, g_spans[i])}",
            )
        sys_cue = ((q.cue.start, q.cue.end),) if q.cue else ()
        if merge(g.cue) != merge(sys_cue):
            add("cue", where, f"sys {_show(text, sys_cue)} gold {g.id} {_show(text, g.cue)}")
        if g.speaker is not None and not _speaker_right(g, q):
            add("speaker", where, f"sys {_sys_speaker(q)} gold {g.id} {_show(text, g.speaker, 30)}")
    return rows


def _direct_errors(doc: GoldDoc, system: Sequence[Quote]) -> list[QuoteError]:
    text = doc.text
    g_spans = [merge(g.content) for g in doc.quotes]
    found = direct_spans(system)
    pairs = match(g_spans, [(span,) for span, _ in found])
    rows: list[QuoteError] = []

    def add(kind: str, start: int, end: int, detail: str) -> None:
        rows.append(QuoteError(doc.id, kind, start, detail, _context(text, start, end)))

    paired_g = {i for i, _ in pairs}
    paired_s = {j for _, j in pairs}
    for i, g in enumerate(doc.quotes):
        if i not in paired_g and g_spans[i]:
            add("FN", g_spans[i][0][0], g_spans[i][-1][1], f"gold {g.id} speaker {g.speaker_name}")
    for j, (span, q) in enumerate(found):
        if j not in paired_s:
            add("FP", span[0], span[1], f"sys {q.kind} speaker {_sys_speaker(q)}")
    for i, j in pairs:
        g, (span, q) = doc.quotes[i], found[j]
        g_span = (g_spans[i][0][0], g_spans[i][-1][1])
        start, end = min(g_span[0], span[0]), max(g_span[1], span[1])
        if strip_marks(text, g_span) != strip_marks(text, span):
            add(
                "span", start, end, f"sys {_show(text, [span])} gold {g.id} {_show(text, [g_span])}"
            )
        if g.speaker is not None and not _speaker_right(g, q):
            add("speaker", start, end, f"sys {_sys_speaker(q)} gold {g.id} {g.speaker_name}")
    return rows
