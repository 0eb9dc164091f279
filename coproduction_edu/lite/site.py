"""Assemble a JupyterLite project folder and build it with ``jupyter lite build``."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from . import LiteError
from .kernel import INSTALL_LITE, KERNEL_EXTENSION, Kernel
from .wheels import Plan, Wheel, sha256

APPS = ("lab", "notebooks", "tree")
# The runtime from the npm package; the rest of it (types, consoles, maps) is not served.
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
                 "package.json")
PYODIDE_URL = "./static/pyodide/pyodide.mjs"
BROWSER_KERNEL = {"name": "python", "display_name": "Python (Pyodide)", "language": "python"}


def project(folder: Path, notebooks: list[Path], pyodide: Path, lock: dict[str, Any],
            lock_wheels: list[Wheel], plan: Plan, kernel: Kernel, cache: Path) -> None:
    """Write the JupyterLite project: its config, notebooks, Pyodide and both wheel sets."""
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "files").mkdir(parents=True)
    for notebook in notebooks:
        data = json.loads(notebook.read_text(encoding="utf-8"))
        data.setdefault("metadata", {})["kernelspec"] = BROWSER_KERNEL
        (folder / "files" / notebook.name).write_text(
            json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    static = folder / "static" / "pyodide"
    static.mkdir(parents=True)
    for name in PYODIDE_FILES:
        shutil.copy2(pyodide / name, static / name)
    for wheel in lock_wheels:
        shutil.copy2(wheel.path, static / wheel.path.name)
    (static / "pyodide-lock.json").write_text(json.dumps(lock, indent=1) + "\n",
                                              encoding="utf-8")
    (folder / "pypi").mkdir()
    for wheel in plan.index.values():
        shutil.copy2(wheel.path, folder / "pypi" / wheel.path.name)
    settings = {"pyodideUrl": PYODIDE_URL, "disablePyPIFallback": True}
    _write(folder / "jupyter-lite.json", {
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {
            "appName": "Co-production in mental health nursing: notebooks",
            "litePluginSettings": {f"{KERNEL_EXTENSION}:kernel": settings},
        }})
    _write(folder / "jupyter_lite_config.json", {
        "LiteBuildConfig": {
            "apps": list(APPS),
            "cache_dir": str(cache),
            "contents": ["files"],
            # Only the kernel's labextension, not whatever else this Python has installed.
            "ignore_sys_prefix": True,
            "federated_extensions": [str(kernel.extension)],
            "no_sourcemaps": True,
            "no_unused_shared_packages": True,
        }})


def build(folder: Path, output: Path) -> None:
    """``jupyter lite build`` of the project ``folder`` into ``output`` (replaced)."""
    if output.exists():
        shutil.rmtree(output)
    command = [sys.executable, "-m", "jupyterlite_core", "build", "--lite-dir", str(folder),
               "--output-dir", str(output)]
    result = subprocess.run(command, cwd=folder, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-15:])
        raise LiteError(f"jupyter lite build failed:\n{tail}")
    _add_favicons(output / "static" / "favicons")


def _add_favicons(folder: Path) -> None:
    """The Notebook app's tab icons, which JupyterLite leaves out: jupyter-server's own."""
    try:
        import jupyter_server
    except ImportError:
        raise LiteError("jupyter-server is not installed; " + INSTALL_LITE) from None
    source = Path(jupyter_server.__file__).parent / "static" / "favicons"
    shutil.copytree(source, folder, dirs_exist_ok=True)


def verify(output: Path, notebooks: list[Path]) -> None:
    """Fail unless the site loads Pyodide and every wheel from itself."""
    config = json.loads((output / "jupyter-lite.json").read_text(encoding="utf-8"))
    settings = config["jupyter-config-data"]["litePluginSettings"][f"{KERNEL_EXTENSION}:kernel"]
    if settings.get("pyodideUrl") != PYODIDE_URL or not settings.get("disablePyPIFallback"):
        raise LiteError(f"jupyter-lite.json does not point the kernel at {PYODIDE_URL}")
    static = output / "static" / "pyodide"
    lock = json.loads((static / "pyodide-lock.json").read_text(encoding="utf-8"))
    for entry in lock["packages"].values():
        path = static / entry["file_name"]
        if not path.is_file() or sha256(path) != entry["sha256"]:
            raise LiteError(f"the site's pyodide-lock.json lists {path.name}, not in the site")
    for url in settings.get("pipliteUrls", []):
        if not url.startswith("./") or not (output / url.split("?")[0]).is_file():
            raise LiteError(f"jupyter-lite.json lists a wheel index not in the site: {url}")
    for notebook in notebooks:
        if not (output / "files" / notebook.name).is_file():
            raise LiteError(f"the site lacks {notebook.name}")


def _write(path: Path, data: dict[str, Any]) -> None:
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
