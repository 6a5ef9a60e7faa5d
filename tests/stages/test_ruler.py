"""The table ruler sets exactly what spaCy's AttributeRuler sets."""

from __future__ import annotations

import numpy
import pytest

from dateline.stages.ruler import TableRuler, Unsupported, use_table_ruler

COLUMNS = ["POS", "MORPH", "LEMMA", "TAG", "DEP", "HEAD"]

TEXT = (
    "There is a problem, y'all, and it ain't gonna go away: let's say we gotta fix it.\n\n"
    "She didn't do it  because he had  said that nothing, anyone or those could help. "
    "I told you it was me; \"c'mon\", they said, 'this is what we do'."
)


def test_model_ruler_is_replaced_in_place(nlp):
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler, TableRuler) and ruler.source is not None
    assert nlp.pipe_names == ["tok2vec", "tagger", "parser", "attribute_ruler",
                              "lemmatizer", "ner"]  # fmt: skip


def test_same_attributes_as_the_models_own_ruler(nlp):
    """Multi-token patterns (there is, ai n't, gon na, let 's, y' all), spaces,
    dependency-based POS: token for token the same."""
    table = nlp.get_pipe("attribute_ruler")
    parsed = nlp(TEXT, disable=["attribute_ruler", "lemmatizer", "ner"])
    ours, theirs = table(parsed.copy()), table.source(parsed.copy())
    assert numpy.array_equal(ours.to_array(COLUMNS), theirs.to_array(COLUMNS))
    assert [t.pos_ for t in ours] == [t.pos_ for t in theirs]
    assert {t.lower_ for t in ours if t.lemma_} >= {"ai", "gon", "got", "'s"}  # rules fired


def blank_ruler(patterns: list[dict]):
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(patterns)
    return nlp, ruler


def test_precedence_negative_index_and_predicates_on_a_blank_pipeline():
    patterns = [
        {"patterns": [[{"LOWER": {"IN": ["a", "an"]}}]], "attrs": {"LEMMA": "a"}},
        {"patterns": [[{"LOWER": "an"}]], "attrs": {"LEMMA": "an"}},  # later rule wins
        {"patterns": [[{"ORTH": {"REGEX": "^[A-Z]"}}, {"IS_PUNCT": True}]],
         "attrs": {"LEMMA": "cap"}, "index": -1},
        {"patterns": [[{"LOWER": {"NOT_IN": ["the", "a"]}, "IS_ALPHA": True}]],
         "attrs": {"POS": "X", "MORPH": "Foo=Bar"}},
        {"patterns": [[{"TEXT": "New"}, {"TEXT": "York"}]], "attrs": {"POS": "PROPN"}, "index": 1},
    ]  # fmt: skip
    nlp, ruler = blank_ruler(patterns)
    table = TableRuler().load(ruler)
    text = "An apple, a pear and the New York Times. Bob! an egg"
    ours, theirs = table(nlp.make_doc(text)), ruler(nlp.make_doc(text))
    assert numpy.array_equal(ours.to_array(COLUMNS), theirs.to_array(COLUMNS))
    assert [t.lemma_ for t in ours][:2] == ["an", ""]
    assert ours[-3].lemma_ == "cap"  # "!" after "Bob", set through index -1


def test_a_ruler_the_table_cannot_reproduce_stays():
    nlp, ruler = blank_ruler(
        [{"patterns": [[{"LOWER": "very", "OP": "+"}]], "attrs": {"POS": "ADV"}}]
    )
    with pytest.raises(Unsupported):
        TableRuler().load(ruler)
    assert use_table_ruler(nlp) == []
    assert nlp.get_pipe("attribute_ruler") is ruler


def test_an_empty_doc_is_left_alone(nlp):
    table = nlp.get_pipe("attribute_ruler")
    assert len(table(nlp.make_doc(""))) == 0
