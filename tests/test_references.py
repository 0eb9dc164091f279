"""Each unit page, and each facilitator page that cites, ends with its own reference list;
its citations link to it; other pages link to the book's References page; one work has one
label in every list."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pybtex.database import parse_string

from coproduction_edu.check import unit_folders
from coproduction_edu.sphinx.bibstyle import AuthorYearLabelStyle, share_labels
from coproduction_edu.sphinx.references import with_reference_list

from .conftest import ROOT

LIST = ":::{bibliography}\n:filter: docname in docnames\n:::\n"
PAGES = [f"book/units/{folder.name}/{page}.html" for folder in unit_folders(ROOT)
         for page in ("index", "facilitator")]


def test_the_list_goes_at_the_end_of_the_references_section() -> None:
    text = "# Unit\n\n## References\n\nProse {cite:p}`a`.\n\n## Afterword\n\nText.\n"
    assert with_reference_list(text) == (
        "# Unit\n\n## References\n\nProse {cite:p}`a`.\n\n" + LIST + "\n## Afterword\n\nText.\n")
    assert with_reference_list("# Unit\n\n## References\n\nProse.") == (
        "# Unit\n\n## References\n\nProse.\n\n" + LIST)


def test_a_citing_page_without_the_section_gets_one() -> None:
    assert with_reference_list("# Notes\n\nAs {cite:t}`a` says.\n") == (
        "# Notes\n\nAs {cite:t}`a` says.\n\n## References\n\n" + LIST)
    assert with_reference_list("# Notes\n\nNo sources.\n") == "# Notes\n\nNo sources.\n"
    assert with_reference_list("# Unit\n", always=True).endswith("## References\n\n" + LIST)


def test_a_page_that_places_its_own_list_or_fences_the_heading_is_left_alone() -> None:
    own = "# Unit\n\n{cite:p}`a`\n\n```{bibliography}\n```\n"
    assert with_reference_list(own) == own
    fenced = "# Unit\n\n````md\n## References\n````\n"
    assert with_reference_list(fenced, always=True) == fenced + "\n## References\n\n" + LIST


BIB = """
@misc{nmc-a, author = {{Nursing and Midwifery Council}}, title = {Code}, year = {2018}}
@misc{nmc-b, author = {{Nursing and Midwifery Council}}, title = {Future nurse}, year = {2018}}
@misc{arnstein, author = {Arnstein, Sherry}, title = {Ladder}, year = {1969}}
"""


def test_shared_labels_keep_a_work_s_suffix_in_a_list_without_its_sibling() -> None:
    entries = parse_string(BIB, "bibtex").entries
    alone = [entries["nmc-b"], entries["arnstein"]]
    assert list(AuthorYearLabelStyle().format_labels(alone)) == [
        "Nursing and Midwifery Council 2018", "Arnstein 1969"]
    try:
        share_labels(entries.values())
        assert list(AuthorYearLabelStyle().format_labels(alone)) == [
            "Nursing and Midwifery Council 2018b", "Arnstein 1969"]
    finally:
        share_labels([])


def _soup(built_html: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((built_html / page).read_text(encoding="utf-8"), "html.parser")


def _labels(soup: BeautifulSoup) -> dict[str, str]:
    return {c["id"]: c.select_one(".label").get_text().strip("[]")
            for c in soup.select("div.citation")}


@pytest.mark.book
@pytest.mark.parametrize("page", PAGES)
def test_a_unit_or_facilitator_page_ends_with_its_own_list(built_html: Path, page: str) -> None:
    soup = _soup(built_html, page)
    last = soup.select("article section > section")[-1]
    assert last.h2.get_text().rstrip("#") == "References"
    entries = last.select("div.citation")
    cites = soup.select(".bibtex-citation a")
    assert entries and cites
    off_page = [a["href"] for a in cites if not a["href"].startswith("#")]
    assert not off_page
    ids = {c["id"] for c in entries}
    assert {a["href"][1:] for a in cites} <= ids
    book = set(_labels(_soup(built_html, "book/bibliography.html")).values())
    assert set(_labels(soup).values()) <= book  # one work, one label everywhere


@pytest.mark.book
def test_pages_without_a_list_cite_the_book_s_references(built_html: Path) -> None:
    for page in ("book/index.html", "book/glossary.html", "book/units/index.html"):
        hrefs = [a["href"] for a in _soup(built_html, page).select(".bibtex-citation a")]
        assert hrefs and all(h.split("#")[0].endswith("bibliography.html") for h in hrefs), page


def test_an_edited_source_shows_its_new_details_in_a_rebuild(book_copy: Path,
                                                            tmp_path: Path) -> None:
    """Formatted entries are kept from one build to the next; an edited entry is not one."""
    from .conftest import build_book

    def reference_text() -> str:
        result = build_book(book_copy, tmp_path)
        assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
        page = tmp_path / "_build" / "html" / "book" / "units" / "03-three-keys" / "index.html"
        return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one(
            "#references").get_text(" ").casefold()

    bib = book_copy / "book" / "references.bib"
    text = bib.read_text(encoding="utf-8")
    key = "nimhe2008threekeys"
    start = text.index(f"{{{key},")
    title = text.index("title", start)
    assert "shared approach" in reference_text()
    line_end = text.index("\n", title)
    bib.write_text(text[:title] + "title = {A Title Edited Between Builds}," +
                   text[line_end:], encoding="utf-8")
    assert "a title edited between builds" in reference_text()
