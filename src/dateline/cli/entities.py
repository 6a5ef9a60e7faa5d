"""``dateline entities``: the entities across all articles.

``entities`` is a group: without a subcommand it lists entities; commands that
act on one entity register on it with ``@entities.command()``.
"""

from __future__ import annotations

from typing import Any

import click
from rich.table import Table

from dateline import api
from dateline.cli.common import db_option, emit, friendly, out, output_format, output_options
from dateline.config import Config

#: ``entities --csv``: the entity, how widely it is mentioned, and its roles (parallel lists).
ENTITY_COLUMNS = (
    "id", "name", "type", "articles", "mentions", "first_seen", "last_seen", "aliases_name",
    "aliases_count", "roles_role", "roles_affiliation", "roles_articles",
)  # fmt: skip

#: ``entities show --csv``: one row for the entity, lists joined by semicolons.
RECORD_COLUMNS = (
    "id", "name", "type", "articles", "mentions", "first_seen", "last_seen", "quotes",
    "aliases_name", "aliases_count", "roles_role", "roles_affiliation", "roles_first",
    "roles_last", "merged_from",
)  # fmt: skip


@click.group(invoke_without_command=True)
@db_option
@click.option("--type", "type_", help="Entity type, e.g. PERSON, ORG, GPE.")
@click.option("--top", default=20, show_default=True)
@click.option("--name", help="Only the entities known by this name (or surname).")
@output_options(
    item="entity",
    columns=ENTITY_COLUMNS,
    json_help="A JSON list of entity objects: id, name, type, articles, mentions, first_seen,"
    " last_seen, aliases (name, kind, count) and roles (role, affiliation, articles).",
)
@click.pass_context
@friendly
def entities(
    ctx: click.Context,
    db: str,
    type_: str | None,
    top: int,
    name: str | None,
    as_json: bool,
    as_csv: bool,
) -> None:
    """Entities across all articles, most widely mentioned first.

    One entity is one referent whatever the articles call it; its id is stable
    (see 'entities show ID'). Corrections: 'entities merge', 'split', 'alias',
    'rename' — stored, and applied to every later article.

    With --csv, the roles_* columns give an entity's roles in the same order,
    each cell joined by semicolons.
    """
    if ctx.invoked_subcommand is not None:
        return
    fmt = output_format(as_json=as_json, as_csv=as_csv)
    rows = api.entities(config=Config(db=db), type=type_, top=top, name=name)
    title = f"Entities{f' of type {type_.upper()}' if type_ else ''}"
    emit(fmt, rows, columns=ENTITY_COLUMNS, text=lambda r: print_entities(r, title=title))


def print_entities(rows: list[dict[str, Any]], *, title: str) -> None:
    table = Table(title=title, title_justify="left")
    table.add_column("id", justify="right")
    table.add_column("entity", no_wrap=True)
    for col in ("type", "articles", "mentions"):
        table.add_column(col, justify="right" if col != "type" else "left")
    table.add_column("also called", ratio=2, overflow="ellipsis")
    table.add_column("roles", ratio=2)
    for r in rows:
        roles = "; ".join(
            f"{x['role']}" + (f" ({x['affiliation']})" if x["affiliation"] else "")
            for x in r["roles"][:3]
        )
        others = ", ".join(a["name"] for a in r.get("aliases", []) if a["name"] != r["name"])
        table.add_row(str(r["id"]), r["name"], r["type"], str(r["articles"]),
                      str(r["mentions"]), others[:60], roles)  # fmt: skip
    out.print(table)


def _db(db: str | None) -> Config:
    """The subcommand's --db, else the one given before it ('entities --db X show 3')."""
    if db is None:
        parent = click.get_current_context().parent
        db = parent.params.get("db") if parent is not None else None
    return Config(db=db) if db else Config()


_sub_db = click.option(
    "--db", default=None, help="Database (default: as for 'entities', dateline.db or $DATELINE_DB)."
)


@entities.command("show")
@click.argument("ref")
@_sub_db
@output_options(
    item="entity",
    columns=RECORD_COLUMNS,
    json_help="The entity's record as one JSON object: id, name, type, type_votes, articles,"
    " mentions, first_seen, last_seen, aliases, roles (with first/last dates), affiliations,"
    " merged_from, quotes, recent_articles, corrections.",
)
@friendly
def show(ref: str, db: str | None, as_json: bool, as_csv: bool) -> None:
    """One entity: REF is its id (an id merged away leads to the survivor) or a name."""
    fmt = output_format(as_json=as_json, as_csv=as_csv)
    record = api.entity(ref, config=_db(db))
    emit(fmt, record, columns=RECORD_COLUMNS, text=print_record)


def print_record(r: dict[str, Any]) -> None:
    out.print(f"[bold]{r['name']}[/bold]  (entity {r['id']}, {r['type']})")
    votes = ", ".join(f"{k} {v}" for k, v in r["type_votes"].items())
    out.print(f"type votes: {votes}")
    out.print(
        f"seen in {r['articles']} articles, {r['mentions']} mentions,"
        f" {r['first_seen'] or '?'} to {r['last_seen'] or '?'}; {r['quotes']} quotes"
    )
    if r["merged_from"]:
        out.print("merged from: " + ", ".join(map(str, r["merged_from"])))
    table = Table(title="also called", title_justify="left")
    for col in ("name", "kind", "count"):
        table.add_column(col)
    for a in r["aliases"][:20]:
        table.add_row(a["name"], a["kind"], str(a["count"]))
    out.print(table)
    if r["roles"]:
        table = Table(title="roles", title_justify="left")
        for col in ("role", "affiliation", "articles", "first", "last"):
            table.add_column(col)
        for x in r["roles"]:
            table.add_row(x["role"], x["affiliation"] or "", str(x["articles"]),
                          x["first"] or "", x["last"] or "")  # fmt: skip
        out.print(table)
    for c in r["corrections"]:
        out.print(f"correction: {c['action']} {c['name'] or ''} {c['detail'] or ''} ({c['at']})")


def _done(message: str) -> None:
    out.print(message, markup=False)


@entities.command("merge")
@click.argument("target", type=int)
@click.argument("others", type=int, nargs=-1, required=True)
@_sub_db
@friendly
def merge(target: int, others: tuple[int, ...], db: str | None) -> None:
    """Make OTHERS one entity with TARGET; their names link to TARGET from now on."""
    api.correct_entities("merge", target, *others, config=_db(db))
    _done(f"merged {', '.join(map(str, others))} into {target}")


@entities.command("split")
@click.argument("entity_id", type=int)
@click.option("--alias", "alias", required=True, help="The name to split off.")
@_sub_db
@friendly
def split(entity_id: int, alias: str, db: str | None) -> None:
    """Move the articles that call ENTITY_ID by --alias to a new entity, now and later."""
    new = api.correct_entities("split", entity_id, alias, config=_db(db))
    _done(f"split {alias!r} off {entity_id} as entity {new}")


@entities.command("alias")
@click.argument("entity_id", type=int)
@click.argument("name")
@_sub_db
@friendly
def alias(entity_id: int, name: str, db: str | None) -> None:
    """From now on, an article's entity called NAME is ENTITY_ID."""
    api.correct_entities("alias", entity_id, name, config=_db(db))
    _done(f"{name!r} now links to entity {entity_id}")


@entities.command("rename")
@click.argument("entity_id", type=int)
@click.argument("name")
@_sub_db
@friendly
def rename(entity_id: int, name: str, db: str | None) -> None:
    """Give ENTITY_ID the canonical name NAME, kept whatever later articles say."""
    api.correct_entities("rename", entity_id, name, config=_db(db))
    _done(f"entity {entity_id} is now {name!r}")
