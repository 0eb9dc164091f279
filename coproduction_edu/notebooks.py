"""Check that a committed notebook is well formed and carries the outputs the book renders."""

from __future__ import annotations

import json
import re
from pathlib import Path

from .problems import Problem, read_source

_ROLE = re.compile(r"\{([a-z][a-z:-]*)\}`")
KERNEL_DISPLAY_NAME = "Python 3 (ipykernel)"  # what ipykernel's own kernelspec calls itself


def check_notebook(path: Path, file: str) -> list[Problem]:
    """Problems with the notebook at ``path`` (shown as ``file`` in messages)."""
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
