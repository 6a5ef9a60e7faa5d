"""Writes: refused while read-only (403) and without the token (401); bodies bounded; bad items
reported one line each while the rest is stored, nothing stored twice."""

from __future__ import annotations

import json
import sqlite3

import pytest

from tests.service.conftest import TOKEN, app_client

ARTICLE = {
    "title": "Port strike ends",
    "published": "2020-03-02",
    "text": "ROTTERDAM, March 2. Dock workers ended their strike on Monday, the union said.",
}


def _count(db) -> int:
    with sqlite3.connect(db) as c:
        return c.execute("SELECT COUNT(*) FROM articles").fetchone()[0]


WRITES = [("post", "/api/v1/articles")]


@pytest.mark.parametrize("method, path", WRITES)
def test_every_write_route_is_refused_read_only_even_with_the_token(writable_db, method, path):
    before = _count(writable_db)
    client = app_client(writable_db, writes=False)
    r = client.request(method, path, json=ARTICLE, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "DL402"
    assert _count(writable_db) == before


@pytest.mark.parametrize("header", [None, "Bearer wrong", f"Basic {TOKEN}", "Bearer "])
def test_writes_need_the_token(writable_db, header):
    before = _count(writable_db)
    client = app_client(writable_db, writes=True)
    headers = {"Authorization": header} if header else {}
    r = client.post("/api/v1/articles", json=ARTICLE, headers=headers)
    assert r.status_code == 401 and r.json()["error"]["code"] == "DL401"
    assert _count(writable_db) == before


def test_every_non_get_route_is_a_write_or_pure(client):
    """Guards the list above: a new write route must be added to WRITES."""
    schema = client.get("/api/v1/openapi.json").json()
    posts = {p for p, ops in schema["paths"].items() for m in ops if m != "get"}
    assert posts == {"/api/v1/articles", "/api/v1/timex"}


def test_posted_articles_are_stored_once_and_bad_lines_reported(writable_db):
    client = app_client(writable_db, writes=True)
    auth = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/x-ndjson"}
    body = "\n".join([json.dumps(ARTICLE), "{not json", json.dumps({"title": "no text"})]) + "\n"
    before = _count(writable_db)
    r = client.post("/api/v1/articles", content=body.encode(), headers=auth)
    assert r.status_code == 200, r.text
    report = r.json()
    assert (report["new"], report["failed"]) == (1, 2)
    assert [f["code"] for f in report["failures"]] == ["DL106", "DL108"]
    assert all(f["item"].startswith("body") and "\n" not in f["reason"] for f in report["failures"])
    assert _count(writable_db) == before + 1
    again = client.post("/api/v1/articles", content=body.encode(), headers=auth).json()
    assert (again["new"], again["unchanged"]) == (0, 1)
    assert _count(writable_db) == before + 1
    found = client.get("/api/v1/articles", params={"q": "dock workers strike"}).json()
    assert found["total"] == 1


def test_a_body_nothing_can_be_read_from_is_a_4xx(writable_db):
    client = app_client(writable_db, writes=True)
    auth = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    r = client.post("/api/v1/articles", content=b"[1, 2", headers=auth)
    assert r.status_code == 422 and r.json()["error"]["code"] == "DL106"
    empty = client.post("/api/v1/articles", content=b"  ", headers=auth)
    assert empty.status_code == 400


def test_bodies_over_the_limit_are_refused(writable_db):
    client = app_client(writable_db, writes=True, max_body_bytes=1000)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    big = {**ARTICLE, "text": "word " * 1000}
    r = client.post("/api/v1/articles", json=big, headers=auth)
    assert r.status_code == 413 and r.json()["error"]["code"] == "DL403"
    chunks = (b"x" * 400 for _ in range(5))  # no Content-Length: counted as it streams
    r = client.post("/api/v1/articles", content=chunks, headers=auth)
    assert r.status_code == 413
