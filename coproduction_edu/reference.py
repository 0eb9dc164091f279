"""Reference tables a student can show in a notebook, such as the NMC platforms."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from .vocabulary import vocabulary


@dataclass(frozen=True)
class Table:
    """A small two-column table that reads well in a terminal and in a notebook."""

    caption: str
    header: tuple[str, str]
    rows: tuple[tuple[str, str], ...]

    def __str__(self) -> str:
        width = max(len(left) for left, _ in (self.header, *self.rows))
        lines = [self.caption, ""]
        lines += [f"{left:<{width}}  {right}" for left, right in (self.header, *self.rows)]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        head = "".join(f'<th scope="col">{escape(cell)}</th>' for cell in self.header)
        body = "".join(f'<tr><th scope="row">{escape(left)}</th><td>{escape(right)}</td></tr>'
                       for left, right in self.rows)
        return (f"<table><caption>{escape(self.caption)}</caption>"
                f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def nmc_platforms() -> Table:
    """The seven platforms and two annexes of the NMC's Future nurse standards (2018)."""
    rows = tuple((f"{'Annexe' if isinstance(code, str) else 'Platform'} {code}", name)
                 for code, name in vocabulary()["nmc"].items())
    return Table("NMC Future nurse (2018): platforms and annexes", ("Code", "What it covers"),
                 rows)
