"""An author-year (Harvard) bibliography for pybtex, as UK nursing programmes expect."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from pybtex.database import Entry
from pybtex.plugin import register_plugin
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting import BaseSortingStyle
from sphinxcontrib.bibtex import plugin as bibtex_plugin
from sphinxcontrib.bibtex.style.referencing import BracketStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle

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


def _label(entry: Entry) -> str:
    """``Arnstein 1969``; a statute or case whose title ends with its year keeps the title."""
    year = entry.fields.get("year", "n.d.")
    who = _authors(entry).replace("{", "").replace("}", "")
    return who if who.endswith(year) else f"{who} {year}"


class AuthorYearLabelStyle(BaseLabelStyle):
    """Labels such as ``Arnstein 1969``; a, b, ... tell apart one author's works in a year."""

    def format_labels(self, sorted_entries: Iterable[Entry]) -> Iterator[str]:
        plain = [_label(entry) for entry in sorted_entries]
        total = Counter(plain)
        seen: Counter[str] = Counter()
        for label in plain:
            if total[label] > 1:
                yield label + "abcdefghijklmnopqrstuvwxyz"[seen[label]]
                seen[label] += 1
            else:
                yield label


class AuthorYearSortingStyle(BaseSortingStyle):
    """Alphabetical by the name a reader looks for (author, organisation or case), then year."""

    def sorting_key(self, entry: Entry) -> tuple[str, str, str]:
        return (_label(entry).casefold(), entry.fields.get("year", ""),
                entry.fields.get("title", "").casefold())


class HarvardStyle(UnsrtStyle):
    """The unsrt entry layout, sorted by author then year, with author-year labels."""

    default_label_style = AuthorYearLabelStyle
    default_sorting_style = AuthorYearSortingStyle


def _round() -> BracketStyle:
    return BracketStyle(left="(", right=")")


@dataclass
class HarvardReferenceStyle(AuthorYearReferenceStyle):
    """In-text citations in round brackets: (Arnstein, 1969), Arnstein (1969)."""

    bracket_parenthetical: BracketStyle = field(default_factory=_round)
    bracket_textual: BracketStyle = field(default_factory=_round)
    bracket_author: BracketStyle = field(default_factory=_round)
    bracket_label: BracketStyle = field(default_factory=_round)
    bracket_year: BracketStyle = field(default_factory=_round)


def register_harvard_style() -> None:
    """Make ``harvard`` available as ``bibtex_default_style`` and ``bibtex_reference_style``."""
    register_plugin("pybtex.style.formatting", STYLE_NAME, HarvardStyle)
    bibtex_plugin.register_plugin("sphinxcontrib.bibtex.style.referencing", STYLE_NAME,
                                  HarvardReferenceStyle)
