"""Shared helpers: a throwaway copy of the book, and a real Jupyter Book build of it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from coproduction_edu.browser import CHROMIUM_ARGS, find_chromium, serve  # noqa: F401

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



def chromium_path() -> str:
    """Debian's Chromium; the browser tests fail (never skip) when it is missing."""
    found = find_chromium()
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
