"""``dateline entities``: the entities of a store, as a table, JSON or CSV."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import click

from dateline.cli.entities import entities
from dateline.records import Article, Entity, Mention, Work
from dateline.storage.sqlite import SQLiteStore

from .helpers import assert_one_line_error, dl, json_and_csv

ENTITY_KEYS = {"id", "name", "type", "articles", "mentions", "roles", "aliases", "first_seen",
               "last_seen"}  # fmt: skip


def test_entities_json_and_csv_list_the_same_entities(sample_db):
    args = ("entities", "--type", "PERSON", "--top", "20", "--db", str(sample_db))
    items, rows, header = json_and_csv(*args)
    assert header == ["id", "name", "type", "articles", "mentions", "first_seen", "last_seen",
                      "aliases_name", "aliases_count", "roles_role", "roles_affiliation",
                      "roles_articles"]  # fmt: skip
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
    assert "Entities" in proc.stdout and "Donald" in proc.stdout and "Trump" in proc.stdout


def test_entities_show_gathers_every_alias(sample_db):
    items, rows, header = json_and_csv("entities", "show", "Trump", "--db", str(sample_db))
    assert items["name"] == "Donald Trump" and items["type"] == "PERSON"
    names = {a["name"] for a in items["aliases"]}
    assert {"Trump", "Donald Trump"} <= names
    assert len(rows) == 1 and rows[0]["id"] == str(items["id"])
    assert items["first_seen"] <= items["last_seen"] and items["quotes"] > 0


def _two_names_db(tmp_path):
    db = tmp_path / "c.db"
    store = SQLiteStore(str(db), create=True)
    for i, name in enumerate(["United Nations", "UNO"], start=1):
        art = Article(id=f"a{i}", title=None, published=dt.date(2020, 1, i), source=None,
                      url=None, text=name)  # fmt: skip
        ent = Entity("e1", name, "ORG", name.casefold(), mentions=(Mention(0, len(name), name),))
        store.save([Work(article=art, entities=[ent])])
    ids = [r[0] for r in store.conn.execute("SELECT id FROM entities ORDER BY id")]
    store.close()
    return db, ids


def test_corrections_from_the_command_line_persist(tmp_path):
    db, (un, uno) = _two_names_db(tmp_path)
    proc = dl("entities", "--db", str(db), "merge", str(un), str(uno))
    assert proc.returncode == 0 and f"into {un}" in proc.stdout, proc.stderr
    shown = json.loads(dl("entities", "show", str(uno), "--db", str(db), "--json").stdout)
    assert shown["id"] == un and shown["merged_from"] == [uno]
    assert dl("entities", "rename", str(un), "UN", "--db", str(db)).returncode == 0
    assert dl("entities", "alias", str(un), "U.N.", "--db", str(db)).returncode == 0
    shown = json.loads(dl("entities", "show", "U.N.", "--db", str(db), "--json").stdout)
    assert shown["name"] == "UN" and shown["renamed"]
    assert {c["action"] for c in shown["corrections"]} >= {"merge", "pin", "rename"}
    proc = dl("entities", "split", str(un), "--alias", "UNO", "--db", str(db))
    assert proc.returncode == 0 and "as entity" in proc.stdout, proc.stderr
    copy = tmp_path / "copy.db"
    shutil.copy(db, copy)  # the corrections live in the database itself
    shown = json.loads(dl("entities", "show", "UNO", "--db", str(copy), "--json").stdout)
    assert shown["id"] not in (un, uno) and shown["name"] == "UNO"


def test_correction_errors_are_one_line(tmp_path):
    db, (un, _) = _two_names_db(tmp_path)
    assert_one_line_error(dl("entities", "show", "9999", "--db", str(db)), "DL306")
    assert_one_line_error(dl("entities", "merge", str(un), str(un), "--db", str(db)), "DL308")
    assert_one_line_error(dl("entities", "split", str(un), "--alias", "Nobody", "--db", str(db)),
                          "DL307")  # fmt: skip
