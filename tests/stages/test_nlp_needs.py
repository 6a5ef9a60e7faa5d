"""The nlp stage runs the spaCy components the configured stages read, and no others."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from dateline.config import Config
from dateline.pipeline import StageSpec, registry
from dateline.stages.needs import PROVIDERS, needed_components, stage_needs


class FakeNlp:
    """pipe_names and listeners of en_core_web_sm, without loading it."""

    pipe_names = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]

    def get_pipe(self, name: str) -> object:
        listeners = ["tagger", "parser"] if name == "tok2vec" else None
        return SimpleNamespace(listening_components=listeners)


def with_stage(monkeypatch, name: str, needs: tuple[str, ...] | None) -> None:
    """Register a throw-away stage declaring ``needs`` (or nothing, for ``None``)."""
    import dateline.pipeline as pipeline

    attrs = {} if needs is None else {"spacy_needs": needs}
    cls = type(name, (), attrs)
    registry()  # the built-ins first, so they are not registered over this one
    monkeypatch.setitem(pipeline._REGISTRY, name, StageSpec(name, ("doc",), (), cls))


def test_every_builtin_stage_declares_what_it_reads():
    for name, spec in registry().items():
        if name.startswith("test-"):
            continue  # stages other tests register
        declared = getattr(spec.factory, "spacy_needs", None)
        assert declared is not None, name
        assert set(declared) <= PROVIDERS.keys(), name


def test_default_stages_need_every_component_of_the_model(nlp):
    """Every stage but dateline reads the parse: nothing of en_core_web_sm can go."""
    needs = stage_needs(Config().stages)
    assert needs is not None and {"lemma", "ents", "dep"} <= needs
    assert needed_components(nlp, needs) == list(nlp.pipe_names)


def test_the_nlp_stage_disables_what_no_stage_reads(nlp):
    from dateline.pipeline import Pipeline

    full = Pipeline(Config(stages=Config().stages)).stage_named("nlp")
    assert full is not None and full.disabled == []
    bare = Pipeline(Config(stages=("dateline", "nlp"))).stage_named("nlp")
    assert bare is not None and bare.disabled == list(nlp.pipe_names)


def test_a_stage_reading_lemmas_gets_the_lemmatizer_and_what_feeds_it(monkeypatch):
    with_stage(monkeypatch, "test-lemmas", ("lemma",))
    needs = stage_needs(["dateline", "nlp", "test-lemmas"])
    assert needs == frozenset({"lemma"})
    assert needed_components(FakeNlp(), needs) == [
        "tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer",
    ]  # fmt: skip


def test_entities_alone_need_only_the_ner_which_has_its_own_embedding(monkeypatch):
    with_stage(monkeypatch, "test-ents", ("ents",))
    assert needed_components(FakeNlp(), stage_needs(["nlp", "test-ents"])) == ["ner"]
    with_stage(monkeypatch, "test-tags", ("tag",))
    assert needed_components(FakeNlp(), stage_needs(["nlp", "test-tags"])) == [
        "tok2vec", "tagger",
    ]  # fmt: skip


def test_a_stage_declaring_nothing_gets_the_whole_pipeline(monkeypatch):
    with_stage(monkeypatch, "test-silent", None)
    assert stage_needs(["dateline", "nlp", "test-silent"]) is None
    assert needed_components(FakeNlp(), None) == FakeNlp.pipe_names


def test_an_unknown_need_is_refused(monkeypatch):
    with_stage(monkeypatch, "test-vectors", ("vectors",))
    with pytest.raises(ValueError, match="vectors"):
        stage_needs(["nlp", "test-vectors"])


def test_unknown_components_are_kept(monkeypatch):
    class Custom(FakeNlp):
        pipe_names = [*FakeNlp.pipe_names, "sentiment"]

    assert needed_components(Custom(), frozenset({"ents"})) == ["ner", "sentiment"]
