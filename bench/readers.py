"""Throughput and peak memory of each reader alone, on generated inputs.

Inputs are made from the bundled Wikinews sample (CC BY 2.5) in a temporary folder:

- **JSON Lines** of ``--jsonl-mb`` MB (default 1,024): the sample's articles repeated
  with fresh ids; also a tenth of that size, to show memory does not grow with size
  (the WARC too);
- **WARC** (gzip, one member per record) of ``--warc-records`` responses (default
  10,000): each a sample article set in a news page (navigation, share links,
  related stories, footer, JSON-LD date), with a request record beside each response;
- **CSV**, a **folder of .txt** files, an **RSS** feed, a **.jsonl.gz** and a **zip**,
  a few thousand articles each.

Each measurement runs in a fresh child process (``--child``) that reads the input
with :func:`dateline.ingest.read_paths` and reports articles, seconds and its peak
resident memory (``ru_maxrss``), so one reader's memory never shows in another's.
The baseline, in the same run, is the least any reader must do: for JSON Lines,
``json.loads`` of each line; for WARC, warcio iterating the records and reading
each body (no extraction). The ratio says what dateline adds to it.

Usage:
    python bench/readers.py                       # 1 GB JSONL, 10,000-record WARC
    python bench/readers.py --jsonl-mb 100 --warc-records 1000   # quick
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path

from dateline.config import Config
from dateline.ingest import read_paths, sample_path
from dateline.records import Article, Failure


def sample_articles() -> list[Article]:
    return [a for a in read_paths([sample_path()], config=Config()) if isinstance(a, Article)]


# ----------------------------------------------------------------------------- inputs


def make_jsonl(path: Path, articles: list[Article], megabytes: int) -> int:
    target, n = megabytes * 1024 * 1024, 0
    with path.open("w", encoding="utf-8") as f:
        while f.tell() < target:
            a = articles[n % len(articles)]
            rec = {"id": f"g{n}", "date": str(a.published) if a.published else None,
                   "title": a.title, "text": a.text, "url": a.url}  # fmt: skip
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    return n


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def news_page(a: Article, n: int) -> bytes:
    """An article set in a news page with the usual furniture around it."""
    paras = "".join(f"<p>{_escape(p)}</p>" for p in a.text.split("\n") if p.strip())
    date = a.published.isoformat() if a.published else "2020-01-01"
    title = _escape(a.title or f"Story {n}")
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle",
                     "headline": a.title, "datePublished": date})  # fmt: skip
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title} | The Daily Harbour</title>
<meta property="og:site_name" content="The Daily Harbour">
<script type="application/ld+json">{ld}</script></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a>
<a href="/subscribe">Subscribe</a></nav></header>
<main><article><h1>{title}</h1><p class="byline">By Staff Reporter</p>
<time datetime="{date}">{date}</time>{paras}</article>
<aside><h2>Related stories</h2><ul><li><a href="/a">Council approves budget</a></li>
<li><a href="/b">Weather warning issued</a></li></ul></aside>
<div class="share">Share this story: Facebook Twitter Email</div></main>
<footer><p>Copyright The Daily Harbour. All rights reserved.</p>
<a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer></body></html>""".encode()


def make_warc(path: Path, articles: list[Article], records: int) -> int:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=True)
        for n in range(records):
            url = f"https://harbour.example/news/{n}"
            body = news_page(articles[n % len(articles)], n)
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                    protocol="HTTP/1.1")  # fmt: skip
            get = StatusAndHeaders(f"GET /news/{n} HTTP/1.1", [("Host", "harbour.example")],
                                   is_http_request=True)  # fmt: skip
            req = writer.create_warc_record(url, "request", payload=io.BytesIO(b""),
                                            http_headers=get)  # fmt: skip
            writer.write_record(req)
            rec = writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                            http_headers=http)  # fmt: skip
            writer.write_record(rec)
    return records


def make_small(folder: Path, articles: list[Article], count: int) -> dict[str, tuple[Path, int]]:
    """CSV, a folder of .txt, an RSS feed, a .jsonl.gz and a zip of ``count`` articles."""
    picked = [articles[n % len(articles)] for n in range(count)]
    out: dict[str, tuple[Path, int]] = {}
    with (folder / "news.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "date", "title", "text"])
        for n, a in enumerate(picked):
            w.writerow([f"c{n}", a.published, a.title, a.text])
    out["csv"] = (folder / "news.csv", count)
    txt = folder / "txt"
    txt.mkdir()
    for n, a in enumerate(picked):
        (txt / f"{n:05d}.txt").write_text(f"date {a.published}\n{n}. {a.text}", encoding="utf-8")
    out["txt folder"] = (txt, count)
    items = "".join(
        f"<item><guid>urn:x:{n}</guid><title>{_escape(a.title or '')}</title>"
        f"<pubDate>{a.published:%a, %d %b %Y} 09:00:00 GMT</pubDate>"
        f"<description>{_escape(a.text)}</description></item>"
        for n, a in enumerate(picked)
    )
    rss = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>X</title>'
        f"{items}</channel></rss>"
    )
    (folder / "feed.rss").write_text(rss, encoding="utf-8")
    out["rss"] = (folder / "feed.rss", count)
    lines = "".join(json.dumps({"id": f"z{n}", "text": a.text, "date": str(a.published)}) + "\n"
                    for n, a in enumerate(picked))  # fmt: skip
    (folder / "news.jsonl.gz").write_bytes(gzip.compress(lines.encode()))
    out["jsonl.gz"] = (folder / "news.jsonl.gz", count)
    with zipfile.ZipFile(folder / "news.zip", "w", zipfile.ZIP_DEFLATED) as z:
        for n, a in enumerate(picked):
            z.writestr(f"news/{n:05d}.txt", f"date {a.published}\n{n}. {a.text}")
    out["zip of .txt"] = (folder / "news.zip", count)
    return out


# ----------------------------------------------------------------------------- child runs


def _status_mb(field: str) -> float:
    """A memory figure of this process from /proc (VmHWM: its peak resident set). Not
    ``ru_maxrss``, which Linux carries over ``exec`` from the parent that forked it."""
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def child(kind: str, path: str) -> None:
    """Read one input; print JSON with articles, failures, seconds, peak RSS (MB) and how
    much it grew while reading (MB over what the process held after its imports)."""
    import dateline.ingest.html  # noqa: F401  (every reader's imports done before the start mark)

    start = _status_mb("VmRSS")
    t0 = time.perf_counter()
    arts = fails = 0
    if kind == "dateline":
        config = Config(max_file_bytes=200 * 1024 * 1024)
        for item in read_paths([path], config=config):
            if isinstance(item, Article):
                arts += 1
            elif isinstance(item, Failure):
                fails += 1
    elif kind == "json.loads":
        with open(path, "rb") as f:
            for line in f:
                json.loads(line)
                arts += 1
    elif kind == "warcio":
        from warcio.archiveiterator import ArchiveIterator

        with open(path, "rb") as f:
            for record in ArchiveIterator(f):
                if record.rec_type == "response":
                    record.content_stream().read()
                    arts += 1
    seconds = time.perf_counter() - t0
    rss = _status_mb("VmHWM")
    print(json.dumps({"articles": arts, "failures": fails, "seconds": seconds, "rss_mb": rss,
                      "grew_mb": rss - start}))  # fmt: skip


def measure(kind: str, path: Path) -> dict[str, float]:
    run = subprocess.run([sys.executable, __file__, "--child", kind, str(path)],
                         capture_output=True, text=True, check=False)  # fmt: skip
    if run.returncode != 0:
        raise SystemExit(f"child {kind} {path} failed:\n{run.stderr[-2000:]}")
    return json.loads(run.stdout.strip().splitlines()[-1])


def size_mb(path: Path) -> float:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20
    return path.stat().st_size / 2**20


def row(
    name: str, system: str, path: Path, m: dict[str, float], base: dict[str, float] | None
) -> str:
    rate = m["articles"] / m["seconds"] if m["seconds"] else 0.0
    mbs = size_mb(path) / m["seconds"] if m["seconds"] else 0.0
    ratio = f"{m['seconds'] / base['seconds']:6.2f}x" if base else "      -"
    return (
        f"{name:22s} {system:11s} {size_mb(path):9.0f} {int(m['articles']):9,d}"
        f" {int(m['failures']):5d} {m['seconds']:8.1f} {rate:9,.0f} {mbs:7.1f}"
        f" {m['rss_mb']:8.0f} {m['grew_mb']:6.0f} {ratio}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--jsonl-mb", type=int, default=1024)
    parser.add_argument("--warc-records", type=int, default=10_000)
    parser.add_argument("--small", type=int, default=3000, help="articles in the small inputs")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(*args.child)
        return 0
    articles = sample_articles()
    with tempfile.TemporaryDirectory(prefix="dateline-readers-") as tmp:
        folder = Path(tmp)
        print(f"generating inputs in {folder} from {len(articles)} sample articles ...", flush=True)
        t0 = time.perf_counter()
        big, small_jsonl = folder / "big.jsonl", folder / "tenth.jsonl"
        n_big = make_jsonl(big, articles, args.jsonl_mb)
        n_small = make_jsonl(small_jsonl, articles, max(1, args.jsonl_mb // 10))
        warc, warc_tenth = folder / "crawl.warc.gz", folder / "tenth.warc.gz"
        make_warc(warc, articles, args.warc_records)
        make_warc(warc_tenth, articles, max(1, args.warc_records // 10))
        small = make_small(folder, articles, args.small)
        print(f"  made in {time.perf_counter() - t0:.0f}s: JSONL {n_big:,} and {n_small:,} lines,"
              f" WARC {args.warc_records:,} responses\n", flush=True)  # fmt: skip
        head = (
            f"{'input':22s} {'system':11s} {'MB':>9s} {'articles':>9s} {'fail':>5s}"
            f" {'seconds':>8s} {'art/s':>9s} {'MB/s':>7s} {'peak MB':>8s} {'grew':>6s}"
            f" {'vs base':>7s}"
        )
        print(head)
        print("-" * len(head))
        for name, path, base_kind in (
            (f"JSONL {args.jsonl_mb // 10} MB", small_jsonl, "json.loads"),
            (f"JSONL {args.jsonl_mb} MB", big, "json.loads"),
            (f"WARC {max(1, args.warc_records // 10):,} pages", warc_tenth, "warcio"),
            (f"WARC {args.warc_records:,} pages", warc, "warcio"),
        ):
            base = measure(base_kind, path)
            print(row(name, base_kind, path, base, None), flush=True)
            print(row(name, "dateline", path, measure("dateline", path), base), flush=True)
        for name, (path, _) in small.items():
            print(row(name, "dateline", path, measure("dateline", path), None), flush=True)
        print(
            "\npeak MB: the reading process's maximum resident memory; grew: MB of it over what"
            " the process held once its imports were done (the reading itself; flat from a"
            " tenth of the JSONL to all of it = memory does not grow with the input);"
            " 'vs base': seconds against the baseline in the row above (the least any reader"
            " must do)."
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
