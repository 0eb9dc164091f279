"""``coproduction-edu new-unit``: a unit folder, its notebook and its toc entries in one step."""

from __future__ import annotations

import json
import subprocess
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any

import yaml

from .book_config import repository_url
from .check import EXERCISES_DIR, UNITS_DIR, unit_folders
from .notebooks import KERNEL_DISPLAY_NAME, setup_cell
from .toc import EDUCATORS_CAPTION, TOC_FILE
from .units import UNIT_ID

UNITS_CAPTION = "Teaching units"
EXERCISES_CAPTION = "Exercises"
TOC_HEADER = (
    "# Table of contents of the book. 'coproduction-edu new-unit' adds units and notebooks\n"
    "# here and rewrites this file, so keep notes elsewhere. See book/contributing/authors.md.\n"
)


class ScaffoldError(Exception):
    """Why a unit could not be created; nothing has been written when this is raised."""


def new_unit(root: Path, unit_id: str, title: str, author: str | None = None) -> list[Path]:
    """Create the unit ``unit_id`` in the book at ``root``; return the files written."""
    match = UNIT_ID.match(unit_id)
    if not match:
        raise ScaffoldError(f"{unit_id!r} is not a unit id; use NN-slug, two digits then "
                            "lower-case words joined by hyphens, e.g. 08-safe-shared-space")
    title = title.strip()
    if len(title) < 3 or '"' in title or "\n" in title:
        raise ScaffoldError("the title must be at least 3 characters, on one line, without "
                            'double quotes (")')
    author = (author or _git_user_name(root) or "").strip()
    if not author:
        raise ScaffoldError("say who is writing the unit with --author \"Your name\" (it is "
                            "credited in the front matter; never name someone who has not agreed)")
    number = int(match["number"])
    for folder in unit_folders(root):
        if folder.name[:2] == match["number"]:
            raise ScaffoldError(f"unit number {number} is already used by {folder.name}")
    folder = root / UNITS_DIR / unit_id
    notebook = root / EXERCISES_DIR / f"{unit_id}.ipynb"
    for path in (folder, notebook):
        if path.exists():
            raise ScaffoldError(f"{path.relative_to(root)} already exists; nothing was changed")
    repository, problems = repository_url(root)
    if repository is None:
        raise ScaffoldError(f"{problems[0]}; set it first, since the notebook installs the "
                            "package from there")
    toc_text = _toc_with_unit(root, unit_id)
    values = {"unit_id": unit_id, "number": number, "title": title, "author": author}
    folder.mkdir(parents=True)
    written = [folder / "index.md", folder / "facilitator.md", notebook]
    written[0].write_text(_template("unit-index.md", values), encoding="utf-8")
    written[1].write_text(_template("unit-facilitator.md", values), encoding="utf-8")
    notebook.parent.mkdir(parents=True, exist_ok=True)
    notebook.write_text(_notebook(unit_id, title, repository), encoding="utf-8")
    (root / TOC_FILE).write_text(toc_text, encoding="utf-8")
    return [*written, root / TOC_FILE]


def _git_user_name(root: Path) -> str | None:
    try:
        result = subprocess.run(["git", "config", "user.name"], cwd=root, capture_output=True,
                                text=True, check=False)
    except OSError:
        return None
    return result.stdout.strip() or None


def _template(name: str, values: dict[str, Any]) -> str:
    text = resources.files("coproduction_edu").joinpath(f"templates/{name}").read_text()
    return Template(text).substitute(values)


def _toc_with_unit(root: Path, unit_id: str) -> str:
    """The new ``_toc.yml`` text with the unit and its notebook in their parts, in order."""
    path = root / TOC_FILE
    if not path.is_file():
        raise ScaffoldError(f"{TOC_FILE} not found in {root}; run this from the book's folder")
    try:
        toc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise ScaffoldError(f"{TOC_FILE} is not valid YAML ({err}); fix it first") from err
    _insert_sorted(_part(toc, UNITS_CAPTION), {"file": f"{UNITS_DIR}/{unit_id}/index"},
                   f"{UNITS_DIR}/")
    _insert_sorted(_part(toc, EDUCATORS_CAPTION),
                   {"file": f"{UNITS_DIR}/{unit_id}/facilitator"}, f"{UNITS_DIR}/")
    _insert_sorted(_part(toc, EXERCISES_CAPTION), {"file": f"{EXERCISES_DIR}/{unit_id}"},
                   f"{EXERCISES_DIR}/")
    return dump_toc(toc)


def dump_toc(toc: dict[str, Any]) -> str:
    """The one way the project writes ``_toc.yml``."""
    return TOC_HEADER + yaml.safe_dump(toc, sort_keys=False, allow_unicode=True, width=100)


def _part(toc: dict[str, Any], caption: str) -> list[dict[str, Any]]:
    for part in toc.get("parts") or []:
        if part.get("caption") == caption:
            return part.setdefault("chapters", [])
    raise ScaffoldError(f"{TOC_FILE} has no part with caption {caption!r}; add it first")


def _insert_sorted(chapters: list[dict[str, Any]], entry: dict[str, Any], prefix: str) -> None:
    """Append ``entry`` and keep numbered entries (NN-...) in number order after the others."""
    if any(c.get("file") == entry["file"] for c in chapters):
        raise ScaffoldError(f"{entry['file']} is already in {TOC_FILE}; nothing was changed")
    chapters.append(entry)

    def order(chapter: dict[str, Any]) -> tuple[int, str]:
        name = str(chapter.get("file", ""))[len(prefix):]
        numbered = name[:2].isdigit() and name.startswith(name[:2] + "-")
        return (1 if numbered else 0, name if numbered else "")

    chapters.sort(key=order)


# How to use a unit notebook, true both in the book (where the activities work in the page
# and the code is hidden) and in Jupyter (where each cell must run first). Every unit
# notebook's first cell says it; tests/test_notebook_pages.py holds them to it.
NOTEBOOK_HOW_TO = (
    "- **In the book**, each activity works in the page: answer it, then press its **Check** "
    "button.\n"
    "- **In Jupyter**, run the notebook first: *Run All Cells* from the *Run* menu, or "
    "**Shift + Enter** on each cell. Until its cell has run, an activity says so, and its "
    "**Answers and reasons** still opens.\n"
    "- You never need to write code: click and type. Nothing you type leaves your computer.")
# Cell tags for Jupyter Book: engine-only code is not shown in the book, only what it makes.
SETUP_TAGS = ["remove-cell"]
EXERCISE_TAGS = ["remove-input"]


def _notebook(unit_id: str, title: str, repository: str) -> str:
    """A unit notebook that runs cleanly as it is: its committed state is its true output."""
    intro = (f"# {title}: exercises\n\nThis notebook goes with the unit *{title}*.\n\n"
             f"{NOTEBOOK_HOW_TO}")
    cells = [
        {"cell_type": "markdown", "id": "intro", "metadata": {}, "source": intro},
        {"cell_type": "code", "id": "setup", "execution_count": 1,
         "metadata": {"tags": SETUP_TAGS}, "outputs": [], "source": setup_cell(repository)},
    ]
    notebook = {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": KERNEL_DISPLAY_NAME, "language": "python",
                           "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"
