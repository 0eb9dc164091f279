"""``classify`` and ``audit``: put each statement in a category, with a reason for each.

An audit is a classification whose categories are a fixed scale (by default: happened, did
not happen) applied to one described situation, such as a ward round.
"""

from __future__ import annotations

from typing import Any

from .base import Exercise, ids, need_mapping, tally
from .feedback import Feedback, ItemFeedback

AUDIT_SCALE = [
    {"id": "met", "label": "Happened"},
    {"id": "not-met", "label": "Did not happen"},
]


class Classify(Exercise):
    """Sort statements into categories such as the three keys or the elements of VBP."""

    type = "classify"
    statements_key = "statements"
    answer_key = "category"

    @property
    def categories(self) -> list[dict[str, Any]]:
        return self.data["categories"]

    @property
    def statements(self) -> list[dict[str, Any]]:
        return self.data[self.statements_key]

    def label_of(self, category: str) -> str:
        return next(c["label"] for c in self.categories if c["id"] == category)

    def check(self, answer: Any) -> Feedback:
        """``answer``: a dict from statement id to category id; unsorted ones are missed."""
        chosen = need_mapping(answer, ids(self.statements), ids(self.categories), self.ref,
                              "statement id to category id")
        items = []
        for statement in self.statements:
            expected = statement[self.answer_key]
            if statement["id"] not in chosen:
                items.append(ItemFeedback(statement["id"], statement["text"], "missed",
                                          "Not sorted yet."))
                continue
            right = chosen[statement["id"]] == expected
            reason = statement["reason"] if right else (
                f"This belongs under **{self.label_of(expected)}**. {statement['reason']}")
            items.append(ItemFeedback(statement["id"], statement["text"],
                                      "right" if right else "wrong", reason))
        return tally(self.ref, items, len(self.statements))

    def client_data(self) -> dict[str, Any]:
        return {**super().client_data(), "categories": self.categories,
                "statements": [{"id": s["id"], "text": s["text"], "answer": s[self.answer_key],
                                "reason": s["reason"]} for s in self.statements]}


class Audit(Classify):
    """Judge each checklist item against the situation described."""

    type = "audit"
    statements_key = "items"
    answer_key = "expected"

    @property
    def categories(self) -> list[dict[str, Any]]:
        return self.data.get("scale", AUDIT_SCALE)

    def check(self, answer: Any) -> Feedback:
        """``answer``: a dict from item id to a scale id (by default ``met`` or ``not-met``)."""
        feedback = super().check(answer)
        debrief = self.data.get("debrief")
        return feedback if not debrief else type(feedback)(
            feedback.exercise, feedback.summary, feedback.items, {"debrief": debrief})

    def client_data(self) -> dict[str, Any]:
        return {**super().client_data(), "debrief": self.data.get("debrief", "")}
