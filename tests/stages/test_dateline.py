"""The ``dateline`` stage: opening datelines of wire stories and Wikinews."""

from __future__ import annotations

import csv
import datetime as dt
import re
from importlib.resources import files

import pytest

from dateline.config import Config
from dateline.pipeline import registry
from dateline.records import Article, Work
from dateline.stages.dateline import DatelineStage, parse_dateline, resolve_date

PUB = dt.date(2019, 11, 7)
SAMPLE = files("dateline") / "sample"

# text, published → place, date, agency, span text
# fmt: off
FORMS = [
    ("TOKYO, November 7. /TASS/. Japanese Prime Minister Shinzo Abe", PUB,
     "Tokyo", "2019-11-07", "TASS", "TOKYO, November 7. /TASS/."),
    ("WASHINGTON (Reuters) - The U.S. Senate", PUB,
     "Washington", None, "Reuters", "WASHINGTON (Reuters) -"),
    ("LONDON, Nov 7 (AP) — Britain's", PUB,
     "London", "2019-11-07", "AP", "LONDON, Nov 7 (AP) —"),
    ("PARIS — French police", PUB,
     "Paris", None, None, "PARIS —"),
    ("MOSCOW, November 7 (RIA Novosti) - Russia", PUB,
     "Moscow", "2019-11-07", "RIA Novosti", "MOSCOW, November 7 (RIA Novosti) -"),
    ("BEIJING, Nov. 7 (Xinhua) -- China", PUB,
     "Beijing", "2019-11-07", "Xinhua", "BEIJING, Nov. 7 (Xinhua) --"),
    ("Friday, January 4, 2019\xa0\n\n\nAn apartment building", dt.date(2019, 1, 4),
     None, "2019-01-04", None, "Friday, January 4, 2019"),
    ("\n\n\nSaturday, January 5, 2019\xa0 \n\n\nA rescue", dt.date(2019, 1, 5),
     None, "2019-01-05", None, "Saturday, January 5, 2019"),
    ("NEW YORK (AP) — Stocks", PUB,
     "New York", None, "AP", "NEW YORK (AP) —"),
    ("RIO DE JANEIRO (Reuters) - Brazil", PUB,
     "Rio de Janeiro", None, "Reuters", "RIO DE JANEIRO (Reuters) -"),
    ("ST. PETERSBURG, November 7. /TASS/. The", PUB,
     "St. Petersburg", "2019-11-07", "TASS", "ST. PETERSBURG, November 7. /TASS/."),
    ("SAN FRANCISCO, Calif. (Reuters) - Uber", PUB,
     "San Francisco, Calif.", None, "Reuters", "SAN FRANCISCO, Calif. (Reuters) -"),
    ("KYIV, Ukraine (AP) — Ukraine's", PUB,
     "Kyiv, Ukraine", None, "AP", "KYIV, Ukraine (AP) —"),
    ("WASHINGTON, D.C. — The", PUB,
     "Washington, D.C.", None, None, "WASHINGTON, D.C. —"),
    ("NEW YORK, Nov. 7, 2019 /PRNewswire/ -- Acme Corp", dt.date(2020, 3, 1),
     "New York", "2019-11-07", "PRNewswire", "NEW YORK, Nov. 7, 2019 /PRNewswire/ --"),
    ("PARIS (AFP) - France", PUB,
     "Paris", None, "AFP", "PARIS (AFP) -"),
    ("LONDON, 7 November (Reuters) – Britain", PUB,
     "London", "2019-11-07", "Reuters", "LONDON, 7 November (Reuters) –"),
    ("BERLIN, Nov. 5 — Germany", PUB,
     "Berlin", "2019-11-05", None, "BERLIN, Nov. 5 —"),
    ("PORT-AU-PRINCE, Haiti — Protesters", PUB,
     "Port-au-Prince, Haiti", None, None, "PORT-AU-PRINCE, Haiti —"),
    ("BEIJING/HONG KONG (Reuters) - China", PUB,
     "Beijing/Hong Kong", None, "Reuters", "BEIJING/HONG KONG (Reuters) -"),
    ("SÃO PAULO (Reuters) - Brazil", PUB,
     "São Paulo", None, "Reuters", "SÃO PAULO (Reuters) -"),
    ("LONDON, Thursday (AP) — Britain", PUB,
     "London", None, "AP", "LONDON, Thursday (AP) —"),
    ("Tokyo, Nov 7 (Reuters) - Japan", PUB,
     "Tokyo", "2019-11-07", "Reuters", "Tokyo, Nov 7 (Reuters) -"),
    ("(Bloomberg) -- Stocks rose", PUB,
     None, None, "Bloomberg", "(Bloomberg) --"),
    ("  \n PARIS—The city", PUB,
     "Paris", None, None, "PARIS—"),
    # An impossible date still leaves place and agency.
    ("WASHINGTON, Feb. 30 (Reuters) - The", PUB,
     "Washington", None, "Reuters", "WASHINGTON, Feb. 30 (Reuters) -"),
]
# fmt: on


@pytest.mark.parametrize(("text", "published", "place", "date", "agency", "span"), FORMS)
def test_forms(text, published, place, date, agency, span):
    d = parse_dateline(text, published)
    assert d is not None
    assert (d.place, d.date, d.agency, d.text) == (place, date, agency, span)


@pytest.mark.parametrize(("text", "published"), [(row[0], row[1]) for row in FORMS])
def test_offsets_point_into_the_text(text, published):
    d = parse_dateline(text, published)
    assert text[d.start : d.end] == d.text
    assert not text[: d.start].strip()


@pytest.mark.parametrize(
    "text",
    [
        "On Sunday, the state of emergency begun on November 15 ended.",
        "The United Nations said on Thursday that",
        "A TASS report said",
        "US President Donald Trump said",
        "Paris — the city of light — is",
        "Officials said — without evidence — that",
        "Thursday, United States military forces killed",
        "Friday, January 4, 2019, the president said",
        "Friday night was the fourth night in a row",
        "The United Nations (UN) - a body",
        "WHO (World Health Organization) Director-General said",
        "PARIS-BASED companies said",
        "AI — the technology",
        "BREAKING NEWS — A fire",
        "Yesterday, Nov. 7, the council",
        "",
        "   \n",
        "In Paris — The",
        "Fiat (SPA) said on Monday",
        "Harrisburg (PA) officials",
    ],
)
def test_ordinary_openings_are_not_datelines(text):
    assert parse_dateline(text, PUB) is None


def test_only_the_start_of_the_text_counts():
    assert parse_dateline("Police said.\nPARIS (AFP) - France", PUB) is None


def test_year_rolls_back_past_new_year():
    d = parse_dateline("WASHINGTON, Dec 31 (Reuters) - The", dt.date(2020, 1, 2))
    assert d.date == "2019-12-31"


def test_explicit_year_wins():
    d = parse_dateline("LONDON, Dec. 31, 2018 (AP) — A", dt.date(2020, 1, 2))
    assert d.date == "2018-12-31"


def test_unknown_publication_date_leaves_year_unknown():
    d = parse_dateline("TOKYO, November 7. /TASS/. Japanese", None)
    assert (d.place, d.date, d.agency) == ("Tokyo", "XXXX-11-07", "TASS")


@pytest.mark.parametrize(
    ("month", "day", "year", "published", "expected"),
    [
        (11, 7, None, PUB, "2019-11-07"),
        (11, 8, None, PUB, "2018-11-08"),
        (12, 31, None, dt.date(2020, 1, 2), "2019-12-31"),
        (2, 29, None, dt.date(2021, 2, 28), "2020-02-29"),
        (2, 29, None, None, "XXXX-02-29"),
        (2, 30, None, None, None),
        (2, 30, 2019, PUB, None),
        (4, 1, 2017, PUB, "2017-04-01"),
    ],
)
def test_resolve_date(month, day, year, published, expected):
    assert resolve_date(month, day, year, published) == expected


def test_stage_is_registered_with_its_contract():
    spec = registry()["dateline"]
    assert (spec.requires, spec.sets) == (("text",), ("dateline",))


def test_stage_sets_dateline_on_each_work():
    def work(text):
        return Work(
            Article(id=text[:5], title=None, published=PUB, source=None, url=None, text=text)
        )

    batch = [work("MOSCOW, November 7. /TASS/. Russia"), work("The United Nations said")]
    DatelineStage(Config()).process(batch)
    assert batch[0].dateline.place == "Moscow"
    assert batch[1].dateline is None


def test_tass_seed_article():
    raw = (SAMPLE / "tass-2019-11-07.txt").read_text(encoding="utf-8")
    header = re.match(r"\s*date\s+(\d{4}-\d{2}-\d{2})\s*", raw)
    body = raw[header.end() :]
    d = parse_dateline(body, dt.date.fromisoformat(header[1]))
    assert (d.place, d.date, d.agency, d.text) == (
        "Tokyo",
        "2019-11-07",
        "TASS",
        "TOKYO, November 7. /TASS/.",
    )
    assert body[d.start : d.end] == d.text


WIKINEWS_LINE = re.compile(r"\s*(\w+day, \w+ \d{1,2}, \d{4})[ \xa0]*\n")


def _wikinews_rows():
    for name in ("wikinews_2019.csv", "wikinews_2020.csv"):
        with (SAMPLE / name).open(encoding="utf-8", newline="") as fh:
            yield from csv.DictReader(fh)


def test_wikinews_sample_date_lines():
    checked = 0
    for row in _wikinews_rows():
        text = row["text"]
        published = dt.date.fromisoformat(row["date"])
        d = parse_dateline(text, published)
        if d is not None:
            assert text[d.start : d.end] == d.text
        line = WIKINEWS_LINE.match(text)
        if line:
            expected = dt.datetime.strptime(line[1], "%A, %B %d, %Y").date().isoformat()
            assert d is not None, row["url"]
            assert (d.place, d.agency, d.date) == (None, None, expected), row["url"]
            checked += 1
        else:
            assert d is None, (row["url"], d)
    assert checked > 100
