"""Review packs in the built book, and the pages that offer them and credit people.

- At the end of an HTML build, every unit's review pack is written to ``review-packs/`` beside
  the book (only when the unit's page is newer than its pack), and the sizes are filled in on
  the page that links to them.
- ``{review-packs}``: a download link to each unit's pack, with its size.
- ``{review-contact}``: where to send a saved review (``coproduction_review_contact``).
- ``{contributors}``: everyone in the units' front matter, with what they did and where.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..engine.markdown import inline
from ..review.record import EMAIL
from ..vocabulary import label
from .curriculum_map import RESOLVERS, CurriculumMap, _cell, _skeleton, _unit_link
from .outputs import package_files, up_to_date

logger = logging.getLogger(__name__)
PACKS = "review-packs"
CONTACT = "coproduction_review_contact"
PACK_CODE = package_files("review/pack.py", "static/review-pack.js", "static/review-pack.css",
                          "export/standalone.py", "static/standalone.css",
                          "static/coproduction.css")
_SIZE = re.compile(r'(<span class="cpe-pack-size" data-unit="(?P<unit>[^"]+)">)[^<]*(</span>)')


class ReviewPacks(CurriculumMap):
    """``:::{review-packs}``: resolved once every unit is known."""

    table = "review-packs"


class Contributors(CurriculumMap):
    """``:::{contributors}``: resolved once every unit is known."""

    table = "contributors"


class ReviewContact(SphinxDirective):
    """``:::{review-contact}``: one paragraph on where to send a saved review."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        contact = str(getattr(self.config, CONTACT, "") or "").strip()
        paragraph = nodes.paragraph()
        if contact and EMAIL.match(contact):
            paragraph += nodes.Text("Email the saved file to ")
            paragraph += nodes.reference("", contact, refuri=f"mailto:{contact}")
            paragraph += nodes.Text(". The maintainers of this copy of the book read that "
                                    "address.")
            return [paragraph]
        if contact:
            logger.warning(f"{CONTACT} {contact!r} in _config.yml is not an email address",
                           location=self.get_location(), type="coproduction", subtype="review")
        paragraph += nodes.Text(
            "This copy of the book has no review address yet. Send the saved file, as an email "
            "attachment or on a memory stick, to the educator or the person who gave you the "
            "pack.")
        return [paragraph]


def review_packs_list(app: Sphinx, docname: str, units: dict[str, dict[str, Any]]) -> nodes.Node:
    """A download link to each unit's pack; its size is filled in when the pack is written."""
    items = []
    for unit in sorted(units.values(), key=lambda unit: unit["number"]):
        folder = unit["id"]
        href = posixpath.relpath(f"{PACKS}/{folder}.html", posixpath.dirname(docname) or ".")
        title = inline(f"Unit {unit['number']}: {unit['title']}")
        items.append(f'<li><a href="{href}" download="review-pack-{folder}.html">{title}</a> '
                     f'<span class="cpe-pack-size" data-unit="{folder}"></span></li>')
    return nodes.raw("", f'<ul class="cpe-review-packs">{"".join(items)}</ul>', format="html")


def contributors_table(app: Sphinx, docname: str,
                       units: dict[str, dict[str, Any]]) -> nodes.Node:
    """Each name in the front matter once, with every unit they worked on and their roles."""
    people: dict[str, list[tuple[str, dict[str, Any], list[str]]]] = {}
    for unit_doc, unit in sorted(units.items(), key=lambda item: item[1]["number"]):
        for person in unit["coproduction"]["contributors"]:
            roles = [label("roles", role) for role in person["roles"]]
            people.setdefault(person["name"], []).append((unit_doc, unit, roles))
    table, group, body = _skeleton("contributor-list", ("Contributor", "Units and roles"),
                                   "Everyone credited in the units' front matter, and what "
                                   "they did.")
    for name, work in people.items():
        row = nodes.row()
        row += _cell(nodes.raw("", inline(name), format="html"))
        entry = nodes.entry()
        for unit_doc, unit, roles in work:
            paragraph = nodes.paragraph()
            paragraph += _unit_link(app, docname, unit_doc, unit)
            paragraph += nodes.Text(f": {', '.join(roles)}")
            entry += paragraph
        row += entry
        body += row
    group += body
    return table


def write_review_packs(app: Sphinx, exception: Exception | None) -> None:
    """Write each unit's pack beside the built book; fill in the sizes on the pages."""
    if exception is not None or app.builder.format != "html":
        return
    from ..review.pack import ReviewPackError, write_review_pack  # only when a pack is due

    outdir = Path(app.outdir)
    contact = str(getattr(app.config, CONTACT, "") or "").strip()
    units = getattr(app.env, "coproduction_units", {})
    sizes = {}
    for unit in units.values():
        folder = unit["id"]
        page = outdir / "book" / "units" / folder / "index.html"
        pack = outdir / PACKS / f"{folder}.html"
        if not page.is_file():
            continue
        try:
            if not up_to_date(pack, [page, *PACK_CODE]):  # a new pack script: new packs
                write_review_pack(outdir, folder, outdir / PACKS, contact)
        except ReviewPackError as err:
            logger.warning(f"review pack for {folder}: {err}", type="coproduction",
                           subtype="review")
            continue
        sizes[folder] = pack.stat().st_size
    for docname in getattr(app.env, "coproduction_map_docs", set()):
        path = outdir / f"{docname}.html"
        if path.is_file():
            _fill_sizes(path, sizes)


def _fill_sizes(path: Path, sizes: dict[str, int]) -> None:
    text = path.read_text(encoding="utf-8")

    def size(match: re.Match[str]) -> str:
        found = sizes.get(match["unit"])
        shown = f"(HTML file, {round(found / 1024):,} KB)" if found else ""
        return f"{match[1]}{shown}{match[3]}"

    new = _SIZE.sub(size, text)
    if new != text:
        path.write_text(new, encoding="utf-8")


def setup_review(app: Sphinx) -> None:
    app.add_config_value(CONTACT, "", "html", types=[str])
    app.add_directive("review-packs", ReviewPacks)
    app.add_directive("review-contact", ReviewContact)
    app.add_directive("contributors", Contributors)
    app.connect("build-finished", write_review_packs)
    RESOLVERS["review-packs"] = review_packs_list
    RESOLVERS["contributors"] = contributors_table
