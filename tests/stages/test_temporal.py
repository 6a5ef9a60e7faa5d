"""The temporal stage in the pipeline: anchoring on the article, the JSON contract."""

from __future__ import annotations

import datetime as dt

from dateline.api import extract_text
from dateline.config import Config
from dateline.export import work_dict
from dateline.pipeline import registry
from dateline.records import Article, Dateline, Work
from dateline.stages.temporal import anchor_of


def _work(published: dt.date | None, dateline_date: str | None) -> Work:
    art = Article(id="a", title=None, published=published, source=None, url=None, text="x")
    line = Dateline(0, 1, "x", "Tokyo", dateline_date, None) if dateline_date else None
    return Work(article=art, dateline=line)


def test_registered_with_its_contract() -> None:
    spec = registry()["temporal"]
    assert spec.requires == ("text",) and spec.sets == ("timexes",)
    assert "temporal" in Config().stages


def test_anchor_is_the_publication_date_then_a_full_dateline_date() -> None:
    assert anchor_of(_work(dt.date(2019, 11, 7), "2019-11-08")) == dt.date(2019, 11, 7)
    assert anchor_of(_work(None, "2019-11-08")) == dt.date(2019, 11, 8)
    assert anchor_of(_work(None, "XXXX-11-08")) is None
    assert anchor_of(_work(None, None)) is None


def test_seed_through_the_whole_pipeline(seed_text: str) -> None:
    work = extract_text(seed_text, published="2019-11-07")
    values = [(t.text, t.value) for t in work.timexes]
    assert ("late June", "2019-06") in values and ("January 27, 1960", "1960-01-27") in values
    out = work_dict(work)
    assert out["timexes"][0] == {
        "start": out["text"].index("November 7"),
        "end": out["text"].index("November 7") + len("November 7"),
        "text": "November 7",
        "type": "DATE",
        "value": "2019-11-07",
        "mod": None,
        "anchor": "2019-11-07",
    }
    assert all(out["text"][t["start"] : t["end"]] == t["text"] for t in out["timexes"])


def test_without_a_date_relative_values_stay_open() -> None:
    work = extract_text("The minister arrived yesterday; the treaty dates from 1956.")
    got = {t.text: t.value for t in work.timexes}
    assert got == {"yesterday": "XXXX-XX-XX", "1956": "1956"}
