"""The whole built site in a real headless Chromium: every page loads clean and offline, passes
the WCAG 2.0/2.1 A and AA rules of two engines (axe-core, and pa11y's HTML_CodeSniffer), fits a
360 px phone, and every exercise on it can be answered with the keyboard alone. Links, anchors,
alt text and headings are checked too."""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from .a11y.engines import VIEWPORT, axe_findings, axe_source, pa11y_findings
from .conftest import serve

pytestmark = pytest.mark.book


def site_pages(html_dir: Path) -> list[str]:
    return sorted(p.relative_to(html_dir).as_posix() for p in html_dir.rglob("*.html")
                  if "_static" not in p.parts)


@pytest.fixture(scope="module")
def site(built_html: Path) -> Iterator[str]:
    with serve(built_html) as base:
        yield base


@pytest.fixture(scope="module")
def visits(browser, site: str, built_html: Path) -> dict[str, dict]:
    """Visit every page once; record console errors, requests, axe results and layout."""
    axe = axe_source()
    results: dict[str, dict] = {}
    context = browser.new_context(viewport=VIEWPORT)
    for name in site_pages(built_html):
        page = context.new_page()
        record: dict = {}
        errors: list[str] = []
        requests: list[str] = []
        page.on("console", lambda m, out=errors: m.type == "error" and out.append(m.text))
        page.on("pageerror", lambda e, out=errors: out.append(str(e)))
        page.on("request", lambda q, out=requests: out.append(q.url))
        page.goto(f"{site}/{name}", wait_until="load")
        page.wait_for_load_state("networkidle")
        # Copies taken now: axe-core fetches stylesheets itself, which is not the page's doing.
        record["errors"], record["requests"] = list(errors), list(requests)
        record["overflow"] = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth")
        record["violations"] = axe_findings(page, axe)
        results[name] = record
        page.close()
    context.close()
    return results


def test_every_page_is_visited(visits: dict, built_html: Path) -> None:
    assert len(visits) == len(site_pages(built_html)) >= 10


def _none(found: dict) -> None:
    """Fail with every finding spelled out, not a truncated diff."""
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)


def test_no_console_errors_or_exceptions(visits: dict) -> None:
    _none({name: r["errors"] for name, r in visits.items() if r["errors"]})


def test_no_request_leaves_the_machine(visits: dict, site: str) -> None:
    outside = {name: [u for u in r["requests"] if not u.startswith((site, "data:", "blob:"))]
               for name, r in visits.items()}
    _none({name: urls for name, urls in outside.items() if urls})


def test_axe_finds_no_wcag_a_or_aa_violations(visits: dict) -> None:
    _none({name: r["violations"] for name, r in visits.items() if r["violations"]})


def test_pa11y_htmlcs_finds_no_wcag_a_or_aa_errors(site: str, built_html: Path) -> None:
    names = site_pages(built_html)
    found = pa11y_findings([f"{site}/{name}" for name in names])
    assert len(found) == len(names)
    _none({name: found[f"{site}/{name}"] for name in names if found[f"{site}/{name}"]})


def test_no_horizontal_scrolling_on_a_phone(visits: dict) -> None:
    _none({name: r["overflow"] for name, r in visits.items() if r["overflow"] > 0})


KEYS = {  # the first keyboard move for each type, once the first control has focus
    "quiz": ["Space"], "disclosure": ["Space"], "audit": ["Space"],
    "classify": ["ArrowDown"], "rewrite": ["Control+a", "type:He is a patient."],
    "reflection": ["type:I learned to ask first."],
}


def test_every_exercise_answers_by_keyboard(browser, site: str, built_html: Path) -> None:
    pages = [name for name in site_pages(built_html)
             if 'class="cpe cpe-' in (built_html / name).read_text(encoding="utf-8")]
    assert pages, "no page has an exercise"
    answered = 0
    context = browser.new_context()
    for name in pages:
        page = context.new_page()
        page.goto(f"{site}/{name}")
        for index in range(page.locator(".cpe[data-cpe-type]").count()):
            block = page.locator(".cpe[data-cpe-type]").nth(index)
            kind = block.get_attribute("data-cpe-type")
            block.locator("input, select, textarea, button.cpe-choice").first.focus()
            if kind == "scenario":
                page.keyboard.press("Enter")
            else:
                for key in KEYS[kind]:
                    if key.startswith("type:"):
                        page.keyboard.type(key[5:])
                    else:
                        page.keyboard.press(key)
                for _ in range(60):
                    if page.evaluate("document.activeElement.dataset.cpeAction") == "check":
                        break
                    page.keyboard.press("Tab")
                page.keyboard.press("Enter")
            feedback = block.locator(".cpe-feedback")
            assert feedback.inner_text().strip(), f"{name}: {kind} gave no feedback"
            answered += 1
        page.close()
    context.close()
    assert answered >= 8


def _soups(built_html: Path) -> Iterator[tuple[str, BeautifulSoup]]:
    for name in site_pages(built_html):
        yield name, BeautifulSoup((built_html / name).read_text(encoding="utf-8"), "html.parser")


def test_internal_links_and_anchors_resolve(built_html: Path) -> None:
    ids = {name: {tag["id"] for tag in soup.find_all(id=True)} for name, soup in
           _soups(built_html)}
    broken = []
    for name, soup in _soups(built_html):
        for tag, attr in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
            for element in soup.find_all(tag):
                url = element.get(attr)
                if not url or urlsplit(url).scheme or url.startswith("//"):
                    continue
                parts = urlsplit(url)
                target = (built_html / name).parent / unquote(parts.path) if parts.path else (
                    built_html / name)
                target = target.resolve()
                if target.is_dir():
                    target = target / "index.html"
                if not target.is_file():
                    broken.append(f"{name}: {url} (no such file)")
                    continue
                if parts.fragment and target.suffix == ".html":
                    page = target.relative_to(built_html.resolve()).as_posix()
                    if unquote(parts.fragment) not in ids.get(page, set()):
                        broken.append(f"{name}: {url} (no such anchor)")
    assert broken == []


def test_images_have_meaningful_alt_text(built_html: Path) -> None:
    missing = []
    for name, soup in _soups(built_html):
        for image in soup.find_all("img"):
            alt = (image.get("alt") or "").strip()
            decorative = image.get("role") == "presentation" or image.get("aria-hidden")
            if not decorative and (not alt or alt.lower().endswith((".png", ".svg", ".jpg"))):
                missing.append(f"{name}: {image.get('src')}")
    assert missing == []


def test_headings_never_skip_a_level(built_html: Path) -> None:
    skips = []
    for name, soup in _soups(built_html):
        main = soup.find("main") or soup
        levels = [int(h.name[1]) for h in main.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]
        for before, after in pairwise(levels):
            if after > before + 1:
                skips.append(f"{name}: h{before} then h{after}")
    assert skips == []
