"""The one shape every checker reports in: ``file:line: field: message``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

PathPart = str | int
SYMLINK = "is a symbolic link, which is not read; commit the file itself instead"


@dataclass(frozen=True, order=True)
class Problem:
    """A fault in a source file, located well enough for a person to fix it."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


def format_path(path: Sequence[PathPart]) -> str:
    """Render a data path as people write it: ``unit.learning_outcomes[2].nmc``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top)"


def report(problems: Iterable[Problem]) -> str:
    """All problems, sorted by file and line, one per line."""
    return "\n".join(str(p) for p in sorted(problems))


def read_source(path: Path, file: str) -> tuple[str | None, list[Problem]]:
    """The text of ``path``, or a problem saying why it cannot be read as UTF-8.

    A symbolic link is never followed: it could point anywhere outside the repository.
    """
    if path.is_symlink():
        return None, [Problem(file, 1, "file", SYMLINK)]
    try:
        return path.read_text(encoding="utf-8"), []
    except UnicodeDecodeError as err:
        line = path.read_bytes()[: err.start].count(b"\n") + 1
        return None, [Problem(file, line, "encoding", "is not UTF-8 text; save the file as "
                              "UTF-8")]
    except OSError as err:
        return None, [Problem(file, 1, "file", f"cannot be read: {err.strerror}")]
