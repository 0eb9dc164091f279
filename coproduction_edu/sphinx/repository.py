"""The ``{repo}`` role: a link into the book's repository, from ``repository.url`` alone.

``_config.yml`` names the repository once; the review page, the issue forms and the launch
buttons all follow it, so an educator who forks the book changes one line. A page that links
into the repository while no URL is set gets a build warning, not a dead link.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

logger = logging.getLogger(__name__)
TITLED = re.compile(r"^(?P<text>.+?)\s*<(?P<path>[^<>]*)>$", re.S)


# Jupyter Book fills in its own repository when a book names none; a fork that deleted the
# setting would otherwise send its reviewers to Jupyter Book's issue tracker.
JUPYTER_BOOK_DEFAULT = "https://github.com/executablebooks/jupyter-book"


def repository_url(config: Any) -> str:
    """The repository's address without a trailing slash, or ``""`` when none is set."""
    url = str(config.html_theme_options.get("repository_url") or "").rstrip("/")
    return "" if url == JUPYTER_BOOK_DEFAULT else url


class RepositoryLink(SphinxRole):
    """``{repo}`Text <path>``` links to ``repository_url/path``."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        match = TITLED.match(self.text)
        text, path = (match["text"], match["path"]) if match else (self.text, "")
        base = repository_url(self.config)
        if not base:
            logger.warning("repository.url is not set in _config.yml, so this link has "
                           "nowhere to go", location=self.get_location(),
                           type="coproduction", subtype="repository")
            return [nodes.Text(text)], []
        target = f"{base}/{path.lstrip('/')}" if path else base
        return [nodes.reference(self.rawtext, text, refuri=target)], []
