"""Page weight and load time of every page of the built book in headless Chromium, beside
a stock Jupyter Book 1 page built in the same run.

Run with ``.venv/bin/python benchmarks/pages.py``. Prints, per page and as a median, the bytes
transferred by kind (HTML, CSS, JS, fonts, images, other) and the time to the load event.
Target: the median page within 1.2 times the stock page's bytes.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from build import build, copy_book, stock_book  # noqa: E402

from tests.conftest import CHROMIUM_ARGS, serve  # noqa: E402

KINDS = {"document": "html", "stylesheet": "css", "script": "js", "font": "font",
         "image": "image"}


def pages_of(html_dir: Path) -> list[str]:
    return sorted(p.relative_to(html_dir).as_posix() for p in html_dir.rglob("*.html")
                  if "_static" not in p.parts and p.name not in ("genindex.html", "search.html")
                  and p.relative_to(html_dir).as_posix() != "index.html")


def measure(browser, html_dir: Path) -> dict[str, tuple[Counter, float]]:
    """Bytes by kind and milliseconds to the load event, each page in a fresh context."""
    figures = {}
    with serve(html_dir) as base:
        for name in pages_of(html_dir):
            context = browser.new_context()
            page = context.new_page()
            sizes: Counter = Counter()

            def count(request, sizes=sizes) -> None:
                body = request.sizes()["responseBodySize"]
                sizes[KINDS.get(request.resource_type, "other")] += max(body, 0)

            page.on("requestfinished", count)
            page.goto(f"{base}/{name}", wait_until="load")
            page.wait_for_load_state("networkidle")
            load = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
            figures[name] = (sizes, load)
            context.close()
    return figures


def kb(value: float) -> str:
    return f"{value / 1024:7.1f}"


def main() -> int:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        sys.exit("chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as tmp:
        ours = copy_book(Path(tmp) / "ours")
        build(ours)
        ours_pages = len(pages_of(ours / "_build/html"))
        stock = stock_book(Path(tmp) / "stock", ours_pages)
        build(stock, strict=False)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            our_figures = measure(browser, ours / "_build/html")
            stock_figures = measure(browser, stock / "_build/html")
            browser.close()
    header = f"{'page':<56} {'total KB':>8} {'html':>7} {'css':>7} {'js':>7} {'font':>7} " \
             f"{'image':>7} {'load ms':>8}"
    print(header)
    for name, (sizes, load) in our_figures.items():
        print(f"{name:<56} {kb(sum(sizes.values())):>8} {kb(sizes['html'])} {kb(sizes['css'])} "
              f"{kb(sizes['js'])} {kb(sizes['font'])} {kb(sizes['image'])} {load:8.0f}")
    ours_total = statistics.median(sum(s.values()) for s, _ in our_figures.values())
    stock_total = statistics.median(sum(s.values()) for s, _ in stock_figures.values())
    ours_load = statistics.median(load for _, load in our_figures.values())
    stock_load = statistics.median(load for _, load in stock_figures.values())
    print(f"median, this book ({len(our_figures)} pages):   {kb(ours_total)} KB, "
          f"{ours_load:.0f} ms to load")
    print(f"median, stock JB1 book ({len(stock_figures)} pages): {kb(stock_total)} KB, "
          f"{stock_load:.0f} ms to load")
    print(f"ratio of medians (bytes): {ours_total / stock_total:.2f}  (target <= 1.2)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
