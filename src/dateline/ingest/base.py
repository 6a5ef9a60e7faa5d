"""The reader registry and what every reader shares: opened inputs, decoding, dispatch.

An input is anything that yields articles: a file, a member of an archive, a
decompressed stream, standard input, a fetched page. Each is opened once as an
:class:`Input` — a label for error lines, a name whose suffix picks the reader, and a
peekable binary stream — and handed to the reader registered for its suffix, or, when
the suffix says nothing, for what its first bytes look like (HTML, a feed, a WARC, a
gzip stream...).

Readers come in two kinds. *Whole-document* readers (``.txt``, ``.json``, ``.csv``,
HTML, feeds) read the input with :meth:`Input.text`, refused past
``Config.max_file_bytes``. *Streaming* readers (JSON Lines, WARC, archives and
compressed files) read as they go, so a 10 GB JSON Lines file or a 50,000-page WARC
passes in bounded memory: one line or one record at a time, none larger than
``max_file_bytes``.
"""

from __future__ import annotations

import codecs
import io
import lzma
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import import_module, resources
from pathlib import Path, PurePosixPath
from typing import Any

from dateline.config import Config
from dateline.errors import E, InputError
from dateline.records import Article, Failure, Notice, Skipped

#: What reading an input gives: articles, per-item failures, warnings, items known unchanged.
Item = Article | Failure | Notice | Skipped

#: Bytes of an input looked at to recognise its format.
HEAD = 8192


@dataclass
class Input:
    """One opened input.

    Attributes:
        label: Names the input in error lines (``path``, ``archive.zip:member``,
            ``crawl.warc.gz@1234``, ``<stdin>``, a URL).
        name: A file name whose suffix picks the reader (``news.jsonl``); ``""`` when
            there is none and the format is recognised from the content.
        stream: The bytes, peekable (``stream.peek``) for sniffing.
        url: Where the bytes were fetched from, when they were.
        content_type: The media type a server or archive gave for them.
        depth: How many archives or compressions it is inside (bounded).
    """

    label: str
    name: str
    stream: io.BufferedReader[Any]
    url: str | None = None
    content_type: str | None = None
    depth: int = 0

    @classmethod
    def of(
        cls,
        label: str,
        name: str,
        raw: Any,
        *,
        url: str | None = None,
        content_type: str | None = None,
        depth: int = 0,
    ) -> Input:
        """Wrap a binary stream (made peekable)."""
        stream = raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(raw, HEAD)
        return cls(label, name, stream, url=url, content_type=content_type, depth=depth)

    @classmethod
    def of_bytes(
        cls, label: str, name: str, data: bytes, *, url: str | None = None,
        content_type: str | None = None, depth: int = 0,
    ) -> Input:  # fmt: skip
        """An input over bytes already in memory (a fetched page, an archive record)."""
        return cls.of(label, name, io.BytesIO(data), url=url, content_type=content_type,
                      depth=depth)  # fmt: skip

    @property
    def suffixes(self) -> list[str]:
        """The name's suffixes, lower case (``["jsonl", "gz"]`` → ``[".jsonl", ".gz"]``)."""
        return [s.lower() for s in PurePosixPath(self.name).suffixes]

    def head(self, n: int = HEAD) -> bytes:
        """The first ``n`` bytes (or fewer), without consuming them."""
        return self.stream.peek(n)[:n]

    def read(self, limit: int) -> bytes:
        """All the bytes, refused past ``limit``.

        Raises:
            InputError: more than ``limit`` bytes (``DL104``), or only whitespace (``DL102``).
        """
        data = self.stream.read(limit + 1)
        if len(data) > limit:
            raise InputError(E.TOO_LARGE, size=f"more than {limit:,}", limit=limit)
        if not data.strip():
            raise InputError(E.EMPTY)
        return data

    def text(self, config: Config) -> str:
        """All of it decoded (see :func:`decode`), within ``config.max_file_bytes``."""
        return decode(self.read(config.max_file_bytes))

    def close(self) -> None:
        self.stream.close()


#: A reader turns one opened input into articles, failures and warnings.
Reader = Callable[[Input, Config], Iterator[Item]]

_READERS: dict[str, Reader] = {}
#: Readers tried on the first bytes of an input whose name says nothing, in order.
_SNIFFERS: list[tuple[Callable[[bytes], bool], Reader]] = []
#: The built-in readers' modules (under ``dateline.ingest``), imported when the first
#: input is read — the HTML stack and the feed parser are costs only reading pays —
#: and in this order their sniffers are tried, whichever was imported first.
BUILTIN_READERS = ("web", "jsonl", "archives", "csvfile", "pages", "text")
_builtins_loaded = False


def _load_readers() -> None:
    global _builtins_loaded
    if not _builtins_loaded:
        _builtins_loaded = True
        for name in BUILTIN_READERS:
            import_module(f"dateline.ingest.{name}")


def _rank(fn: Reader) -> int:
    """A sniffer's place: built-ins in :data:`BUILTIN_READERS` order, then the others."""
    package, _, name = fn.__module__.rpartition(".")
    if package == "dateline.ingest" and name in BUILTIN_READERS:
        return BUILTIN_READERS.index(name)
    return len(BUILTIN_READERS)


def reader(
    *suffixes: str, sniff: Callable[[bytes], bool] | None = None
) -> Callable[[Reader], Reader]:
    """Register a reader for name suffixes (``".csv"``, ``".warc.gz"``) and, with
    ``sniff``, for inputs whose first bytes ``sniff`` recognises."""

    def register(fn: Reader) -> Reader:
        for suffix in suffixes:
            _READERS[suffix.lower()] = fn
        if sniff is not None:
            _SNIFFERS.append((sniff, fn))
            _SNIFFERS.sort(key=lambda pair: _rank(pair[1]))  # stable: a module's own order kept
        return fn

    return register


def known_suffix(name: str) -> bool:
    """Whether a file name's suffixes select a reader."""
    return _by_suffix(name) is not None


def _by_suffix(name: str) -> Reader | None:
    _load_readers()
    suffixes = [s.lower() for s in PurePosixPath(name).suffixes]
    for i in range(len(suffixes)):  # the longest match first: ".warc.gz" before ".gz"
        fn = _READERS.get("".join(suffixes[i:]))
        if fn is not None:
            return fn
    return None


def sample_path() -> Path:
    """The bundled sample corpus (295 Wikinews articles and the seed wire story)."""
    return Path(str(resources.files("dateline") / "sample"))


def failure(item: str, error: InputError) -> Failure:
    return Failure(item=item, reason=error.message, code=error.code)


def decode(data: bytes) -> str:
    """Decode file bytes: UTF-8 (BOM allowed), UTF-16 with BOM, else detection.

    Raises:
        InputError: binary data, or no encoding that reads the bytes reliably.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(E.UNDECODABLE) from exc
    if b"\x00" in data[:HEAD]:
        raise InputError(E.BINARY)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    # Accept a detection only when the decoded text looks like text.
    if best is None or best.chaos > 0.2:
        raise InputError(E.UNDECODABLE)
    text = str(best)
    if sum(ch.isprintable() or ch.isspace() for ch in text) < 0.95 * len(text):
        raise InputError(E.UNDECODABLE)
    return text


#: What decompressors and archive readers raise on damaged data.
CORRUPTION = (OSError, EOFError, zlib.error, lzma.LZMAError, zipfile.BadZipFile)

#: Archives inside archives (a .gz in a .zip in a WARC ...) are read this deep at most.
MAX_DEPTH = 4


def choose(inp: Input, *, explicit: bool = True) -> Reader | None:
    """The reader for an input: by its name's suffix, else by its first bytes.

    ``None`` when nothing fits; ``explicit`` inputs (named by the user) then fail with
    ``DL111``, files found while walking a folder are passed over.
    """
    fn = _by_suffix(inp.name)
    if fn is not None:
        return fn
    head = inp.head()
    _load_readers()
    for sniff, candidate in _SNIFFERS:
        if sniff(head):
            return candidate
    return None


def read_input(inp: Input, config: Config, *, explicit: bool = True) -> Iterator[Item]:
    """Read one opened input with its reader; every error becomes a one-line failure.

    A reader that fails half-way (a truncated gzip stream, a corrupt archive) keeps
    what it had already read; the failure names the input.
    """
    try:
        if inp.depth > MAX_DEPTH:
            raise InputError(E.TOO_DEEP, depth=MAX_DEPTH)
        fn = choose(inp, explicit=explicit)
        if fn is None:
            if not explicit:
                return
            if not inp.head().strip():
                raise InputError(E.EMPTY)
            suffix = "".join(inp.suffixes) or inp.name or "(no suffix)"
            raise InputError(E.UNSUPPORTED, suffix=suffix)
        yield from fn(inp, config)
    except InputError as exc:
        yield failure(inp.label, exc)
    except CORRUPTION as exc:  # truncated or corrupt compressed data, bad archives
        detail = str(exc) or type(exc).__name__
        yield Failure(item=inp.label, reason=E.CORRUPT.format(detail=detail), code=E.CORRUPT.code)
