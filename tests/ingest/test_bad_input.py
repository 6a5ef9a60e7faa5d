"""Each kind of bad input fails alone, with one line naming the item and the reason."""

from __future__ import annotations

import json

import pytest

from dateline.config import Config
from dateline.ingest import read_paths
from dateline.records import Article, Failure

GOOD = "date 2019-11-07 PARIS — A good article.\n"


def run(tmp_path, name: str, data: bytes | str, **cfg):
    """Read a bad file beside a good one; return (articles, failures)."""
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    bad = tmp_path / name
    bad.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    items = list(read_paths([tmp_path / "good.txt", bad], config=Config(**cfg)))
    arts = [i for i in items if isinstance(i, Article)]
    fails = [i for i in items if isinstance(i, Failure)]
    return arts, fails


def assert_one_line(f: Failure, *, names: str, says: str) -> None:
    line = str(f)
    assert "\n" not in line
    assert names in f.item, (f.item, names)
    assert says in f.reason, f.reason
    assert f.code.startswith("DL1")


def test_latin1_file_is_decoded_by_detection(tmp_path):
    text = "date 2019-11-07 MÜNCHEN - Die Bürger äußerten Ärger über die Straßenbahn in München."
    arts, fails = run(tmp_path, "latin.txt", text.encode("latin-1"))
    assert not fails and len(arts) == 2
    assert "München" in arts[1].text


def test_undecodable_bytes_fail(tmp_path):
    data = bytes(range(128, 256)) * 40
    arts, (f,) = run(tmp_path, "garbage.txt", data)
    assert len(arts) == 1
    assert_one_line(f, names="garbage.txt", says="cannot decode")


def test_empty_file_fails(tmp_path):
    arts, (f,) = run(tmp_path, "empty.txt", b"  \n\n")
    assert len(arts) == 1
    assert_one_line(f, names="empty.txt", says="empty file")


def test_binary_file_fails(tmp_path):
    arts, (f,) = run(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    assert len(arts) == 1
    assert_one_line(f, names="image.txt", says="binary")


def test_file_over_20_mb_fails(tmp_path):
    big = ("word " * 1000 + "\n").encode() * (20 * 1024 * 1024 // 5001 + 10)
    assert len(big) > 20 * 1024 * 1024
    arts, (f,) = run(tmp_path, "huge.txt", big)
    assert len(arts) == 1
    assert_one_line(f, names="huge.txt", says="over the 20,971,520-byte limit")


def test_malformed_jsonl_line_fails_alone(tmp_path):
    lines = [json.dumps({"text": "First.", "date": "2019-01-01"}), '{"text": "broken', json.dumps({"text": "Third."})]
    arts, (f,) = run(tmp_path, "feed.jsonl", "\n".join(lines))
    assert [a.text for a in arts[1:]] == ["First.", "Third."]
    assert_one_line(f, names="feed.jsonl:2", says="invalid JSON")


def test_jsonl_line_that_is_not_an_object(tmp_path):
    arts, (f,) = run(tmp_path, "feed.jsonl", '["a list"]\n{"text": "ok"}\n')
    assert len(arts) == 2
    assert_one_line(f, names="feed.jsonl:1", says="not an object")


def test_csv_without_text_column_fails(tmp_path):
    arts, (f,) = run(tmp_path, "table.csv", "date,title\n2019-01-01,Only a title\n")
    assert len(arts) == 1
    assert_one_line(f, names="table.csv", says="no text field")


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "txt"])
def test_unparseable_date_fails_that_item(tmp_path, fmt):
    data = {
        "jsonl": '{"text": "Good.", "date": "2019-01-01"}\n{"text": "Bad.", "date": "next Tuesday"}\n',
        "csv": 'date,text\n2019-01-01,Good.\n"yesterday-ish","Bad."\n',
        "txt": "date 2019-13-45 Body.",
    }[fmt]
    arts, (f,) = run(tmp_path, f"dates.{fmt}", data)
    assert len(arts) == (1 if fmt == "txt" else 2)
    assert "unparseable date" in f.reason
    if fmt != "txt":
        assert f.item.endswith(":2") if fmt == "jsonl" else f.item.endswith(":3")


def test_missing_path_fails(tmp_path):
    (f,) = list(read_paths([tmp_path / "nope.jsonl"], config=Config()))
    assert_one_line(f, names="nope.jsonl", says="no such file")


def test_csv_row_with_empty_text_fails_alone(tmp_path):
    arts, (f,) = run(tmp_path, "rows.csv", "date,text\n2019-01-01,\n2019-01-02,Fine.\n")
    assert [a.text for a in arts[1:]] == ["Fine."]
    assert_one_line(f, names="rows.csv:2", says="text is empty")
