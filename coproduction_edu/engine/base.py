"""What every exercise type shares: identity, prompt, answer checking and its HTML block."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from .errors import ExerciseInputError
from .feedback import Feedback, ItemFeedback
from .markdown import plain

MESSAGES: dict[str, Any] = {
    # Sentences shared by Python and the browser, so both say exactly the same thing. A
    # {"one": ..., "other": ...} pair is a count that reads right in the singular and plural.
    "all_right": "Well done: every answer fits.",
    "some_right": "You have {right} of {total} right. Read the reasons below, then try again.",
    "none_right": "Not yet: none of your answers fit. Read the reasons below, then try again.",
    "missed_only": "Everything you chose fits, and there is more: see what you missed below.",
    "chose_extra": "You chose {right} of the {fits}, and also {extra}. Read the reasons "
                   "below, then try again.",
    "fits": {"one": "{count} answer that fits", "other": "{count} answers that fit"},
    "extra": {"one": "{count} that does not", "other": "{count} that do not"},
}


def plural(forms: Mapping[str, str], count: int) -> str:
    """The singular or plural form of a counted phrase, with the count filled in."""
    return forms["one" if count == 1 else "other"].replace("{count}", str(count))


def summarise(right: int, wrong: int, missed: int, total: int,
              messages: Mapping[str, Any] | None = None, *, choosing: bool = False) -> str:
    """The one summary sentence for a right/wrong/missed count.

    ``choosing`` is for exercises where a student picks any number of options: there a wrong
    pick is counted in words, so ticking everything is never read as all right.
    """
    msg = {**MESSAGES, **(messages or {})}
    if not wrong and not missed:
        return msg["all_right"]
    if not wrong:
        return msg["missed_only"]
    if not right:
        return msg["none_right"]
    if choosing:
        return msg["chose_extra"].format(right=right, fits=plural(msg["fits"], total),
                                         extra=plural(msg["extra"], wrong))
    return msg["some_right"].format(right=right, total=total)


def tally(exercise: str, items: Sequence[ItemFeedback], total: int, *,
          choosing: bool = False) -> Feedback:
    """Feedback whose summary counts the items' verdicts."""
    count = {verdict: sum(i.verdict == verdict for i in items) for verdict in
             ("right", "wrong", "missed")}
    return Feedback(exercise, summarise(count["right"], count["wrong"], count["missed"], total,
                                        choosing=choosing), tuple(items))


def dom_id(text: str) -> str:
    """A stable HTML id made only of safe characters."""
    return "cpe-" + re.sub(r"[^a-z0-9-]+", "-", text.lower()).strip("-")


@dataclass
class Exercise:
    """One exercise, built from its validated YAML mapping."""

    unit: str
    data: dict[str, Any]
    type: ClassVar[str] = ""

    @property
    def id(self) -> str:
        return self.data["id"]

    @property
    def ref(self) -> str:
        """``unit-id/exercise-id``: how books and notebooks name the exercise."""
        return f"{self.unit}/{self.id}"

    @property
    def title(self) -> str:
        return self.data["title"]

    @property
    def prompt(self) -> str:
        return self.data.get("prompt", "")

    @property
    def dom_id(self) -> str:
        return dom_id(f"{self.unit}--{self.id}")

    def check(self, answer: Any) -> Feedback:
        raise NotImplementedError

    def client_data(self) -> dict[str, Any]:
        """What the browser needs: the exercise and its precomputed feedback."""
        return {"type": self.type, "ref": self.ref, "title": self.title, "messages": MESSAGES}

    def __repr__(self) -> str:
        return f"<{self.type} exercise {self.ref}: {self.title}>"

    def __str__(self) -> str:
        return f"{self.title}\n\n{plain(self.prompt)}".strip()

    def _repr_html_(self) -> str:
        from .render import render_block

        return render_block(self)


def ids(entries: Iterable[Mapping[str, Any]]) -> list[str]:
    return [entry["id"] for entry in entries]


def shown(value: Any, limit: int = 60) -> str:
    """``repr(value)``, cut short: an error message never echoes a megabyte back."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 5] + "…" + text[-4:]


def need_text(answer: Any, ref: str, what: str) -> str:
    """``answer`` as non-empty text, or the documented error."""
    if not isinstance(answer, str):
        raise ExerciseInputError(f"{ref} expects {what} as text (str), not "
                                 f"{type(answer).__name__}", ["any non-empty text"])
    if not answer.strip():
        raise ExerciseInputError(f"{ref} needs some text to check; the answer is empty",
                                 ["any non-empty text"])
    return answer


def need_choices(answer: Any, valid: Sequence[str], ref: str, *, many: bool) -> list[str]:
    """``answer`` as a list of known ids (one id alone is accepted), or the documented error."""
    chosen = [answer] if isinstance(answer, str) else answer
    if not isinstance(chosen, (list, tuple, set, frozenset)) or not all(
            isinstance(c, str) for c in chosen):
        kind = "option ids" if many else "one option id"
        raise ExerciseInputError(f"{ref} expects {kind} (str{', or a list of str' if many else ''})"
                                 f", not {type(answer).__name__}", valid)
    chosen = list(dict.fromkeys(chosen))
    if not chosen:
        raise ExerciseInputError(f"{ref} needs at least one choice; the answer is empty", valid)
    unknown = [c for c in chosen if c not in valid]
    if unknown:
        raise ExerciseInputError(f"{ref} has no option {', '.join(map(shown, unknown[:3]))}"
                                 f"{' and more' if len(unknown) > 3 else ''}", valid)
    if not many and len(chosen) > 1:
        raise ExerciseInputError(f"{ref} takes one answer, not {len(chosen)}", valid)
    return chosen


def need_mapping(answer: Any, keys: Sequence[str], values: Sequence[str], ref: str,
                 what: str) -> dict[str, str]:
    """``answer`` as {known key: known value}, at least one entry, or the documented error."""
    if not isinstance(answer, Mapping):
        raise ExerciseInputError(f"{ref} expects a dict of {what}, not "
                                 f"{type(answer).__name__}", keys)
    if not answer:
        raise ExerciseInputError(f"{ref} needs at least one answer; the dict is empty", keys)
    for key, value in answer.items():
        if key not in keys:
            raise ExerciseInputError(f"{ref} has no item {shown(key)}", keys)
        if value not in values:
            raise ExerciseInputError(f"{ref}: {shown(value)} is not a choice for {shown(key)}",
                                     values)
    return dict(answer)
