"""Print a page of the built book to A4 PDF in Chromium, and read the PDF back with pypdf.

Shared by tests/test_print.py and benchmarks/print.py.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass

from coproduction_edu.browser import print_pdf  # noqa: F401  (the tests' import)

QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "\u00a0": " "})


def normalise(text: str) -> str:
    """Text as a reader sees it, for comparing: ligatures and curly quotes undone, a word
    broken after its hyphen at a line end joined again, and white space as single spaces."""
    text = unicodedata.normalize("NFKC", text).translate(QUOTES)
    return re.sub(r"\s+", " ", re.sub(r"-\s*\n\s*", "-", text)).strip()


@dataclass(frozen=True)
class Printed:
    """One printed page of the book: the text of each sheet of paper, and how full it is."""

    texts: list[str]
    fills: list[float]

    @property
    def text(self) -> str:
        return " ".join(self.texts)

    def sheet_of(self, fragment: str) -> int | None:
        """The index of the first sheet whose text holds ``fragment``."""
        return next((i for i, text in enumerate(self.texts) if fragment in text), None)


def read_pdf(data: bytes) -> Printed:
    """The normalised text of each sheet, and how far down it the lowest text reaches."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return Printed([normalise(sheet.extract_text()) for sheet in reader.pages],
                   [_fill(sheet) for sheet in reader.pages])


def _fill(sheet) -> float:
    """0 for a blank sheet; near 1 when text runs to the bottom margin."""
    lows: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            lows.append(cm[1] * tm[4] + cm[3] * tm[5] + cm[5])

    sheet.extract_text(visitor_text=visit)
    height = float(sheet.mediabox.height)
    return round(1 - min(lows) / height, 2) if lows else 0.0
