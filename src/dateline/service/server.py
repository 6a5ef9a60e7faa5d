"""Running the service: checks first (database, port, token), then uvicorn on a bound socket."""

from __future__ import annotations

import os
import secrets
import socket
from collections.abc import Callable
from pathlib import Path

from dateline import api
from dateline.errors import E, ServiceError
from dateline.service.app import ServiceOptions, create_app
from dateline.storage.postgres import redact

TOKEN_ENV = "DATELINE_TOKEN"


def default_token_file() -> Path:
    """Where the write token is kept: ``$XDG_CONFIG_HOME/dateline/token`` (``~/.config``)."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "dateline" / "token"


def write_token(path: Path | None = None) -> tuple[str, str]:
    """The bearer token write routes need, and where it came from.

    ``$DATELINE_TOKEN`` when set; else the token file, created with a new random
    token, readable by its owner only (mode 0600), when it does not exist yet.
    """
    given = os.environ.get(TOKEN_ENV, "").strip()
    if given:
        return given, f"${TOKEN_ENV}"
    path = path or default_token_file()
    if path.exists():
        token = path.read_text(encoding="utf-8").strip()
        if token:
            return token, str(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    token = secrets.token_urlsafe(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(token + "\n")
    os.chmod(path, 0o600)
    return token, str(path)


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port``.

    Raises:
        ServiceError: the port is taken or the address is not this machine's (``DL406``).
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP named, so asyncio turns Nagle off (TCP_NODELAY): no delayed-ACK wait per answer.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.bind((host, port))
        sock.listen(128)
    except OSError as exc:
        sock.close()
        detail = exc.strerror or str(exc)
        raise ServiceError(E.PORT_IN_USE, host=host, port=port, detail=detail) from exc
    sock.set_inheritable(True)
    return sock


def serve(
    options: ServiceOptions,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    token_file: Path | None = None,
    say: Callable[[str], None] = print,
) -> None:
    """Serve ``options.config.db`` until interrupted.

    Raises:
        StoreError: the database does not exist or is not dateline's (``DL301``, ``DL302``).
        ServiceError: the port is taken (``DL406``).
    """
    import uvicorn

    api.home(config=options.config)  # a missing or foreign database fails here, in one line
    if options.allow_writes and not options.token:
        token, where = write_token(token_file)
        options = ServiceOptions(
            config=options.config, allow_writes=True, token=token,
            max_body_bytes=options.max_body_bytes, page_size=options.page_size,
        )  # fmt: skip
        say(f"dateline: writes allowed with 'Authorization: Bearer {token}' (from {where})")
    sock = bind(host, port)
    shown = f"[{host}]" if ":" in host else host
    mode = "read-write" if options.allow_writes else "read-only"
    say(
        f"dateline: serving {redact(options.config.db)} ({mode})"
        f" at http://{shown}:{sock.getsockname()[1]}/"
    )
    config = uvicorn.Config(create_app(options), log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
