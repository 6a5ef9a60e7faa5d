"""A throwaway PostgreSQL server for the tests, and a fresh database per test.

:func:`start` runs ``initdb`` into a temporary folder and starts the server on the
loopback interface only, on a free port, with durability off (``fsync``): it lives
for one test session. ``DATELINE_TEST_PG=postgresql://user@host:port/db`` uses a
running server instead (its user must be allowed to create databases). A database
with every migration applied is made once (:meth:`Server.template`); a test's
database is a copy (``CREATE DATABASE … TEMPLATE``, most of a second) that, once the
test is done, is emptied (its rows deleted, its identities restarted: a hundredth of
a second) and handed to the next test.
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

#: Set to a PostgreSQL URL to test against a running server rather than start one.
ENV = "DATELINE_TEST_PG"
TEMPLATE = "dateline_test_template"


class Unavailable(Exception):
    """No PostgreSQL server can be had here (the message says why)."""


def find_bin() -> Path:
    """The folder of PostgreSQL's server programs (``initdb``, ``pg_ctl``).

    Raises:
        Unavailable: none is installed.
    """
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).resolve().parent
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    if found:
        return Path(found[-1]).parent
    raise Unavailable("no PostgreSQL server programs (initdb) found; install Debian's postgresql")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_user() -> tuple[Callable[[], None] | None, int, int]:
    """How to run the server's programs: PostgreSQL refuses to run as root, so a root
    test run drops to the ``postgres`` system user."""
    if os.geteuid() != 0:
        return None, os.getuid(), os.getgid()
    try:
        user = pwd.getpwnam("postgres")
    except KeyError:
        raise Unavailable("running as root and there is no 'postgres' user to run the server as") from None

    def demote() -> None:
        os.setgid(user.pw_gid)
        os.setuid(user.pw_uid)

    return demote, user.pw_uid, user.pw_gid


def with_db(url: str, name: str) -> str:
    """``url`` naming database ``name`` instead."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


@dataclass
class Server:
    """A PostgreSQL server the tests may create databases on (``url`` names its own)."""

    url: str
    folder: Path | None = None
    bin: Path | None = None
    demote: Callable[[], None] | None = None
    _count: itertools.count[int] = field(default_factory=itertools.count)
    _template: str | None = None
    _free: list[str] = field(default_factory=list)

    def admin(self):  # -> psycopg.Connection
        import psycopg

        return psycopg.connect(self.url, autocommit=True)

    def template(self) -> str:
        """The URL of a database with every migration applied (made once)."""
        if self._template is None:
            from dateline.storage.pg_store import PostgresStore, close_pool

            with self.admin() as c:
                c.execute(f"DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)")
                c.execute(f"CREATE DATABASE {TEMPLATE}")
            url = with_db(self.url, TEMPLATE)
            PostgresStore(url, create=True).close()
            close_pool(url)  # a template is copied only when no one is connected
            self._template = url
        return self._template

    def new_database(self, *, migrated: bool = True) -> str:
        """A fresh database's URL: with every migration applied (an emptied one handed
        back by :meth:`release`, else a copy of :meth:`template`), or empty."""
        if migrated and self._free:
            return self._free.pop()
        name = f"dateline_test_{os.getpid()}_{next(self._count)}"
        source = f" TEMPLATE {urlsplit(self.template()).path[1:]}" if migrated else ""
        with self.admin() as c:
            c.execute(f"CREATE DATABASE {name}{source}")
        return with_db(self.url, name)

    def release(self, url: str) -> None:
        """A test is done with a database from :meth:`new_database`: empty it for the next."""
        import psycopg

        from dateline.storage.migrations import MIGRATIONS

        try:
            with psycopg.connect(url, autocommit=True) as c:
                tables = [r[0] for r in c.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
                    " AND tablename <> 'schema_migrations'")]  # fmt: skip
                sequences = [r[0] for r in c.execute(
                    "SELECT sequencename FROM pg_sequences WHERE schemaname = current_schema()")]
                known = ", ".join(str(v) for v, _, _ in MIGRATIONS)
                if len(tables) < 20:  # not a migrated store
                    return self.drop_database(url)
                with c.transaction():  # rows only: triggers and references need not run
                    c.execute("SET LOCAL session_replication_role = replica")
                    for table in tables:
                        c.execute(f"DELETE FROM {table}")  # type: ignore[arg-type]
                    for sequence in sequences:
                        c.execute(f"ALTER SEQUENCE {sequence} RESTART")  # type: ignore[arg-type]
                    c.execute(f"DELETE FROM schema_migrations WHERE version NOT IN ({known})")
        except psycopg.Error:  # not allowed here (not a superuser): a new one next time
            return self.drop_database(url)
        self._free.append(url)

    def drop_database(self, url: str) -> None:
        from dateline.storage.pg_store import close_pool

        close_pool(url)
        with self.admin() as c:
            c.execute(f"DROP DATABASE IF EXISTS {urlsplit(url).path[1:]} WITH (FORCE)")

    def stop(self) -> None:
        from dateline.storage.pg_store import close_pools

        close_pools()
        if self.folder is None or self.bin is None:
            return
        subprocess.run(
            [str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate",
             "-w", "stop"],
            preexec_fn=self.demote, capture_output=True, check=False,
        )  # fmt: skip
        shutil.rmtree(self.folder, ignore_errors=True)


def start() -> Server:
    """A server of one's own (initdb, loopback only), or the one :data:`ENV` names.

    Raises:
        Unavailable: neither can be had (the message says why).
    """
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise Unavailable("psycopg is not installed (pip install 'dateline[postgres]')") from None
    if os.environ.get(ENV):
        server = Server(os.environ[ENV])
        try:
            server.admin().close()
        except Exception as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
            raise Unavailable(f"{ENV} names a server that cannot be reached: {reason}") from exc
        return server
    bin_ = find_bin()
    demote, uid, gid = _as_user()
    folder = Path(tempfile.mkdtemp(prefix="dateline-pg-"))
    os.chown(folder, uid, gid)
    port = _free_port()
    run = {"preexec_fn": demote, "capture_output": True, "text": True, "cwd": folder}
    init = subprocess.run(
        [str(bin_ / "initdb"), "-D", str(folder / "data"), "-A", "trust", "-U", "postgres",
         "-E", "UTF8", "--locale=C", "--no-sync"], **run,
    )  # fmt: skip
    if init.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        raise Unavailable(f"initdb failed: {init.stderr.strip().splitlines()[-1:]}")
    options = (
        f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off"
        " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
    )
    started = subprocess.run(
        [str(bin_ / "pg_ctl"), "-D", str(folder / "data"), "-l", str(folder / "log"),
         "-o", options, "-w", "-t", "60", "start"], **run,
    )  # fmt: skip
    if started.returncode != 0:
        log = ""
        with contextlib.suppress(OSError):
            log = (folder / "log").read_text()[-500:]
        shutil.rmtree(folder, ignore_errors=True)
        last = (log.strip().splitlines() or [started.stderr.strip()])[-1]
        raise Unavailable(f"the server did not start: {last}")
    return Server(f"postgresql://postgres@127.0.0.1:{port}/postgres", folder, bin_, demote)
