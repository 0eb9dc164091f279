"""The notebooks in a live JupyterLab, driven in headless Chromium, as a student meets them.

Opened before it is run, a committed notebook is untrusted: Jupyter strips its scripts, styles
and ``hidden`` attributes, so no button may show, only the note saying to run the cell. Run,
its exercises answer by click and by keyboard, and nothing leaves the machine."""

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
from .test_notebook_pages import exercise_cells

TOKEN = "coproduction-edu-test"
NOTEBOOK = "00-try-the-exercises.ipynb"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("lab")
    for notebook in (ROOT / "exercises").glob("*.ipynb"):
        shutil.copy(notebook, folder / notebook.name)
    port = _free_port()
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}",
               "--ip=127.0.0.1", f"--ServerApp.token={TOKEN}", f"--notebook-dir={folder}",
               "--LabApp.news_url=", "--LabApp.check_for_updates_class="
               "jupyterlab.NeverCheckForUpdate", "--LabApp.extension_manager=readonly"]
    if os.geteuid() == 0:
        command.append("--allow-root")
    # A data folder of its own, so no notebook is trusted from an earlier run.
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(folder / ".config"),
           "JUPYTER_RUNTIME_DIR": str(folder / ".runtime"),
           "JUPYTER_DATA_DIR": str(folder / ".data")}
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


def _open(page, lab: str, notebook: str) -> None:
    """Open ``notebook`` alone, in a workspace of its own, as a student opening it would."""
    workspace = notebook.removesuffix(".ipynb")
    page.goto(f"{lab}/lab/workspaces/{workspace}/tree/{notebook}?reset&token={TOKEN}")
    page.locator(".jp-Notebook").first.wait_for(timeout=60_000)
    page.get_by_text("Python 3 (ipykernel) | Idle").wait_for(timeout=60_000)


@pytest.mark.parametrize("notebook", sorted(p.name for p in (ROOT / "exercises").glob(
    "*.ipynb")))
def test_a_notebook_opened_before_it_runs_shows_no_dead_buttons(browser, lab: str,
                                                                 notebook: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    _open(page, lab, notebook)
    blocks = page.locator(".jp-OutputArea-output .cpe")
    blocks.first.wait_for(timeout=30_000)
    count = blocks.count()
    assert count == exercise_cells(ROOT / "exercises" / notebook) >= 4
    assert page.locator(".jp-OutputArea-output .cpe button").count() == 0
    notes = page.locator(".jp-OutputArea-output .cpe .cpe-static-note")
    assert notes.count() == count
    for index in range(count):
        notes.nth(index).scroll_into_view_if_needed()
        assert notes.nth(index).is_visible()
        assert notes.nth(index).text_content().strip().startswith(
            "Run this cell to use the activity")
    assert page.locator(".jp-OutputArea-output details.cpe-answers").count() == count
    # The handout's print-only parts stay hidden on screen, scripts and styles stripped or not.
    printed = page.locator(".jp-OutputArea-output .cpe-print-only")
    assert printed.count() >= 1
    assert not any(printed.nth(i).is_visible() for i in range(printed.count()))
    # The kernel's name is the one ipykernel writes, so opening it changes nothing.
    page.wait_for_timeout(1000)
    assert page.locator(".jp-mod-current.jp-mod-dirty").count() == 0
    assert page.locator(".lm-TabBar-tab.jp-mod-dirty").count() == 0
    context.close()


def test_exercises_work_in_a_live_notebook(browser, lab: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    _open(page, lab, NOTEBOOK)
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.locator("#jp-mainmenu-run").get_by_text("Run All Cells", exact=True).click()
    ready = page.locator(".jp-OutputArea .cpe[data-cpe-ready='true']")
    ready.nth(7).wait_for(state="attached", timeout=120_000)
    assert ready.count() == 8
    assert page.locator(".jp-OutputArea .cpe-static-note").count() == 0
    # Classify's categories: each label sits with its own description, whatever Jupyter's
    # own styles do to lists and definition lists.
    rows = page.locator(".jp-OutputArea .cpe-categories li")
    assert rows.count() == 3
    for index in range(3):
        row = rows.nth(index)
        row.scroll_into_view_if_needed()
        # Both boxes in one frame: JupyterLab may still be scrolling its windowed notebook
        # between two separate measurements.
        width, down, across = row.evaluate(
            """li => { const a = li.querySelector('strong').getBoundingClientRect();
                       const b = li.getBoundingClientRect();
                       return [b.width, a.top - b.top, a.left - b.left]; }""")
        assert width > 0 and abs(down) < 4 and abs(across) < 40
    floats = page.eval_on_selector_all(
        ".jp-OutputArea .cpe-categories *", "els => els.map(e => getComputedStyle(e).float)")
    assert set(floats) == {"none"}
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
