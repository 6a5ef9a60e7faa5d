"""What users name on the command line: files, folders, ``-`` for standard input.

Folders are read recursively, in a stable order; hidden files are skipped, and so are
a folder's notes about itself (``README``, ``LICENSE``, ``ATTRIBUTION`` ...) and files
whose name and content match no reader (images, style sheets): a folder of crawled
pages may hold anything. A file named explicitly that no reader takes fails
with ``DL111``. Nothing is read ahead: articles come out as their inputs are read.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from dateline.config import Config
from dateline.errors import E, InputError
from dateline.ingest.base import Input, Item, choose, failure, known_suffix, read_input
from dateline.ingest.text import text_article
from dateline.records import Failure

#: The name that stands for standard input.
STDIN = "-"


#: A folder's notes about itself, not articles (``README.md``, ``LICENSE.txt``).
META_NAMES = frozenset(
    ("readme", "license", "licence", "copying", "attribution", "authors", "changelog",
     "changes", "notice", "contributing", "source", "sources")
)  # fmt: skip


def _files(path: Path) -> Iterator[Path]:
    """Files under a directory, recursively, in a stable order; hidden files and the
    folder's notes about itself skipped."""
    for child in sorted(path.rglob("*")):
        if not child.is_file() or any(p.startswith(".") for p in child.relative_to(path).parts):
            continue
        if child.name.split(".", 1)[0].lower() in META_NAMES:
            continue
        yield child


def read_file(path: Path, config: Config, *, explicit: bool = True) -> Iterator[Item]:
    """Read one file with the reader its name (or, failing that, its content) selects."""
    if not explicit and path.suffix and not known_suffix(path.name):
        # A folder's .png or .css: not opened at all. Files without a suffix are sniffed.
        return
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield Failure(item=str(path), reason=exc.strerror or str(exc), code=E.NOT_FOUND.code)
        return
    with handle:
        yield from read_input(Input.of(str(path), path.name, handle), config, explicit=explicit)


def read_stdin(config: Config) -> Iterator[Item]:
    """Standard input: JSON Lines, JSON, HTML, a feed or an archive by its first bytes,
    else one plain text."""
    inp = Input.of("<stdin>", "", sys.stdin.buffer)
    if choose(inp) is not None:
        yield from read_input(inp, config)
        return
    try:
        yield text_article(inp.text(config), label=inp.label, config=config)
    except InputError as exc:
        yield failure(inp.label, exc)


def read_paths(paths: Iterable[str | Path], *, config: Config) -> Iterator[Item]:
    """Read files, directories (recursively) and ``-`` into articles, failures and
    warnings, in order, as a stream.

    Example:
        >>> for item in read_paths(["news/"], config=Config()):  # doctest: +SKIP
        ...     print(item.id if isinstance(item, Article) else item)
    """
    for raw in paths:
        if str(raw) == STDIN:
            yield from read_stdin(config)
            continue
        path = Path(raw)
        if path.is_dir():
            for child in _files(path):
                yield from read_file(child, config, explicit=False)
        elif path.exists():
            yield from read_file(path, config)
        else:
            yield failure(str(path), InputError(E.NOT_FOUND))
