"""Choose a timeline's dates and the sentences that tell each one.

The method follows DATEWISE (Gholipour Ghalandari & Ifrim, 2020) and goes past it:

1. **Material.** Every dated event of the articles matching the query; an event's
   sentence is a candidate for the event's date at the granularity the evidence
   gives ("1956", "2018-11", "1960-01-27"). Sentences must hold a query word and,
   when entities are asked for, name one of them.
2. **Dates.** A date matters when many articles refer to it (events dated by an
   expression, by the clause above or by when it was said) and when many relevant
   articles are published on it; references weigh by their confidence and
   background events count like any other, so one 2019 article can put 1956 on
   the timeline.
3. **Sentences.** For each chosen date, the candidates most central among that
   date's candidates (TF-IDF cosine to their centroid), favouring sentences near
   the top of their article and dated by an explicit expression, never a
   near-duplicate of a sentence already on the timeline.
4. **Sources.** Sentences on the same date that say the same thing (similar
   wording) make one entry, which lists all their articles: "reported by N outlets".

**Copies.** Articles of one duplicate group (one story's text reprinted by several
outlets, :mod:`dateline.dedup`) count once in ranking: a date gets one vote per group
that refers to it, not one per copy, and a group's publication counts once a day
(the material gives each group's days once; a reprint a week later is news again).
Every copy of a picked sentence's story that says the same is among the entry's
sources, so ``outlets`` counts the outlets that reprinted it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from dateline.records import TimelineArticle, TimelineMaterial
from dateline.timeline import text as tx
from dateline.timeline.model import Entry, Source, Timeline

#: Granularities a timeline can be asked for.
GRANULARITIES = ("any", "day", "month", "year")

_VALUE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?", re.ASCII)

#: Weight of a candidate sentence by where its date came from.
BASIS_WEIGHT = {"timex": 1.0, "inherited": 0.9, "said": 0.8, "published": 0.7}

#: Weight of one relevant article published on a date, against one reference to it.
PUBLISHED_WEIGHT = 0.5

#: How much a sentence's place in its article lowers it (its rank among the article's
#: sentences): leads tell the news.
POSITION_DECAY = 0.05

#: Sentences longer than LENGTH_PIVOT words lose (pivot / length) ** LENGTH_POWER of
#: their score: a timeline entry says one thing.
LENGTH_PIVOT, LENGTH_POWER = 25, 1.0

#: Sentences dated only by their article's publication count from the first LEAD.
LEAD = 1_000_000

#: Weight, against the publication day, with which such a sentence also stands for the
#: day before (news is often published the day after): 0 turns it off.
PUB_BACK = 0.7
PUB_BACK_DAYS = 1

#: Cosine above which two sentences say the same thing.
SAME = 0.5


class TimelineStore(Protocol):
    """What the builder needs from a store."""

    def timeline_material(
        self,
        query: str,
        *,
        start: dt.date | None,
        end: dt.date | None,
        entities: Sequence[str],
        story: int | None,
        max_articles: int | None = None,
    ) -> TimelineMaterial: ...


@lru_cache(maxsize=65_536)
def date_key(value: str, mod: str | None, granularity: str) -> tuple[str, str | None] | None:
    """The entry date an event's TIMEX3 value supports at ``granularity``, with its mod.

    ``None`` when the value cannot be a timeline date: a decade, a week, a season,
    an open "after 1960", or coarser than a ``day`` timeline asks for.

    Example:
        >>> date_key("2019-06", "END", "any"), date_key("1960-01-27T10:00", None, "month")
        (('2019-06', 'END'), ('1960-01', None))
    """
    m = _VALUE.fullmatch(value)
    if m is None or mod not in (None, "START", "MID", "END", "APPROX"):
        return None
    year, month, day = m.groups()
    if mod == "APPROX":
        mod = None
    if granularity == "day":
        return (f"{year}-{month}-{day}", None) if day else None
    if granularity == "month":
        return (f"{year}-{month}", None if day else mod) if month else None
    if granularity == "year":
        return (year, None if month else mod)
    key = "-".join(p for p in (year, month, day) if p)
    return key, (None if day else mod)


@dataclass(slots=True)
class _Sentence:
    """A candidate sentence: one article's sentence with the dates its events carry.

    Tens of thousands are made for a common word on a large store and few are shown,
    so the citation (:attr:`article`) is made only when asked for.
    """

    article_pk: int
    start: int
    end: int
    text: str
    meta: TimelineArticle
    rank: int
    group: int
    dates: dict[tuple[str, str | None], float] = field(default_factory=dict)
    refs: dict[tuple[str, str | None], float] = field(default_factory=dict)
    involved: bool = False
    words: list[str] = field(default_factory=list)
    vec: tx.Vector = field(default_factory=dict)

    @property
    def article(self) -> Source:
        """The article it is cited from, with the sentence's offsets."""
        a = self.meta
        return Source(a.id, a.title, a.published, a.source, self.start, self.end)


def _sentences(material: TimelineMaterial, granularity: str) -> list[_Sentence]:
    """Group events by sentence; each sentence keeps its best weight per date."""
    by_key: dict[tuple[int, int], _Sentence] = {}
    rank_of: dict[int, int] = defaultdict(int)
    articles, texts = material.articles, material.texts
    for r in material.events:
        key = (r.article_pk, r.sentence_start)
        s = by_key.get(key)
        if s is None:
            a = articles[r.article_pk]
            text = texts[r.article_pk][r.sentence_start : r.sentence_end]
            s = _Sentence(
                r.article_pk, r.sentence_start, r.sentence_end, " ".join(text.split()), a,
                rank_of[r.article_pk], a.group or r.article_pk,
            )  # fmt: skip
            rank_of[r.article_pk] += 1
            by_key[key] = s
        s.involved = s.involved or bool(r.involved)
        dk = date_key(r.date, r.date_mod, granularity)
        if dk is None:
            continue
        published = articles[r.article_pk].published
        weight = BASIS_WEIGHT.get(r.basis, 0.5) * r.confidence
        refers = r.basis in ("timex", "inherited") or r.date != published
        if refers:
            s.refs[dk] = max(s.refs.get(dk, 0.0), weight)  # the text refers to the date
        elif s.rank >= LEAD:
            continue  # news dated only by its article: the lead tells it, not the body
        s.dates[dk] = max(s.dates.get(dk, 0.0), weight)
        if not refers and PUB_BACK and granularity == "day" and published:
            for days in range(1, PUB_BACK_DAYS + 1):
                day = dt.date.fromisoformat(published) - dt.timedelta(days=days)
                back = (day.isoformat(), None)
                s.dates[back] = max(s.dates.get(back, 0.0), weight * PUB_BACK**days)
    return [s for s in by_key.values() if s.dates]


#: Sentences shorter or longer than this (in words) do not summarise a date well.
MIN_WORDS, MAX_WORDS = 6, 100


#: Page furniture scraped with an article: a clock time with a time zone
#: ("10:43 am EDT", "20.04 BST"), a bar-separated byline, a "Last updated" stamp.
_FURNITURE = re.compile(
    r"\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?\s*)?(?-i:[A-Z]{1,3}T|UTC)\b"
    r"|\s\|\s"
    r"|\b(?:Last updated|Updated|Posted|Published)\b\s*:?\s*\d",
    re.IGNORECASE,
)


def _readable(s: _Sentence) -> bool:
    """A declarative sentence of summary length: no question, no fragment, no wall of
    text, no page furniture."""
    n = len(s.text.split())
    if not MIN_WORDS <= n <= MAX_WORDS or s.text.rstrip("\"'”’ ").endswith("?"):
        return False
    return _FURNITURE.search(s.text) is None


def _relevant(s: _Sentence, keywords: set[str], entities: bool) -> bool:
    if entities and not s.involved:
        return False
    if keywords and keywords.isdisjoint(s.words):
        return False
    return _readable(s)


def _date_scores(
    sentences: list[_Sentence],
    published: list[str],
    granularity: str,
) -> dict[tuple[str, str | None], float]:
    """How much each date matters: references (weighted) plus publications.

    References count once per duplicate group (its best), not once per copy.
    """
    refs: dict[tuple[str, str | None], dict[int, float]] = defaultdict(dict)
    for s in sentences:
        for dk, weight in s.refs.items():
            best = refs[dk].get(s.group, 0.0)
            refs[dk][s.group] = max(best, weight)
    scores: dict[tuple[str, str | None], float] = defaultdict(float)
    for dk, per_group in refs.items():
        scores[dk] += sum(per_group.values())
    for day in published:
        key = date_key(day, None, granularity)
        if key is not None:
            scores[key] += PUBLISHED_WEIGHT
    return scores


def _pick(
    candidates: list[_Sentence],
    dk: tuple[str, str | None],
    k: int,
    chosen: list[tx.Vector],
) -> list[_Sentence]:
    """The ``k`` most central candidates of a date, none a near-duplicate of ``chosen``."""
    middle = tx.centroid([c.vec for c in candidates])
    def value(c: _Sentence) -> float:
        length = len(c.text.split())
        brevity = min(1.0, LENGTH_PIVOT / length) ** LENGTH_POWER if length else 0.0
        return tx.cosine(c.vec, middle) * c.dates[dk] * brevity / (1.0 + POSITION_DECAY * c.rank)

    scored = sorted(candidates, key=lambda c: -value(c))
    picked: list[_Sentence] = []
    for c in scored:
        if len(picked) == k:
            break
        if not c.vec or any(tx.cosine(c.vec, v) >= SAME for v in chosen):
            continue
        picked.append(c)
        chosen.append(c.vec)
    return picked


def _sources(
    picked: list[_Sentence],
    candidates: list[_Sentence],
    copies: dict[int, list[_Sentence]] | None = None,
) -> tuple[Source, ...]:
    """The picked sentences' articles, then those of candidates saying the same, then
    the other copies of a picked sentence's story (``copies``: relevant sentences by
    duplicate group) saying the same, whatever date their own article gives it."""
    out: list[Source] = [p.article for p in picked]
    seen = {(s.article, s.start) for s in out}
    articles = {s.article for s in out}
    more = [c for p in picked for c in (copies or {}).get(p.group, ())]
    for c in [*candidates, *more]:
        if (c.meta.id, c.start) in seen or c.meta.id in articles:
            continue
        if c.vec and any(tx.cosine(c.vec, p.vec) >= SAME for p in picked):
            out.append(c.article)
            articles.add(c.meta.id)
    return tuple(out)


def build_timeline(
    store: TimelineStore,
    query: str,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    max_dates: int = 10,
    sentences_per_date: int = 1,
    entities: Sequence[str] = (),
    story: int | None = None,
    granularity: str = "any",
    max_articles: int | None = None,
) -> Timeline:
    """A timeline of ``query`` from the stored articles (see the module docstring).

    Args:
        store: An open store.
        query: Keywords (any of them must occur in a sentence); quoted phrases allowed.
        start: Only dates ending on or after this day.
        end: Only dates starting on or before this day.
        max_dates: At most this many entries.
        sentences_per_date: Sentences per entry.
        entities: Entity names; sentences must name one of them (when given).
        story: Only the articles of this story.
        granularity: ``any`` (each date as precise as its evidence), ``day``,
            ``month`` or ``year``.
        max_articles: Build from at most this many of the articles matching the
            query's words, the most relevant first (``None``: all of them).

    Example:
        >>> tl = build_timeline(store, "peace treaty", max_dates=5)  # doctest: +SKIP
        >>> [e.date for e in tl.entries]  # doctest: +SKIP
        ['1956', '1960', '2018-11', '2019-06', '2019-11-07']
    """
    if granularity not in GRANULARITIES:
        raise ValueError(f"granularity must be one of {', '.join(GRANULARITIES)}")
    material = store.timeline_material(
        query, start=start, end=end, entities=entities, story=story, max_articles=max_articles
    )
    keywords = {tx.stem(w) for w in re.findall(r"\w+", query.lower())} - {""}
    keywords = {k for k in keywords if k not in tx.STOP_WORDS}
    sentences = _sentences(material, granularity)
    for s in sentences:
        s.words = tx.terms(s.text)
    weights = tx.idf(s.words for s in sentences)
    relevant = [s for s in sentences if _relevant(s, keywords, bool(entities))]
    copies: dict[int, list[_Sentence]] = defaultdict(list)
    for s in relevant:
        s.vec = tx.vector(s.words, weights)
        copies[s.group].append(s)
    lo, hi = (start.isoformat() if start else None), (end.isoformat() if end else None)
    scores = _date_scores(relevant, material.published, granularity)
    by_date: dict[tuple[str, str | None], list[_Sentence]] = defaultdict(list)
    for s in relevant:
        for dk in s.dates:
            if (lo is None or dk[0] >= lo[: len(dk[0])]) and (
                hi is None or dk[0] <= hi[: len(dk[0])]
            ):
                by_date[dk].append(s)
    ranked = sorted(by_date, key=lambda dk: (-scores.get(dk, 0.0), dk[0], dk[1] or ""))
    chosen: list[tx.Vector] = []
    entries: list[Entry] = []
    for dk in ranked:
        if len(entries) == max_dates:
            break
        picked = _pick(by_date[dk], dk, sentences_per_date, chosen)
        if not picked:
            continue
        texts = tuple(p.text for p in picked)
        entries.append(
            Entry(
                date=dk[0],
                mod=dk[1],
                summary=texts[0],
                sentences=texts,
                sources=_sources(picked, by_date[dk], copies),
                score=scores.get(dk, 0.0),
            )
        )
    entries.sort(key=lambda e: (e.date, e.mod or ""))
    params = {
        "start": lo,
        "end": hi,
        "entities": list(entities),
        "story": story,
        "granularity": granularity,
    }
    if max_articles is not None:
        params["max_articles"] = max_articles
    return Timeline(query=query, entries=tuple(entries), params=params)
