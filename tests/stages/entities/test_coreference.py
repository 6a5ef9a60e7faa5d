"""Within an article, every mention of one referent is one entity: a row per phenomenon.

Every row is a sentence or two written for the test, run through the real spaCy
model; rows that need a label spaCy may not give set ``doc.ents`` by hand.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from dateline.config import Config
from dateline.records import Article, Entity, Work
from dateline.stages.entities import Entities

NAMED = ("name", "alias")


@pytest.fixture(scope="module")
def stage() -> Entities:
    return Entities(Config())


def work_for(nlp, text: str) -> Work:
    work = Work(article=Article(id="t", title=None, published=None, source=None, url=None,
                                text=text))
    work.doc = nlp(text)
    return work


def run(nlp, stage: Entities, text: str) -> list[Entity]:
    work = work_for(nlp, text)
    stage.process([work])
    for entity in work.entities:
        for m in entity.mentions:
            assert text[m.start : m.end] == m.text
    return work.entities


def named(entities: list[Entity], name: str) -> Entity:
    found = [e for e in entities if e.name == name]
    assert len(found) == 1, [(e.name, e.type, [m.text for m in e.mentions]) for e in entities]
    return found[0]


def texts(entity: Entity, kinds: tuple[str, ...] = NAMED) -> list[str]:
    return [m.text for m in entity.mentions if m.kind in kinds]


# --- names ---------------------------------------------------------------------

NAME_CASES = [
    pytest.param(
        "Scott Peterson was arrested in April. Peterson denied killing his wife. "
        "Laci Peterson disappeared in December. Laci was eight months pregnant.",
        {"Scott Peterson": ["Scott Peterson", "Peterson"], "Laci Peterson": ["Laci Peterson", "Laci"]},
        id="first-name-and-shared-surname",
    ),
    pytest.param(
        "Laci Peterson disappeared in December. Her husband, Scott Peterson, was arrested "
        "in April. Peterson denied killing her.",
        {"Laci Peterson": ["Laci Peterson"], "Scott Peterson": ["Scott Peterson", "Peterson"]},
        id="shared-surname-to-the-one-named-last",
    ),
    pytest.param(
        "Donald Trump spoke in Ohio on Monday. Mr. Trump said the economy was strong. "
        "Later, President Trump left for Washington.",
        {"Donald Trump": ["Donald Trump", "Trump", "Trump"]},
        id="honorific-and-title-with-surname",
    ),
    pytest.param(
        "The World Health Organization warned on Monday that the outbreak was spreading. "
        "WHO officials said more tests were needed.",
        {"World Health Organization": ["The World Health Organization", "WHO"]},
        id="acronym-without-definition",
    ),
    pytest.param(
        "Advanced Micro Devices said on Wednesday it would buy the server maker. "
        "AMD shares rose 5 percent.",
        {"Advanced Micro Devices": ["Advanced Micro Devices", "AMD"]},
        id="acronym-of-a-company",
    ),
    pytest.param(
        "Hewlett-Packard Co. reported higher profits. HP said printer sales rose.",
        {"Hewlett-Packard Co.": ["Hewlett-Packard Co.", "HP"]},
        id="acronym-of-a-hyphenated-name",
    ),
    pytest.param(
        "Apple Inc. reported record sales on Tuesday. Apple said demand for the iPhone was "
        "strong. Shares of Apple Inc rose.",
        {"Apple Inc.": ["Apple Inc.", "Apple", "Apple Inc"]},
        id="corporate-forms",
    ),
    pytest.param(
        "T-Mobile USA said on Monday that hackers stole customer data. "
        "T-Mobile said it had closed the breach.",
        {"T-Mobile USA": ["T-Mobile USA", "T-Mobile"]},
        id="first-word-of-one-company",
    ),
    pytest.param(
        "The New Orleans Saints lost on Sunday. The Saints have now lost three games.",
        {"New Orleans Saints": ["The New Orleans Saints", "Saints"]},
        id="team-without-its-city",
    ),
    pytest.param(
        "Jermayne Timmons went on trial in Albany. Prosecutors said 15-year-old Timmons "
        "fired the shot.",
        {"Jermayne Timmons": ["Jermayne Timmons", "Timmons"]},
        id="surname-spacy-missed",
    ),
]


@pytest.mark.parametrize(("text", "expected"), NAME_CASES)
def test_names_of_one_referent_are_one_entity(nlp, stage, text, expected):
    entities = run(nlp, stage, text)
    for name, mentions in expected.items():
        assert texts(named(entities, name)) == mentions


@pytest.mark.parametrize(
    ("text", "apart"),
    [
        pytest.param("Donald Trump and Ivanka Trump arrived in Paris on Monday.",
                     ("Donald Trump", "Ivanka Trump"), id="two-full-names"),
        pytest.param("Microsoft and Micron reported results on Thursday.",
                     ("Microsoft", "Micron"), id="two-companies"),
    ],
)
def test_different_referents_stay_apart(nlp, stage, text, apart):
    entities = run(nlp, stage, text)
    assert {e.name for e in entities} >= set(apart)


def test_legal_form_alone_is_no_entity(nlp, stage):
    text = "Chrysler LLC said on Friday that sales fell."
    work = work_for(nlp, text)
    work.doc.ents = [Span(work.doc, 0, 1, label="ORG"), Span(work.doc, 1, 2, label="ORG")]
    stage.process([work])
    assert [e.name for e in work.entities] == ["Chrysler"]


# --- pronouns -----------------------------------------------------------------

PRONOUN_CASES = [
    pytest.param(
        "Mrs. Anne Clark met Mr. Paul Lewis in London on Monday. She said he had arrived late.",
        {"Anne Clark": ["She"], "Paul Lewis": ["he"]},
        id="gender-from-honorifics",
    ),
    pytest.param(
        "Actress Tara Reid checked into a clinic on Tuesday. Her publicist said she was well.",
        {"Tara Reid": ["Her", "she"]},
        id="gender-from-a-noun",
    ),
    pytest.param(
        "John Smith arrived in Boston on Monday. Peter Jones left on Tuesday. "
        "He said the trip had been long.",
        {"John Smith": [], "Peter Jones": ["He"]},
        id="nearest-subject",
    ),
    pytest.param(
        "Queen Elizabeth met Prime Minister Boris Johnson on Wednesday. He told her that "
        "the election would be held in December.",
        {"Boris Johnson": ["He"], "Elizabeth": ["her"]},
        id="two-people-of-different-gender",
    ),
    pytest.param(
        "Maria Lopez, a nurse, treated the boy. A woman said she had seen the crash.",
        {"Maria Lopez": []},
        id="unnamed-person-wins",
    ),
    pytest.param(
        "Paul Lewis said: \"He is wrong about the budget.\"",
        {"Paul Lewis": []},
        id="pronoun-in-quotes-is-not-the-speaker",
    ),
]


@pytest.mark.parametrize(("text", "expected"), PRONOUN_CASES)
def test_pronouns_for_people(nlp, stage, text, expected):
    entities = run(nlp, stage, text)
    for name, pronouns in expected.items():
        person = named(entities, name)
        assert texts(person, ("pronoun",)) == pronouns
        if pronouns:
            assert person.type == "PERSON"


def test_company_possessive_and_the_person_of_the_same_name(nlp, stage):
    text = (
        "Ford Motor Co. reported a loss on Tuesday. William Clay Ford Jr. is the chairman "
        "of the company. Ford's North American losses widened, and Mr. Ford said he was "
        "worried."
    )
    entities = run(nlp, stage, text)
    company = named(entities, "Ford Motor Co.")
    person = named(entities, "William Clay Ford Jr.")
    assert texts(company) == ["Ford Motor Co.", "Ford"]
    assert company.mentions[1].start == text.index("Ford's")
    assert texts(person) == ["William Clay Ford Jr.", "Ford"]
    assert person.mentions[1].start == text.index("Ford said")
    assert texts(person, ("pronoun",)) == ["he"]


# --- types -----------------------------------------------------------------------

TYPE_CASES = [
    pytest.param("The fire service said on Twitter that two people had been rescued.",
                 "Twitter", "ORG", id="platform"),
    pytest.param("Parliament rejected the Brexit deal on Tuesday. Brexit has divided the "
                 "country.", "Brexit", "EVENT", id="event-noun"),
    pytest.param("COVID-19 has killed thousands of people. Doctors said COVID-19 spreads "
                 "quickly.", "COVID-19", "DISEASE", id="disease"),
    pytest.param("Lindsay Lohan's lawyer said the actress checked into rehab. Lohan, 26, "
                 "left on Thursday.", "Lindsay Lohan", "PERSON", id="age-apposition"),
    # spaCy labels these ORG or NORP; only people die, marry, are born
    pytest.param("Bettie Page has died at the age of 85 after suffering a heart attack.",
                 "Bettie Page", "PERSON", id="died"),
    pytest.param("Teixeira married his girlfriend in 2002.", "Teixeira", "PERSON", id="married"),
    pytest.param("Klitschko was born in Kazakhstan in 1976.", "Klitschko", "PERSON", id="born"),
    pytest.param("Bettie Page, the pin-up model whose photographs outraged Americans in the "
                 "1950s, lives in Los Angeles.", "Bettie Page", "PERSON", id="model"),
]


@pytest.mark.parametrize(("text", "name", "type_"), TYPE_CASES)
def test_type_from_all_mentions_and_context(nlp, stage, text, name, type_):
    entity = named(run(nlp, stage, text), name)
    assert entity.type == type_
    votes = dict(entity.type_votes)
    assert votes[type_] >= 1
    counts = [n for _, n in entity.type_votes]
    assert counts == sorted(counts, reverse=True)


@pytest.mark.parametrize("labels", [("ORG", "PERSON"), ("PERSON", "ORG")])
def test_one_organisation_is_not_split_by_label(nlp, stage, labels):
    text = "Gazprom raised prices on Monday. Gazprom said demand was high."
    work = work_for(nlp, text)
    second = [t.i for t in work.doc if t.text == "Gazprom"][1]
    work.doc.ents = [Span(work.doc, 0, 1, label=labels[0]),
                     Span(work.doc, second, second + 1, label=labels[1])]
    stage.process([work])
    (gazprom,) = work.entities
    assert gazprom.type == "ORG"
    assert dict(gazprom.type_votes) == {"ORG": 1, "PERSON": 1}
    assert len(gazprom.mentions) == 2


# --- not entities -------------------------------------------------------------

NOT_ENTITY_CASES = [
    pytest.param(
        "T-Mobile Confirms Data Breach\nT-Mobile USA said on Monday that hackers stole "
        "customer data.",
        {"T-Mobile USA"},
        {"T-Mobile Confirms Data Breach", "Data Breach"},
        id="headline-verb",
    ),
    pytest.param(
        "AMD Buys SeaMicro For $334 Million\nAdvanced Micro Devices said it would buy "
        "SeaMicro Inc. for $334 million.",
        {"Advanced Micro Devices", "SeaMicro Inc."},
        {"Buys SeaMicro"},
        id="headline-names-from-the-body",
    ),
    pytest.param(
        "Lindsay Lohan Checks Into Clinic\nLindsay Lohan checked into a clinic on Thursday.",
        {"Lindsay Lohan"},
        {"Lindsay Lohan Checks", "Lindsay Lohan Checks Into Clinic"},
        id="headline-verb-the-body-uses",
    ),
    pytest.param(
        "Yankees' Seven-Year Offer to Sabathia Reportedly Raised to $160M",
        {"Sabathia"},
        {"Sabathia Reportedly"},
        id="headline-adverb",
    ),
    pytest.param(
        "The advisory at 5:00 a.m. EDT on Friday (0900 UTC Friday morning) placed Dorian 430 "
        "miles (690 kilometers) east of the Bahamas. Dorian was moving west.",
        {"Dorian"},
        {"Dorian 430 miles", "Dorian 430"},
        id="figure-in-a-name",
    ),
    pytest.param(
        "((WN)) What did you find in the colony?\n\nNG: We found that the penguins were "
        "returning later each year.\n\n((WN)) Why does that matter?\n\nNG: Because the "
        "chicks hatch later and starve.",
        set(),
        {"WN", "NG"},
        id="interview-tags",
    ),
    pytest.param(
        "The rocket lifted off from Florida at 10:00 GMT. The second stage separated at 10:09 "
        "UTC, NASA said.",
        {"Florida", "NASA"},
        {"UTC", "GMT"},
        id="time-zones",
    ),
]


@pytest.mark.parametrize(("text", "kept", "dropped"), NOT_ENTITY_CASES)
def test_spans_that_name_nothing(nlp, stage, text, kept, dropped):
    names = {e.name for e in run(nlp, stage, text)}
    assert kept <= names
    assert not dropped & names


def test_time_zone_labelled_by_spacy_is_dropped(nlp, stage):
    text = "The launch was at 10:00 UTC on Monday."
    work = work_for(nlp, text)
    utc = next(t.i for t in work.doc if t.text == "UTC")
    work.doc.ents = [Span(work.doc, utc, utc + 1, label="ORG")]
    stage.process([work])
    assert work.entities == []


# --- demonyms -----------------------------------------------------------------

DEMONYM_CASES = [
    pytest.param("Japanese officials said on Monday that the talks would continue.",
                 "Japan", ["Japanese"], [], id="country-not-named"),
    pytest.param("Japan and Russia signed the deal. The Japanese prime minister praised it.",
                 "Japan", ["Japanese"], ["Japan"], id="country-named"),
    pytest.param("American officials met Russian diplomats in Geneva.",
                 "United States", ["American"], [], id="canonical-country-name"),
]


@pytest.mark.parametrize(("text", "country", "demonyms", "names"), DEMONYM_CASES)
def test_demonyms_are_mentions_of_their_country(nlp, stage, text, country, demonyms, names):
    entities = run(nlp, stage, text)
    entity = named(entities, country)
    assert entity.type == "GPE"
    assert texts(entity, ("demonym",)) == demonyms
    assert texts(entity) == names
    assert not {d for d in demonyms} & {e.name for e in entities}


def test_demonym_still_states_the_affiliation(nlp, stage):
    entities = run(nlp, stage, "Japanese Prime Minister Shinzo Abe arrived in Moscow on Monday.")
    abe = named(entities, "Shinzo Abe")
    assert abe.affiliation == "Japan"
    assert texts(named(entities, "Japan"), ("demonym",)) == ["Japanese"]
