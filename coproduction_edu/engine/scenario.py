"""``scenario``: a branching scenario of nodes and choices that ends in a debrief."""

from __future__ import annotations

from collections import deque
from typing import Any

from ..problems import Problem, format_path
from .base import Exercise, shown
from .errors import ExerciseInputError
from .feedback import Feedback, ItemFeedback

ENDED = "You reached an ending: {title}."
NOT_ENDED = "The scenario goes on from here. Choices now: {choices}."
SCORE = "Score: {right} of {steps} choices helped."


class Scenario(Exercise):
    """Walk a path of choices from ``start``; counters add up; an ending gives a debrief."""

    type = "scenario"

    @property
    def nodes(self) -> dict[str, dict[str, Any]]:
        return {node["id"]: node for node in self.data["nodes"]}

    def counters(self) -> dict[str, int]:
        return {key: spec.get("initial", 0)
                for key, spec in self.data.get("counters", {}).items()}

    def check(self, answer: Any) -> Feedback:
        """``answer``: the list of choice ids taken, in order, from the start node."""
        if isinstance(answer, str) or not isinstance(answer, (list, tuple)) or not all(
                isinstance(step, str) for step in answer):
            raise ExerciseInputError(f"{self.ref} expects the list of choice ids taken, in "
                                     f"order, not {type(answer).__name__}",
                                     self._choice_ids(self.data["start"]))
        if not answer:
            raise ExerciseInputError(f"{self.ref} needs at least one choice; the path is "
                                     "empty", self._choice_ids(self.data["start"]))
        node, counters, items = self.nodes[self.data["start"]], self.counters(), []
        for step, choice_id in enumerate(answer, start=1):
            choices = {c["id"]: c for c in node.get("choices", [])}
            if choice_id not in choices:
                where = "the scenario has ended" if not choices else f"at node {node['id']!r}"
                raise ExerciseInputError(f"{self.ref}: step {step} chooses {shown(choice_id)}, but "
                                         f"{where}", choices)
            choice = choices[choice_id]
            for key, delta in choice.get("effects", {}).items():
                counters[key] += delta
            items.append(ItemFeedback(choice_id, choice["text"], choice.get("verdict", "note"),
                                      choice["feedback"]))
            node = self.nodes[choice["next"]]
        extra: dict[str, Any] = {"node": node["id"], "counters": counters}
        if "ending" in node:
            summary = ENDED.format(title=node["ending"]["title"])
            extra["debrief"] = node["ending"]["debrief"]
        else:
            summary = NOT_ENDED.format(choices=", ".join(self._choice_ids(node["id"])))
        if self.data.get("score", False):
            right = sum(item.verdict == "right" for item in items)
            extra["score"] = right
            summary += " " + SCORE.format(right=right, steps=len(items))
        return Feedback(self.ref, summary, tuple(items), extra)

    def _choice_ids(self, node_id: str) -> list[str]:
        return [c["id"] for c in self.nodes[node_id].get("choices", [])]

    def client_data(self) -> dict[str, Any]:
        return {**super().client_data(), "start": self.data["start"],
                "counters": self.data.get("counters", {}), "score": self.data.get("score", False),
                "nodes": self.data["nodes"], "ended": ENDED, "score_text": SCORE}


def graph_problems(data: dict[str, Any], file: str, where: str, line_of) -> list[Problem]:
    """Faults in a scenario's graph, each named by node id: links, orphans, dead ends."""
    nodes = {node["id"]: (index, node) for index, node in enumerate(data["nodes"])}
    problems: list[Problem] = []

    def fault(path: tuple, message: str) -> None:
        full = (*where, *path)
        problems.append(Problem(file, line_of(full), format_path(full), message))

    if data["start"] not in nodes:
        fault(("start",), f"node {data['start']!r} does not exist; expected one of: "
                          f"{', '.join(nodes)}")
        return problems
    if len(nodes) != len(data["nodes"]):
        seen: set[str] = set()
        for index, node in enumerate(data["nodes"]):
            if node["id"] in seen:
                fault(("nodes", index, "id"), f"node {node['id']!r} is defined twice")
            seen.add(node["id"])
    counters = set(data.get("counters", {}))
    for node_id, (index, node) in nodes.items():
        choices = node.get("choices", [])
        if "ending" in node and choices:
            fault(("nodes", index), f"node {node_id!r} is an ending but has choices")
        if "ending" not in node and not choices:
            fault(("nodes", index), f"node {node_id!r} has no choices and is not an ending")
        seen_choices: set[str] = set()
        for c_index, choice in enumerate(choices):
            if choice["id"] in seen_choices:
                fault(("nodes", index, "choices", c_index, "id"),
                      f"node {node_id!r}: choice {choice['id']!r} is used twice; each choice "
                      "at a node needs its own id")
            seen_choices.add(choice["id"])
            if choice["next"] not in nodes:
                fault(("nodes", index, "choices", c_index, "next"),
                      f"node {node_id!r}: choice {choice['id']!r} leads to {choice['next']!r}, "
                      "which does not exist")
            for key in choice.get("effects", {}):
                if key not in counters:
                    fault(("nodes", index, "choices", c_index, "effects", key),
                          f"node {node_id!r}: counter {key!r} is not declared under 'counters'")
    if problems:
        return problems
    links = {n: [c["next"] for c in node.get("choices", [])] for n, (_, node) in nodes.items()}
    reached = _reach(data["start"], links)
    for node_id in nodes.keys() - reached:
        fault(("nodes", nodes[node_id][0]), f"node {node_id!r} cannot be reached from the "
                                            f"start node {data['start']!r}")
    endings = {n for n, (_, node) in nodes.items() if "ending" in node}
    for node_id in sorted(reached):
        if not (_reach(node_id, links) & endings):
            fault(("nodes", nodes[node_id][0]), f"node {node_id!r} cannot reach any ending")
    return problems


def _reach(start: str, links: dict[str, list[str]]) -> set[str]:
    seen, queue = {start}, deque([start])
    while queue:
        for nxt in links[queue.popleft()]:
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen

