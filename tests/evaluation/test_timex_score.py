"""Task A metrics on small hand-built cases: strict vs relaxed, pairing, value and type."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.evaluation.timeml import GoldTimex, TmlDoc
from dateline.evaluation.timex_score import Scores, errors, match, score, score_doc
from dateline.records import Timex

TEXT = "He said on Monday that for two years the talks in early March 2019 went nowhere."


def span(text: str, start: int = 0) -> tuple[int, int]:
    s = TEXT.index(text, start)
    return s, s + len(text)


def gold(text: str, type_: str = "DATE", value: str = "V", mod: str | None = None) -> GoldTimex:
    s, e = span(text)
    return GoldTimex(s, e, text, type_, value, mod)


def pred(text: str, type_: str = "DATE", value: str = "V", mod: str | None = None) -> Timex:
    s, e = span(text)
    return Timex(s, e, text, type_, value, mod)


def doc(*timexes: GoldTimex, id: str = "d") -> TmlDoc:
    return TmlDoc(id=id, dct=dt.date(2019, 3, 20), text=TEXT, timexes=tuple(timexes))


def test_identical_spans_are_strict_and_relaxed():
    s = score_doc([gold("Monday")], [pred("Monday")])
    assert (s.gold, s.system, s.relaxed, s.strict) == (1, 1, 1, 1)
    assert s.strict_f1 == s.relaxed_f1 == 1.0


def test_overlap_is_relaxed_only():
    s = score_doc([gold("on Monday")], [pred("Monday")])
    assert (s.relaxed, s.strict) == (1, 0)
    assert s.relaxed_f1 == 1.0 and s.strict_f1 == 0.0


def test_adjacent_spans_do_not_overlap():
    s = score_doc([gold("on")], [pred(" Monday")])
    assert s.relaxed == 0


def test_one_system_timex_pairs_with_one_gold():
    # "early March 2019" covers both gold timexes; it can pair with only one.
    s = score_doc([gold("early March"), gold("2019")], [pred("early March 2019")])
    assert (s.gold, s.system, s.relaxed, s.strict) == (2, 1, 1, 0)
    assert s.relaxed_precision == 1.0 and s.relaxed_recall == 0.5


def test_one_gold_pairs_with_one_system_timex():
    s = score_doc([gold("early March 2019")], [pred("early"), pred("March 2019")])
    assert (s.relaxed, s.strict) == (1, 0)
    assert s.relaxed_precision == 0.5 and s.relaxed_recall == 1.0
    # The larger overlap wins the pair.
    assert match([gold("early March 2019")], [pred("early"), pred("March 2019")]) == [(0, 1)]


@pytest.mark.parametrize("reverse", [False, True])
def test_pairing_is_a_maximum_matching(reverse):
    # Greedy by largest overlap would pair "early March" with "in early March" (11 chars)
    # and leave "the talks in" unpaired; both can pair. Either gold order (the reversed
    # one needs an augmenting path).
    g = [gold("the talks in"), gold("early March")]
    g = g[::-1] if reverse else g
    s = [pred("in early March"), pred("March")]
    pairs = {(g[i].text, s[j].text) for i, j in match(g, s)}
    assert pairs == {("the talks in", "in early March"), ("early March", "March")}
    assert score_doc(g, s).relaxed == 2


def test_identical_span_pairs_first():
    s = score_doc([gold("March 2019")], [pred("early March 2019"), pred("March 2019")])
    assert (s.relaxed, s.strict) == (1, 1)


def test_value_and_type_accuracy_over_relaxed_pairs():
    g = [gold("Monday", value="2019-03-18"), gold("two years", "DURATION", "P2Y"), gold("2019")]
    s = [pred("on Monday", value="2019-03-18"), pred("two years", "DATE", "P1Y")]
    sc = score_doc(g, s)
    assert (sc.relaxed, sc.strict, sc.value_correct, sc.type_correct) == (2, 1, 1, 1)
    assert sc.value_accuracy == sc.type_accuracy == 0.5
    f1 = 2 * (2 / 2) * (2 / 3) / (2 / 2 + 2 / 3)
    assert sc.relaxed_f1 == pytest.approx(f1)
    assert sc.value_f1 == pytest.approx(f1 * 0.5)
    assert sc.type_f1 == pytest.approx(f1 * 0.5)


def test_mod_is_ignored_for_value():
    sc = score_doc(
        [gold("early March", value="2019-03", mod="START")], [pred("early March", value="2019-03")]
    )
    assert sc.value_accuracy == 1.0


def test_empty_inputs():
    assert score([], []) == Scores()
    for s in (score([doc()], [[]]), Scores()):
        assert s.strict_f1 == s.relaxed_f1 == s.value_f1 == s.type_f1 == 0.0
        assert s.value_accuracy == 0.0
    only_gold = score([doc(gold("Monday"))], [[]])
    assert (only_gold.relaxed_recall, only_gold.relaxed_precision) == (0.0, 0.0)
    only_sys = score([doc()], [[pred("Monday")]])
    assert (only_sys.system, only_sys.relaxed_precision) == (1, 0.0)
    assert errors([], []) == []


def test_micro_average_over_documents():
    docs = [
        doc(gold("Monday"), id="a"),
        doc(gold("two years"), gold("2019"), gold("early"), id="b"),
    ]
    s = score(docs, [[pred("Monday")], []])
    assert s.relaxed_recall == pytest.approx(1 / 4)  # not the mean of 1 and 0
    assert s.relaxed_precision == 1.0
    assert s == score_doc(docs[0].timexes, [pred("Monday")]) + score_doc(docs[1].timexes, [])


def test_predictions_must_align_with_documents():
    with pytest.raises(ValueError, match="2 documents"):
        score([doc(), doc()], [[]])


def test_errors_listing():
    d = doc(gold("on Monday", value="2019-03-18"), gold("two years", "DURATION", "P2Y"), id="doc1")
    preds = [[pred("Monday", value="2019-03-25"), pred("2019")]]
    found = errors([d], preds)
    assert [e.kind for e in found] == ["span", "value", "FN", "FP"]
    s = score([d], preds)
    kinds = [e.kind for e in found]
    assert kinds.count("value") == s.relaxed - s.value_correct
    assert kinds.count("FN") == s.gold - s.relaxed and kinds.count("FP") == s.system - s.relaxed
    line = found[1].line()
    assert line.startswith("doc1") and "value" in line
    assert '"Monday" DATE 2019-03-25' in line and '"on Monday" DATE 2019-03-18' in line
    assert "He said [on Monday] that" in line
    assert found[2].system is None and found[3].gold is None
