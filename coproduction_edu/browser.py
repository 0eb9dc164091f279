"""Headless Chromium and a local server for it: for printing handouts, and for the tests."""

from __future__ import annotations

import shutil
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

# Chromium as the project runs it: headless, in a container, never calling home.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic", "--disable-dev-shm-usage"]


def find_chromium() -> str | None:
    """Debian's Chromium (Playwright's own browser download is not used)."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


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


def print_pdf(page: Any, url: str, prepare: Callable[[Any], object] | None = None,
              footer: str | None = None) -> bytes:
    """``url`` printed to A4 by Chromium as a reader's Print command does (print media).

    ``prepare`` runs on the loaded page first; ``footer`` is Chromium's footer template.
    """
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    if prepare is not None:
        prepare(page)
    page.emulate_media(media="print")
    if footer is None:
        return page.pdf(format="A4")
    return page.pdf(format="A4", display_header_footer=True, header_template="<span></span>",
                    footer_template=footer)
