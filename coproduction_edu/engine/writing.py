"""``rewrite`` and ``reflection``: free text, checked in the browser and in Python alike.

``rewrite`` runs the language checker; ``reflection`` walks the stages of a reflective cycle
(Gibbs by default) and runs the privacy scan. Nothing typed leaves the browser: drafts are
kept in localStorage, and the browser runs the same rules data as Python.
"""

from __future__ import annotations

from typing import Any

from .base import Exercise, need_text, plural, shown
from .errors import ExerciseInputError
from .feedback import Feedback, ItemFeedback
from .markdown import sentences

REWRITE_CLEAN = ("The checker found no stigmatising or deficit language. Read it once more "
                 "as the person it describes would.")
REWRITE_FOUND = {"one": "The checker found {count} phrase to reconsider.",
                 "other": "The checker found {count} phrases to reconsider."}
REWRITE_UNCHANGED = "This is still the original text; rewrite it first."
REFLECTION_DONE = "You have written something for every stage."
REFLECTION_PART = "You have written {done} of {total} stages."
PRIVACY_FOUND = {"one": "Check {count} detail that could identify someone.",
                 "other": "Check {count} details that could identify someone."}

GIBBS = [
    {"id": "description", "label": "Description", "prompt": "What happened?"},
    {"id": "feelings", "label": "Feelings", "prompt": "What were you thinking and feeling?"},
    {"id": "evaluation", "label": "Evaluation", "prompt": "What was good and what was bad "
                                                          "about the experience?"},
    {"id": "analysis", "label": "Analysis", "prompt": "What sense can you make of it? "
                                                      "Bring in what you have read."},
    {"id": "conclusion", "label": "Conclusion", "prompt": "What did you learn, and what else "
                                                          "could you have done?"},
    {"id": "action-plan", "label": "Action plan", "prompt": "If it happened again, what "
                                                            "would you do?"},
]


class Rewrite(Exercise):
    """Rewrite a passage in person-first, strengths-based plain English."""

    type = "rewrite"

    def check(self, answer: Any) -> Feedback:
        """``answer``: the student's rewritten text (a non-empty str)."""
        text = need_text(answer, self.ref, "the rewritten passage")
        if text.strip() == self.data["original"].strip():
            return Feedback(self.ref, REWRITE_UNCHANGED)
        from .. import language

        findings = language.check(text)
        items = tuple(ItemFeedback(
            f"{f.rule}@{f.start}", f"“{f.matched}”", "wrong",
            f"{sentences('Try: ' + f.suggestion, f.reason)} ({f.source})") for f in findings)
        summary = plural(REWRITE_FOUND, len(items)) if items else REWRITE_CLEAN
        return Feedback(self.ref, summary, items)

    def client_data(self) -> dict[str, Any]:
        from .. import language

        return {**super().client_data(), "original": self.data["original"],
                "language": language.rules_data(),
                "text": {"clean": REWRITE_CLEAN, "found": REWRITE_FOUND,
                         "unchanged": REWRITE_UNCHANGED}}


class Reflection(Exercise):
    """A guided reflection, stage by stage, with warnings for identifying details."""

    type = "reflection"

    @property
    def stages(self) -> list[dict[str, str]]:
        return self.data.get("stages", GIBBS)

    def check(self, answer: Any) -> Feedback:
        """``answer``: a dict from stage id to the text written for that stage."""
        stage_ids = [stage["id"] for stage in self.stages]
        if not isinstance(answer, dict):
            raise ExerciseInputError(f"{self.ref} expects a dict of stage id to text, not "
                                     f"{type(answer).__name__}", stage_ids)
        for key, value in answer.items():
            if key not in stage_ids:
                raise ExerciseInputError(f"{self.ref} has no stage {shown(key)}", stage_ids)
            if not isinstance(value, str):
                raise ExerciseInputError(f"{self.ref}: the text for {shown(key)} must be str, not "
                                         f"{type(value).__name__}", ["any text"])
        if not any(value.strip() for value in answer.values()):
            raise ExerciseInputError(f"{self.ref} needs some text in at least one stage",
                                     stage_ids)
        from .. import privacy

        items: list[ItemFeedback] = []
        done = 0
        for stage in self.stages:
            text = answer.get(stage["id"], "")
            if text.strip():
                done += 1
                items.append(ItemFeedback(stage["id"], stage["label"], "written", ""))
            else:
                items.append(ItemFeedback(stage["id"], stage["label"], "unwritten",
                                          stage["prompt"]))
            for finding in privacy.scan(text):
                items.append(ItemFeedback(f"{stage['id']}@{finding.start}",
                                          f"“{finding.matched}” ({stage['label']})", "wrong",
                                          finding.advice))
        total = len(self.stages)
        summary = REFLECTION_DONE if done == total else REFLECTION_PART.format(done=done,
                                                                                total=total)
        warnings = sum(item.verdict == "wrong" for item in items)
        if warnings:
            summary += " " + plural(PRIVACY_FOUND, warnings)
        return Feedback(self.ref, summary, tuple(items))

    def client_data(self) -> dict[str, Any]:
        from .. import privacy

        return {**super().client_data(), "stages": self.stages, "privacy": privacy.rules_data(),
                "text": {"done": REFLECTION_DONE, "part": REFLECTION_PART,
                         "privacy": PRIVACY_FOUND}}
