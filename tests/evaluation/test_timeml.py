"""The TimeML reader on the real TempEval-3 files, and on small hand-written ones."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections import Counter
from pathlib import Path

import pytest

from dateline.evaluation.timeml import DATA_ENV, GoldTimex, data_root, load_split, read_tml


def _te3() -> Path:
    root = data_root()
    if root is None or not (root / "tempeval3").is_dir():
        pytest.skip("TempEval-3 data not found (shared data folder absent)")
    return root / "tempeval3"


@pytest.fixture(scope="module")
def te3() -> Path:
    return _te3()


@pytest.fixture(scope="module")
def all_files(te3) -> list[Path]:
    return sorted(te3.rglob("*.tml"))


@pytest.mark.parametrize(
    ("folder", "files", "timexes"),
    [("train/TimeBank", 183, 1243), ("train/AQUAINT", 73, 579), ("test-platinum", 20, 138)],
)
def test_counts_match_source_md(te3, folder, files, timexes):
    docs = [read_tml(f) for f in sorted((te3 / folder).glob("*.tml"))]
    assert len(docs) == files
    assert sum(len(d.timexes) for d in docs) == timexes


def test_splits():
    _te3()
    train, platinum = load_split("train"), load_split("platinum")
    assert (len(train), sum(len(d.timexes) for d in train)) == (256, 1822)
    assert (len(platinum), sum(len(d.timexes) for d in platinum)) == (20, 138)
    types = Counter(g.type for d in platinum for g in d.timexes)
    assert types == {"DATE": 96, "DURATION": 34, "SET": 4, "TIME": 4}


def test_platinum_sorted_by_file_name():
    _te3()
    ids = [d.id for d in load_split("platinum")]
    assert ids == sorted(ids)
    assert ids[0] == "AP_20130322"


def test_offsets_consistent_on_every_file(all_files):
    for path in all_files:
        doc = read_tml(path)
        for g in doc.timexes:
            assert doc.text[g.start : g.end] == g.text, (path.name, g)
            assert g.text.strip() and g.type in {"DATE", "TIME", "DURATION", "SET"}


def test_text_is_text_element_without_tags(all_files):
    """Independent check: regex-strip the raw <TEXT> content and unescape entities."""
    for path in all_files:
        raw = path.read_text(encoding="utf-8")
        inner = raw[raw.index("<TEXT>") + len("<TEXT>") : raw.index("</TEXT>")]
        assert read_tml(path).text == html.unescape(re.sub(r"<[^>]+>", "", inner)), path.name


def test_entities_are_unescaped(te3):
    doc = read_tml(te3 / "train/AQUAINT/NYT20000601.0442.tml")
    assert "&" in doc.text and "&amp;" not in doc.text


@pytest.mark.parametrize(
    ("name", "dct"),
    [
        ("test-platinum/AP_20130322.tml", dt.date(2013, 3, 22)),
        ("train/TimeBank/ABC19980108.1830.0711.tml", dt.date(1998, 1, 8)),
        # DCT value "1998-11-20T19:30": the date part is kept.
        ("train/AQUAINT/NYT19981120.0362.tml", dt.date(1998, 11, 20)),
    ],
)
def test_dct(te3, name, dct):
    doc = read_tml(te3 / name)
    assert doc.dct == dct
    assert doc.id == Path(name).stem


def test_known_platinum_timexes(te3):
    doc = read_tml(te3 / "test-platinum/AP_20130322.tml")
    assert doc.timexes[0] == GoldTimex(
        doc.timexes[0].start, doc.timexes[0].end, "a month", "DURATION", "P1M"
    )
    assert [g.text for g in doc.timexes[4:6]] == ["2009", "2010"]
    assert doc.text.startswith("\n\nThe flu season")


TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>X1</DOCID>
<DCT><TIMEX3 value="2001-02-03T04:05" functionInDocument="CREATION_TIME" tid="t0" type="TIME">x</TIMEX3></DCT>
<TITLE>Not <TIMEX3 tid="t9" type="DATE" value="2000">2000</TIMEX3> text</TITLE>
<TEXT>
AT&amp;T said <TIMEX3 value="2001-02-02" type="DATE" tid="t1">yester<EVENT eid="e1">day</EVENT></TIMEX3>
  it would <EVENT eid="e2">grow</EVENT> for <TIMEX3 tid="t2" mod="APPROX" type="DURATION" value="P2Y">about two years</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_small_file(tmp_path):
    path = tmp_path / "x.tml"
    path.write_text(TML, encoding="utf-8")
    doc = read_tml(path)
    assert doc.id == "X1"
    assert doc.dct == dt.date(2001, 2, 3)
    assert doc.text == "\nAT&T said yesterday\n  it would grow for about two years.\n"
    assert [(g.text, g.type, g.value, g.mod) for g in doc.timexes] == [
        ("yesterday", "DATE", "2001-02-02", None),
        ("about two years", "DURATION", "P2Y", "APPROX"),
    ]
    assert all(doc.text[g.start : g.end] == g.text for g in doc.timexes)


def test_missing_dct_is_an_error(tmp_path):
    path = tmp_path / "y.tml"
    path.write_text("<TimeML><TEXT>on Monday</TEXT></TimeML>", encoding="utf-8")
    with pytest.raises(ValueError, match="CREATION_TIME"):
        read_tml(path)


def test_data_root_from_env(tmp_path, monkeypatch):
    monkeypatch.setenv(DATA_ENV, str(tmp_path))
    assert data_root() == tmp_path
    monkeypatch.setenv(DATA_ENV, str(tmp_path / "absent"))
    assert data_root() is None


def test_load_split_errors(tmp_path):
    with pytest.raises(ValueError, match="unknown split"):
        load_split("dev", tmp_path)
    with pytest.raises(FileNotFoundError):
        load_split("platinum", tmp_path)
