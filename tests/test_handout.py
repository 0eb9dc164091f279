"""The print-only parts of an exercise block: hidden on screen, escaped, and a worksheet's
worth of boxes, lines and choices (what the printed page shows: tests/test_print.py)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

import coproduction_edu
from coproduction_edu.engine import handout
from coproduction_edu.engine.content import content_files
from coproduction_edu.engine.render import render_block
from coproduction_edu.engine.scenario import Scenario

ALL = [e for path in content_files() for e in coproduction_edu.exercises(path.stem)]
EVIL = "<img src=x onerror=alert(1)>"


@pytest.mark.parametrize("exercise", ALL, ids=lambda e: e.ref)
def test_print_only_parts_are_hidden_on_screen(exercise) -> None:
    soup = BeautifulSoup(render_block(exercise, with_runtime=False), "html.parser")
    parts = soup.select(".cpe-print-only")
    assert all(part.has_attr("hidden") for part in parts)
    assert not [p for p in parts if p.find_parent(class_="cpe-print-only")]  # never nested
    expected = {"classify": True, "scenario": True, "rewrite": True, "reflection": True}
    assert bool(parts) == expected.get(exercise.type, False)


def test_a_classify_prints_boxes_or_lines_to_write_on() -> None:
    few = [{"id": f"c{i}", "label": f"Key {i}"} for i in range(handout.TICK_LIMIT)]
    boxes = BeautifulSoup(handout.category_choice(few), "html.parser")
    assert [li.get_text() for li in boxes.select(".cpe-ticks li")] == [c["label"] for c in few]
    assert len(boxes.select(".cpe-box")) == len(few)
    many = [*few, {"id": "more", "label": "One more"}]
    assert "cpe-blank" in handout.category_choice(many)
    assert handout.category_head(many) == ""
    key = BeautifulSoup(handout.category_key(many), "html.parser")
    assert [li.get_text() for li in key.select("li")] == [c["label"] for c in many]
    described = [{**c, "description": "Said on screen too."} for c in many]
    assert handout.category_key(described) == ""


def test_print_only_author_text_is_escaped() -> None:
    assert EVIL not in handout.category_choice([{"id": "a", "label": EVIL}])
    assert "&lt;img" in handout.category_head([{"id": "a", "label": EVIL}])
    scenario = Scenario("99-test", {
        "id": "s", "type": "scenario", "title": "T", "start": "a",
        "nodes": [{"id": "a", "text": f"Start {EVIL}",
                   "choices": [{"id": "x", "text": EVIL, "feedback": "f", "next": "b"}]},
                  {"id": "b", "text": "End", "ending": {"title": "E", "debrief": "D"}}]})
    choices = handout.scenario_choices(scenario)
    assert EVIL not in choices and choices.count("&lt;img src=x onerror=alert(1)&gt;") == 1
    assert choices.count('class="cpe-box"') == 1 and "Start" not in choices  # not repeated


def test_lines_give_an_empty_space_to_write_in() -> None:
    lines = BeautifulSoup(handout.lines(3), "html.parser")
    assert len(lines.select(".cpe-lines > span")) == 3 and lines.get_text() == ""
