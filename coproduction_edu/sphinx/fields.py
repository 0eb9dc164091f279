"""Author text inside MyST that the extension writes: kept out until the MyST is parsed.

The extension builds some pages' MyST itself (the unit header, the language rules), so that
roles such as ``{cite:p}`` work. Text that people wrote goes in as a placeholder and comes out
through the one path all author text takes to HTML (``engine.markdown.inline``: escaped, with
only the safe Markdown subset), so it can add no markup, directive or script to the page.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes

from ..engine.markdown import inline

_TOKEN = re.compile(r"CPEFIELD(\d{4})X")


class Fields:
    """Contributors' texts, kept out of the MyST source until it has been parsed."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def put(self, text: Any) -> str:
        """A placeholder for ``text``: letters and digits that MyST leaves as they are."""
        self.texts.append(str(text))
        return f"CPEFIELD{len(self.texts) - 1:04d}X"

    def expand(self, markdown: str) -> str:
        """``markdown`` with each placeholder back as its text (to read, never to parse)."""
        return _TOKEN.sub(lambda m: self.texts[int(m[1])], markdown)

    def restore(self, tree: nodes.Element) -> None:
        """Put each text into the parsed tree as escaped HTML in the safe subset."""
        for text_node in list(tree.findall(nodes.Text)):
            parts = _TOKEN.split(text_node.astext())
            if len(parts) == 1:
                continue
            new: list[nodes.Node] = []
            for index, part in enumerate(parts):
                if index % 2:
                    new.append(nodes.raw("", inline(self.texts[int(part)]), format="html"))
                elif part:
                    new.append(nodes.Text(part))
            text_node.parent.replace(text_node, new)
