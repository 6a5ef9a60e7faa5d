"""``dateline search``: filters, and the --json/--csv listings."""

from __future__ import annotations

from .helpers import dl, json_and_csv, stored_dates_db


def test_search_by_mentioned_dates_without_a_query(tmp_path):
    db = str(stored_dates_db(tmp_path))
    proc = dl("search", "--db", db, "--mentions-from", "1950", "--mentions-to", "1960")
    assert proc.returncode == 0, proc.stderr
    assert "Sputnik remembered" in proc.stdout and "Oil shocks" not in proc.stdout
    assert "mentions: October 4, 1957 = 1957-10-04" in proc.stdout
    decade = dl("search", "--db", db, "--mentions-from", "1979-12", "--mentions-to", "1979-12")
    assert "Oil shocks" in decade.stdout and "the 1970s = 197" in decade.stdout
    assert "June 2019" not in decade.stdout.split("mentions:")[1]  # only the dates that matched
    both = dl("search", "--db", db, "--mentions-to", "2019")
    assert both.stdout.index("Oil shocks") < both.stdout.index("Sputnik")  # newest first
    published = dl("search", "prices", "--db", db, "--from", "2019-06", "--to", "2019")
    assert "Oil shocks" in published.stdout
    none = dl("search", "--db", db, "--mentions-from", "1958-01-01", "--mentions-to", "1969")
    assert none.returncode == 0 and "No matching articles." in none.stdout


SEARCH_KEYS = {
    "id", "title", "published", "source", "snippet", "score", "timexes", "outlets", "copies",
}  # fmt: skip


def test_search_json_and_csv_list_the_same_articles(sample_db):
    items, rows, header = json_and_csv("search", "peace treaty", "--db", str(sample_db))
    assert len(items) > 1 and len(rows) == len(items)
    assert all(set(i) == SEARCH_KEYS for i in items)
    assert header == ["id", "published", "title", "source", "score", "snippet",
                      "timexes_text", "timexes_value", "outlets", "copies_id", "copies_source",
                      "copies_url", "copies_published"]  # fmt: skip
    assert [r["id"] for r in rows] == [i["id"] for i in items]
    assert all("\x02" not in i["snippet"] and "\x03" not in i["snippet"] for i in items)
    assert rows[0]["snippet"] == items[0]["snippet"]


def test_search_csv_joins_the_mentioned_dates(sample_db):
    args = ("search", "--db", str(sample_db), "--mentions-from", "1950", "--mentions-to", "1959")
    items, rows, _ = json_and_csv(*args)
    assert items and len(rows) == len(items)
    for item, row in zip(items, rows, strict=True):
        assert item["timexes"]
        assert row["timexes_text"] == "; ".join(t["text"] for t in item["timexes"])
        assert row["timexes_value"] == "; ".join(t["value"] for t in item["timexes"])


def test_search_without_hits_is_an_empty_list_and_a_header(tmp_path):
    db = str(stored_dates_db(tmp_path))
    items, rows, header = json_and_csv("search", "nothing-like-this", "--db", db)
    assert items == [] and rows == [] and header[0] == "id"
