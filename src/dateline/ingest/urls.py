"""URLs: which can be fetched, and lists of them (``dateline ingest --urls FILE``).

A URL list is plain text, one URL a line; blank lines and lines starting with
``#`` are skipped. A line that is not an absolute http(s) URL is a failure named
``FILE:LINE``, and the rest of the list goes on.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from dateline.errors import E, InputError
from dateline.records import Failure


class UrlError(InputError):
    """An ``InputError`` about one URL, whose message starts with that URL.

    It keeps its arguments so the same reason can be told about another URL (a
    host whose robots.txt cannot be read fails each of its URLs alike).
    """

    def __init__(self, error: E, *, url: str, **kwargs: object) -> None:
        super().__init__(error, url=shown(url), **kwargs)
        self.url = url
        self.kwargs = kwargs

    def about(self, url: str) -> UrlError:
        """The same error, about another URL."""
        return UrlError(self.error, url=url, **self.kwargs)


def shown(url: str) -> str:
    """A URL as a message shows it: control characters escaped, so it stays one line.

    Example:
        >>> print(shown("http://x.example/a\\nb"))
        http://x.example/a\\nb
    """
    return url if url.isprintable() else url.encode("unicode_escape").decode("ascii")


def check_url(url: str) -> tuple[str, str]:
    """The ``(origin, host:port)`` of an http(s) URL; raise ``InputError`` for any other.

    Example:
        >>> check_url("https://Example.org/a?b")
        ('https://example.org', 'example.org:443')
    """
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:  # a bad port or a broken IPv6 address
        raise UrlError(E.FETCH_FAILED, url=url, detail=f"not a URL ({exc})") from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise UrlError(E.BAD_SCHEME, url=url, scheme=parts.scheme)
    if not parts.hostname:
        raise UrlError(E.FETCH_FAILED, url=url, detail="not a URL (no host)")
    netloc = parts.netloc.rpartition("@")[2].lower()  # without user:password
    port = port or (443 if scheme == "https" else 80)
    return f"{scheme}://{netloc}", f"{parts.hostname}:{port}"


def url_failure(url: str, error: InputError) -> Failure:
    """A failure for a URL (one line): its reason drops the URL the message starts with.

    Example:
        >>> str(url_failure("ftp://x/", UrlError(E.BAD_SCHEME, url="ftp://x/", scheme="ftp")))
        "ftp://x/: only http and https URLs can be fetched (got 'ftp') [DL124]"
    """
    item = shown(url)
    return Failure(item=item, reason=error.message.removeprefix(f"{item}: "), code=error.code)


def read_url_list(text: str, *, label: str) -> Iterator[str | Failure]:
    """The URLs of a list, in order, with a failure for each line that is not one.

    Args:
        text: The list's decoded text.
        label: Its name (the file path), for failures ``label:line``.

    Example:
        >>> lines = "# news\\nhttps://example.org/a\\n\\nexample.org/b\\n"
        >>> [str(item) for item in read_url_list(lines, label="u.txt")]  # doctest: +ELLIPSIS
        ['https://example.org/a', "u.txt:4: not an http(s) URL: 'example.org/b' ... [DL131]"]
    """
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        detail = _url_problem(line)
        if detail is None:
            yield line
        else:
            error = InputError(E.BAD_URL_LINE, line=line[:200], detail=f" ({detail})")
            yield Failure(item=f"{label}:{number}", reason=error.message, code=error.code)


def _url_problem(line: str) -> str | None:
    """Why a line is not a fetchable URL, or None when it is one."""
    if any(ch.isspace() for ch in line):
        return "one URL a line, without spaces"
    try:
        parts = urlsplit(line)
        parts.port  # noqa: B018  (raises ValueError for a bad port)
    except ValueError as exc:
        return str(exc)
    if not parts.scheme or not parts.netloc:
        return "no http:// or https://"
    if parts.scheme.lower() not in ("http", "https"):
        return f"scheme {parts.scheme!r}"
    if not parts.hostname:
        return "no host"
    return None
