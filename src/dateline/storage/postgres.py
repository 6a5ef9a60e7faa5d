"""The PostgreSQL store's entry: ``postgresql://`` and ``postgres://`` URLs.

Registered like any store (:func:`dateline.storage.register_store`); the store
itself (:mod:`dateline.storage.pg_store`) needs psycopg, the ``postgres`` extra,
and is imported only when such a URL is opened, so SQLite users need not install it.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit

from dateline.errors import ConfigError, E
from dateline.protocols import Store
from dateline.storage import register_store


def redact(url: str) -> str:
    """The URL without its password, fit to show a user (a file path as it is).

    Example:
        >>> redact("postgresql://news:s3cret@db.example:5432/dateline?password=x&sslmode=require")
        'postgresql://news@db.example:5432/dateline?sslmode=require'
    """
    if "://" not in url:
        return url
    try:
        parts = urlsplit(url)
        netloc = parts.netloc
        if "@" in netloc:
            user, _, host = netloc.rpartition("@")
            netloc = user.partition(":")[0] + "@" + host
        query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if k != "password"])
        return f"{parts.scheme}://{netloc}{parts.path}" + (f"?{query}" if query else "")
    except ValueError:
        return url.partition("://")[0] + "://…"


@register_store("postgresql")
@register_store("postgres")
def open_postgres(location: str, *, create: bool = False) -> Store:
    """The PostgreSQL store at ``postgresql://location`` (see :class:`~dateline.storage.
    pg_store.PostgresStore`).

    Raises:
        ConfigError: psycopg is not installed (``DL214``).
        StoreError: the server is unreachable (``DL309``), the database holds no store
            and ``create`` is false (``DL301``), or a newer one (``DL304``).
    """
    url = "postgresql://" + location
    try:
        from dateline.storage.pg_store import PostgresStore
    except ImportError as exc:  # the postgres extra is not installed
        raise ConfigError(E.NO_DRIVER, url=redact(url), package="psycopg 3") from exc
    return PostgresStore(url, create=create)
