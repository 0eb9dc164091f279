"""Notebooks say what is true where they are read: in the book the activities work in the page
and the engine's code is hidden; in Jupyter each cell runs first. The kernel is named as
ipykernel names it, so opening a notebook does not mark it changed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from coproduction_edu.book_config import repository_url
from coproduction_edu.notebooks import KERNEL_DISPLAY_NAME, setup_cell
from coproduction_edu.scaffold import EXERCISE_TAGS, NOTEBOOK_HOW_TO, SETUP_TAGS

from .conftest import ROOT

NOTEBOOKS = sorted((ROOT / "exercises").glob("*.ipynb"))
EXERCISE_CELL = re.compile(r'^coproduction_edu\.exercise\("[^"]+"\)$')


def cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def exercise_cells(path: Path) -> int:
    """How many of the notebook's code cells show an exercise."""
    return sum(1 for c in cells(path) if c["cell_type"] == "code"
               and EXERCISE_CELL.match("".join(c["source"]).strip()))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_the_opening_text_is_true_in_the_book_and_in_jupyter(path: Path) -> None:
    first = "".join(cells(path)[0]["source"])
    assert NOTEBOOK_HOW_TO in first
    assert "grey code cell" not in first


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_engine_only_code_is_tagged_out_of_the_book(path: Path) -> None:
    setup = setup_cell(repository_url(ROOT)[0])
    code = [cell for cell in cells(path) if cell["cell_type"] == "code"]
    assert "".join(code[0]["source"]) == setup
    assert code[0]["metadata"]["tags"] == SETUP_TAGS, path.name
    exercises = [cell for cell in code[1:] if EXERCISE_CELL.match("".join(cell["source"]))]
    assert exercises, path.name
    for cell in exercises:
        assert cell["metadata"]["tags"] == EXERCISE_TAGS, (path.name, cell["source"])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_the_kernel_is_named_as_ipykernel_names_it(path: Path) -> None:
    from ipykernel.kernelspec import get_kernel_dict

    spec = json.loads(path.read_text(encoding="utf-8"))["metadata"]["kernelspec"]
    assert spec["display_name"] == KERNEL_DISPLAY_NAME == get_kernel_dict()["display_name"]
    assert spec["name"] == "python3"


@pytest.mark.book
def test_notebook_pages_in_the_book_show_activities_not_engine_code(built_html: Path) -> None:
    for path in NOTEBOOKS:
        html = (built_html / "exercises" / f"{path.stem}.html").read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        main = soup.find("main")
        code = [pre.get_text() for pre in main.select(".cell_input pre")]
        assert not any("import coproduction_edu" in c for c in code), path.name
        assert not any(EXERCISE_CELL.match(c.strip()) for c in code), path.name
        shown = len(main.select(".cell_output .cpe[data-cpe-type]"))
        assert shown == exercise_cells(path) >= 4, path.name
        assert "Run this cell" not in main.get_text(), path.name
