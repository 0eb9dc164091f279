"""A faster path for the book's own reference lists in sphinxcontrib-bibtex 2.7.

Each unit and facilitator page ends with a ``{bibliography}`` filtered by
``docname in docnames`` (:data:`.references.LOCAL_FILTER`): the sources cited on that page.
To evaluate it, sphinxcontrib-bibtex scans every citation in the book for every entry of every
list, on every build, so the cost grows as lists x entries x citations and a rebuild with nothing
changed paid it all again. For lists with that one filter, this answers the same question from
an index of which pages cite each key, built once per evaluation of the book's citations; every
other list goes through sphinxcontrib-bibtex unchanged.

Resolving each ``{cite}`` likewise scanned every citation of every list in the book (twice),
so the cost grew as citations x lists; it now sees only the citations of the keys it cites,
in the same order, from an index by key, and the upstream code does the rest.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from sphinxcontrib.bibtex.citation_target import parse_citation_targets
from sphinxcontrib.bibtex.domain import BibtexDomain

from .references import is_local

_upstream_filtered = BibtexDomain.get_filtered_entries
_upstream_env_updated = BibtexDomain.env_updated
_upstream_resolve_xref = BibtexDomain.resolve_xref


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


def _citations_by_key(self: BibtexDomain) -> dict[str, list[tuple[int, Any]]]:
    """Each key's citations with their places in the domain's list, kept until it changes."""
    citations = self.data["citations"]
    if getattr(self, "_cpe_index_of", None) is not citations:
        index: dict[str, list[tuple[int, Any]]] = defaultdict(list)
        for place, citation in enumerate(citations):
            index[citation.key].append((place, citation))
        self._cpe_index, self._cpe_index_of = index, citations
    return self._cpe_index


def _resolve_xref(self: BibtexDomain, env: Any, fromdocname: str, builder: Any, typ: str,
                  target: str, node: Any, contnode: Any) -> Any:
    index = _citations_by_key(self)
    keys = {cited.key for cited in parse_citation_targets(target)}
    everything = self.data["citations"]
    self.data["citations"] = [c for _, c in sorted(
        (found for key in keys for found in index.get(key, ())), key=lambda f: f[0])]
    try:
        return _upstream_resolve_xref(self, env, fromdocname, builder, typ, target, node,
                                      contnode)
    finally:
        self.data["citations"] = everything


def index_local_reference_lists() -> None:
    """Use the indexes for the book's own reference lists and citations (idempotent)."""
    BibtexDomain.get_filtered_entries = _filtered_entries
    BibtexDomain.env_updated = _env_updated
    BibtexDomain.resolve_xref = _resolve_xref
