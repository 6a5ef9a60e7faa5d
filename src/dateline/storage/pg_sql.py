"""SQLite's SQL as PostgreSQL runs it: the mechanical rewrites, made once per statement.

The store's query modules are written in SQLite's dialect. Most of what PostgreSQL
needs differently is mechanical, and :func:`translate` rewrites it (string
literals and quoted names are left alone):

* ``?`` placeholders become ``%s`` (and a literal ``%`` becomes ``%%``);
* ``INDEXED BY`` hints are dropped: PostgreSQL's planner chooses its own indexes;
* ``ORDER BY`` terms get SQLite's NULL order (NULLs first ascending, last
  descending); the PostgreSQL indexes are declared ``NULLS FIRST`` to match, so
  an ordered walk reads them forwards or backwards as SQLite does;
* ``json_each(?)`` (a list of ids, of terms, or a mapping of terms to weights sent as
  one JSON parameter) becomes ``unnest`` of typed arrays, chosen by :func:`bind`
  from the parameter's value;
* ``LIMIT ?`` bound to a negative number (SQLite's "no limit") binds NULL;
* ``? IS NULL`` gets a type; ``x IS NOT ?`` is ``IS DISTINCT FROM``; an empty
  ``IN ()`` list is an empty array;
* SQLite's case-insensitive ``LIKE`` and ``COLLATE NOCASE`` compare ``lower()``;
* ``julianday(x)`` is ``dl_day(x)`` (a date; migration 1 defines it), two-argument
  ``MIN``/``MAX`` are ``LEAST``/``GREATEST``, ``GROUP_CONCAT`` is ``string_agg``;
* ``INSERT OR IGNORE`` is ``ON CONFLICT DO NOTHING``;
* an ``INSERT … VALUES`` into a table with an integer key returns it, for
  ``cursor.lastrowid``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

#: Tables whose rows an ``INSERT … VALUES`` returns the key of (``lastrowid``).
KEYS = {
    "articles": "pk", "entities": "id", "stories": "id", "events": "id", "quotes": "id",
    "mentions": "id", "entity_rules": "id",
}  # fmt: skip
#: Marks a ``json_each`` parameter in a translated statement (with its alias).
_SLOT = "\x01"
_LITERAL = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"")
_NOT_ALIAS = (
    "WHERE|JOIN|ON|GROUP|ORDER|LIMIT|OFFSET|LEFT|INNER|CROSS|UNION|HAVING|AND|OR"
)
_JSON_EACH = re.compile(rf"json_each\(\?\)(?:\s+(?:AS\s+)?(?!(?:{_NOT_ALIAS})\b)(\w+))?", re.I)
_REWRITES = [
    (re.compile(r"\s+INDEXED BY \w+", re.I), ""),
    (re.compile(r"\bNOT IN \(\s*\)", re.I), "<> ALL('{}')"),
    (re.compile(r"\bIN \(\s*\)", re.I), "= ANY('{}')"),
    (re.compile(r"\bjulianday\(", re.I), "dl_day("),
    (re.compile(r"\bIS NOT \?"), "IS DISTINCT FROM ?"),
    (re.compile(r"\?( IS (?:NOT )?NULL)\b", re.I), r"CAST(? AS TEXT)\1"),
    (re.compile(r"\bGROUP_CONCAT\(([^()]*)\)", re.I), r"string_agg(\1, ',')"),
    (re.compile(r"([\w.]+) = \? COLLATE NOCASE", re.I), r"lower(\1) = lower(?)"),
    (re.compile(r"([\w.]+) COLLATE NOCASE", re.I), r"lower(\1)"),
    (re.compile(r"([\w.]+) LIKE \?", re.I), r"lower(\1) LIKE lower(?)"),
    (re.compile(r"\bMIN\((\w+), \?\)", re.I), r"LEAST(\1, ?)"),
    (re.compile(r"\bMAX\((\w+), \?\)", re.I), r"GREATEST(\1, ?)"),
]
_IGNORE = re.compile(r"\bINSERT OR IGNORE INTO\b", re.I)
_INSERT = re.compile(r"^\s*INSERT INTO (\w+)\s*\([^)]*\)\s*VALUES\b", re.I)
_ORDER_BY = re.compile(r"\bORDER BY\b", re.I)
_ORDER_END = re.compile(r"(LIMIT|OFFSET|UNION)\b", re.I)


@dataclass(frozen=True)
class Statement:
    """A translated statement: psycopg SQL, with what :func:`bind` must do to parameters.

    Attributes:
        sql: The statement, ``%s`` placeholders (``json_each`` ones still marked).
        limits: Positions of the parameters bound to a ``LIMIT``.
        lists: Positions of the ``json_each`` parameters.
        returns_key: An ``INSERT`` made to return its row's key (``lastrowid``).
    """

    sql: str
    limits: frozenset[int] = frozenset()
    lists: frozenset[int] = frozenset()
    returns_key: bool = False


@lru_cache(maxsize=4096)
def translate(sql: str) -> Statement:
    """SQLite's ``sql`` as PostgreSQL runs it (see the module's docstring).

    Example:
        >>> translate("SELECT id FROM articles INDEXED BY articles_pk_day WHERE title LIKE ?").sql
        'SELECT id FROM articles WHERE lower(title) LIKE lower(%s)'
        >>> translate("SELECT id FROM articles ORDER BY published DESC, id LIMIT ?").sql
        'SELECT id FROM articles ORDER BY published DESC NULLS LAST, id NULLS FIRST LIMIT %s'
    """
    literals: list[str] = []

    def hide(m: re.Match[str]) -> str:
        literals.append(m.group(0))
        return f"\x00{len(literals) - 1}\x00"

    code = _LITERAL.sub(hide, sql)
    ignore = bool(_IGNORE.search(code))
    code = _IGNORE.sub("INSERT INTO", code)
    for pattern, replacement in _REWRITES:
        code = pattern.sub(replacement, code)
    code = _JSON_EACH.sub(lambda m: f"{_SLOT}{m.group(1) or 'json_each'}{_SLOT}", code)
    code = _null_order(code)
    if ignore and "ON CONFLICT" not in code.upper():
        code += " ON CONFLICT DO NOTHING"
    returns_key = False
    insert = _INSERT.match(code)
    if insert and insert.group(1) in KEYS and "RETURNING" not in code.upper():
        code += f" RETURNING {KEYS[insert.group(1)]}"
        returns_key = True
    out: list[str] = []
    limits: set[int] = set()
    lists: set[int] = set()
    n = 0
    parts = re.split(rf"(\?|{_SLOT}\w+{_SLOT})", code.replace("%", "%%"))
    for part in parts:
        if part == "?":
            if re.search(r"\bLIMIT\s*$", out[-1] if out else "", re.I):
                limits.add(n)
            out.append("%s")
            n += 1
        elif part.startswith(_SLOT):
            lists.add(n)
            out.append(part)
            n += 1
        else:
            out.append(part)
    text = "".join(out)
    text = re.sub("\x00(\\d+)\x00", lambda m: literals[int(m.group(1))].replace("%", "%%"), text)
    return Statement(text, frozenset(limits), frozenset(lists), returns_key)


def bind(statement: Statement, params: Any) -> tuple[str, list[Any]]:
    """The SQL and parameters to execute ``statement`` with ``params`` (a sequence).

    A ``json_each`` parameter becomes ``unnest`` of one typed array (ids, terms or
    numbers) or of two (a mapping's keys and values); a negative ``LIMIT`` is none.

    Example:
        >>> bind(translate("SELECT value FROM json_each(?)"), ["[3, 1]"])
        ('SELECT value FROM unnest(%s::bigint[]) AS json_each(value)', [[3, 1]])
    """
    values = list(params or ())
    if not statement.limits and not statement.lists:
        return statement.sql, values
    out: list[Any] = []
    sql = statement.sql
    for i, value in enumerate(values):
        if i in statement.limits and isinstance(value, int) and value < 0:
            out.append(None)
        elif i in statement.lists:
            source, arrays = _unnest(json.loads(value))
            start = sql.index(_SLOT)
            end = sql.index(_SLOT, start + 1)
            alias = sql[start + 1 : end]
            sql = sql[:start] + source.format(alias=alias) + sql[end + 1 :]
            out.extend(arrays)
        else:
            out.append(value)
    return sql, out


def _array_type(items: list[Any]) -> str:
    if items and all(isinstance(x, str) for x in items):
        return "text"
    if any(isinstance(x, float) for x in items):
        return "float8"
    return "bigint"


def _unnest(value: Any) -> tuple[str, list[Any]]:
    """``FROM`` source and arrays for one ``json_each`` parameter."""
    if isinstance(value, dict):
        keys, items = list(value), list(value.values())
        kind = _array_type(items)
        return f"unnest(%s::text[], %s::{kind}[]) AS {{alias}}(key, value)", [keys, items]
    items = list(value)
    return f"unnest(%s::{_array_type(items)}[]) AS {{alias}}(value)", [items]


def _null_order(code: str) -> str:
    """Each ``ORDER BY`` term with SQLite's NULL order made explicit."""
    out: list[str] = []
    at = 0
    for m in _ORDER_BY.finditer(code):
        if m.start() < at:
            continue
        out.append(code[at : m.end()])
        i, depth, term_start = m.end(), 0, m.end()
        terms: list[str] = []
        while i < len(code):
            ch = code[i]
            if ch == "(":
                depth += 1
            elif ch == ")":
                if depth == 0:
                    break
                depth -= 1
            elif depth == 0 and ch == ",":
                terms.append(code[term_start:i])
                term_start = i + 1
            elif depth == 0 and code[i - 1].isspace() and _ORDER_END.match(code, i):
                break
            i += 1
        tail = code[term_start:i]
        trailing = tail[len(tail.rstrip()) :]
        terms.append(tail.rstrip())
        out.append(",".join(with_nulls(t) for t in terms) + trailing)
        at = i
    out.append(code[at:])
    return "".join(out)


def with_nulls(term: str) -> str:
    if re.search(r"\bNULLS\b", term, re.I) or not term.strip():
        return term
    if re.search(r"\bDESC\s*$", term, re.I):
        return term + " NULLS LAST"
    return term + " NULLS FIRST"
