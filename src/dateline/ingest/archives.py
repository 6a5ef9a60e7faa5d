"""Compressed files, zip archives and web archives (WARC), read as streams.

- ``.gz``, ``.bz2``, ``.xz``/``.lzma`` (or gzip/bzip2/xz bytes, whatever the name):
  decompressed as they are read and handed to the reader of the inner name
  (``news.jsonl.gz`` → JSON Lines), or of what the inner bytes look like.
- ``.zip``: each member is an input of its own, labelled ``archive.zip:member``;
  members of no known format are passed over, as files are in folders.
- ``.warc``, ``.warc.gz`` (or bytes starting ``WARC/``): each ``response`` or
  ``resource`` record of an HTML page with status 200 is read as a web page
  (:mod:`dateline.ingest.pages`), labelled ``crawl.warc.gz@OFFSET``; other records
  (requests, metadata, images, redirects) are passed over.

Memory stays bounded: a compressed stream is read through, a zip member at a time, a
WARC record at a time (none larger than ``Config.max_file_bytes``).
"""

from __future__ import annotations

import bz2
import gzip
import lzma
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from pathlib import PurePosixPath
from typing import Any

from dateline.config import Config
from dateline.errors import E, InputError
from dateline.ingest.base import Input, Item, failure, read_input, reader

_GZIP, _BZIP2, _XZ, _ZIP = b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00", b"PK\x03\x04"

#: Decompressors by the magic bytes that open their streams.
_OPENERS: dict[bytes, Callable[[Any], Any]] = {
    _GZIP: lambda f: gzip.GzipFile(fileobj=f, mode="rb"),
    _BZIP2: lambda f: bz2.BZ2File(f, mode="rb"),
    _XZ: lambda f: lzma.LZMAFile(f, mode="rb"),
}
_SUFFIXES = {".gz": _GZIP, ".gzip": _GZIP, ".bz2": _BZIP2, ".xz": _XZ, ".lzma": _XZ}


def _compressed(head: bytes) -> bool:
    return head.startswith((_GZIP, _BZIP2, _XZ))


@reader(*_SUFFIXES, sniff=_compressed)
def read_compressed(inp: Input, config: Config) -> Iterator[Item]:
    head = inp.head(6)
    magic = next((m for m in _OPENERS if head.startswith(m)), None)
    if magic is None:
        if not head.strip():
            raise InputError(E.EMPTY)
        suffix = "".join(inp.suffixes[-1:])
        raise InputError(E.CORRUPT, detail=f"not {suffix or 'compressed'} data")
    name = inp.name
    suffix = PurePosixPath(name).suffix
    if suffix.lower() in _SUFFIXES:
        name = name[: -len(suffix)]
    inner = Input.of(
        inp.label, name, _OPENERS[magic](inp.stream), url=inp.url, depth=inp.depth + 1
    )
    yield from read_input(inner, config)


def _zip(head: bytes) -> bool:
    return head.startswith(_ZIP)


#: Spooled in memory up to this size when a zip arrives on a stream that cannot seek.
SPOOL_BYTES = 32 * 1024 * 1024


@reader(".zip", sniff=_zip)
def read_zip(inp: Input, config: Config) -> Iterator[Item]:
    raw: Any = inp.stream
    spool = None
    if not raw.seekable():  # standard input, a member of another archive
        spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)
        shutil.copyfileobj(raw, spool)
        spool.seek(0)
        raw = spool
    try:
        with zipfile.ZipFile(raw) as archive:
            for info in archive.infolist():
                parts = PurePosixPath(info.filename).parts
                if info.is_dir() or any(p.startswith((".", "__MACOSX")) for p in parts):
                    continue
                label = f"{inp.label}:{info.filename}"
                try:
                    member = archive.open(info)
                except (RuntimeError, NotImplementedError) as exc:  # encrypted, odd method
                    yield failure(label, InputError(E.CORRUPT, detail=str(exc)))
                    continue
                with member:
                    item = Input.of(label, info.filename, member, depth=inp.depth + 1)
                    yield from read_input(item, config, explicit=False)
    finally:
        if spool is not None:
            spool.close()


def _warc(head: bytes) -> bool:
    return head.startswith(b"WARC/")


#: HTTP media types of pages a WARC record is read as.
PAGE_TYPES = ("text/html", "application/xhtml+xml")


@reader(".warc", ".warc.gz", sniff=_warc)
def read_warc(inp: Input, config: Config) -> Iterator[Item]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from dateline.ingest.pages import page_items

    limit = config.max_file_bytes
    records = ArchiveIterator(inp.stream)
    try:
        for record in records:
            if record.rec_type not in ("response", "resource"):
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            if record.rec_type == "response":
                http = record.http_headers
                if http is None or http.get_statuscode() != "200":
                    continue  # redirects, errors, not-modified: no page
                kind = http.get_header("Content-Type") or ""
            else:
                kind = record.rec_headers.get_header("Content-Type") or ""
            if kind.split(";", 1)[0].strip().lower() not in PAGE_TYPES:
                continue
            body = record.content_stream().read(limit + 1)
            # The offset is known once the record is read (warcio reads to its end).
            label = f"{inp.label}@{records.get_record_offset()}"
            if len(body) > limit:
                error = InputError(E.TOO_LARGE, size=f"more than {limit:,}", limit=limit)
                yield failure(label, error)
                continue
            yield from page_items(body, label=label, url=url, config=config)
    except (ArchiveLoadFailed, AttributeError, ValueError, TypeError, KeyError) as exc:
        # warcio meets a malformed record with whatever its parser trips on.
        detail = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise InputError(E.CORRUPT, detail=f"bad WARC record: {detail}") from exc
