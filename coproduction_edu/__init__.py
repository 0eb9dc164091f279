"""coproduction_edu: the exercise engine and Sphinx extension of the co-production curriculum.

>>> import coproduction_edu
>>> quiz = coproduction_edu.exercise("00-try-the-exercises/what-is-co-production")
>>> print(quiz.check("equal-partners"))            # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .engine.errors import ExerciseInputError
from .reference import nmc_platforms

if TYPE_CHECKING:
    from .engine.base import Exercise

__version__ = "0.1.0"
__all__ = ["ExerciseInputError", "__version__", "exercise", "exercises", "nmc_platforms"]


def exercise(ref: str) -> Exercise:
    """The exercise named ``"unit-id/exercise-id"``; ``check(answer)`` it or display it."""
    from .engine.content import exercise as load

    return load(ref)


def exercises(unit: str) -> list[Exercise]:
    """All exercises of a unit, e.g. ``exercises("03-three-keys")``, in the order written."""
    from .engine.content import exercises as load

    return load(unit)
