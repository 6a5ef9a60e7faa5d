"""Compressed files, zip archives, sniffed formats and standard input."""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import random
import zipfile

import pytest

from dateline.config import Config
from dateline.ingest import Input, read_input, read_paths
from dateline.records import Article, Failure

LINES = [{"text": f"Story number {n} about the harbour.", "date": f"2020-01-0{n}"} for n in range(1, 4)]
JSONL = ("\n".join(json.dumps(x) for x in LINES) + "\n").encode()


def read(paths, **cfg):
    return list(read_paths(paths, config=Config(**cfg)))


@pytest.mark.parametrize(
    ("suffix", "pack"),
    [(".gz", gzip.compress), (".bz2", bz2.compress), (".xz", lzma.compress)],
)
def test_compressed_jsonl_is_read_through_its_inner_name(tmp_path, suffix, pack):
    path = tmp_path / f"news.jsonl{suffix}"
    path.write_bytes(pack(JSONL))
    items = read([path])
    assert [i.text for i in items] == [x["text"] for x in LINES]
    assert items[1].path == f"{path}:2"  # lines are named inside the compressed file


def test_compressed_bytes_are_recognised_without_a_suffix(tmp_path):
    path = tmp_path / "download"
    path.write_bytes(gzip.compress(JSONL))
    assert len([i for i in read([path]) if isinstance(i, Article)]) == 3


def test_truncated_gzip_keeps_what_was_read_and_fails_in_one_line(tmp_path):
    rng = random.Random(1)
    words = ("harbour", "ship", "storm", "port", "crane", "dock")
    lines = [json.dumps({"text": " ".join(rng.choice(words) for _ in range(30))}) for _ in range(2000)]
    data = gzip.compress(("\n".join(lines) + "\n").encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    items = read([path])
    failures = [i for i in items if isinstance(i, Failure)]
    assert len(failures) == 1 and failures[0].code == "DL140" and "cut.jsonl.gz" in failures[0].item
    assert "\n" not in str(failures[0])
    assert sum(isinstance(i, Article) for i in items) > 0


def test_not_gzip_behind_a_gz_name_fails(tmp_path):
    path = tmp_path / "fake.txt.gz"
    path.write_bytes(b"date 2020-01-01 plain text, not compressed")
    (f,) = read([path])
    assert isinstance(f, Failure) and f.code == "DL140"


def test_zip_members_are_inputs_of_their_own(tmp_path):
    path = tmp_path / "bundle.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("a/one.txt", "date 2019-05-01 One from the zip.")
        z.writestr("two.jsonl.gz", gzip.compress(JSONL))
        z.writestr("picture.png", b"\x89PNG\r\n\x1a\n" + bytes(30))  # passed over
        z.writestr("__MACOSX/._one.txt", b"junk")
        z.writestr("bad.json", "{not json")
    items = read([path])
    texts = [i.text for i in items if isinstance(i, Article)]
    assert texts[0] == "One from the zip." and len(texts) == 4
    (bad,) = [i for i in items if isinstance(i, Failure)]
    assert bad.item == f"{path}:bad.json" and bad.code == "DL106"


def test_a_zip_on_a_stream_that_cannot_seek(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("x.txt", "date 2019-05-01 Streamed zip.")

    class OneWay(io.RawIOBase):
        def __init__(self, data: bytes) -> None:
            self.data = io.BytesIO(data)

        def readable(self) -> bool:
            return True

        def readinto(self, b) -> int:
            chunk = self.data.read(len(b))
            b[: len(chunk)] = chunk
            return len(chunk)

    inp = Input.of("<pipe>", "", OneWay(buf.getvalue()))
    (art,) = list(read_input(inp, Config()))
    assert art.text == "Streamed zip."


def test_corrupt_zip_fails_in_one_line(tmp_path):
    path = tmp_path / "broken.zip"
    path.write_bytes(b"PK\x03\x04" + bytes(100))
    (f,) = read([path])
    assert isinstance(f, Failure) and f.code == "DL140" and "\n" not in str(f)


def test_archives_nested_too_deep_fail(tmp_path):
    data = JSONL
    for _ in range(6):
        data = gzip.compress(data)
    path = tmp_path / "deep"
    path.write_bytes(data)
    (f,) = read([path])
    assert isinstance(f, Failure) and f.code == "DL141"


def test_markdown_takes_its_heading_as_title(tmp_path):
    path = tmp_path / "note.md"
    path.write_text("# Harbour reopens\n\nThe harbour reopened on Monday.\n")
    (art,) = read([path], default_date=None)
    assert art.title == "Harbour reopens" and art.text.startswith("# Harbour")


def test_an_explicit_file_of_no_known_format_fails(tmp_path):
    path = tmp_path / "data.bin"
    path.write_bytes(b"\x00\x01\x02" * 20)
    (f,) = read([path])
    assert f.code == "DL111" and ".bin" in f.reason


def test_a_suffixless_jsonl_is_sniffed(tmp_path):
    path = tmp_path / "export"
    path.write_bytes(JSONL)
    assert len(read([path])) == 3
