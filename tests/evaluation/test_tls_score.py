"""Timeline metrics on small hand-computed cases (expected numbers worked out in the comments).

Most cases use a plain tokenizer (no stemming, no stopwords) so the arithmetic
stays visible; one test checks the ROUGE-1.5.5 tokens. The cross-check against
tilse on real T17 timelines is marked slow and skips without tilse or the data.
"""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.evaluation.tls_score import (
    PRF,
    RougeTokenizer,
    TimelineScores,
    _days,
    align_rouge,
    alignment,
    average,
    concat_rouge,
    date_prf,
    discount,
    mean_prf,
    score_timeline,
)

PLAIN = RougeTokenizer(stem=False, stopwords=frozenset())


def d(day: int) -> dt.date:
    return dt.date(2010, 4, day)


def close(got: PRF, p: float, r: float, f: float) -> None:
    assert got.precision == pytest.approx(p)
    assert got.recall == pytest.approx(r)
    assert got.f1 == pytest.approx(f)


def test_rouge_tokens():
    # Split on anything but ASCII letters/digits, lowercase; drop SMART stopwords
    # (the, went, s, said); tokens longer than 3: WordNet irregular form first
    # (children -> child, fled -> flee), else Porter (unchecked -> uncheck,
    # agreements -> agreement); "oil", "bp", "lrb" are short and kept as they are.
    text = "The oil-spill went UNCHECKED, -LRB- BP 's -RRB- said. Children fled; 2010 agreements"
    assert RougeTokenizer()(text) == [
        "oil", "spill", "uncheck", "lrb", "bp", "rrb", "child", "flee", "2010", "agreement",
    ]  # fmt: skip
    assert PLAIN("Oil-spill, BP's") == ["oil", "spill", "bp", "s"]


def test_concat():
    pred = {d(1): ["a b c"], d(2): ["d"]}
    ref = {d(1): ["a b"], d(3): ["c e f"]}
    # Joined in date order: pred "a b c d" (4), ref "a b c e f" (5); a, b, c match.
    # R1: P 3/4, R 3/5, F 2(.75)(.6)/1.35 = 2/3.
    close(concat_rouge(pred, ref, 1, tokenizer=PLAIN), 0.75, 0.6, 2 / 3)
    # Bigrams: pred ab bc cd; ref ab bc ce ef (across the day boundary too) -> 2 match.
    # R2: P 2/3, R 2/4, F (2/3)/(7/6) = 4/7.
    close(concat_rouge(pred, ref, 2, tokenizer=PLAIN), 2 / 3, 0.5, 4 / 7)


def test_date_discount():
    pred = {d(21): ["rig exploded"]}
    ref = {d(20): ["deepwater horizon rig exploded"]}
    assert discount(d(21), d(20)) == 0.5
    # One day apart: matches count 1/(1+1). R1: 2 matched -> 1.0;
    # P 1/2 = .5, R 1/4 = .25, F 2(.5)(.25)/.75 = 1/3.
    close(align_rouge(pred, ref, 1, tokenizer=PLAIN), 0.5, 0.25, 1 / 3)
    # R2: "rig exploded" matches one of the 3 reference bigrams -> .5;
    # P .5/1, R .5/3 = 1/6, F (1/6)/(2/3) = .25.
    close(align_rouge(pred, ref, 2, tokenizer=PLAIN), 0.5, 1 / 6, 0.25)
    # The same day is not discounted.
    close(align_rouge({d(20): ["rig exploded"]}, ref, 1, tokenizer=PLAIN), 1.0, 0.5, 2 / 3)


def test_many_to_one_alignment():
    pred = {d(20): ["rig explodes"], d(21): ["rig explodes again"], d(25): ["oil leaks"]}
    ref = {d(20): ["rig explodes"], d(22): ["oil leaks"]}
    # cost = (1 - 1/(days+1)) * (1 - ROUGE-1 F1 of the two days):
    #   p20-r20 0 (same day)       p20-r22 2/3 * 1 = 2/3
    #   p21-r20 1/2 * (1 - .8) = .1 (F1 of 2 matched of 3 and 2 = .8)   p21-r22 1/2 * 1 = .5
    #   p25-r20 5/6 * 1            p25-r22 3/4 * (1 - 1) = 0
    # Precision: p20->r20, p21->r20 (two predicted days on one reference day), p25->r22.
    # Recall: r20<-p20, r22<-p25.
    pd, rd = _days(pred, PLAIN), _days(ref, PLAIN)
    assert alignment(pd, rd) == ([0, 0, 1], [0, 2])
    # R1 precision: 2*1 + 2*(1/2) + 2*(1/4) = 3.5 of 7 predicted tokens = .5
    # R1 recall: 2*1 + 2*(1/4) = 2.5 of 4 reference tokens = .625; F 2(.5)(.625)/1.125 = 5/9
    close(align_rouge(pred, ref, 1, tokenizer=PLAIN), 0.5, 0.625, 5 / 9)
    # R2 precision: 1*1 + 1*(1/2) + 1*(1/4) = 1.75 of 4 bigrams = .4375;
    # recall: 1 + 1/4 = 1.25 of 2 = .625; F 2(.4375)(.625)/1.0625 = .546875/1.0625
    close(align_rouge(pred, ref, 2, tokenizer=PLAIN), 0.4375, 0.625, 0.546875 / 1.0625)
    # Dates: 1 of 3 predicted, 1 of 2 reference: F 2(1/3)(1/2)/(5/6) = .4
    close(date_prf(pred, ref), 1 / 3, 0.5, 0.4)


def test_content_beats_the_nearer_date():
    pred = {d(23): ["oil leaks"]}
    ref = {d(22): ["rig sinks"], d(25): ["oil leaks"]}
    # p23-r22: 1/2 * (1 - 0) = .5; p23-r25: 2/3 * (1 - 1) = 0 -> r25 (a date-only cost
    # would take r22 and match nothing). P: 2 * 1/3 of 2 = 1/3.
    # Recall: r22<-p23 matches nothing, r25<-p23 2 * 1/3; of 4 reference tokens: 1/6.
    # F 2(1/3)(1/6)/(1/2) = 2/9.
    close(align_rouge(pred, ref, 1, tokenizer=PLAIN), 1 / 3, 1 / 6, 2 / 9)


def test_ties_go_to_the_earlier_day():
    pd = _days({d(21): ["a"]}, PLAIN)
    rd = _days({d(20): ["b"], d(22): ["c"]}, PLAIN)
    # Both cost 1/2 * 1: the earlier reference day is taken; r22's best is the only p21.
    assert alignment(pd, rd) == ([0], [0, 0])


def test_score_timeline_and_empty_prediction():
    ref = {d(20): ["rig explodes"], d(22): ["oil leaks"]}
    s = score_timeline(ref, ref, tokenizer=PLAIN)
    for name in TimelineScores.names():
        close(getattr(s, name), 1.0, 1.0, 1.0)
    empty = score_timeline({}, ref, tokenizer=PLAIN)
    for name in TimelineScores.names():
        close(getattr(empty, name), 0.0, 0.0, 0.0)
    with pytest.raises(ValueError):
        score_timeline(ref, {})


def test_average_is_f_of_mean_p_and_mean_r():
    # Timelines (P 1, R .5) and (P 0, R .5): mean P .5, mean R .5 -> F .5
    # (the mean of the two F1s would be (2/3 + 0)/2 = 1/3).
    close(mean_prf([PRF(1.0, 0.5, 2 / 3), PRF(0.0, 0.5, 0.0)]), 0.5, 0.5, 0.5)
    one = TimelineScores(*[PRF(1.0, 0.5, 2 / 3)] * 5)
    two = TimelineScores(*[PRF(0.0, 0.5, 0.0)] * 5)
    close(average([one, two]).align_r1, 0.5, 0.5, 0.5)
    with pytest.raises(ValueError):
        mean_prf([])


@pytest.mark.slow
def test_close_to_tilse_on_t17():
    """Our metrics against tilse's (ROUGE-1.5.5 through Perl) on real gold timelines.

    The prediction is another gold timeline of the same topic (a realistic,
    partly overlapping timeline). Differences come from the Porter stemmer
    (ROUGE's Perl one deviates on a few words) and the content part of the
    alignment cost (tilse: raw-token F1); both are small.
    """
    tilse_rouge = pytest.importorskip("tilse.evaluation.rouge")
    from tilse.data.timelines import GroundTruth
    from tilse.data.timelines import Timeline as TilseTimeline

    from dateline.evaluation.t17 import load_topic, t17_root

    if t17_root() is None:
        pytest.skip("T17 not found (shared data folder absent)")
    topic = load_topic("h1n1", raw=True)
    evaluator = tilse_rouge.TimelineRougeEvaluator(measures={"rouge_1", "rouge_2"})
    shifted = topic.timelines[1:] + topic.timelines[:1]
    for pred_tl, ref_tl in zip(topic.timelines, shifted, strict=True):
        ours = score_timeline(pred_tl.days, ref_tl.days)
        p, g = TilseTimeline(pred_tl.days), GroundTruth([TilseTimeline(ref_tl.days)])
        theirs = evaluator.evaluate_align_date_content_costs_many_to_one(p, g)
        concat = evaluator.evaluate_concat(p, g)
        assert ours.align_r1.f1 == pytest.approx(theirs["rouge_1"]["f_score"], abs=0.01)
        assert ours.align_r2.f1 == pytest.approx(theirs["rouge_2"]["f_score"], abs=0.01)
        assert ours.concat_r1.f1 == pytest.approx(concat["rouge_1"]["f_score"], abs=0.01)
