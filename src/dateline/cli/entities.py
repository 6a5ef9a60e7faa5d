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
    "id", "name", "type", "articles", "mentions", "roles_role", "roles_affiliation",
    "roles_articles",
)  # fmt: skip


@click.group(invoke_without_command=True)
@db_option
@click.option("--type", "type_", help="Entity type, e.g. PERSON, ORG, GPE.")
@click.option("--top", default=20, show_default=True)
@click.option("--name", help="Only entities with this name (or surname).")
@output_options(
    item="entity",
    columns=ENTITY_COLUMNS,
    json_help="A JSON list of entity objects: id, name, type, articles, mentions and roles"
    " (role, affiliation, articles).",
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
    for col in ("entity", "type", "articles", "mentions", "roles"):
        table.add_column(col)
    for r in rows:
        roles = "; ".join(
            f"{x['role']}" + (f" ({x['affiliation']})" if x["affiliation"] else "")
            for x in r["roles"][:3]
        )
        table.add_row(r["name"], r["type"], str(r["articles"]), str(r["mentions"]), roles)
    out.print(table)
