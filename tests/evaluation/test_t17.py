"""The T17 reader on small invented files, and on the real topics (shared data folder only).

T17 may never be copied into the repository: the real-data tests read the
shared folder and skip without it; the files written here are invented.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dateline.evaluation.t17 import (
    KEYWORDS,
    SEPARATOR,
    TOPICS,
    detokenize,
    detokenize_text,
    load_topic,
    read_collection,
    read_timeline,
    t17_root,
)


@pytest.mark.parametrize(
    ("tokens", "text"),
    [
        (
            "BP 's shares -LRB- in London -RRB- fell `` sharply '' .",
            'BP\'s shares (in London) fell "sharply".',
        ),
        ("I do n't know , '' he said .", "I don't know,\" he said."),
        (
            "almost $ 50 billion -- since the spill began .",
            "almost $50 billion -- since the spill began.",
        ),
        (
            "The CNN\\/Opinion Research poll : 51 % of Americans",
            "The CNN/Opinion Research poll: 51% of Americans",
        ),
        ("` replace them with what ? '", "'replace them with what?'"),
        ("Democrats ' control", "Democrats' control"),
    ],
)
def test_detokenize(tokens, text):
    assert detokenize(tokens) == text


def test_detokenize_text_keeps_one_sentence_a_line():
    assert detokenize_text("A b .\n\n`` C '' .\n") == 'A b.\n"C".'


def _write_collection(root: Path) -> Path:
    folder = root / "x_bbc"
    (folder / "InputDocs" / "2010-04-21").mkdir(parents=True)
    (folder / "InputDocs" / "2010-04-20").mkdir(parents=True)
    (folder / "InputDocs" / "2010-04-21" / "10.htm.txt").write_text("Ten -LRB- x -RRB- .\n")
    (folder / "InputDocs" / "2010-04-21" / "9.htm.txt").write_text("Nine .\nTwo .\n")
    (folder / "InputDocs" / "2010-04-20" / "3.htm.txt").write_text("Three .\n")
    (folder / "timelines").mkdir()
    (folder / "timelines" / "t.txt").write_text(
        f"2010-04-21\nFirst , old .\n{SEPARATOR}\n2010-04-20\nA .\nB .\n{SEPARATOR}\n"
        f"2010-04-21\nSecond replaces the first .\n{SEPARATOR}\n2011-04-0\nBroken date .\n{SEPARATOR}\n"
    )
    return folder


def test_read_invented_collection(tmp_path):
    folder = _write_collection(tmp_path)
    tl = read_timeline(folder / "timelines" / "t.txt")
    assert list(tl) == [dt.date(2010, 4, 20), dt.date(2010, 4, 21), dt.date(2011, 4, 2)]
    assert tl[dt.date(2010, 4, 21)] == ["Second replaces the first."]
    assert tl[dt.date(2010, 4, 20)] == ["A.", "B."]
    raw = read_timeline(folder / "timelines" / "t.txt", raw=True)
    assert raw[dt.date(2010, 4, 21)] == ["Second replaces the first ."]

    articles, timelines = read_collection(folder)
    # by date, then file number (9 before 10)
    assert [a.id for a in articles] == [
        "x_bbc/2010-04-20/3",
        "x_bbc/2010-04-21/9",
        "x_bbc/2010-04-21/10",
    ]
    nine = articles[1]
    assert nine.published == dt.date(2010, 4, 21)
    assert nine.text == "Nine.\nTwo."
    assert nine.title == "Nine."
    assert nine.source == "BBC"
    assert articles[2].text == "Ten (x)."
    assert [t.id for t in timelines] == ["x_bbc/t"]
    # 1, 2 and 1 sentences: mean 4/3 rounds to 1
    assert timelines[0].sentences_per_day() == 1
    assert (timelines[0].start, timelines[0].end) == (dt.date(2010, 4, 20), dt.date(2011, 4, 2))


def test_unknown_topic():
    with pytest.raises(ValueError):
        load_topic("syria")


def _t17() -> Path:
    root = t17_root()
    if root is None:
        pytest.skip("T17 not found (shared data folder absent)")
    return root


@pytest.mark.parametrize(
    ("topic", "articles", "days"),
    [
        (
            "bpoil",
            1461,
            {
                "bpoil_bbc/bbc": 48,
                "bpoil_foxnews/foxnews": 13,
                "bpoil_guardian/guardian": 102,
                "bpoil_reuters/rbpoil": 16,
                "bpoil_washingtonpost/washingtonpost": 12,
            },
        ),
        (
            "h1n1",
            405,
            {
                "H1N1_bbc/influenza_A_h1n1_scotland_bbc": 7,
                "H1N1_guardian/swine_flu_guardian": 12,
                "H1N1_reuters/h1n1_reuters": 15,
            },
        ),
        ("mj", 142, {"MJ_bbc/bbc.co.uk": 38}),
    ],
)
def test_real_topics(topic, articles, days):
    """Article counts, and gold days as news-tls reads them (bpoil_guardian's 104 blocks
    hold 102 days, H1N1_bbc's 9 hold 7)."""
    _t17()
    t = load_topic(topic)
    assert len(t.articles) == articles
    assert len({a.id for a in t.articles}) == articles
    assert {tl.id: len(tl.days) for tl in t.timelines} == days
    assert t.keywords == KEYWORDS[topic]
    assert {a.id.split("/")[0] for a in t.articles} == set(TOPICS[topic])
    for a in t.articles:
        assert a.published is not None and a.id.split("/")[1] == a.published.isoformat()
        assert "-LRB-" not in a.text and "``" not in a.text and " n't " not in a.text
    if topic == "mj":
        assert dt.date(2011, 4, 2) in t.timelines[0].days
