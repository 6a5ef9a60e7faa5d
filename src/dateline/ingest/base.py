"""Reader registry, file checks and decoding shared by every format."""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterable, Iterator
from importlib import resources
from pathlib import Path

from dateline.config import Config
from dateline.errors import E, InputError
from dateline.records import Article, Failure

#: A reader turns one decoded file into articles and per-item failures.
Reader = Callable[[Path, str, Config], Iterator[Article | Failure]]

_READERS: dict[str, Reader] = {}


def reader(*suffixes: str) -> Callable[[Reader], Reader]:
    """Register a reader for file suffixes (``".csv"``)."""

    def register(fn: Reader) -> Reader:
        for suffix in suffixes:
            _READERS[suffix.lower()] = fn
        return fn

    return register


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
    if b"\x00" in data[:8192]:
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


def _files(path: Path) -> Iterator[Path]:
    """Readable files under a directory, recursively, in a stable order."""
    for child in sorted(path.rglob("*")):
        if child.is_file() and not any(p.startswith(".") for p in child.relative_to(path).parts):
            if child.suffix.lower() in _READERS:
                yield child


def read_file(path: Path, config: Config) -> Iterator[Article | Failure]:
    """Read one file with the reader its suffix selects."""
    fn = _READERS.get(path.suffix.lower())
    label = str(path)
    if fn is None:
        yield failure(label, InputError(E.UNSUPPORTED, suffix=path.suffix or path.name))
        return
    try:
        size = path.stat().st_size
        if size > config.max_file_bytes:
            raise InputError(E.TOO_LARGE, size=size, limit=config.max_file_bytes)
        data = path.read_bytes()
        if not data.strip():
            raise InputError(E.EMPTY)
        text = decode(data)
    except InputError as exc:
        yield failure(label, exc)
        return
    except OSError as exc:
        yield Failure(item=label, reason=exc.strerror or str(exc), code=E.NOT_FOUND.code)
        return
    yield from fn(path, text, config)


def read_paths(paths: Iterable[str | Path], *, config: Config) -> Iterator[Article | Failure]:
    """Read files and directories (recursively) into articles and failures, in order.

    Example:
        >>> for item in read_paths(["news/"], config=Config()):  # doctest: +SKIP
        ...     print(item.id if isinstance(item, Article) else item)
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in _files(path):
                yield from read_file(child, config)
        elif path.exists():
            yield from read_file(path, config)
        else:
            yield failure(str(path), InputError(E.NOT_FOUND))
