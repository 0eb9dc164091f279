"""The units' quiz and classify activities as a Moodle GIFT question bank.

One ``$CATEGORY`` per unit. A quiz is a multiple-choice question (one right answer, or with
``multiple: true`` weighted so that choosing every option never earns full marks); a classify
activity is a matching question, one pair per statement. All text is plain (``[plain]``), so
nothing an author wrote can become markup in the platform, and GIFT's special characters are
escaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..engine.base import Exercise
from ..engine.markdown import plain

CATEGORY_ROOT = "coproduction-edu"
EXPORTED = ("quiz", "classify")
SPECIAL = re.compile(r"([~=#{}:\\])")
ARROW = "\u2192"
# The percentages Moodle accepts for an answer's weight (its question bank refuses others).
WEIGHTS = (100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20,
           16.66667, 14.28571, 12.5, 11.11111, 10, 5)


def escape(text: str) -> str:
    """``text`` as plain GIFT text: one line, special characters escaped, and ``->`` (which
    GIFT parsers read as a matching pair anywhere) written as an arrow, ``→``."""
    return SPECIAL.sub(r"\\\1", " ".join(plain(text).split()).replace("->", ARROW))


def _text(text: str) -> str:
    return "[plain]" + escape(text)


def _weight(share: float) -> str:
    """The Moodle weight nearest to ``share`` per cent, as GIFT writes it."""
    nearest = min(WEIGHTS, key=lambda w: abs(w - abs(share)))
    value = f"{nearest:g}" if nearest == int(nearest) else f"{nearest:.5f}"
    return f"%{'-' if share < 0 else ''}{value}%"


def quiz_question(exercise: Exercise) -> str:
    options = exercise.data["options"]
    right = [o for o in options if o.get("correct")]
    lines = []
    for option in options:
        feedback = f"#{_text(option['feedback'])}" if option.get("feedback") else ""
        if exercise.data.get("multiple"):
            share = 100 / len(right) if option.get("correct") else -100 / len(right)
            lines.append(f"~{_weight(share)}{_text(option['text'])}{feedback}")
        else:
            mark = "=" if option.get("correct") else "~"
            lines.append(f"{mark}{_text(option['text'])}{feedback}")
    return _question(exercise, exercise.prompt or exercise.title, lines)


def classify_question(exercise: Exercise) -> str:
    labels = {c["id"]: c["label"] for c in exercise.data["categories"]}
    lines = [f"={_text(s['text'])} -> {escape(labels[s['category']])}"
             for s in exercise.data["statements"]]
    return _question(exercise, exercise.prompt or exercise.title, lines)


def _question(exercise: Exercise, stem: str, answers: list[str]) -> str:
    title = escape(f"{exercise.ref}: {exercise.title}")
    body = "\n".join(answers)
    return f"::{title}::{_text(stem)}{{\n{body}\n}}\n"


WRITERS = {"quiz": quiz_question, "classify": classify_question}


def gift_bank(units: Iterable[tuple[str, list[Exercise]]]) -> str:
    """The whole bank: for each ``(unit, exercises)``, its category and its questions."""
    parts = ["// Question bank from the coproduction-edu book, written by "
             "'coproduction-edu export gift'. Import it in Moodle: Question bank, Import, GIFT.\n"]
    for unit, exercises in units:
        questions = [WRITERS[e.type](e) for e in exercises if e.type in EXPORTED]
        if questions:
            parts.append(f"$CATEGORY: {CATEGORY_ROOT}/{unit}\n")
            parts.extend(questions)
    return "\n".join(parts)
