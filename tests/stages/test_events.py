"""The events stage: clauses found, dated (timex, inherited, said, published) and kinded."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.config import Config
from dateline.pipeline import Pipeline
from dateline.records import Article, Event, Work

PUBLISHED = dt.date(2019, 11, 7)


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(Config(db=":memory:"))


def run(pipe: Pipeline, text: str, published: dt.date | None = PUBLISHED) -> Work:
    art = Article(id="t", title=None, published=published, source=None, url=None, text=text)
    (work,) = pipe.run_batch([art])
    assert isinstance(work, Work)
    return work


def by_trigger(work: Work, word: str) -> Event:
    found = [e for e in work.events if e.trigger.text == word]
    assert found, [e.trigger.text for e in work.events]
    return found[0]


@pytest.mark.parametrize(
    ("text", "trigger", "date", "mod", "basis", "kind"),
    [
        # an explicit expression governing the clause
        ("In 1956, the two countries signed a joint declaration.", "signed", "1956", None, "timex", "background"),
        ("The ministers met in Osaka on Tuesday.", "met", "2019-11-05", None, "timex", "reported"),
        ("A summit that took place in Osaka in late June ended well.", "took", "2019-06", "END", "timex", "background"),
        ("Talks will resume on December 3.", "resume", "2019-12-03", None, "timex", "scheduled"),
        ("Nationals abducted by North Korea in the 1970s are still missing.", "abducted", "197", None, "timex", "background"),
        # from the clause above, or an adverbial clause below
        ("In November 2018, the leaders agreed that the countries would speed up talks.", "speed", "2018-11", None, "inherited", "background"),
        ("After the two countries had signed a treaty in 1960, Moscow withdrew its offer.", "withdrew", "1960", "AFTER", "inherited", "background"),
        ("When the war ended in 1945, the islands were handed over.", "handed", "1945", None, "inherited", "background"),
        ("The parties agreed on new talks at a summit that took place in Osaka in late June.", "agreed", "2019-06", "END", "inherited", "background"),
        # a document's date is the date of what it says
        ("A memorandum dated January 27, 1960, said that the islands would be handed over.", "said", "1960-01-27", None, "timex", "background"),
        # statements: when they were said
        ('"We share a desire to find a solution," Abe said.', "said", "2019-11-07", None, "said", "reported"),
        ("Abe said on Monday that talks would continue.", "said", "2019-11-04", None, "timex", "reported"),
        # no date at all: the news is from the publication date
        ("Protesters gathered outside parliament.", "gathered", "2019-11-07", None, "published", "reported"),
        ("The new bridge will open to traffic.", "open", "2019-11-07", None, "published", "scheduled"),
    ],
)
def test_event_dating(pipe, text, trigger, date, mod, basis, kind):
    event = by_trigger(run(pipe, text), trigger)
    assert (event.date, event.date_mod, event.basis, event.kind) == (date, mod, basis, kind)


@pytest.mark.parametrize(
    ("text", "trigger", "not_date"),
    [
        # a year naming a thing does not date the clause
        ("They agreed to speed up talks based on the 1956 Joint Declaration.", "agreed", "1956"),
        # a relative clause keeps its own time: its head is not dated by it
        ("Abe, who visited Moscow in 2016, met Putin.", "met", "2016"),
    ],
)
def test_dates_that_do_not_govern(pipe, text, trigger, not_date):
    assert by_trigger(run(pipe, text), trigger).date != not_date


def test_undated_article_gives_undated_published_events(pipe):
    event = by_trigger(run(pipe, "Protesters gathered outside parliament.", None), "gathered")
    assert (event.date, event.basis, event.kind) == (None, "published", "reported")


def test_coordinated_clauses_are_separate_events_with_their_own_spans(pipe):
    text = "In 1956, the countries signed a declaration and restored relations."
    work = run(pipe, text)
    signed, restored = by_trigger(work, "signed"), by_trigger(work, "restored")
    assert "restored" not in signed.text
    assert restored.text == "restored relations"
    assert restored.date == "1956" and restored.basis == "inherited"


def test_negated_and_hedged_events_have_low_confidence(pipe):
    work = run(pipe, "A treaty has not been reached. Talks could resume. Talks resumed.")
    reached, could, resumed = (by_trigger(work, w) for w in ("reached", "resume", "resumed"))
    assert reached.confidence < could.confidence < resumed.confidence


def test_participants_are_entities_in_the_clause_and_the_speaker(pipe):
    text = "Shinzo Abe met Vladimir Putin in Osaka on Tuesday. Abe said he was hopeful."
    work = run(pipe, text)
    names = {e.id: e.name for e in work.entities}
    met = by_trigger(work, "met")
    assert {names[p] for p in met.participants} >= {"Shinzo Abe", "Vladimir Putin", "Osaka"}
    said = by_trigger(work, "said")
    assert names[said.participants[0]] == "Shinzo Abe"


def test_offsets_point_into_the_text_and_sentences_stay_on_their_line(pipe):
    text = "Peace treaty issue\n\nSince the 1950s, Russia and Japan have been holding talks."
    work = run(pipe, text)
    for e in work.events:
        assert text[e.start : e.end] == e.text
        assert text[e.trigger.start : e.trigger.end] == e.trigger.text
        assert "\n" not in text[e.sentence[0] : e.sentence[1]]
    holding = by_trigger(work, "holding")
    assert text[holding.sentence[0] : holding.sentence[1]].startswith("Since the 1950s")


def test_seed_background_events(pipe, seed_text):
    work = run(pipe, seed_text)
    dated = {(e.trigger.text, e.date, e.date_mod, e.kind) for e in work.events if e.basis == "timex"}
    assert ("signed", "1956", None, "background") in dated
    assert ("signed", "1960", None, "background") in dated
    assert ("agreed", "2018-11", None, "background") in dated
    assert ("said", "1960-01-27", None, "background") in dated
    assert ("took", "2019-06", "END", "background") in dated
    # statements about the present are dated when they were said
    believes = by_trigger(work, "believes")
    assert (believes.date, believes.basis, believes.kind) == ("2019-11-07", "said", "reported")


def test_events_in_the_json_contract(pipe):
    work = run(pipe, "In 1956, the two countries signed a joint declaration.")
    d = work.events[0].to_dict()
    assert d["date"] == {"value": "1956", "mod": None, "basis": "timex"}
    assert d["trigger"]["lemma"] == "sign"
    assert set(d) >= {"start", "end", "text", "participants", "kind", "confidence", "sentence"}
