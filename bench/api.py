"""Read latency of the HTTP service: the real server on loopback, the sample and a 100x store.

``dateline serve`` runs as a subprocess on a free loopback port; one keep-alive
``http.client`` connection sends a bounded number of GET requests per route
(a warm-up first, not counted), one at a time, and the latency of each (request
sent to body read, client side) gives p50 / p95 / max per route. The server is
stopped at the end (terminate, wait), also on errors and Ctrl-C.

Stores (cached in ``--cache DIR``, keyed by the pipeline signature, the spaCy
model and the sample's bytes, and reused while the schema's migrations only grew —
opening applies the new ones; ``--rebuild`` ignores the cache):

- **sample**: the bundled sample through ``dateline.api.ingest`` (spaCy, ~1.5 min).
  The Works that ingest stores are captured on their way into ``store.save``
  (a wrapper around ``SQLiteStore.save`` for the duration of the call), so the
  pipeline runs once for both stores; they are kept as a pickle beside the store.
- **100x**: a copy of the sample store, then copies 1..99 of those Works saved
  through ``store.save`` in batches of 32 (no spaCy; ``entity_growth.filler``:
  fresh ids ``filler-N-<id>``, titles ending ``(copy N)``, PERSON and ORG names of
  two words or more perturbed from the sample's own name parts; texts,
  publication dates, timexes, quotes and events as in the sample), then one
  ``store.update_stories`` over the 29,000-odd new articles. Full-text search
  totals therefore grow 100x exactly, and every date carries 100x the events.

Inputs (deterministic): search, timeline and quote words are the words of the
sample's titles (quote words: of its quotes) that at least two of them contain,
not stopwords, at evenly spaced ranks of document frequency; article ids at evenly
spaced rows of each store; entities the most widely mentioned of each store;
speakers the entities quoted most in each store.

Usage:
    python bench/api.py --cache /tmp/dateline-apibench   # both stores; reruns skip the building
    python bench/api.py --stores sample --requests 20     # quick
    python bench/api.py --cache /tmp/dateline-apibench --new-connections   # no keep-alive
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import hashlib
import http.client
import inspect
import json
import math
import pickle
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from unittest import mock

from dateline.api import ingest, story_options
from dateline.config import Config
from dateline.ingest import sample_path
from dateline.pipeline import Pipeline
from dateline.records import Work
from dateline.storage import open_store
from dateline.storage.migrations import MIGRATIONS
from dateline.storage.sqlite import SQLiteStore
from entity_growth import Pools, fill, filler

#: p95 targets (ms) on the 100x store: every read route 200 ms, the timeline 1 s.
READ_TARGET_MS = 200.0
TIMELINE_TARGET_MS = 1000.0
#: How many distinct inputs each route cycles through.
INPUTS = 12
#: Bumped when the 100x store is built differently (invalidates cached ones).
BUILD_VERSION = 1


@dataclass(frozen=True)
class Route:
    """One timed GET: ``path`` is formatted with one input of kind ``takes``."""

    name: str
    path: str
    takes: str
    target_ms: float


ROUTES = (
    Route("search api", "/api/v1/articles?q={}&facets=true", "word", READ_TARGET_MS),
    Route("search page", "/search?q={}", "word", READ_TARGET_MS),
    Route("article api", "/api/v1/articles/{}", "article", READ_TARGET_MS),
    Route("article page", "/articles/{}", "article", READ_TARGET_MS),
    Route("entity api", "/api/v1/entities/{}", "entity", READ_TARGET_MS),
    Route("entity page", "/entities/{}", "entity", READ_TARGET_MS),
    Route("quotes speaker", "/api/v1/quotes?speaker={}", "speaker", READ_TARGET_MS),
    Route("quotes about", "/api/v1/quotes?about={}", "about", READ_TARGET_MS),
    Route("timeline api", "/api/v1/timeline?q={}", "word", TIMELINE_TARGET_MS),
    Route("timeline page", "/timeline?q={}", "word", TIMELINE_TARGET_MS),
)


# --------------------------------------------------------------------------- statistics


def percentile(values: Sequence[float], p: float) -> float:
    """The nearest-rank ``p``-th percentile: the smallest value at or above ``p`` % of them.

    The value of rank ``ceil(p * n / 100)`` (1-based) in sorted order, so it is
    always one of the values: of 60 latencies, p95 is the 57th smallest, p50 the
    30th; of 20, p95 is the 19th.

    Raises:
        ValueError: no values, or ``p`` outside (0, 100].
    """
    if not values:
        raise ValueError("percentile of no values")
    if not 0 < p <= 100:
        raise ValueError(f"percentile {p} outside (0, 100]")
    ordered = sorted(values)
    rank = math.ceil(p * len(ordered) / 100)  # p * n first: 95 * 60 / 100 is exactly 57
    return ordered[max(1, rank) - 1]


# --------------------------------------------------------------------------- stores


@dataclass
class Built:
    """A store ready to serve, and how it was made."""

    label: str
    path: Path
    how: str
    seconds: dict[str, float] = field(default_factory=dict)
    cached: bool = False


def migration_digests() -> list[str]:
    """One digest per schema migration (its number, name and text): a migration edited
    in place changes its digest; a new one appends a digest."""
    out = []
    for version, name, sql in MIGRATIONS:
        if not isinstance(sql, str):
            try:
                sql = inspect.getsource(sql)
            except (OSError, TypeError):
                sql = getattr(sql, "__qualname__", repr(sql))
        out.append(hashlib.sha256(f"{version}\x1f{name}\x1f{sql}".encode()).hexdigest()[:16])
    return out


def cache_key(config: Config) -> str:
    """What a cached store's content depends on: extraction signature, model and sample.

    The schema is checked apart (:func:`reusable`): migrations only ever append, and
    opening a store applies the new ones, so a store built before a migration was added
    is still the same store once opened.
    """
    digest = hashlib.sha256()
    parts = (Pipeline(config).signature, config.model)
    digest.update("\x1f".join(parts).encode())
    for f in sorted(sample_path().iterdir()):
        digest.update(f.name.encode() + b"\x1f" + f.read_bytes())
    return digest.hexdigest()[:12]


def reusable(meta_path: Path) -> bool:
    """A cached store whose migrations are a prefix of today's (none edited in place)."""
    if not meta_path.exists():
        return False
    built = json.loads(meta_path.read_text(encoding="utf-8")).get("migrations")
    now = migration_digests()
    return isinstance(built, list) and built == now[: len(built)]


def _migrated(db: Path) -> None:
    """Apply the migrations added since ``db`` was built (before it is served read-only)."""
    open_store(str(db)).close()


def build_sample(cache: Path, key: str, *, rebuild: bool) -> tuple[Built, list[Work]]:
    """The sample store (``dateline.api.ingest``) and the Works it stored."""
    db, saved = cache / f"sample-{key}.db", cache / f"sample-{key}.works.pickle"
    how = "the bundled sample through dateline.api.ingest (spaCy, default stages)"
    if db.exists() and saved.exists() and reusable(db.with_suffix(".json")) and not rebuild:
        works: list[Work] = pickle.loads(saved.read_bytes())
        meta = json.loads(db.with_suffix(".json").read_text(encoding="utf-8"))
        _migrated(db)
        return Built("sample", db, how, meta["seconds"], cached=True), works
    for stale in (db, saved, *db.parent.glob(db.name + "-*")):
        stale.unlink(missing_ok=True)
    works = []
    original = SQLiteStore.save

    def capture(self: SQLiteStore, batch: Sequence[Work], **kwargs: Any) -> None:
        works.extend(dataclasses.replace(w, doc=None) for w in batch)
        original(self, batch, **kwargs)

    print("building the sample store (spaCy over the bundled sample) ...", flush=True)
    t0 = time.perf_counter()
    with mock.patch.object(SQLiteStore, "save", capture):
        report = ingest([sample_path()], config=Config(db=str(db)))
    seconds = {"ingest": time.perf_counter() - t0}
    if report.failed or len(works) != report.new:
        raise SystemExit(
            f"sample ingest: {report.new} new, {report.failed} failed, {len(works)} Works"
            " captured; expected every article stored once"
        )
    saved.write_bytes(pickle.dumps(works, protocol=pickle.HIGHEST_PROTOCOL))
    meta = {"seconds": seconds, "migrations": migration_digests()}
    db.with_suffix(".json").write_text(json.dumps(meta), encoding="utf-8")
    return Built("sample", db, how, seconds), works


def build_large(
    cache: Path, key: str, sample: Path, works: list[Work], factor: int, *, rebuild: bool
) -> Built:
    """The sample store plus ``factor - 1`` perturbed copies of its Works, then stories."""
    db = cache / f"x{factor}-{key}-v{BUILD_VERSION}.db"
    how = (
        f"a copy of the sample store plus copies 1..{factor - 1} of its {len(works)} Works"
        " saved with store.save in batches of 32 (no spaCy; entity_growth.filler: fresh ids,"
        " titles '... (copy N)', multi-word PERSON/ORG names perturbed; texts, dates, timexes,"
        " quotes and events unchanged), then one store.update_stories"
    )
    meta_path = db.with_suffix(".json")
    if db.exists() and reusable(meta_path) and not rebuild:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        _migrated(db)
        return Built(f"{factor}x", db, how, meta["seconds"], cached=True)
    tmp = db.with_name(db.name + ".building")
    for stale in (db, tmp, meta_path, *cache.glob(tmp.name + "-*"), *cache.glob(db.name + "-*")):
        stale.unlink(missing_ok=True)
    with (
        contextlib.closing(sqlite3.connect(sample)) as src,
        contextlib.closing(sqlite3.connect(tmp)) as dst,
    ):
        src.backup(dst)
    pools = Pools.of(works)
    copies = factor - 1
    print(
        f"building the {factor}x store: {copies} copies of {len(works)} Works"
        f" ({copies * len(works):,} articles) ...",
        flush=True,
    )
    store = open_store(str(tmp))
    seconds: dict[str, float] = {}
    try:
        t0 = time.perf_counter()
        step = max(1, copies // 10)
        for first in range(1, factor, step):
            last = min(factor, first + step)
            batch = (w for c in range(first, last) for w in filler(works, c, pools, titled=True))
            fill(store, batch, batch_size=32)
            print(
                f"  copies {first}-{last - 1} saved; {time.perf_counter() - t0:.0f}s so far",
                flush=True,
            )
        seconds["save"] = time.perf_counter() - t0
        print("  clustering the new articles into stories (store.update_stories) ...", flush=True)
        t0 = time.perf_counter()
        seconds["stories_articles"] = float(store.update_stories(story_options(Config())))
        seconds["update_stories"] = time.perf_counter() - t0
    finally:
        store.close()
    tmp.rename(db)
    meta = {"seconds": seconds, "migrations": migration_digests()}
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    return Built(f"{factor}x", db, how, seconds)


@dataclass(frozen=True)
class Sizes:
    articles: int
    entities: int
    mentions: int
    quotes: int
    stories: int
    megabytes: float


def _read(db: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{db}?mode=ro", uri=True)


def sizes(db: Path) -> Sizes:
    """Row counts of a store (entities: live ones, as ``summary`` counts them)."""
    with contextlib.closing(_read(db)) as c:
        one = lambda sql: int(c.execute(sql).fetchone()[0])  # noqa: E731
        return Sizes(
            articles=one("SELECT COUNT(*) FROM articles"),
            entities=one(
                "SELECT COUNT(*) FROM entities WHERE merged_into IS NULL AND articles > 0"
            ),
            mentions=one("SELECT COUNT(*) FROM mentions"),
            quotes=one("SELECT COUNT(*) FROM quotes"),
            stories=one("SELECT COUNT(*) FROM stories"),
            megabytes=db.stat().st_size / 1e6,
        )


# --------------------------------------------------------------------------- inputs

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{3,}")


def spread_words(texts: Sequence[str], k: int, stop: frozenset[str]) -> list[str]:
    """``k`` words at evenly spaced ranks of document frequency among ``texts``.

    Words (letters, four or more, lower-cased) that two texts or more contain
    and that are not in ``stop``, sorted by frequency then alphabetically; the
    first is the most frequent, the rest step down the ranking evenly.
    """
    df: Counter[str] = Counter()
    for text in texts:
        df.update({w.lower().strip("'-") for w in _WORD.findall(text)})
    ranked = sorted(
        (w for w, n in df.items() if n >= 2 and w not in stop), key=lambda w: (-df[w], w)
    )
    if len(ranked) <= k:
        return ranked
    return [ranked[i * len(ranked) // k] for i in range(k)]


@dataclass(frozen=True)
class Inputs:
    """What each kind of route input cycles through, for one store."""

    word: list[str]
    article: list[str]
    entity: list[str]
    speaker: list[str]
    about: list[str]

    def of(self, kind: str) -> list[str]:
        values: list[str] = getattr(self, kind)
        return values


def sample_words(db: Path, k: int = INPUTS) -> tuple[list[str], list[str]]:
    """Search words from the sample's titles, quote words from its quotes."""
    from spacy.lang.en.stop_words import STOP_WORDS

    stop = frozenset(STOP_WORDS)
    with contextlib.closing(_read(db)) as c:
        titles = [r[0] for r in c.execute("SELECT title FROM articles WHERE title IS NOT NULL")]
        quotes = [r[0] for r in c.execute("SELECT text FROM quotes")]
    return spread_words(titles, k, stop), spread_words(quotes, k, stop)


def store_inputs(db: Path, words: list[str], about: list[str], k: int = INPUTS) -> Inputs:
    """Article ids, frequent entities and speakers of one store; the sample's words."""
    with contextlib.closing(_read(db)) as c:
        n = c.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        articles = [
            r[0]
            for r in c.execute(
                "SELECT id FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY pk) - 1 AS i FROM articles)"
                " WHERE i % ? = 0 ORDER BY i LIMIT ?",
                (max(1, n // k), k),
            )
        ]
        entities = [
            str(r[0])
            for r in c.execute(
                "SELECT id FROM entities WHERE merged_into IS NULL"
                " ORDER BY articles DESC, mentions DESC, id LIMIT ?",
                (k,),
            )
        ]
        speakers = [
            r[0]
            for r in c.execute(
                "SELECT e.name FROM quotes q JOIN entities e ON e.id = q.speaker_entity"
                " WHERE e.merged_into IS NULL GROUP BY e.id ORDER BY COUNT(*) DESC, e.id LIMIT ?",
                (k,),
            )
        ]
    return Inputs(words, articles, entities, speakers, about)


# --------------------------------------------------------------------------- the server


def free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def server_command(db: Path, port: int) -> list[str]:
    """The real server: ``dateline serve`` of this interpreter's dateline."""
    return [sys.executable, "-m", "dateline", "serve", "--db", str(db), "--port", str(port)]


class ServerError(RuntimeError):
    """The server did not come up."""


def _tail(log: Path, lines: int = 6) -> str:
    text = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    return "\n".join("    " + line for line in text[-lines:])


@contextlib.contextmanager
def running(db: Path, log: Path, *, wait: float = 60.0) -> Iterator[int]:
    """``dateline serve`` on a free loopback port until the block ends; yields the port."""
    port = free_port()
    with log.open("wb") as out:
        proc = subprocess.Popen(server_command(db, port), stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + wait
        while True:
            if proc.poll() is not None:
                raise ServerError(
                    f"dateline serve exited ({proc.returncode}) before answering /healthz:\n"
                    + _tail(log)
                )
            try:
                with contextlib.closing(
                    http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                ) as c:
                    c.request("GET", "/healthz")
                    if c.getresponse().status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise ServerError(f"dateline serve did not answer /healthz in {wait:.0f}s")
            time.sleep(0.1)
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


class Client:
    """One keep-alive connection (reconnects once when the server closed it), or a new
    connection per request (``keep_alive=False``: connecting is then timed too)."""

    def __init__(self, port: int, timeout: float, *, keep_alive: bool = True) -> None:
        self.port, self.timeout, self.keep_alive = port, timeout, keep_alive
        self.conn: http.client.HTTPConnection | None = None

    def get(self, path: str) -> tuple[int, bytes, float]:
        """Status, body and milliseconds from sending the request to the body's last byte."""
        for attempt in range(2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
            try:
                t0 = time.perf_counter()
                self.conn.request("GET", path)
                answer = self.conn.getresponse()
                body = answer.read()
                ms = 1000 * (time.perf_counter() - t0)
                if answer.will_close or not self.keep_alive:
                    self.close()
                return answer.status, body, ms
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def _error_line(status: int, body: bytes) -> str:
    """An error answer in one line: the JSON error's code and message, else the page's title."""
    text = body.decode("utf-8", errors="replace")
    try:
        error = json.loads(text).get("error", {})
        return f"{status} {error.get('code', '')} {error.get('message', '')}".strip()
    except (ValueError, AttributeError):
        found = re.search(r'role="alert">(.*?)</p>', text, re.S) or re.search(
            r"<title>(.*?)</title>", text, re.S
        )
        shown = re.sub(r"<[^>]+>", "", found.group(1)) if found else text[:120]
        return f"{status} {' '.join(shown.split())}"


_RAISED = re.compile(r"^([A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt)\b.*)$", re.M)


def raised(log: Path) -> Counter[str]:
    """The exceptions a server's log shows (the last line of each traceback)."""
    if not log.exists():
        return Counter()
    return Counter(_RAISED.findall(log.read_text(encoding="utf-8", errors="replace")))


@dataclass
class Timing:
    """The timed requests of one route on one store."""

    route: Route
    store: str
    ms: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    skipped: str | None = None
    out_of_time: bool = False

    @property
    def failed(self) -> int:
        return sum(self.errors.values())


def time_route(
    client: Client,
    route: Route,
    store: str,
    inputs: list[str],
    *,
    requests: int,
    warmup: int,
    budget: float = math.inf,
) -> Timing:
    """``warmup`` untimed then ``requests`` timed GETs, cycling through ``inputs``.

    Stops early once ``budget`` seconds are spent (``out_of_time``), so a slow
    route cannot hold the run for hours; at least one request is timed.
    """
    timing = Timing(route, store)
    if not inputs:
        timing.skipped = f"no {route.takes} in this store"
        return timing
    t0 = time.perf_counter()
    for i in range(warmup + requests):
        if i > warmup and time.perf_counter() - t0 > budget:
            timing.out_of_time = True
            break
        value = urllib.parse.quote(inputs[i % len(inputs)], safe="")
        path = route.path.format(value)
        try:
            status, body, ms = client.get(path)
        except (OSError, http.client.HTTPException) as exc:
            status, body, ms = 0, f"{type(exc).__name__}: {exc}".encode(), 0.0
            client.close()
        if i < warmup:
            continue
        if status == 200:
            timing.ms.append(ms)
        else:
            timing.errors[_error_line(status, body)] += 1
    return timing


def measure_store(
    built: Built,
    inputs: Inputs,
    log: Path,
    *,
    requests: int,
    warmup: int,
    timeout: float,
    budget: float,
    keep_alive: bool,
) -> list[Timing]:
    """Every route against one store, through one server run."""
    print(f"\nserving the {built.label} store ({built.path.name}) ...", flush=True)
    timings = []
    try:
        with running(built.path, log) as port:
            client = Client(port, timeout, keep_alive=keep_alive)
            try:
                for route in ROUTES:
                    t0 = time.perf_counter()
                    timing = time_route(
                        client, route, built.label, inputs.of(route.takes),
                        requests=requests, warmup=warmup, budget=budget,
                    )  # fmt: skip
                    timings.append(timing)
                    bad = f", {timing.failed} errors" if timing.failed else ""
                    if timing.out_of_time:
                        bad += f", stopped after {len(timing.ms) + timing.failed} (--budget)"
                    print(f"  {route.name:<15} {time.perf_counter() - t0:6.1f}s{bad}", flush=True)
            finally:
                client.close()
    except ServerError as exc:
        print(f"  {exc}", flush=True)
        done = {t.route.name for t in timings}
        for route in ROUTES:
            if route.name not in done:
                timings.append(Timing(route, built.label, skipped="server did not start"))
    return timings


# --------------------------------------------------------------------------- report


def verdict(t: Timing) -> str:
    if t.skipped or t.failed or not t.ms:
        return "ERRORS" if t.failed else "not measured"
    return "met" if percentile(t.ms, 95) < t.route.target_ms else "NOT MET"


def print_table(timings: list[Timing], *, keep_alive: bool = True) -> None:
    head = (
        f"{'route':<15} {'store':<7} {'n':>4} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8}"
        f" {'max ms':>8} {'target':>9}  verdict"
    )
    print("\n" + head)
    print("-" * len(head))
    for route in ROUTES:
        for t in (t for t in timings if t.route is route):
            stats = (
                f"{percentile(t.ms, 50):>8.1f} {percentile(t.ms, 95):>8.1f} {max(t.ms):>8.1f}"
                if t.ms
                else f"{'-':>8} {'-':>8} {'-':>8}"
            )
            print(
                f"{route.name:<15} {t.store:<7} {len(t.ms):>4} {t.failed:>6} {stats}"
                f" {'p95<' + format(route.target_ms, '.0f'):>9}  {verdict(t)}"
                + ("  (out of --budget)" if t.out_of_time else "")
            )
    print("-" * len(head))
    how = "one keep-alive connection" if keep_alive else "a new connection per request"
    print(f"n = answers 200 (timed); errors = other answers; latency: client side, ms, {how}")


def print_ratios(timings: list[Timing], small: str, large: str) -> None:
    by = {(t.route.name, t.store): t for t in timings}
    print(f"\np95 {large} / {small}:")
    for route in ROUTES:
        a, b = by.get((route.name, small)), by.get((route.name, large))
        if a and b and a.ms and b.ms:
            ratio = percentile(b.ms, 95) / percentile(a.ms, 95)
            print(f"  {route.name:<15} {ratio:6.2f}")
        else:
            print(f"  {route.name:<15} {'-':>6}")


def print_errors(timings: list[Timing], logs: dict[str, Path]) -> None:
    """Each route's error answers (the three most common), what was not measured, and
    the exceptions in the servers' logs."""
    for t in timings:
        for line, k in t.errors.most_common(3):
            print(f"  {t.route.name} ({t.store}): {k} of {k + len(t.ms)} answers: {line}")
    skipped: dict[tuple[str, str], list[str]] = {}
    for t in timings:
        if t.skipped:
            skipped.setdefault((t.store, t.skipped), []).append(t.route.name)
    for (store, reason), names in skipped.items():
        shown = "every route" if len(names) == len(ROUTES) else ", ".join(names)
        print(f"  {store} store: not measured ({reason}): {shown}")
    for store, log in logs.items():
        for line, k in raised(log).most_common(5):
            print(f"  server log ({store}): {k}x {line}")


def print_sizes(built: list[Built]) -> None:
    print(f"\n{'store':<7} {'articles':>9} {'entities':>9} {'mentions':>10} {'quotes':>8}"
          f" {'stories':>8} {'MB':>7}")  # fmt: skip
    for b in built:
        s = sizes(b.path)
        print(
            f"{b.label:<7} {s.articles:>9,} {s.entities:>9,} {s.mentions:>10,} {s.quotes:>8,}"
            f" {s.stories:>8,} {s.megabytes:>7.1f}"
        )


def print_built(b: Built) -> None:
    state = "cached; built" if b.cached else "built"
    spent = ", ".join(f"{k} {v:.1f}s" for k, v in b.seconds.items() if k != "stories_articles")
    print(f"{b.label} store: {b.how}.")
    print(f"  {state} in {spent}; {b.path}")
    if "save" in b.seconds and "stories_articles" in b.seconds:
        n = b.seconds["stories_articles"]
        save_ms = 1000 * b.seconds["save"] / n if n else 0.0
        story_ms = 1000 * b.seconds["update_stories"] / n if n else 0.0
        print(
            f"  {n:,.0f} articles: store.save {save_ms:.1f} ms/article,"
            f" update_stories {story_ms:.1f} ms/article"
        )


# --------------------------------------------------------------------------- main


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--requests", type=int, default=60, help="timed requests per route")
    parser.add_argument("--warmup", type=int, default=5, help="untimed requests per route first")
    parser.add_argument("--factor", type=int, default=100, help="size of the large store")
    parser.add_argument(
        "--stores", nargs="+", choices=("sample", "large"), default=["sample", "large"]
    )
    parser.add_argument("--cache", type=Path, default=None, help="keep built stores here")
    parser.add_argument("--keep", action="store_true", help="keep the default temporary cache")
    parser.add_argument("--rebuild", action="store_true", help="build the stores afresh")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per request")
    parser.add_argument(
        "--budget", type=float, default=300.0, help="seconds per route and store, then stop"
    )
    parser.add_argument(
        "--new-connections",
        action="store_true",
        help="a new connection per request instead of one keep-alive connection",
    )
    args = parser.parse_args(argv)
    if args.requests < 1 or args.warmup < 0 or args.factor < 2:
        parser.error("--requests >= 1, --warmup >= 0, --factor >= 2")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    t_all = time.perf_counter()
    cache = args.cache or Path(tempfile.mkdtemp(prefix="dateline-apibench-"))
    cache.mkdir(parents=True, exist_ok=True)
    try:
        key = cache_key(Config())
        sample, works = build_sample(cache, key, rebuild=args.rebuild)
        stores = [sample]
        if "large" in args.stores:
            stores.append(
                build_large(cache, key, sample.path, works, args.factor, rebuild=args.rebuild)
            )
        print()
        for b in stores:
            print_built(b)
        print_sizes(stores)
        words, about = sample_words(sample.path)
        print(f"\nsearch/timeline words: {', '.join(words)}")
        print(f"quote words: {', '.join(about)}")
        timings: list[Timing] = []
        logs: dict[str, Path] = {}
        for b in stores:
            if b.label == "sample" and "sample" not in args.stores:
                continue
            inputs = store_inputs(b.path, words, about)
            logs[b.label] = cache / f"server-{b.label}.log"
            timings += measure_store(
                b, inputs, logs[b.label],
                requests=args.requests, warmup=args.warmup, timeout=args.timeout,
                budget=args.budget, keep_alive=not args.new_connections,
            )  # fmt: skip
        print_table(timings, keep_alive=not args.new_connections)
        if {"sample", "large"} <= set(args.stores):
            print_ratios(timings, "sample", stores[-1].label)
        largest = stores[-1].label
        judged = [t for t in timings if t.store == largest]
        met = sum(verdict(t) == "met" for t in judged)
        print(
            f"\ntargets on the {largest} store (p95 < {READ_TARGET_MS:.0f} ms for reads,"
            f" < {TIMELINE_TARGET_MS:.0f} ms for the timeline): {met} of {len(judged)} routes met"
        )
        broken = [t for t in timings if t.failed or t.skipped]
        print(f"({time.perf_counter() - t_all:.0f}s in all)")
        if broken:
            print("\nFAILED: routes answered errors or were not measured:")
            print_errors(broken, logs)
            return 1
        return 0
    finally:
        if args.cache is None and not args.keep:
            shutil.rmtree(cache, ignore_errors=True)
        elif args.cache is None:
            print(f"stores kept in {cache} (rerun with --cache {cache})")


if __name__ == "__main__":
    raise SystemExit(main())
