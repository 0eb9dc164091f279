"""Read ``_toc.yml`` and list the files it names, with the line of each entry."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .problems import Problem, format_path, read_source
from .sourcemap import Located, load_yaml

TOC_FILE = "_toc.yml"
# Facilitator pages hold the answers: they live in the unit's folder but in the educators'
# part of the toc, so a student reading on with Next goes from unit to unit, never to them.
EDUCATORS_CAPTION = "For educators"
FACILITATOR_PAGE = re.compile(r"^book/units/[^/]+/facilitator$")
SOURCE_SUFFIXES = (".md", ".ipynb")


@dataclass(frozen=True)
class TocEntry:
    """One ``file:`` entry of the table of contents."""

    docname: str
    line: int
    field: str


def load_toc(root: Path) -> Located:
    """The parsed ``_toc.yml`` of the book at ``root``, with positions and YAML problems."""
    path = root / TOC_FILE
    if not path.is_file():
        located = Located(data=None)
        located.problems.append(Problem(TOC_FILE, 1, "file", "missing; the book needs a toc"))
        return located
    text, unreadable = read_source(path, TOC_FILE)
    if text is None:
        located = Located(data=None)
        located.problems += unreadable
        return located
    located = load_yaml(text, TOC_FILE)
    if located.data is not None and not isinstance(located.data, dict):
        located.problems.append(Problem(TOC_FILE, 1, "(top)", "expected a mapping with "
                                        "'format', 'root' and 'parts'"))
        located.data = None
    return located


def toc_entries(located: Located) -> Iterator[TocEntry]:
    """Every document the toc names, the root first, in reading order."""
    yield from _walk(located.data, (), located)


def _walk(node: Any, path: tuple, located: Located) -> Iterator[TocEntry]:
    if isinstance(node, dict):
        for key in ("root", "file"):
            if isinstance(node.get(key), str):
                where = (*path, key)
                yield TocEntry(node[key], located.line_of(where), format_path(where))
        for key in ("parts", "chapters", "sections"):
            for index, child in enumerate(node.get(key) or []):
                yield from _walk(child, (*path, key, index), located)


def source_of(root: Path, docname: str) -> Path | None:
    """The source file for ``docname`` (``.md`` or ``.ipynb``), if it exists."""
    for suffix in SOURCE_SUFFIXES:
        candidate = root / f"{docname}{suffix}"
        if candidate.is_file():
            return candidate
    return root / docname if (root / docname).is_file() else None


def part_caption(located: Located, entry: TocEntry) -> str | None:
    """The caption of the toc part that ``entry`` sits in, if it is in a part."""
    match = re.match(r"^parts\[(\d+)\]", entry.field)
    if not match or not isinstance(located.data, dict):
        return None
    part = (located.data.get("parts") or [])[int(match[1])]
    return part.get("caption") if isinstance(part, dict) else None
