"""``make notebooks``: re-run notebooks in place so their committed outputs are today's.

Usage: ``python -m coproduction_edu.execute exercises/*.ipynb``, from the book's folder. Each
notebook's first code cell is set to install the package from ``repository.url`` in
``_config.yml`` (so a fork changes that one line and runs ``make notebooks``). Timing metadata is
not recorded, so a notebook whose outputs have not changed is written back byte for byte.
"""

from __future__ import annotations

import sys
from pathlib import Path


def execute(path: Path, repository: str | None = None) -> None:
    """Run every cell of the notebook at ``path`` with a fresh kernel and save it; with a
    ``repository``, first make its first code cell the set-up cell that installs from there."""
    import nbformat
    from nbclient import NotebookClient

    from .notebooks import setup_cell

    notebook = nbformat.read(path, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    if repository and code:
        code[0].source = setup_cell(repository)
    NotebookClient(notebook, timeout=300, kernel_name="python3", record_timing=False,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    nbformat.write(notebook, path)


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: python -m coproduction_edu.execute NOTEBOOK.ipynb ...", file=sys.stderr)
        return 2
    from .book_config import repository_url

    repository, problems = repository_url(Path.cwd())
    for problem in problems:
        print(f"note: {problem}; the notebooks' set-up cells are left as they are",
              file=sys.stderr)
    for name in argv:
        print(f"executing {name}")
        execute(Path(name), repository)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
