"""What every command shares: options, dates, errors as one line, and the output formats.

Library errors become one line on stderr (``dateline: error: … [DLnnn]``) and
exit status 2, never a traceback. Listing commands print a rich table by
default, one JSON document with ``--json`` and CSV with ``--csv``; both machine
formats go through :func:`emit`.
"""

from __future__ import annotations

import csv
import functools
import json
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from dateline import api
from dateline.config import available_cores, default_db
from dateline.errors import ConfigError, DatelineError, E

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)
F = TypeVar("F", bound=Callable[..., Any])


def friendly(fn: F) -> F:
    """Turn dateline's errors into one line on stderr and exit status 2."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except DatelineError as exc:
            err.print(f"dateline: error: {exc}", markup=False)
            sys.exit(2)
        except KeyboardInterrupt:
            err.print("dateline: interrupted", markup=False)
            sys.exit(130)

    return wrapper  # type: ignore[return-value]


db_option = click.option(
    "--db", default=default_db, show_default="dateline.db or $DATELINE_DB", help="Database."
)


def runner_options(fn: F) -> F:
    """``--workers``, ``--runner`` and ``--scheduler``: where the analysis runs, on how
    many processes (read them with :func:`runner_settings`)."""
    options = (
        click.option(
            "--workers", type=int, default=None, show_default=f"every core: {available_cores()}",
            help="Processes for the analysis (here, or in the local Dask cluster).",
        ),
        click.option(
            "--runner", default=None, show_default="local",
            help="Where the analysis runs: local (this machine) or dask (a Dask cluster).",
        ),
        click.option(
            "--scheduler", metavar="ADDRESS",
            help="The Dask scheduler (tcp://host:8786) for --runner dask;"
            " without it a Dask cluster of --workers processes starts here.",
        ),
    )  # fmt: skip
    for option in reversed(options):
        fn = option(fn)
    return fn


def runner_settings(
    workers: int | None, runner: str | None, scheduler: str | None
) -> dict[str, Any]:
    """The ``Config`` fields the runner options set (``--scheduler`` alone means Dask).

    Raises:
        ConfigError: ``--workers`` under 1, or ``--scheduler`` with another runner (``DL204``).
    """
    if workers is not None and workers < 1:
        raise ConfigError(E.BAD_OPTION, detail="--workers must be >= 1")
    if scheduler and runner not in (None, "dask"):
        raise ConfigError(
            E.BAD_OPTION, detail=f"--scheduler is for --runner dask, not --runner {runner}"
        )
    settings: dict[str, Any] = {"runner": runner or ("dask" if scheduler else "local")}
    settings["scheduler"] = scheduler
    if workers is not None:
        settings["workers"] = workers
    return settings


@contextmanager
def progress_bar(label: str, quiet: bool) -> Iterator[api.Progress | None]:
    """A rich progress bar on stderr (hidden with --quiet or when not a terminal)."""
    if quiet or not err.is_terminal:
        yield None
        return
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int | None) -> None:
            bar.update(task, completed=done, total=total)

        yield update


# -- output formats ----------------------------------------------------------------------
def output_options(
    *, item: str, columns: Sequence[str], json_help: str | None = None, csv_doc: str | None = None
) -> Callable[[F], F]:
    """Add ``--json`` (parameter ``as_json``) and ``--csv`` (``as_csv``) to a listing command.

    Args:
        item: What one row is ("quote"), for the help texts.
        columns: The CSV columns, listed in the ``--csv`` help.
        json_help: The ``--json`` help (default: a JSON list of ``item`` objects).
        csv_doc: The ``--csv`` help (default: a row per ``item``, and the ``columns``).
    """

    def decorate(fn: F) -> F:
        help_csv = csv_doc or (
            f"CSV: a header row and one row per {item}; columns: {', '.join(columns)}."
        )
        fn = click.option("--csv", "as_csv", is_flag=True, help=help_csv)(fn)
        help_json = json_help or f"A JSON list of {item} objects."
        return click.option("--json", "as_json", is_flag=True, help=help_json)(fn)

    return decorate


def output_format(*, as_json: bool, as_csv: bool) -> str:
    """How a listing prints: ``"json"``, ``"csv"`` or ``"text"`` (a table), from the flags.

    Raises:
        ConfigError: both flags are given (``DL204``).
    """
    if as_json and as_csv:
        raise ConfigError(E.BAD_OPTION, detail="--json and --csv cannot be used together")
    return "json" if as_json else "csv" if as_csv else "text"


def emit(fmt: str, data: Any, *, columns: Sequence[str], text: Callable[[Any], None]) -> None:
    """Print ``data`` (a list of row dicts, or one dict) in ``fmt``.

    ``text`` prints it for reading; ``json`` writes it as one JSON document;
    ``csv`` writes ``columns`` of each row flattened by :func:`flatten` (one dict
    is one row).
    """
    if fmt == "json":
        write_json(data)
    elif fmt == "csv":
        write_csv([data] if isinstance(data, Mapping) else data, columns)
    else:
        text(data)


def write_json(data: Any, *, indent: int | None = None) -> None:
    """``data`` as one JSON document on one line (or indented), non-ASCII kept as is."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=indent) + "\n")


def write_csv(rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> None:
    """A header row of ``columns``, then each row flattened; a missing column is empty."""
    writer = csv.DictWriter(
        sys.stdout, fieldnames=list(columns), restval="", extrasaction="ignore",
        lineterminator="\n",
    )  # fmt: skip
    writer.writeheader()
    for row in rows:
        writer.writerow(flatten(row))


def flatten(row: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    """A nested row as flat CSV cells.

    Nested objects become ``parent_child`` columns; a list of plain values is one
    cell joined with ``"; "``; a list of objects gives one column per field, each
    cell the field's values joined with ``"; "`` in list order; ``None`` is empty.

    Example:
        >>> flatten({"id": 1, "said": {"value": "2019", "mod": None},
        ...          "roles": [{"role": "President", "affiliation": "Russia"},
        ...                    {"role": "Leader", "affiliation": None}], "terms": ["a", "b"]})
        ... # doctest: +NORMALIZE_WHITESPACE
        {'id': '1', 'said_value': '2019', 'said_mod': '', 'roles_role': 'President; Leader',
         'roles_affiliation': 'Russia; ', 'terms': 'a; b'}
    """
    flat: dict[str, str] = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(flatten(value, f"{name}_"))
        elif isinstance(value, list | tuple):
            if value and all(isinstance(v, Mapping) for v in value):
                items = [flatten(v) for v in value]
                for field in dict.fromkeys(f for i in items for f in i):
                    flat[f"{name}_{field}"] = "; ".join(i.get(field, "") for i in items)
            else:
                flat[name] = "; ".join(_cell(v) for v in value)
        else:
            flat[name] = _cell(value)
    return flat


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
