"""The clustering algorithm on plain data: terms, vectors, the join-or-start decision."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from dateline.stories.cluster import (
    Candidate,
    StoryOptions,
    best_story,
    dot,
    idf,
    vectorise,
    within,
)
from dateline.stories.terms import ENTITY_PREFIX, normalise, term_counts, words


@pytest.mark.parametrize(
    ("word", "term"),
    [("Talks", "talk"), ("countries", "country"), ("crisis", "crisis"), ("virus", "virus"),
     ("news", "news"), ("BP", "bp")],
)  # fmt: skip
def test_normalise_folds_plurals_only(word, term):
    assert normalise(word) == term


def test_words_drop_stop_words_numbers_and_short_lowercase():
    assert words("On Monday the EU said 12 ministers met in Brussels.") == [
        "eu", "minister", "met", "brussel",
    ]  # fmt: skip


def test_title_lead_and_entities_weigh_more():
    counts = term_counts("Flood", "Rain fell. " + "filler " * 200 + "rain", [("met office", 3)])
    assert counts["flood"] == 2  # title
    assert counts["rain"] == 3  # once in the lead (counted twice), once after it
    assert counts[ENTITY_PREFIX + "met office"] == 3


def test_idf_is_positive_from_the_first_article():
    assert idf(1, 1) > 0
    assert idf(1, 1000) > idf(10, 1000) > idf(1000, 1000) > 0


def test_vector_is_unit_length_and_keeps_the_strongest_terms():
    counts = {f"t{i}": i + 1 for i in range(10)}
    df = {t: 1 for t in counts}
    v = vectorise(counts, df, 100, options=StoryOptions(vector_terms=3))
    assert set(v) == {"t9", "t8", "t7"}
    assert math.isclose(sum(w * w for w in v.values()), 1.0)
    assert dot(v, v) == pytest.approx(1.0)


def test_entity_features_are_boosted():
    v = vectorise({"@abe": 1, "abe": 1}, {"@abe": 1, "abe": 1}, 10)
    assert v["@abe"] > v["abe"]


def test_window_is_around_the_whole_span():
    first, last = dt.date(2020, 1, 1), dt.date(2020, 1, 10)
    assert within(dt.date(2019, 12, 29), first, last, window_days=3)
    assert within(dt.date(2020, 1, 13), first, last, window_days=3)
    assert not within(dt.date(2020, 1, 14), first, last, window_days=3)


def test_best_story_needs_the_threshold_and_prefers_the_most_similar():
    weak, strong = Candidate(1, 0.1, 1.0), Candidate(2, 1.0, 4.0)  # cosine 0.1 and 0.5
    assert best_story([weak, strong], threshold=0.3) == strong
    assert best_story([weak], threshold=0.3) is None
    assert best_story([Candidate(5, 0.5, 1.0), Candidate(3, 0.5, 1.0)], threshold=0.3) == (
        Candidate(3, 0.5, 1.0)
    )
