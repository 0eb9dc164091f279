"""What the student edition changes in a page (see :mod:`coproduction_edu.edition`).

- Each activity's *Answers and reasons* opens only after a first attempt: the page carries a
  ``cpe-answers`` meta tag that ``cpe-runtime.js`` reads. Without JavaScript nothing is locked.
- A link to a page for educators, which this edition leaves out, reads as its plain text.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..edition import EDITION_SETTING, for_educators

ANSWERS_META = '<meta name="cpe-answers" content="after-attempt">'


def is_student_edition(app: Sphinx) -> bool:
    return getattr(app.config, EDITION_SETTING, "full") == "student"


class UnlinkEducatorsPages(SphinxPostTransform):
    """Before MyST resolves links (priority 9), turn links to educators' pages into text."""

    default_priority = 8

    def run(self, **kwargs: Any) -> None:
        if not is_student_edition(self.app):
            return
        for node in list(self.document.findall(addnodes.pending_xref)):
            if (node.get("reftype") == "myst" and node.get("refdomain") == "doc"
                    and for_educators(node.get("reftarget", ""))):
                node.replace_self(nodes.inline("", "", *node.children))


def _answers_after_attempt(app: Sphinx, pagename: str, templatename: str,
                           context: dict[str, Any], doctree: Any) -> None:
    if is_student_edition(app):
        context["metatags"] = context.get("metatags", "") + ANSWERS_META + "\n"


def setup_edition(app: Sphinx) -> None:
    app.add_config_value(EDITION_SETTING, "full", "html", types=[str])
    app.add_post_transform(UnlinkEducatorsPages)
    app.connect("html-page-context", _answers_after_attempt)
