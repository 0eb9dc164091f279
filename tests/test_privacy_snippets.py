"""How well the privacy scan does on reflections as students write them.

``tests/fixtures/privacy/`` holds two sets of snippets, written blind (without reading the
rules): a development set the rules were tuned on, and a held-out set they were not. Each
identifying snippet marks the detail that identifies someone. The thresholds sit just below
the measured figures, so a change that loses recall or adds false alarms fails here;
``benchmarks/privacy.py`` prints the figures and every miss.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from coproduction_edu import privacy

FOLDER = Path(__file__).resolve().parent / "fixtures" / "privacy"
# set: (least recall, most false positives), as measured when the rules last changed
BARS = {"development": (0.9, 1), "held-out": (0.75, 1)}


@cache
def snippets(name: str) -> dict[str, list[dict[str, Any]]]:
    return yaml.safe_load((FOLDER / f"{name}.yaml").read_text(encoding="utf-8"))


def caught(item: dict[str, Any]) -> bool:
    """Whether a finding overlaps the snippet's identifying detail."""
    start = item["text"].index(item["detail"])
    end = start + len(item["detail"])
    return any(f.start < end and start < f.end for f in privacy.scan(item["text"]))


def measure(name: str) -> tuple[float, list[str]]:
    data = snippets(name)
    recall = sum(map(caught, data["identifying"])) / len(data["identifying"])
    alarms = [item["text"] for item in data["safe"] if privacy.scan(item["text"])]
    return recall, alarms


def test_the_sets_are_large_and_half_identifying() -> None:
    sizes = {name: {k: len(v) for k, v in snippets(name).items()} for name in BARS}
    assert sum(s["identifying"] + s["safe"] for s in sizes.values()) >= 150
    for size in sizes.values():
        assert size["identifying"] == size["safe"]


@pytest.mark.parametrize("name", sorted(BARS))
def test_recall_and_false_positives_meet_the_bar(name: str) -> None:
    least_recall, most_alarms = BARS[name]
    recall, alarms = measure(name)
    assert recall >= least_recall, f"{name}: recall {recall:.2f}"
    assert len(alarms) <= most_alarms, alarms
