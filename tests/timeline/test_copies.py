"""Copies of one story (a duplicate group) in a timeline and in the quote list: counted
once in ranking, every copy among the sources; one quote item reported by N outlets."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.config import Config
from dateline.pipeline import Pipeline
from dateline.records import Article, Work
from dateline.storage.sqlite import SQLiteStore
from dateline.timeline import build_timeline

#: One wire story (written for these tests) and two different stories about another date.
WIRE = (
    "Foreign ministers met in Geneva on Monday to revive the stalled treaty negotiations. "
    "The treaty talks first collapsed in March 1998 after a dispute over border checkpoints, "
    "officials recalled. \"We will not sign this treaty until the checkpoints are removed,\" "
    "Foreign Minister John Smith said. Delegations from both countries are expected to continue "
    "the talks later this week, according to diplomats familiar with the negotiations."
)
STORIES = [
    ("wire", "2019-11-05", "Wikinews", "Treaty talks resume", WIRE),
    ("reuters", "2019-11-05", "Reuters", "Ministers revive treaty talks",
     "GENEVA (Reuters) - " + WIRE + "\n\nCopyright 2019 Thomson Reuters. All rights reserved."),
    ("ap", "2019-11-06", "AP", "Geneva treaty talks",
     "Advertisement\n\nGENEVA (AP) — " + WIRE.replace("stalled", "frozen")
     + "\n\nSubscribe to our newsletter for the latest news, delivered every morning."),
    ("river", "2019-11-08", "BBC", "River treaty at fifteen",
     "The water-sharing treaty signed in June 2004 has kept the peace along the river for "
     "fifteen years. Farmers on both banks say the treaty allowed them to plan their harvests. "
     "The agreement is due to be reviewed by a joint commission."),
    ("report", "2019-11-12", "Guardian", "Report praises river treaty",
     "Environmental groups praised the river treaty in a new report. Since the treaty was "
     "signed in June 2004, fish stocks have recovered and pollution has fallen, the report "
     "found. It was written by researchers from three universities."),
]  # fmt: skip


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> SQLiteStore:
    db = tmp_path_factory.mktemp("copies") / "copies.db"
    articles = [
        Article(id=i, title=t, published=dt.date.fromisoformat(d), source=s, url=f"https://{i}",
                text=x)
        for i, d, s, t, x in STORIES
    ]  # fmt: skip
    pipe = Pipeline(Config(db=str(db)))
    works = [w for w in pipe.run_batch(articles) if isinstance(w, Work)]
    s = SQLiteStore(str(db), create=True)
    s.save(works, signature=pipe.signature)
    return s


def groups(store: SQLiteStore) -> dict[str, int]:
    return dict(store.conn.execute("SELECT id, dup_group FROM articles").fetchall())


def test_the_reprints_are_one_group(store):
    g = groups(store)
    assert g["wire"] == g["reuters"] == g["ap"]
    assert len({g["wire"], g["river"], g["report"]}) == 3


def test_a_group_votes_once_for_its_dates(store):
    # Three copies refer to March 1998, two different stories to June 2004: counted per
    # copy, 1998 would lead; counted per group, June 2004 does.
    top = build_timeline(store, "treaty", max_dates=1)
    assert [e.date for e in top.entries] == ["2004-06"]
    entries = {e.date: e for e in build_timeline(store, "treaty", max_dates=10).entries}
    older = entries["1998-03"]
    assert {s.article for s in older.sources} == {"wire", "reuters", "ap"}
    assert older.outlets == 3
    assert entries["2004-06"].score > older.score


def test_the_material_publishes_a_group_once_a_day(store):
    # wire and reuters on the 5th are one publication; ap's reprint on the 6th another
    material = store.timeline_material("treaty", start=None, end=None, entities=(), story=None)
    assert material.published == ["2019-11-05", "2019-11-06", "2019-11-08", "2019-11-12"]
    by_id = {a.id: a for a in material.articles.values()}
    assert by_id["ap"].group == by_id["wire"].group == by_id["wire"].pk


def test_a_quote_in_three_copies_is_one_item(store):
    found = [q for q in store.quotes(about="checkpoints") if "not sign" in q["text"]]
    assert len(found) == 1, found
    q = found[0]
    assert q["outlets"] == 3
    assert {s["article_id"] for s in q["sources"]} == {"wire", "reuters", "ap"}
    assert q["sources"][0]["article_id"] == q["article_id"]
    page = store.list_quotes(about="checkpoints")
    assert page["total"] == len(page["items"]) == len(store.quotes(about="checkpoints"))


def test_search_lists_the_story_once(store):
    rows = store.search("treaty")
    assert len(rows) == 3
    wire = next(r for r in rows if r["id"] in ("wire", "reuters", "ap"))
    assert wire["outlets"] == 3 and len(wire["copies"]) == 2


def test_the_quotes_page_shows_one_item_reported_by_its_outlets(store):
    from fastapi.testclient import TestClient

    from dateline.service import ServiceOptions, create_app

    app = create_app(ServiceOptions(config=Config(db=store.path)))
    with TestClient(app) as client:
        page = client.get("/quotes", params={"about": "checkpoints"}).text
        assert page.count("not sign this treaty") == 1
        assert "reported by 3 outlets" in page and "2 more copies" in page
        assert "reported by 3 outlets" in client.get("/search", params={"q": "treaty"}).text
