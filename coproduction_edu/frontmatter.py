"""Find the YAML front matter at the top of a MyST Markdown page."""

from __future__ import annotations

from dataclasses import dataclass

BOM = "\ufeff"


@dataclass(frozen=True)
class FrontMatter:
    """The YAML text between the opening and closing ``---`` and the line it starts on.

    ``closed`` is false when no closing ``---`` was found (``text`` then runs to the end);
    ``second_block`` is the line of a second front matter block that follows this one.
    """

    text: str
    first_line: int
    end_line: int
    closed: bool = True
    second_block: int | None = None


def split_front_matter(source: str) -> FrontMatter | None:
    """Return the front matter of ``source``, or ``None`` if the page has none."""
    lines = source.removeprefix(BOM).splitlines()
    if not lines or lines[0].strip() != "---":
        return None
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            return FrontMatter("\n".join(lines[1:index]) + "\n", first_line=2,
                               end_line=index + 1, second_block=_second_block(lines, index + 1))
    return FrontMatter("\n".join(lines[1:]) + "\n", first_line=2, end_line=len(lines),
                       closed=False)


def _second_block(lines: list[str], start: int) -> int | None:
    """The line of a ``---`` that opens another block straight after the front matter."""
    for index in range(start, len(lines)):
        if lines[index].strip():
            return index + 1 if lines[index].strip() == "---" else None
    return None
