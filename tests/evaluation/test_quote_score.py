"""Quote metrics on small hand-built cases: pairing, ≥30 %, cues, speakers, direct spans, errors."""

from __future__ import annotations

import pytest

from dateline.evaluation.quote_score import (
    GoldDoc,
    GoldQuote,
    attribution_counts,
    direct_counts,
    errors,
    match,
    merge,
    overlap,
    score_attributions,
    score_direct,
    strip_marks,
)
from dateline.records import Cue, Quote, Speaker

TEXT = (
    "Smith said the plan would work. Aides, Jones added, called it a fraud. "
    '"We will win," Lee told reporters, "and soon." Critics believe it will fail.'
)


def span(text: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(text, start + 1)
    return start, start + len(text)


def quote(
    *content: str,
    cue: str | None = None,
    speaker: str | None = None,
    kind: str = "indirect",
) -> Quote:
    frags = tuple(span(c) for c in content)
    c = span(cue) if cue else None
    s = span(speaker) if speaker else None
    return Quote(
        start=frags[0][0],
        end=frags[-1][1],
        text=TEXT[frags[0][0] : frags[-1][1]],
        kind=kind,
        fragments=frags,
        cue=Cue(*c, TEXT[c[0] : c[1]], "x") if c else None,
        speaker=Speaker(*s, TEXT[s[0] : s[1]]) if s else None,
    )


def gold(
    *content: str, cue: str | None = None, speaker: str | None = None, id: str = "E"
) -> GoldQuote:
    return GoldQuote(
        content=tuple(span(c) for c in content),
        cue=(span(cue),) if cue else (),
        speaker=(span(speaker),) if speaker else None,
        id=id,
    )


SMITH = gold("the plan would work", cue="said", speaker="Smith", id="E1")
AIDES = gold("called it a fraud", cue="called", speaker="Aides", id="E2")


# --------------------------------------------------------------------------- spans and pairing


def test_merge_and_overlap():
    assert merge([(5, 9), (0, 3), (3, 4), (8, 12), (7, 7)]) == ((0, 4), (5, 12))
    assert overlap(((0, 4), (10, 20)), ((2, 12),)) == 4
    assert overlap(((0, 4),), ((4, 8),)) == 0


def test_match_is_one_to_one_and_prefers_larger_overlaps():
    gold_spans = [((0, 10),), ((20, 30),)]
    system = [((8, 25),), ((0, 9),)]
    # (gold 0, sys 1) overlaps 9; (gold 1, sys 0) 5; (gold 0, sys 0) only 2
    assert match(gold_spans, system) == [(0, 1), (1, 0)]


def test_match_is_maximal():
    """Greedy alone would pair gold 0 with the large system span and strand gold 1."""
    gold_spans = [((0, 10),), ((9, 12),)]
    system = [((0, 11),), ((2, 3),)]
    assert match(gold_spans, system) == [(0, 1), (1, 0)]


def test_min_cover():
    gold_spans = [((0, 100),)]
    assert match(gold_spans, [((0, 29),)], min_cover=0.3) == []
    assert match(gold_spans, [((0, 30),)], min_cover=0.3) == [(0, 0)]


# --------------------------------------------------------------------------- attributions


def test_perfect():
    s = attribution_counts(
        [SMITH, AIDES],
        [
            quote("the plan would work", cue="said", speaker="Smith"),
            quote("called it a fraud", cue="called", speaker="Aides"),
        ],
    )
    assert (s.gold, s.system, s.overlap, s.cover30, s.cue_exact) == (2, 2, 2, 2, 2)
    assert s.overlap_f1 == s.cover30_f1 == s.cue_f1 == s.speaker_accuracy == 1.0


def test_partial_content_pairs_by_overlap_not_by_cover():
    # "work" is 4 of 19 gold characters: overlapping, but under 30 %
    s = attribution_counts([SMITH], [quote("work", cue="said", speaker="Smith")])
    assert (s.overlap, s.cover30) == (1, 0)
    assert s.overlap_precision == s.overlap_recall == 1.0
    assert s.cover30_f1 == 0.0


def test_missed_and_spurious_quotes():
    s = attribution_counts([SMITH, AIDES], [quote("the plan", cue="said"), quote("Critics")])
    assert (s.gold, s.system, s.overlap) == (2, 2, 1)
    assert s.overlap_precision == 0.5 and s.overlap_recall == 0.5


def test_cues_are_compared_exactly_over_all_quotes():
    system = [
        quote("the plan would work", cue="Smith said"),  # wrong extent
        quote("Critics"),  # no cue
        quote("it will fail", cue="called"),  # right cue, content matches nothing
    ]
    s = attribution_counts([SMITH, AIDES], system)
    assert (s.gold_cues, s.system_cues, s.cue_exact) == (2, 2, 1)


def test_duplicate_system_cues_count_once():
    system = [quote("We will win", cue="told"), quote("and soon", cue="told")]
    g = gold("We will win", "and soon", cue="told", speaker="Lee")
    s = attribution_counts([g], system)
    assert (s.system_cues, s.cue_exact) == (1, 1)
    assert (s.system, s.overlap) == (2, 1)  # the split is charged to content precision


@pytest.mark.parametrize(
    ("speaker", "right"),
    [("Smith", True), ("Smith said", True), ("Aides", False), (None, False)],
)
def test_speaker_overlaps_the_source(speaker, right):
    s = attribution_counts([SMITH], [quote("the plan would work", speaker=speaker)])
    assert (s.speaker_gold, s.speaker_correct) == (1, int(right))


def test_speaker_only_counted_when_gold_has_a_source():
    g = gold("it will fail", cue="believe")
    s = attribution_counts([g], [quote("it will fail", speaker="Critics")])
    assert (s.overlap, s.speaker_gold) == (1, 0)
    assert s.speaker_accuracy == 0.0


def test_gold_without_content_is_not_scored():
    empty = GoldQuote(content=(), cue=(span("believe"),))
    s = attribution_counts([SMITH, empty], [])
    assert (s.gold, s.gold_cues) == (1, 1)


def test_micro_average_over_documents():
    docs = [GoldDoc("a", TEXT, (SMITH,)), GoldDoc("b", TEXT, (SMITH, AIDES))]
    preds = [[quote("the plan would work")], []]
    s = score_attributions(docs, preds)
    assert (s.gold, s.system, s.overlap) == (3, 1, 1)
    assert s.overlap_recall == pytest.approx(1 / 3)
    with pytest.raises(ValueError, match="predictions"):
        score_attributions(docs, preds[:1])


def test_as_dict():
    d = attribution_counts([SMITH], [quote("the plan would work", cue="said")]).as_dict()
    assert d["overlap_f1"] == 1.0 and d["cue_f1"] == 1.0 and d["gold"] == 1


# --------------------------------------------------------------------------- direct quotations

WIN = GoldQuote(content=(span('"We will win,"'),), speaker=(span("Lee"), span("reporters")))
SOON = GoldQuote(content=(span('"and soon."'),), speaker=(span("Lee"),))


def test_strip_marks():
    assert TEXT[slice(*strip_marks(TEXT, span(' "We will win,"')))] == "We will win,"
    assert strip_marks("“”", (0, 2)) == (2, 2)


def test_direct_fragments_are_separate_quotations():
    q = quote("We will win,", "and soon.", cue="told", speaker="Lee", kind="direct")
    s = direct_counts(TEXT, [WIN, SOON], [q])
    assert (s.gold, s.system, s.exact, s.overlap) == (2, 2, 2, 2)
    assert s.exact_f1 == s.overlap_f1 == s.speaker_accuracy == 1.0


def test_direct_exact_vs_overlap():
    q = quote("We will", kind="direct")
    s = direct_counts(TEXT, [WIN], [q])
    assert (s.exact, s.overlap) == (0, 1)


def test_indirect_quotes_are_not_direct_spans():
    s = direct_counts(TEXT, [WIN], [quote("We will win,", kind="indirect")])
    assert (s.system, s.overlap) == (0, 0)
    mixed = direct_counts(TEXT, [WIN], [quote('"We will win,"', kind="mixed")])
    assert (mixed.system, mixed.exact) == (1, 1)


def test_direct_speaker_through_the_chain():
    right = quote("We will win,", speaker="reporters", kind="direct")
    wrong = quote("and soon.", speaker="Critics", kind="direct")
    s = direct_counts(TEXT, [WIN, SOON], [right, wrong])
    assert (s.speaker_gold, s.speaker_correct) == (2, 1)


def test_score_direct_micro():
    docs = [GoldDoc("a", TEXT, (WIN, SOON)), GoldDoc("b", TEXT, ())]
    preds = [[quote("We will win,", kind="direct")], [quote("Critics", kind="direct")]]
    s = score_direct(docs, preds)
    assert (s.gold, s.system, s.exact) == (2, 2, 1)
    assert s.exact_precision == 0.5 and s.exact_recall == 0.5


# --------------------------------------------------------------------------- errors


def test_attribution_errors():
    docs = [GoldDoc("doc1", TEXT, (SMITH, AIDES))]
    preds = [[quote("work", cue="Smith said", speaker="Aides"), quote("Critics")]]
    found = errors(docs, preds)
    assert [e.kind for e in found] == ["cover", "cue", "speaker", "FN", "FP"]
    assert all(e.doc == "doc1" and "\n" not in e.line() for e in found)
    assert "[" in found[0].context and '"Smith said"' in found[1].detail


def test_direct_errors():
    docs = [GoldDoc("doc2", TEXT, (WIN, SOON))]
    preds = [[quote("We will", speaker="Critics", kind="direct"), quote("Critics", kind="direct")]]
    kinds = [e.kind for e in errors(docs, preds, direct=True)]
    assert kinds == ["span", "speaker", "FN", "FP"]
