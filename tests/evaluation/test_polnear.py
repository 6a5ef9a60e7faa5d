"""The PolNeAR reader on the real files (shared data folder only), and on small hand-written ones.

PolNeAR may never be copied into the repository: the real-data tests read the
shared folder and skip without it; the hand-written files below are invented.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from dateline.evaluation.polnear import (
    annotation_files,
    load_polnear,
    polnear_root,
    read_ann,
    read_doc,
)


def _polnear() -> Path:
    root = polnear_root()
    if root is None:
        pytest.skip("PolNeAR not found (shared data folder absent)")
    return root


@pytest.fixture(scope="module")
def dev() -> list:
    _polnear()
    return load_polnear("dev")


@pytest.mark.parametrize(
    ("split", "texts", "ann_files", "every_e_line", "first_annotator"),
    [("dev", 84, 94, 2320, 2193), ("train", 840, 919, 22501, 19868)],
)
def test_counts(split, texts, ann_files, every_e_line, first_annotator):
    """LICENCE-NOTE's "dev 84 texts / 2,320 attributions" counts the E lines of *every*
    annotator's file; scoring keeps one annotator per document, which leaves fewer."""
    root = _polnear()
    assert len(list((root / split / "text").glob("*.txt"))) == texts
    files = annotation_files(split)
    assert len(files) == texts
    assert sum(len(f) for f in files.values()) == ann_files
    assert sum(len(read_ann(p)[1]) for fs in files.values() for p in fs) == every_e_line
    docs = load_polnear(split)
    assert len(docs) == texts
    assert sum(len(d.attributions) for d in docs) == first_annotator


def test_dev_attribution_parts(dev):
    atts = [a for d in dev for a in d.attributions]
    assert sum(bool(a.content) for a in atts) == 2192  # one E line has neither content nor cue
    assert sum(bool(a.cue) for a in atts) == 2192
    assert sum(a.source is not None for a in atts) == 2066
    assert Counter(len(a.cue) for a in atts) == {1: 2192, 0: 1}  # cues are never discontinuous
    assert sum(len(a.content) > 1 for a in atts) == 301  # contents often are


def test_dev_several_annotators():
    _polnear()
    files = annotation_files("dev")
    several = {doc: len(fs) for doc, fs in files.items() if len(fs) > 1}
    assert sorted(several.values()) == [6, 6]
    docs = {d.id: d for d in load_polnear("dev")}
    for doc, fs in files.items():
        assert docs[doc].annotator == fs[0].name[-8:-4]  # the first file in sorted order


@pytest.mark.parametrize("split", ["dev", "train"])
def test_offsets_consistent_on_every_file(split):
    """Every T line of every annotator: its fragments, joined by a space in the order
    written, are its text."""
    root = _polnear()
    for doc, files in annotation_files(split).items():
        text = (root / split / "text" / f"{doc}.txt").read_text(encoding="utf-8")
        for path in files:
            bounds, atts = read_ann(path)
            for t in bounds:
                assert " ".join(text[s:e] for s, e in t.fragments) == t.text, (path.name, t.id)
            for a in atts:
                for s, e in (*a.content, *a.cue, *(a.source or ())):
                    assert 0 <= s < e <= len(text), (path.name, a.id)


def test_dates_from_file_names(dev):
    assert all(d.published is not None for d in dev)
    for d in dev:
        assert d.id.split("_")[1] == d.published.isoformat()
    assert min(d.published for d in dev) >= dt.date(2016, 9, 1)
    assert {d.publisher for d in dev} == {
        "breitbart",
        "huff-post",
        "nyt",
        "politico",
        "usa-today",
        "wash-post",
        "west-journal",
    }


def test_sorted_and_limited(dev):
    ids = [d.id for d in dev]
    assert ids == sorted(ids)
    assert [d.id for d in load_polnear("dev", limit=3)] == ids[:3]


# --------------------------------------------------------------------------- hand-written files

TEXT = "Smith said the plan works.\nThe memo, aides said, was fake.\nVoters believe it.\n"
ANN = (
    "T1\tSource 0 5\tSmith\n"
    "T2\tCue 6 10\tsaid\n"
    "T3\tContent 11 25\tthe plan works\n"
    "T4\tAttribution 6 10\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tContent 49 57;27 35\twas fake The memo\n"
    "T6\tSource 37 42\taides\n"
    "T7\tCue 43 47\tsaid\n"
    "T8\tAttribution 43 47\tsaid\n"
    "E2\tAttribution:T8 Cue:T7 Source:T6 Content:T5\n"
    "#1\tAnnotatorNotes T5\tsplit content\n"
    "T9\tCue 66 73\tbelieve\n"
    "T10\tContent 74 76\tit\n"
    "T11\tDiscuss 20 32\tworks.\nThe m\n"
    "T12\tAttribution-no-source 66 73\tbelieve\n"
    "E3\tAttribution-no-source:T12 Content:T10 Cue:T9\n"
    "E4\tAttribution:T4 Content:T3 Content2:T10 Source:T9\n"
)


def write(tmp_path: Path, ann: str = ANN, text: str = TEXT) -> tuple[Path, Path]:
    (tmp_path / "text").mkdir(exist_ok=True)
    (tmp_path / "attributions").mkdir(exist_ok=True)
    t = tmp_path / "text" / "pub_2016-10-01_slug.txt"
    a = tmp_path / "attributions" / "pub_2016-10-01_slug_ab12.ann"
    t.write_text(text, encoding="utf-8")
    a.write_text(ann, encoding="utf-8")
    return t, a


def test_small_file(tmp_path):
    t, a = write(tmp_path)
    doc = read_doc(t, a)
    assert (doc.id, doc.annotator, doc.published) == (
        "pub_2016-10-01_slug",
        "ab12",
        dt.date(2016, 10, 1),
    )
    e1, e2, e3, e4 = doc.attributions
    assert [TEXT[s:e] for s, e in e1.content] == ["the plan works"]
    assert [TEXT[s:e] for s, e in e1.source or ()] == ["Smith"]
    # fragments written out of text order are sorted
    assert [TEXT[s:e] for s, e in e2.content] == ["The memo", "was fake"]
    assert e3.source is None and [TEXT[s:e] for s, e in e3.cue] == ["believe"]
    # Content2 is more content; the role in the E line counts, not the T label
    assert [TEXT[s:e] for s, e in e4.content] == ["the plan works", "it"]
    assert [TEXT[s:e] for s, e in e4.source or ()] == ["believe"]


def test_multi_line_span_text(tmp_path):
    t, a = write(tmp_path)
    bounds, _ = read_ann(a)
    discuss = next(b for b in bounds if b.label == "Discuss")
    assert discuss.text == "works.\nThe m" == TEXT[20:32]
    assert all(" ".join(TEXT[s:e] for s, e in b.fragments) == b.text for b in bounds)


def test_unknown_reference_is_an_error(tmp_path):
    _, a = write(tmp_path, ann="T1\tCue 0 5\tSmith\nE1\tAttribution:T1 Content:T9\n")
    with pytest.raises(ValueError, match="unknown T9"):
        read_ann(a)


def test_load_errors(tmp_path):
    with pytest.raises(ValueError, match="unknown PolNeAR split"):
        load_polnear("test", tmp_path)
    with pytest.raises(FileNotFoundError):
        load_polnear("dev", tmp_path)


def test_load_from_a_given_root(tmp_path):
    folder = tmp_path / "quotes" / "polnear" / "dev"
    folder.mkdir(parents=True)
    write(folder)
    (folder / "attributions" / "pub_2016-10-01_slug_ff00.ann").write_text("", encoding="utf-8")
    (doc,) = load_polnear("dev", tmp_path)
    assert doc.annotator == "ab12" and len(doc.attributions) == 4
