"""The ASGI application: routes, security headers, body limits and error answers.

FastAPI (on Starlette) is the framework: the OpenAPI schema and its interactive
documentation are generated from the routes' own typed parameters, so they
cannot drift from what the server accepts, and the parameters are validated
before any library call runs.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dateline.config import Config
from dateline.errors import DatelineError, E
from dateline.service.errors import error_body, status_of

HERE = Path(__file__).parent
API = "/api/v1"
#: Ids are SQLite integers: larger numbers name nothing.
MAX_ID = 2**63 - 1
#: A timeline's words are matched in this many articles at most, the most relevant first:
#: a common word on a large store would otherwise read it all for one request.
TIMELINE_ARTICLES = 100

#: Scripts and styles only from this server: no inline script, no other origin.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)


@dataclass(frozen=True)
class ServiceOptions:
    """How the service runs.

    Attributes:
        config: The library configuration (``config.db`` is the store served).
        allow_writes: Write routes (``POST /api/v1/articles``) are open, with the token.
        token: The bearer token write routes require.
        max_body_bytes: Larger request bodies are refused (413).
        page_size: Items per page on the web pages.
    """

    config: Config = field(default_factory=Config)
    allow_writes: bool = False
    token: str | None = None
    max_body_bytes: int = 10 * 1024 * 1024
    page_size: int = 20

    def authorised(self, header: str | None) -> bool:
        """Whether an ``Authorization`` header carries the token (compared in constant time)."""
        if not self.token or not header or not header.startswith("Bearer "):
            return False
        return secrets.compare_digest(header[len("Bearer ") :].strip(), self.token)


def _version() -> str:
    try:
        return version("dateline")
    except PackageNotFoundError:  # pragma: no cover (a source checkout without metadata)
        return "0"


class SecurityHeaders:
    """Adds the Content-Security-Policy and related headers to every answer."""

    HEADERS = (
        (b"content-security-policy", CSP.encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"same-origin"),
        (b"x-frame-options", b"DENY"),
    )

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k for k, _ in message.get("headers", [])}
                message["headers"] = [
                    *message.get("headers", []),
                    *(h for h in self.HEADERS if h[0] not in names),
                ]
            await send(message)

        await self.app(scope, receive, with_headers)


class BodyLimit:
    """Refuses request bodies over a size (by ``Content-Length`` or as they stream in)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers", [])).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            await self._refuse(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                await self._refuse(scope, receive, send)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        error = E.BODY_TOO_LARGE
        body = error_body(error.code, error.format(limit=self.limit))
        await JSONResponse(body, status_code=413)(scope, receive, send)


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith(API) and request.url.path != "/healthz"


def _answer(request: Request, status: int, code: str, message: str) -> Response:
    if _wants_html(request):
        from dateline.service.pages import error_page  # the templates load on first use

        return error_page(request, status, code, message)
    return JSONResponse(error_body(code, message), status_code=status)


def _validation_message(exc: RequestValidationError) -> str:
    """The first problem of a request, in one line: ``limit: must be <= 200``."""
    parts = []
    for problem in exc.errors()[:3]:
        where = ".".join(str(x) for x in problem.get("loc", ()) if x not in ("query", "body"))
        parts.append(f"{where or 'request'}: {problem.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def create_app(options: ServiceOptions | None = None) -> FastAPI:
    """The application serving ``options.config.db``.

    Example:
        >>> app = create_app(ServiceOptions(config=Config(db="news.db")))
        >>> app.openapi_url
        '/api/v1/openapi.json'
    """
    from dateline.service import api_routes, pages  # routes import the templates

    options = options or ServiceOptions()
    app = FastAPI(
        title="dateline",
        version=_version(),
        summary="Who said what, when, where — from news articles.",
        description=(
            "The JSON API of a dateline store. Lists are paginated with `limit` and "
            '`offset` and carry their `total`. Errors are `{"error": {"code": '
            '"DLnnn", "message": ...}}` with a 4xx status.'
        ),
        openapi_url=f"{API}/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.options = options

    @app.exception_handler(DatelineError)
    async def dateline_error(request: Request, exc: DatelineError) -> Response:
        return _answer(request, status_of(exc), exc.code, exc.message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return _answer(request, 422, E.BAD_REQUEST.code, _validation_message(exc))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if exc.status_code == 404:
            return _answer(request, 404, E.NO_PAGE.code, E.NO_PAGE.format(path=request.url.path))
        detail = exc.detail if isinstance(exc.detail, str) else "request refused"
        return _answer(request, exc.status_code, E.BAD_REQUEST.code, detail)

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> Response:
        # Logged by the server; the client sees one line, never the traceback.
        return _answer(request, 500, "DL500", "internal error (see the server's log)")

    app.include_router(api_routes.router, prefix=API)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    docs_assets = _swagger_assets()
    if docs_assets is not None:
        app.mount(f"{API}/docs/assets", StaticFiles(directory=docs_assets), name="docs-assets")
    app.add_middleware(BodyLimit, limit=options.max_body_bytes)
    app.add_middleware(SecurityHeaders)
    return app


def _swagger_assets() -> Path | None:
    """Swagger UI 5's files (it reads OpenAPI 3.1), as the ``fastapi-offline`` package ships
    them; only its static files are used."""
    try:
        import fastapi_offline
    except ImportError:  # pragma: no cover
        return None
    return Path(fastapi_offline.__file__).parent / "static"


def entity_ref(ref: str) -> str | int:
    """An entity reference from a URL: an id (digits) or a name."""
    return int(ref) if ref.isascii() and ref.isdigit() and int(ref) <= MAX_ID else ref


def options_of(request: Request) -> ServiceOptions:
    """The options the application was created with."""
    found: Any = request.app.state.options
    return found
