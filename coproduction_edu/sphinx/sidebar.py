"""The sidebar's table of contents, built from page titles alone.

On every page the book theme asks Sphinx for the whole book's table of contents with
``titles_only``. Sphinx answers by copying every page's own table of contents, down to its
last heading, and only then drops everything but the titles and the nested toctrees. The cost
grows as pages times headings, and our units have many headings. Here, once per build, each
page's table of contents is reduced the way ``titles_only`` reduces it, and Sphinx resolves the
sidebar from those. The HTML is the same (``tests/test_build_shortcuts.py`` builds the book
both ways and compares every page); only the copying is gone.

A page is reduced only where the result cannot differ: it sets no ``tocdepth`` of its own and
has no ``only`` blocks in its table of contents. Any other request (not ``titles_only``, or
collapsed) goes to Sphinx unchanged. It is one of the build's shortcuts (:mod:`.shortcuts`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.environment.adapters.toctree import global_toctree_for_doc

from .shortcuts import shortcuts_on


def titles_only_toc(toc: nodes.bullet_list) -> nodes.bullet_list:
    """A copy of one page's table of contents, reduced as Sphinx's ``titles_only`` does."""
    reduced = toc.deepcopy()
    for top_level in reduced.children:
        if len(top_level) > 1:
            if subtrees := list(top_level.findall(addnodes.toctree)):
                top_level[1][:] = subtrees
            else:
                top_level.pop(1)
    return reduced


def _reducible(env: BuildEnvironment, docname: str) -> bool:
    toc = env.tocs[docname]
    return "tocdepth" not in env.metadata.get(docname, {}) and not any(
        toc.findall(addnodes.only))


class _TitlesOnlyEnv:
    """The build environment as Sphinx's toctree code reads it, with the reduced pages."""

    def __init__(self, env: BuildEnvironment, tocs: dict[str, nodes.bullet_list]) -> None:
        self._env = env
        self.tocs = tocs

    def __getattr__(self, name: str) -> Any:
        return getattr(self._env, name)


class TitlesOnlySidebar:
    """Reduces the pages once per build and answers the sidebar's ``titles_only`` requests."""

    def __init__(self) -> None:
        self._view: _TitlesOnlyEnv | None = None

    def env_updated(self, app: Sphinx, env: BuildEnvironment) -> None:
        self._view = None  # the pages may have changed; reduce again when first asked

    def page_context(self, app: Sphinx, pagename: str, templatename: str,
                     context: dict[str, Any], doctree: Any) -> None:
        sphinx_toctree = context.get("toctree")
        if not shortcuts_on(app.config) or sphinx_toctree is None:
            return
        context["toctree"] = self._toctree(app, pagename, sphinx_toctree)

    def _toctree(self, app: Sphinx, pagename: str,
                 sphinx_toctree: Callable[..., str]) -> Callable[..., str]:
        def toctree(**kwargs: Any) -> str:
            if not kwargs.get("titles_only") or kwargs.get("collapse", True):
                return sphinx_toctree(**kwargs)
            # What Sphinx's own HTML builder does for the template's toctree(), on the view.
            kwargs.setdefault("includehidden", False)
            if kwargs.get("maxdepth") == "":
                kwargs.pop("maxdepth")
            tree = global_toctree_for_doc(self._env_view(app.env), pagename, app.builder,
                                          **kwargs)
            return app.builder.render_partial(tree)["fragment"]
        return toctree

    def _env_view(self, env: BuildEnvironment) -> Any:
        if self._view is None or self._view._env is not env:
            tocs = {name: titles_only_toc(toc) if _reducible(env, name) else toc
                    for name, toc in env.tocs.items()}
            self._view = _TitlesOnlyEnv(env, tocs)
        return self._view


def setup_sidebar(app: Sphinx) -> None:
    sidebar = TitlesOnlySidebar()
    app.connect("env-updated", sidebar.env_updated)
    app.connect("html-page-context", sidebar.page_context, priority=50)
