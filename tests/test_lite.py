"""``make lite``: the notebooks in JupyterLite, run in headless Chromium with no network.

The site is built once per session as ``make lite`` builds it, into the book's output: the
site first, then the book. Chromium can resolve no host but 127.0.0.1, and every request it
makes is recorded. From each notebook page of the book, a student follows "Open in the
browser", runs all cells, answers the first activity and reads its feedback."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from coproduction_edu.lite import LiteError
from coproduction_edu.lite.build import build_site

from .conftest import CHROMIUM_ARGS, ROOT, build_book, chromium_path, serve

NOTEBOOKS = sorted(p.name for p in (ROOT / "exercises").glob("*.ipynb"))
OFFLINE = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
LINK = "Open in the browser"
KERNEL_READY = 120_000  # ms; about 10 s on a 2-core machine
RUN_ALL = 180_000
# The notebook's kernel indicator says "idle" before any kernel connects, then something else
# while the Pyodide kernel starts, then "idle" again once it is ready. This records each
# change with its time since the page opened.
KERNEL_STATES = """(() => {
  const states = window.cpeKernelStates = [];
  setInterval(() => {
    const state = document.querySelector(".jp-Notebook-ExecutionIndicator")
      ?.getAttribute("data-status");
    if (state && state !== states.at(-1)?.[0]) states.push([state, performance.now()]);
  }, 20);
})();"""
READY = """() => {
  const states = window.cpeKernelStates || [];
  const start = states.findIndex(([state]) => state !== "idle");
  const ready = start < 0 ? undefined : states.slice(start).find(([s]) => s === "idle");
  return ready ? ready[1] / 1000 : false;
}"""


@pytest.fixture(scope="session")
def lite_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The book with its lite site, built once per session as ``make lite`` builds it."""
    output = tmp_path_factory.mktemp("lite")
    html = output / "_build" / "html"
    try:
        build_site(ROOT, html / "lite", ROOT / "_build" / "lite-cache", output / "work",
                   log=lambda message: None)
    except LiteError as error:
        pytest.fail(f"make lite: {error}")
    result = build_book(ROOT, output)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-4000:]
    assert "WARNING" not in log, log[-4000:]
    return html


@pytest.fixture(scope="module")
def offline_browser(browser):
    """One headless Chromium that can reach no host but 127.0.0.1, started by the session's
    Playwright (a second Playwright in the same thread refuses to start)."""
    launched = browser.browser_type.launch(executable_path=chromium_path(), headless=True,
                                           args=[*CHROMIUM_ARGS, OFFLINE])
    yield launched
    launched.close()


@pytest.fixture(scope="module")
def site(lite_html: Path) -> Iterator[str]:
    with serve(lite_html) as base:
        yield base


def activities(notebook: str) -> int:
    """How many activities the notebook's committed outputs show."""
    text = (ROOT / "exercises" / notebook).read_text(encoding="utf-8")
    return len(re.findall(r'data-cpe-type=\\"', text))


def test_each_notebook_page_links_to_its_notebook_in_the_site(lite_html: Path) -> None:
    for notebook in NOTEBOOKS:
        page = lite_html / "exercises" / notebook.replace(".ipynb", ".html")
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        links = soup.select("article a.cpe-lite-link")
        assert [a.get_text(strip=True) for a in links] == [LINK], page.name
        # Under the page's title, before the first activity.
        assert links[0].find_previous("h1") is not None
        assert links[0].find_next(class_="cpe") is not None
        target = urlparse(urljoin(f"http://book/exercises/{page.name}", links[0]["href"]))
        assert target.path == "/lite/notebooks/index.html"
        assert parse_qs(target.query) == {"path": [notebook]}
        assert (lite_html / "lite" / "files" / notebook).is_file()


CONTRAST = r"""el => {
  const rgb = c => c.match(/[\d.]+/g).slice(0, 3).map(Number).map(v => v / 255)
    .map(v => v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  const lum = c => { const [r, g, b] = rgb(c); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const style = getComputedStyle(el);
  if (/^rgba\(.*, 0\)$/.test(style.backgroundColor)) return 0;  // no background of its own
  const [a, b] = [lum(style.color), lum(style.backgroundColor)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""


def test_the_link_is_reachable_by_keyboard_readable_and_fits_a_phone(offline_browser,
                                                                      site: str) -> None:
    context = offline_browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"{site}/exercises/{NOTEBOOKS[0].replace('.ipynb', '.html')}")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('cpe-lite-link')"):
            break
    else:
        pytest.fail("Tab never reaches the link")
    link = page.locator("a.cpe-lite-link")
    assert link.inner_text() == LINK
    assert link.evaluate(CONTRAST) >= 4.5
    assert link.evaluate("el => getComputedStyle(el).outlineStyle") != "none"
    box = link.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360 and box["height"] >= 24
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()


def test_a_book_without_the_site_has_no_link(built_html: Path) -> None:
    assert not (built_html / "lite").exists()
    for page in built_html.rglob("*.html"):
        assert "cpe-lite-link" not in page.read_text(encoding="utf-8"), page.name


def test_the_site_points_the_kernel_at_itself(lite_html: Path) -> None:
    lite = lite_html / "lite"
    config = json.loads((lite / "jupyter-lite.json").read_text(encoding="utf-8"))
    kernel = config["jupyter-config-data"]["litePluginSettings"][
        "@jupyterlite/pyodide-kernel-extension:kernel"]
    assert kernel["pyodideUrl"] == "./static/pyodide/pyodide.mjs"
    assert kernel["disablePyPIFallback"] is True
    assert all(url.startswith("./") for url in kernel["pipliteUrls"])
    lock = json.loads((lite / "static" / "pyodide" / "pyodide-lock.json").read_text("utf-8"))
    for entry in lock["packages"].values():
        assert entry["file_name"].endswith("-none-any.whl"), entry["file_name"]
        assert (lite / "static" / "pyodide" / entry["file_name"]).is_file()
    assert "pyyaml" in lock["packages"] and "jsonschema" not in lock["packages"]
    index = json.loads((lite / "pypi" / "all.json").read_text(encoding="utf-8"))
    assert "coproduction-edu" in index


def wait_for_kernel(page) -> float:
    """Seconds from opening the notebook to its kernel being ready (``KERNEL_STATES``)."""
    return page.wait_for_function(READY, timeout=KERNEL_READY).json_value()


def answer_first_activity(page) -> str:
    """Answer the first activity as a person would, press its check button, read feedback."""
    first = page.locator(".jp-OutputArea .cpe[data-cpe-ready='true']").first
    first.wait_for(state="attached", timeout=RUN_ALL)
    first.scroll_into_view_if_needed()
    choices = first.locator("input[type=radio], input[type=checkbox]")
    if choices.count():
        choices.first.check()
    else:
        first.locator("select").first.select_option(index=1)
    first.locator("button[data-cpe-action='check']").click()
    feedback = first.locator(".cpe-feedback")
    feedback.locator(":scope > *").first.wait_for(timeout=10_000)
    return feedback.inner_text().strip()


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_a_notebook_runs_in_the_browser_with_no_network(offline_browser, site: str,
                                                         notebook: str) -> None:
    context = offline_browser.new_context(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    failed: list[str] = []
    context.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400
               else None)
    context.add_init_script(KERNEL_STATES)
    page = context.new_page()
    page.goto(f"{site}/exercises/{notebook.replace('.ipynb', '.html')}")
    link = page.get_by_role("link", name=LINK)
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/lite/notebooks/index\.html\?path="), timeout=30_000)
    started = time.monotonic()
    page.locator(".jp-Notebook").first.wait_for(timeout=60_000)
    assert wait_for_kernel(page) < KERNEL_READY / 1000
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.locator("#jp-mainmenu-run").get_by_text("Run All Cells", exact=True).click()
    count = activities(notebook)
    ready = page.locator(".jp-OutputArea .cpe[data-cpe-ready='true']")
    ready.nth(count - 1).wait_for(state="attached", timeout=RUN_ALL)
    assert ready.count() == count
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'],"
                          " .jp-OutputArea-output[data-mime-type*='error']")
    assert errors.count() == 0, errors.all_inner_texts()
    assert answer_first_activity(page)
    elapsed = time.monotonic() - started
    assert elapsed < 150, f"{notebook} took {elapsed:.0f} s to run"
    outside = [url for url in requests if not url.startswith((site, "data:", "blob:"))]
    assert outside == []
    assert failed == []
    # The wheels came from the site: the kernel's own, and this package's.
    assert any("/lite/static/pyodide/ipython-" in url for url in requests)
    assert any("/lite/pypi/coproduction_edu-" in url for url in requests)
    context.close()
