"""The ``{unit-header}`` directive: what a unit asks of a student, drawn from its front matter.

The header's frame is MyST, parsed in place so that roles such as ``{cite:p}`` in the project's
own signposting work. Every text a contributor wrote (names, notes, review records, questions,
outcomes) goes in as a placeholder and comes out through the one path all author text takes
to HTML (``engine.markdown.inline``: escaped, with only the safe Markdown subset), so no
front matter can add markup, a directive or a script to the page.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

from ..vocabulary import duration_line, label, nmc_label, vocabulary
from .fields import Fields

ABOUT = "About this unit: learning outcomes and NMC platforms"
REVIEW_PAGE = "/book/contributing/review"
REVIEW_LINK = "Tell us what you think"


class UnitHeader(SphinxDirective):
    """Status banner, content notes, time, questions, outcomes, keys and VBP elements."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        unit = getattr(self.env, "coproduction_units", {}).get(self.env.docname)
        if unit is None:
            return []
        container = nodes.container(classes=["cpe-unit-header"])
        fields = Fields()
        text = header_markdown(unit, fields)
        self.state.nested_parse(StringList(text.splitlines(), self.env.docname),
                                self.content_offset, container)
        fields.restore(container)
        return [container]


def _contributors(contributors: list[dict[str, Any]], fields: Fields) -> list[str]:
    """One line per contributor: name, roles and, where given, their note."""
    lines = ["Contributors:", ""]
    for person in contributors:
        roles = ", ".join(label("roles", role).lower() for role in person["roles"])
        note = f": {fields.put(person['note'])}" if person.get("note") else ""
        lines.append(f"- {fields.put(person['name'])} ({roles}){note}")
    return [*lines, ""]


def header_markdown(unit: dict[str, Any], fields: Fields | None = None) -> str:
    """The header as MyST Markdown, with each contributor's text held in ``fields``."""
    fields = fields if fields is not None else Fields()
    copro = unit["coproduction"]
    status = vocabulary()["status"][copro["status"]]
    title = status["label"]
    if copro["status"] == "draft":
        title = "Draft: not yet reviewed by people with lived experience"
    review = f"{{doc}}`{REVIEW_LINK} <{REVIEW_PAGE}>`."
    lines = [f"::::{{admonition}} {title}", f":class: cpe-status cpe-status-{copro['status']}",
             f"{status['message']} {review}", "", *_contributors(copro["contributors"], fields)]
    if "reviewed" in copro:
        lines += [f"Review finished on {fields.put(copro['reviewed']['date'])}: "
                  f"{fields.put(copro['reviewed']['record'])}."]
    lines += ["::::", ""]
    if unit["content_notes"]:
        topics = [label("content_notes", note) for note in unit["content_notes"]]
        lines += ["::::{admonition} Content note", ":class: cpe-content-note",
                  f"This unit discusses {_join(topics)}.", ""]
        for item in vocabulary()["signposting"]:
            cite = f" {{cite:p}}`{item['cite']}`" if item.get("cite") else ""
            lines.append(f"- {item['text'].strip()}{cite}")
        lines += ["::::", ""]
    duration = unit["duration"]
    teaching, activity = duration["teaching_minutes"], duration["activity_minutes"]
    lines += [f"**Time:** {duration_line(teaching, activity)}", ""]
    lines += ["**Questions this unit answers**", ""]
    lines += [f"- {fields.put(question)}" for question in unit["questions"]] + [""]
    # Outcomes and their mapping fold away, so a phone reaches the teaching in one screen;
    # print opens them (coproduction.css), so a handout has them all.
    lines += [f"::::{{dropdown}} {ABOUT}", ":class-container: cpe-about", "",
              "**Learning outcomes.** By the end of this unit you will be able to:", ""]
    for number, outcome in enumerate(unit["learning_outcomes"], start=1):
        mapped = "; ".join(nmc_label(code) for code in outcome["nmc"])
        lines.append(f"{number}. {fields.put(outcome['text'])} *(NMC {mapped})*")
    lines.append("")
    if unit["three_keys"]:
        keys = "; ".join(label("three_keys", key) for key in unit["three_keys"])
        lines += [f"**The three keys this unit develops:** {keys}.", ""]
    if unit["vbp_elements"]:
        elements = "; ".join(label("vbp_elements", e) for e in unit["vbp_elements"])
        lines += [f"**Elements of values-based practice:** {elements}.", ""]
    lines += ["::::", ""]
    return "\n".join(lines)


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
