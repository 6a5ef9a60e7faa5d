"""``dateline entities``: the entities of a store, as a table, JSON or CSV."""

from __future__ import annotations

import click

from dateline.cli.entities import entities

from .helpers import dl, json_and_csv

ENTITY_KEYS = {"id", "name", "type", "articles", "mentions", "roles"}


def test_entities_json_and_csv_list_the_same_entities(sample_db):
    args = ("entities", "--type", "PERSON", "--top", "20", "--db", str(sample_db))
    items, rows, header = json_and_csv(*args)
    assert header == ["id", "name", "type", "articles", "mentions", "roles_role",
                      "roles_affiliation", "roles_articles"]  # fmt: skip
    assert len(items) == 20 and len(rows) == len(items)
    assert all(set(e) == ENTITY_KEYS and e["type"] == "PERSON" for e in items)
    for entity, row in zip(items, rows, strict=True):
        assert (row["id"], row["name"]) == (str(entity["id"]), entity["name"])
        roles = entity["roles"]
        assert row["roles_role"] == "; ".join(r["role"] for r in roles)
        assert row["roles_affiliation"] == "; ".join(r["affiliation"] or "" for r in roles)
        assert row["roles_articles"] == "; ".join(str(r["articles"]) for r in roles)
    assert any(";" in row["roles_role"] for row in rows)  # someone has several roles


def test_entities_is_a_group_whose_bare_invocation_lists(sample_db):
    assert isinstance(entities, click.Group) and entities.invoke_without_command
    proc = dl("entities", "--db", str(sample_db), "--name", "Trump")
    assert proc.returncode == 0, proc.stderr
    assert "Entities" in proc.stdout and "Donald Trump" in proc.stdout
