"""The student edition (``make book-student``): the same book without the facilitator pages
and the educators' part, from a toc derived from ``_toc.yml``; in it, Answers and reasons
opens only after a first try when JavaScript runs, and stays open to all without it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from coproduction_edu.edition import for_educators, student_toc
from coproduction_edu.toc import load_toc, toc_entries

from .conftest import ROOT, serve

UNIT = "book/units/03-three-keys/index"


def _docnames(toc: dict) -> list[str]:
    located = load_toc(ROOT)
    located.data = toc
    return [entry.docname for entry in toc_entries(located)]


def test_student_toc_is_the_book_toc_without_the_educators_pages() -> None:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    full = _docnames(toc)
    student = _docnames(student_toc(toc))
    assert [d for d in full if not for_educators(d)] == student
    assert any(re.fullmatch(r"book/units/[^/]+/facilitator", d) for d in full)
    assert "book/educators/index" in full
    assert not any(for_educators(d) for d in student)
    assert "For educators" not in [p["caption"] for p in student_toc(toc)["parts"]]


def test_a_unit_added_to_the_toc_is_in_the_student_edition_and_its_notes_are_not() -> None:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    toc["parts"][0]["chapters"].append({"file": "book/units/42-new/index"})
    toc["parts"][-1]["chapters"].append({"file": "book/units/42-new/facilitator"})
    student = _docnames(student_toc(toc))
    assert "book/units/42-new/index" in student
    assert "book/units/42-new/facilitator" not in student


@pytest.fixture(scope="module")
def student_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("student")
    result = subprocess.run([sys.executable, "-m", "coproduction_edu.edition", "--root",
                             str(ROOT), "--out", str(out)],
                            capture_output=True, text=True, check=False, timeout=900)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-4000:]
    assert "WARNING" not in log, log[-4000:]
    return out / "_build" / "html"


def test_the_student_edition_has_every_student_page_and_no_educators_page(
        student_html: Path) -> None:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    for docname in _docnames(toc):
        built = student_html / f"{docname}.html"
        assert built.is_file() != for_educators(docname), docname
    pages = list(student_html.rglob("*.html"))
    assert not [p for p in pages if "facilitator" in p.name or "educators" in p.parts]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert not re.search(r'href="[^"]*(facilitator|educators/)[^"]*"', html), page
    index = (student_html / "searchindex.js").read_text(encoding="utf-8")
    assert "facilitator" not in index and "educators/index" not in index


def _unit_page(browser, base: str, javascript: bool = True):
    context = browser.new_context(java_script_enabled=javascript,
                                  viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.problems = []
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.goto(f"{base}/{UNIT}.html")
    return context, page


def test_answers_open_only_after_a_first_try(browser, student_html: Path) -> None:
    with serve(student_html) as base:
        context, page = _unit_page(browser, base)
        block = page.locator(".cpe-classify").first
        answers = block.locator("details.cpe-answers")
        summary = answers.locator("summary")
        summary.scroll_into_view_if_needed()
        assert summary.get_attribute("aria-disabled") == "true"
        summary.click()
        assert not answers.evaluate("d => d.open")
        assert "after your first try" in block.locator(".cpe-feedback").inner_text()
        summary.focus()
        page.keyboard.press("Enter")
        assert not answers.evaluate("d => d.open")
        block.get_by_role("button", name="Check").click()  # nothing chosen: not a try
        summary.click()
        assert not answers.evaluate("d => d.open")
        block.locator("select").first.select_option(index=1)
        block.get_by_role("button", name="Check").click()
        assert summary.get_attribute("aria-disabled") is None
        summary.click()
        assert answers.evaluate("d => d.open")
        assert answers.inner_text().count("\n") > 3
        assert page.problems == []
        context.close()


def test_without_javascript_the_answers_stay_open_to_all(browser, student_html: Path) -> None:
    with serve(student_html) as base:
        context, page = _unit_page(browser, base, javascript=False)
        answers = page.locator("details.cpe-answers").first
        inside = answers.locator(":scope > :not(summary)").first
        assert not inside.is_visible()
        answers.locator("summary").click()
        assert inside.is_visible()
        context.close()


def test_the_full_book_does_not_lock_the_answers(browser, built_html: Path) -> None:
    with serve(built_html) as base:
        context, page = _unit_page(browser, base)
        answers = page.locator("details.cpe-answers").first
        answers.locator("summary").click()
        assert answers.evaluate("d => d.open")
        context.close()
