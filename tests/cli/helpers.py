"""Running the ``dateline`` command as a user does, and small databases made by hand."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import dateline
from dateline.records import Article, Cue, Entity, Mention, Quote, Speaker, Timex, Work
from dateline.storage.sqlite import SQLiteStore

#: ``python -m dateline`` with this interpreter: the checkout under test, installed or not.
CLI = [sys.executable, "-m", "dateline"]

#: The keys of a timex in the JSON contract.
TIMEX_KEYS = {"start", "end", "text", "type", "value", "mod", "anchor"}


def cli_env() -> dict[str, str]:
    """The environment with the tested ``dateline`` package first on the path (any cwd)."""
    src = str(Path(dateline.__file__).resolve().parents[1])
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": src + (os.pathsep + path if path else "")}


def dl(
    *args: str, cwd: Path | None = None, timeout: int = 300, input: str | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*CLI, *args], capture_output=True, text=True, cwd=cwd, timeout=timeout, input=input,
        env=cli_env(),
    )  # fmt: skip


def assert_no_traceback(proc: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout


def assert_one_line_error(proc: subprocess.CompletedProcess, says: str) -> None:
    """Exit status 2, nothing on stdout, one ``dateline: error: … [DLnnn]`` line on stderr."""
    assert proc.returncode == 2, proc.stderr
    assert_no_traceback(proc)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and says in lines[0] and "[DL" in lines[0], proc.stderr
    assert proc.stdout == ""


def json_and_csv(*args: str) -> tuple[Any, list[dict[str, str]], list[str]]:
    """A command's ``--json`` document, and its ``--csv`` rows and header."""
    as_json = dl(*args, "--json")
    assert as_json.returncode == 0, as_json.stderr
    as_csv = dl(*args, "--csv")
    assert as_csv.returncode == 0, as_csv.stderr
    reader = csv.DictReader(io.StringIO(as_csv.stdout))
    rows = list(reader)
    return json.loads(as_json.stdout), rows, list(reader.fieldnames or [])


def stored_dates_db(tmp_path: Path) -> Path:
    """A database of hand-made timexes (independent of the tagger)."""

    def work(i: int, title: str, text: str, *values: tuple[str, str]) -> Work:
        art = Article(id=f"a{i}", title=title, published=dt.date(2019, 6, i), source=None,
                      url=None, text=text)  # fmt: skip
        times = [Timex(text.index(p), text.index(p) + len(p), p, "DATE", v) for p, v in values]
        return Work(article=art, timexes=times)

    db = tmp_path / "dates.db"
    store = SQLiteStore(str(db), create=True)
    store.save([
        work(1, "Sputnik remembered", "Sputnik was launched on October 4, 1957, by the USSR.",
             ("October 4, 1957", "1957-10-04")),
        work(2, "Oil shocks", "Prices rose in the 1970s and again in June 2019.",
             ("the 1970s", "197"), ("June 2019", "2019-06")),
    ])  # fmt: skip
    store.close()
    return db


def stored_quotes_db(tmp_path: Path) -> Path:
    """A database of hand-made entities and quotes (independent of the quote finder)."""

    def at(text: str, phrase: str) -> tuple[int, int]:
        return text.index(phrase), text.index(phrase) + len(phrase)

    def said(text: str, content: str, kind: str, who: str, local: str | None, value: str | None,
             cue: str = "said") -> Quote:  # fmt: skip
        start, end = at(text, content)
        return Quote(start, end, content, kind, ((start, end),), Cue(*at(text, cue), cue, "say"),
                     Speaker(*at(text, who), who, local), value)  # fmt: skip

    t1 = ('Vladimir Putin said on Tuesday: "We are ready to sign a peace treaty with Japan." '
          "Officials said talks would continue.")  # fmt: skip
    putin = Entity("e1", "Vladimir Putin", "PERSON", "vladimir putin", ("President",), "Russia",
                   (Mention(*at(t1, "Vladimir Putin"), "Vladimir Putin"),))  # fmt: skip
    t2 = "Prime Minister Shinzo Abe said the islands were Japanese."
    abe = Entity("e1", "Shinzo Abe", "PERSON", "shinzo abe", ("Prime Minister",), "Japan",
                 (Mention(*at(t2, "Shinzo Abe"), "Shinzo Abe"),))  # fmt: skip
    db = tmp_path / "quotes.db"
    store = SQLiteStore(str(db), create=True)
    store.save([
        Work(article=Article("a1b2c3d4e5", "Putin on the treaty", dt.date(2019, 11, 7), None,
                             None, t1),
             entities=[putin],
             quotes=[said(t1, "We are ready to sign a peace treaty with Japan.", "direct",
                          "Vladimir Putin", "e1", "2019-11-05"),
                     said(t1, "talks would continue", "indirect", "Officials", None, None,
                          cue="said talks")]),
        Work(article=Article("f00ba4", "Abe on the islands", dt.date(2019, 6, 3), None, None, t2),
             entities=[abe],
             quotes=[said(t2, "the islands were Japanese", "indirect", "Shinzo Abe", "e1", None)]),
    ])  # fmt: skip
    store.close()
    return db
