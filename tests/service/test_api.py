"""The JSON API over the bundled sample: lists, records, errors, the schema."""

from __future__ import annotations

import json

import pytest

from dateline.storage.browse import MAX_LIMIT


def test_openapi_schema_is_valid_and_lists_every_route(client):
    from openapi_spec_validator import validate

    schema = client.get("/api/v1/openapi.json").json()
    validate(schema)
    paths = set(schema["paths"])
    for route in ("/api/v1/articles", "/api/v1/articles/{article_id}", "/api/v1/entities",
                  "/api/v1/entities/{ref}", "/api/v1/quotes", "/api/v1/events", "/api/v1/stories",
                  "/api/v1/stories/{story_id}", "/api/v1/timeline", "/api/v1/timex",
                  "/api/v1/summary"):
        assert route in paths, route
    assert "post" in schema["paths"]["/api/v1/articles"]


def test_interactive_docs_load_their_assets_from_this_server(client):
    page = client.get("/api/v1/docs")
    assert page.status_code == 200 and "/api/v1/docs/assets/swagger-ui-bundle.js" in page.text
    assert client.get("/api/v1/docs/assets/swagger-ui-bundle.js").status_code == 200
    assert "<script>" not in page.text  # no inline script (the CSP forbids it)


def test_every_answer_carries_the_security_headers(client):
    for path in ("/", "/api/v1/summary", "/api/v1/articles/nope", "/static/style.css"):
        r = client.get(path)
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp, path
        assert r.headers["x-content-type-options"] == "nosniff"


def test_article_search_pages_cover_the_total_without_overlap(client):
    first = client.get("/api/v1/articles", params={"q": "president", "limit": 5}).json()
    assert first["total"] > 5 and len(first["items"]) == 5
    ids = [a["id"] for a in first["items"]]
    offset = 5
    while offset < first["total"] and offset < 40:
        page = client.get("/api/v1/articles", params={"q": "president", "limit": 5, "offset": offset}).json()
        assert page["total"] == first["total"]
        ids += [a["id"] for a in page["items"]]
        offset += 5
    assert len(ids) == len(set(ids)) == min(first["total"], 40)


def test_snippet_highlights_point_at_the_query_words(client):
    items = client.get("/api/v1/articles", params={"q": "election"}).json()["items"]
    assert items
    for item in items[:5]:
        for start, end in item["highlights"]:
            assert item["snippet"][start:end].lower().startswith("elect")


def test_facets_count_the_matching_articles(client):
    body = client.get("/api/v1/articles", params={"q": "trump", "facets": "true", "limit": 1}).json()
    facets = body["facets"]
    assert sum(m["count"] for m in facets["months"]) == body["total"]
    assert any("Trump" in p["name"] for p in facets["people"])
    assert all(p["count"] <= body["total"] for p in facets["people"])


@pytest.mark.parametrize(
    "params, code",
    [
        ({"limit": MAX_LIMIT + 1}, 422),
        ({"limit": 0}, 422),
        ({"offset": -1}, 422),
        ({"from": "last week"}, 422),
        ({"from": "2019-02-30"}, 400),
        ({"story": "x"}, 422),
    ],
)
def test_bad_parameters_get_one_line_errors(client, params, code):
    r = client.get("/api/v1/articles", params=params)
    assert r.status_code == code
    error = r.json()["error"]
    assert error["code"].startswith("DL") and "\n" not in error["message"]
    assert "Traceback" not in r.text


def test_unknown_things_are_404_with_their_code(client):
    assert client.get("/api/v1/articles/nothing-like-this").json()["error"]["code"] == "DL303"
    assert client.get("/api/v1/entities/999999").status_code == 404
    assert client.get("/api/v1/stories/999999").json()["error"]["code"] == "DL305"
    r = client.get("/api/v1/no-such-route")
    assert r.status_code == 404 and r.json()["error"]["code"] == "DL405"


@pytest.mark.parametrize("ref", ["\u00b2", "\u0663", "1\u00b9", "\uff11"])
def test_digits_that_are_not_ascii_are_names_not_ids(client, ref):
    # "²".isdigit() is true but int("²") raises: such a reference once gave a 500.
    # As a name it may find an entity ("²" folds to "2"); it is never read as an id.
    for path in (f"/api/v1/entities/{ref}", f"/entities/{ref}"):
        r = client.get(path)
        assert r.status_code in (200, 404), (path, r.status_code)
        assert "Traceback" not in r.text
    assert client.get(f"/api/v1/articles/{ref}").json()["error"]["code"] == "DL303"
    r = client.get("/articles/" + next(iter(client.get("/api/v1/articles").json()["items"]))["id"],
                   params={"hl": "\u00b2-\u00b3"})
    assert r.status_code == 400 and "DL" in r.text


def test_article_record_has_facts_with_offsets_into_its_text(client):
    some = client.get("/api/v1/articles", params={"q": "said", "limit": 1}).json()["items"][0]
    a = client.get(f"/api/v1/articles/{some['id']}").json()
    text = a["text"]
    for e in a["entities"]:
        assert isinstance(e["entity_id"], int)
        for m in e["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
    for t in a["timexes"]:
        assert text[t["start"]:t["end"]] == t["text"]
    for q in a["quotes"]:
        assert 0 <= q["start"] < q["end"] <= len(text)


def test_entity_record_and_list(client):
    people = client.get("/api/v1/entities", params={"type": "PERSON", "sort": "articles", "limit": 3}).json()
    assert people["total"] >= 3
    top = people["items"][0]
    record = client.get(f"/api/v1/entities/{top['id']}").json()
    assert record["name"] == top["name"]
    assert sum(m["articles"] for m in record["months"]) >= 1
    assert all(c["id"] != top["id"] for c in record["cooccurring"])
    by_name = client.get(f"/api/v1/entities/{top['name']}").json()
    assert by_name["id"] == top["id"]


def test_quotes_filter_by_speaker_and_kind(client):
    r = client.get("/api/v1/quotes", params={"kind": "direct", "limit": 10}).json()
    assert r["total"] >= len(r["items"]) > 0
    assert {q["kind"] for q in r["items"]} == {"direct"}
    speaker = next(q["speaker"]["name"] for q in r["items"] if q["speaker"] and q["speaker"].get("entity_id"))
    said = client.get("/api/v1/quotes", params={"speaker": speaker}).json()
    assert said["total"] >= 1


def test_timeline_returns_the_cli_contract(client, sample_db):
    from tests.cli.helpers import dl

    api_tl = client.get("/api/v1/timeline", params={"q": "election", "max_dates": 4}).json()
    cli = dl("timeline", "election", "--db", str(sample_db), "--max-dates", "4", "--json",
             "--max-articles", "100")
    assert cli.returncode == 0, cli.stderr
    assert api_tl == json.loads(cli.stdout)
    assert api_tl["entries"] and {"date", "mod", "summary", "sentences", "sources"} <= set(api_tl["entries"][0])


def test_timex_is_a_pure_function_allowed_read_only(client):
    r = client.post("/api/v1/timex", json={"text": "The summit was held in late June.", "date": "2019-11-07"})
    assert r.status_code == 200
    (t,) = r.json()["timexes"]
    assert (t["value"], t["mod"]) == ("2019-06", "END")
    bad = client.post("/api/v1/timex", json={"text": "x", "date": "someday"})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "DL404"
    impossible = client.post("/api/v1/timex", json={"text": "x", "date": "2019-02-30"})
    assert impossible.status_code == 400 and impossible.json()["error"]["code"] == "DL206"


def test_summary(client):
    s = client.get("/api/v1/summary").json()
    assert s["articles"] > 100 and s["top_people"]
    json.dumps(s)


def test_a_timeline_reads_at_most_max_articles(client):
    wide = client.get("/api/v1/timeline", params={"q": "said", "max_dates": 20}).json()
    narrow = client.get("/api/v1/timeline", params={"q": "said", "max_dates": 20, "max_articles": 2}).json()
    assert narrow["max_articles"] == 2 and wide["max_articles"] == 100
    sources = {s["article"] for e in narrow["entries"] for s in e["sources"]}
    assert narrow["entries"] and len(sources) <= 2
    assert len({s["article"] for e in wide["entries"] for s in e["sources"]}) > 2
    assert client.get("/api/v1/timeline", params={"q": "said", "max_articles": 0}).status_code == 422
