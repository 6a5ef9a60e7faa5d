"""Are two extractions identical? Ingest a corpus into a fresh SQLite store, or diff two stores.

A change meant to speed the pipeline up must leave every stored result as it was.
``ingest`` stores the bundled sample (or the given paths) with the configured stages;
``diff`` compares every table of two such stores row by row, leaving out the
columns that record when something happened (``*_at``), and prints each table's
row count and how many rows only one side has. Exit status 1 when they differ.

Usage:
    python bench/same_results.py ingest before.db [PATH ...]
    (change the code)
    python bench/same_results.py ingest after.db [PATH ...]
    python bench/same_results.py diff before.db after.db [--show 5]
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections import Counter
from pathlib import Path

#: Columns that hold a wall-clock time, different on every run.
CLOCK_SUFFIX = "_at"


def ingest_into(db: str, paths: list[str]) -> None:
    """Ingest ``paths`` (default: the bundled sample) into a new SQLite file ``db``."""
    from dateline.api import ingest
    from dateline.config import Config
    from dateline.ingest import sample_path

    if Path(db).exists():
        raise SystemExit(f"{db} exists: give a new file")
    report = ingest(paths or [sample_path()], config=Config(db=db))
    print(f"{db}: {report.new} articles stored, {report.failed} failed")


def tables(con: sqlite3.Connection) -> list[str]:
    """Every ordinary table (FTS shadow tables included: they follow the rows)."""
    rows = con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
    )
    return sorted(name for (name,) in rows)


def rows_of(con: sqlite3.Connection, table: str) -> Counter[tuple[object, ...]]:
    """The table's rows as a multiset, without its clock columns."""
    cols = [r[1] for r in con.execute(f'PRAGMA table_info("{table}")')]
    keep = [c for c in cols if not c.endswith(CLOCK_SUFFIX)]
    select = ", ".join(f'"{c}"' for c in keep)
    return Counter(con.execute(f'SELECT {select} FROM "{table}"'))


def diff(a: str, b: str, show: int) -> int:
    """Print a table-by-table comparison; return how many tables differ."""
    con_a, con_b = sqlite3.connect(a), sqlite3.connect(b)
    names_a, names_b = tables(con_a), tables(con_b)
    differing = 0
    for name in sorted(set(names_a) | set(names_b)):
        if name not in names_a or name not in names_b:
            print(f"{name:<24} only in {a if name in names_a else b}")
            differing += 1
            continue
        ra, rb = rows_of(con_a, name), rows_of(con_b, name)
        only_a, only_b = ra - rb, rb - ra
        status = "same" if not only_a and not only_b else "DIFFERENT"
        n_a, n_b = sum(ra.values()), sum(rb.values())
        n_only_a, n_only_b = sum(only_a.values()), sum(only_b.values())
        print(f"{name:<24} {n_a:>7} {n_b:>7} rows  {status}", end="")
        print(f" (-{n_only_a} +{n_only_b})" if status != "same" else "")
        if status != "same":
            differing += 1
            for row in list(only_a)[:show]:
                print(f"    - {row!r:.300}")
            for row in list(only_b)[:show]:
                print(f"    + {row!r:.300}")
    print("identical" if not differing else f"{differing} tables differ")
    return differing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_ingest = sub.add_parser("ingest", help="store the sample (or PATHs) in a new SQLite file")
    p_ingest.add_argument("db")
    p_ingest.add_argument("paths", nargs="*")
    p_diff = sub.add_parser("diff", help="compare two stores table by table")
    p_diff.add_argument("a")
    p_diff.add_argument("b")
    p_diff.add_argument("--show", type=int, default=3, help="rows shown per side of a table")
    args = parser.parse_args(argv)
    if args.command == "ingest":
        ingest_into(args.db, args.paths)
        return 0
    return 1 if diff(args.a, args.b, args.show) else 0


if __name__ == "__main__":
    sys.exit(main())
