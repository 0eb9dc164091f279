"""What the Pyodide kernel expects: its labextension, its Pyodide version, its start-up wheels."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from . import LiteError

KERNEL_EXTENSION = "@jupyterlite/pyodide-kernel-extension"
INSTALL_LITE = "install them with: .venv/bin/pip install -c constraints.txt -e '.[lite]'"
INSTALL_NPM = "run: npm ci --ignore-scripts"
# In the kernel's worker: the packages it loads from Pyodide's lock file, then the ones it
# installs with piplite, before the first cell runs.
LOADED = re.compile(r"loadPackage\(\[(\"[^\]]*)\]\)")
INSTALLED = re.compile(r"for\(let \w+ of(\[[^\]]*\"pyodide-kernel\"[^\]]*\])")


@dataclass(frozen=True)
class Kernel:
    """The installed jupyterlite-pyodide-kernel, as far as the build needs to know it."""

    version: str
    extension: Path  # its labextension folder, which JupyterLite copies into the site
    pyodide_version: str  # the Pyodide release it was built and tested with
    startup: tuple[str, ...]  # what its worker loads or installs before the first cell
    bundled: tuple[Path, ...]  # the wheels it ships in its own piplite index


def find_kernel() -> Kernel:
    """The installed kernel; fail with what to install if jupyterlite is missing."""
    try:
        import jupyterlite_core  # noqa: F401
        from jupyter_core.paths import jupyter_path
        from jupyterlite_pyodide_kernel import __version__
        from jupyterlite_pyodide_kernel.constants import PYODIDE_VERSION
    except ImportError as error:
        raise LiteError(f"jupyterlite is not installed ({error.name}); {INSTALL_LITE}") from None
    folders = [Path(p) / KERNEL_EXTENSION for p in jupyter_path("labextensions")]
    extension = next((f for f in folders if (f / "package.json").is_file()), None)
    if extension is None:
        raise LiteError(f"the labextension {KERNEL_EXTENSION} is not installed; {INSTALL_LITE}")
    return Kernel(__version__, extension, PYODIDE_VERSION, _startup(extension),
                  tuple(sorted((extension / "static" / "pypi").glob("*.whl"))))


def _startup(extension: Path) -> tuple[str, ...]:
    """Read the worker's start-up packages, so a new kernel release cannot add one unseen."""
    for worker in sorted((extension / "static").glob("*.worker.*.js")):
        text = worker.read_text(encoding="utf-8")
        loaded, installed = LOADED.search(text), INSTALLED.search(text)
        if loaded and installed:
            return tuple(json.loads(f"[{loaded[1]}]") + json.loads(installed[1]))
    raise LiteError(f"cannot find the start-up packages in the worker of {extension}: "
                    "this version of jupyterlite-pyodide-kernel is not one the build knows")


def find_pyodide(root: Path, version: str) -> Path:
    """``node_modules/pyodide``, checked to be the release the kernel expects."""
    folder = root / "node_modules" / "pyodide"
    try:
        found = json.loads((folder / "package.json").read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        raise LiteError(f"npm package pyodide not installed in {folder.parent}; "
                        f"{INSTALL_NPM}") from None
    if found != version:
        raise LiteError(f"npm package pyodide is {found}, but the kernel expects {version}: "
                        f"pin pyodide@{version} in package.json, then {INSTALL_NPM}")
    for name in ("pyodide.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"):
        if not (folder / name).is_file():
            raise LiteError(f"npm package pyodide lacks {name}; {INSTALL_NPM}")
    return folder
