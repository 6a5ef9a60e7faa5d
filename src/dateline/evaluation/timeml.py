"""TimeML (``.tml``) documents as plain text plus gold TIMEX3 offsets.

The plain text of a document is the content of its ``<TEXT>`` element with
every tag removed and nothing else changed: whitespace and newlines stay as
they are, and character references (``&amp;``) read as the characters they
stand for, exactly as an XML parser delivers them. Offsets are counted in that
text, so ``doc.text[g.start:g.end] == g.text`` for every gold timex. (A parser
would also turn CR LF into LF; no ``<TEXT>`` of TempEval-3 holds a CR, though
some AQUAINT headers do. The only entity in the corpus is ``&amp;``.)

The files are parsed with :mod:`xml.etree.ElementTree` and the offsets are
counted while walking the ``<TEXT>`` element (each element's ``text``, its
children, then their ``tail``), so the text and the offsets come from one
source and cannot drift apart, whatever the attribute order or nesting.

Example:
    >>> docs = load_split("platinum")  # doctest: +SKIP
    >>> d = docs[0]; g = d.timexes[0]  # doctest: +SKIP
    >>> d.text[g.start:g.end] == g.text  # doctest: +SKIP
    True
"""

from __future__ import annotations

import datetime as dt
import os
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

#: Folders of each split under ``<data root>/tempeval3``.
SPLITS: dict[str, tuple[str, ...]] = {
    "train": ("train/TimeBank", "train/AQUAINT"),
    "platinum": ("test-platinum",),
}
#: Environment variable naming the shared data folder.
DATA_ENV = "DATELINE_SHARED_DATA"


@dataclass(frozen=True, slots=True)
class GoldTimex:
    """One annotated TIMEX3 of a document's ``<TEXT>``.

    Attributes:
        start: Offset of the first character in :attr:`TmlDoc.text`.
        end: Offset one past the last character.
        text: ``TmlDoc.text[start:end]``.
        type: ``DATE``, ``TIME``, ``DURATION`` or ``SET``.
        value: The TIMEX3 ``value`` attribute (``""`` when absent).
        mod: The ``mod`` attribute (``START``, ``APPROX`` ...), else ``None``.
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None


@dataclass(frozen=True, slots=True)
class TmlDoc:
    """A TimeML document reduced to what TempEval-3 Task A scores.

    Attributes:
        id: The ``<DOCID>``, else the file name without ``.tml``.
        dct: Document creation time (date part of the ``CREATION_TIME`` TIMEX3).
        text: Plain text of ``<TEXT>`` (tags removed, nothing else changed).
        timexes: Gold TIMEX3 inside ``<TEXT>``, in document order.
    """

    id: str
    dct: dt.date
    text: str
    timexes: tuple[GoldTimex, ...]


def read_tml(path: str | Path) -> TmlDoc:
    """Read one TimeML file.

    Args:
        path: A ``.tml`` file.

    Returns:
        The document's id, DCT, plain text and gold timexes.

    Raises:
        ValueError: no ``<TEXT>`` element or no ``CREATION_TIME`` TIMEX3.
        xml.etree.ElementTree.ParseError: the file is not well-formed XML.
    """
    path = Path(path)
    root = ET.parse(path).getroot()
    body = root.find(".//TEXT")
    if body is None:
        raise ValueError(f"{path}: no <TEXT> element")
    parts: list[str] = []
    spans: list[tuple[int, int, ET.Element]] = []
    _walk(body, parts, spans, 0)
    text = "".join(parts)
    timexes = [
        GoldTimex(
            start=start,
            end=end,
            text=text[start:end],
            type=elem.get("type", ""),
            value=elem.get("value", ""),
            mod=elem.get("mod"),
        )
        for start, end, elem in spans
    ]
    docid = (root.findtext(".//DOCID") or "").strip() or path.stem
    return TmlDoc(
        id=docid,
        dct=_dct(root, path),
        text=text,
        timexes=tuple(sorted(timexes, key=lambda g: (g.start, -g.end))),
    )


def _walk(
    elem: ET.Element, parts: list[str], spans: list[tuple[int, int, ET.Element]], start: int
) -> int:
    """Append ``elem``'s inner text (from offset ``start``) to ``parts``; note TIMEX3 spans.

    Returns the offset just after the element's inner text.
    """
    pos = start
    if elem.text:
        parts.append(elem.text)
        pos += len(elem.text)
    for child in elem:
        pos = _walk(child, parts, spans, pos)
        if child.tail:
            parts.append(child.tail)
            pos += len(child.tail)
    if elem.tag == "TIMEX3":
        spans.append((start, pos, elem))
    return pos


def _dct(root: ET.Element, path: Path) -> dt.date:
    """The date of the ``CREATION_TIME`` TIMEX3 (``1998-11-20T19:30`` gives 1998-11-20)."""
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            value = timex.get("value", "")
            try:
                return dt.date.fromisoformat(value[:10])
            except ValueError as exc:
                raise ValueError(f"{path}: DCT value {value!r} is not a date") from exc
    raise ValueError(f"{path}: no TIMEX3 with functionInDocument=CREATION_TIME")


def _repo_roots() -> list[Path]:
    """Folders holding a ``pyproject.toml`` above this module and above the cwd."""
    roots = []
    for start in (Path(__file__).resolve().parent, Path.cwd().resolve()):
        for folder in (start, *start.parents):
            if (folder / "pyproject.toml").is_file():
                roots.append(folder)
                break
    return roots


def data_root() -> Path | None:
    """The shared data folder, or ``None`` when it is not there.

    ``$DATELINE_SHARED_DATA`` when set; else ``../shared/data`` beside the
    repository root (the nearest folder with a ``pyproject.toml`` above this
    module, then above the working directory).
    """
    env = os.environ.get(DATA_ENV)
    if env:
        path = Path(env).expanduser()
        return path if path.is_dir() else None
    for repo in _repo_roots():
        path = repo.parent / "shared" / "data"
        if path.is_dir():
            return path
    return None


def load_split(name: str, root: Path | None = None) -> list[TmlDoc]:
    """All documents of a TempEval-3 split, sorted by file name.

    Args:
        name: ``train`` (TimeBank + AQUAINT of TBAQ-cleaned) or ``platinum`` (the test set).
        root: The shared data folder; :func:`data_root` when ``None``.

    Raises:
        ValueError: an unknown split name.
        FileNotFoundError: the data (or the split's folder) is missing.
    """
    if name not in SPLITS:
        raise ValueError(f"unknown split {name!r}; expected one of {', '.join(SPLITS)}")
    root = root if root is not None else data_root()
    if root is None:
        raise FileNotFoundError(f"no shared data folder (set ${DATA_ENV})")
    files: list[Path] = []
    for sub in SPLITS[name]:
        folder = root / "tempeval3" / sub
        if not folder.is_dir():
            raise FileNotFoundError(folder)
        files.extend(folder.glob("*.tml"))
    return [read_tml(f) for f in sorted(files, key=lambda f: (f.name, str(f)))]
