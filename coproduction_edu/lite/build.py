"""The whole lite build: check the tools, gather the wheels, build the site, verify it."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

from . import LiteError
from .kernel import find_kernel, find_pyodide
from .site import build, project, verify
from .wheels import Wheel, build_package, lock_wheels, pyodide_lock, read_lock, read_pins, resolve

SOURCE = ("pyproject.toml", "README.md", "coproduction_edu")


def _say(message: str) -> None:
    print(message, flush=True)


def build_site(root: Path, output: Path, cache: Path, work: Path | None = None,
               log: Callable[[str], None] = _say) -> Path:
    """Build the lite site for the checkout at ``root`` into ``output``; return ``output``.

    ``cache`` keeps the downloaded wheels between builds; ``work`` (``cache/work`` unless
    given) holds what each build writes afresh.
    """
    work = work or cache / "work"
    started = time.monotonic()
    kernel = find_kernel()
    pyodide = find_pyodide(root, kernel.pyodide_version)
    notebooks = sorted((root / "exercises").glob("*.ipynb"))
    if not notebooks:
        raise LiteError(f"no notebooks in {root / 'exercises'}")
    check_recorded(root / "coproduction_edu" / "content")
    log(f"lite: jupyterlite-pyodide-kernel {kernel.version}, Pyodide {kernel.pyodide_version}")
    package = build_package(_source_copy(root, work / "source"), work / "package")
    lock = read_lock(pyodide)
    bundled = [Wheel.read(path) for path in kernel.bundled]
    plan = resolve([*kernel.startup, "piplite"], lock, bundled, [package],
                   read_pins(root / "constraints.txt"), cache)
    wheels = lock_wheels(plan, lock, cache)
    log(f"lite: {len(wheels)} wheels from Pyodide's lock file, "
        f"{len(plan.index)} in the site's index: {', '.join(sorted(plan.index))}")
    project(work / "site", notebooks, pyodide, pyodide_lock(lock, plan, wheels), wheels, plan,
            kernel, work / "jupyterlite")
    build(work / "site", output)
    verify(output, notebooks)
    log(f"lite: built {output} in {time.monotonic() - started:.0f} s")
    return output


def check_recorded(content: Path) -> None:
    """The browser has no schema validator: each content file must be recorded as checked."""
    from ..engine.content import content_files, fingerprint, recorded

    known = recorded(content)
    stale = [p.name for p in content_files(content)
             if known.get(p.name) != fingerprint(p.read_text(encoding="utf-8"))]
    if stale:
        raise LiteError(f"{', '.join(stale)} not recorded as checked, so the browser would need "
                        "jsonschema to load it: run coproduction-edu check --record")


def _source_copy(root: Path, folder: Path) -> Path:
    """The files a wheel is built from, copied, so the build writes nothing in the checkout."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in [*SOURCE, *(p.name for p in root.glob("LICENSE*"))]:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, folder / name, ignore=ignore)
        elif source.is_file():
            shutil.copy2(source, folder / name)
        else:
            raise LiteError(f"{source} is missing")
    return folder
