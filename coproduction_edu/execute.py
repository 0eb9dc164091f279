"""``make notebooks``: re-run notebooks in place so their committed outputs are today's.

Usage: ``python -m coproduction_edu.execute exercises/*.ipynb``. Timing metadata is not
recorded, so a notebook whose outputs have not changed is written back byte for byte.
"""

from __future__ import annotations

import sys
from pathlib import Path


def execute(path: Path) -> None:
    """Run every cell of the notebook at ``path`` with a fresh kernel and save it."""
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3", record_timing=False,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    nbformat.write(notebook, path)


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: python -m coproduction_edu.execute NOTEBOOK.ipynb ...", file=sys.stderr)
        return 2
    for name in argv:
        print(f"executing {name}")
        execute(Path(name))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
