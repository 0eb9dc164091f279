"""The ``{language-rules}`` directive: every rule of the language checker, with its source.

Students meet a rule one finding at a time; this page lets a lecturer see them all, and the
guidance each rests on, as citations into the book's reference list.
"""

from __future__ import annotations

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..language import CATEGORIES, rules
from .fields import Fields

logger = logging.getLogger(__name__)


def rules_markdown(category: str, fields: Fields) -> str:
    """One category's rules as a MyST list; the rules' texts are held in ``fields``."""
    lines = []
    for rule in rules():
        if rule.category != category:
            continue
        words = ", ".join(dict.fromkeys((*rule.terms, *rule.inflections)))
        cites = "; ".join(f"{{cite:t}}`{key}`" for key in rule.cites)
        lines.append(f"- **{fields.put(words)}**. Try: {fields.put(rule.suggestion)}. "
                     f"{fields.put(rule.reason)} Source: {cites or fields.put(rule.source)}.")
    return "\n".join(lines)


class LanguageRules(SphinxDirective):
    """``:::{language-rules} CATEGORY``: that category's rules, each with its citations."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        category = self.arguments[0]
        if category not in CATEGORIES:
            raise self.error(f"language-rules: {category!r} is not a category; expected one of "
                             f"{', '.join(CATEGORIES)}")
        container = nodes.container(classes=["cpe-language-rules"])
        fields = Fields()
        try:
            text = rules_markdown(category, fields)
        except ValueError as err:  # the rules file is broken: say so, where, and go on
            logger.warning(f"language-rules: coproduction_edu/content/language.yaml: {err}",
                           location=self.get_location(), type="coproduction",
                           subtype="language")
            return []
        self.state.nested_parse(StringList(text.splitlines(), self.env.docname),
                                self.content_offset, container)
        fields.restore(container)
        return [container]
