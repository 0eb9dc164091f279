"""The student edition: the same book without the facilitator pages and the educators' part.

Its table of contents and configuration are derived from the book's own ``_toc.yml`` and
``_config.yml`` each time it is built, so the two editions never drift. Build it with
``make book-student`` or ``python -m coproduction_edu.edition``; the HTML goes to
``_build/student/_build/html``.
"""

from __future__ import annotations

import argparse
import copy
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from .toc import EDUCATORS_CAPTION, FACILITATOR_PAGE, TOC_FILE

CONFIG_FILE = "_config.yml"
OUTPUT = Path("_build") / "student"
EDUCATORS_PAGE = re.compile(r"^book/educators(/|$)")
# Sphinx configuration value that tells the book's extension which edition it is building.
EDITION_SETTING = "coproduction_edition"


def for_educators(docname: str) -> bool:
    """Whether ``docname`` is a page only the educators' edition has."""
    return bool(FACILITATOR_PAGE.match(docname) or EDUCATORS_PAGE.match(docname))


def student_toc(toc: dict[str, Any]) -> dict[str, Any]:
    """``toc`` without the educators' part and without any page for educators."""
    result = copy.deepcopy(toc)
    parts = [p for p in result.get("parts") or [] if p.get("caption") != EDUCATORS_CAPTION]
    for part in parts:
        part["chapters"] = _without_educators(part.get("chapters") or [])
    result["parts"] = [p for p in parts if p["chapters"]]
    return result


def _without_educators(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    kept = []
    for entry in entries:
        if isinstance(entry.get("file"), str) and for_educators(entry["file"]):
            continue
        if entry.get("sections"):
            entry["sections"] = _without_educators(entry["sections"])
            if not entry["sections"]:
                del entry["sections"]
        kept.append(entry)
    return kept


def student_config(config: dict[str, Any]) -> dict[str, Any]:
    """``config`` for the student edition: the same book, told which edition it is."""
    result = copy.deepcopy(config)
    sphinx = result.setdefault("sphinx", {}) or {}
    result["sphinx"] = sphinx
    sphinx.setdefault("config", {})[EDITION_SETTING] = "student"
    return result


def write_sources(root: Path, out: Path) -> tuple[Path, Path]:
    """Write the student edition's toc and config under ``out``; return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    toc = yaml.safe_load((root / TOC_FILE).read_text(encoding="utf-8"))
    config = yaml.safe_load((root / CONFIG_FILE).read_text(encoding="utf-8"))
    toc_path, config_path = out / TOC_FILE, out / CONFIG_FILE
    toc_path.write_text(_generated(student_toc(toc)), encoding="utf-8")
    config_path.write_text(_generated(student_config(config)), encoding="utf-8")
    return toc_path, config_path


def _generated(data: dict[str, Any]) -> str:
    return ("# Written by coproduction_edu.edition from the book's own file; edit that one.\n"
            + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100))


def build(root: Path, out: Path, strict: bool = True) -> int:
    """Build the student edition of the book at ``root`` into ``out/_build/html``."""
    toc_path, config_path = write_sources(root, out)
    command = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(root),
               "--toc", str(toc_path), "--config", str(config_path),
               "--path-output", str(out)]
    if strict:
        command += ["-W", "-n", "--keep-going"]
    return subprocess.run(command, check=False).returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the student edition of the book.")
    parser.add_argument("--root", type=Path, default=Path("."), help="the book's folder")
    parser.add_argument("--out", type=Path, default=None,
                        help="where to build it (default: ROOT/_build/student)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    return build(root, (args.out or root / OUTPUT).resolve())


if __name__ == "__main__":
    sys.exit(main())
