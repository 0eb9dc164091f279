"""Labels for the codes used in unit front matter (NMC platforms, keys, VBP elements...)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def vocabulary() -> dict[str, Any]:
    """The parsed ``coproduction_edu/data/vocabulary.yaml``."""
    text = resources.files("coproduction_edu").joinpath("data/vocabulary.yaml").read_text()
    return yaml.safe_load(text)


def label(group: str, code: Any) -> str:
    """The human label for ``code`` in ``group``; the code itself if it has none."""
    return str(vocabulary()[group].get(code, code))


def nmc_label(code: int | str) -> str:
    """E.g. ``Platform 4: Providing and evaluating care`` or ``Annexe A: ...``."""
    kind = "Annexe" if isinstance(code, str) else "Platform"
    return f"{kind} {code}: {label('nmc', code)}"


def session_work_minutes() -> int:
    """Minutes of teaching and activities in one session: the session less its break."""
    session = vocabulary()["session"]
    return int(session["minutes"]) - int(session["break_minutes"])


def sessions_for(work_minutes: int) -> int:
    """How many sessions of the book's one shape ``work_minutes`` of a unit take."""
    return max(1, -(-work_minutes // session_work_minutes()))


def duration_line(teaching: int, activity: int) -> str:
    """E.g. ``one two-hour session: 50 minutes of teaching, 60 minutes of activities and a
    10-minute break.``"""
    session = vocabulary()["session"]
    count = sessions_for(teaching + activity)
    plural, each = ("s", " in each") if count != 1 else ("", "")
    return (f"{_number(count)} {_in_words(int(session['minutes']))} session{plural}: "
            f"{teaching} minutes of teaching, {activity} minutes of activities and a "
            f"{session['break_minutes']}-minute break{each}.")


NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                "ten")


def _number(count: int) -> str:
    return NUMBER_WORDS[count] if count < len(NUMBER_WORDS) else str(count)


def _in_words(minutes: int) -> str:
    """``two-hour`` for 120, ``90-minute`` for 90."""
    hours, rest = divmod(minutes, 60)
    return f"{_number(hours)}-hour" if hours and not rest else f"{minutes}-minute"


def minutes_text(total: int) -> str:
    """E.g. ``1 hour 50 minutes``, ``2 hours``, ``45 minutes``."""
    hours, minutes = divmod(total, 60)
    parts = [f"{hours} hour{'s' * (hours != 1)}"] if hours else []
    parts += [f"{minutes} minutes"] if minutes or not hours else []
    return " ".join(parts)
