"""A real server in a thread and a real headless Chromium (Debian's) driven by Playwright."""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from dateline.config import Config
from dateline.service import ServiceOptions, create_app
from dateline.service.server import bind

#: Where the browser tests write their screenshots.
ARTIFACTS = Path(os.environ.get("DATELINE_ARTIFACTS", Path(__file__).parents[2] / "test-artifacts"))


def chromium_path() -> str:
    """Debian's Chromium, or a clear skip."""
    for name in (os.environ.get("DATELINE_CHROMIUM", ""), "chromium", "chromium-browser"):
        found = shutil.which(name) if name else None
        if found:
            return found
    pytest.skip("no chromium on this machine (scripts/test installs Debian's 'chromium' when it may)")


@contextmanager
def running_server(db: Path) -> Iterator[str]:
    """``dateline``'s app served by uvicorn on a free loopback port, in a thread."""
    import uvicorn

    sock = bind("127.0.0.1", 0)
    app = create_app(ServiceOptions(config=Config(db=str(db))))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()


@contextmanager
def browser_page() -> Iterator:
    """A fresh page in headless Chromium; dialogs are recorded and dismissed."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=executable, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.dialogs = []  # type: ignore[attr-defined]
            page.console_errors = []  # type: ignore[attr-defined]

            def on_dialog(dialog):
                page.dialogs.append(dialog.message)
                dialog.dismiss()

            page.on("dialog", on_dialog)
            page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
            page.set_default_timeout(20_000)
            yield page
        finally:
            browser.close()


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)
