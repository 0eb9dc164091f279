"""The curriculum map as an educator meets it: nothing cut off at 1280 or 360 px, rows that
are short, the coverage figure with its text version, and the hours from the front matter."""

from __future__ import annotations

from pathlib import Path

import pytest

from coproduction_edu.check import unit_folders
from coproduction_edu.units import check_unit_source
from coproduction_edu.vocabulary import minutes_text

from .conftest import ROOT, serve

pytestmark = pytest.mark.book
PAGE = "book/units/index.html"


@pytest.mark.parametrize("width", [1280, 360])
def test_the_map_fits_the_page(browser, built_html: Path, width: int) -> None:
    with serve(built_html) as base:
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(f"{base}/{PAGE}")
        table = page.locator("table#curriculum-map")
        table.scroll_into_view_if_needed()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        cells = "#curriculum-map th, #curriculum-map td" if width > 640 else "#curriculum-map td"
        right = page.evaluate(f"Math.max(...[...document.querySelectorAll('{cells}')].map("
                              "c => c.getBoundingClientRect().right))")
        assert right <= width
        container = table.evaluate("t => t.parentElement.getBoundingClientRect().right")
        assert right <= container + 1
        heights = table.evaluate("t => [...t.tBodies[0].rows].map("
                                 "r => r.getBoundingClientRect().height)")
        assert max(heights) < (150 if width == 1280 else 260), heights
        figure = page.locator("figure.cpe-coverage img")
        assert figure.evaluate("i => i.complete && i.naturalWidth > 0")
        assert figure.bounding_box()["width"] <= width
        if width == 360:  # stacked: the header row is for screen readers only, and each
            # value says which column it is
            label = table.locator("tbody tr").first.locator(".cpe-cell-label").first
            assert label.is_visible() and label.inner_text().strip() == "Time:"
        context.close()


def test_the_map_has_every_unit_with_its_hours_and_the_total(built_html: Path) -> None:
    html = (built_html / PAGE).read_text(encoding="utf-8")
    table = html[html.index('id="curriculum-map"'):html.index("</table>",
                                                              html.index('id="curriculum-map"'))]
    total = 0
    for folder in unit_folders(ROOT):
        text = (folder / "index.md").read_text(encoding="utf-8")
        unit = check_unit_source(text, str(folder), folder.name).unit
        minutes = unit["duration"]["teaching_minutes"] + unit["duration"]["activity_minutes"]
        total += minutes
        row = table[table.index(f">{unit['number']}. "):]
        assert minutes_text(minutes) in row[:row.index("</tr>")], folder.name
    assert minutes_text(total) in table[table.index("All "):]
