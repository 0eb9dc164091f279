"""Each unit printed to A4 PDF in Chromium works as a handout, and facilitator pages print
without empty sheets. The PDF's own text, read with pypdf, is what is checked."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from coproduction_edu.check import unit_folders
from coproduction_edu.engine.content import exercise
from coproduction_edu.engine.markdown import plain
from coproduction_edu.engine.render import ACTIONS
from coproduction_edu.sphinx.bibstyle import author_year
from coproduction_edu.units import check_unit_source

from .conftest import ROOT, serve
from .pdf import Printed, normalise, print_pdf, read_pdf

pytestmark = pytest.mark.book
UNITS = [folder.name for folder in unit_folders(ROOT)]
GUIDES = [name for name in UNITS if (ROOT / f"book/units/{name}/facilitator.md").is_file()]
CITE = re.compile(r"\{cite(?::\w+)?\}`([^`]+)`")
ACTIVITY = re.compile(r"^:{3,}\{activity\}\s+(\S+)", re.M)
WEB_ONLY = sorted({label for actions in ACTIONS.values() for _, label in actions}
                  | {"Choose…", "Answers and reasons"})


def printed_pages() -> list[str]:
    return ([f"book/units/{name}/index.html" for name in UNITS]
            + [f"book/units/{name}/facilitator.html" for name in GUIDES])


@pytest.fixture(scope="module")
def printed(browser, built_html: Path) -> dict[str, Printed]:
    """Every unit page and facilitator page, printed once."""
    out = {}
    with serve(built_html) as base:
        context = browser.new_context()
        page = context.new_page()
        for name in printed_pages():
            out[name] = read_pdf(print_pdf(page, f"{base}/{name}"))
        context.close()
    return out


def _source(name: str) -> str:
    return (ROOT / f"book/units/{name}/index.md").read_text(encoding="utf-8")


def _unit(name: str) -> dict:
    result = check_unit_source(_source(name), f"book/units/{name}/index.md", name)
    assert result.unit is not None, result.problems
    return result.unit


def _exercises(name: str, kind: str) -> list:
    return [e for e in map(exercise, ACTIVITY.findall(_source(name))) if e.type == kind]


def test_every_unit_and_facilitator_page_is_printed(printed: dict[str, Printed]) -> None:
    assert len(UNITS) >= 3 and len(GUIDES) >= 3
    assert all(len(p.texts) >= 2 for p in printed.values()), {n: len(p.texts)
                                                              for n, p in printed.items()}


@pytest.mark.parametrize("name", UNITS)
def test_a_printed_unit_has_its_title_and_every_learning_outcome(
        printed: dict[str, Printed], name: str) -> None:
    unit, text = _unit(name), printed[f"book/units/{name}/index.html"].text
    assert normalise(unit["title"]) in text
    missing = [o["text"] for o in unit["learning_outcomes"]
               if normalise(plain(o["text"])) not in text]
    assert not missing


@pytest.mark.parametrize("name", UNITS)
def test_a_printed_unit_ends_with_its_own_references(printed: dict[str, Printed],
                                                     name: str) -> None:
    from pybtex.database import parse_file

    entries = parse_file(str(ROOT / "book/references.bib")).entries
    keys = {key.strip() for group in CITE.findall(_source(name)) for key in group.split(",")}
    labels = {key: "[" + normalise(author_year(entries[key])) for key in keys}
    sheets = printed[f"book/units/{name}/index.html"]
    assert keys and not [key for key, label in labels.items() if label not in sheets.text]
    assert any(label in sheets.texts[-1] for label in labels.values())


@pytest.mark.parametrize("name", UNITS)
def test_a_printed_unit_has_no_buttons_menus_or_answers(printed: dict[str, Printed],
                                                        name: str) -> None:
    text = printed[f"book/units/{name}/index.html"].text
    assert not [label for label in WEB_ONLY if normalise(label) in text]


@pytest.mark.parametrize("name", UNITS)
def test_printed_activities_are_worksheets(printed: dict[str, Printed], name: str) -> None:
    """A scenario prints its first situation and choices, once; a rewrite quotes its
    original once (the box to write in is empty); a reflection prints every stage."""
    text = printed[f"book/units/{name}/index.html"].text
    found = []
    for scenario in _exercises(name, "scenario"):
        start = scenario.nodes[scenario.data["start"]]
        for part in [start["text"], *(c["text"] for c in start["choices"])]:
            found.append((part, text.count(normalise(plain(part)))))
    for rewrite in _exercises(name, "rewrite"):
        found.append((rewrite.data["original"], text.count(normalise(plain(
            rewrite.data["original"])))))
    for reflection in _exercises(name, "reflection"):
        found += [(s["prompt"], min(1, text.count(normalise(plain(s["prompt"])))))
                  for s in reflection.stages]
    assert [part for part, count in found if count != 1] == []


def _figures(built_html: Path, name: str) -> list[tuple[str, str]]:
    """(the last text drawn in the figure, the start of its caption) for each SVG figure."""
    page = built_html / name
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    pairs = []
    for figure in soup.select("figure"):
        image, caption = figure.find("img"), figure.find("figcaption")
        if image is None or caption is None or not image["src"].endswith(".svg"):
            continue
        svg = ET.parse((page.parent / image["src"]).resolve())
        texts = [" ".join(t.itertext()) for t in svg.iter() if t.tag.endswith("}text")]
        # Its number and first words: "Fig. 3.1 The three keys".
        pairs.append((normalise(texts[-1]), " ".join(normalise(caption.get_text()).split()[:5])))
    return pairs


@pytest.mark.parametrize("name", UNITS)
def test_a_figure_prints_on_the_same_sheet_as_its_caption(
        printed: dict[str, Printed], built_html: Path, name: str) -> None:
    sheets = printed[f"book/units/{name}/index.html"]
    split = []
    for last_text, caption in _figures(built_html, f"book/units/{name}/index.html"):
        sheet = sheets.sheet_of(caption)
        assert sheet is not None, caption
        before = sheets.texts[sheet].split(caption)[0]
        if last_text not in before:
            split.append(caption)
    assert not split


@pytest.mark.parametrize("name", GUIDES)
def test_a_facilitator_page_prints_without_empty_sheets(
        printed: dict[str, Printed], built_html: Path, name: str) -> None:
    """The first sheet has the title and the opening text; no sheet but the last is less
    than half full (a table kept whole used to leave most of a sheet blank)."""
    page = f"book/units/{name}/facilitator.html"
    soup = BeautifulSoup((built_html / page).read_text(encoding="utf-8"), "html.parser")
    title = normalise(soup.select_one("article h1").get_text()).rstrip("#").strip()
    opening = " ".join(normalise(soup.select_one("article section > p").get_text()).split()[:6])
    sheets = printed[page]
    assert title in sheets.texts[0] and opening in sheets.texts[0]
    assert min(sheets.fills[:-1]) >= 0.5, sheets.fills


def test_a_scenario_prints_where_the_reader_has_got_to(browser, built_html: Path) -> None:
    """After a choice, the printed stage is the next situation with its own choices as boxes,
    not the first ones (the page's own list of first choices gives way)."""
    name = next(n for n in UNITS if _exercises(n, "scenario"))
    scenario = _exercises(name, "scenario")[0]
    first = scenario.nodes[scenario.data["start"]]["choices"][0]
    following = scenario.nodes[first["next"]]
    with serve(built_html) as base:
        page = browser.new_page()
        page.goto(f"{base}/book/units/{name}/index.html", wait_until="load")
        page.locator(f"#{scenario.dom_id} button[data-choice='{first['id']}']").click()
        page.emulate_media(media="print")
        text = read_pdf(page.pdf(format="A4")).text
        page.close()
    assert normalise(plain(following["text"])) in text
    for choice in following.get("choices", []):
        assert text.count(normalise(plain(choice["text"]))) == 1
    others = scenario.nodes[scenario.data["start"]]["choices"][1:]
    assert not [c for c in others if normalise(plain(c["text"])) in text]


def test_print_only_parts_take_no_room_on_screen(browser, built_html: Path) -> None:
    """On screen the worksheet parts are display: none, so neither seen nor read aloud."""
    shown = {}
    with serve(built_html) as base:
        page = browser.new_page(viewport={"width": 360, "height": 800})
        for name in UNITS:
            page.goto(f"{base}/book/units/{name}/index.html", wait_until="load")
            parts = page.locator(".cpe-print-only")
            assert parts.count() > 0
            shown[name] = page.evaluate(
                "() => [...document.querySelectorAll('.cpe-print-only')]"
                ".filter(e => getComputedStyle(e).display !== 'none').length")
        page.close()
    assert set(shown.values()) == {0}, shown
