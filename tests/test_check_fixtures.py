"""``coproduction-edu check`` passes on the repository and locates every fault it finds."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from coproduction_edu.cli import main
from coproduction_edu.scaffold import dump_toc, new_unit

from .conftest import FIXTURES, ROOT

UNIT_FIXTURES = FIXTURES / "units"
EXPECTED = yaml.safe_load((UNIT_FIXTURES / "expected.yaml").read_text())
UNIT_FILE = "book/units/18-fixture/index.md"


def run_check(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["check", "--root", str(root)])
    return code, capsys.readouterr().out


def test_repository_passes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run_check(ROOT, capsys)
    assert code == 0, out
    assert "valid" in out


def test_every_fixture_has_an_expectation() -> None:
    names = {path.stem for path in UNIT_FIXTURES.glob("*.md")}
    assert names == set(EXPECTED)
    assert len(names) >= 12


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_malformed_unit_is_reported(name: str, book_copy: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    new_unit(book_copy, "18-fixture", "A unit used by the tests", author="Test Author")
    shutil.copy(UNIT_FIXTURES / f"{name}.md", book_copy / UNIT_FILE)
    code, out = run_check(book_copy, capsys)
    line, field, fragment = EXPECTED[name]
    prefix = f"{UNIT_FILE}:{line}: {field}: "
    matching = [row for row in out.splitlines() if row.startswith(prefix)]
    assert code == 1
    assert matching, f"no line starts with {prefix!r} in:\n{out}"
    assert any(fragment in row for row in matching), out


def _toc(root: Path) -> dict:
    return yaml.safe_load((root / "_toc.yml").read_text())


def _write_toc(root: Path, toc: dict) -> None:
    (root / "_toc.yml").write_text(dump_toc(toc))


def _line_of(root: Path, text: str) -> int:
    lines = (root / "_toc.yml").read_text().splitlines()
    return next(i for i, row in enumerate(lines, start=1) if text in row)


def _toc_missing_file(root: Path) -> str:
    toc = _toc(root)
    chapters = toc["parts"][0]["chapters"]
    chapters.append({"file": "book/units/nope/index"})
    _write_toc(root, toc)
    where = f"parts[0].chapters[{len(chapters) - 1}].file"
    return (f"_toc.yml:{_line_of(root, 'book/units/nope/index')}: {where}: "
            "'book/units/nope/index' does not exist")


def _toc_duplicate(root: Path) -> str:
    toc = _toc(root)
    last = toc["parts"][-1]["chapters"]
    last.append({"file": "book/glossary"})
    _write_toc(root, toc)
    rows = (root / "_toc.yml").read_text().splitlines()
    line = len(rows) - rows[::-1].index("  - file: book/glossary")
    where = f"parts[{len(toc['parts']) - 1}].chapters[{len(last) - 1}].file"
    return f"_toc.yml:{line}: {where}: 'book/glossary' is already listed"


def _toc_not_yaml(root: Path) -> str:
    (root / "_toc.yml").write_text("format: jb-book\nroot: [book/index\n")
    return "_toc.yml:3: yaml: not valid YAML"


def _notebook(root: Path) -> tuple[Path, dict]:
    path = root / "exercises" / "00-try-the-exercises.ipynb"
    return path, json.loads(path.read_text())


CELL = 3  # the first code cell with an output (the quiz)


def _code_cell_line(path: Path) -> int:
    lines = path.read_text().splitlines()
    starts = [i for i, row in enumerate(lines, start=1) if row.strip().startswith('"cell_type"')]
    return starts[CELL]


def _notebook_not_run(root: Path) -> str:
    path, notebook = _notebook(root)
    notebook["cells"][CELL]["execution_count"] = None
    path.write_text(json.dumps(notebook, indent=1))
    line = _code_cell_line(path)
    return f"exercises/00-try-the-exercises.ipynb:{line}: cells[{CELL}]: has not been run"


def _notebook_error_output(root: Path) -> str:
    path, notebook = _notebook(root)
    notebook["cells"][CELL]["outputs"] = [{"output_type": "error", "ename": "NameError",
                                        "evalue": "x", "traceback": []}]
    path.write_text(json.dumps(notebook, indent=1))
    line = _code_cell_line(path)
    return f"exercises/00-try-the-exercises.ipynb:{line}: cells[{CELL}]: its output is NameError"


def _notebook_myst_role(root: Path) -> str:
    path, notebook = _notebook(root)
    notebook["cells"][0]["source"] = "See {cite:p}`montgomery2015`."
    path.write_text(json.dumps(notebook, indent=1))
    return ("exercises/00-try-the-exercises.ipynb:4: cells[0]: uses the MyST role {cite:p}, "
            "which JupyterLab shows as raw text")


def _notebook_not_json(root: Path) -> str:
    path, _ = _notebook(root)
    path.write_text('{\n "cells": [,\n}\n')
    return "exercises/00-try-the-exercises.ipynb:2: json: not valid JSON"


def _notebook_wrong_kernel(root: Path) -> str:
    path, notebook = _notebook(root)
    notebook["metadata"]["kernelspec"]["name"] = "ir"
    path.write_text(json.dumps(notebook, indent=1))
    return "exercises/00-try-the-exercises.ipynb:1: metadata.kernelspec.name: is 'ir'"


def _stray_notebook(root: Path) -> str:
    path, _ = _notebook(root)
    shutil.copy(path, root / "exercises" / "99-stray.ipynb")
    return "exercises/99-stray.ipynb:1: file: not in _toc.yml"


def _unit_not_in_toc(root: Path) -> str:
    new_unit(root, "18-fixture", "A unit used by the tests", author="Test Author")
    toc = _toc(root)
    toc["parts"][0]["chapters"] = toc["parts"][0]["chapters"][:1]
    _write_toc(root, toc)
    return f"{UNIT_FILE}:1: unit: the unit page book/units/18-fixture/index is not in _toc.yml"


def _missing_facilitator(root: Path) -> str:
    new_unit(root, "18-fixture", "A unit used by the tests", author="Test Author")
    (root / "book/units/18-fixture/facilitator.md").unlink()
    return (f"{UNIT_FILE}:1: unit: the facilitator page book/units/18-fixture/facilitator "
            "does not exist")


def _duplicate_number(root: Path) -> str:
    new_unit(root, "18-fixture", "A unit used by the tests", author="Test Author")
    copy = root / "book/units/18-copy"
    shutil.copytree(root / "book/units/18-fixture", copy)
    index = copy / "index.md"
    index.write_text(index.read_text().replace("id: 18-fixture", "id: 18-copy"))
    return "book/units/18-fixture/index.md:4: unit.number: 18 is also used by book/units/18-copy"


def _not_utf8(root: Path) -> str:
    new_unit(root, "18-fixture", "A unit used by the tests", author="Test Author")
    (root / UNIT_FILE).write_bytes(b"---\nunit:\n  title: caf\xe9\n---\n")
    return f"{UNIT_FILE}:3: encoding: is not UTF-8 text"


def _stigmatising_language(root: Path) -> str:
    page = root / "book/glossary.md"
    lines = page.read_text().splitlines()
    page.write_text("\n".join([*lines, "", "He was described as non-compliant.", ""]))
    return f"book/glossary.md:{len(lines) + 2}: language: “non-compliant”: try"


def _bad_exercise_content(root: Path) -> str:
    folder = root / "coproduction_edu/content"
    folder.mkdir(parents=True)
    shutil.copy(FIXTURES / "content/broken-link.yaml", folder / "01-fixture.yaml")
    return ("coproduction_edu/content/01-fixture.yaml:45: exercises[2].nodes[0].choices[0].next: "
            "node 'begin': choice 'go' leads to 'finish'")


REPOSITORY_FAULTS: dict[str, Callable[[Path], str]] = {
    fault.__name__.strip("_"): fault for fault in (
        _toc_missing_file, _toc_duplicate, _toc_not_yaml, _notebook_not_run,
        _notebook_error_output, _notebook_not_json, _notebook_myst_role,
        _notebook_wrong_kernel, _stray_notebook,
        _unit_not_in_toc, _missing_facilitator, _duplicate_number, _not_utf8,
        _stigmatising_language, _bad_exercise_content)
}


@pytest.mark.parametrize("fault", sorted(REPOSITORY_FAULTS))
def test_repository_fault_is_reported(fault: str, book_copy: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    expected = REPOSITORY_FAULTS[fault](book_copy)
    code, out = run_check(book_copy, capsys)
    assert code == 1
    assert any(row.startswith(expected) for row in out.splitlines()), out


def test_command_line_reports_in_words_not_tracebacks(book_copy: Path) -> None:
    _not_utf8(book_copy)
    _notebook_not_json(book_copy)
    result = subprocess.run([sys.executable, "-m", "coproduction_edu", "check", "--root",
                             str(book_copy)], capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert "2 problems found" in result.stderr


def test_a_discussed_term_is_not_flagged(book_copy: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    page = book_copy / "book/glossary.md"
    page.write_text(page.read_text() + "\nWe avoid the word {discussed}`non-compliant`.\n")
    code, out = run_check(book_copy, capsys)
    assert code == 0, out
