"""The ``{unit-header}`` directive: what a unit asks of a student, drawn from its front matter."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

from ..vocabulary import label, nmc_label, vocabulary


class UnitHeader(SphinxDirective):
    """Status banner, content notes, time, questions, outcomes, keys and VBP elements."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        unit = getattr(self.env, "coproduction_units", {}).get(self.env.docname)
        if unit is None:
            return []
        container = nodes.container(classes=["cpe-unit-header"])
        text = header_markdown(unit)
        self.state.nested_parse(StringList(text.splitlines(), self.env.docname),
                                self.content_offset, container)
        return [container]


def _names(contributors: list[dict[str, Any]]) -> str:
    people = []
    for person in contributors:
        roles = ", ".join(label("roles", role).lower() for role in person["roles"])
        people.append(f"{person['name']} ({roles})")
    return "; ".join(people)


def _minutes(total: int) -> str:
    hours, minutes = divmod(total, 60)
    parts = [f"{hours} hour{'s' * (hours != 1)}"] if hours else []
    parts += [f"{minutes} minutes"] if minutes or not hours else []
    return " ".join(parts)


def header_markdown(unit: dict[str, Any]) -> str:
    """The header as MyST Markdown, parsed in place so roles such as ``{cite:p}`` work."""
    copro = unit["coproduction"]
    status = vocabulary()["status"][copro["status"]]
    title = status["label"]
    if copro["status"] == "draft":
        title = "Draft: not yet reviewed by people with lived experience"
    lines = [f"::::{{admonition}} {title}", f":class: cpe-status cpe-status-{copro['status']}",
             status["message"], "", f"Contributors: {_names(copro['contributors'])}."]
    if "reviewed" in copro:
        lines += ["", f"Review finished on {copro['reviewed']['date']}: "
                      f"{copro['reviewed']['record']}."]
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
    lines += [f"**Time:** {_minutes(teaching + activity)} in all: {teaching} minutes of "
              f"teaching and {activity} minutes of activities.", ""]
    lines += ["**Questions this unit answers**", ""]
    lines += [f"- {question}" for question in unit["questions"]] + [""]
    lines += ["**Learning outcomes.** By the end of this unit you will be able to:", ""]
    for number, outcome in enumerate(unit["learning_outcomes"], start=1):
        mapped = "; ".join(nmc_label(code) for code in outcome["nmc"])
        lines.append(f"{number}. {outcome['text']} *(NMC {mapped})*")
    lines.append("")
    if unit["three_keys"]:
        keys = "; ".join(label("three_keys", key) for key in unit["three_keys"])
        lines += [f"**The three keys this unit develops:** {keys}.", ""]
    if unit["vbp_elements"]:
        elements = "; ".join(label("vbp_elements", e) for e in unit["vbp_elements"])
        lines += [f"**Elements of values-based practice:** {elements}.", ""]
    return "\n".join(lines)


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
