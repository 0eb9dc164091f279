"""``quiz``: single or multiple choice, with feedback on every option."""

from __future__ import annotations

from typing import Any

from .base import Exercise, ids, need_choices, tally
from .feedback import Feedback, ItemFeedback


class Quiz(Exercise):
    """Choose one option (or several, when ``multiple: true``); each option explains itself."""

    type = "quiz"

    @property
    def multiple(self) -> bool:
        return bool(self.data.get("multiple", False))

    def check(self, answer: Any) -> Feedback:
        """``answer``: an option id, or a list of option ids for a multiple-choice quiz."""
        options = self.data["options"]
        chosen = set(need_choices(answer, ids(options), self.ref, many=self.multiple))
        items = []
        for option in options:
            picked, correct = option["id"] in chosen, bool(option.get("correct"))
            if picked:
                verdict = "right" if correct else "wrong"
            elif correct and self.multiple:
                verdict = "missed"
            else:
                continue
            items.append(ItemFeedback(option["id"], option["text"], verdict, option["feedback"]))
        total = sum(bool(o.get("correct")) for o in options)
        return tally(self.ref, items, total, choosing=self.multiple)

    def client_data(self) -> dict[str, Any]:
        return {**super().client_data(), "multiple": self.multiple,
                "options": self.data["options"]}
