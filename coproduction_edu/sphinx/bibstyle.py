"""An author-year (Harvard) bibliography for pybtex, as UK nursing programmes expect."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar

from pybtex.database import Entry
from pybtex.plugin import find_plugin, register_plugin
from pybtex.richtext import Text
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting import BaseSortingStyle
from pybtex.style.template import Node, tag
from pybtex.style.template import field as bib_field
from sphinxcontrib.bibtex import plugin as bibtex_plugin
from sphinxcontrib.bibtex.style.referencing import (
    BracketStyle,
    GroupReferenceStyle,
    PersonStyle,
)
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle
from sphinxcontrib.bibtex.style.referencing.basic_author_year import (
    BasicAuthorYearParentheticalReferenceStyle,
    BasicAuthorYearTextualReferenceStyle,
)
from sphinxcontrib.bibtex.style.template import join, join2, node, post_text, pre_text, reference

STYLE_NAME = "harvard"


def _authors(entry: Entry) -> str:
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    names = [" ".join(person.last_names) for person in people]
    if not names:
        return entry.fields.get("organization") or entry.fields.get("title", "Anon.")
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]} and {names[1]}"
    return f"{names[0]} et al."


def author_year(entry: Entry) -> str:
    """``Arnstein 1969``; a statute or case whose title ends with its year keeps the title."""
    year = entry.fields.get("year", "n.d.")
    who = _authors(entry).replace("{", "").replace("}", "")
    return who if who.endswith(year) else f"{who} {year}"


def _suffixed(sorted_entries: Iterable[Entry]) -> dict[str, str]:
    """Each entry's label by key, with a, b, ... where one author has several works a year."""
    entries = list(sorted_entries)
    total = Counter(author_year(entry) for entry in entries)
    seen: Counter[str] = Counter()
    labels = {}
    for entry in entries:
        label = author_year(entry)
        if total[label] > 1:
            labels[entry.key] = label + "abcdefghijklmnopqrstuvwxyz"[seen[label]]
            seen[label] += 1
        else:
            labels[entry.key] = label
    return labels


_SHARED: dict[str, str] = {}


def share_labels(entries: Iterable[Entry]) -> None:
    """Label from now on as if every list held all of ``entries`` (all the works a book cites).

    Then a work keeps one label, say ``Nursing and Midwifery Council 2018b``, in every list
    that holds it and in the text, even in a list where its 2018a is absent.
    """
    _SHARED.clear()
    _SHARED.update(_suffixed(sorted(entries, key=AuthorYearSortingStyle().sorting_key)))


class AuthorYearLabelStyle(BaseLabelStyle):
    """Labels such as ``Arnstein 1969``; a, b, ... tell apart one author's works in a year."""

    def format_labels(self, sorted_entries: Iterable[Entry]) -> Iterator[str]:
        entries = list(sorted_entries)
        own = _suffixed(entries)
        for entry in entries:
            yield _SHARED.get(entry.key) or own[entry.key]


class AuthorYearSortingStyle(BaseSortingStyle):
    """Alphabetical by the name a reader looks for (author, organisation or case), then year."""

    def sorting_key(self, entry: Entry) -> tuple[str, str, str]:
        return (author_year(entry).casefold(), entry.fields.get("year", ""),
                entry.fields.get("title", "").casefold())


class HarvardStyle(UnsrtStyle):
    """The unsrt entry layout, sorted by author then year, with author-year labels.

    Every page's reference list formats its own entries, so the book formats most sources
    several times over; an entry with the same label and the same content is formatted once,
    and the formatted entries are kept in the build environment for the next build
    (:func:`keep_formatted_entries`).
    """

    default_label_style = AuthorYearLabelStyle
    default_sorting_style = AuthorYearSortingStyle
    _formatted: ClassVar[dict[tuple, Any]] = {}
    _used: ClassVar[set[tuple]] = set()

    def format_entry(self, label: str, entry: Entry, bib_data: Any = None) -> Any:
        key = (label, entry.key, entry.type, tuple(entry.fields.items()),
               tuple((role, tuple(map(str, people))) for role, people in entry.persons.items()))
        if bib_data is not None:
            return super().format_entry(label, entry, bib_data=bib_data)
        if key not in self._formatted:
            self._formatted[key] = super().format_entry(label, entry)
        self._used.add(key)
        return self._formatted[key]


FORMATTED_IN_ENV = "coproduction_formatted_entries"


def restore_formatted_entries(app: Any, env: Any, docnames: list[str]) -> None:
    """Before a build reads its pages: the entries the last build formatted."""
    HarvardStyle._formatted.update(getattr(env, FORMATTED_IN_ENV, {}))
    HarvardStyle._used.clear()


def keep_formatted_entries(app: Any, env: Any) -> None:
    """After sphinxcontrib-bibtex has formatted this build's entries: keep those it used
    (an entry that changed has a new key, so the old formatting is never reused)."""
    setattr(env, FORMATTED_IN_ENV, {key: value for key, value in HarvardStyle._formatted.items()
                                    if key in HarvardStyle._used})


def _round() -> BracketStyle:
    return BracketStyle(left="(", right=")")


def _dated_title(entry: Entry) -> bool:
    """A statute or similar, named by a title that already holds its year."""
    people = entry.persons.get("author") or entry.persons.get("editor")
    year = entry.fields.get("year", "")
    return not people and bool(year) and entry.fields.get("title", "").rstrip("}").endswith(year)


@node
def harvard_year(children: list, data: dict[str, Any]) -> Text:
    """The year with the bibliography's a/b suffix; nothing for a title that holds its year."""
    entry, label = data["entry"], data["formatted_entry"].label
    if _dated_title(entry):
        return Text()
    year = entry.fields.get("year", "n.d.")
    suffix = label[-1] if label[-1:].isalpha() and label[:-1].endswith(year) else ""
    return Text(year + suffix)


@node
def harvard_name(children: list, data: dict[str, Any], full: bool = False) -> Text:
    """Author, editor or title; nothing for a dated title, whose title becomes the link."""
    if _dated_title(data["entry"]):
        return Text()
    return PersonStyle().author_or_editor_or_title(full=full).format_data(data)


@node
def harvard_textual_link(children: list, data: dict[str, Any], pre_sep: str = " ",
                         post_sep: str = ", ") -> Text:
    """``(2015a)`` after the name, or the linked title of a statute with any page text."""
    if _dated_title(data["entry"]):
        return join2(sep1=pre_sep, sep2=post_sep)[
            pre_text, reference[tag("em")[bib_field("title")]], post_text].format_data(data)
    return join["(", join2(sep1=pre_sep, sep2=post_sep)[
        pre_text, reference[harvard_year], post_text], ")"].format_data(data)


@dataclass
class HarvardParenthetical(BasicAuthorYearParentheticalReferenceStyle):
    """(Arnstein, 1969); (Nursing and Midwifery Council, 2018a); (Mental Health Act 1983)."""

    def inner(self, role_name: str) -> Node:
        return join2(sep1=self.pre_text_sep, sep2=self.post_text_sep)[
            pre_text,
            reference[join(sep=self.author_year_sep)[
                self.person.author_or_editor_or_title(full="s" in role_name), harvard_year]],
            post_text]


@dataclass
class HarvardTextual(BasicAuthorYearTextualReferenceStyle):
    """Arnstein (1969); Mental Health Act 1983."""

    def inner(self, role_name: str) -> Node:
        return join(sep=self.text_reference_sep)[
            harvard_name(full="s" in role_name),
            harvard_textual_link(pre_sep=self.pre_text_sep, post_sep=self.post_text_sep)]


@dataclass
class HarvardReferenceStyle(AuthorYearReferenceStyle):
    """In-text citations in round brackets, matching the bibliography's labels."""

    bracket_parenthetical: BracketStyle = field(default_factory=_round)
    bracket_textual: BracketStyle = field(default_factory=_round)
    bracket_author: BracketStyle = field(default_factory=_round)
    bracket_label: BracketStyle = field(default_factory=_round)
    bracket_year: BracketStyle = field(default_factory=_round)

    def __post_init__(self) -> None:
        super().__post_init__()
        self.styles[0] = HarvardParenthetical(
            bracket=self.bracket_parenthetical, person=self.person,
            author_year_sep=self.author_year_sep, pre_text_sep=self.pre_text_sep,
            post_text_sep=self.post_text_sep)
        self.styles[1] = HarvardTextual(
            bracket=self.bracket_textual, person=self.person,
            text_reference_sep=self.text_reference_sep, pre_text_sep=self.pre_text_sep,
            post_text_sep=self.post_text_sep)
        GroupReferenceStyle.__post_init__(self)


# Plugins sphinxcontrib-bibtex looks up by name for every citation (a book of 350 citations
# asked for the plain-text backend 636 times). pybtex answers each lookup by scanning every
# installed package's entry points, which was over a third of a clean build; a plugin
# registered at run time is found in a dictionary instead.
LOOKED_UP_PER_CITATION = (
    ("pybtex.backends", "plaintext"),
    ("pybtex.backends", "docutils"),
    ("pybtex.style.names", "last"),
    ("pybtex.style.names", "plain"),
)


def resolve_plugins_once() -> None:
    """Resolve each plugin in ``LOOKED_UP_PER_CITATION`` once, to the class its entry point
    names, and register that same class, so later lookups do not scan the entry points."""
    for group, name in LOOKED_UP_PER_CITATION:
        register_plugin(group, name, find_plugin(group, name), force=True)


def register_harvard_style() -> None:
    """Make ``harvard`` available as ``bibtex_default_style`` and ``bibtex_reference_style``."""
    resolve_plugins_once()
    register_plugin("pybtex.style.formatting", STYLE_NAME, HarvardStyle)
    bibtex_plugin.register_plugin("sphinxcontrib.bibtex.style.referencing", STYLE_NAME,
                                  HarvardReferenceStyle)
