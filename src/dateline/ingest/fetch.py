"""A polite HTTP client for pages, feeds and sitemaps.

:class:`Fetcher` wraps one ``httpx.Client`` (thread-safe, connections reused) and
adds what a news reader owes the sites it reads:

* each host's ``robots.txt`` is read once (through the same client) and obeyed;
* at most ``config.fetch_per_host`` requests are in flight to a host, and their
  starts are at least ``config.fetch_delay`` seconds apart (robots.txt, retries and
  redirect hops count too; a robots ``Crawl-delay`` can lengthen the delay);
* 429 and 5xx answers are retried with exponential backoff, honouring
  ``Retry-After`` up to :data:`RETRY_AFTER_CAP` (a longer wait gives up at once);
* bodies are streamed and cut at ``config.fetch_max_bytes``; redirects are
  followed by hand (at most :data:`MAX_REDIRECTS`, loops refused) so robots.txt
  and the scheme are checked at every hop;
* with a :class:`FetchState`, requests are conditional (``If-None-Match``,
  ``If-Modified-Since``) and a 304 comes back as ``Fetched(not_modified=True)``.

Timeouts and connection errors are not retried: a host that is slow or down
now is most likely slow or down a second later, and retrying multiplies the wait.
"""

from __future__ import annotations

import email.utils
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from queue import Queue
from typing import TYPE_CHECKING
from urllib.parse import urljoin
from urllib.robotparser import RobotFileParser

from dateline.config import Config
from dateline.errors import E, InputError
from dateline.ingest.urls import UrlError, check_url, url_failure
from dateline.records import Failure
from dateline.storage.fetched import Fetched, FetchState, MemoryFetchState

MAX_REDIRECTS = 5
#: Longest ``Retry-After`` (seconds) waited for; a server asking more is given up on.
RETRY_AFTER_CAP = 60.0
#: Longest ``Crawl-delay`` (seconds) taken from a robots.txt.
CRAWL_DELAY_CAP = 30.0
#: robots.txt past this size is cut (RFC 9309 lets a crawler stop at 500 KiB).
ROBOTS_MAX_BYTES = 500 * 1024
#: Threads of :meth:`Fetcher.fetch_many`: hosts fetched side by side.
MAX_THREADS = 8
PAGE_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = (
    "application/rss+xml", "application/atom+xml", "application/rdf+xml",
    "application/xml", "text/xml",
)  # fmt: skip
_REDIRECTS = (301, 302, 303, 307, 308)

if TYPE_CHECKING:  # httpx is imported by the first Fetcher, not by every command
    import httpx


def _user_agent() -> str:
    try:
        own = version("dateline")
    except PackageNotFoundError:  # run from a source tree that was never installed
        own = "0+unknown"
    return f"dateline/{own} (news reader)"


class _HostGate:
    """One host's politeness: ``slots`` requests at a time, starts ``delay`` apart."""

    def __init__(self, slots: int, delay: float) -> None:
        self._slots = threading.BoundedSemaphore(max(1, slots))
        self._lock = threading.Lock()
        self._next = 0.0
        self.delay = delay

    @contextmanager
    def turn(self) -> Iterator[None]:
        with self._slots:
            # Book the next start under the lock, sleep outside it: starts are
            # spaced even when several slots wait at once.
            with self._lock:
                now = time.monotonic()
                start = max(now, self._next)
                self._next = start + self.delay
            if start > now:
                time.sleep(start - now)
            yield


@dataclass(frozen=True)
class _Ask:
    """What one request is for: the URL asked for (named in errors) and how to read it."""

    url: str
    headers: dict[str, str]
    accept: tuple[str, ...] | None
    limit: int
    cut: bool = False  # past the limit: keep the start (robots.txt) instead of refusing


@dataclass(frozen=True)
class _Answer:
    status: int
    reason: str
    headers: httpx.Headers
    body: bytes
    url: str


class Fetcher:
    """A polite HTTP client (see the module's docstring); close it when done.

    Example:
        >>> with Fetcher(config=Config()) as fetcher:  # doctest: +SKIP
        ...     page = fetcher.fetch("https://example.org/news/1", accept=PAGE_TYPES)
        >>> page.status, page.content_type  # doctest: +SKIP
        (200, 'text/html')
    """

    def __init__(self, *, config: Config, state: FetchState | None = None) -> None:
        self.config = config
        self.state = state
        self.user_agent = config.user_agent or _user_agent()
        import httpx

        self._client = httpx.Client(
            timeout=httpx.Timeout(config.fetch_timeout),
            follow_redirects=False,  # followed by hand: robots.txt and scheme at each hop
            headers={"User-Agent": self.user_agent},
            limits=httpx.Limits(max_connections=4 * MAX_THREADS),
        )
        self._lock = threading.Lock()
        self._gates: dict[str, _HostGate] = {}
        self._robots: dict[str, RobotFileParser | UrlError] = {}
        self._robots_locks: dict[str, threading.Lock] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    # -- public ------------------------------------------------------------------
    def fetch(self, url: str, *, accept: tuple[str, ...] | None = None) -> Fetched:
        """Fetch one URL; raise ``InputError`` (a ``DL12x`` code) when it cannot be had.

        Args:
            url: An http or https URL.
            accept: Media types wanted (``"text/*"`` matches a family); another type
                is an error before the body is read. ``None`` takes any type.

        Example:
            >>> try:
            ...     Fetcher(config=Config()).fetch("ftp://example.org/x")
            ... except InputError as exc:
            ...     print(exc.code)
            DL124
        """
        known = self.state.validators(url) if self.state else (None, None)
        fetched = self._fetch(url, accept=accept, known=known)
        self._remember(fetched)
        return fetched

    def fetch_many(
        self, urls: Iterable[str], *, accept: tuple[str, ...] | None = None
    ) -> Iterator[Fetched | Failure]:
        """Fetch URLs side by side across hosts, politely per host, in completion order.

        The URLs are read first and grouped by host; each host gets
        ``config.fetch_per_host`` lanes that take its URLs in input order, and at
        most :data:`MAX_THREADS` lanes run at once. Results come out as they finish
        (``Fetched.requested`` or ``Failure.item`` tells which URL), after the
        failures of URLs that cannot be fetched at all (bad scheme). The state is
        read and written in the calling thread only, so it need not be thread-safe.

        Example:
            >>> with Fetcher(config=Config()) as fetcher:  # doctest: +SKIP
            ...     for item in fetcher.fetch_many(["https://a.example/1", "https://b.example/2"]):
            ...         print(item)
        """
        Todo = deque[tuple[str, tuple[str | None, str | None]]]
        by_host: dict[str, Todo] = {}
        for url in urls:
            try:
                host = check_url(url)[1]
            except InputError as exc:
                yield url_failure(url, exc)
                continue
            known = self.state.validators(url) if self.state else (None, None)
            by_host.setdefault(host, deque()).append((url, known))
        total = sum(len(todo) for todo in by_host.values())
        if not total:
            return
        results: Queue[Fetched | Failure | BaseException] = Queue()
        stop = threading.Event()

        def drain(todo: Todo) -> None:
            while not stop.is_set():
                try:
                    url, known = todo.popleft()  # deque pops are atomic: lanes share it
                except IndexError:
                    return
                try:
                    results.put(self._fetch(url, accept=accept, known=known))
                except InputError as exc:
                    results.put(url_failure(url, exc))
                except BaseException as exc:  # a bug: raised again in the caller's thread
                    results.put(exc)
                    return

        per_host = max(1, self.config.fetch_per_host)
        lanes = [todo for todo in by_host.values() for _ in range(min(per_host, len(todo)))]
        pool = ThreadPoolExecutor(min(MAX_THREADS, len(lanes)), thread_name_prefix="dateline-fetch")
        try:
            for todo in lanes:
                pool.submit(drain, todo)
            for _ in range(total):
                item = results.get()
                if isinstance(item, BaseException):
                    raise item
                if isinstance(item, Fetched):
                    self._remember(item)
                yield item
        finally:
            # A caller that stops early leaves no work queued; requests in flight
            # end on their own (each is bounded by the timeouts).
            stop.set()
            pool.shutdown(wait=False, cancel_futures=True)

    # -- one URL -----------------------------------------------------------------
    def _remember(self, fetched: Fetched) -> None:
        if self.state is not None and not fetched.not_modified:
            self.state.remember(fetched)

    def _fetch(
        self, url: str, *, accept: tuple[str, ...] | None, known: tuple[str | None, str | None]
    ) -> Fetched:
        check_url(url)
        headers = {"Accept": ", ".join((*accept, "*/*;q=0.1")) if accept else "*/*"}
        if known[0]:
            headers["If-None-Match"] = known[0]
        if known[1]:
            headers["If-Modified-Since"] = known[1]
        ask = _Ask(url, headers, accept, self.config.fetch_max_bytes)
        current, seen = url, {url}
        for _ in range(MAX_REDIRECTS + 1):
            if self.config.respect_robots:
                self._check_robots(current, requested=url)
            answer = self._retrying(current, ask)
            if answer.status not in _REDIRECTS:
                return _result(answer, url, known)
            current = _redirect(answer, ask)
            if current in seen:
                raise UrlError(E.TOO_MANY_REDIRECTS, url=url, detail=f"a loop back to {current}")
            seen.add(current)
        raise UrlError(E.TOO_MANY_REDIRECTS, url=url, detail=f"more than {MAX_REDIRECTS}")

    def _retrying(self, current: str, ask: _Ask) -> _Answer:
        """One exchange, again after 429 and 5xx answers (bounded, with backoff)."""
        retries = max(0, self.config.fetch_retries)
        for attempt in range(retries + 1):
            answer = self._exchange(current, ask)
            if not (answer.status == 429 or answer.status >= 500) or attempt == retries:
                return answer
            wait = _retry_after(answer.headers.get("retry-after"))
            if wait is None:  # no (readable) Retry-After: exponential backoff
                wait = max(self.config.fetch_delay, 0.1) * 2**attempt
            elif wait > RETRY_AFTER_CAP:
                over = f"Retry-After {wait:.0f} s is over the {RETRY_AFTER_CAP:.0f} s cap"
                raise UrlError(E.FETCH_STATUS, url=ask.url, status=answer.status,
                               detail=f" {answer.reason} ({over})")  # fmt: skip
            time.sleep(min(wait, RETRY_AFTER_CAP))
        raise AssertionError("unreachable")  # the loop returns on its last attempt

    def _exchange(self, current: str, ask: _Ask) -> _Answer:
        """One request through the host's gate; the body is read only for a 2xx."""
        import httpx

        timeout = self.config.fetch_timeout
        with self._gate(check_url(current)[1]).turn():
            # The read timeout bounds each wait; this bounds a body that drips in.
            deadline = time.monotonic() + 3 * timeout
            try:
                with self._client.stream("GET", current, headers=ask.headers) as r:
                    body = b""
                    if 200 <= r.status_code < 300:
                        media = _content_type(r.headers.get("content-type"))[0]
                        if ask.accept and media and not _accepted(media, ask.accept):
                            raise UrlError(E.WRONG_TYPE, url=ask.url, found=media,
                                           expected=", ".join(ask.accept))  # fmt: skip
                        body = _read_body(r, ask, deadline)
                    return _Answer(r.status_code, r.reason_phrase, r.headers, body, current)
            except httpx.TimeoutException as exc:
                phase = "connecting" if isinstance(exc, httpx.ConnectTimeout) else "reading"
                raise UrlError(E.FETCH_TIMEOUT, url=ask.url, seconds=timeout, detail=phase) from exc
            except _Deadline as exc:
                raise UrlError(E.FETCH_TIMEOUT, url=ask.url, seconds=3 * timeout,
                               detail="the body was still arriving") from exc  # fmt: skip
            except (httpx.HTTPError, httpx.InvalidURL, UnicodeError, ValueError) as exc:
                # UnicodeError: a host name IDNA cannot encode ("a..b", "xn--").
                detail = " ".join(str(exc).split()) or type(exc).__name__
                raise UrlError(E.FETCH_FAILED, url=ask.url, detail=detail) from exc

    def _gate(self, host: str) -> _HostGate:
        with self._lock:
            if host not in self._gates:
                self._gates[host] = _HostGate(self.config.fetch_per_host, self.config.fetch_delay)
            return self._gates[host]

    # -- robots.txt ----------------------------------------------------------------
    def _check_robots(self, current: str, *, requested: str) -> None:
        origin, host = check_url(current)
        with self._lock:
            origin_lock = self._robots_locks.setdefault(origin, threading.Lock())
        with origin_lock:  # one read per origin, however many lanes ask at once
            if origin not in self._robots:
                self._robots[origin] = self._read_robots(origin, host)
            rules = self._robots[origin]
        if isinstance(rules, UrlError):
            raise rules.about(requested)
        if not rules.can_fetch(self.user_agent, current):
            at = "" if current == requested else f" at {current}"
            raise UrlError(E.ROBOTS_DISALLOWED, url=requested,
                           detail=f"{origin}/robots.txt disallows the path{at}")  # fmt: skip

    def _read_robots(self, origin: str, host: str) -> RobotFileParser | UrlError:
        """The origin's rules, as RFC 9309 says to read a file that cannot be read."""
        url = f"{origin}/robots.txt"
        ask = _Ask(url, {}, None, ROBOTS_MAX_BYTES, cut=True)
        try:
            answer = self._retrying(url, ask)
            for _ in range(MAX_REDIRECTS):  # followed, not themselves checked against robots
                if answer.status not in _REDIRECTS:
                    break
                answer = self._retrying(_redirect(answer, ask), ask)
        except UrlError as exc:
            return exc  # the host cannot be reached: every URL of it fails alike
        rules = RobotFileParser(url)
        if 200 <= answer.status < 300:
            rules.parse(answer.body.decode("utf-8", errors="replace").splitlines())
        elif answer.status >= 500:  # rules that cannot be read: "disallow all" (2.3.1.4)
            return UrlError(E.ROBOTS_DISALLOWED, url=url,
                            detail=f"{url} answered HTTP {answer.status}")  # fmt: skip
        else:  # 4xx, or redirects past the limit: no rules, all allowed (2.3.1.3)
            rules.parse([])
        delay = rules.crawl_delay(self.user_agent)
        if delay:
            gate = self._gate(host)
            gate.delay = max(gate.delay, min(float(delay), CRAWL_DELAY_CAP))
        return rules


def _redirect(answer: _Answer, ask: _Ask) -> str:
    """Where a redirect leads (an absolute http(s) URL), or an error about ``ask.url``."""
    location = answer.headers.get("location", "").strip()
    if not location:
        raise UrlError(E.FETCH_STATUS, url=ask.url, status=answer.status,
                       detail=" (a redirect without a Location)")  # fmt: skip
    target = urljoin(answer.url, location)
    try:
        check_url(target)
    except InputError as exc:
        raise UrlError(E.FETCH_FAILED, url=ask.url, detail=f"redirected to {exc.message}") from exc
    return target


def _result(answer: _Answer, url: str, known: tuple[str | None, str | None]) -> Fetched:
    """The final answer as a :class:`Fetched`, or the error its status means."""
    h = answer.headers
    if answer.status == 304 and any(known):
        return Fetched(
            url=answer.url, requested=url, status=304, content=b"", content_type=None,
            charset=None, etag=h.get("etag") or known[0],
            last_modified=h.get("last-modified") or known[1], not_modified=True,
        )  # fmt: skip
    if not 200 <= answer.status < 300:
        at = f" (at {answer.url})" if answer.url != url else ""
        raise UrlError(E.FETCH_STATUS, url=url, status=answer.status,
                       detail=f" {answer.reason}{at}".rstrip())  # fmt: skip
    media, charset = _content_type(h.get("content-type"))
    return Fetched(
        url=answer.url, requested=url, status=answer.status, content=answer.body,
        content_type=media, charset=charset, etag=h.get("etag"),
        last_modified=h.get("last-modified"),
    )  # fmt: skip


def _content_type(value: str | None) -> tuple[str | None, str | None]:
    """``("text/html", "utf-8")`` from ``text/html; charset=UTF-8``."""
    media, _, params = (value or "").partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset" and val.strip():
            charset = val.strip().strip("\"'").lower()
    return media.strip().lower() or None, charset


def _accepted(media: str, accept: tuple[str, ...]) -> bool:
    """Whether a media type is one of ``accept`` (``text/*`` takes the family)."""
    return any(
        media == w or (w.endswith("/*") and media.startswith(w[:-1]))
        for w in (a.lower() for a in accept)
    )


class _Deadline(Exception):
    """A body still arriving at its deadline."""


def _read_body(r: httpx.Response, ask: _Ask, deadline: float) -> bytes:
    """The body, streamed; past ``ask.limit`` bytes (decoded) it is refused, or cut."""
    declared = r.headers.get("content-length", "")
    if not ask.cut and declared.isdigit() and int(declared) > ask.limit:
        raise UrlError(E.FETCH_TOO_LARGE, url=ask.url, limit=ask.limit,
                       detail=f" (Content-Length {int(declared):,})")  # fmt: skip
    body = bytearray()
    for chunk in r.iter_bytes():
        if len(body) + len(chunk) > ask.limit:
            if ask.cut:
                return bytes(body + chunk[: ask.limit - len(body)])
            raise UrlError(E.FETCH_TOO_LARGE, url=ask.url, limit=ask.limit,
                           detail=" (stopped reading)")  # fmt: skip
        if time.monotonic() > deadline:
            raise _Deadline()
        body += chunk
    return bytes(body)


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a ``Retry-After`` (seconds or an HTTP date); None if unreadable."""
    value = (value or "").strip()
    if value.isascii() and value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time()) if when.tzinfo else None


__all__ = [
    "FEED_TYPES", "PAGE_TYPES", "FetchState", "Fetched", "Fetcher", "MemoryFetchState",
]  # fmt: skip
