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

The same citation, say ``{cite:p}`nmc2018``, is written on many pages, and sphinxcontrib-bibtex
ran its style's templates for each one. The templates read only the entries, their labels
(which are the same on every page, :func:`.bibstyle.share_labels`) and the text before and
after; the page and the link target come in as reference information that only the final
rendering uses. So within a build, each distinct citation is formatted once, and each later
use takes a copy with its own page's reference information. This is one of the build's
shortcuts (:mod:`.shortcuts`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from pybtex.richtext import BaseMultipartText, BaseText
from sphinx.application import Sphinx
from sphinxcontrib.bibtex import domain as bibtex_domain
from sphinxcontrib.bibtex.citation_target import parse_citation_targets
from sphinxcontrib.bibtex.domain import BibtexDomain
from sphinxcontrib.bibtex.richtext import BaseReferenceText

from .bibstyle import HarvardReferenceStyle
from .references import is_local
from .shortcuts import shortcuts_on

_upstream_filtered = BibtexDomain.get_filtered_entries
_upstream_env_updated = BibtexDomain.env_updated
_upstream_resolve_xref = BibtexDomain.resolve_xref
_upstream_format_references = bibtex_domain.format_references
# This build's formatted citations: the text and the reference information it was made with.
_formatted_citations: dict[tuple, tuple[BaseText, list[Any]]] = {}


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


def _format_references(style: Any, role_name: str, references: Iterable[tuple]) -> BaseText:
    references = list(references)
    infos = [info for _, _, info in references]
    if (not isinstance(style, HarvardReferenceStyle) or not infos
            or not shortcuts_on(infos[0].builder.config)):
        return _upstream_format_references(style, role_name, references)
    key = (id(style), role_name, tuple((entry.key, formatted.label, info.pre_text,
                                        info.post_text) for entry, formatted, info in references))
    if key not in _formatted_citations:
        text = _upstream_format_references(style, role_name, references)
        _formatted_citations[key] = (text, infos)
        return text
    text, first_infos = _formatted_citations[key]
    replacements = {id(old): new for old, new in zip(first_infos, infos, strict=True)}
    return with_reference_info(text, replacements)


def with_reference_info(text: BaseText, replacements: dict[int, Any]) -> BaseText:
    """Formatted citation text whose references carry new reference information
    (``replacements`` maps ``id`` of the old information to the new). Parts without a
    reference are shared with ``text``, not copied."""
    if not isinstance(text, BaseMultipartText):
        return text
    parts = [with_reference_info(part, replacements) for part in text.parts]
    if isinstance(text, BaseReferenceText):
        return type(text)(replacements[id(text.info[0])], *parts)
    if all(new is old for new, old in zip(parts, text.parts, strict=True)):
        return text
    return text._create_similar(parts)


def _forget_formatted_citations(app: Sphinx) -> None:
    _formatted_citations.clear()


def index_local_reference_lists(app: Sphinx) -> None:
    """Use the indexes for the book's own reference lists and citations, and format each
    distinct citation once per build (idempotent)."""
    BibtexDomain.get_filtered_entries = _filtered_entries
    BibtexDomain.env_updated = _env_updated
    BibtexDomain.resolve_xref = _resolve_xref
    bibtex_domain.format_references = _format_references
    app.connect("builder-inited", _forget_formatted_citations)
