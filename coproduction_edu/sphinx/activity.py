"""The ``{activity}`` directive embeds an exercise block in a prose page; one runtime per page."""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..engine.render import RUNTIME_END, RUNTIME_START, STATIC_NOTES, render_block

logger = logging.getLogger(__name__)
_RUNTIME = re.compile(re.escape(RUNTIME_START) + ".*?" + re.escape(RUNTIME_END), re.S)


class Activity(SphinxDirective):
    """``:::{activity} unit-id/exercise-id``: the same block a notebook shows, no code cell."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        from ..engine.content import exercise

        ref = self.arguments[0].strip()
        try:
            block = render_block(exercise(ref), where="page")
        except (LookupError, ValueError) as err:
            logger.warning(f"activity {ref}: {err}", location=self.get_location(),
                           type="coproduction", subtype="activity")
            return []
        return [nodes.raw("", block, format="html", classes=["cpe-activity"])]


def keep_one_runtime(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Blocks from directives and notebook outputs each carry the runtime; keep the first.

    A notebook output's note asks the reader to run the cell; in the book it says why instead.
    """
    seen = False
    for node in list(doctree.findall(nodes.raw)):
        text = node.astext()
        if "html" not in node.get("format", "").split() or RUNTIME_START not in text:
            continue
        text = text.replace(STATIC_NOTES["notebook"], STATIC_NOTES["page"])

        def strip(match: re.Match[str]) -> str:
            nonlocal seen
            if seen:
                return ""
            seen = True
            return match[0]

        new = _RUNTIME.sub(strip, text)
        if new != node.astext():
            node.replace_self(nodes.raw("", new, format=node["format"],
                                        classes=node.get("classes", [])))


def discussed_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{discussed}`term```: a term quoted to be discussed, which the language check skips."""
    node = nodes.inline(rawtext, f"‘{text}’", classes=["cpe-discussed"])
    return [node], []
