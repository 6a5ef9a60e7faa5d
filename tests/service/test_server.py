"""The real server: ``dateline serve`` on a free loopback port, its start-up errors, its token."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from dateline.errors import ServiceError
from dateline.service.server import bind, write_token
from tests.cli.helpers import CLI, cli_env, dl


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(args, env=None):
    proc = subprocess.Popen([*CLI, "serve", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env or cli_env())
    return proc


def _wait(url: str, proc, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited: {proc.stderr.read()}")
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    raise AssertionError("server did not start")


def test_real_server_answers_over_loopback(sample_db):
    port = _free_port()
    proc = _start(["--db", str(sample_db), "--port", str(port)])
    try:
        base = f"http://127.0.0.1:{port}"
        _wait(base + "/healthz", proc)
        with urllib.request.urlopen(base + "/api/v1/articles?q=election&limit=2", timeout=10) as r:
            body = json.loads(r.read())
            assert r.headers["Content-Security-Policy"].startswith("default-src 'self'")
        assert body["total"] >= len(body["items"]) == 2
        with urllib.request.urlopen(base + "/", timeout=10) as r:
            assert b"Who said what" in r.read()
        req = urllib.request.Request(base + "/api/v1/articles", data=b"{}", method="POST",
                                     headers={"Content-Type": "application/json"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(req, timeout=10)
        assert refused.value.code == 403
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    assert "read-only" in proc.stdout.read()


def test_a_taken_port_is_one_line(sample_db):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        r = dl("serve", "--db", str(sample_db), "--port", str(port), timeout=60)
    assert r.returncode == 2
    assert r.stderr.strip().count("\n") == 0 and "[DL406]" in r.stderr
    with pytest.raises(ServiceError):
        with socket.socket() as again:
            again.bind(("127.0.0.1", 0))
            again.listen(1)
            bind("127.0.0.1", again.getsockname()[1])


def test_a_missing_database_is_one_line(tmp_path):
    r = dl("serve", "--db", str(tmp_path / "none.db"), "--port", str(_free_port()), timeout=60)
    assert r.returncode == 2 and "[DL301]" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "none.db").exists()


def test_the_token_file_is_created_owner_only_and_reused(tmp_path, monkeypatch):
    monkeypatch.delenv("DATELINE_TOKEN", raising=False)
    path = tmp_path / "cfg" / "token"
    token, where = write_token(path)
    assert where == str(path) and len(token) >= 32
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert write_token(path) == (token, str(path))
    monkeypatch.setenv("DATELINE_TOKEN", "from-env")
    assert write_token(path) == ("from-env", "$DATELINE_TOKEN")


def test_allow_writes_prints_the_token_once_and_accepts_it(writable_db, tmp_path):
    port = _free_port()
    env = {**cli_env(), "XDG_CONFIG_HOME": str(tmp_path / "cfg")}
    env.pop("DATELINE_TOKEN", None)
    proc = _start(["--db", str(writable_db), "--port", str(port), "--allow-writes"], env=env)
    try:
        base = f"http://127.0.0.1:{port}"
        _wait(base + "/healthz", proc)
        token = (tmp_path / "cfg" / "dateline" / "token").read_text().strip()
        article = {"text": "BERLIN, May 4. The minister resigned on Monday, officials said.",
                   "published": "2020-05-04"}
        req = urllib.request.Request(base + "/api/v1/articles", data=json.dumps(article).encode(),
                                     method="POST", headers={"Content-Type": "application/json",
                                                             "Authorization": f"Bearer {token}"})
        with urllib.request.urlopen(req, timeout=120) as r:
            assert json.loads(r.read())["new"] == 1
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    out = proc.stdout.read()
    assert out.count(token) == 1 and "read-write" in out
    assert sys.executable  # the server ran with this interpreter
