"""Stories in the stores (SQLite and PostgreSQL), through ingest with the real pipeline:
joining, windows, incremental runs, re-ingest and deletion."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest

from dateline.api import ingest
from dateline.config import Config
from dateline.errors import StoreError
from dateline.storage import open_store

SPILL = [
    ("s1", "2010-04-21", "Oil rig explodes in the Gulf of Mexico",
     "An oil rig operated for BP exploded in the Gulf of Mexico, and crude oil is leaking from "
     "the damaged well into the Gulf. Coast guard crews searched for missing rig workers as the "
     "oil spill spread toward the Louisiana coast."),
    ("s2", "2010-04-22", "BP struggles to stop Gulf oil leak",
     "BP engineers struggled to stop the oil leaking from the damaged well in the Gulf of Mexico. "
     "The spill from the sunken rig is spreading, and the coast guard warned Louisiana that oil "
     "could reach its coast."),
    ("s3", "2010-04-24", "Gulf oil spill spreads toward Louisiana coast",
     "The oil spill from the BP well in the Gulf of Mexico spread toward the Louisiana coast as "
     "engineers failed to stop the leaking oil. The coast guard said crews were burning oil on "
     "the water near the rig."),
    # Days later, still within the window of the story's last article.
    ("s4", "2010-04-27", "BP plans dome to cap leaking Gulf well",
     "BP said engineers would lower a dome over the leaking well in the Gulf of Mexico to stop the "
     "oil spill, as oil from the sunken rig reached the Louisiana coast and the coast guard "
     "widened its response."),
]  # fmt: skip
FLU = [
    ("f1", "2010-04-21", "Swine flu outbreak closes schools in Mexico City",
     "Health officials in Mexico City closed schools as a swine flu outbreak spread. Doctors "
     "reported new flu cases in hospitals, and the health ministry urged people with fever to "
     "stay home to stop the virus."),
    ("f2", "2010-04-23", "Mexico reports more swine flu cases",
     "Mexico's health ministry reported more swine flu cases as the outbreak spread beyond Mexico "
     "City. Hospitals treated patients with fever, and schools stayed closed to slow the virus."),
    ("f3", "2010-04-25", "Swine flu virus spreads, WHO warns",
     "The swine flu virus that began in Mexico is spreading, health officials warned. Doctors in "
     "Mexico City hospitals treated more flu patients with fever, and schools remain closed."),
]  # fmt: skip
# The same subject months later: outside any window, so a story of its own.
LATER = [
    ("s9", "2010-08-04", "BP says Gulf well is finally sealed",
     "BP said the leaking well in the Gulf of Mexico is sealed after engineers pumped mud and "
     "cement into it, ending the oil spill that reached the Louisiana coast."),
]  # fmt: skip
ALL = SPILL + FLU + LATER


def write(path: Path, rows) -> Path:
    lines = [json.dumps({"id": i, "date": d, "title": t, "text": x}) for i, d, t, x in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def grouping(db: str) -> set[frozenset[str]]:
    """The stories as sets of article ids (``db``: a SQLite path or a PostgreSQL URL)."""
    store = open_store(db)
    try:
        rows = store.conn.execute(  # type: ignore[attr-defined]
            "SELECT m.story_id, a.id FROM story_members m JOIN articles a ON a.pk = m.article_pk"
        ).fetchall()
    finally:
        store.close()
    stories: dict[int, set[str]] = {}
    for story, article in rows:
        stories.setdefault(story, set()).add(article)
    return {frozenset(s) for s in stories.values()}


EXPECTED = {frozenset({"s1", "s2", "s3", "s4"}), frozenset({"f1", "f2", "f3"}), frozenset({"s9"})}


@pytest.fixture(scope="module")
def all_at_once(tmp_path_factory, module_stores) -> str:
    tmp = tmp_path_factory.mktemp("all")
    db = module_stores.url()
    report = ingest([write(tmp / "all.jsonl", ALL)], config=Config(db=db))
    assert report.new == len(ALL)
    return db


def test_separate_stories_continuation_and_a_story_far_outside_the_window(all_at_once):
    assert grouping(all_at_once) == EXPECTED


def test_stories_listing(all_at_once):
    store = open_store(all_at_once)
    try:
        rows = store.stories()
        spill = rows[0]
        assert (spill["size"], spill["first"], spill["last"]) == (4, "2010-04-21", "2010-04-27")
        assert spill["title"] in {t for _, _, t, _ in SPILL}
        assert "oil" in spill["top_terms"]
        assert any("BP" in name or "Gulf" in name for name in spill["top_entities"])
        assert [r["size"] for r in rows] == [4, 3, 1]
        later = store.stories(start=_date("2010-05-01"))
        assert [r["size"] for r in later] == [1]
        assert store.stories(end=_date("2010-04-20")) == []
        articles = store.story_articles(spill["id"])
        assert [a["id"] for a in articles] == ["s1", "s2", "s3", "s4"]
        assert all(0 < a["similarity"] <= 1 for a in articles)
        with pytest.raises(StoreError) as exc:
            store.story_articles(999)
        assert exc.value.code == "DL305"
    finally:
        store.close()


def _date(text: str):
    import datetime as dt

    return dt.date.fromisoformat(text)


def test_two_halves_give_the_same_stories_as_all_at_once(tmp_path, module_stores, all_at_once):
    db = module_stores.url()  # the backend of all_at_once
    # Not split by date: the second half holds articles older than the first's. Each
    # half keeps every story's articles within one window of each other (stories are
    # never merged: a later article bridging two stories joins one of them).
    first = [r for r in ALL if r[0] in {"s1", "s3", "f2", "s9"}]
    second = [r for r in ALL if r[0] not in {"s1", "s3", "f2", "s9"}]
    ingest([write(tmp_path / "a.jsonl", first)], config=Config(db=db))
    ingest([write(tmp_path / "b.jsonl", second)], config=Config(db=db))
    assert grouping(db) == grouping(all_at_once) == EXPECTED


def test_reingesting_a_changed_article_keeps_one_membership(tmp_path, stores):
    db = stores.url()
    ingest([write(tmp_path / "a.jsonl", ALL)], config=Config(db=db))
    changed = [(i, d, t, x + " Officials gave no new figures.") if i == "s2" else (i, d, t, x)
               for i, d, t, x in ALL]  # fmt: skip
    report = ingest([write(tmp_path / "b.jsonl", changed)], config=Config(db=db))
    assert report.updated == 1
    assert grouping(db) == EXPECTED
    with contextlib.closing(stores.open(db)) as store:
        c = store.conn
        assert c.execute("SELECT COUNT(*) FROM story_members").fetchone()[0] == len(ALL)
        assert c.execute("SELECT SUM(size) FROM stories").fetchone()[0] == len(ALL)
        assert c.execute("SELECT df FROM term_df WHERE term = ''").fetchone()[0] == len(ALL)


def test_deleting_articles_keeps_stories_consistent(tmp_path, stores):
    db = stores.url()
    ingest([write(tmp_path / "a.jsonl", ALL)], config=Config(db=db))
    with contextlib.closing(stores.open(db)) as store:
        c = store.conn
        c.execute("DELETE FROM articles WHERE id IN ('s1', 's9')")
        spans = {tuple(r) for r in c.execute("SELECT first, last, size FROM stories")}
        assert spans == {("2010-04-22", "2010-04-27", 3), ("2010-04-21", "2010-04-25", 3)}
        assert c.execute("SELECT df FROM term_df WHERE term = ''").fetchone()[0] == len(ALL) - 2
        # The centroid is the sum of the remaining members' vectors.
        drift = c.execute(
            "SELECT MAX(ABS(st.weight - (SELECT SUM(v.weight) FROM article_terms v"
            " JOIN story_members m ON m.article_pk = v.article_pk"
            " WHERE m.story_id = st.story_id AND v.term = st.term))) FROM story_terms st"
        ).fetchone()[0]
        assert drift < 1e-9
    assert grouping(db) == {frozenset({"s2", "s3", "s4"}), frozenset({"f1", "f2", "f3"})}


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_sample_corpus_stories_are_plausible(request, backend):
    sample = request.getfixturevalue("sample_db" if backend == "sqlite" else "sample_pg")
    store = open_store(str(sample))
    try:
        with_date = store.conn.execute(
            "SELECT COUNT(*) FROM articles WHERE published IS NOT NULL"
        ).fetchone()[0]
        assert store.conn.execute("SELECT SUM(size) FROM stories").fetchone()[0] == with_date
        rows = store.stories(limit=1000)
        assert sum(r["size"] for r in rows) == with_date
        # Every story stays within one window of consecutive articles; none swallows the corpus.
        assert max(r["size"] for r in rows) < with_date / 10
        soleimani = [r for r in rows if "Soleimani" in (r["title"] or "")]
        assert soleimani and soleimani[0]["size"] >= 2
        titles = " ".join(a["title"] for a in store.story_articles(soleimani[0]["id"]))
        assert "Iran" in titles or "Soleimani" in titles
    finally:
        store.close()
