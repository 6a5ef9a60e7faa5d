"""``dateline watch``: polls store only what is new or changed, and stop cleanly."""

from __future__ import annotations

import json
import signal
import subprocess
import time

import pytest

from dateline.config import Config
from dateline.errors import ConfigError
from dateline.storage import open_store
from dateline.watch import Watch, parse_every
from tests.cli.helpers import CLI, cli_env
from tests.ingest.local_site import _send, serve

FAST = {"fetch_delay": 0.0, "fetch_timeout": 5.0, "fetch_retries": 0}


def entry(n: int) -> str:
    return (
        f"<item><guid>urn:harbour:{n}</guid><title>Harbour news {n}</title>"
        f"<pubDate>Tue, 0{n} May 2020 09:00:00 GMT</pubDate>"
        f"<description>Item {n}: the harbour council met and said the port stays open.</description></item>"
    )


def feed(*numbers: int) -> bytes:
    items = "".join(entry(n) for n in numbers)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour</title>{items}</channel></rss>'.encode()


def count(db) -> int:
    store = open_store(str(db))
    try:
        return store.summary()["articles"]
    finally:
        store.close()


@pytest.mark.parametrize(("text", "seconds"), [("15m", 900), ("30s", 30), ("2h", 7200), ("90", 90)])
def test_durations(text, seconds):
    assert parse_every(text) == seconds


@pytest.mark.parametrize("text", ["soon", "0s", "-5m"])
def test_bad_durations_are_one_line_errors(text):
    with pytest.raises(ConfigError):
        parse_every(text)


def test_two_polls_store_only_the_new_entry_and_a_bad_feed_stops_nothing(tmp_path):
    config = Config(db=str(tmp_path / "w.db"), stages=("dateline",), **FAST)
    with serve() as site:
        site.extra["/feed.xml"] = lambda h, n: _send(h, 200, feed(1, 2) if n == 1 else feed(1, 2, 3), "application/rss+xml")
        site.extra["/broken.xml"] = lambda h, n: _send(h, 500, b"down")
        watcher = Watch([site.url("/broken.xml"), site.url("/feed.xml")], config=config, every=60)
        first = watcher.poll(1)
        second = watcher.poll(2)
    assert (first.report.new, first.report.failed) == (2, 1)
    assert (second.report.new, second.report.unchanged, second.report.failed) == (1, 2, 1)
    assert count(tmp_path / "w.db") == 3
    assert "poll 2: 1 new, 0 updated, 2 unchanged, 1 failed" in second.line()


def test_a_watched_folder_reads_only_changed_files(tmp_path):
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "a.jsonl").write_text(json.dumps({"id": "a", "text": "First story.", "date": "2020-05-01"}) + "\n")
    (folder / "b.txt").write_text("date 2020-05-02 Second story.")
    watcher = Watch([str(folder)], config=Config(db=str(tmp_path / "w.db"), stages=("dateline",)), every=60)
    assert watcher.poll(1).report.new == 2
    untouched = watcher.poll(2).report
    assert (untouched.new, untouched.updated, untouched.unchanged) == (0, 0, 0)  # nothing re-read
    (folder / "a.jsonl").write_text(json.dumps({"id": "a", "text": "First story, corrected.", "date": "2020-05-01"}) + "\n")
    (folder / "c.txt").write_text("date 2020-05-03 Third story.")
    third = watcher.poll(3).report
    assert (third.new, third.updated, third.unchanged) == (1, 1, 0)


def test_watch_refuses_standard_input(tmp_path):
    with pytest.raises(ConfigError):
        Watch(["-"], config=Config(db=str(tmp_path / "w.db")), every=60)


def test_sigterm_stops_the_watch_between_polls(tmp_path):
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "a.txt").write_text("date 2020-05-02 A story about the harbour.")
    db = tmp_path / "w.db"
    proc = subprocess.Popen(
        [*CLI, "watch", str(folder), "--db", str(db), "--every", "1s"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=cli_env(),
    )
    try:
        first = proc.stdout.readline()  # the first poll's line
        assert "poll 1: 1 new" in first, (first, proc.stderr.read() if proc.poll() is not None else "")
        time.sleep(0.3)
        proc.send_signal(signal.SIGTERM)
        out, errs = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, errs
    assert "Traceback" not in errs
    assert count(db) == 1
