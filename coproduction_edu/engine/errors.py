"""The one exception a wrong answer type raises."""

from __future__ import annotations

from collections.abc import Iterable


class ExerciseInputError(ValueError):
    """An answer ``check`` cannot read: the wrong type, an unknown id, or nothing at all.

    The message says what was wrong and lists what is valid; ``valid`` holds the same list.
    """

    def __init__(self, message: str, valid: Iterable[str] = ()) -> None:
        self.valid = tuple(str(v) for v in valid)
        if self.valid:
            message = f"{message}. Valid: {', '.join(self.valid)}"
        super().__init__(message)
