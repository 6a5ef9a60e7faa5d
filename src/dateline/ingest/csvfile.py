"""CSV files with a header row (same fields as JSON Lines).

A file without a ``text``/``body`` column fails as a whole; a row with a bad
value fails alone, named by the line it starts on. CSV is read whole (its
encoding is detected over the file), so it is bounded by ``Config.max_file_bytes``;
JSON Lines is the format for streams of any size.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator

from dateline.config import Config
from dateline.errors import E, InputError
from dateline.ingest.base import Input, Item, failure, reader
from dateline.ingest.fields import TEXT_FIELDS, article_from_record

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


@reader(".csv")
def read_csv(inp: Input, config: Config) -> Iterator[Item]:
    path = inp.label
    # newline="" semantics: keep line breaks inside quoted fields exactly as given.
    rows = csv.reader(io.StringIO(inp.text(config), newline=""))
    try:
        header = [name.strip().lower() for name in next(rows)]
    except (StopIteration, csv.Error) as exc:
        yield failure(path, InputError(E.BAD_CSV, detail=str(exc) or "no header row"))
        return
    if not any(name in header for name in TEXT_FIELDS):
        yield failure(path, InputError(E.NO_TEXT_FIELD, fields=", ".join(TEXT_FIELDS)))
        return
    line = rows.line_num + 1
    while True:
        label = f"{path}:{line}"
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            yield failure(label, InputError(E.BAD_CSV, detail=str(exc)))
            return
        line = rows.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            detail = f"{len(row)} fields, header has {len(header)}"
            yield failure(label, InputError(E.BAD_CSV, detail=detail))
            continue
        try:
            yield article_from_record(
                dict(zip(header, row, strict=True)), path=label, default_date=config.default_date
            )
        except InputError as exc:
            yield failure(label, exc)
