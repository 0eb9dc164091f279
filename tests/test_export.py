"""``coproduction-edu export``: a GIFT question bank that a real GIFT parser (gift-pegjs)
reads with the content's right answers, and SCORM 1.2 packages that a real SCORM runtime
(scorm-again) hears exactly what the chosen tracking should report, in Chromium."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

import coproduction_edu
from coproduction_edu.check import unit_folders
from coproduction_edu.cli import main
from coproduction_edu.engine.choice import Quiz
from coproduction_edu.engine.markdown import plain
from coproduction_edu.engine.sorting import Classify
from coproduction_edu.export.gift import gift_bank

from .conftest import ROOT, serve, tool

UNITS = [folder.name for folder in unit_folders(ROOT)]
NODE_MODULES = ROOT / "node_modules"
HOSTILE_TEXT = "A {brace} ~tilde =equals #hash: colon \\ back -> arrow <script>x()</script>"


def _parse_gift(path: Path) -> list[dict]:
    result = subprocess.run([tool("node"), str(ROOT / "tests" / "gift-parse.cjs"), str(path)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    questions = json.loads(result.stdout)
    for question in questions:  # gift-pegjs gives an escaped character in a matching
        for pair in question.get("matchPairs", []):  # answer as &&NNN; (its code point)
            pair["subanswer"] = re.sub(r"&&(\d+);", lambda m: chr(int(m[1])),
                                       pair["subanswer"])
    return questions


def _words(text: str) -> str:
    """Text as the bank gives it: plain, on one line, with ``->`` as an arrow."""
    return " ".join(plain(text).split()).replace("->", "\u2192")


def test_the_gift_bank_parses_and_every_right_answer_is_the_contents(tmp_path: Path) -> None:
    out = tmp_path / "bank.gift"
    assert main(["export", "gift", "--root", str(ROOT), "--out", str(out)]) == 0
    parsed = _parse_gift(out)
    categories = [q["title"] for q in parsed if q["type"] == "Category"]
    questions = {q["title"].split(":")[0]: q for q in parsed if q["type"] != "Category"}
    expected = [e for unit in UNITS for e in coproduction_edu.exercises(unit)
                if e.type in ("quiz", "classify")]
    assert categories == [f"coproduction-edu/{unit}" for unit in UNITS
                          if any(e.unit == unit for e in expected)]
    assert sorted(questions) == sorted(e.ref for e in expected)
    for exercise in expected:
        question = questions[exercise.ref]
        if exercise.type == "quiz":
            assert question["type"] == "MC"
            right = {_words(o["text"]) for o in exercise.data["options"] if o.get("correct")}
            if exercise.data.get("multiple"):
                got = {c["text"]["text"] for c in question["choices"] if c["weight"] > 0}
                assert sum(c["weight"] for c in question["choices"]) < 100, exercise.ref
            else:
                got = {c["text"]["text"] for c in question["choices"] if c["isCorrect"]}
            assert got == right, exercise.ref
        else:
            assert question["type"] == "Matching"
            labels = {c["id"]: c["label"] for c in exercise.data["categories"]}
            pairs = {(p["subquestion"]["text"], p["subanswer"]) for p in question["matchPairs"]}
            assert pairs == {(_words(s["text"]), _words(labels[s["category"]]))
                             for s in exercise.data["statements"]}, exercise.ref


def test_hostile_text_reaches_the_bank_as_plain_text(tmp_path: Path) -> None:
    quiz = Quiz("98-hostile", {"id": "q", "type": "quiz", "title": HOSTILE_TEXT,
                               "prompt": HOSTILE_TEXT, "options": [
                                   {"id": "a", "text": HOSTILE_TEXT, "correct": True,
                                    "feedback": HOSTILE_TEXT},
                                   {"id": "b", "text": "Other", "feedback": "No."}]})
    sort = Classify("98-hostile", {"id": "c", "type": "classify", "title": "T",
                                   "prompt": HOSTILE_TEXT, "categories": [
                                       {"id": "x", "label": HOSTILE_TEXT},
                                       {"id": "y", "label": "Y"}],
                                   "statements": [
                                       {"id": "s", "text": HOSTILE_TEXT, "category": "x",
                                        "reason": "r"},
                                       {"id": "t", "text": "T", "category": "y",
                                        "reason": "r"}]})
    out = tmp_path / "bank.gift"
    out.write_text(gift_bank([("98-hostile", [quiz, sort])]), encoding="utf-8")
    mc, matching = [q for q in _parse_gift(out) if q["type"] != "Category"]
    words = _words(HOSTILE_TEXT)
    assert mc["stem"] == {"format": "plain", "text": words}
    assert mc["choices"][0]["text"]["text"] == words
    assert mc["choices"][0]["feedback"]["text"] == words
    assert matching["matchPairs"][0] == {"subquestion": {"format": "plain", "text": words},
                                         "subanswer": words}


UNIT = "05-consent-after-montgomery"
MARKED = ("quiz", "classify", "audit", "disclosure")


def _plan(exercise) -> object:
    """The answer the test gives each activity: the right one, with one slip in a sort and
    an audit, and every item ticked in a disclosure (which must not earn full marks)."""
    d = exercise.data
    if exercise.type == "quiz":
        right = [o["id"] for o in d["options"] if o.get("correct")]
        return right if d.get("multiple") else right[0]
    if exercise.type in ("classify", "audit"):
        key = "category" if exercise.type == "classify" else "expected"
        choices = ([c["id"] for c in d["categories"]] if exercise.type == "classify"
                   else [c["id"] for c in exercise.scale])
        items = d["statements"] if exercise.type == "classify" else d["items"]
        answer = {s["id"]: s[key] for s in items}
        first = items[0]
        answer[first["id"]] = next(c for c in choices if c != first[key])
        return answer
    if exercise.type == "disclosure":
        return [i["id"] for i in d["items"]]
    return None


def _score(exercise, answer) -> float:
    """The 0-to-1 mark of one try, as the unit standard defines it: right answers over the
    total, less the wrong picks where a student chooses any number."""
    items = exercise.check(answer).items
    right = sum(i.verdict == "right" for i in items)
    wrong = sum(i.verdict == "wrong" for i in items)
    if exercise.type in ("classify", "audit"):
        return right / len(items)
    total = right + sum(i.verdict == "missed" for i in items)
    if exercise.type == "quiz" and not exercise.data.get("multiple"):
        total = 1
    return max(0, right - wrong) / total


def _answer(frame, exercise, answer) -> None:
    block = frame.locator(f"#{exercise.dom_id}")
    block.scroll_into_view_if_needed()
    if exercise.type == "scenario":
        block.locator("button.cpe-choice").first.click()
        return
    if exercise.type in ("quiz", "disclosure"):
        for value in [answer] if isinstance(answer, str) else answer:
            block.locator(f'input[value="{value}"]').check()
    elif exercise.type == "classify":
        for statement, category in answer.items():
            block.locator(f'select[data-item="{statement}"]').select_option(category)
    elif exercise.type == "audit":
        for item, choice in answer.items():
            block.locator(f'fieldset[data-item="{item}"] input[value="{choice}"]').check()
    elif exercise.type in ("rewrite", "reflection"):
        block.locator("textarea").first.fill("Dan chose to wait a week before deciding.")
    block.locator("button[data-cpe-action=check]").click()
    block.locator(".cpe-feedback .cpe-summary").wait_for()


LMS_PAGE = """<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>LMS</title>
<link rel="icon" href="data:,"><script src="scorm12.js"></script>
<script>
window.API = new Scorm12API({ logLevel: 5 });
window.calls = [];
["LMSInitialize", "LMSSetValue", "LMSCommit", "LMSFinish"].forEach(function (name) {
  var real = window.API[name].bind(window.API);
  window.API[name] = function () {
    window.calls.push([name].concat([].slice.call(arguments)));
    return real.apply(null, arguments);
  };
});
</script></head><body><iframe src="package/index.html" title="The unit" width="900"
height="700"></iframe></body></html>"""


@pytest.mark.book
@pytest.mark.parametrize("tracking", ["none", "completion", "score"])
def test_a_scorm_package_reports_what_its_tracking_says_and_nothing_more(
        browser, built_html: Path, tmp_path: Path, tracking: str) -> None:
    assert main(["export", "scorm", UNIT, "--root", str(ROOT), "--html", str(built_html),
                 "--out", str(tmp_path / "out"), "--tracking", tracking]) == 0
    lms = tmp_path / "lms"
    with zipfile.ZipFile(tmp_path / "out" / f"{UNIT}.zip") as package:
        assert sorted(package.namelist()) == ["imsmanifest.xml", "index.html"]
        package.extractall(lms / "package")
    manifest = (lms / "package" / "imsmanifest.xml").read_text(encoding="utf-8")
    assert "<schemaversion>1.2</schemaversion>" in manifest
    assert 'adlcp:scormtype="sco" href="index.html"' in manifest
    shutil.copy(NODE_MODULES / "scorm-again" / "dist" / "scorm12.js", lms / "scorm12.js")
    (lms / "index.html").write_text(LMS_PAGE, encoding="utf-8")
    in_page = [e for e in coproduction_edu.exercises(UNIT)
               if f"{e.dom_id}\"" in (lms / "package" / "index.html").read_text()]
    assert len(in_page) >= 4
    with serve(lms) as base:
        context = browser.new_context()
        page = context.new_page()
        requests, problems = [], []
        page.on("request", lambda r: requests.append(r.url))
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.goto(f"{base}/index.html")
        frame = page.frame_locator("iframe")
        frame.locator(".cpe-actions").first.wait_for()
        marks = []
        for exercise in in_page:
            answer = _plan(exercise)
            _answer(frame, exercise, answer)
            if exercise.type in MARKED:
                marks.append(_score(exercise, answer))
        status = page.evaluate("API.cmi.core.lesson_status")
        raw = page.evaluate("API.cmi.core.score.raw")
        calls = page.evaluate("calls")
        context.close()
    assert problems == []
    assert all(url.startswith(base) for url in requests), requests
    if tracking == "none":
        assert calls == []
        assert status in ("", "not attempted") and raw == ""
        return
    assert calls[0] == ["LMSInitialize", ""]
    assert status == "completed"
    assert not any(call[1].startswith("cmi.core.score") for call in calls
                   if call[0] == "LMSSetValue") or tracking == "score"
    if tracking == "score":
        assert raw == str(round(100 * sum(marks) / len(marks)))
        assert 0 < int(raw) < 100
    else:
        assert raw == ""


def test_export_names_a_missing_unit_or_book_in_one_line(tmp_path: Path, capsys) -> None:
    assert main(["export", "scorm", "99-none", "--root", str(ROOT)]) == 2
    assert "no unit 99-none" in capsys.readouterr().err
    assert main(["export", "scorm", UNIT, "--root", str(ROOT), "--html", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "build the book first" in err
