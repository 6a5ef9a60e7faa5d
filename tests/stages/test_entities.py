"""The entities stage on real spaCy output: merging, roles, descriptions, offsets."""

from __future__ import annotations

import csv
import re
from importlib.resources import files

import pytest
from spacy.tokens import Span

from dateline.config import Config
from dateline.pipeline import registry
from dateline.records import Article, Entity, Work
from dateline.stages.entities import Entities
from dateline.stages.entities.lexicon import make_key
from dateline.stages.entities.resolve import role_fits
from dateline.stages.nlp import load_model

SAMPLE = files("dateline") / "sample"
_WIRE_HEADER = re.compile(r"\s*date\s+\d{4}-\d{2}-\d{2}\s*")


@pytest.fixture(scope="module")
def nlp():
    return load_model(Config().model)


@pytest.fixture(scope="module")
def stage() -> Entities:
    return Entities(Config())


def work_for(nlp, text: str, article_id: str = "t") -> Work:
    work = Work(
        article=Article(id=article_id, title=None, published=None, source=None, url=None, text=text)
    )
    work.doc = nlp(text)
    return work


def entities_of(nlp, stage: Entities, text: str) -> list[Entity]:
    work = work_for(nlp, text)
    stage.process([work])
    return work.entities


def named(entities: list[Entity], name: str) -> Entity:
    found = [e for e in entities if e.name == name]
    assert len(found) == 1, [(e.name, e.type) for e in entities]
    return found[0]


def texts(entity: Entity, kind: str | None = None) -> list[str]:
    return [m.text for m in entity.mentions if kind is None or m.kind == kind]


def assert_offsets(text: str, entities: list[Entity]) -> None:
    for entity in entities:
        for m in entity.mentions:
            assert text[m.start : m.end] == m.text, (entity.name, m)


# --- the seed article -------------------------------------------------------


@pytest.fixture(scope="module")
def seed(nlp, stage) -> tuple[str, list[Entity]]:
    raw = (SAMPLE / "tass-2019-11-07.txt").read_text(encoding="utf-8")
    header = _WIRE_HEADER.match(raw)
    assert header is not None
    text = raw[header.end() :]
    return text, entities_of(nlp, stage, text)


def test_seed_abe_is_one_person_with_every_mention(seed):
    text, entities = seed
    abe = named(entities, "Shinzo Abe")
    assert abe.type == "PERSON"
    assert abe.key == "shinzo abe"
    names = [m for m in abe.mentions if m.kind != "description"]
    for found in re.finditer(r"\bAbe\b", text):  # every "Abe", alone or in "Shinzo Abe"
        assert any(m.start <= found.start() and found.end() <= m.end for m in names)
    assert sum(m.kind == "alias" and m.text == "Abe" for m in abe.mentions) == 3
    assert text.index("The Japanese prime minister") in {m.start for m in abe.mentions}
    assert "The Japanese prime minister" in texts(abe, "description")
    assert "Prime Minister" in abe.roles
    assert abe.affiliation == "Japan"
    assert [e for e in entities if e.name == "Abe"] == []


def test_seed_putin_with_role_and_the_russian_leader(seed):
    _, entities = seed
    putin = named(entities, "Vladimir Putin")
    assert putin.type == "PERSON"
    assert putin.roles == ("President",)
    assert putin.affiliation == "Russia"
    assert texts(putin, "description") == ["the Russian leader"]
    leader = next(m for m in putin.mentions if m.kind == "description")
    assert leader.role == "Leader"
    name_mentions = [m for m in putin.mentions if m.kind == "name"]
    assert len(name_mentions) == 2 and all(m.role == "President" for m in name_mentions)


def test_seed_ids_follow_first_mention_and_offsets_hold(seed):
    text, entities = seed
    assert [e.id for e in entities] == [f"e{n}" for n in range(1, len(entities) + 1)]
    firsts = [e.mentions[0].start for e in entities]
    assert firsts == sorted(firsts)
    assert_offsets(text, entities)
    skipped = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
    assert not {e.type for e in entities} & skipped


def test_seed_names_drop_the_and_demonyms_are_their_country(seed):
    _, entities = seed
    usa = named(entities, "United States")
    assert usa.key == "united states"
    assert texts(usa) == ["the United States"]
    assert "Japanese" in texts(named(entities, "Japan"), "demonym")
    soviet = named(entities, "Soviet Union")
    assert soviet.type == "GPE"
    assert set(texts(soviet, "demonym")) == {"Soviet"}
    assert not {"Japanese", "Soviet"} & {e.name for e in entities}


# --- titles, roles and affiliations ------------------------------------------

ROLE_CASES = [
    ("Japanese Prime Minister Shinzo Abe arrived in Moscow on Monday.",
     "Shinzo Abe", "Prime Minister", "Japan"),
    ("Russian President Vladimir Putin arrived in Tokyo on Monday.",
     "Vladimir Putin", "President", "Russia"),
    ("Vladimir Putin, the Russian president, said on Monday that talks would continue.",
     "Vladimir Putin", "President", "Russia"),
    ("Foreign Minister Sergei Lavrov met his counterpart in Geneva.",
     "Sergei Lavrov", "Foreign Minister", None),
    ("Lavrov, Russia's foreign minister, said the talks failed.",
     "Lavrov", "Foreign Minister", "Russia"),
    ("Sergei Lavrov, Russia's foreign minister, said the talks had failed.",
     "Sergei Lavrov", "Foreign Minister", "Russia"),
    ("Emergencies Minister Yevgeny Zinichev said 40 people were under the rubble.",
     "Yevgeny Zinichev", "Emergencies Minister", None),
    ("US Secretary of State Mike Pompeo arrived in Moscow on Tuesday.",
     "Mike Pompeo", "Secretary of State", "United States"),
    ("Chelyabinsk regional Deputy Governor Oleg Klimov said 68 people were missing.",
     "Oleg Klimov", "Deputy Governor", "Chelyabinsk"),
    ("Apple CEO Tim Cook announced a new phone on Tuesday.", "Tim Cook", "CEO", "Apple"),
    ("Emmanuel Macron, President of France, spoke on Tuesday.",
     "Emmanuel Macron", "President", "France"),
    ("Kremlin spokesman Dmitry Peskov told reporters the schedule was full.",
     "Dmitry Peskov", "Spokesman", "Russia"),
]


@pytest.mark.parametrize(("text", "name", "role", "affiliation"), ROLE_CASES)
def test_titles_and_appositions(nlp, stage, text, name, role, affiliation):
    entities = entities_of(nlp, stage, text)
    person = named(entities, name)
    assert person.type == "PERSON"
    assert role in person.roles
    assert person.affiliation == affiliation
    assert any(m.role == role for m in person.mentions)
    assert_offsets(text, entities)


GENERAL_ROLE_CASES = [
    # ROLE of PLACE NAME, with the place glued to the name by spaCy
    ("The rally heard Governor of Ohio Mike DeWine and many others speak.",
     "Mike DeWine", "Governor", "Ohio"),
    ("Ministers including First Minister of Wales Mark Drakeford met on Friday.",
     "Mark Drakeford", "First Minister", "Wales"),
    ("Mayor of Gdynia Wojciech Szczurek announced a day of mourning.",
     "Wojciech Szczurek", "Mayor", "Gdynia"),
    # compound titles kept whole
    ("The former Lord Mayor Sally Capp resigned from the council.",
     "Sally Capp", "Former Lord Mayor", None),
    ("Lord Chancellor Robert Buckland defended the bill on Monday.",
     "Robert Buckland", "Lord Chancellor", None),
    ("Surgeon General Jerome Adams urged people to wear masks.",
     "Jerome Adams", "Surgeon General", None),
    ("National Security Adviser John Bolton left the meeting early.",
     "John Bolton", "National Security Adviser", None),
    ("The First Lady Melania Trump visited the hospital.", "Melania Trump", "First Lady", None),
    # a proper-noun premodifier of a title is the organisation, whatever spaCy's label
    ("Twitter CEO Jack Dorsey said the company would review its policy.",
     "Jack Dorsey", "CEO", "Twitter"),
    # a name introduced by a lower-case office is a person
    ("Sea-Watch spokesperson Haidi Sadik said the ship was waiting.",
     "Haidi Sadik", "Spokesperson", "Sea-Watch"),
]


@pytest.mark.parametrize(("text", "name", "role", "affiliation"), GENERAL_ROLE_CASES)
def test_general_title_patterns(nlp, stage, text, name, role, affiliation):
    entities = entities_of(nlp, stage, text)
    person = named(entities, name)
    assert person.type == "PERSON"
    assert person.roles == (role,)
    assert person.affiliation == affiliation
    assert_offsets(text, entities)


def test_glued_place_becomes_its_own_entity(nlp, stage):
    text = "Mayor of Gdynia Wojciech Szczurek announced a day of mourning."
    work = work_for(nlp, text)
    first = next(t.i for t in work.doc if t.text == "Gdynia")
    work.doc.ents = [Span(work.doc, first, first + 3, label="PERSON")]  # as spaCy may label it
    stage.process([work])
    assert [(e.name, e.type) for e in work.entities] == [
        ("Gdynia", "GPE"), ("Wojciech Szczurek", "PERSON")
    ]
    assert named(work.entities, "Wojciech Szczurek").affiliation == "Gdynia"


def test_organisation_premodifier_labelled_person(nlp, stage):
    text = "Twitter CEO Jack Dorsey said the company would review its policy."
    work = work_for(nlp, text)
    dorsey = next(t.i for t in work.doc if t.text == "Jack")
    work.doc.ents = [Span(work.doc, 0, 1, label="PERSON"), Span(work.doc, dorsey, dorsey + 2,
                                                                  label="PERSON")]
    stage.process([work])
    assert named(work.entities, "Twitter").type == "ORG"
    assert named(work.entities, "Jack Dorsey").affiliation == "Twitter"


def test_surname_of_a_named_person_is_no_organisation(nlp, stage):
    text = "Donald Trump spoke on Monday. Trump adviser Stephen Miller wrote the speech."
    work = work_for(nlp, text)
    trump = [t.i for t in work.doc if t.text == "Trump"][1]
    miller = next(t.i for t in work.doc if t.text == "Stephen")
    work.doc.ents = [Span(work.doc, 0, 2, label="PERSON"), Span(work.doc, trump, trump + 1,
                     label="PERSON"), Span(work.doc, miller, miller + 2, label="PERSON")]
    stage.process([work])
    assert named(work.entities, "Donald Trump").type == "PERSON"
    assert named(work.entities, "Stephen Miller").affiliation is None


@pytest.mark.parametrize(
    ("text", "name", "roles"),
    [
        ("A critic of Russian President Vladimir Putin was detained in Moscow.",
         "Vladimir Putin", ("President",)),
        ("A supporter of Brazilian President Jair Bolsonaro was arrested.",
         "Jair Bolsonaro", ("President",)),
        ("The opponent of Governor Andrew Cuomo spoke.", "Andrew Cuomo", ("Governor",)),
    ],
)
def test_non_title_noun_before_of_is_no_role(nlp, stage, text, name, roles):
    assert named(entities_of(nlp, stage, text), name).roles == roles


def test_title_inside_the_name_is_no_entity_of_its_own(nlp, stage):
    entities = entities_of(nlp, stage, "US Secretary of State Mike Pompeo arrived in Moscow.")
    assert "State" not in {e.name for e in entities}
    assert named(entities, "United States").type == "GPE"


def test_title_folded_into_person_span_is_split(nlp, stage):
    text = "President Vladimir Putin was briefed on the rescue."
    work = work_for(nlp, text)
    work.doc.ents = [Span(work.doc, 0, 3, label="PERSON")]  # as spaCy sometimes labels it
    stage.process([work])
    putin = named(work.entities, "Vladimir Putin")
    assert texts(putin) == ["Vladimir Putin"]
    assert putin.roles == ("President",)
    assert putin.mentions[0].role == "President"


def test_honorific_is_not_part_of_the_name(nlp, stage):
    text = "Dr. Anthony Fauci said the virus was spreading."
    work = work_for(nlp, text)
    work.doc.ents = [Span(work.doc, 0, 3, label="PERSON")]
    stage.process([work])
    assert texts(named(work.entities, "Anthony Fauci")) == ["Anthony Fauci"]


# --- descriptions ------------------------------------------------------------

SUMMIT = "Russian President Vladimir Putin met Japanese Prime Minister Shinzo Abe in Osaka. "


@pytest.mark.parametrize(
    ("tail", "description", "name", "role"),
    [
        ("The Kremlin chief said the talks went well.", "The Kremlin chief", "Vladimir Putin",
         "Chief"),
        ("The Russian leader said the talks went well.", "The Russian leader", "Vladimir Putin",
         "Leader"),
        ("The Japanese prime minister said the talks went well.", "The Japanese prime minister",
         "Shinzo Abe", "Prime Minister"),
        ("Japan's prime minister said the talks went well.", "Japan's prime minister",
         "Shinzo Abe", "Prime Minister"),
    ],
)
def test_description_resolves_to_the_one_fitting_person(nlp, stage, tail, description, name, role):
    text = SUMMIT + tail
    entities = entities_of(nlp, stage, text)
    person = named(entities, name)
    found = [m for m in person.mentions if m.kind == "description"]
    assert [(m.text, m.role) for m in found] == [(description, role)]
    assert found[0].start == text.index(description)
    others = [m for e in entities if e is not person for m in e.mentions]
    assert all(m.kind != "description" for m in others)


@pytest.mark.parametrize(
    "text",
    [
        "French President Emmanuel Macron met US President Donald Trump in Paris. "
        "The president said the meeting went well.",
        SUMMIT + "A Russian leader said the talks went well.",
        SUMMIT + "The Chinese leader said the talks went well.",
        SUMMIT + "The leader said the talks went well.",
    ],
)
def test_description_left_unresolved_when_ambiguous_or_unfit(nlp, stage, text):
    entities = entities_of(nlp, stage, text)
    assert all(m.kind != "description" for e in entities for m in e.mentions)


def test_lower_case_description_needs_a_definite_determiner(nlp, stage):
    text = "German Chancellor Angela Merkel spoke. Critics said German leaders were tired."
    entities = entities_of(nlp, stage, text)
    assert texts(named(entities, "Angela Merkel"), "description") == []


# --- merging ---------------------------------------------------------------


def test_acronym_in_parentheses_is_an_alias(nlp, stage):
    text = (
        "The Federal Security Service (FSB) said the blast was caused by gas. "
        "The FSB later opened a criminal case."
    )
    entities = entities_of(nlp, stage, text)
    fsb = named(entities, "Federal Security Service")
    assert fsb.type == "ORG"
    assert fsb.key == "federal security service"
    assert texts(fsb, "alias") == ["FSB", "FSB"]
    assert [m.start for m in fsb.mentions if m.kind == "alias"] == [
        m.start() for m in re.finditer("FSB", text)
    ]
    assert [e.name for e in entities].count("FSB") == 0


def test_surname_labelled_org_merges_into_the_person(nlp, stage):
    text = "Prime Minister Boris Johnson spoke on Monday. Johnson said Britain would leave."
    work = work_for(nlp, text)
    ents = [Span(work.doc, 2, 4, label="PERSON")]
    johnson = [t.i for t in work.doc if t.text == "Johnson"][1]
    ents.append(Span(work.doc, johnson, johnson + 1, label="ORG"))
    work.doc.ents = ents
    stage.process([work])
    person = named(work.entities, "Boris Johnson")
    assert person.type == "PERSON"
    assert texts(person) == ["Boris Johnson", "Johnson"]
    assert [m.kind for m in person.mentions] == ["name", "alias"]
    assert len(work.entities) == 1


def test_surname_shared_by_two_people_stays_apart(nlp, stage):
    text = "Donald Trump and Ivanka Trump arrived. Trump said the visit went well."
    entities = entities_of(nlp, stage, text)
    assert {"Donald Trump", "Ivanka Trump"} <= {e.name for e in entities}
    assert texts(named(entities, "Donald Trump")) == ["Donald Trump"]


def test_country_aliases_share_one_entity(nlp, stage):
    text = "The United States imposed sanctions. The U.S. said they would stay."
    entities = entities_of(nlp, stage, text)
    usa = named(entities, "United States")
    assert len([m for m in usa.mentions if m.kind != "description"]) == 2


def test_process_assigns_rather_than_appends(nlp, stage):
    work = work_for(nlp, "Russian President Vladimir Putin arrived in Tokyo.")
    stage.process([work])
    first = list(work.entities)
    stage.process([work])
    assert work.entities == first


def test_doc_of_another_text_is_refused(nlp, stage):
    work = work_for(nlp, "Russian President Vladimir Putin arrived in Tokyo.")
    work.doc = nlp("Something else entirely.")
    with pytest.raises(ValueError, match="not made from"):
        stage.process([work])


def test_empty_article_has_no_entities(nlp, stage):
    assert entities_of(nlp, stage, "") == []


def test_stage_is_registered_with_its_contract():
    spec = registry()["entities"]
    assert spec.requires == ("doc.ents", "doc.deps")
    assert spec.sets == ("entities",)
    assert spec.factory is Entities


@pytest.mark.parametrize(
    ("name", "key"),
    [("The Élysée’s", "elysee"), ("the  United\nStates", "united states"), ("U.N.", "un"),
     ("Russia's", "russia")],
)
def test_key_normalisation(name, key):
    assert make_key(name) == key


@pytest.mark.parametrize(
    ("described", "role", "generic", "fits"),
    [
        (("leader",), ("president",), True, True),
        (("chief",), ("prime", "minister"), True, True),
        (("leader",), ("foreign", "minister"), True, False),
        (("leader",), ("vice", "president"), True, False),
        (("minister",), ("foreign", "minister"), False, True),
        (("minister",), ("prime", "minister"), False, False),
        (("president",), ("vice", "president"), False, False),
        (("secretary",), ("secretary", "of", "state"), False, True),
    ],
)
def test_role_fits(described, role, generic, fits):
    assert role_fits(described, role, generic) is fits


# --- the offsets invariant on the bundled corpus ------------------------------


def _wikinews() -> list[tuple[str, str]]:
    rows = []
    for name in ("wikinews_2019.csv", "wikinews_2020.csv"):
        with (SAMPLE / name).open(encoding="utf-8", newline="") as fh:
            rows += [(row["url"], row["text"]) for row in csv.DictReader(fh)]
    return rows


@pytest.mark.slow
def test_offsets_hold_on_every_wikinews_article(nlp, stage):
    rows = _wikinews()
    assert len(rows) == 295
    batch = [
        Work(article=Article(id=url, title=None, published=None, source=None, url=url, text=text))
        for url, text in rows
    ]
    for work, doc in zip(batch, nlp.pipe([w.article.text for w in batch]), strict=True):
        work.doc = doc
    stage.process(batch)
    for work in batch:
        text = work.article.text
        assert_offsets(text, work.entities)
        for entity in work.entities:
            assert entity.id and entity.name and entity.key
            assert all(m.text and m.text == m.text.strip() for m in entity.mentions)


def test_offsets_hold_on_a_few_wikinews_articles(nlp, stage):
    for url, text in _wikinews()[:8]:
        entities = entities_of(nlp, stage, text)
        assert entities, url
        assert_offsets(text, entities)
