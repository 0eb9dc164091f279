"""Tables computed from every unit's front matter once all units are read.

- ``{curriculum-map}``: each unit against the NMC platforms, the three keys and its status.
- ``{unit-hours}``: each unit's teaching and activity time and sessions, with the totals.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from ..vocabulary import minutes_text, sessions_for, vocabulary

NMC_CODES = list(vocabulary()["nmc"])
KEY_NUMBERS = {key: number for number, key in enumerate(vocabulary()["three_keys"], start=1)}


class CurriculumMapNode(nodes.General, nodes.Element):
    """Stands where the map goes until every unit has been read."""


class CurriculumMap(SphinxDirective):
    has_content = False
    table = "map"

    def run(self) -> list[nodes.Node]:
        if not hasattr(self.env, "coproduction_map_docs"):
            self.env.coproduction_map_docs = set()
        self.env.coproduction_map_docs.add(self.env.docname)
        return [CurriculumMapNode(table=self.table)]


class UnitHours(CurriculumMap):
    table = "hours"


def resolve_curriculum_maps(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace each placeholder with the table, now that all units are known."""
    units = getattr(app.env, "coproduction_units", {})
    for placeholder in list(doctree.findall(CurriculumMapNode)):
        if not units:
            placeholder.replace_self(nodes.paragraph(
                text="No units have been added to this book yet."))
            continue
        resolve = RESOLVERS.get(placeholder.get("table"), _table)
        placeholder.replace_self(resolve(app, docname, units))


def _cell(*children: nodes.Node | str) -> nodes.entry:
    entry = nodes.entry()
    paragraph = nodes.paragraph()
    for child in children:
        paragraph += nodes.Text(child) if isinstance(child, str) else child
    entry += paragraph
    return entry


VBP_NUMBERS = {key: number for number, key in enumerate(vocabulary()["vbp_elements"], start=1)}
MAP_HEADERS = ("Unit", "Time", "NMC platforms and annexes", "Three keys",
               "Values-based practice", "Status")
COVERAGE_FILE = "curriculum-coverage.svg"


def _labelled(label: str, *children: nodes.Node | str) -> nodes.entry:
    """A cell that names its column too, shown when a narrow screen stacks the row."""
    return _cell(nodes.raw("", f'<span class="cpe-cell-label" aria-hidden="true">{label}: '
                           "</span>", format="html"), *children)


def _codes(values: list[Any], numbers: dict[Any, int] | None = None) -> str:
    return ", ".join(str(numbers[v] if numbers else v) for v in values) or "none"


def _covered(unit: dict[str, Any]) -> list[Any]:
    found = {code for outcome in unit["learning_outcomes"] for code in outcome["nmc"]}
    return [code for code in NMC_CODES if code in found]


def _table(app: Sphinx, fromdoc: str, units: dict[str, dict[str, Any]]) -> list[nodes.Node]:
    """The map: a legend, a coverage figure, and one compact row per unit with the totals."""
    table, group, body = _skeleton("curriculum-map", MAP_HEADERS,
                                   "Units mapped to the NMC Future nurse platforms and "
                                   "annexes, the three keys and the elements of values-based "
                                   "practice.")
    ordered = sorted(units.items(), key=lambda item: item[1]["number"])
    minutes = sessions = 0
    for docname, unit in ordered:
        work = unit["duration"]["teaching_minutes"] + unit["duration"]["activity_minutes"]
        minutes += work
        sessions += sessions_for(work)
        row = nodes.row()
        row += _cell(_unit_link(app, fromdoc, docname, unit))
        row += _labelled("Time", f"{minutes_text(work)} ({sessions_for(work)} "
                                 f"session{'s' * (sessions_for(work) != 1)})")
        row += _labelled("NMC", _codes(_covered(unit)))
        row += _labelled("Keys", _codes(unit["three_keys"], KEY_NUMBERS))
        row += _labelled("VBP", _codes(unit["vbp_elements"], VBP_NUMBERS))
        row += _labelled("Status",
                         vocabulary()["status"][unit["coproduction"]["status"]]["label"])
        body += row
    total = nodes.row(classes=["cpe-total"])
    total += _cell(nodes.strong(text=f"All {len(ordered)} units"))
    total += _labelled("Time", f"{minutes_text(minutes)} ({sessions} sessions)")
    for _ in MAP_HEADERS[2:]:
        total += _cell("")
    body += total
    group += body
    return [_coverage_figure(app, fromdoc, ordered), table, _legend()]


def _legend() -> nodes.Node:
    """What each number in the map stands for."""
    legend = nodes.container(classes=["cpe-map-legend"])
    for title, group, numbered in (("NMC platforms and annexes", "nmc", False),
                                   ("The three keys", "three_keys", True),
                                   ("Elements of values-based practice", "vbp_elements", True)):
        legend += nodes.paragraph("", "", nodes.strong(text=title))
        items = nodes.bullet_list()
        for number, (code, name) in enumerate(vocabulary()[group].items(), start=1):
            items += nodes.list_item("", nodes.paragraph(
                text=f"{number if numbered else code}: {name}"))
        legend += items
    return legend


def _coverage_figure(app: Sphinx, fromdoc: str,
                     ordered: list[tuple[str, dict[str, Any]]]) -> nodes.Node:
    """A grid of every unit against every platform, annexe, key and VBP element: a tick
    and the column's code in each covered cell, never colour alone. Written as an SVG file
    beside the page; the table below it is its text version."""
    from xml.sax.saxutils import escape

    columns = ([("NMC", str(code), code) for code in NMC_CODES]
               + [("Keys", f"K{n}", key) for key, n in KEY_NUMBERS.items()]
               + [("VBP", f"V{n}", key) for key, n in VBP_NUMBERS.items()])
    cell, left, top = 30, 70, 64
    width, height = left + cell * len(columns) + 10, top + cell * len(ordered) + 10
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" role="img" aria-labelledby="t" '
             'font-family="system-ui, sans-serif" font-size="13">',
             "<title id=\"t\">Which units cover each NMC platform and annexe, each of the "
             "three keys and each element of values-based practice</title>",
             f'<rect width="{width}" height="{height}" fill="#fff"/>']
    groups: dict[str, list[int]] = {}
    for index, (group, _, _) in enumerate(columns):
        groups.setdefault(group, []).append(index)
    for group, indexes in groups.items():
        x0, x1 = left + cell * indexes[0], left + cell * (indexes[-1] + 1)
        parts.append(f'<text x="{(x0 + x1) / 2}" y="18" text-anchor="middle" '
                     f'font-weight="700" fill="#1a1a1a">{group}</text>'
                     f'<line x1="{x0 + 2}" y1="24" x2="{x1 - 2}" y2="24" stroke="#1a1a1a"/>')
    for index, (_, code, _) in enumerate(columns):
        parts.append(f'<text x="{left + cell * index + cell / 2}" y="48" text-anchor="middle" '
                     f'fill="#1a1a1a">{escape(code)}</text>')
    for row, (_, unit) in enumerate(ordered):
        y = top + cell * row
        covered = set(_covered(unit)) | set(unit["three_keys"]) | set(unit["vbp_elements"])
        parts.append(f'<text x="{left - 8}" y="{y + 20}" text-anchor="end" fill="#1a1a1a" '
                     f'font-weight="600">Unit {int(unit["number"])}</text>')
        for index, (_, _, key) in enumerate(columns):
            x = left + cell * index
            hit = key in covered
            fill = "#dbe7f5" if hit else "#ffffff"
            parts.append(f'<rect x="{x}" y="{y}" width="{cell}" height="{cell}" fill="{fill}" '
                         'stroke="#6b6b6b" stroke-width="1"/>')
            if hit:
                parts.append(f'<text x="{x + cell / 2}" y="{y + 21}" text-anchor="middle" '
                             'font-size="17" font-weight="700" fill="#0b2a55">✓</text>')
    parts.append("</svg>")
    out = Path(app.outdir) / "_images"
    out.mkdir(parents=True, exist_ok=True)
    (out / COVERAGE_FILE).write_text("".join(parts), encoding="utf-8")
    uri = relative_uri(app.builder.get_target_uri(fromdoc), f"_images/{COVERAGE_FILE}")
    alt = ("Grid of ticks: one row per unit, one column per NMC platform (1 to 7) and annexe "
           "(A, B), three keys (K1 to K3) and element of values-based practice (V1 to V10). A "
           "tick means the unit develops it. The table below gives the same information.")
    return nodes.raw("", f'<figure class="cpe-coverage"><img src="{uri}" alt="{alt}" '
                     f'width="{width}" height="{height}"><figcaption>What each unit covers. '
                     f'<a href="{uri}">Open the grid at full size</a>. The table below is its '
                     "text version, and the lists under it say what each code means."
                     "</figcaption></figure>", format="html")


def _skeleton(name: str, headers: tuple[str, ...],
              caption: str) -> tuple[nodes.table, nodes.tgroup, nodes.tbody]:
    """An empty table with its caption and header row; rows go in the body."""
    table = nodes.table(classes=[f"cpe-{name}"], ids=[name])
    table += nodes.title(text=caption)
    group = nodes.tgroup(cols=len(headers))
    table += group
    for _ in headers:
        group += nodes.colspec(colwidth=1)
    head_row = nodes.row()
    for text in headers:
        head_row += _cell(text)
    group += nodes.thead("", head_row)
    return table, group, nodes.tbody()


def _unit_link(app: Sphinx, fromdoc: str, docname: str, unit: dict[str, Any]) -> nodes.reference:
    return nodes.reference("", f"{unit['number']}. {unit['title']}", internal=True,
                           refuri=app.builder.get_relative_uri(fromdoc, docname))


def _hours_table(app: Sphinx, fromdoc: str, units: dict[str, dict[str, Any]]) -> nodes.table:
    """Each unit's time from its front matter, and the totals."""
    table, group, body = _skeleton("unit-hours", ("Unit", "Teaching", "Activities", "Sessions"),
                                   "Time for each unit, from its front matter. A session is "
                                   "two hours with a 10-minute break.")
    totals = {"teaching": 0, "activity": 0, "sessions": 0}
    ordered = sorted(units.items(), key=lambda item: item[1]["number"])
    for docname, unit in ordered:
        teaching = unit["duration"]["teaching_minutes"]
        activity = unit["duration"]["activity_minutes"]
        sessions = sessions_for(teaching + activity)
        totals["teaching"] += teaching
        totals["activity"] += activity
        totals["sessions"] += sessions
        row = nodes.row()
        row += _cell(_unit_link(app, fromdoc, docname, unit))
        row += _cell(f"{teaching} min")
        row += _cell(f"{activity} min")
        row += _cell(str(sessions))
        body += row
    row = nodes.row(classes=["cpe-total"])
    row += _cell(nodes.strong(text=f"All {len(ordered)} units"))
    row += _cell(minutes_text(totals["teaching"]))
    row += _cell(minutes_text(totals["activity"]))
    in_class = totals['sessions'] * int(vocabulary()['session']['minutes'])
    row += _cell(f"{totals['sessions']} ({minutes_text(in_class)} in class)")
    body += row
    group += body
    return table


# What each kind of placeholder becomes; other modules add their own kinds (sphinx.review).
RESOLVERS: dict[str, Callable[[Sphinx, str, dict[str, dict[str, Any]]], nodes.Node]] = {
    "hours": _hours_table}
