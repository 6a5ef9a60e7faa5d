"""Stage registry and validation: bad configurations are refused before any work."""

from __future__ import annotations

import pytest

from dateline.config import Config
from dateline.errors import ConfigError
from dateline.pipeline import Pipeline, registry, stage, validate
from dateline.records import Article, Failure, Work


def art(i: int, text: str = "Some text.") -> Article:
    return Article(id=f"a{i}", title=None, published=None, source=None, url=None, text=text)


def test_builtin_stages_are_registered_with_contracts():
    known = registry()
    assert {"dateline", "nlp", "entities"} <= set(known)
    assert "doc" in known["nlp"].sets
    assert "entities" in known["entities"].sets
    assert set(known["entities"].requires) <= set(known["nlp"].sets)


def test_unknown_stage_is_rejected():
    with pytest.raises(ConfigError) as exc:
        validate(["dateline", "sentiment"])
    assert exc.value.code == "DL201" and "sentiment" in exc.value.message


def test_misordered_stage_is_rejected_before_the_model_loads(monkeypatch):
    import dateline.stages.nlp as nlp_mod

    def boom(name):  # the model must not even be loaded for a bad config
        raise AssertionError("model loaded before validation")

    monkeypatch.setattr(nlp_mod, "load_model", boom)
    with pytest.raises(ConfigError) as exc:
        Pipeline(Config(stages=("entities", "nlp")))
    assert exc.value.code == "DL202" and "entities" in exc.value.message


def test_plugin_stage_registers_like_a_builtin_and_failures_are_isolated():
    @stage("test-upper", requires=("text",), sets=("test.upper",))
    class Upper:
        def __init__(self, config: Config) -> None:
            self.config = config

        def process(self, batch: list[Work]) -> None:
            for w in batch:
                if "boom" in w.article.text:
                    raise ValueError("cannot handle boom")
                w.events = [{"text": w.article.text.upper()}]

    try:
        assert Upper.name == "test-upper" and Upper.requires == ("text",)
        pipe = Pipeline(Config(stages=("test-upper",)))
        out = pipe.run_batch([art(1, "a"), art(2, "boom"), art(3, "c")])
        assert isinstance(out[1], Failure) and "cannot handle boom" in out[1].reason
        assert [w.events[0]["text"] for w in (out[0], out[2])] == ["A", "C"]
    finally:
        from dateline import pipeline

        pipeline._REGISTRY.pop("test-upper", None)


def test_dateline_stage_runs_without_nlp():
    pipe = Pipeline(Config(stages=("dateline",)))
    (w,) = pipe.run_batch([art(1, "PARIS — Something happened.")])
    assert w.dateline is not None and w.dateline.place == "Paris"


def test_a_different_pipeline_reprocesses_stored_articles(tmp_path) -> None:
    """An article stored by another stage list (or an older version) is extracted again."""
    from dateline.api import ingest
    from dateline.storage import open_store
    from tests.conftest import SEED

    db = str(tmp_path / "s.db")
    first = ingest([SEED], config=Config(db=db, stages=("dateline",)))
    again = ingest([SEED], config=Config(db=db, stages=("dateline",)))
    upgraded = ingest([SEED], config=Config(db=db, stages=("dateline", "temporal")))
    assert (first.new, again.unchanged, upgraded.updated, upgraded.new) == (1, 1, 1, 0)
    store = open_store(db)
    try:
        (article_id,) = store.conn.execute("SELECT id FROM articles").fetchone()  # type: ignore[attr-defined]
        assert len(store.get_article(article_id)["timexes"]) >= 10
        assert store.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 1  # type: ignore[attr-defined]
    finally:
        store.close()


def test_worker_processes_give_the_results_of_one_process_in_order():
    import datetime as dt

    from dateline.config import Config
    from dateline.pipeline import Pipeline
    from dateline.records import Article, Work
    from dateline.runners.local import LocalRunner

    texts = [f"In {1950 + i}, Country {i} signed treaty number {i} in Paris." for i in range(9)]
    articles = [
        Article(str(i), None, dt.date(2019, 11, 7), None, None, t) for i, t in enumerate(texts)
    ]
    results = {}
    for workers in (1, 2):
        pipe = Pipeline(Config(db=":memory:", workers=workers, batch_size=4))
        done = [w for batch in LocalRunner(pipe).run(articles) for w in batch]
        assert all(isinstance(w, Work) for w in done)
        results[workers] = [
            (w.article.id, [(e.trigger.text, e.date) for e in w.events])  # type: ignore[union-attr]
            for w in done
        ]
    assert results[1] == results[2]
    assert [r[0] for r in results[2]] == [str(i) for i in range(9)]
    assert ("signed", "1953") in results[2][3][1]
