"""Figures as a student meets them: numbered within their unit, and readable on a phone.

Sphinx numbers figures across the whole book, so unit 5's first figure was Fig. 4. A unit's
pages number theirs ``N.1``, ``N.2`` ... with N the unit's number. On a 360 px phone a
diagram's text shrinks to a few pixels, so each figure links to its image at full size.
"""

from __future__ import annotations

import copy
import posixpath
import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.osutil import relative_uri

UNIT_PAGE = re.compile(r"^book/units/(?P<number>\d{2})-[^/]+/[^/]+$")
FULL_SIZE = "Open the figure at full size"


def restore_book_numbers(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Before Sphinx numbers figures, put back the numbers it gave last time, so that it sees
    no change (and rewrites no page) unless a figure really moved. Runs before Sphinx's own."""
    saved = getattr(env, "coproduction_book_fignumbers", None)
    if saved is not None:
        env.toc_fignumbers = copy.deepcopy(saved)
    return []


def number_figures_per_unit(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Renumber the figures of each unit's pages as (unit, n); return the pages whose
    numbers differ from the last build's. Runs after Sphinx's own numbering."""
    env.coproduction_book_fignumbers = copy.deepcopy(env.toc_fignumbers)
    before = getattr(env, "coproduction_unit_fignumbers", {})
    by_unit: dict[int, list[tuple[tuple[int, ...], str, str]]] = {}
    for docname, kinds in env.toc_fignumbers.items():
        match = UNIT_PAGE.match(docname)
        if match:
            for figure_id, number in kinds.get("figure", {}).items():
                by_unit.setdefault(int(match["number"]), []).append((number, docname, figure_id))
    for unit, figures in by_unit.items():
        for index, (_, docname, figure_id) in enumerate(sorted(figures), start=1):
            env.toc_fignumbers[docname]["figure"][figure_id] = (unit, index)
    after = {d: copy.deepcopy(env.toc_fignumbers[d]) for d in env.toc_fignumbers
             if UNIT_PAGE.match(d)}
    env.coproduction_unit_fignumbers = after
    return sorted(d for d in after.keys() | before.keys() if after.get(d) != before.get(d))


def link_full_size_figures(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Add a link under each figure's caption to its image, for reading on a phone."""
    if app.builder.format != "html":
        return
    for figure in doctree.findall(nodes.figure):
        image = next(iter(figure.findall(nodes.image)), None)
        if image is None or "://" in image["uri"]:
            continue
        source = image.get("candidates", {}).get("*", image["uri"])
        if source not in app.env.images:
            continue
        target = posixpath.join(app.builder.imagedir, app.env.images[source][1])
        uri = relative_uri(app.builder.get_target_uri(docname), target)
        link = nodes.reference("", FULL_SIZE, refuri=uri, internal=True)
        figure += nodes.paragraph("", "", link, classes=["cpe-figure-full"])
