"""``coproduction-edu check``: every unit, notebook and toc entry of a book, in one pass."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from .book_config import repository_url
from .notebooks import check_notebook
from .problems import Problem, read_source
from .toc import (
    EDUCATORS_CAPTION,
    FACILITATOR_PAGE,
    TOC_FILE,
    load_toc,
    part_caption,
    source_of,
    toc_entries,
)
from .units import UnitCheck, check_unit_source

UNITS_DIR = "book/units"
EXERCISES_DIR = "exercises"


def check_repository(root: Path) -> list[Problem]:
    """All problems in the book at ``root``; an empty list means it is ready to build."""
    toc = load_toc(root)
    repository, problems = repository_url(root)
    problems += toc.problems
    entries = list(toc_entries(toc)) if toc.data else []
    listed: dict[str, int] = {}
    for entry in entries:
        if entry.docname in listed:
            problems.append(Problem(TOC_FILE, entry.line, entry.field,
                                    f"{entry.docname!r} is already listed on line "
                                    f"{listed[entry.docname]}; list each page once"))
            continue
        listed[entry.docname] = entry.line
        if FACILITATOR_PAGE.match(entry.docname) and part_caption(toc, entry) != \
                EDUCATORS_CAPTION:
            problems.append(Problem(TOC_FILE, entry.line, entry.field,
                                    f"{entry.docname!r} holds answers: list it in the "
                                    f"{EDUCATORS_CAPTION!r} part, not where students read on"))
        source = source_of(root, entry.docname)
        if source is None:
            problems.append(Problem(TOC_FILE, entry.line, entry.field,
                                    f"{entry.docname!r} does not exist (looked for .md and "
                                    ".ipynb); fix the path or remove the entry"))
        elif source.suffix == ".ipynb":
            problems += check_notebook(source, _rel(root, source), repository)
        else:
            problems += _language_problems(source, _rel(root, source))
    units = _check_units(root)
    for unit in units:
        problems += unit.problems
    problems += _number_clashes(units)
    problems += _unit_pages_listed(root, units, listed)
    problems += _stray_notebooks(root, listed)
    problems += _content_problems(root)
    return sorted(set(problems))


def unit_folders(root: Path) -> list[Path]:
    """The unit folders under ``book/units``, in name order."""
    base = root / UNITS_DIR
    return sorted(p for p in base.iterdir() if p.is_dir()) if base.is_dir() else []


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _check_units(root: Path) -> list[UnitCheck]:
    results = []
    for folder in unit_folders(root):
        index = folder / "index.md"
        file = _rel(root, index)
        if not index.is_file():
            results.append(UnitCheck(file, None, None, [Problem(
                file, 1, "file", "missing; every unit folder needs an index.md")]))
            continue
        text, unreadable = read_source(index, file)
        if text is None:
            results.append(UnitCheck(file, None, None, unreadable))
            continue
        results.append(check_unit_source(text, file, folder.name))
    return results


def _number_clashes(units: list[UnitCheck]) -> list[Problem]:
    by_number: dict[int, list[UnitCheck]] = defaultdict(list)
    by_id: dict[str, list[UnitCheck]] = defaultdict(list)
    for unit in units:
        if unit.unit:
            by_number[unit.unit["number"]].append(unit)
            by_id[unit.unit["id"]].append(unit)
    problems = []
    for groups, key in ((by_number, "number"), (by_id, "id")):
        for value, same in groups.items():
            for unit in same[1:]:
                problems.append(Problem(unit.file, unit.line_of(key), f"unit.{key}",
                                        f"{value} is also used by {same[0].file}; "
                                        "each unit needs its own"))
    return problems


def _unit_pages_listed(root: Path, units: list[UnitCheck], listed: dict[str, int]) -> list[Problem]:
    """Each unit's index, facilitator page and notebook must exist and be in the toc."""
    problems = []
    for unit in units:
        folder = Path(unit.file).parent.as_posix()
        wanted = {
            f"{folder}/index": "the unit page",
            f"{folder}/facilitator": "the facilitator page",
            f"{EXERCISES_DIR}/{Path(folder).name}": "the unit's notebook",
        }
        for docname, what in wanted.items():
            if source_of(root, docname) is None:
                problems.append(Problem(unit.file, 1, "unit", f"{what} {docname} does not "
                                        "exist; 'coproduction-edu new-unit' creates it"))
            elif docname not in listed:
                problems.append(Problem(unit.file, 1, "unit", f"{what} {docname} is not in "
                                        f"{TOC_FILE}; add it so the book shows it"))
    return problems


def _stray_notebooks(root: Path, listed: dict[str, int]) -> list[Problem]:
    problems = []
    for notebook in sorted((root / EXERCISES_DIR).glob("*.ipynb")):
        docname = _rel(root, notebook.with_suffix(""))
        if docname not in listed:
            problems.append(Problem(_rel(root, notebook), 1, "file", f"not in {TOC_FILE}; "
                                    "every notebook in exercises/ must be in the book"))
    return problems


def _language_problems(path: Path, file: str) -> list[Problem]:
    """Stigmatising or deficit language in a book page; {discussed}`...` terms are skipped."""
    from .language import check_page

    text, unreadable = read_source(path, file)
    if text is None:
        return unreadable
    try:
        found_all = check_page(text)
    except ValueError as err:  # the rules themselves are broken
        return [Problem("coproduction_edu/content/language.yaml", 1, "rules", str(err))]
    return [Problem(file, text.count("\n", 0, found.start) + 1, "language",
                    f"“{found.matched}”: try {found.suggestion}. {found.reason} ({found.source})")
            for found in found_all]


def content_folder(root: Path) -> Path:
    """The book's exercise content: its own ``coproduction_edu/content``, else the package's."""
    from .engine.content import content_dir

    folder = root / "coproduction_edu" / "content"
    return folder if folder.is_dir() else content_dir()


def _content_problems(root: Path) -> list[Problem]:
    from .engine.content import check_content

    folder = content_folder(root)
    try:
        label = folder.relative_to(root).as_posix()
    except ValueError:
        label = folder.as_posix()
    return check_content(folder, label)
