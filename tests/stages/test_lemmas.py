"""The cached lemmatizer sets exactly the lemmas spaCy's rule lemmatizer sets."""

from __future__ import annotations

import numpy
import pytest

from dateline.stages.lemmas import CachedLemmatizer

TEXT = (
    "He found that the founders had found a way to found a company; she was reading "
    "what he read. The better runners ran faster than the best. I'd say they're leaving, "
    "and I'm gonna go.\n\n  Dr. Smith's dogs barked at 3 p.m. on Monday."
)


def test_model_lemmatizer_is_replaced_in_place(nlp):
    lemmatizer = nlp.get_pipe("lemmatizer")
    assert isinstance(lemmatizer, CachedLemmatizer) and lemmatizer.source.mode == "rule"


def test_same_lemmas_as_the_models_own_lemmatizer(nlp):
    cached = nlp.get_pipe("lemmatizer")
    nlp(TEXT)  # once: spaCy's lemmatizer checks its tables on first use
    before = nlp(TEXT, disable=["lemmatizer", "ner"])
    ours, theirs = cached(before.copy()), cached.source(before.copy())
    assert numpy.array_equal(ours.to_array(["LEMMA"]), theirs.to_array(["LEMMA"]))
    lemmas: dict[str, str] = {}
    for t in ours:
        lemmas.setdefault(t.text, t.lemma_)  # the first "found": "He found that"
    assert lemmas["found"] == "find" and lemmas["ran"] == "run" and lemmas["'d"] == "would"


def test_only_a_rule_lemmatizer_is_taken():
    with pytest.raises(ValueError, match="lookup"):
        CachedLemmatizer().load(type("Lookup", (), {"mode": "lookup"})())
