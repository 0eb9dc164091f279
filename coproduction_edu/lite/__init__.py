"""The book's notebooks in the browser: a JupyterLite site built from the registries alone.

``make lite`` runs ``python -m coproduction_edu.lite``, which builds the site into
``_build/html/lite/`` from pinned packages only: jupyterlite-core and
jupyterlite-pyodide-kernel from PyPI, Pyodide's runtime from the npm package ``pyodide``, and
the pure-Python wheels the kernel and this package need, downloaded from PyPI. Pyodide's own
lock file is rewritten to list only those wheels, and the kernel is told never to reach
PyPI, so a page of the site requests nothing from any host but the one serving it.
"""

from __future__ import annotations


class LiteError(Exception):
    """Something the build needs is missing or wrong; the message says what to do."""


__all__ = ["LiteError"]
