"""Story clustering on the T17 dev topics: B-cubed precision, recall and F1 against the topic.

All articles of the three T17 development topics (bpoil, H1N1, MJ: nine
collections from five outlets) are stored in publication order, in batches as
``dateline ingest`` stores them, and clustered by the same code
(:meth:`SQLiteStore.update_stories` after each batch). The gold story of an
article is its topic. A topic is coarser than a story (the oil spill runs for
ten months), so B³ recall measures how much a topic breaks up and precision
whether topics are mixed; baselines bound both.

Without spaCy: the articles are stored with their title and text only (no
entities), so the vectors are words alone — the full pipeline would take ~10
minutes over these ~2,000 articles.

The data is read from the shared data folder (``$DATELINE_SHARED_DATA`` or
``../shared/data``) and never copied; the script skips when it is absent.

Usage: python bench/stories.py [--windows 3 7] [--thresholds 0.2 0.25 0.3 0.35 0.4]
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from pathlib import Path

from dateline.evaluation.timeml import data_root
from dateline.records import Article, Work
from dateline.storage.sqlite import SQLiteStore
from dateline.stories import StoryOptions

T17 = Path("timelines") / "t17-dev"
BATCH = 32
#: Penn Treebank escapes and quote marks of the tokenised T17 text.
PTB = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}",
       "``": '"', "''": '"'}  # fmt: skip


@dataclass(frozen=True)
class Doc:
    """One T17 article and its gold topic."""

    article: Article
    topic: str


def read_t17(root: Path) -> list[Doc]:
    """Every article of the dev collections, in publication order (then collection and file)."""
    docs = []
    for collection in sorted(p for p in root.iterdir() if p.is_dir()):
        topic = collection.name.split("_")[0].lower()
        for path in sorted((collection / "InputDocs").glob("*/*.txt")):
            raw = path.read_text(encoding="utf-8", errors="replace")
            text = re.sub("|".join(map(re.escape, PTB)), lambda m: PTB[m.group()], raw)
            lines = [line for line in text.splitlines() if line.strip()]
            if not lines:
                continue
            article = Article(
                id=f"{collection.name}/{path.parent.name}/{path.stem}",
                title=lines[0][:200], published=dt.date.fromisoformat(path.parent.name),
                source=collection.name, url=None, text="\n".join(lines[1:]) or lines[0],
            )  # fmt: skip
            docs.append(Doc(article, topic))
    assert all(d.article.published for d in docs)
    docs.sort(key=lambda d: (d.article.published, d.article.id))
    return docs


def bcubed(clusters: Sequence[Hashable], gold: Sequence[Hashable]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering (one label per item) against gold.

    Example:
        >>> bcubed([1, 1, 2], ["a", "a", "a"])
        (1.0, 0.5555555555555556, 0.7142857142857143)
    """
    pair = Counter(zip(clusters, gold, strict=True))
    size, cls = Counter(clusters), Counter(gold)
    n = len(gold)
    p = sum(k * k / size[c] for (c, _), k in pair.items()) / n
    r = sum(k * k / cls[g] for (_, g), k in pair.items()) / n
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def cluster(docs: list[Doc], options: StoryOptions) -> tuple[list[int | None], float]:
    """Each article's story id after ingesting in batches; seconds spent clustering."""
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(str(Path(tmp) / "bench.db"), create=True)
        spent = 0.0
        for i in range(0, len(docs), BATCH):
            store.save([Work(article=d.article) for d in docs[i : i + BATCH]])
            t0 = time.perf_counter()
            store.update_stories(options)
            spent += time.perf_counter() - t0
        story = dict(
            store.conn.execute(
                "SELECT a.id, m.story_id FROM articles a"
                " LEFT JOIN story_members m ON m.article_pk = a.pk"
            ).fetchall()
        )
        store.close()
    return [story.get(d.article.id) for d in docs], spent


def row(name: str, labels: Sequence[Hashable], gold: Sequence[str], extra: str = "") -> str:
    p, r, f = bcubed(labels, gold)
    return f"| {name:<38} | {p:.3f} | {r:.3f} | {f:.3f} | {len(set(labels)):>7} | {extra:>6} |"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--windows", type=int, nargs="+", default=[3, 7])
    parser.add_argument(
        "--thresholds", type=float, nargs="+", default=[0.15, 0.2, 0.25, 0.3, 0.35, 0.4]
    )
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    shared = data_root()
    root = shared / T17 if shared else None
    if root is None or not root.is_dir():
        print("T17 dev data not found (set DATELINE_SHARED_DATA or add ../shared/data); skipped.")
        return 0
    docs = read_t17(root)
    gold = [d.topic for d in docs]
    topics = ", ".join(f"{t} {n}" for t, n in Counter(gold).items())
    print(f"{len(docs)} articles, topics: {topics}")
    print()
    print("| clustering                             | B³ P  | B³ R  | B³ F1 | stories | ms/art |")
    print("|----------------------------------------|-------|-------|-------|---------|--------|")
    print(row("baseline: all in one", [0] * len(docs), gold))
    print(row("baseline: one per day", [str(d.article.published) for d in docs], gold))
    print(row("baseline: one per article", list(range(len(docs))), gold))
    default = StoryOptions()
    for window in args.windows:
        for threshold in args.thresholds:
            options = StoryOptions(window_days=window, threshold=threshold)
            labels, spent = cluster(docs, options)
            # An article without a story (none here: all are dated) counts as alone.
            labels_or_self = [x if x is not None else f"-{i}" for i, x in enumerate(labels)]
            mark = " (default)" if options == default else ""
            name = f"window {window} d, threshold {threshold:.2f}{mark}"
            print(row(name, labels_or_self, gold, f"{1000 * spent / len(docs):.1f}"))
    sizes = defaultdict(int)
    for label in cluster(docs, default)[0]:
        sizes[label] += 1
    largest = sorted(sizes.values(), reverse=True)[:10]
    print(f"\ndefault options: 10 largest stories {largest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
