"""dateline over HTTP: a JSON API under ``/api/v1/`` and web pages, both over :mod:`dateline.api`.

The service never reads the store directly: every route makes the same library
calls the CLI makes. :func:`create_app` builds the ASGI application;
:func:`dateline.service.server.serve` runs it with uvicorn.
"""

from __future__ import annotations

from dateline.service.app import ServiceOptions, create_app

__all__ = ["ServiceOptions", "create_app"]
