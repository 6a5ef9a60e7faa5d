"""The JSON API and the pages over the PostgreSQL store: the same answers as over SQLite,
for the sample corpus stored in both by one pipeline run."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from dateline.config import Config
from dateline.service import ServiceOptions, create_app

API = "/api/v1"
#: Routes whose answers must be the same over both stores.
SAME = [
    "/summary",
    "/articles",
    "/articles?entity=Trump&limit=50",
    "/articles?from=2020-01&to=2020-01-31&limit=50&facets=true",
    "/articles?mentions_from=1990&mentions_to=1999&limit=50",
    "/entities?limit=50",
    "/entities?sort=name&prefix=a&limit=50",
    "/entities?type=PERSON&sort=articles&offset=5",
    "/entities/Trump",
    "/quotes?limit=50",
    "/quotes?speaker=Trump&from=2019-06",
    "/quotes?kind=direct&min_confidence=0.8&offset=10",
    "/events?limit=50",
    "/events?entity=Iran&from=2020",
    "/events?kind=scheduled",
    "/stories?limit=50",
    "/stories?from=2020-01-01&to=2020-01-10",
    "/timeline?q=Soleimani",
]
#: Routes ranked by relevance: the same items (all of them: a page of fewer would be each
#: engine's best), in each engine's order, with its scores.
RANKED = ["/articles?q=Iran&limit=200", "/articles?q=%22climate%20change%22&limit=200",
          "/quotes?about=president&limit=200", "/events?q=attack&limit=200"]  # fmt: skip


@pytest.fixture(scope="module")
def clients(sample_db, sample_pg) -> tuple[TestClient, TestClient]:
    return tuple(  # type: ignore[return-value]
        TestClient(create_app(ServiceOptions(config=Config(db=str(db)))))
        for db in (sample_db, sample_pg)
    )


def _get(client: TestClient, route: str) -> dict:
    answer = client.get(route)
    assert answer.status_code == 200, answer.text
    return answer.json()


@pytest.mark.parametrize("route", SAME)
def test_the_api_answers_alike(clients, route):
    lite, pg = (_get(c, API + route) for c in clients)
    assert lite == pg


def found(page: dict) -> set[tuple]:
    """What a ranked page lists, whichever copy of a story or quote ranks first: each
    item's article with its copies (a quote's sources), and where it starts."""
    out = set()
    for item in page["items"]:
        if "sources" in item:  # a quote, reprinted in the sources' articles
            out |= {(s["article_id"], item["text"]) for s in item["sources"]}
        elif "copies" in item:  # an article, with the other copies of its story
            out |= {(c["id"], None) for c in item["copies"]} | {(item["id"], None)}
        else:  # an event
            out.add((item["id"], item["text"]))
    return out


@pytest.mark.parametrize("route", RANKED)
def test_relevance_ranked_lists_hold_the_same_items(clients, route):
    lite, pg = (_get(c, API + route) for c in clients)
    assert lite["total"] == pg["total"] == len(lite["items"]) > 0, route
    assert found(lite) == found(pg)


@pytest.mark.parametrize("page", ["/", "/search?q=Iran", "/entities", "/entities/Trump",
                                  "/stories", "/quotes?speaker=Trump", "/timeline?q=Soleimani"])
def test_the_pages_render(clients, page):
    for client in clients:
        answer = client.get(page)
        assert answer.status_code == 200 and "<html" in answer.text.lower(), page
