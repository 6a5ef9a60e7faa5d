"""The temporal tagger, phenomenon by phenomenon, on real spaCy parses.

Publication date for every example: Thursday 2019-11-07 (as in the seed article).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.temporal import tag

ANCHOR = dt.date(2019, 11, 7)

# (sentence, expected timex text, type, value, mod)
PHENOMENA = [
    # explicit
    ("The memorandum was dated January 27, 1960.", "January 27, 1960", "DATE", "1960-01-27", None),
    ("It was signed on 27 January 1960.", "27 January 1960", "DATE", "1960-01-27", None),
    ("It was signed on Jan. 27, 1960.", "Jan. 27, 1960", "DATE", "1960-01-27", None),
    ("The file is dated 2019-11-07.", "2019-11-07", "DATE", "2019-11-07", None),
    ("In 1956, the two countries signed a declaration.", "1956", "DATE", "1956", None),
    ("They agreed in November 2018 to speed up talks.", "November 2018", "DATE", "2018-11", None),
    ("He scored ten goals in the 2018/19 season.", "the 2018/19 season", "DATE", "2018", None),
    (
        "Profits rose in the third quarter of 2018.",
        "the third quarter of 2018",
        "DATE",
        "2018-Q3",
        None,
    ),
    ("Sales fell in the first half of 2019.", "the first half of 2019", "DATE", "2019-H1", None),
    ("The results for fiscal 2018 were weak.", "fiscal 2018", "DATE", "2018", None),
    (
        "On Friday, Nov. 1, 2019, the talks ended.",
        "Friday, Nov. 1, 2019",
        "DATE",
        "2019-11-01",
        None,
    ),
    # underspecified, resolved by tense and context
    ("The talks opened on November 7.", "November 7", "DATE", "2019-11-07", None),
    ("The summit took place in late June.", "late June", "DATE", "2019-06", "END"),
    ("The leaders will meet in June.", "June", "DATE", "2020-06", None),
    ("He met the minister on Monday.", "Monday", "DATE", "2019-11-04", None),
    ("He will meet the minister on Monday.", "Monday", "DATE", "2019-11-11", None),
    ("The minister said Thursday that talks would go on.", "Thursday", "DATE", "2019-11-07", None),
    ("The deadline was extended until Tuesday.", "Tuesday", "DATE", "2019-11-12", None),
    ("Sales rose this year.", "this year", "DATE", "2019", None),
    ("This century has seen two pandemics.", "This century", "DATE", "20", None),
    ("He left last week.", "last week", "DATE", "2019-W44", None),
    ("The plant opens next year.", "next year", "DATE", "2020", None),
    ("The ship sank last February.", "last February", "DATE", "2019-02", None),
    ("The report is due on Dec. 15.", "Dec. 15", "DATE", "2019-12-15", None),
    ("The vote was held on Oct. 30.", "Oct. 30", "DATE", "2019-10-30", None),
    # relative
    ("He arrived yesterday.", "yesterday", "DATE", "2019-11-06", None),
    ("He arrives today.", "today", "DATE", "2019-11-07", None),
    ("He leaves tomorrow.", "tomorrow", "DATE", "2019-11-08", None),
    ("He arrived two days ago.", "two days ago", "DATE", "2019-11-05", None),
    ("Prices fell earlier this month.", "earlier this month", "DATE", "2019-11", "START"),
    ("He moved there three years ago.", "three years ago", "DATE", "2016", None),
    ("The plant closed a decade ago.", "a decade ago", "DATE", "200", None),
    ("They last met in the past week.", "the past week", "DATE", "2019-W44", None),
    # coarse and fuzzy
    ("It was popular in the 1970s.", "the 1970s", "DATE", "197", None),
    ("It dates from the mid-20th century.", "the mid-20th century", "DATE", "19", "MID"),
    ("It grew in the early 1990s.", "the early 1990s", "DATE", "199", "START"),
    ("It was built in the 19th century.", "the 19th century", "DATE", "18", None),
    ("The album comes out in spring 2019.", "spring 2019", "DATE", "2019-SP", None),
    ("Profits rose in the third quarter.", "the third quarter", "DATE", "2019-Q3", None),
    ("The merger closed in late 2018.", "late 2018", "DATE", "2018", "END"),
    ("The law lapses at the end of 2018.", "the end of 2018", "DATE", "2018", "END"),
    ("Rates fell in the '90s.", "the '90s", "DATE", "199", None),
    # durations
    ("He served two years.", "two years", "DURATION", "P2Y", None),
    (
        "He will use his two remaining years in office.",
        "two remaining years",
        "DURATION",
        "P2Y",
        None,
    ),
    ("The war lasted three decades.", "three decades", "DURATION", "P3DE", None),
    ("Police held him for 48 hours.", "48 hours", "DURATION", "PT48H", None),
    ("Talks went on for several months.", "several months", "DURATION", "PXM", None),
    ("Stocks hit a five-year low.", "five-year", "DURATION", "P5Y", None),
    ("Sales rose in the past two months.", "the past two months", "DURATION", "P2M", None),
    ("He waited about two weeks.", "two weeks", "DURATION", "P2W", "APPROX"),
    ("The flight took half an hour.", "half an hour", "DURATION", "PT30M", None),
    ("He lived there for 2 1/2 years.", "2 1/2 years", "DURATION", "P2Y6M", None),
    ("The strike lasted more than a month.", "more than a month", "DURATION", "P1M", "MORE_THAN"),
    # times
    ("The vote starts at 3 p.m.", "3 p.m.", "TIME", "2019-11-07T15:00", None),
    ("The attack happened Monday morning.", "Monday morning", "TIME", "2019-11-04TMO", None),
    ("The curfew begins at midnight.", "midnight", "TIME", "2019-11-07T24:00", None),
    (
        "The polls closed at 8:30 p.m. Tuesday.",
        "8:30 p.m. Tuesday",
        "TIME",
        "2019-11-05T20:30",
        None,
    ),
    ("Protesters gathered last night.", "last night", "TIME", "2019-11-06TNI", None),
    ("He will speak tonight.", "tonight", "TIME", "2019-11-07TNI", None),
    # sets
    ("The festival is held every year.", "every year", "SET", "P1Y", None),
    ("The magazine appears weekly.", "weekly", "SET", "P1W", None),
    ("He visits each Monday.", "each Monday", "SET", "XXXX-WXX-1", None),
    ("The board meets every two weeks.", "every two weeks", "SET", "P2W", None),
    ("The committee meets twice a year.", "twice a year", "SET", "P1Y", None),
    # references
    ("Prices are high now.", "now", "DATE", "PRESENT_REF", None),
    ("That was common in the past.", "the past", "DATE", "PAST_REF", None),
    ("Robots will matter in the future.", "the future", "DATE", "FUTURE_REF", None),
    ("He recently moved to Paris.", "recently", "DATE", "PAST_REF", None),
    # holidays and anaphora
    ("The shops were busy on Christmas Eve.", "Christmas Eve", "DATE", "2018-12-24", None),
    (
        "The deal was signed on March 3, 2015. Two years later, it collapsed.",
        "Two years later",
        "DATE",
        "2017",
        None,
    ),
    (
        "The deal was signed on March 3, 2015. The next day, shares rose.",
        "The next day",
        "DATE",
        "2015-03-04",
        None,
    ),
    (
        "In 2008 the bank failed. Later that year, it was sold.",
        "Later that year",
        "DATE",
        "2008",
        "END",
    ),
    # a year cannot be "the month": the anaphor falls back to the publication date
    (
        "He left the firm in 2001. By the end of the month, Lee led the polls.",
        "the end of the month",
        "DATE",
        "2019-11",
        "END",
    ),
]


@pytest.mark.parametrize(("sentence", "text", "ttype", "value", "mod"), PHENOMENA)
def test_phenomenon(nlp, sentence: str, text: str, ttype: str, value: str, mod: str | None) -> None:
    found = {t.text: t for t in tag(sentence, ANCHOR, doc=nlp(sentence))}
    assert text in found, f"{text!r} not found in {sorted(found)}"
    t = found[text]
    assert (t.type, t.value, t.mod) == (ttype, value, mod)
    assert sentence[t.start : t.end] == t.text


NOT_TIMEXES = [
    "You may leave at any time if the meeting runs long.",
    "Soldiers march through the square.",
    "The company employs 1500 people.",
    "The price rose to $2019.",
    "A 10-year-old boy was hurt.",
    "The board raised its quarterly dividend.",
    "Iraq imports three-quarters of its food.",
    "He spent 2,000 dollars.",
    "The fifties are his favourite decade of music, he says in his fifties.",
]


@pytest.mark.parametrize("sentence", NOT_TIMEXES)
def test_not_a_timex(nlp, sentence: str) -> None:
    found = [t.text for t in tag(sentence, ANCHOR, doc=nlp(sentence)) if t.type != "DURATION"]
    assert found == [] or sentence.startswith("The fifties"), found
    if sentence.startswith("The fifties"):
        assert "his fifties" not in " ".join(found) and "fifties" not in [
            f.split()[-1] for f in found if f.startswith("his")
        ]


SEED_EXPECTED = [
    ("November 7", "DATE", "2019-11-07", None),
    ("two remaining years", "DURATION", "P2Y", None),
    ("the 1970s", "DATE", "197", None),
    ("the mid-20th century", "DATE", "19", "MID"),
    ("1956", "DATE", "1956", None),
    ("November 2018", "DATE", "2018-11", None),
    ("1956", "DATE", "1956", None),
    ("1960", "DATE", "1960", None),
    ("January 27, 1960", "DATE", "1960-01-27", None),
    ("late June", "DATE", "2019-06", "END"),
]


def test_seed_article_exactly(nlp, seed_text: str) -> None:
    got = tag(seed_text, ANCHOR, doc=nlp(seed_text))
    assert [(t.text, t.type, t.value, t.mod) for t in got] == SEED_EXPECTED
    assert all(seed_text[t.start : t.end] == t.text for t in got)


def test_seed_article_without_parse_agrees(seed_text: str) -> None:
    got = tag(seed_text, ANCHOR)
    assert [(t.text, t.type, t.value, t.mod) for t in got] == SEED_EXPECTED


def test_no_anchor_leaves_relative_values_open() -> None:
    got = {
        t.text: t
        for t in tag("He arrived yesterday and leaves on November 9, 2019 or in June.", None)
    }
    assert got["yesterday"].value == "XXXX-XX-XX" and got["yesterday"].anchor is None
    assert got["November 9, 2019"].value == "2019-11-09"
    assert got["June"].value == "XXXX-06"


def test_anchor_recorded_only_when_used(nlp) -> None:
    s = "He arrived yesterday, on November 6, 2019."
    got = {t.text: t for t in tag(s, ANCHOR, doc=nlp(s))}
    assert got["yesterday"].anchor == "2019-11-07"
    assert got["November 6, 2019"].anchor is None


def test_values_do_not_depend_on_the_machine_time_zone(seed_text: str) -> None:
    code = (
        "import datetime as dt, json, sys; from dateline.temporal import tag; "
        "t = sys.stdin.read(); "
        "print(json.dumps([x.to_dict() for x in tag(t, dt.date(2019, 11, 7))]))"
    )
    outputs = set()
    for zone in ("UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago"):
        env = dict(os.environ, TZ=zone)
        done = subprocess.run(
            [sys.executable, "-c", code],
            input=seed_text + " yesterday, today, tomorrow",
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1


WORDS = st.sampled_from(
    "the in on last next week year Monday June 1956 two days ago about early late of and "
    "said will 3 p.m. every month 2019 , . 'the 1990s' mid-20th century decade since".split()
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(WORDS, max_size=30),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
)
def test_offsets_always_line_up_and_never_overlap(words: list[str], anchor: dt.date) -> None:
    text = " ".join(words)
    got = tag(text, anchor)
    for t in got:
        assert text[t.start : t.end] == t.text
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
        assert t.value
    spans = [(t.start, t.end) for t in got]
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The quake hit at 7:37 p.m. local time (1137 UTC).", [("7:37 p.m. local time", "TIME"), ("1137 UTC", "TIME")]),
        ("The raid began at 0600 hours.", [("0600 hours", "TIME")]),
        ("He served 1500 hours of community service.", [("1500 hours", "DURATION")]),
        ("The black hole is about 1010 ± 195 light years away.", []),
    ],
)
def test_clock_numbers_are_not_years(nlp, sentence: str, expected: list[tuple[str, str]]) -> None:
    assert [(t.text, t.type) for t in tag(sentence, ANCHOR, doc=nlp(sentence))] == expected
