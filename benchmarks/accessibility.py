"""Accessibility findings per page: axe-core's WCAG 2.0/2.1 A and AA violations and pa11y's
HTML_CodeSniffer errors (standard WCAG2AA), at 360 px in Debian's Chromium, with the engines
that package-lock.json pins. tests/test_site.py asserts that both counts are zero.

Run with ``.venv/bin/python benchmarks/accessibility.py [--html DIR]``: builds a copy of the
book (or reads a book already built into DIR) and prints a table, one page a line, then each
finding. Needs ``npm ci --ignore-scripts`` first (``make test`` runs it).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from build import build, copy_book  # noqa: E402

from tests.a11y.engines import (  # noqa: E402
    NODE_MODULES,
    VIEWPORT,
    axe_findings,
    axe_source,
    pa11y_findings,
)
from tests.conftest import CHROMIUM_ARGS, chromium_path, serve  # noqa: E402


def pages_of(html_dir: Path) -> list[str]:
    return sorted(p.relative_to(html_dir).as_posix() for p in html_dir.rglob("*.html")
                  if "_static" not in p.parts)


def findings(html_dir: Path) -> dict[str, dict[str, list[str]]]:
    """{"page": {"axe": [...], "pa11y": [...]}} for every page of the built book."""
    from playwright.sync_api import sync_playwright

    names = pages_of(html_dir)
    axe = axe_source()
    found: dict[str, dict[str, list[str]]] = {}
    with serve(html_dir) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=VIEWPORT)
        for name in names:
            page = context.new_page()
            page.goto(f"{base}/{name}", wait_until="load")
            page.wait_for_load_state("networkidle")
            found[name] = {"axe": axe_findings(page, axe)}
            page.close()
        browser.close()
        by_url = pa11y_findings([f"{base}/{name}" for name in names])
    for name in names:
        found[name]["pa11y"] = by_url[f"{base}/{name}"]
    return found


def version(package: str) -> str:
    return json.loads((NODE_MODULES / package / "package.json").read_text())["version"]


def report(found: dict[str, dict[str, list[str]]]) -> None:
    print(f"axe-core {version('axe-core')}, pa11y {version('pa11y')} "
          f"(HTML_CodeSniffer {version('html_codesniffer')}), {VIEWPORT['width']} px")
    print(f"{'page':<56} {'axe':>5} {'pa11y':>6}")
    for name, counts in found.items():
        print(f"{name:<56} {len(counts['axe']):>5} {len(counts['pa11y']):>6}")
    total_axe = sum(len(c["axe"]) for c in found.values())
    total_pa11y = sum(len(c["pa11y"]) for c in found.values())
    print(f"{f'all {len(found)} pages':<56} {total_axe:>5} {total_pa11y:>6}")
    for name, counts in found.items():
        for engine, lines in counts.items():
            for line in lines:
                print(f"{name}: {engine}: {line}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", type=Path, help="a built book's HTML folder, not rebuilt")
    args = parser.parse_args()
    if args.html:
        report(findings(args.html))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        book = copy_book(Path(tmp) / "book")
        build(book)
        report(findings(book / "_build" / "html"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
