"""A labelled near-duplicate set made from the bundled Wikinews sample, and its scores.

How the set is made (deterministic for a seed; nothing is hand-labelled):

- **Articles.** The Wikinews articles of ``src/dateline/sample/`` (CC BY 2.5) with at
  least :data:`MIN_WORDS` words, split at random (seeded) into two halves of
  articles, *dev* and *test*: every pair lies within one half, so a threshold chosen
  on dev is reported on articles it never saw.
- **Positive pairs** (one story's text twice). Each article gets two reprints made by
  :func:`reprint`, a random mix of what outlets do to wire copy: a new headline; a
  dateline prefix added or changed (``"LONDON (Reuters) - "``); one to three
  paragraphs dropped (at most half of them, never the lead); two paragraphs swapped;
  boilerplate added around the story (newsletter, copyright, "Read more" lines); and
  1 to 4 % of the words replaced. Pairs: (original, reprint 1), (original,
  reprint 2) and (reprint 1, reprint 2) — two edited copies of one source.
- **Negative pairs** (different articles on the same topic). (a) Pairs of different
  articles whose titles share at least two content words (one story followed over
  days, or one subject: "Biden", "coronavirus"); (b) each article and its nearest
  other article by bag-of-words cosine over the whole text (similar wording,
  different event). Negatives also come with one side reprinted (boilerplate, a
  dateline), so edits alone do not give a pair away.

Scores (:func:`scores`) are precision, recall and F1 over the pairs of one half.
"""

from __future__ import annotations

import math
import random
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from dateline.config import Config
from dateline.ingest import read_paths, sample_path
from dateline.records import Article

#: Articles shorter than this (words) are left out: too short to be a wire story.
MIN_WORDS = 80

DATELINES = (
    "LONDON (Reuters) - ", "WASHINGTON (AP) — ", "PARIS, {day} (AFP) - ",
    "NEW YORK (Reuters) - ", "MOSCOW, {day} /TASS/. ", "BERLIN (dpa) - ",
)  # fmt: skip
HEADERS = (
    "Advertisement", "Breaking News", "Share this article", "Listen to this story",
    "By Staff Writer, Wire Services",
)  # fmt: skip
FOOTERS = (
    "Subscribe to our newsletter for the latest news, delivered every morning.",
    "Copyright {year} Thomson Reuters. All rights reserved.",
    "Copyright {year} The Associated Press. All rights reserved. This material may not be"
    " published, broadcast, rewritten or redistributed.",
    "Read more: the stories our readers are following today.",
    "Follow us on Twitter and Facebook for updates on this story.",
    "Reporting by staff; editing by the news desk.",
)
STOP = frozenset(
    "the a an of in on at to for and or but with from by as is are was were be has have "
    "had it its this that after over says say said new us uk".split()
)


@dataclass(frozen=True, slots=True)
class Doc:
    """One text of the set: an article or a reprint of one (``origin`` is the article's id)."""

    id: str
    origin: str
    title: str
    text: str


@dataclass(frozen=True, slots=True)
class Pair:
    """Two texts and whether they are one story's (``kind`` says how the pair was made)."""

    a: Doc
    b: Doc
    duplicate: bool
    kind: str
    half: str


def sample_articles() -> list[Article]:
    """The sample's Wikinews articles long enough to be wire stories, in id order."""
    items = read_paths([sample_path()], config=Config(db=":memory:"))
    arts = [a for a in items if isinstance(a, Article) and "wikinews" in (a.url or "")]
    return sorted((a for a in arts if len(a.text.split()) >= MIN_WORDS), key=lambda a: a.id)


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]


def reprint(article: Article, rng: random.Random, *, tag: str) -> Doc:
    """An edited copy of ``article`` as another outlet might print it (see the module).

    Example:
        >>> import datetime as dt
        >>> art = Article("x", "Title", dt.date(2019, 1, 2), None, None, "One.\\n\\nTwo.")
        >>> reprint(art, random.Random(1), tag="r1").origin
        'x'
    """
    paras = _paragraphs(article.text)
    if len(paras) >= 4 and rng.random() < 0.5:  # paragraphs dropped, never the lead
        n = rng.randint(1, min(3, len(paras) // 2))
        for i in sorted(rng.sample(range(1, len(paras)), n), reverse=True):
            del paras[i]
    if len(paras) >= 3 and rng.random() < 0.4:  # two paragraphs swapped
        i, j = rng.sample(range(1, len(paras)), 2)
        paras[i], paras[j] = paras[j], paras[i]
    if rng.random() < 0.8:  # a few words changed
        words = " ".join(paras).split(" ")
        vocab = [w for w in words if w.isalpha()] or ["news"]
        changes = max(1, int(len(words) * rng.uniform(0.01, 0.04)))
        for i in rng.sample(range(len(words)), min(changes, len(words))):
            words[i] = rng.choice(vocab)
        paras = _rewrap(words, [len(p.split(" ")) for p in paras])
    day = article.published.strftime("%b %d") if article.published else "Jan 1"
    year = article.published.year if article.published else 2019
    # Wikinews texts open with the date line ("Friday, January 4, 2019"): a prefix
    # replaces it or goes before the lead.
    if rng.random() < 0.7:
        prefix = rng.choice(DATELINES).format(day=day)
        if re.match(r"\w+day, \w+ \d+, \d{4}$", paras[0]) and len(paras) > 1:
            paras = [prefix + paras[1], *paras[2:]]
        else:
            paras[0] = prefix + paras[0]
    if rng.random() < 0.6:
        paras = [rng.choice(HEADERS), *paras]
    if rng.random() < 0.8:
        paras += [f.format(year=year) for f in rng.sample(FOOTERS, rng.randint(1, 3))]
    words = [w for w in re.findall(r"\w+", article.title or "") if w.lower() not in STOP]
    title = " ".join(rng.sample(words, min(len(words), 5))) + " — update" if words else "Update"
    return Doc(f"{article.id}#{tag}", article.id, title, "\n\n".join(paras))


def _rewrap(words: list[str], lengths: list[int]) -> list[str]:
    out, i = [], 0
    for n in lengths:
        out.append(" ".join(words[i : i + n]))
        i += n
    return [p for p in out if p]


def _original(a: Article) -> Doc:
    return Doc(a.id, a.id, a.title or "", a.text)


def _title_words(a: Article) -> set[str]:
    return {w for w in re.findall(r"[a-z]{3,}", (a.title or "").lower()) if w not in STOP}


def _vector(text: str) -> dict[str, float]:
    counts = Counter(w for w in re.findall(r"[a-z]{3,}", text.lower()) if w not in STOP)
    norm = math.sqrt(sum(c * c for c in counts.values())) or 1.0
    return {w: c / norm for w, c in counts.items()}


def _cosine(u: dict[str, float], v: dict[str, float]) -> float:
    if len(u) > len(v):
        u, v = v, u
    return sum(x * v.get(w, 0.0) for w, x in u.items())


def make_pairs(articles: Sequence[Article] | None = None, *, seed: int = 13) -> list[Pair]:
    """The labelled pairs (see the module docstring), dev half first.

    Example:
        >>> pairs = make_pairs()  # doctest: +SKIP
        >>> sum(p.duplicate for p in pairs), sum(not p.duplicate for p in pairs)  # doctest: +SKIP
        (699, 687)
    """
    arts = list(articles if articles is not None else sample_articles())
    rng = random.Random(seed)
    order = list(arts)
    rng.shuffle(order)
    half = {a.id: ("dev" if i % 2 == 0 else "test") for i, a in enumerate(order)}
    pairs: list[Pair] = []
    for a in arts:  # positives
        r1, r2 = reprint(a, rng, tag="r1"), reprint(a, rng, tag="r2")
        h = half[a.id]
        pairs += [
            Pair(_original(a), r1, True, "original-reprint", h),
            Pair(_original(a), r2, True, "original-reprint", h),
            Pair(r1, r2, True, "reprint-reprint", h),
        ]
    negatives: set[tuple[str, str, str]] = set()
    titles = {a.id: _title_words(a) for a in arts}
    for i, a in enumerate(arts):  # (a) titles sharing two content words, within a half
        for b in arts[i + 1 :]:
            if half[a.id] == half[b.id] and len(titles[a.id] & titles[b.id]) >= 2:
                negatives.add((a.id, b.id, "same-subject"))
    vectors = {a.id: _vector(a.text) for a in arts}
    for a in arts:  # (b) the nearest other article of the half by wording
        others = [b for b in arts if b.id != a.id and half[b.id] == half[a.id]]
        if others:
            b = max(others, key=lambda o: _cosine(vectors[a.id], vectors[o.id]))
            negatives.add((*sorted((a.id, b.id)), "similar-wording"))  # type: ignore[arg-type]
    by_id = {a.id: a for a in arts}
    for x, y, kind in sorted(negatives):
        one, other = by_id[x], by_id[y]
        second = reprint(other, rng, tag="n") if rng.random() < 0.5 else _original(other)
        pairs.append(Pair(_original(one), second, False, kind, half[x]))
    return sorted(pairs, key=lambda p: p.half)


@dataclass(frozen=True, slots=True)
class Scores:
    """Precision, recall and F1 of a method's decisions on labelled pairs."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def scores(pairs: Iterable[Pair], decide: Callable[[Pair], bool]) -> Scores:
    """Score ``decide`` (a pair → "same story") on labelled pairs.

    Example:
        >>> d = Doc("a", "a", "", "x")
        >>> scores([Pair(d, d, True, "k", "dev")], lambda p: True).f1
        1.0
    """
    tp = fp = fn = 0
    for p in pairs:
        said = decide(p)
        tp += said and p.duplicate
        fp += said and not p.duplicate
        fn += (not said) and p.duplicate
    return Scores(tp, fp, fn)


def choose_threshold(
    pairs: Sequence[Pair],
    value: Callable[[Pair], float],
    grid: Iterable[float],
    *,
    tolerance: float = 0.0,
) -> tuple[float, Scores]:
    """A threshold of ``grid`` for ``value(pair) >= threshold`` on ``pairs``, and its scores.

    The best F1 wins; with a ``tolerance``, every threshold within it of the best F1
    is a tie, and the most precise of them wins (then the best F1, then the lowest).
    The generated negatives seldom overlap a positive's text in part, so F1 is flat
    over a wide band of thresholds; real corpora hold partial overlaps the set lacks
    (an interview series asking every candidate the same questions, a broadcaster's
    rolling updates of a story), where precision is what a tie should buy.

    Example:
        >>> d = Doc("a", "a", "", "x")
        >>> choose_threshold([Pair(d, d, True, "k", "dev")], lambda p: 0.7, [0.5, 0.9])[0]
        0.5
    """
    values = {id(p): value(p) for p in pairs}
    tried = [(t, scores(pairs, _at(values, t))) for t in grid]
    assert tried, "an empty grid"
    top = max(s.f1 for _, s in tried)
    ties = [(t, s) for t, s in tried if s.f1 >= top - tolerance]
    return min(ties, key=lambda ts: (-ts[1].precision, -ts[1].f1, ts[0]))


def _at(values: dict[int, float], threshold: float) -> Callable[[Pair], bool]:
    return lambda p: values[id(p)] >= threshold
