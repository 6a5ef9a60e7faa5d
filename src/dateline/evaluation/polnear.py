"""PolNeAR (Newell, Margolin & Ruths, LREC 2018): news texts with gold attributions.

PolNeAR annotates every *attribution* in political news of 2015-16: direct and
indirect speech, and also beliefs and intentions ("he thinks that ..."), each
with its content, cue and (usually) source. The corpus is read from the shared
data folder (``<data root>/quotes/polnear/{train,dev}``, see its
``LICENCE-NOTE.txt``): it has no licence for redistribution, so nothing of it may
ever be copied into this repository, tests included.

The files are brat standoff; what this reader relies on, checked on every
train and dev file:

- ``T<n>\\t<Label> <start> <end>[;<start> <end>...]\\t<text>``: Python character
  offsets into ``text/<doc>.txt``, end exclusive, ``;`` between fragments of a
  discontinuous span; the text is the fragments joined by one space, in the
  order written, which is not always text order (the reader sorts them). A span may
  cross a line break, and then its text runs over several lines of the
  ``.ann`` file (a line matching no ``T``/``E``/``#`` prefix continues the last
  ``T`` line).
- ``E<n>\\tAttribution:T<a> Content:T<c> Cue:T<q> Source:T<s>`` in any order.
  The trigger is ``Attribution`` or ``Attribution-no-source``; ``Source`` may be
  missing (and a few E lines lack ``Content`` or ``Cue``); a second content is
  written ``Content2``. The role named in the E line is what counts: in train a
  handful of T labels disagree with it (a ``Source`` role pointing at a T labelled
  ``Content``, a ``Cue`` role at a ``Discuss``).
- ``#<n>\\tAnnotatorNotes ...`` comments are ignored, as are ``Discuss`` and
  ``Discard`` T lines no E line uses.

Documents annotated by several people (agreement checks) have one ``.ann`` per
annotator (``<doc>_<annotator>.ann``); like upstream, one annotator is scored per
document: the first file in sorted order. The publication date is the one in
the file name (``breitbart_2016-09-12_...``); the first line of each text is the
headline.

Example:
    >>> docs = load_polnear("dev")  # doctest: +SKIP
    >>> a = docs[0].attributions[0]  # doctest: +SKIP
    >>> [docs[0].text[s:e] for s, e in a.cue]  # doctest: +SKIP
    ['said']
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from dateline.evaluation.timeml import DATA_ENV, data_root

#: The splits present in the shared folder (the test split is not distributed here).
SPLITS = ("train", "dev")
#: ``<doc>_<annotator>.ann``: annotators are four hexadecimal digits.
_ANN_NAME = re.compile(r"^(?P<doc>.+)_(?P<annotator>[0-9a-f]{4})\.ann$")
_T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$")
_OTHER_LINE = re.compile(r"^[ERAM#N]\d*\t")
_DATE_IN_NAME = re.compile(r"_(\d{4}-\d{2}-\d{2})_")

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class TextBound:
    """One ``T`` line: its label and fragments in the order written (not always text order)."""

    id: str
    label: str
    fragments: tuple[Span, ...]
    text: str


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One annotated attribution (an ``E`` line).

    Attributes:
        id: The E line's id (``E7``).
        content: Fragments of the content (``Content`` then ``Content2``), in text order;
            empty for the rare E line without one.
        cue: Fragments of the cue; empty when the E line has none.
        source: Fragments of the source, or ``None`` when there is no source.
    """

    id: str
    content: tuple[Span, ...]
    cue: tuple[Span, ...]
    source: tuple[Span, ...] | None


@dataclass(frozen=True, slots=True)
class PolnearDoc:
    """A PolNeAR text with one annotator's attributions.

    Attributes:
        id: File name without ``.txt`` (publisher, date and slug).
        annotator: The annotator whose file was read.
        text: The article, first line its headline.
        published: The date in the file name, else ``None``.
        attributions: In the order of the ``.ann`` file.
        bounds: Every ``T`` line, for checking offsets.
    """

    id: str
    annotator: str
    text: str
    published: dt.date | None
    attributions: tuple[GoldAttribution, ...]
    bounds: tuple[TextBound, ...] = ()

    @property
    def publisher(self) -> str:
        """The publisher code that starts the file name (``nyt``, ``wash-post`` ...)."""
        return self.id.split("_", 1)[0]


def read_ann(path: str | Path) -> tuple[list[TextBound], list[GoldAttribution]]:
    """The T lines and attributions of one brat ``.ann`` file (see the module docstring)."""
    raw = Path(path).read_text(encoding="utf-8")
    lines = raw.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    bounds: dict[str, list[str]] = {}
    order: list[str] = []
    events: list[str] = []
    last: str | None = None
    for line in lines:
        m = _T_LINE.match(line)
        if m:
            last = m.group(1)
            bounds[last] = [m.group(2), m.group(3), m.group(4)]
            order.append(last)
        elif line.startswith("E") and _OTHER_LINE.match(line):
            events.append(line)
            last = None
        elif _OTHER_LINE.match(line):
            last = None
        elif last is not None:
            bounds[last][2] += "\n" + line  # the span's text crosses a line break
        elif line.strip():
            raise ValueError(f"{path}: unreadable line {line[:60]!r}")
    tbs = {
        tid: TextBound(tid, label, _fragments(offsets), text)
        for tid, (label, offsets, text) in bounds.items()
    }
    return [tbs[t] for t in order], [_attribution(line, tbs, path) for line in events]


def _fragments(offsets: str) -> tuple[Span, ...]:
    pairs = (part.split() for part in offsets.split(";"))
    return tuple((int(s), int(e)) for s, e in pairs)


def _attribution(line: str, tbs: dict[str, TextBound], path: str | Path) -> GoldAttribution:
    eid, _, args = line.partition("\t")
    roles: dict[str, list[Span]] = {}
    for arg in args.split():
        role, _, tid = arg.partition(":")
        if tid not in tbs:
            raise ValueError(f"{path}: {eid} names unknown {tid}")
        role = re.sub(r"\d+$", "", role)  # Content2 is more content
        roles.setdefault(role, []).extend(tbs[tid].fragments)
    source = roles.get("Source")
    return GoldAttribution(
        id=eid,
        content=tuple(sorted(roles.get("Content", []))),
        cue=tuple(sorted(roles.get("Cue", []))),
        source=tuple(sorted(source)) if source else None,
    )


def polnear_root(root: Path | None = None) -> Path | None:
    """``<data root>/quotes/polnear`` when it is there, else ``None``."""
    root = root if root is not None else data_root()
    path = root / "quotes" / "polnear" if root is not None else None
    return path if path is not None and path.is_dir() else None


def annotation_files(split: str, root: Path | None = None) -> dict[str, list[Path]]:
    """Every ``.ann`` file of a split by document id, each list in sorted order."""
    folder = _split_folder(split, root) / "attributions"
    files: dict[str, list[Path]] = {}
    for path in sorted(folder.glob("*.ann")):
        m = _ANN_NAME.match(path.name)
        if m is None:
            raise ValueError(f"{path}: not <doc>_<annotator>.ann")
        files.setdefault(m.group("doc"), []).append(path)
    return files


def _split_folder(split: str, root: Path | None) -> Path:
    if split not in SPLITS:
        raise ValueError(f"unknown PolNeAR split {split!r}; expected one of {', '.join(SPLITS)}")
    base = polnear_root(root)
    if base is None:
        raise FileNotFoundError(f"no quotes/polnear in the shared data folder (set ${DATA_ENV})")
    folder = base / split
    if not folder.is_dir():
        raise FileNotFoundError(folder)
    return folder


def read_doc(text_path: Path, ann_path: Path) -> PolnearDoc:
    """One document: its text and the attributions of one ``.ann`` file."""
    m = _ANN_NAME.match(ann_path.name)
    annotator = m.group("annotator") if m else ""
    text = text_path.read_text(encoding="utf-8")
    bounds, attributions = read_ann(ann_path)
    date = _DATE_IN_NAME.search(text_path.name)
    published = None
    if date:
        try:
            published = dt.date.fromisoformat(date.group(1))
        except ValueError:
            published = None
    return PolnearDoc(
        id=text_path.stem,
        annotator=annotator,
        text=text,
        published=published,
        attributions=tuple(attributions),
        bounds=tuple(bounds),
    )


def load_polnear(
    split: str = "dev", root: Path | None = None, *, limit: int | None = None
) -> list[PolnearDoc]:
    """Documents of a split, sorted by id, each with its first annotator's attributions.

    Args:
        split: ``train`` or ``dev``.
        root: The shared data folder; :func:`~dateline.evaluation.timeml.data_root` when ``None``.
        limit: Read only the first ``limit`` documents (sorted by id).

    Raises:
        ValueError: an unknown split.
        FileNotFoundError: the data is missing.
    """
    folder = _split_folder(split, root)
    by_doc = annotation_files(split, root)
    ids = sorted(by_doc)[:limit] if limit is not None else sorted(by_doc)
    return [read_doc(folder / "text" / f"{doc}.txt", by_doc[doc][0]) for doc in ids]
