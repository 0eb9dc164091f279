"""Reading a unit on a 360 px phone, in Chromium: the teaching starts soon, activity text is
sized as body text, each figure can be read at full size and is numbered within its unit,
and dark mode leaves the activity cards' controls legible."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from coproduction_edu.sphinx.figures import FULL_SIZE

from .conftest import serve

pytestmark = pytest.mark.book
PHONE = {"width": 360, "height": 800}


def unit_pages(built_html: Path) -> list[str]:
    return sorted(p.relative_to(built_html).as_posix()
                  for p in (built_html / "book" / "units").glob("[0-9][0-9]-*/index.html"))


@pytest.fixture(scope="module")
def site(built_html: Path) -> Iterator[str]:
    with serve(built_html) as base:
        yield base


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    yield context
    context.close()


def test_the_teaching_starts_within_two_and_a_half_screens(phone, site: str,
                                                           built_html: Path) -> None:
    pages = unit_pages(built_html)
    assert len(pages) >= 3
    for name in pages:
        page = phone.new_page()
        page.goto(f"{site}/{name}")
        about = page.locator("details.cpe-about")
        assert about.count() == 1 and about.get_attribute("open") is None, name
        assert not about.locator("ol li").first.is_visible(), name
        bottom = page.evaluate("document.querySelector('.cpe-unit-header')"
                               ".getBoundingClientRect().bottom + window.scrollY")
        assert bottom < 2.5 * PHONE["height"], (name, bottom)
        about.locator("summary").tap()
        assert about.locator("ol li").first.is_visible(), name
        page.close()


def test_audit_statements_are_not_larger_than_the_activity_title(phone, site: str,
                                                                 built_html: Path) -> None:
    checked = 0
    for name in unit_pages(built_html):
        page = phone.new_page()
        page.goto(f"{site}/{name}")
        sizes = page.eval_on_selector_all(
            ".cpe-audit", "els => els.map(e => [parseFloat(getComputedStyle("
            "e.querySelector('.cpe-title')).fontSize), Math.max(...[...e.querySelectorAll("
            "'legend')].map(l => parseFloat(getComputedStyle(l).fontSize)))])")
        for title, legend in sizes:
            assert legend <= title, (name, title, legend)
            checked += 1
        page.close()
    assert checked >= 1


def test_every_figure_opens_at_full_size_and_is_numbered_in_its_unit(
        phone, site: str, built_html: Path) -> None:
    figures = 0
    for name in unit_pages(built_html):
        unit = int(Path(name).parent.name[:2])
        page = phone.new_page()
        page.goto(f"{site}/{name}")
        numbers = page.eval_on_selector_all(
            "figure .caption-number", "els => els.map(e => e.textContent.trim())")
        assert numbers == [f"Fig. {unit}.{n}" for n in range(1, len(numbers) + 1)], name
        for index in range(page.locator("figure").count()):
            figure = page.locator("figure").nth(index)
            link = figure.get_by_role("link", name=FULL_SIZE)
            assert link.is_visible(), name
            image = figure.locator("img").get_attribute("src")
            assert link.get_attribute("href") == image, name
            response = page.request.get(f"{site}/{Path(name).parent.as_posix()}/{image}")
            assert response.ok and response.headers["content-type"].startswith("image/"), image
            figures += 1
        page.close()
    assert figures >= 5


def test_dark_mode_keeps_activity_controls_light(browser, site: str, built_html: Path) -> None:
    context = browser.new_context(viewport=PHONE, color_scheme="dark")
    page = context.new_page()
    page.add_init_script("localStorage.setItem('mode', 'dark'); localStorage.setItem('theme',"
                         " 'dark')")
    page.goto(f"{site}/{unit_pages(built_html)[0]}")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    schemes = page.eval_on_selector_all(
        ".cpe input, .cpe select, .cpe textarea",
        "els => els.map(e => getComputedStyle(e).colorScheme)")
    assert schemes and set(schemes) == {"light"}
    backgrounds = page.eval_on_selector_all(
        ".cpe", "els => els.map(e => getComputedStyle(e).backgroundColor)")
    assert set(backgrounds) == {"rgb(255, 255, 255)"}
    context.close()


def test_no_figure_number_is_counted_across_units(built_html: Path) -> None:
    for name in unit_pages(built_html):
        unit = int(Path(name).parent.name[:2])
        html = (built_html / name).read_text(encoding="utf-8")
        for number in re.findall(r"Fig\. (\d+)\.\d+", html):
            assert int(number) == unit, name
