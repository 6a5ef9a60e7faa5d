"""A real HTTP server on 127.0.0.1 for the fetch tests: one site with every case.

Each request is recorded (path, arrival time, headers); ``Site.active_max`` is the
most requests the handler was serving at once.
"""

from __future__ import annotations

import gzip
import os
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# The client must reach 127.0.0.1 directly, even on a machine with a proxy configured.
for _name in ("NO_PROXY", "no_proxy"):
    os.environ[_name] = ",".join(filter(None, (os.environ.get(_name), "127.0.0.1", "localhost")))

PAGE = b"<html><head><title>News</title></head><body><p>Hello.</p></body></html>"
# A crawler follows the one group that names it, else the ``*`` group.
ROBOTS = b"""User-agent: *
Disallow: /private

User-agent: dateline
Disallow: /private
Disallow: /no-dateline
"""


@dataclass
class Hit:
    path: str
    at: float
    headers: dict[str, str]


@dataclass
class Site:
    base: str = ""
    hits: list[Hit] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    active: int = 0
    active_max: int = 0
    robots: bytes | None = ROBOTS  # None: robots.txt is a 404
    robots_status: int = 200
    lock: threading.Lock = field(default_factory=threading.Lock)
    extra: dict[str, Callable[[BaseHTTPRequestHandler, int], None]] = field(default_factory=dict)

    def url(self, path: str) -> str:
        return self.base + path

    def paths(self) -> list[str]:
        return [h.path for h in self.hits]


def _send(h: BaseHTTPRequestHandler, status: int, body: bytes = b"",
          ctype: str | None = "text/html; charset=utf-8", **headers: str) -> None:
    h.send_response(status)
    if ctype:
        h.send_header("Content-Type", ctype)
    h.send_header("Content-Length", str(len(body)))
    for name, value in headers.items():
        h.send_header(name.replace("_", "-"), value)
    h.end_headers()
    h.wfile.write(body)


def _route(site: Site, h: BaseHTTPRequestHandler, path: str, n: int) -> None:
    """Answer one request; ``n`` is how many times this path was asked (1 first)."""
    if path in site.extra:
        return site.extra[path](h, n)
    if path == "/robots.txt":
        if site.robots is None:
            return _send(h, 404, b"no robots here")
        return _send(h, site.robots_status, site.robots, "text/plain")
    if path in ("/page", "/page2", "/page3", "/page4", "/private-not", "/no-dateline-not"):
        return _send(h, 200, PAGE)
    if path == "/r1":
        return _send(h, 301, Location="/r2")
    if path == "/r2":
        return _send(h, 302, Location=site.url("/page"))
    if path == "/loop-a":
        return _send(h, 302, Location="/loop-b")
    if path == "/loop-b":
        return _send(h, 302, Location="/loop-a")
    if path.startswith("/chain/"):
        return _send(h, 307, Location=f"/chain/{int(path.rsplit('/', 1)[1]) + 1}")
    if path == "/to-ftp":
        return _send(h, 302, Location="ftp://127.0.0.1/file")
    if path == "/to-private":
        return _send(h, 302, Location="/private/secret")
    if path == "/flaky":  # a 500, then the page
        return _send(h, 500, b"oops") if n == 1 else _send(h, 200, PAGE)
    if path == "/busy":  # a 429 asking for a second's pause, then the page
        return _send(h, 429, b"slow down", Retry_After="1") if n == 1 else _send(h, 200, PAGE)
    if path == "/busy-long":
        return _send(h, 429, b"come back tomorrow", Retry_After="86400")
    if path == "/down":
        return _send(h, 503, b"down")
    if path == "/slow":
        time.sleep(0.6)
        return _send(h, 200, PAGE)
    if path == "/slowish":
        time.sleep(0.3)
        return _send(h, 200, PAGE)
    if path == "/huge":  # no Content-Length: the body streams until the client stops
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.end_headers()
        chunk = b"x" * 65536
        for _ in range(160):  # 10 MB at most (bounded)
            h.wfile.write(chunk)
        return None
    if path == "/huge-declared":
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", str(50 * 1024 * 1024))
        h.end_headers()
        return None
    if path == "/drip":  # headers at once, then a byte every 0.1 s: no read waits long
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.end_headers()
        for _ in range(30):  # 3 s at most (bounded)
            h.wfile.write(b"x")
            h.wfile.flush()
            time.sleep(0.1)
        return None
    if path == "/gzipped":
        return _send(h, 200, gzip.compress(PAGE), Content_Encoding="gzip")
    if path == "/image":
        return _send(h, 200, b"\x89PNG\r\n\x1a\n" + bytes(100), "image/png")
    if path == "/etag":
        if h.headers.get("If-None-Match") == '"v1"':
            return _send(h, 304, ctype=None, ETag='"v1"')
        return _send(h, 200, PAGE, ETag='"v1"', Last_Modified="Thu, 07 Nov 2019 10:00:00 GMT")
    if path == "/modified":
        if h.headers.get("If-Modified-Since") == "Thu, 07 Nov 2019 10:00:00 GMT":
            return _send(h, 304, ctype=None)
        return _send(h, 200, PAGE, Last_Modified="Thu, 07 Nov 2019 10:00:00 GMT")
    return _send(h, 404, b"not found")


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802  (http.server's name)
            path = self.path.split("?", 1)[0]
            with site.lock:
                site.counts[path] += 1
                n = site.counts[path]
                site.hits.append(Hit(path, time.monotonic(), dict(self.headers.items())))
                site.active += 1
                site.active_max = max(site.active_max, site.active)
            try:
                _route(site, self, path, n)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client stopped reading (a body over its limit)
            finally:
                with site.lock:
                    site.active -= 1

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    return Handler


@contextmanager
def serve(site: Site | None = None) -> Iterator[Site]:
    """Run a site on a free port of 127.0.0.1 for the length of a ``with``."""
    site = site or Site()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    httpd.daemon_threads = True
    site.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield site
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
