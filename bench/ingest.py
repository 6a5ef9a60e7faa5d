"""Issue 13's measures in one run: HTML extraction, readers, near-duplicates.

Runs, in order, each in this process:

1. ``bench/html_extraction.py`` — body P/R/F1 on the 181-page article-extraction
   benchmark (dateline's reader, trafilatura with defaults, all visible text), dates found;
2. ``bench/readers.py`` — each reader's throughput and peak memory on generated
   inputs (a 1 GB JSON Lines file, a 10,000-page WARC, ...);
3. ``bench/dedup.py`` — near-duplicate P/R/F1 on labelled pairs and the dedup step's
   cost per article at 1,000 and 100,000 stored articles.

Usage: python bench/ingest.py [--only html|readers|dedup] [--quick]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the bench scripts, by bare name

import dedup  # noqa: E402
import html_extraction  # noqa: E402
import readers  # noqa: E402


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--only", choices=("html", "readers", "dedup"))
    parser.add_argument("--quick", action="store_true", help="smaller inputs (minutes, not tens)")
    args = parser.parse_args(argv)
    status = 0
    if args.only in (None, "html"):
        print("== HTML extraction (bench/html_extraction.py)\n", flush=True)
        status |= html_extraction.main(["--limit", "40"] if args.quick else [])
    if args.only in (None, "readers"):
        print("\n== readers (bench/readers.py)\n", flush=True)
        quick = ["--jsonl-mb", "100", "--warc-records", "1000", "--small", "500"]
        status |= readers.main(quick if args.quick else [])
    if args.only in (None, "dedup"):
        print("\n== near-duplicates (bench/dedup.py)\n", flush=True)
        status |= dedup.main([])
    return status


if __name__ == "__main__":
    raise SystemExit(main())
