"""Entity sample checks on tiny stores: rows written into the real schema, then the checks' SQL run."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from dateline.evaluation.entity_checks import (
    in_frame,
    name_cues,
    non_people,
    split_people,
    worst_splits,
)
from dateline.storage import open_store


class Tiny:
    """A store in memory and helpers that write articles, entities and mentions directly."""

    def __init__(self) -> None:
        self.store = open_store(":memory:", create=True)
        self.conn = self.store.conn  # type: ignore[attr-defined]
        self.entity_ids: dict[tuple[str, str], int] = {}

    def article(self, article_id: str, text: str, people: dict[str, list[str]]) -> None:
        """One article; ``people`` maps each PERSON entity's name to the texts of its mentions,
        each placed at its first occurrence in ``text`` not taken by an earlier mention."""
        cur = self.conn.execute(
            "INSERT INTO articles (id, text, content_hash, ingested_at) VALUES (?, ?, '', '')",
            (article_id, text),
        )
        pk = cur.lastrowid
        taken: list[tuple[int, int]] = []
        for k, (name, mentions) in enumerate(people.items(), start=1):
            entity = self.entity(name)
            self.conn.execute(
                "INSERT INTO article_entities (article_pk, local_id, entity_id, name)"
                " VALUES (?, ?, ?, ?)",
                (pk, f"e{k}", entity, name),
            )
            for m in mentions:
                start = text.index(m)
                while any(s < start + len(m) and start < e for s, e in taken):
                    start = text.index(m, start + 1)
                taken.append((start, start + len(m)))
                self.conn.execute(
                    'INSERT INTO mentions (article_pk, entity_id, local_id, start, "end", text,'
                    " kind) VALUES (?, ?, ?, ?, ?, ?, 'name')",
                    (pk, entity, f"e{k}", start, start + len(m), m),
                )

    def entity(self, name: str, type_: str = "PERSON") -> int:
        key = (name.casefold(), type_)
        if key not in self.entity_ids:
            cur = self.conn.execute(
                "INSERT INTO entities (key, type, name) VALUES (?, ?, ?)", (*key, name)
            )
            self.entity_ids[key] = cur.lastrowid
        return self.entity_ids[key]


@pytest.fixture()
def tiny() -> Iterator[Tiny]:
    t = Tiny()
    yield t
    t.store.close()


def test_a_surname_beside_the_full_name_is_a_split(tiny):
    tiny.article(
        "a1", "Joe Biden spoke. Biden left.", {"Joe Biden": ["Joe Biden"], "Biden": ["Biden"]}
    )
    found = split_people(tiny.conn)
    assert [(s.article, s.name, s.full) for s in found] == [("a1", "Biden", ("Joe Biden",))]


def test_a_first_name_counts_too_and_words_are_casefolded(tiny):
    tiny.article(
        "a1", "Lindsay Lohan. LINDSAY", {"Lindsay Lohan": ["Lindsay Lohan"], "LINDSAY": ["LINDSAY"]}
    )
    assert [s.name for s in split_people(tiny.conn)] == ["LINDSAY"]


def test_names_in_different_articles_are_not_splits(tiny):
    tiny.article("a1", "Joe Biden spoke.", {"Joe Biden": ["Joe Biden"]})
    tiny.article("a2", "Biden left.", {"Biden": ["Biden"]})
    assert split_people(tiny.conn) == []


def test_other_types_and_unrelated_one_word_names_are_not_splits(tiny):
    text = "Joe Biden met Obama in Georgia."
    tiny.article("a1", text, {"Joe Biden": ["Joe Biden"], "Obama": ["Obama"]})
    pk = tiny.conn.execute("SELECT pk FROM articles WHERE id = 'a1'").fetchone()[0]
    place = tiny.entity("Joe", "GPE")  # a place named like the first name: not a person
    tiny.conn.execute("INSERT INTO article_entities (article_pk, local_id, entity_id, name) VALUES (?, 'e9', ?, 'Joe')", (pk, place))
    assert split_people(tiny.conn) == []


def test_worst_splits_count_articles(tiny):
    for i in range(3):
        tiny.article(f"a{i}", "Joe Biden. Biden.", {"Joe Biden": ["Joe Biden"], "Biden": ["Biden"]})
    tiny.article("b", "Jill Biden. Biden.", {"Jill Biden": ["Jill Biden"], "Biden": ["Biden"]})
    assert worst_splits(split_people(tiny.conn)) == [
        ("Biden", "Joe Biden", 3),
        ("Biden", "Jill Biden", 1),
    ]


@pytest.mark.parametrize(
    ("name", "cues"),
    [
        ("Joe Biden", []),
        ("Twitter", ["lexicon:platform"]),
        ("Rocky Linux", ["lexicon:software"]),
        ("COVID-19", ["lexicon:disease or drug", "digit"]),
        ("Brexit", ["lexicon:process or movement"]),
        ("UTC", ["acronym"]),
        ("AOC", ["acronym"]),
        ("Abe", []),  # three letters, not all capitals
        ("NASA", []),  # four capitals: acronyms of people are rare, but not this short
        ("wolf", ["uncapitalised"]),
        ("हैं", ["uncapitalised"]),  # a script without capitals
        ("Дмитрий Кошелев", []),  # Cyrillic has capitals: a name
        ("Bill de Blasio", []),
        ("Elizabeth II", []),
    ],
)
def test_name_cues(name, cues):
    assert name_cues(name) == cues


@pytest.mark.parametrize(
    ("text", "mention", "framed"),
    [
        ("He wrote on Twitter that", "Twitter", True),
        ("shared via Facebook.", "Facebook", True),
        ("the Brexit deal was", "Brexit", True),
        ("her Facebook page", "Facebook", True),
        ("Smith said on Monday", "Smith", False),
        ("a letter to Smith", "Smith", False),
    ],
)
def test_in_frame(text, mention, framed):
    start = text.index(mention)
    assert in_frame(text, start, start + len(mention)) is framed


def test_non_people_uses_names_and_contexts(tiny):
    text = "He posted on Zorbl. Later on Zorbl again. Smith said so on Zorbl. Joe Biden agreed."
    tiny.article(
        "a1",
        text,
        {"Zorbl": ["Zorbl", "Zorbl", "Zorbl"], "Smith": ["Smith"], "Joe Biden": ["Joe Biden"]},
    )
    tiny.article(
        "a2",
        "Twitter said. Smith on Smith, Smith.",
        {"Twitter": ["Twitter"], "Smith": ["Smith", "Smith", "Smith"]},
    )
    found = {p.name: p for p in non_people(tiny.conn)}
    # Zorbl: no name cue, but all three mentions follow "on". Smith: 1 of 4 mentions framed.
    assert set(found) == {"Zorbl", "Twitter"}
    assert found["Zorbl"].cues == ("context",)
    assert (found["Zorbl"].mentions, found["Zorbl"].articles) == (3, 1)
    assert found["Twitter"].cues == ("lexicon:platform",)
    assert [p.name for p in non_people(tiny.conn)] == ["Zorbl", "Twitter"]  # most mentioned first
