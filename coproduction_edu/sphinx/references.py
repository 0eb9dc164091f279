"""Each unit page, and each facilitator page that cites, ends with its own reference list.

A unit is taught, and printed, on its own, so the sources it cites are listed at its end as
well as on the book's References page. The extension puts a ``{bibliography}`` of the page's
own citations at the end of the page's "References" section, adding the section if a citing
page has none, unless the page places a bibliography itself. sphinxcontrib-bibtex 2.7
resolves a citation to the list on its own page first, so the page's in-text citations link
to its own list.

One work then appears in several lists, which is the point, so the extension suppresses
sphinxcontrib-bibtex's ``duplicate_citation`` warning (across pages) and keeps
``duplicate_local_citation`` (one page listing a work twice). Two more things keep the lists
consistent:

- a work has the same label everywhere: the a, b, ... that tell apart one author's works in a
  year are given across every work the book cites (:func:`share_labels`), not list by list;
- a page with no list of its own (the home page, the glossary) links to the book's
  References page, not to whichever unit happened to be listed last.
"""

from __future__ import annotations

import ast
import re
from typing import Any, cast

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .bibstyle import share_labels

LISTED_PAGE = re.compile(r"^book/units/[^/]+/(?P<kind>index|facilitator)$")
LOCAL_FILTER = "docname in docnames"
HEADING = "## References"
_CITE = re.compile(r"\{cite(?::[a-z]+)?\}")
_BIBLIOGRAPHY = re.compile(r"^[`:]{3,}\s*\{bibliography\}", re.M)
_FENCE = re.compile(r"^(`{3,}|:{3,})")
_HEADING = re.compile(r"^#{1,6}\s")


def reference_list() -> str:
    """The MyST directive for a list of the sources cited on this page."""
    return f":::{{bibliography}}\n:filter: {LOCAL_FILTER}\n:::\n"


def with_reference_list(text: str, always: bool = False) -> str:
    """``text`` with its own reference list at the end of its "References" section.

    A page without that section gets one at its end if it cites anything, or if ``always``.
    A page that places a ``{bibliography}`` itself is left as it is.
    """
    if _BIBLIOGRAPHY.search(text):
        return text
    lines = text.splitlines(keepends=True)
    start = _heading_index(lines, HEADING)
    if start is None:
        if not (always or _CITE.search(text)):
            return text
        return f"{text.rstrip()}\n\n{HEADING}\n\n{reference_list()}"
    end = _next_section(lines, start)
    rest = "".join(lines[end:])
    return (f"{''.join(lines[:end]).rstrip()}\n\n{reference_list()}"
            + (f"\n{rest}" if rest else ""))


def headings(lines: list[str]) -> list[tuple[int, str]]:
    """``(index, line)`` of each Markdown heading outside code fences and front matter (the
    one reading of a page's headings: the unit header and the reference lists both use it)."""
    found, fence = [], ""
    in_front = lines[:1] == ["---\n"]
    for index, line in enumerate(lines):
        if in_front:
            in_front = not (index > 0 and line.strip() == "---")
            continue
        mark = _FENCE.match(line)
        if mark and (not fence or mark[1].startswith(fence)):
            fence = "" if fence else mark[1]
            continue
        if not fence and _HEADING.match(line):
            found.append((index, line.rstrip()))
    return found


def _heading_index(lines: list[str], heading: str) -> int | None:
    return next((i for i, line in headings(lines) if line == heading), None)


def _next_section(lines: list[str], start: int) -> int:
    """The index of the next heading of the same or a higher level, or the end."""
    level = len(lines[start]) - len(lines[start].lstrip("#"))
    for index, line in headings(lines):
        if index > start and len(line) - len(line.lstrip("#")) <= level:
            return index
    return len(lines)


def _add_list(app: Sphinx, docname: str, source: list[str]) -> None:
    match = LISTED_PAGE.match(docname)
    if match:
        source[0] = with_reference_list(source[0], always=match["kind"] == "index")


def is_local(bibliography: Any) -> bool:
    """Whether a ``{bibliography}`` lists only the sources cited on its own page."""
    return ast.dump(bibliography.filter_) == ast.dump(ast.parse(LOCAL_FILTER))


def _label_across_book(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Before sphinxcontrib-bibtex labels its lists: share a/b suffixes over all cited works."""
    domain = cast(Any, env.get_domain("cite"))
    cited = {target.key for ref in domain.citation_refs for target in ref.targets}
    entries = domain.bibdata.data.entries
    share_labels([entries[key] for key in sorted(cited) if key in entries])
    return []


def _book_list_last(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After it has: a citation on a page without a list resolves to the last match, so the
    book-wide lists' citations go last (``sorted`` is stable)."""
    domain = cast(Any, env.get_domain("cite"))
    domain.data["citations"] = sorted(
        domain.citations,
        key=lambda c: not is_local(domain.bibliographies[c.bibliography_key]))
    return []


def _suppress_duplicates(app: Sphinx, config: Any) -> None:
    if "bibtex.duplicate_citation" not in config.suppress_warnings:
        config.suppress_warnings = [*config.suppress_warnings, "bibtex.duplicate_citation"]


def setup_references(app: Sphinx) -> None:
    """Connect the reference lists to a Sphinx application."""
    app.connect("config-inited", _suppress_duplicates)
    app.connect("source-read", _add_list)
    app.connect("env-updated", _label_across_book, priority=400)
    app.connect("env-updated", _book_list_last, priority=600)
