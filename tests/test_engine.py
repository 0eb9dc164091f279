"""The exercise engine's Python API: content loading, each type's feedback, and bad input."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coproduction_edu
from coproduction_edu import ExerciseInputError
from coproduction_edu.engine.content import TYPES, check_content, content_files, load_file
from coproduction_edu.engine.feedback import Feedback

from .conftest import FIXTURES

CONTENT_FIXTURES = FIXTURES / "content"
EXPECTED = yaml.safe_load((CONTENT_FIXTURES / "expected.yaml").read_text())
DEMO = "00-try-the-exercises"


def ex(name: str):
    return coproduction_edu.exercise(f"{DEMO}/{name}")


def test_every_content_fixture_has_an_expectation() -> None:
    names = {p.stem for p in CONTENT_FIXTURES.glob("*.yaml")} - {"expected"}
    assert names == set(EXPECTED)
    assert len(names) >= 15


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_malformed_content_is_rejected_with_file_and_path(name: str, tmp_path: Path) -> None:
    target = tmp_path / "01-fixture.yaml"
    shutil.copy(CONTENT_FIXTURES / f"{name}.yaml", target)
    loaded, problems = load_file(target, "coproduction_edu/content/01-fixture.yaml")
    line, path, fragment = EXPECTED[name]
    assert loaded == []
    rendered = [str(p) for p in problems]
    prefix = f"coproduction_edu/content/01-fixture.yaml:{line}: {path}: "
    assert any(r.startswith(prefix) and fragment in r for r in rendered), rendered


def test_shipped_content_is_valid_and_every_type_is_demonstrated() -> None:
    assert check_content() == []
    assert next(p.stem for p in content_files()) == DEMO
    assert {e.type for e in coproduction_edu.exercises(DEMO)} == set(TYPES)


def test_unknown_unit_or_exercise_says_what_exists() -> None:
    with pytest.raises(LookupError, match="units with exercises: 00-try-the-exercises"):
        coproduction_edu.exercise("99-nothing/here")
    with pytest.raises(LookupError, match="it has: what-is-co-production, three-is"):
        coproduction_edu.exercise(f"{DEMO}/nope")


def test_quiz_single_choice() -> None:
    quiz = ex("what-is-co-production")
    right = quiz.check("equal-partners")
    assert right.all_right and [i.verdict for i in right.items] == ["right"]
    wrong = quiz.check("asked-afterwards")
    assert [i.verdict for i in wrong.items] == ["wrong"]
    assert "consultation" in wrong.items[0].reason
    assert wrong.summary.startswith("Not yet")


def test_quiz_multiple_choice_reports_missed_and_wrong() -> None:
    feedback = ex("three-is").check(["informed", "instructed"])
    verdicts = {i.id: i.verdict for i in feedback.items}
    assert verdicts == {"informed": "right", "involved": "missed", "influential": "missed",
                        "instructed": "wrong"}
    assert feedback.summary == ("You chose 1 of the 3 answers that fit, and also 1 that does not. "
                                "Read the reasons below, then try again.")
    assert ex("three-is").check(["informed", "involved", "influential"]).all_right
    only_some = ex("three-is").check(["informed"])
    assert only_some.summary.startswith("Everything you chose fits, and there is more")


@pytest.mark.parametrize("answer, fragment", [
    ("nope", "has no option 'nope'. Valid: equal-partners, asked-afterwards"),
    (3, "expects one option id (str), not int"),
    ([], "needs at least one choice"),
    (["equal-partners", "volunteers"], "takes one answer, not 2"),
    (None, "not NoneType"),
])
def test_quiz_bad_input(answer: object, fragment: str) -> None:
    with pytest.raises(ExerciseInputError) as err:
        ex("what-is-co-production").check(answer)
    assert fragment in str(err.value)
    assert err.value.valid[0] == "equal-partners"
    assert isinstance(err.value, ValueError)


def test_classify_gives_the_right_category_and_marks_unsorted() -> None:
    feedback = ex("three-keys-sort").check({"own-words": "participation",
                                             "allotment": "multidisciplinary"})
    verdicts = {i.id: i.verdict for i in feedback.items}
    assert verdicts == {"own-words": "right", "allotment": "wrong",
                        "housing-worker": "missed", "carer-view": "missed"}
    allotment = next(i for i in feedback.items if i.id == "allotment")
    assert allotment.reason.startswith("This belongs under **Strengths and aspirations**.")
    with pytest.raises(ExerciseInputError, match="'power' is not a choice for 'own-words'"):
        ex("three-keys-sort").check({"own-words": "power"})
    with pytest.raises(ExerciseInputError, match="has no item 'x'"):
        ex("three-keys-sort").check({"x": "participation"})
    with pytest.raises(ExerciseInputError, match="expects a dict"):
        ex("three-keys-sort").check(["own-words"])


def test_audit_has_a_scale_and_a_debrief() -> None:
    audit = ex("ward-round-audit")
    answer = {"knew-when": "not-met", "asked-views": "not-met", "raised-leave": "met",
              "influenced": "not-met"}
    feedback = audit.check(answer)
    assert feedback.all_right
    assert "sliding scale" in feedback.extra["debrief"]
    wrong = audit.check({**answer, "raised-leave": "not-met"})
    assert "This belongs under **Happened**." in wrong.wrong[0].reason
    with pytest.raises(ExerciseInputError, match="Valid: met, not-met"):
        audit.check({"knew-when": "yes"})


def test_disclosure_explains_materiality_and_flags_alternatives_left_out() -> None:
    feedback = ex("group-therapy-conversation").check(["mornings", "second-floor"])
    verdicts = {i.id: i.verdict for i in feedback.items}
    assert verdicts == {"mornings": "right", "painful-feelings": "missed",
                        "other-members": "missed", "individual": "missed",
                        "wait-and-review": "missed", "second-floor": "wrong"}
    mornings = feedback.items[0]
    assert mornings.reason.startswith("Material: the clinician knows, or should know, that "
                                      "this particular person")
    assert feedback.summary.startswith("You chose 1 of the 5 items that are material, and also 1 "
                                       "that is not material here")
    assert ("2 reasonable alternatives were left out: Individual therapy is also available, "
            "with a longer wait. She could wait") in feedback.summary
    assert feedback.extra["alternatives_left_out"][1].startswith("She could wait")
    floor = next(i for i in feedback.items if i.id == "second-floor")
    assert floor.reason.startswith("Not material here.")


def test_scenario_walks_a_path_to_an_ending() -> None:
    scenario = ex("first-conversation")
    feedback = scenario.check(["ask-lee", "ask-band"])
    assert feedback.summary == ("You reached an ending: A shared start. Score: 2 of 2 choices "
                                "helped.")
    assert feedback.extra["score"] == 2
    assert feedback.extra["counters"] == {"trust": 2}
    assert "three keys in practice" in feedback.extra["debrief"]
    assert [i.verdict for i in feedback.items] == ["right", "right"]
    partial = scenario.check(["let-grace"])
    assert partial.summary == ("The scenario goes on from here. Choices now: turn-to-lee, "
                               "fill-form. Score: 0 of 1 choices helped.")
    unscored = type(scenario)(scenario.unit, {**scenario.data, "score": False})
    assert unscored.check(["let-grace"]).summary.endswith("fill-form.")
    assert "score" not in unscored.check(["let-grace"]).extra
    with pytest.raises(ExerciseInputError, match=re.escape(
            "step 2 chooses 'ask-band', but at node 'grace-talks'. Valid: turn-to-lee, fill-form")):
        scenario.check(["let-grace", "ask-band"])
    with pytest.raises(ExerciseInputError, match="the scenario has ended"):
        scenario.check(["let-grace", "fill-form", "ask-lee"])
    with pytest.raises(ExerciseInputError, match="the list of choice ids"):
        scenario.check("ask-lee")


def test_feedback_reads_well_in_a_terminal_and_in_html() -> None:
    feedback = ex("three-is").check(["informed", "instructed"])
    text = str(feedback)
    assert text.splitlines()[0].startswith("You chose 1 of the 3 answers that fit")
    assert "✓ Right: Informed" in text and "✗ Not quite: Instructed" in text
    assert "○ Missed: Involved" in text
    html = feedback._repr_html_()
    assert html.count('<li class="cpe-item ') == 4 and "Not quite:" in html


ANSWERS = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30)
    | st.sampled_from(["equal-partners", "informed", "met", "ask-lee", "mornings",
                       "participation", "own-words", "description"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["own-words", "knew-when", "description", "x", "feelings"]) | st.text(
            max_size=8), inner, max_size=4),
    max_leaves=8)


@pytest.mark.parametrize("name", [e.id for e in coproduction_edu.exercises(DEMO)])
@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture],
          deadline=None)
@given(answer=ANSWERS)
def test_any_answer_gives_feedback_or_the_documented_error(name: str, answer: object) -> None:
    try:
        result = ex(name).check(answer)
    except ExerciseInputError as err:
        assert str(err)
    else:
        assert isinstance(result, Feedback)
        assert result.summary
