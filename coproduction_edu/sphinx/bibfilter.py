"""A faster path for the book's own reference lists in sphinxcontrib-bibtex 2.7.

Each unit and facilitator page ends with a ``{bibliography}`` filtered by
``docname in docnames`` (:data:`.references.LOCAL_FILTER`): the sources cited on that page.
To evaluate it, sphinxcontrib-bibtex scans every citation in the book for every entry of every
list, on every build, so the cost grows as lists x entries x citations and a rebuild with nothing
changed paid it all again. For lists with that one filter, this answers the same question from
an index of which pages cite each key, built once per evaluation of the book's citations; every
other list goes through sphinxcontrib-bibtex unchanged.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from sphinxcontrib.bibtex.domain import BibtexDomain

from .references import is_local

_upstream_filtered = BibtexDomain.get_filtered_entries
_upstream_env_updated = BibtexDomain.env_updated


def cited_in(citation_refs: Iterable[Any]) -> dict[str, set[str]]:
    """For each cited key, the pages that cite it."""
    pages: dict[str, set[str]] = defaultdict(set)
    for ref in citation_refs:
        for target in ref.targets:
            pages[target.key].add(ref.docname)
    return pages


def _filtered_entries(self: BibtexDomain, bibliography_key: Any) -> Iterator[tuple[str, Any]]:
    bibliography = self.bibliographies[bibliography_key]
    if not is_local(bibliography):
        yield from _upstream_filtered(self, bibliography_key)
        return
    pages = getattr(self, "_cpe_cited_in", None) or cited_in(self.citation_refs)
    for entry in self.get_entries(bibliography.bibfiles):
        key = bibliography.keyprefix + entry.key
        if bibliography_key.docname in pages.get(key, ()) or entry.key in bibliography.keys:
            yield key, entry


def _env_updated(self: BibtexDomain) -> Iterable[str]:
    self._cpe_cited_in = cited_in(self.citation_refs)
    try:
        return _upstream_env_updated(self)
    finally:
        del self._cpe_cited_in


def index_local_reference_lists() -> None:
    """Use the index for the book's own reference lists (idempotent)."""
    BibtexDomain.get_filtered_entries = _filtered_entries
    BibtexDomain.env_updated = _env_updated
