"""The ``{curriculum-map}`` directive: a table of every unit against the NMC platforms."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..vocabulary import vocabulary

NMC_CODES = list(vocabulary()["nmc"])
KEY_NUMBERS = {key: number for number, key in enumerate(vocabulary()["three_keys"], start=1)}


class CurriculumMapNode(nodes.General, nodes.Element):
    """Stands where the map goes until every unit has been read."""


class CurriculumMap(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        if not hasattr(self.env, "coproduction_map_docs"):
            self.env.coproduction_map_docs = set()
        self.env.coproduction_map_docs.add(self.env.docname)
        return [CurriculumMapNode()]


def resolve_curriculum_maps(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace each placeholder with the table, now that all units are known."""
    units = getattr(app.env, "coproduction_units", {})
    for placeholder in list(doctree.findall(CurriculumMapNode)):
        if not units:
            placeholder.replace_self(nodes.paragraph(
                text="No units have been added to this book yet."))
            continue
        placeholder.replace_self(_table(app, docname, units))


def _cell(*children: nodes.Node | str) -> nodes.entry:
    entry = nodes.entry()
    paragraph = nodes.paragraph()
    for child in children:
        paragraph += nodes.Text(child) if isinstance(child, str) else child
    entry += paragraph
    return entry


def _table(app: Sphinx, fromdoc: str, units: dict[str, dict[str, Any]]) -> nodes.table:
    headers = ["Unit", "Time", *[f"NMC {code}" for code in NMC_CODES], "Three keys", "Status"]
    table = nodes.table(classes=["cpe-curriculum-map"], ids=["curriculum-map"])
    table += nodes.title(text="Units mapped to the NMC Future nurse platforms (1-7) and "
                              "annexes (A, B), and to the three keys (1 participation, "
                              "2 multidisciplinary approach, 3 strengths).")
    group = nodes.tgroup(cols=len(headers))
    table += group
    for _ in headers:
        group += nodes.colspec(colwidth=1)
    head_row = nodes.row()
    for text in headers:
        head_row += _cell(text)
    group += nodes.thead("", head_row)
    body = nodes.tbody()
    for docname, unit in sorted(units.items(), key=lambda item: item[1]["number"]):
        link = nodes.reference("", f"{unit['number']}. {unit['title']}", internal=True,
                               refuri=app.builder.get_relative_uri(fromdoc, docname))
        covered = {code for outcome in unit["learning_outcomes"] for code in outcome["nmc"]}
        minutes = unit["duration"]["teaching_minutes"] + unit["duration"]["activity_minutes"]
        row = nodes.row()
        unit_cell = _cell(link)
        if unit.get("summary"):
            unit_cell += nodes.paragraph(text=unit["summary"])
        row += unit_cell
        row += _cell(f"{minutes} min")
        for code in NMC_CODES:
            row += _cell("✓ yes" if code in covered else "no")
        row += _cell(", ".join(str(KEY_NUMBERS[key]) for key in unit["three_keys"]) or "none")
        row += _cell(vocabulary()["status"][unit["coproduction"]["status"]]["label"])
        body += row
    group += body
    return table
