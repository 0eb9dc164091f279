"""Files the extension writes beside the built book (review packs, the GIFT bank): each is
rewritten only when something it is made from is newer, so a rebuild with nothing changed
writes nothing."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

CODE = Path(__file__).resolve().parents[1]


def up_to_date(target: Path, sources: Iterable[Path]) -> bool:
    """Whether ``target`` exists and is at least as new as every one of ``sources``."""
    if not target.is_file():
        return False
    written = target.stat().st_mtime
    return all(not path.is_file() or path.stat().st_mtime <= written for path in sources)


def package_files(*parts: str) -> list[Path]:
    """Files of the package itself, e.g. ``package_files("static/review-pack.js")``."""
    return [CODE / part for part in parts]
