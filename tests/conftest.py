"""Shared helpers: a throwaway copy of the book, and a real Jupyter Book build of it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BOOK_PARTS = ("_config.yml", "_toc.yml", "book", "exercises")
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def tool(name: str) -> str:
    """The path of a command installed beside this Python; fail (never skip) if it is missing."""
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed; run the tests with 'make test'")
    return found


def build_book(source: Path, output: Path) -> subprocess.CompletedProcess[str]:
    """Build the book at ``source`` into ``output/_build/html`` as ``make book`` does."""
    return subprocess.run(
        [tool("jupyter-book"), "build", str(source), "--path-output", str(output),
         "-W", "-n", "--keep-going"],
        capture_output=True, text=True, check=False, timeout=900)


@pytest.fixture(scope="session")
def built_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's book, built once per test session as ``make book`` builds it."""
    output = tmp_path_factory.mktemp("book")
    result = build_book(ROOT, output)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-4000:]
    assert "WARNING" not in log, log[-4000:]
    return output / "_build" / "html"


@pytest.fixture
def book_copy(tmp_path: Path) -> Path:
    """A copy of the book's sources that a test may change freely."""
    root = tmp_path / "site"
    root.mkdir()
    for name in BOOK_PARTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns(
                "_build", ".ipynb_checkpoints"))
        else:
            shutil.copy2(source, root / name)
    return root


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic", "--disable-dev-shm-usage"]


def chromium_path() -> str:
    """Debian's Chromium; the browser tests fail (never skip) when it is missing."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.fail("chromium is not installed; .ci/run installs it (apt-get install chromium)")
    return found


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole test session, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path(), headless=True,
                                              args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _QuietServer(ThreadingHTTPServer):
    """A browser that closes a connection early (a cancelled fetch) is not an error."""

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 at a free port; yields the base URL."""
    handler = partial(_QuietHandler, directory=str(directory))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
