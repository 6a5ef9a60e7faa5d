"""The api's page calls for the HTTP API, over a store the real pipeline made.

Four articles are ingested once: the seed TASS article (Abe on the peace treaty
with Russia) and three short wire stories about the Kuril Islands talks and an
unrelated earthquake.
"""

from __future__ import annotations

import json

import pytest

from dateline import api
from dateline.config import Config
from dateline.errors import ConfigError, StoreError
from tests.conftest import SEED

WIRE = [
    ("w1", "2019-11-20", "Lavrov and Motegi discuss the peace treaty",
     "Russian Foreign Minister Sergei Lavrov met Japanese Foreign Minister Toshimitsu Motegi in "
     "Nagoya on Saturday. \"We agreed to continue talks on a peace treaty,\" Lavrov said. Motegi "
     "said the two countries would hold joint economic activities on the Kuril Islands."),
    ("w2", "2019-12-10", "Abe hopes for progress on the Kuril Islands",
     "Prime Minister Shinzo Abe said on Tuesday that he hoped for progress on the Kuril Islands "
     "dispute. Abe will meet Vladimir Putin in Moscow next year, officials said."),
    ("w3", "2020-01-15", "Earthquake shakes Chile",
     "A strong earthquake shook central Chile on Wednesday. Officials in Santiago said there were "
     "no reports of damage, and schools will reopen on Friday."),
]  # fmt: skip


@pytest.fixture(scope="module")
def cfg(tmp_path_factory) -> Config:
    tmp = tmp_path_factory.mktemp("api_browse")
    wire = tmp / "wire.jsonl"
    wire.write_text("\n".join(json.dumps({"id": i, "date": d, "title": t, "text": x})
                              for i, d, t, x in WIRE) + "\n", encoding="utf-8")  # fmt: skip
    config = Config(db=str(tmp / "api.db"))
    report = api.ingest([SEED, wire], config=config)
    assert report.new == 4 and report.failed == 0, report.failures
    return config


def all_items(call, **kw) -> list[dict]:
    items, offset = [], 0
    while True:
        page = call(limit=2, offset=offset, **kw)
        items += page["items"]
        if offset + 2 >= page["total"]:
            assert len(items) == page["total"]
            return items
        offset += 2


def test_max_limit_is_exported_and_enforced(cfg):
    assert api.MAX_LIMIT == 200
    assert api.list_articles(config=cfg, limit=api.MAX_LIMIT)["total"] == 4
    for call in (api.list_articles, api.list_entities, api.list_quotes, api.list_events,
                 api.list_stories):  # fmt: skip
        with pytest.raises(ConfigError) as exc:
            call(config=cfg, limit=api.MAX_LIMIT + 1)
        assert exc.value.code == "DL208"


def test_articles_without_anything_are_every_article_newest_first(cfg):
    items = all_items(api.list_articles, config=cfg)
    assert [i["published"] for i in items] == ["2020-01-15", "2019-12-10", "2019-11-20",
                                               "2019-11-07"]  # fmt: skip
    tass = items[-1]
    assert tass["place"] == "Tokyo" and tass["source"] == "TASS" and tass["highlights"] == []


def test_query_hits_are_highlighted_in_plain_snippets(cfg):
    page = api.list_articles(config=cfg, q="treaty", facets=True)
    assert page["total"] == 2
    for item in page["items"]:
        hits = [item["snippet"][s:e].casefold() for s, e in item["highlights"]]
        assert hits and set(hits) <= {"treaty", "treaties"}
        assert "<" not in item["snippet"] and "\x02" not in item["snippet"]
    facets = page["facets"]
    people = {p["name"]: p["count"] for p in facets["people"]}
    assert people.get("Shinzo Abe") == 1 and "Sergei Lavrov" in people
    assert [m["month"] for m in facets["months"]] == ["2019-11"]
    assert facets["months"][0]["count"] == 2 and page["facets_over"] == 2


def test_entity_and_story_filters(cfg):
    abe = {i["id"] for i in api.list_articles(config=cfg, entity="Abe")["items"]}
    assert len(abe) == 2 and "w3" not in abe
    for story in api.list_stories(config=cfg, limit=20)["items"]:
        listed = api.list_articles(config=cfg, story=story["id"])
        assert listed["total"] == story["size"]
        members = [a["id"] for a in api.story(story["id"], config=cfg)["articles"]]
        assert sorted(members) == sorted(i["id"] for i in listed["items"])


def test_entity_lists_and_the_entity_page(cfg):
    people = all_items(api.list_entities, config=cfg, type="PERSON", sort="articles")
    assert people[0]["name"] == "Shinzo Abe" and people[0]["articles"] == 2
    assert [p["name"] for p in api.list_entities(config=cfg, prefix="shin")["items"]] == [
        "Shinzo Abe"]  # fmt: skip
    page = api.entity_page("Abe", config=cfg, quotes=2)
    record = api.entity("Abe", config=cfg)
    assert {k: page[k] for k in record} == record
    assert page["months"] == [{"month": "2019-11", "articles": 1},
                              {"month": "2019-12", "articles": 1}]  # fmt: skip
    assert "Vladimir Putin" in {c["name"] for c in page["cooccurring"]}
    assert page["quote_total"] == record["quotes"] >= 2 and len(page["said"]) == 2
    assert all(q["speaker"]["entity_id"] == record["id"] for q in page["said"])


def test_quote_lists(cfg):
    quotes = all_items(api.list_quotes, config=cfg)
    assert quotes == api.quotes(config=cfg)
    direct = api.list_quotes(config=cfg, kind="direct")
    assert direct["total"] == sum(q["kind"] == "direct" for q in quotes) >= 2
    confident = api.list_quotes(config=cfg, min_confidence=0.8)["items"]
    assert confident and all(q["confidence"] >= 0.8 for q in confident)
    assert len(confident) < len(quotes)
    with pytest.raises(ConfigError) as exc:
        api.list_quotes(config=cfg, kind="reported")
    assert "direct, indirect, mixed" in exc.value.message


def test_event_lists(cfg):
    events = all_items(api.list_events, config=cfg)
    los = [e["date"]["lo"] for e in events if e["date"]["lo"]]
    assert los == sorted(los, reverse=True)
    quake = api.list_events(config=cfg, q="earthquake")["items"]
    assert quake and {e["article_id"] for e in quake} == {"w3"}
    abe = api.entity("Abe", config=cfg)["id"]
    involving = api.list_events(config=cfg, entity="Abe", limit=50)["items"]
    assert involving and all(abe in {p["id"] for p in e["entities"]} for e in involving)


def test_home(cfg):
    home = api.home(config=cfg)
    assert home["articles"] == 4 and home["quotes"] == api.summary(config=cfg)["quotes"]
    assert (home["first_published"], home["last_published"]) == ("2019-11-07", "2020-01-15")
    assert home["top_people"][0]["name"] == "Shinzo Abe"
    assert home["recent_stories"][0]["last"] == "2020-01-15"


def test_a_missing_database_is_a_store_error(tmp_path):
    with pytest.raises(StoreError) as exc:
        api.home(config=Config(db=str(tmp_path / "none.db")))
    assert exc.value.code == "DL301"
