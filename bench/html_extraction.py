"""Article extraction from saved web pages: dateline's HTML reader against baselines.

Data: the Zyte (Scrapinghub) article extraction benchmark, 181 real pages with the
article body of each (``html/article-extraction-benchmark`` in the shared data
folder: ``$DATELINE_SHARED_DATA``, else ``../shared/data`` beside the repository;
without it the script says so and exits 0). The pages are only read from there.

One run prints:

- body precision / recall / F1 with a bootstrap 95 % interval of F1, and accuracy,
  for (a) dateline's reader (:func:`dateline.ingest.html.extract_page`, the text
  :func:`~dateline.ingest.html.page_article` stores), (b) trafilatura called
  directly, with default settings (``trafilatura.extract(html)``) and as the
  benchmark ran it (``include_comments=False``), (c) all visible text of the page;
  on two token definitions (below);
- the effect of each rule of the news post-pass (``dateline.ingest.html_post``):
  F1 without it (all other rules on) and with it alone;
- the share of pages where a publication date is found, and 30 pages' dates with
  their URLs, for a check by hand.

Metrics (as the benchmark's evaluate.py): each text is cut into tokens, the runs of
word characters (``\\w+``); a page's true positives are the size of the multiset
intersection of the system's and the truth's units, so precision = shared / system
units, recall = shared / true units. Units are single tokens ("tokens") or runs of
4 consecutive tokens ("4-shingles", the benchmark's own definition, which its
published figures use). Precision and recall are averaged over pages (a page with
no system text counts 0 recall and is left out of precision, as there), F1 is the
harmonic mean of the two averages, and its 95 % interval is the 2.5-97.5
percentile of 1,000 bootstrap resamples of pages (seed 13). Accuracy is the share of
pages whose own F1 is at least 0.9.

Usage:
    python bench/html_extraction.py [--limit N] [--no-baselines]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from dateline.errors import InputError
from dateline.evaluation import data_root
from dateline.ingest.html import Page, compose_text, extract_page
from dateline.ingest.html_post import ALL_RULES, RULES, SPLIT_BODY

BENCHMARK = Path("html") / "article-extraction-benchmark"
#: Published body F1 (4-shingles) from the benchmark's README.
PUBLISHED = [
    ("trafilatura 2.0.0 (published)", 0.958),
    ("html-text, all visible text (published)", 0.665),
]
TARGET_F1 = 0.96
ACCURATE = 0.9  # a page is "accurate" when its own F1 is at least this
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Item:
    """One benchmark page: id, URL, page bytes and the true article body."""

    id: str
    url: str | None
    html: bytes
    truth: str


def load(root: Path, limit: int | None = None) -> list[Item]:
    """The benchmark pages in id order (the first ``limit`` when given)."""
    base = root / BENCHMARK
    truth = json.loads((base / "ground-truth.json").read_text(encoding="utf-8"))
    items = []
    for page_id in sorted(truth)[:limit]:
        raw = gzip.decompress((base / "html" / f"{page_id}.html.gz").read_bytes())
        record = truth[page_id]
        items.append(Item(page_id, record.get("url"), raw, record.get("articleBody") or ""))
    return items


def benchmark_dir() -> Path | None:
    """The benchmark's folder in the shared data, or ``None`` when absent."""
    root = data_root()
    if root is None or not (root / BENCHMARK / "ground-truth.json").is_file():
        return None
    return root


# -- metrics ---------------------------------------------------------------------


def units(text: str, n: int) -> Counter[tuple[str, ...]]:
    """The multiset of runs of ``n`` consecutive tokens (a text shorter than ``n``
    tokens is one unit)."""
    tokens = _TOKEN.findall(text)
    if len(tokens) <= n:
        return Counter([tuple(tokens)] if tokens else [])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


@dataclass(frozen=True, slots=True)
class PageScore:
    """One page's precision (``None`` when the system gave no text) and recall."""

    precision: float | None
    recall: float | None

    @property
    def f1(self) -> float:
        p, r = self.precision or 0.0, self.recall or 0.0
        return 2 * p * r / (p + r) if p + r else 0.0


def page_score(truth: str, predicted: str, n: int) -> PageScore:
    """Precision and recall of one page's extracted text over ``n``-token units."""
    gold, pred = units(truth, n), units(predicted, n)
    shared = sum((gold & pred).values())
    if not gold and not pred:
        return PageScore(1.0, 1.0)
    precision = shared / sum(pred.values()) if pred else None
    recall = shared / sum(gold.values()) if gold else None
    return PageScore(precision, recall)


@dataclass(frozen=True, slots=True)
class Summary:
    precision: float
    recall: float
    f1: float
    accuracy: float


def summarise(scores: Sequence[PageScore]) -> Summary:
    """Precision and recall averaged over pages, F1 of the averages, accuracy."""
    ps = [s.precision for s in scores if s.precision is not None]
    rs = [s.recall for s in scores if s.recall is not None]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    accuracy = sum(s.f1 >= ACCURATE for s in scores) / len(scores) if scores else 0.0
    return Summary(p, r, f1, accuracy)


def bootstrap_f1(
    scores: Sequence[PageScore], *, rounds: int = 1000, seed: int = 13
) -> tuple[float, float]:
    """The 2.5 and 97.5 percentiles of F1 over bootstrap resamples of the pages."""
    rng = random.Random(seed)
    n = len(scores)
    values = sorted(
        summarise([scores[rng.randrange(n)] for _ in range(n)]).f1 for _ in range(rounds)
    )
    return values[int(0.025 * rounds)], values[int(0.975 * rounds) - 1]


def bootstrap_difference(
    ours: Sequence[PageScore], theirs: Sequence[PageScore], *, rounds: int = 1000, seed: int = 13
) -> tuple[float, float]:
    """The 2.5 and 97.5 percentiles of F1(ours) - F1(theirs) over paired resamples."""
    rng = random.Random(seed)
    n = len(ours)
    values = []
    for _ in range(rounds):
        picks = [rng.randrange(n) for _ in range(n)]
        values.append(
            summarise([ours[i] for i in picks]).f1 - summarise([theirs[i] for i in picks]).f1
        )
    values.sort()
    return values[int(0.025 * rounds)], values[int(0.975 * rounds) - 1]


# -- systems ---------------------------------------------------------------------


def dateline_pages(items: Sequence[Item]) -> list[Page | None]:
    """dateline's extraction of each page with no post-pass rule (``None``: no text);
    the rules are applied afterwards, so each can be measured on the same output."""
    pages: list[Page | None] = []
    for item in items:
        try:
            pages.append(extract_page(item.html, url=item.url, rules=()))
        except InputError:
            pages.append(None)
    return pages


def with_rules(page: Page | None, rules: tuple[str, ...]) -> str:
    """The stored text of a page under these post-pass rules ('' when none is left)."""
    if page is None:
        return ""
    blocks = page.split_blocks if SPLIT_BODY in rules else page.blocks
    try:
        return compose_text(list(blocks), title=page.title, author=page.author, rules=rules)
    except InputError:
        return ""


def trafilatura_text(html: bytes, **options: bool) -> str:
    import trafilatura

    return trafilatura.extract(html.decode("utf-8", errors="replace"), **options) or ""


def visible_text(html: bytes) -> str:
    """All text of the page's body, less scripts and styles (no extraction at all)."""
    import lxml.html

    try:
        tree = lxml.html.document_fromstring(html)
    except Exception:  # noqa: BLE001 — an unparseable page has no visible text
        return ""
    for el in tree.xpath("//script|//style|//noscript|//template"):
        el.drop_tree()
    body = tree.find("body")
    return " ".join((body if body is not None else tree).itertext())


# -- the report ------------------------------------------------------------------


NAME = 42  # width of the system column


def table(name: str, texts: Sequence[str], items: Sequence[Item]) -> list[str]:
    lines = []
    for n, unit in ((1, "tokens"), (4, "4-shingles")):
        scores = [page_score(it.truth, t, n) for it, t in zip(items, texts, strict=True)]
        s = summarise(scores)
        lo, hi = bootstrap_f1(scores)
        lines.append(
            f"{name:<{NAME}} {unit:<10} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}"
            f"  [{lo:.3f}, {hi:.3f}]  {s.accuracy:6.3f}"
        )
    return lines


def f1_of(texts: Sequence[str], items: Sequence[Item], n: int) -> float:
    return summarise([page_score(it.truth, t, n) for it, t in zip(items, texts, strict=True)]).f1


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print its tables; 0 also when the data is absent."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, help="only the first N pages (by id)")
    parser.add_argument("--no-baselines", action="store_true", help="dateline only")
    args = parser.parse_args(argv)
    root = benchmark_dir()
    if root is None:
        print(
            "Article extraction benchmark not found (set DATELINE_SHARED_DATA or add"
            " ../shared/data with html/article-extraction-benchmark); skipped."
        )
        return 0
    items = load(root, args.limit)
    started = time.perf_counter()
    pages = dateline_pages(items)
    ours = [with_rules(p, RULES) for p in pages]
    seconds = time.perf_counter() - started
    per_page = seconds / len(items) * 1000
    print(f"{len(items)} pages; dateline read them in {seconds:.1f} s ({per_page:.0f} ms/page)")
    print()
    print("P/R: multiset overlap of units (word tokens \\w+, or runs of 4 of them) per page,")
    print("averaged over pages; F1 of the two averages; its 95 % bootstrap CI;")
    print(f"acc = share of pages whose own F1 ≥ {ACCURATE}")
    print(f"{'system':<{NAME}} {'units':<10} {'P':>6} {'R':>6} {'F1':>6}  {'F1 95% CI':<16}  acc")
    rows = table("(a) dateline HTML reader", ours, items)
    if not args.no_baselines:
        texts = [trafilatura_text(it.html) for it in items]
        rows += table("(b) trafilatura.extract(html)", texts, items)
        published_way = [trafilatura_text(it.html, include_comments=False) for it in items]
        rows += table("(b') trafilatura, include_comments=False", published_way, items)
        rows += table("(c) all visible text", [visible_text(it.html) for it in items], items)
    print("\n".join(rows))
    if not args.no_baselines:
        for n, unit in ((1, "tokens"), (4, "4-shingles")):
            a = [page_score(it.truth, t, n) for it, t in zip(items, ours, strict=True)]
            b = [page_score(it.truth, t, n) for it, t in zip(items, published_way, strict=True)]
            lo, hi = bootstrap_difference(a, b)
            diff = summarise(a).f1 - summarise(b).f1
            ci = f"[{lo:+.3f}, {hi:+.3f}]"
            print(f"(a) - (b') F1, {unit}: {diff:+.3f}, paired bootstrap 95 % CI {ci}")
    for name, f1 in PUBLISHED:
        print(f"{name:<{NAME}} {'4-shingles':<10} {'':>6} {'':>6} {f1:6.3f}")
    print()
    shingle_f1 = f1_of(ours, items, 4)
    token_f1 = f1_of(ours, items, 1)
    met = "met" if min(shingle_f1, token_f1) >= TARGET_F1 else "NOT met"
    print(f"target: dateline body F1 ≥ {TARGET_F1}: {met}", end=" ")
    print(f"(tokens {token_f1:.3f}, 4-shingles {shingle_f1:.3f})")

    print()
    print("news post-pass rules, 4-shingle F1 (shipped rules: F1 lost without it; rules left")
    print("off: F1 gained by adding it; alone: gain over no rule at all)")
    base = f1_of([with_rules(p, ()) for p in pages], items, 4)
    print(f"  no rule {base:.4f}, shipped rules {shingle_f1:.4f} ({shingle_f1 - base:+.4f})")
    for rule in (*ALL_RULES, SPLIT_BODY):
        alone = f1_of([with_rules(p, (rule,)) for p in pages], items, 4) - base
        if rule in RULES:
            without = f1_of([with_rules(p, tuple(r for r in RULES if r != rule)) for p in pages],
                            items, 4)  # fmt: skip
            effect, state = shingle_f1 - without, "shipped"
        else:
            effect = f1_of([with_rules(p, (*RULES, rule)) for p in pages], items, 4) - shingle_f1
            state = "off"
        print(f"  {rule:<12} {state:<8} in the set {effect:+.5f}   alone {alone:+.5f}")

    print()
    dated = [(it, p) for it, p in zip(items, pages, strict=True) if p is not None and p.published]
    print(
        f"publication date found: {len(dated)}/{len(items)} pages ({len(dated) / len(items):.1%})"
    )
    print("first 30 pages by id (check by hand against the page and its URL):")
    for it, p in list(zip(items, pages, strict=True))[:30]:
        found = p.published.isoformat() if p is not None and p.published else "—"
        print(f"  {it.id[:10]}  {found:<10}  {it.url}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
