"""The book builds with zero warnings, and every page in the toc is in the HTML."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from coproduction_edu.toc import load_toc, toc_entries

from .conftest import ROOT

pytestmark = pytest.mark.book


@pytest.fixture
def built(built_html: Path) -> Path:
    return built_html


def test_every_toc_page_is_built(built: Path) -> None:
    docnames = [entry.docname for entry in toc_entries(load_toc(ROOT))]
    assert len(docnames) >= 7
    missing = [d for d in docnames if not (built / f"{d}.html").is_file()]
    assert not missing


def test_expected_pages_exist(built: Path) -> None:
    for page in ("index.html", "book/index.html", "book/units/index.html",
                 "book/educators/index.html", "book/contributing/index.html",
                 "book/glossary.html", "book/bibliography.html",
                 "exercises/00-try-the-exercises.html", "search.html"):
        assert (built / page).is_file(), page


def test_bibliography_is_author_year(built: Path) -> None:
    html = (built / "book/bibliography.html").read_text()
    assert "Arnstein 1969" in html
    assert "Montgomery v Lanarkshire Health Board 2015" in html
    labels = html.count('class="label"')
    assert labels >= 20


def test_citations_are_in_round_brackets(built: Path) -> None:
    html = (built / "book/index.html").read_text()
    link = '<a class="reference internal" href="bibliography.html#'
    assert html.count("(" + link) >= 3
    assert "[" + link not in html


def test_notebook_outputs_are_rendered(built: Path) -> None:
    html = (built / "exercises/00-try-the-exercises.html").read_text()
    assert "NMC Future nurse (2018): platforms and annexes" in html
    assert "Coordinating care" in html
    assert html.count('class="cpe cpe-') == 8
    assert html.count("<!--cpe-runtime-->") == 1


def test_curriculum_map_is_rendered(built: Path) -> None:
    html = (built / "book/units/index.html").read_text()
    units = list((ROOT / "book/units").glob("*/index.md"))
    if units:
        assert 'id="curriculum-map"' in html
    else:
        assert "No units have been added to this book yet." in html


def test_in_text_citations_match_the_bibliography(built: Path) -> None:
    cited = [re.sub(r"<[^>]+>", "", span) for page in built.rglob("*.html")
             if "_static" not in page.parts
             for span in re.findall(r'<span class="bibtex-citation"[^>]*>(.*?)</span>',
                                    page.read_text())]
    assert "(Montgomery v Lanarkshire Health Board, 2015)" in cited
    assert not [c for c in cited if re.search(r"Act (\d{4}), \1", c)]  # year not repeated
    assert not [c for c in cited if "Nursing and Midwifery Council, 2018)" in c]  # 2018a, b


def test_unit_banner_shows_every_note_and_links_to_the_review_page(built: Path) -> None:
    """A reader sees who wrote the unit and how, and one click reaches how to review it."""
    from bs4 import BeautifulSoup

    from coproduction_edu.check import unit_folders
    from coproduction_edu.units import check_unit_source

    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    repository = config["repository"]["url"]
    forms = {path.name for path in (ROOT / ".github/ISSUE_TEMPLATE").glob("*.yml")}
    folders = unit_folders(ROOT)
    assert folders
    for folder in folders:
        source = (folder / "index.md").read_text()
        unit = check_unit_source(source, str(folder / "index.md"), folder.name).unit
        page = built / f"book/units/{folder.name}/index.html"
        banner = BeautifulSoup(page.read_text(), "html.parser").select_one(".cpe-status")
        text = " ".join(banner.get_text(" ").split())
        for person in unit["coproduction"]["contributors"]:
            assert person["name"] in text
            if person.get("note"):
                assert " ".join(person["note"].split()) in text, (folder.name, text)
        links = [a["href"] for a in banner.select("a")]
        assert links == ["../../contributing/review.html"], links
        review = BeautifulSoup((page.parent / links[0]).read_text(), "html.parser")
        targets = [a["href"] for a in review.select("article a.reference.external")
                   if a["href"].startswith(repository)]
        assert any("lived-experience-review.yml" in t for t in targets), targets
        for target in targets:
            template = re.search(r"template=([^&]+)", target)
            assert template is None or template[1] in forms, target
        assert "public" in review.get_text()
