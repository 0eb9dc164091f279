"""What the project's own tools read from the book's ``_config.yml``."""

from __future__ import annotations

from pathlib import Path

from .problems import Problem, read_source
from .sourcemap import load_yaml

CONFIG_FILE = "_config.yml"


def repository_url(root: Path) -> tuple[str | None, list[Problem]]:
    """``repository.url`` without a trailing slash, or a problem saying why there is none."""
    text, problems = read_source(root / CONFIG_FILE, CONFIG_FILE)
    if text is None:
        return None, problems
    located = load_yaml(text, CONFIG_FILE)
    if located.problems:
        return None, list(located.problems)
    repository = located.data.get("repository") if isinstance(located.data, dict) else None
    url = repository.get("url") if isinstance(repository, dict) else None
    if not isinstance(url, str) or not url.startswith("https://"):
        line = located.line_of(("repository",)) if repository is not None else 1
        return None, [Problem(CONFIG_FILE, line, "repository.url", "is not set to the "
                              "https:// address of the book's repository; the notebooks "
                              "install the package from it and the review page links to it")]
    return url.rstrip("/"), []


def review_contact(root: Path) -> str:
    """``sphinx.config.coproduction_review_contact``: where reviewers send packs, or ``""``."""
    text, _ = read_source(root / CONFIG_FILE, CONFIG_FILE)
    located = load_yaml(text or "", CONFIG_FILE)
    data = located.data if isinstance(located.data, dict) else {}
    config = (data.get("sphinx") or {}).get("config") or {}
    contact = config.get("coproduction_review_contact", "") if isinstance(config, dict) else ""
    return contact.strip() if isinstance(contact, str) else ""
