"""Print-only markup: what an exercise shows on paper in place of its web controls.

A printed exercise is a blank worksheet: boxes to tick, lines to write on, a scenario's first
situation with its choices, and no answers. Each piece here is ``hidden``, so on screen it is
neither shown nor read by a screen reader (written ``hidden="hidden"``: Jupyter's sanitiser
drops a ``hidden`` that has no value), and has the class ``cpe-print-only``, which
``cpe-runtime.css`` shows in ``@media print`` while it hides the controls it stands for.
All author text goes through :func:`~.markdown.inline`.
"""

from __future__ import annotations

from typing import Any

from .markdown import inline

# With more categories than this, a statement gets a line to write its category on.
TICK_LIMIT = 4
REWRITE_LINES = 8
STAGE_LINES = 4


def print_only(html: str, classes: str, tag: str = "div") -> str:
    """``html`` in an element shown only in print."""
    return f'<{tag} class="cpe-print-only {classes}" hidden="hidden">{html}</{tag}>'


def ticks(labels_html: list[str]) -> str:
    """A list of empty boxes to tick, one per label (labels already rendered)."""
    rows = "".join(f'<li><span class="cpe-box"></span><span class="cpe-tick-label">{label}'
                   "</span></li>" for label in labels_html)
    return f'<ul class="cpe-ticks">{rows}</ul>'


def lines(count: int) -> str:
    """An empty, ruled space to write in."""
    return print_only("<span></span>" * count, "cpe-lines")


def category_head(categories: list[dict[str, Any]]) -> str:
    """Column headings for the boxes: a printed classify is a grid, one row a statement."""
    if len(categories) > TICK_LIMIT:
        return ""
    cells = "".join(f"<span>{inline(c['label'])}</span>" for c in categories)
    return print_only(f'<div class="cpe-head-row"><span></span>{cells}</div>', "cpe-print-head")


def category_choice(categories: list[dict[str, Any]]) -> str:
    """For one statement: a box per category, or, if there are many, a line to write on."""
    if len(categories) <= TICK_LIMIT:
        return print_only(ticks([inline(c["label"]) for c in categories]), "cpe-print-category")
    return print_only('Category: <span class="cpe-blank"></span>', "cpe-print-write")


def category_key(categories: list[dict[str, Any]]) -> str:
    """The categories to write in, listed once, when they are many and some lack a
    description (described ones are already listed on screen and on paper)."""
    if len(categories) <= TICK_LIMIT or all(c.get("description") for c in categories):
        return ""
    rows = "".join(f"<li>{inline(c['label'])}</li>" for c in categories)
    return print_only(f"<p>The categories:</p><ul>{rows}</ul>", "cpe-print-key")


def scenario_choices(exercise: Any) -> str:
    """The first situation's choices as a printed question (the situation itself is in the
    block's stage); the book and the notebook show where each choice leads."""
    start = exercise.nodes[exercise.data["start"]]
    choices = [inline(c["text"]) for c in start.get("choices", [])]
    if not choices:
        return ""
    return print_only("<p>What would you do? Tick one. The book and the notebook show where "
                      f"each choice leads.</p>{ticks(choices)}", "cpe-print-start")
