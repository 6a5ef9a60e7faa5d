"""Large stores built cheaply, for ``entities.py`` (how saving scales) and ``api.py``.

The real pipeline runs once over the bundled sample; its Works are saved first,
then copies of them with fresh article ids and systematically perturbed entity
names until the store holds the size asked for. No spaCy runs for the filler.

Perturbation (deterministic, a CRC32 of copy number and name picks each part):

- PERSON names of two words or more become a first name and a surname drawn from
  the sample's own people (first words and last words of their names), so the
  entity table grows like a real one: new combinations, recurring parts. Mention
  texts follow: the full name, the surname alone and the first name alone are
  replaced by their new forms.
- ORG names of two words or more likewise become a first word and a last word of
  the sample's organisations ("National Association").
- Places and everything else keep their names: they recur in real news too.

At each size a fixed probe batch (the first ~50 sample Works, fresh ids) is
saved in one ``store.save`` call and timed, best of three; ``link_seconds`` is
read when the store keeps it (time spent in cross-article linking).
"""

from __future__ import annotations

import dataclasses
import itertools
import time
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dateline.config import Config
from dateline.ingest import read_paths, sample_path
from dateline.pipeline import Pipeline
from dateline.records import Article, Entity, Work
from dateline.storage import open_store


@dataclass(frozen=True)
class Pools:
    """Name parts drawn from the sample's own entities."""

    firsts: tuple[str, ...]
    lasts: tuple[str, ...]
    org_heads: tuple[str, ...]
    org_tails: tuple[str, ...]

    @classmethod
    def of(cls, works: Sequence[Work]) -> Pools:
        def parts(kind: str, index: int) -> tuple[str, ...]:
            names = {e.name for w in works for e in w.entities if e.type == kind}
            return tuple(sorted({n.split()[index] for n in names if len(n.split()) > 1}))

        return cls(parts("PERSON", 0), parts("PERSON", -1), parts("ORG", 0), parts("ORG", -1))


def _pick(pool: Sequence[str], seed: int) -> str:
    return pool[seed % len(pool)] if pool else ""


def _key(name: str) -> str:
    return " ".join(name.casefold().removeprefix("the ").split())


def perturb_entity(e: Entity, copy: int, pools: Pools) -> Entity:
    """An entity renamed for filler copy ``copy`` (unchanged unless a multi-word PERSON/ORG)."""
    words = e.name.split()
    if len(words) < 2 or e.type not in ("PERSON", "ORG"):
        return e
    seed = zlib.crc32(f"{copy}\x1f{e.type}\x1f{e.name}".encode())
    if e.type == "PERSON":
        first, last = _pick(pools.firsts, seed), _pick(pools.lasts, seed >> 11)
    else:
        first, last = _pick(pools.org_heads, seed), _pick(pools.org_tails, seed >> 11)
    if not first or not last:
        return e
    name = f"{first} {last}"
    forms = {e.name: name, words[-1]: last, words[0]: first}
    mentions = tuple(
        dataclasses.replace(m, text=forms[m.text]) if m.text in forms else m for m in e.mentions
    )
    return dataclasses.replace(e, name=name, key=_key(name), mentions=mentions)


def filler(works: Sequence[Work], copy: int, pools: Pools, *, titled: bool = False) -> list[Work]:
    """Copy ``copy`` of every Work: fresh article ids, perturbed entities, no Doc.

    ``titled`` appends ``(copy N)`` to each title, so search results of the
    copies can be told apart (the texts stay the sample's own).
    """
    out = []
    for w in works:
        article = dataclasses.replace(w.article, id=f"filler-{copy}-{w.article.id}")
        if titled:
            title = f"{article.title} (copy {copy})" if article.title else f"(copy {copy})"
            article = dataclasses.replace(article, title=title)
        entities = [perturb_entity(e, copy, pools) for e in w.entities]
        out.append(dataclasses.replace(w, article=article, doc=None, entities=entities))
    return out


def stream(works: Sequence[Work], pools: Pools) -> Iterator[Work]:
    """The sample's Works, then filler copies 1, 2, … without end."""
    yield from (dataclasses.replace(w, doc=None) for w in works)
    copy = 0
    while True:
        copy += 1
        yield from filler(works, copy, pools)


def fill(store: Any, works: Iterable[Work], *, batch_size: int = 32) -> int:
    """Save ``works`` into ``store`` in batches of ``batch_size`` (one transaction each)."""
    saved = 0
    source = iter(works)
    while batch := list(itertools.islice(source, batch_size)):
        store.save(batch)
        saved += len(batch)
    return saved


def sample_works() -> list[Work]:
    """The bundled sample through the default pipeline, untimed and not stored."""
    config = Config(db=":memory:")
    articles = [a for a in read_paths([sample_path()], config=config) if isinstance(a, Article)]
    return [w for w in Pipeline(config).run_batch(articles) if isinstance(w, Work)]


@dataclass(frozen=True)
class Probe:
    """One measurement: saving the probe batch into a store of ``size`` articles."""

    size: int
    ms_per_article: float
    link_ms_per_article: float | None
    entities: int
    mentions: int
    fill_seconds: float


def _probe(store: Any, works: Sequence[Work], size: int, repeat: int) -> tuple[float, float | None]:
    """The fastest of ``repeat`` saves of ``works`` (fresh ids): ms/article, link ms/article."""
    best: tuple[float, float | None] | None = None
    for run in range(repeat):
        batch = [
            dataclasses.replace(
                w, article=dataclasses.replace(w.article, id=f"probe-{size}-{run}-{w.article.id}")
            )
            for w in works
        ]
        link0 = getattr(store, "link_seconds", None)
        t0 = time.perf_counter()
        store.save(batch)
        spent = 1000 * (time.perf_counter() - t0) / len(batch)
        link1 = getattr(store, "link_seconds", None)
        link = (
            1000 * (link1 - link0) / len(batch)
            if isinstance(link0, float) and isinstance(link1, float)
            else None
        )
        if best is None or spent < best[0]:
            best = (spent, link)
    assert best is not None
    return best


def measure(
    works: Sequence[Work],
    sizes: Sequence[int],
    folder: Path,
    *,
    probe: int = 50,
    repeat: int = 3,
    batch_size: int = 32,
) -> list[Probe]:
    """Fill one store up to each size in turn; time saving the probe batch at each.

    The probe is saved ``repeat`` times (fresh ids each time) and the fastest run
    kept; the probe articles stay in the store (a few hundred among thousands).
    """
    pools = Pools.of(works)
    probe_works = [dataclasses.replace(w, doc=None) for w in works[:probe]]
    store = open_store(str(folder / "growth.db"), create=True)
    conn = getattr(store, "conn")  # noqa: B009 (the SQLite store's connection)
    results = []
    try:
        source = stream(works, pools)
        for size in sorted(sizes):
            t0 = time.perf_counter()
            have = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            if have < size:
                fill(store, itertools.islice(source, size - have), batch_size=batch_size)
            fill_seconds = time.perf_counter() - t0
            spent, link = _probe(store, probe_works, size, repeat)
            counts = conn.execute(
                "SELECT (SELECT COUNT(*) FROM entities), (SELECT COUNT(*) FROM mentions)"
            ).fetchone()
            results.append(Probe(size, spent, link, counts[0], counts[1], fill_seconds))
    finally:
        store.close()
    return results
