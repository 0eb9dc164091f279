"""A student reading on with Next goes from unit to unit and never lands on the answers.

Facilitator pages hold full answer tables. They sit in the unit's folder but in the
educators' part of the toc, after every page a student reads.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from bs4 import BeautifulSoup

from coproduction_edu.toc import EDUCATORS_CAPTION, FACILITATOR_PAGE

from .conftest import ROOT

pytestmark = pytest.mark.book


def toc_parts() -> dict[str, list[str]]:
    """Each part's caption and its pages in reading order."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))

    def walk(entries: list[dict]) -> list[str]:
        out = []
        for entry in entries:
            out.append(entry["file"])
            out += walk(entry.get("sections", []))
        return out

    return {part["caption"]: walk(part["chapters"]) for part in toc["parts"]}


def next_page(built_html: Path, docname: str) -> str | None:
    """The docname the page's visible Next link (and its rel=next) lead to."""
    soup = BeautifulSoup((built_html / f"{docname}.html").read_text(encoding="utf-8"),
                         "html.parser")
    footer = soup.select_one("a.right-next")
    link = soup.find("link", rel="next")
    if footer is None:
        assert link is None, docname
        return None
    assert link is not None and link["href"] == footer["href"], docname
    target = urljoin(f"/{docname}.html", footer["href"])
    return target.lstrip("/").removesuffix(".html")


def test_facilitator_pages_are_only_in_the_educators_part() -> None:
    parts = toc_parts()
    facilitators = [d for pages in parts.values() for d in pages if FACILITATOR_PAGE.match(d)]
    assert len(facilitators) >= 3
    assert all(d in parts[EDUCATORS_CAPTION] for d in facilitators)
    assert list(parts)[-1] == EDUCATORS_CAPTION


def test_next_from_every_student_page_is_a_student_page(built_html: Path) -> None:
    parts = toc_parts()
    educators = set(parts[EDUCATORS_CAPTION])
    student = [d for caption, pages in parts.items() if caption != EDUCATORS_CAPTION
               for d in pages]
    found = {d: next_page(built_html, d) for d in ["book/index", *student]}
    last = student[-1]
    wrong = {d: n for d, n in found.items() if d != last and (n is None or n in educators)}
    assert wrong == {}
    # The last page a student reads leads on to the educators' guide, never to answers.
    assert found[last] == parts[EDUCATORS_CAPTION][0] == "book/educators/index"


def test_next_from_each_unit_is_the_next_unit(built_html: Path) -> None:
    units = [d for d in toc_parts()["Teaching units"] if d.endswith("/index")][1:]
    assert len(units) >= 3
    for this, following in pairwise(units):
        assert next_page(built_html, this) == following
    assert next_page(built_html, units[-1]) == toc_parts()["Exercises"][0]
