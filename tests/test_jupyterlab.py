"""The demo notebook in a live JupyterLab, driven in headless Chromium: run every cell, then
answer an exercise by click and by keyboard. Nothing the browser asks for leaves the machine."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

import pytest

from .conftest import ROOT

TOKEN = "coproduction-edu-test"
NOTEBOOK = "00-try-the-exercises.ipynb"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("lab")
    shutil.copy(ROOT / "exercises" / NOTEBOOK, folder / NOTEBOOK)
    port = _free_port()
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}",
               "--ip=127.0.0.1", f"--ServerApp.token={TOKEN}", f"--notebook-dir={folder}",
               "--LabApp.news_url=", "--LabApp.check_for_updates_class="
               "jupyterlab.NeverCheckForUpdate", "--LabApp.extension_manager=readonly"]
    if os.geteuid() == 0:
        command.append("--allow-root")
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(folder / ".config"),
           "JUPYTER_RUNTIME_DIR": str(folder / ".runtime")}
    server = subprocess.Popen(command, cwd=folder, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=1)
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(f"JupyterLab did not start:\n{server.stderr.read()[-3000:]}")
                time.sleep(0.5)
        else:
            pytest.fail("JupyterLab did not answer within 60 s")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_exercises_work_in_a_live_notebook(browser, lab: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{lab}/lab/tree/{NOTEBOOK}?token={TOKEN}")
    page.locator(".jp-Notebook").first.wait_for(timeout=60_000)
    page.get_by_text("Python 3 (ipykernel) | Idle").wait_for(timeout=60_000)
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_text("Run All Cells", exact=True).click()
    ready = page.locator(".jp-OutputArea .cpe[data-cpe-ready='true']")
    ready.nth(7).wait_for(state="attached", timeout=120_000)
    assert ready.count() == 8
    quiz = page.locator("#cpe-00-try-the-exercises--three-is")
    quiz.get_by_label("Informed").check()
    quiz.get_by_role("button", name="Check my answer").click()
    assert quiz.locator(".cpe-feedback .cpe-summary").inner_text().startswith(
        "Everything you chose fits, and there is more")
    single = page.locator("#cpe-00-try-the-exercises--what-is-co-production")
    single.locator("input").first.focus()
    page.keyboard.press("Space")
    for _ in range(10):
        if page.evaluate("document.activeElement.dataset.cpeAction") == "check":
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert single.locator(".cpe-feedback").inner_text().startswith("Well done")
    outside = [url for url in requests if not url.startswith((lab, "data:", "blob:"))]
    assert outside == []
    context.close()
