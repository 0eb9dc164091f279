"""Check that a committed notebook is well formed and carries the outputs the book renders."""

from __future__ import annotations

import json
import re
from pathlib import Path

from .problems import Problem, read_source

_ROLE = re.compile(r"\{([a-z][a-z:-]*)\}`")
KERNEL_DISPLAY_NAME = "Python 3 (ipykernel)"  # what ipykernel's own kernelspec calls itself


SETUP_CELL = """import sys

try:
    import coproduction_edu
except ModuleNotFoundError:  # JupyterLite, Colab or a downloaded notebook: install it
    if sys.platform == "emscripten":  # JupyterLite, in the browser: the site's own copy
        %pip install coproduction-edu
    else:
        %pip install "coproduction-edu @ git+{repository}"
    import coproduction_edu"""


def setup_cell(repository: str) -> str:
    """The first code cell of every notebook: the package, installed first where it is missing.

    In the project's own environment it only imports; in JupyterLite it installs the wheel the
    site ships, and anywhere else (Colab, a downloaded notebook) from the repository.
    """
    return SETUP_CELL.format(repository=repository)


def check_notebook(path: Path, file: str, repository: str | None = None) -> list[Problem]:
    """Problems with the notebook at ``path`` (shown as ``file`` in messages); with a
    ``repository``, its first code cell must be ``setup_cell(repository)``."""
    text, unreadable = read_source(path, file)
    if text is None:
        return unreadable
    try:
        notebook = json.loads(text)
    except json.JSONDecodeError as err:
        return [Problem(file, err.lineno, "json", f"not valid JSON: {err.msg}")]
    if not isinstance(notebook, dict) or notebook.get("nbformat") != 4:
        return [Problem(file, 1, "nbformat", "expected a version 4 Jupyter notebook")]
    problems = []
    kernelspec = notebook.get("metadata", {}).get("kernelspec", {})
    kernel = kernelspec.get("name")
    if kernel != "python3":
        problems.append(Problem(file, 1, "metadata.kernelspec.name",
                                f"is {kernel!r}; expected 'python3' so the notebook runs anywhere"))
    shown = kernelspec.get("display_name")
    if shown != KERNEL_DISPLAY_NAME:
        problems.append(Problem(file, 1, "metadata.kernelspec.display_name",
                                f"is {shown!r}; expected {KERNEL_DISPLAY_NAME!r}, as ipykernel "
                                "writes it, or JupyterLab marks the notebook changed on open"))
    cell_lines = _cell_lines(text)
    cells = notebook.get("cells")
    if not isinstance(cells, list) or not cells:
        return [*problems, Problem(file, 1, "cells", "the notebook has no cells")]
    code = [index for index, cell in enumerate(cells) if cell.get("cell_type") == "code"]
    if repository and code:
        first = cells[code[0]]
        source = first.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        if source != setup_cell(repository):
            line = cell_lines[code[0]] if code[0] < len(cell_lines) else 1
            problems.append(Problem(file, line, f"cells[{code[0]}]", "the first code cell must "
                                    "be the set-up cell that installs the package where it is "
                                    "missing, exactly as 'coproduction-edu new-unit' writes it "
                                    f"for {repository}"))
    for index, cell in enumerate(cells):
        line = cell_lines[index] if index < len(cell_lines) else 1
        where = f"cells[{index}]"
        if cell.get("cell_type") == "markdown":
            source = "".join(cell.get("source", []))
            for role in sorted(set(_ROLE.findall(source))):
                problems.append(Problem(file, line, where, f"uses the MyST role {{{role}}}, "
                                        "which JupyterLab shows as raw text; write the "
                                        "citation or term in plain words"))
            continue
        if cell.get("cell_type") != "code":
            continue
        if cell.get("execution_count") is None:
            problems.append(Problem(file, line, where, "has not been run; run 'make notebooks' "
                                    "so the committed outputs are what the code produces"))
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                name = output.get("ename", "an error")
                problems.append(Problem(file, line, where, f"its output is {name}; the cell "
                                        "must run without errors"))
    return problems


def _cell_lines(text: str) -> list[int]:
    """The line where each cell starts, found by its ``"cell_type"`` key."""
    return [number for number, line in enumerate(text.splitlines(), start=1)
            if line.strip().startswith('"cell_type"')]
