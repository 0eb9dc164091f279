"""The JupyterLite site (``make lite``): its size on disk, and how soon a notebook is usable.

Run with ``.venv/bin/python benchmarks/lite.py`` (add ``--site _build/html/lite`` to measure a
site already built). Builds the site into a temporary folder, then prints its size and its
biggest parts, and, per notebook opened cold in headless Chromium with no network, the seconds
from opening it to the kernel being ready and to the first activity's feedback after Run All
Cells. Target: a median under 20 s to kernel ready.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coproduction_edu.lite import LiteError  # noqa: E402
from coproduction_edu.lite.build import build_site  # noqa: E402
from tests.conftest import CHROMIUM_ARGS, serve  # noqa: E402
from tests.test_lite import (  # noqa: E402
    KERNEL_STATES,
    OFFLINE,
    answer_first_activity,
    wait_for_kernel,
)

TARGET = 20.0


def mb(size: int) -> str:
    return f"{size / 1e6:6.1f} MB"


def size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() \
        else path.stat().st_size


def print_sizes(site: Path) -> None:
    print(f"site: {site}\ntotal {mb(size(site))}")
    parts = sorted(site.iterdir(), key=size, reverse=True)
    print("biggest parts:")
    for part in parts[:6]:
        print(f"  {mb(size(part))}  {part.name}{'/' if part.is_dir() else ''}")
    files = sorted((p for p in site.rglob("*") if p.is_file()), key=lambda p: -p.stat().st_size)
    print("biggest files:")
    for path in files[:6]:
        print(f"  {mb(path.stat().st_size)}  {path.relative_to(site)}")


def time_notebook(browser, base: str, notebook: str) -> tuple[float, float, int]:
    """Seconds from opening to kernel ready and to first feedback, and bytes transferred."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(KERNEL_STATES)
    sizes: list[int] = []
    context.on("requestfinished",
               lambda r: sizes.append(max(r.sizes()["responseBodySize"], 0)))
    page = context.new_page()
    page.goto(f"{base}/notebooks/index.html?path={notebook}")
    ready = wait_for_kernel(page)
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.locator("#jp-mainmenu-run").get_by_text("Run All Cells", exact=True).click()
    answer_first_activity(page)
    feedback = page.evaluate("performance.now()") / 1000
    context.close()
    return ready, feedback, sum(sizes)


def main() -> int:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built lite site (default: build one)")
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout to build")
    args = parser.parse_args()
    chromium = shutil.which("chromium")
    if chromium is None:
        sys.exit("chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "lite"
            started = time.monotonic()
            try:
                build_site(args.root.resolve(), site, ROOT / "_build" / "lite-cache",
                           Path(tmp) / "work", log=lambda message: None)
            except LiteError as error:
                sys.exit(f"make lite: {error}")
            print(f"built in {time.monotonic() - started:.0f} s")
        print_sizes(site)
        notebooks = sorted(p.name for p in (site / "files").glob("*.ipynb")
                           if re.match(r"^\d\d-", p.name))
        rows = []
        with serve(site) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium,
                                                 args=[*CHROMIUM_ARGS, OFFLINE])
            for notebook in notebooks:
                rows.append((notebook, *time_notebook(browser, base, notebook)))
            browser.close()
    print(f"\n{'notebook':<36} {'kernel ready':>12} {'first feedback':>15} {'transferred':>12}")
    for name, ready, feedback, transferred in rows:
        print(f"{name:<36} {ready:>10.1f} s {feedback:>13.1f} s {mb(transferred):>12}")
    ready = statistics.median(r[1] for r in rows)
    feedback = statistics.median(r[2] for r in rows)
    print(f"{'median':<36} {ready:>10.1f} s {feedback:>13.1f} s")
    print(f"target: kernel ready in under {TARGET:.0f} s: {'met' if ready < TARGET else 'MISSED'}")
    return 0 if ready < TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
