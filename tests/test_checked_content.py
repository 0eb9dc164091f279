"""Recorded content loads without the schema validator; anything else is checked in full."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from coproduction_edu.cli import main
from coproduction_edu.engine.content import (
    CHECKED,
    content_dir,
    content_files,
    fingerprint,
    load_file,
    record_checked,
    recorded,
)
from coproduction_edu.engine.render import render_block

from .conftest import ROOT

FIRST = ("import sys, coproduction_edu; html = coproduction_edu.exercise({ref!r})._repr_html_(); "
         "print(len(html), 'jsonschema' in sys.modules)")


@pytest.mark.parametrize("path", content_files(), ids=lambda p: p.stem)
def test_a_notebook_shows_an_exercise_without_importing_jsonschema(path: Path) -> None:
    """What a student waits on in a fresh kernel: no schema validator is imported."""
    ref = f"{path.stem}/{load_file(path)[0][0].id}"
    out = subprocess.run([sys.executable, "-c", FIRST.format(ref=ref)], capture_output=True,
                         text=True, check=True, cwd=ROOT).stdout.split()
    assert int(out[0]) > 1000
    assert out[1] == "False"


@pytest.mark.parametrize("path", content_files(), ids=lambda p: p.stem)
def test_recorded_and_fully_checked_loads_give_the_same_exercises(path: Path) -> None:
    trusted, none = load_file(path, checked=recorded(content_dir()))
    full, also_none = load_file(path)
    assert none == also_none == []
    assert [render_block(e) for e in trusted] == [render_block(e) for e in full]


def test_a_changed_file_is_checked_in_full_even_with_an_old_record(tmp_path: Path) -> None:
    source = content_files()[0]
    target = tmp_path / source.name
    broken = source.read_text().replace("type: quiz", "type: quizz", 1)
    assert broken != source.read_text()
    target.write_text(broken)
    stale = {source.name: fingerprint(source.read_text())}
    loaded, problems = load_file(target, f"content/{source.name}", stale)
    assert loaded == []
    assert problems and all(str(p).startswith(f"content/{source.name}:") for p in problems)
    assert any("quizz" in str(p) for p in problems), problems


@pytest.mark.parametrize("record", ["", "not json", "[1, 2]", '{"x": 3}'])
def test_a_broken_record_only_means_a_full_check(record: str, tmp_path: Path) -> None:
    (tmp_path / CHECKED).write_text(record)
    assert recorded(tmp_path) == {}


def test_check_reports_an_unrecorded_file_and_record_fixes_it(
        book_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = book_copy / "coproduction_edu" / "content"
    shutil.copytree(content_dir(), folder)
    name = content_files(folder)[1].name
    with (folder / name).open("a", encoding="utf-8") as file:
        file.write("# a comment changes the text, not the meaning\n")
    assert main(["check", "--root", str(book_copy)]) == 1
    out = capsys.readouterr().out
    assert f"coproduction_edu/content/{CHECKED}:1: {name}: is not recorded" in out
    assert main(["check", "--record", "--root", str(book_copy)]) == 0
    assert json.loads((folder / CHECKED).read_text())[name] == fingerprint(
        (folder / name).read_text())
    assert record_checked(folder) == recorded(folder)


BLOCKED = ("import sys; sys.modules['jsonschema'] = None; {code}")


def test_without_jsonschema_the_exercises_work_and_check_says_what_to_install() -> None:
    """Where only the exercises are installed (JupyterLite, Colab, Binder), nothing needs the
    schema validator; the checker says in one line what it needs instead of a traceback."""
    shown = subprocess.run(
        [sys.executable, "-c", BLOCKED.format(code=FIRST.format(
            ref="00-try-the-exercises/what-is-co-production"))],
        capture_output=True, text=True, cwd=ROOT)
    assert shown.returncode == 0, shown.stderr
    checked = subprocess.run(
        [sys.executable, "-c", BLOCKED.format(
            code="from coproduction_edu.cli import main; sys.exit(main(['check']))")],
        capture_output=True, text=True, cwd=ROOT)
    assert checked.returncode == 2
    assert "Traceback" not in checked.stderr
    assert "pip install 'coproduction-edu[check]'" in checked.stderr, checked.stderr
