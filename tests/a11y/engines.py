"""axe-core and pa11y (its HTML_CodeSniffer runner), at the versions that package-lock.json
pins, on built pages in Debian's Chromium at phone width. Each finding is one line, the rule
and where it fired, so a failure reads as page → findings. Missing tools fail, never skip."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from ..conftest import CHROMIUM_ARGS, chromium_path

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
PA11Y_PAGES = Path(__file__).with_name("pa11y-pages.mjs")
VIEWPORT = {"width": 360, "height": 800}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
INSTALL = "run 'make test', which installs them (tests/ensure-tools.sh runs npm ci)"
AXE_RUN = """async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))
  .violations.flatMap(v => v.nodes.map(n => `${v.id} at ${n.target.join(' ')}: ${v.help}`))"""


def npm_package(name: str) -> Path:
    """The folder of an installed npm package; fail if npm ci has not installed it."""
    folder = NODE_MODULES / name
    if not (folder / "package.json").is_file():
        pytest.fail(f"the npm package {name} is not in {NODE_MODULES}: {INSTALL}")
    return folder


def axe_source() -> str:
    """The text of axe-core's browser script."""
    return (npm_package("axe-core") / "axe.min.js").read_text(encoding="utf-8")


def axe_findings(page, source: str) -> list[str]:
    """axe-core's WCAG 2.0 and 2.1 A and AA violations on a loaded Playwright page."""
    page.add_script_tag(content=source)
    return page.evaluate(AXE_RUN, WCAG_TAGS)


def pa11y_findings(urls: list[str]) -> dict[str, list[str]]:
    """pa11y's HTML_CodeSniffer errors (standard WCAG2AA: levels A and AA) by URL."""
    node = shutil.which("node")
    if node is None:
        pytest.fail(f"node is not installed: {INSTALL}")
    npm_package("pa11y")
    npm_package("puppeteer")
    job = {"executablePath": chromium_path(), "args": CHROMIUM_ARGS, "viewport": VIEWPORT,
           "urls": urls}
    result = subprocess.run([node, str(PA11Y_PAGES)], input=json.dumps(job), cwd=ROOT,
                            capture_output=True, text=True, check=False, timeout=1800)
    if result.returncode != 0:
        pytest.fail(f"{PA11Y_PAGES.name} failed:\n{result.stderr[-4000:]}")
    return {url: [f"{issue['code']} at {issue['selector']}: {issue['message']}"
                  for issue in issues] for url, issues in json.loads(result.stdout).items()}
