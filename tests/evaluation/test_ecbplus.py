"""ECB+ reading, heads and mention matching on hand-made mentions (the corpus itself only when present)."""

from __future__ import annotations

import pytest

from dateline.evaluation.ecbplus import (
    GoldMention,
    SystemMention,
    ecbplus_root,
    head_span,
    load_ecbplus,
    match,
    match_setting,
    topic_of,
)

TEXT = "Tara Reid entered the Promises Treatment Center in Malibu. Reid's stay was confirmed."


def span(text: str, start: int = 0) -> tuple[int, int]:
    s = TEXT.index(text, start)
    return s, s + len(text)


def gold(
    text: str, head: str, cluster: str, *, kind: str = "NAM", m_id: str = "", doc: str = "1_1ecb"
) -> GoldMention:
    s, e = span(text)
    hs = TEXT.index(head, s)
    return GoldMention(
        doc, m_id or text, s, e, text, hs, hs + len(head), head, cluster, True, "PER", kind, 1, 1
    )


def system(
    text: str, head: str, entity: int, *, kind: str = "name", start: int = 0
) -> SystemMention:
    s, e = span(text, start)
    hs = TEXT.index(head, s)
    return SystemMention("1_1ecb", s, e, text, kind, entity, f"e{entity}", hs, hs + len(head))


def test_topic_of():
    assert topic_of("36_1ecb") == 36
    assert topic_of("1_10ecbplus") == 1


def test_head_match_pairs_a_shorter_system_span():
    g = [gold("the Promises Treatment Center", "Center", "c1")]
    s = [system("Promises Treatment Center", "Center", 1)]
    assert match(g, s) == {0: 0}
    assert match(g, s, by="span") == {}


def test_exact_span_wins_over_a_longer_one():
    g = [gold("Tara Reid", "Reid", "c1")]
    s = [system("Tara Reid entered", "Reid", 1), system("Tara Reid", "Reid", 2)]
    assert match(g, s) == {1: 0}


def test_the_longer_system_span_wins_when_none_is_exact():
    g = [gold("the Promises Treatment Center in Malibu", "Center", "c1")]
    s = [system("Center", "Center", 1), system("Promises Treatment Center", "Center", 2)]
    assert match(g, s) == {1: 0}


def test_matching_is_one_to_one_and_within_a_document():
    g = [gold("Tara Reid", "Reid", "c1")]
    other_doc = SystemMention("1_2ecb", 0, 9, "Tara Reid", "name", 1, "e1", 5, 9)
    s = [system("Tara Reid", "Reid", 1), system("Tara Reid", "Reid", 2), other_doc]
    assert match(g, s) == {0: 0}


def test_a_system_mention_without_a_head_matches_by_span_only():
    g = [gold("Tara Reid", "Reid", "c1")]
    s = [SystemMention("1_1ecb", 0, 9, "Tara Reid", "name", 1, "e1")]
    assert match(g, s) == {}
    assert match(g, s, by="span") == {0: 0}


def test_unknown_matching_is_refused():
    with pytest.raises(ValueError, match="unknown matching"):
        match([], [], by="overlap")


def corpus_of(*mentions: GoldMention):
    from dateline.evaluation.ecbplus import EcbCorpus, EcbDoc

    return EcbCorpus((EcbDoc("1_1ecb", 1, TEXT),), tuple(mentions))


def test_settings_pick_kinds_on_both_sides():
    c = corpus_of(
        gold("Tara Reid", "Reid", "c1"),
        gold("the Promises Treatment Center", "Center", "c2", kind="NOM"),
    )
    s = [
        system("Tara Reid", "Reid", 1),
        system("the Promises Treatment Center", "Center", 2, kind="description"),
        system("Malibu", "Malibu", 3, kind="demonym"),
    ]
    named = match_setting(c, s, kinds="named")
    assert [m.text for m in named.gold] == ["Tara Reid"]
    assert [m.text for m in named.system] == ["Tara Reid"]
    every = match_setting(c, s, kinds="all")
    assert len(every.gold) == 2
    # the demonym pairs with no gold mention: left out of "all" too
    assert [m.kind for m in every.system] == ["name", "description"]
    assert every.pairs == {0: 0, 1: 1}


def test_a_paired_demonym_counts_in_all():
    c = corpus_of(gold("Malibu", "Malibu", "c3", kind="NOM"))
    s = [system("Malibu", "Malibu", 3, kind="demonym")]
    assert match_setting(c, s, kinds="all").pairs == {0: 0}
    assert match_setting(c, s, kinds="named").system == ()


def test_head_span_is_the_root_clipped_to_the_span(nlp):
    doc = nlp(TEXT)
    s, e = span("the Promises Treatment Center")
    hs, he = head_span(doc, s, e)
    assert TEXT[hs:he] == "Center"
    assert head_span(doc, len(TEXT), len(TEXT)) == (-1, -1)


# --------------------------------------------------------------------------- the corpus


needs_data = pytest.mark.skipif(ecbplus_root() is None, reason="ECB+ not in the shared data folder")


@needs_data
def test_splits_hold_their_topics():
    dev = load_ecbplus("dev", topics=range(1, 3))
    assert {d.topic for d in dev.docs} == {1, 2}
    assert all(m.topic in (1, 2) for m in dev.mentions)
    test = load_ecbplus("test", topics=[1, 36])
    assert {d.topic for d in test.docs} == {36}


@needs_data
def test_gold_offsets_index_the_texts():
    c = load_ecbplus("test", topics=[36])
    texts = {d.id: d.text for d in c.docs}
    assert c.mentions
    for m in c.mentions:
        assert texts[m.doc][m.start : m.end] == m.text
        assert texts[m.doc][m.head_start : m.head_end] == m.head


def test_unknown_split_is_refused():
    with pytest.raises(ValueError, match="unknown ECB\\+ split"):
        load_ecbplus("train")
