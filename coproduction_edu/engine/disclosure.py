"""``disclosure``: the Montgomery exercise. What should be discussed with this person?

Each item (a risk of the recommended treatment, a reasonable alternative, other information)
says whether it is material and why: to a reasonable person in this person's position, or
because the clinician knows, or should know, that this particular person would attach
significance to it (Montgomery v Lanarkshire Health Board [2015] UKSC 11, para 87).
"""

from __future__ import annotations

from typing import Any

from .base import MESSAGES as BASE_MESSAGES
from .base import Exercise, ids, need_choices, plural, summarise
from .feedback import Feedback, ItemFeedback
from .markdown import sentences

WHY_MATERIAL = {
    "reasonable-person": "Material: a reasonable person in this position would be likely to "
                         "attach significance to it.",
    "particular-person": "Material: the clinician knows, or should know, that this particular "
                         "person would be likely to attach significance to it.",
    "both": "Material on both counts: a reasonable person in this position would attach "
            "significance to it, and so, as the clinician should know, would this person.",
    "none": "Not material here.",
}
ALTERNATIVE_LEFT_OUT = {"one": "A reasonable alternative was left out: {items}",
                       "other": "{count} reasonable alternatives were left out: {items}"}
MESSAGES = {
    **BASE_MESSAGES,
    "chose_extra": "You chose {right} of the {fits}, and also {extra}: a long list can bury "
                   "what matters to this person. Read the reasons below, then try again.",
    "fits": {"one": "{count} item that is material", "other": "{count} items that are material"},
    "extra": {"one": "{count} that is not material here",
              "other": "{count} that are not material here"},
}


class Disclosure(Exercise):
    """Choose what to discuss with the person; feedback is on materiality to them."""

    type = "disclosure"

    def check(self, answer: Any) -> Feedback:
        """``answer``: the ids of the items the student would discuss (a list of str)."""
        entries = self.data["items"]
        chosen = set(need_choices(answer, ids(entries), self.ref, many=True))
        items, left_out = [], []
        for entry in entries:
            material, picked = entry["material"] != "none", entry["id"] in chosen
            why = sentences(WHY_MATERIAL[entry["material"]], entry["reason"])
            if picked:
                items.append(ItemFeedback(entry["id"], entry["text"],
                                          "right" if material else "wrong", why))
            elif material:
                items.append(ItemFeedback(entry["id"], entry["text"], "missed", why))
                if entry["kind"] == "alternative":
                    left_out.append(entry["text"])
        counts = [sum(i.verdict == v for i in items) for v in ("right", "wrong", "missed")]
        total = sum(e["material"] != "none" for e in entries)
        summary = summarise(*counts, total, MESSAGES, choosing=True)
        if left_out:
            summary += " " + plural(ALTERNATIVE_LEFT_OUT, len(left_out)).replace(
                "{items}", sentences(*left_out))
        return Feedback(self.ref, summary, tuple(items), {"alternatives_left_out": left_out})

    def client_data(self) -> dict[str, Any]:
        return {**super().client_data(), "messages": MESSAGES, "items": self.data["items"],
                "why": WHY_MATERIAL,
                "alternative_left_out": ALTERNATIVE_LEFT_OUT}
