"""What users name on the command line: files, folders, ``-`` for standard input, URLs.

Folders are read recursively, in a stable order; hidden files are skipped, and so are
a folder's notes about itself (``README``, ``LICENSE``, ``ATTRIBUTION`` ...) and files
whose name and content match no reader (images, style sheets): a folder of crawled
pages may hold anything. A file named explicitly that no reader takes fails
with ``DL111``. Nothing is read ahead: articles come out as their inputs are read.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from dateline.config import Config
from dateline.errors import E, InputError
from dateline.ingest.base import Input, Item, choose, failure, known_suffix, read_input
from dateline.ingest.text import text_article
from dateline.ingest.urls import read_url_list
from dateline.records import Failure
from dateline.storage.fetched import FetchState

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


def is_url(text: str) -> bool:
    """Whether a command-line argument is a web address rather than a path."""
    return text.lower().startswith(("http://", "https://"))


def _url_list(path: Path, config: Config) -> tuple[list[str], list[Item]]:
    """The URLs of a ``--urls`` file, and its bad lines as failures."""
    try:
        with path.open("rb") as handle:
            text = Input.of(str(path), path.name, handle).text(config)
    except InputError as exc:
        return [], [failure(str(path), exc)]
    except OSError as exc:
        return [], [Failure(item=str(path), reason=exc.strerror or str(exc), code=E.NOT_FOUND.code)]
    urls: list[str] = []
    bad: list[Item] = []
    for line in read_url_list(text, label=str(path)):
        (bad if isinstance(line, Failure) else urls).append(line)  # type: ignore[arg-type]
    return urls, bad


def read_paths(
    paths: Iterable[str | Path],
    *,
    config: Config,
    url_lists: Iterable[str | Path] = (),
    state: FetchState | None = None,
    changed: Callable[[Path], bool] | None = None,
) -> Iterator[Item]:
    """Read files, directories (recursively), ``-`` and URLs into articles, failures and
    warnings, in order, as a stream.

    Args:
        paths: Files, folders, ``-`` for standard input, http(s) URLs (fetched
            politely, see :mod:`dateline.ingest.web`).
        config: Limits and fetching options.
        url_lists: Files of URLs, one a line (``--urls``).
        state: What earlier fetches remembered (conditional requests).
        changed: When given, only the files it says changed are read (a watch).

    Example:
        >>> for item in read_paths(["news/"], config=Config()):  # doctest: +SKIP
        ...     print(item.id if isinstance(item, Article) else item)
    """
    from dateline.ingest.web import Web  # the feed parser and the HTTP client: when reading

    with Web(config, state=state) as web:
        urls: list[str] = []
        for raw in paths:
            if is_url(str(raw)):
                urls.append(str(raw))  # consecutive URLs are fetched side by side
                continue
            if urls:
                yield from web.read_urls(urls)
                urls = []
            if str(raw) == STDIN:
                yield from read_stdin(config)
                continue
            path = Path(raw)
            if path.is_dir():
                for child in _files(path):
                    if changed is None or changed(child):
                        yield from read_file(child, config, explicit=False)
            elif path.exists():
                if changed is None or changed(path):
                    yield from read_file(path, config)
            else:
                yield failure(str(path), InputError(E.NOT_FOUND))
        for listed in url_lists:
            more, bad = _url_list(Path(listed), config)
            yield from bad
            urls += more
        if urls:
            yield from web.read_urls(urls)
