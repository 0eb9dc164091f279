"""``make handouts``: each unit's student and educator PDFs, printed by Chromium from the
built book. The PDFs' own text, read with pypdf, is what is checked."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from coproduction_edu.check import unit_folders
from coproduction_edu.engine.content import exercises
from coproduction_edu.engine.markdown import plain
from coproduction_edu.handouts import make_handouts
from coproduction_edu.units import check_unit_source

from .conftest import ROOT
from .pdf import Printed, normalise, read_pdf

pytestmark = pytest.mark.book
UNITS = [folder.name for folder in unit_folders(ROOT)]
ACTIVITY = re.compile(r"^:{3,}\{activity\}\s+\S+/(\S+)", re.M)


@pytest.fixture(scope="module")
def handouts(browser, built_html: Path,
             tmp_path_factory: pytest.TempPathFactory) -> dict[str, Printed]:
    out = tmp_path_factory.mktemp("handouts")
    written = make_handouts(built_html, out, browser=browser)
    assert sorted(p.name for p in written) == sorted(
        f"{name}-{kind}.pdf" for name in UNITS for kind in ("student", "educator"))
    return {p.stem: _without_footers(read_pdf(p.read_bytes()), p.stem.rsplit("-", 1)[0])
            for p in written}


def _without_footers(printed: Printed, name: str) -> Printed:
    """Each sheet's text without its footer (the page's title, page N of M), so a sentence
    that runs on to the next sheet reads whole."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    title = check_unit_source(_source(name), "index.md", name).unit["title"]
    footer = re.compile(re.escape(normalise(f"{title} — {config['title']}")
                                  ) + r" · page \d+ of \d+$")
    return Printed([footer.sub("", text).strip() for text in printed.texts], printed.fills)


def _source(name: str) -> str:
    return (ROOT / f"book/units/{name}/index.md").read_text(encoding="utf-8")


def _reasons(name: str) -> list[str]:
    """The answers' reasons of the unit's activities in its page, as plain text."""
    in_page = set(ACTIVITY.findall(_source(name)))
    found = []
    for exercise in exercises(name):
        if exercise.id not in in_page:
            continue
        data = exercise.data
        found += [s["reason"] for s in data.get("statements", [])]
        found += [i["reason"] for i in data.get("items", []) if i.get("reason")]
        found += [o["feedback"] for o in data.get("options", [])]
    return [normalise(plain(r)) for r in found if len(r) > 40]


@pytest.mark.parametrize("name", UNITS)
@pytest.mark.parametrize("kind", ["student", "educator"])
def test_a_handout_has_the_title_outcomes_case_activities_and_key_points(
        handouts: dict[str, Printed], name: str, kind: str) -> None:
    unit = check_unit_source(_source(name), "index.md", name).unit
    text = handouts[f"{name}-{kind}"].text
    assert normalise(unit["title"]) in text
    assert [o["text"] for o in unit["learning_outcomes"]
            if normalise(plain(o["text"])) not in text] == []
    assert "Key points" in text and "Activities" in text
    titles = [e.title for e in exercises(name) if e.id in ACTIVITY.findall(_source(name))]
    assert [t for t in titles if normalise(plain(t)) not in text] == []
    assert re.search(r"fictional", text, re.I)


@pytest.mark.parametrize("name", UNITS)
def test_the_student_handout_has_no_answer_and_the_educators_has_them_all(
        handouts: dict[str, Printed], name: str) -> None:
    student, educator = handouts[f"{name}-student"].text, handouts[f"{name}-educator"].text
    reasons = _reasons(name)
    assert reasons
    assert [r for r in reasons if r[:60] in student] == []
    assert "Answers and reasons" not in student
    assert [r for r in reasons if r[:60] not in educator] == []
    assert "Answers and reasons" in educator


@pytest.mark.parametrize("name", UNITS)
def test_the_educator_handout_ends_with_the_facilitator_notes(
        handouts: dict[str, Printed], name: str) -> None:
    educator, student = handouts[f"{name}-educator"], handouts[f"{name}-student"]
    notes = (ROOT / f"book/units/{name}/facilitator.md").read_text(encoding="utf-8")
    heading = normalise(re.search(r"^# (.+)$", notes, re.M)[1])
    sheet = educator.sheet_of(heading)
    assert sheet is not None and sheet > 0
    assert heading not in student.text
    assert len(educator.texts) > len(student.texts)


def test_make_handouts_says_what_is_missing_in_one_line(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "coproduction_edu.handouts", "--html",
                             str(tmp_path), "--out", str(tmp_path / "out")],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "build the book first" in result.stderr
    assert not (tmp_path / "out").exists()


def test_make_handouts_prints_a_unit_with_its_own_chromium(built_html: Path,
                                                           tmp_path: Path) -> None:
    unit = UNITS[0]
    result = subprocess.run([sys.executable, "-m", "coproduction_edu.handouts", "--html",
                             str(built_html), "--out", str(tmp_path), unit],
                            capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{unit}-educator.pdf",
                                                         f"{unit}-student.pdf"]
    assert read_pdf((tmp_path / f"{unit}-student.pdf").read_bytes()).texts
