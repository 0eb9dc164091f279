"""Find the YAML front matter at the top of a MyST Markdown page."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FrontMatter:
    """The YAML text between the opening and closing ``---`` and the line it starts on."""

    text: str
    first_line: int
    end_line: int


def split_front_matter(source: str) -> FrontMatter | None:
    """Return the front matter of ``source``, or ``None`` if the page has none."""
    lines = source.splitlines()
    if not lines or lines[0].strip() != "---":
        return None
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            return FrontMatter("\n".join(lines[1:index]) + "\n", first_line=2, end_line=index + 1)
    return None
