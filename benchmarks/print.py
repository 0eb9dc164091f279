"""Sheets of A4 paper each unit page and facilitator page prints on, in headless Chromium.

Run with ``.venv/bin/python benchmarks/print.py`` to build the book into a temporary folder
first, or ``--html _build/html`` to print a book already built. Prints one row per page: the
sheets, and how full each sheet is (0 blank, about 0.94 to the bottom margin). With ``--out
DIR`` it keeps the PDFs.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from build import build, copy_book  # noqa: E402

from coproduction_edu.check import unit_folders  # noqa: E402
from tests.conftest import CHROMIUM_ARGS, serve  # noqa: E402
from tests.pdf import print_pdf, read_pdf  # noqa: E402


def printed_pages(html_dir: Path) -> list[str]:
    """Each unit's page, then each facilitator page, as built."""
    names = [folder.name for folder in unit_folders(ROOT)]
    pages = [f"book/units/{n}/index.html" for n in names]
    pages += [f"book/units/{n}/facilitator.html" for n in names]
    return [p for p in pages if (html_dir / p).is_file()]


def measure(html_dir: Path, out: Path | None) -> list[tuple[str, list[float]]]:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        sys.exit("chromium is not installed (apt-get install chromium)")
    rows = []
    with sync_playwright() as playwright, serve(html_dir) as base:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page()
        for name in printed_pages(html_dir):
            data = print_pdf(page, f"{base}/{name}")
            if out:
                out.mkdir(parents=True, exist_ok=True)
                (out / name.replace("/", "_").replace(".html", ".pdf")).write_bytes(data)
            rows.append((name, read_pdf(data).fills))
        browser.close()
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--html", type=Path, help="a built book's HTML folder (default: build)")
    parser.add_argument("--out", type=Path, help="keep the PDFs in this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        html_dir = args.html
        if html_dir is None:
            book = copy_book(Path(tmp) / "book")
            build(book)
            html_dir = book / "_build/html"
        rows = measure(html_dir, args.out)
    print(f"{'page':<56} {'sheets':>6}  fill of each sheet")
    for name, fills in rows:
        print(f"{name:<56} {len(fills):>6}  {' '.join(f'{f:.2f}' for f in fills)}")
    print(f"total sheets: {sum(len(fills) for _, fills in rows)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
