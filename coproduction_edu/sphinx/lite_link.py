"""An "Open in the browser" link on each notebook page, when the book has its lite site.

``make lite`` builds the JupyterLite site into ``<outdir>/lite`` and then the book. A notebook
page whose notebook is in that site (``lite/files/NAME.ipynb``) gets a link under its title
that opens it there; without the site there is no link, so ``make book`` never makes a dead
one. When the site appears or goes, every notebook page is rebuilt.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from urllib.parse import quote

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.osutil import relative_uri

LITE = "lite"
APP = f"{LITE}/notebooks/index.html"
CSS = Path(__file__).resolve().with_name("lite-link.css")
LABEL = "Open in the browser"
NOTE = "Run this notebook in JupyterLite, in your browser, with nothing to install."


def lite_notebooks(app: Sphinx) -> frozenset[str]:
    """The notebooks the built lite site has, by file name; none without a site."""
    files = Path(app.outdir) / LITE / "files"
    if not (Path(app.outdir) / APP).is_file() or not files.is_dir():
        return frozenset()
    return frozenset(p.name for p in files.glob("*.ipynb"))


def _notebook(env: BuildEnvironment, docname: str) -> str | None:
    path = Path(env.doc2path(docname))
    return path.name if path.suffix == ".ipynb" else None


def _outdated(app: Sphinx, env: BuildEnvironment, added, changed, removed) -> list[str]:
    """Rebuild every notebook page when the set of notebooks in the lite site changes."""
    available = lite_notebooks(app) if app.builder.format == "html" else frozenset()
    if getattr(env, "coproduction_lite", frozenset()) == available:
        return []
    env.coproduction_lite = available
    return [d for d in env.found_docs if _notebook(env, d)]


def _add_link(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    name = _notebook(app.env, docname)
    if app.builder.format != "html" or name is None or name not in lite_notebooks(app):
        return
    href = f"{relative_uri(app.builder.get_target_uri(docname), APP)}?path={quote(name)}"
    html = (f'<p class="cpe-lite"><a class="cpe-lite-link" href="{escape(href)}">{LABEL}</a>'
            f' <span class="cpe-lite-note">{NOTE}</span></p>\n')
    link = nodes.raw("", html, format="html")
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is not None and section.children and isinstance(section[0], nodes.title):
        section.insert(1, link)
    else:
        doctree.insert(0, link)


def _add_style(app: Sphinx) -> None:
    if app.builder.format == "html" and lite_notebooks(app):
        app.config.html_static_path.append(str(CSS))
        app.add_css_file(CSS.name)


def setup_lite_link(app: Sphinx) -> None:
    app.connect("builder-inited", _add_style)
    app.connect("env-get-outdated", _outdated)
    app.connect("doctree-resolved", _add_link)
