"""Feedback that tells the truth and reads well, over every exercise in the content.

Ticking every box is never praised unless every box is right, and the sentences that join
author text never double their punctuation ("services.. Yes", "throughout.: Anita") or hedge
a count with "(s)".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from bs4 import BeautifulSoup

import coproduction_edu
from coproduction_edu.engine.base import MESSAGES, Exercise
from coproduction_edu.engine.content import content_files
from coproduction_edu.engine.render import render_block

BAD_COPY = re.compile(r"\.\.|\.:|(?<!n\.d)\.;|\(s\)|\w- \w")


def all_exercises() -> list[Exercise]:
    return [e for path in content_files() for e in coproduction_edu.exercises(path.stem)]


def choosers() -> list[Exercise]:
    """Exercises where a student ticks any number of options."""
    return [e for e in all_exercises()
            if e.type == "disclosure" or (e.type == "quiz" and e.data.get("multiple"))]


def options(exercise: Exercise) -> list[dict[str, Any]]:
    return exercise.data["options" if exercise.type == "quiz" else "items"]


def fits(option: dict[str, Any]) -> bool:
    return bool(option.get("correct")) or option.get("material", "none") != "none"


def test_there_are_multi_select_exercises_to_check() -> None:
    assert len(choosers()) >= 8


@pytest.mark.parametrize("exercise", choosers(), ids=lambda e: e.ref)
def test_ticking_everything_is_never_all_right(exercise: Exercise) -> None:
    every = options(exercise)
    feedback = exercise.check([o["id"] for o in every])
    if all(fits(o) for o in every):
        assert feedback.summary == MESSAGES["all_right"]
        return
    assert not feedback.all_right
    assert MESSAGES["all_right"] not in feedback.summary
    wrong = sum(not fits(o) for o in every)
    assert f"and also {wrong} that" in feedback.summary


@pytest.mark.parametrize("exercise", choosers(), ids=lambda e: e.ref)
def test_the_right_ones_and_one_wrong_is_not_all_right(exercise: Exercise) -> None:
    right = [o["id"] for o in options(exercise) if fits(o)]
    wrong = [o["id"] for o in options(exercise) if not fits(o)]
    assert exercise.check(right).summary.startswith("Well done")
    for extra in wrong:
        feedback = exercise.check([*right, extra])
        assert not feedback.all_right
        assert "Well done" not in feedback.summary
        assert "and also 1 that" in feedback.summary


def _answers(exercise: Exercise) -> Iterator[Any]:
    """Answers that reach every sentence an exercise can say: all, none right, each alone."""
    kind = exercise.type
    if kind in ("quiz", "disclosure"):
        ids = [o["id"] for o in options(exercise)]
        if kind == "quiz" and not exercise.data.get("multiple"):
            yield from ids
            return
        yield ids
        yield from ([i] for i in ids)
        yield [o["id"] for o in options(exercise) if fits(o)]
    elif kind in ("classify", "audit"):
        statements = exercise.statements
        for category in exercise.categories:
            yield {s["id"]: category["id"] for s in statements}
        yield {statements[0]["id"]: exercise.categories[0]["id"]}
    elif kind == "scenario":
        yield from _paths(exercise)
    elif kind == "rewrite":
        yield exercise.data["original"] + " Changed."
        yield "She is a schizophrenic who is non-compliant and attention seeking."
        yield "Anita enjoys her work at the market."
    elif kind == "reflection":
        first = exercise.stages[0]["id"]
        yield {first: "I met Mrs Jane Smith on Ward 7 on 3 May 2026 at 14:00."}
        yield {s["id"]: "I learned to ask first." for s in exercise.stages}


def _paths(exercise: Any, limit: int = 400) -> Iterator[list[str]]:
    """Every path through a scenario (up to ``limit``), each ending at an ending."""
    stack: list[tuple[str, list[str]]] = [(exercise.data["start"], [])]
    found = 0
    while stack and found < limit:
        node_id, path = stack.pop()
        node = exercise.nodes[node_id]
        if "ending" in node or len(path) > 40:
            found += 1
            yield path
            continue
        for choice in node["choices"]:
            stack.append((choice["next"], [*path, choice["id"]]))


@pytest.mark.parametrize("exercise", all_exercises(), ids=lambda e: e.ref)
def test_feedback_copy_never_doubles_punctuation(exercise: Exercise) -> None:
    said = 0
    for answer in _answers(exercise):
        feedback = exercise.check(answer)
        text = str(feedback)
        assert not BAD_COPY.search(text), (answer, BAD_COPY.findall(text), text)
        html = BeautifulSoup(feedback._repr_html_(), "html.parser").get_text()
        assert not BAD_COPY.search(html), (answer, html)
        said += 1
    assert said


@pytest.mark.parametrize("exercise", all_exercises(), ids=lambda e: e.ref)
def test_rendered_block_copy_never_doubles_punctuation(exercise: Exercise) -> None:
    soup = BeautifulSoup(render_block(exercise, with_runtime=False), "html.parser")
    for script in soup.find_all("script"):
        script.decompose()
    text = soup.get_text(" ")
    assert not BAD_COPY.search(text), BAD_COPY.findall(text)


def test_reflection_stages_say_written_not_right() -> None:
    reflection = next(e for e in all_exercises() if e.type == "reflection")
    first = reflection.stages[0]
    text = str(reflection.check({first["id"]: "What happened."}))
    assert f"✓ Written: {first['label']}" in text
    assert "Right" not in text
    assert "○ Still to write" in text


def test_the_browser_says_the_same_when_everything_is_ticked(browser, tmp_path) -> None:
    """In Chromium, tick every box of every multi-select exercise, then none but the right
    ones plus one wrong: the summary shown is Python's, word for word, and never praise."""
    from .conftest import serve

    exercises = choosers()
    body = "".join(render_block(e) for e in exercises)
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>All</title>'
        f"</head><body><main>{body}</main></body></html>", encoding="utf-8")
    context = browser.new_context()
    page = context.new_page()
    with serve(tmp_path) as base:
        page.goto(f"{base}/index.html")
        for exercise in exercises:
            block = page.locator(f"#{exercise.dom_id}")
            for choice in ([o["id"] for o in options(exercise)],
                           [o["id"] for o in options(exercise) if fits(o)][:1]
                           + [o["id"] for o in options(exercise) if not fits(o)][:1]):
                block.get_by_role("button", name="Start again").click()
                for option_id in choice:
                    block.locator(f"input[value='{option_id}']").check()
                block.get_by_role("button", name="Check my answer").click()
                shown = block.locator(".cpe-feedback .cpe-summary").inner_text()
                expected = exercise.check(choice).summary
                assert " ".join(shown.split()) == " ".join(expected.split()), exercise.ref
                if not all(fits(o) for o in options(exercise)):
                    assert "Well done" not in shown, exercise.ref
    context.close()
