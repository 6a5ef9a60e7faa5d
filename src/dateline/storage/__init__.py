"""Stores, found by URL scheme through one registry.

``open_store("dateline.db")`` and ``open_store("sqlite:///dateline.db")`` give
the SQLite store, ``open_store("postgresql://user:pass@host/db")`` (or
``postgres://``) the PostgreSQL store; other backends register a scheme the same
way, from dateline itself or from a plug-in's ``dateline.stores`` entry point.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import entry_points

from dateline.errors import ConfigError, E
from dateline.protocols import Store

StoreFactory = Callable[..., Store]
_STORES: dict[str, StoreFactory] = {}
_plugins_loaded = False


def register_store(scheme: str) -> Callable[[StoreFactory], StoreFactory]:
    """Register a store factory ``factory(location, *, create) -> Store`` for a URL scheme."""

    def register(factory: StoreFactory) -> StoreFactory:
        _STORES[scheme] = factory
        return factory

    return register


def open_store(url: str, *, create: bool = False) -> Store:
    """Open the store a URL names; a bare path means a SQLite file.

    Args:
        url: ``path.db``, ``sqlite:///path.db``, ``postgresql://…`` or ``scheme://…`` of a
            registered backend.
        create: Create the database when missing (ingest); otherwise a missing one is an error.
    """
    global _plugins_loaded
    from dateline.storage import postgres, sqlite  # noqa: F401  (register their schemes)

    if not _plugins_loaded:
        _plugins_loaded = True
        for ep in entry_points(group="dateline.stores"):
            ep.load()
    scheme, sep, rest = url.partition("://")
    if not sep:
        scheme, rest = "sqlite", url
    elif scheme == "sqlite":
        rest = rest.removeprefix("/")  # sqlite:///relative.db and sqlite:////abs.db
    factory = _STORES.get(scheme)
    if factory is None:
        raise ConfigError(E.UNKNOWN_STORE, scheme=scheme, known=", ".join(sorted(_STORES)))
    return factory(rest, create=create)


__all__ = ["open_store", "register_store"]
