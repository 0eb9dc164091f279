"""The book's own Sphinx extension: checks unit front matter and draws unit headers.

Listed in ``_config.yml`` under ``sphinx.extra_extensions``. A unit page is a document named
``book/units/NN-slug/index``; its front matter is checked with the same code as
``coproduction-edu check``, and each problem becomes a build warning at the file and line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.locale import _
from sphinx.util import logging

from ..frontmatter import BOM, split_front_matter
from ..problems import SYMLINK
from ..units import check_unit_source
from .activity import Activity, discussed_role, keep_one_runtime
from .bibfilter import index_local_reference_lists
from .bibstyle import keep_formatted_entries, register_harvard_style, restore_formatted_entries
from .curriculum_map import CurriculumMap, CurriculumMapNode, UnitHours, resolve_curriculum_maps
from .edition import setup_edition
from .figures import link_full_size_figures, number_figures_per_unit, restore_book_numbers
from .language_rules import LanguageRules
from .lite_link import setup_lite_link
from .question_bank import setup_question_bank
from .references import headings, setup_references
from .repository import RepositoryLink
from .review import setup_review
from .shortcuts import setup_shortcuts
from .sidebar import setup_sidebar
from .unit_header import UnitHeader

logger = logging.getLogger(__name__)
UNIT_DOC = re.compile(r"^book/units/(?P<folder>[^/]+)/index$")
HEADER_DIRECTIVE = "unit-header"
STATIC = Path(__file__).resolve().parent.parent / "static"
# Named "components" as the theme's own folder is: its layout includes
# "../components/search-field.html", which then finds the book's file first.
TEMPLATES = Path(__file__).resolve().parent / "components"


def units(env: BuildEnvironment) -> dict[str, dict[str, Any]]:
    """Valid unit data by docname, kept in the build environment between builds."""
    if not hasattr(env, "coproduction_units"):
        env.coproduction_units = {}
    return env.coproduction_units


def _read_unit(app: Sphinx, docname: str, source: list[str]) -> None:
    if Path(app.env.doc2path(docname)).is_symlink():
        logger.warning(f"file: {SYMLINK}", location=docname, type="coproduction",
                       subtype="unit")
        source[0] = ""
        return
    match = UNIT_DOC.match(docname)
    if not match:
        return
    result = check_unit_source(source[0], app.env.doc2path(docname, False), match["folder"])
    for problem in result.problems:
        logger.warning(f"{problem.field}: {problem.message}", location=(docname, problem.line),
                       type="coproduction", subtype="unit")
    if result.unit is None:
        units(app.env).pop(docname, None)
        if result.located is None or result.located.problems:
            source[0] = _without_front_matter(source[0])
        return
    units(app.env)[docname] = result.unit
    source[0] = _with_header(source[0])


def _without_front_matter(text: str) -> str:
    """The page with its broken front matter blanked, line for line, so that no other
    parser (myst-nb's own reads it again) meets what the project's checker refused."""
    front = split_front_matter(text)
    if front is None:
        return text
    lines = text.removeprefix(BOM).splitlines(keepends=True)
    blank = range(1, front.end_line - 1 if front.closed else len(lines))
    return "".join("\n" if index in blank else line for index, line in enumerate(lines))


def _with_header(text: str) -> str:
    """Put the unit header just after the page's first heading, unless the page places it."""
    if re.search(r"^[`:]{3,}\s*\{" + HEADER_DIRECTIVE + r"\}", text, flags=re.M):
        return text
    lines = text.splitlines(keepends=True)
    first = next((index for index, line in headings(lines) if line.startswith("# ")), None)
    if first is not None:
        lines.insert(first + 1, f"\n:::{{{HEADER_DIRECTIVE}}}\n:::\n")
    return "".join(lines)


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    units(env).pop(docname, None)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment):
    units(env).update({d: u for d, u in units(other).items() if d in docnames})


def _maps_outdated(app: Sphinx, env: BuildEnvironment, added, changed, removed) -> list[str]:
    """Pages with a curriculum map are rebuilt whenever any page changes."""
    if not (added or changed or removed):
        return []
    return [d for d in getattr(env, "coproduction_map_docs", set()) if d in env.found_docs]


def _add_static(app: Sphinx) -> None:
    app.config.html_static_path.append(str(STATIC))


def _theme_defaults(app: Sphinx, config: Any) -> None:
    """Theme settings the book needs, and the book's own templates before the theme's.

    - Start in light mode; an empty mode makes the theme log an error on every page.
    - No top bar: pydata-sphinx-theme 0.17 fills one (a second search field and hidden copies
      of the sidebar buttons) that sphinx-book-theme 1.3 does not expect. Its script binds the
      first ``.primary-toggle`` and ``.secondary-toggle`` in the page, which were the hidden
      copies, so the visible buttons did nothing (pydata-sphinx-theme #2451).
    - No floating "Back to top" button: on a phone it covers the text.
    """
    config.html_context = {"default_mode": "light", **(config.html_context or {})}
    options = config.html_theme_options
    options.setdefault("navbar_persistent", [])
    options.setdefault("back_to_top_button", False)
    config.templates_path.insert(0, str(TEMPLATES))


def _tidy_page(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
               doctree: Any) -> None:
    """Fix what the theme and docutils emit that browsers and axe-core object to.

    - Jupyter Book adds some inline scripts twice, and a repeated ``const`` is a script error.
    - ``role="doc-biblioentry"`` is a deprecated ARIA role inside a ``role="list"``.
    - The index has no document title, so the theme's print header was an empty ``<h1>``.
    """
    seen, scripts = set(), []
    for script in context.get("script_files", []):
        key = (str(getattr(script, "filename", script) or ""),
               tuple(sorted(getattr(script, "attributes", {}).items())))
        if key not in seen:
            seen.add(key)
            scripts.append(script)
    context["script_files"] = scripts
    if not context.get("pagetitle") and pagename == "genindex":
        context["pagetitle"] = _("Index")
    if "body" in context:
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')


def setup(app: Sphinx) -> dict[str, Any]:
    register_harvard_style()
    index_local_reference_lists(app)
    app.add_directive(HEADER_DIRECTIVE, UnitHeader)
    app.add_directive("curriculum-map", CurriculumMap)
    app.add_directive("unit-hours", UnitHours)
    app.add_directive("activity", Activity)
    app.add_directive("language-rules", LanguageRules)
    app.add_role("discussed", discussed_role)
    app.add_role("repo", RepositoryLink())
    app.add_node(CurriculumMapNode)
    app.connect("source-read", _read_unit)
    app.connect("env-before-read-docs", restore_formatted_entries)
    app.connect("env-updated", keep_formatted_entries, priority=900)  # after bibtex's own
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-get-outdated", _maps_outdated)
    app.connect("doctree-resolved", resolve_curriculum_maps)
    app.connect("doctree-resolved", keep_one_runtime)
    app.connect("doctree-resolved", link_full_size_figures)
    # Around Sphinx's own numbering (priority 500): its last numbers back first, so a build
    # with nothing changed rewrites nothing; then the unit's numbers win.
    app.connect("env-get-updated", restore_book_numbers, priority=100)
    app.connect("env-get-updated", number_figures_per_unit, priority=900)
    app.connect("builder-inited", _add_static)
    app.connect("config-inited", _theme_defaults)
    app.connect("html-page-context", _tidy_page, priority=100)
    app.add_css_file("coproduction.css")
    app.add_js_file("coproduction.js")
    setup_references(app)
    setup_lite_link(app)
    setup_edition(app)
    setup_question_bank(app)
    setup_review(app)
    setup_shortcuts(app)
    setup_sidebar(app)
    return {"version": "0.1.0", "parallel_read_safe": True, "parallel_write_safe": True,
            "env_version": 1}
