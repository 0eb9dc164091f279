"""``coproduction-edu new-unit`` scaffolds a unit that checks, builds and runs clean."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from coproduction_edu import scaffold
from coproduction_edu.cli import main
from coproduction_edu.scaffold import ScaffoldError, new_unit

from .conftest import build_book

UNIT = "18-safe-shared-space"


def _new(root: Path, unit_id: str = UNIT, *extra: str) -> int:
    return main(["new-unit", unit_id, "--title", "Safe shared space", "--author", "Test Author",
                 "--root", str(root), *extra])


def _digest(root: Path) -> str:
    files = sorted(p for p in root.rglob("*") if p.is_file())
    return hashlib.sha256(b"".join(p.read_bytes() for p in files)).hexdigest()


@pytest.mark.book
def test_new_unit_checks_builds_and_runs_clean(book_copy: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert _new(book_copy) == 0
    written = capsys.readouterr().out
    for path in (f"book/units/{UNIT}/index.md", f"book/units/{UNIT}/facilitator.md",
                 f"exercises/{UNIT}.ipynb", "_toc.yml"):
        assert f"wrote {path}" in written
    assert main(["check", "--root", str(book_copy)]) == 0, capsys.readouterr().out
    result = build_book(book_copy, book_copy)
    log = result.stdout + result.stderr
    assert result.returncode == 0 and "WARNING" not in log, log[-3000:]
    html = (book_copy / f"_build/html/book/units/{UNIT}/index.html").read_text()
    assert "Draft: not yet reviewed by people with lived experience" in html
    assert "Test Author (author)" in html
    assert (book_copy / f"_build/html/book/units/{UNIT}/facilitator.html").is_file()
    assert (book_copy / f"_build/html/exercises/{UNIT}.html").is_file()
    nbval = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                            "--nbval", str(book_copy / f"exercises/{UNIT}.ipynb")],
                           capture_output=True, text=True, check=False, cwd=book_copy)
    assert nbval.returncode == 0, nbval.stdout[-2000:]
    assert re.search(r"\b1 passed\b", nbval.stdout)


def test_toc_entries_are_added_in_number_order(book_copy: Path) -> None:
    assert _new(book_copy, "98-later") == 0
    assert _new(book_copy, "97-earlier") == 0
    toc = yaml.safe_load((book_copy / "_toc.yml").read_text())
    parts = {part["caption"]: part["chapters"] for part in toc["parts"]}
    units = [c["file"] for c in parts[scaffold.UNITS_CAPTION]]
    assert units[0] == "book/units/index"
    assert units[-2:] == ["book/units/97-earlier/index", "book/units/98-later/index"]
    assert units[1:] == sorted(units[1:])
    assert all("sections" not in c for c in parts[scaffold.UNITS_CAPTION])
    guides = [c["file"] for c in parts[scaffold.EDUCATORS_CAPTION]]
    assert guides[0] == "book/educators/index"
    assert guides[-2:] == ["book/units/97-earlier/facilitator", "book/units/98-later/facilitator"]
    assert guides[1:] == sorted(guides[1:])
    notebooks = [c["file"] for c in parts[scaffold.EXERCISES_CAPTION]]
    assert notebooks[-2:] == ["exercises/97-earlier", "exercises/98-later"]
    assert notebooks == sorted(notebooks)


def test_refuses_to_overwrite(book_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _new(book_copy) == 0
    before = _digest(book_copy)
    assert _new(book_copy) == 2
    assert "already" in capsys.readouterr().err
    assert _new(book_copy, "18-another-title") == 2
    assert "unit number 18 is already used by 18-safe-shared-space" in capsys.readouterr().err
    assert _digest(book_copy) == before


def test_refuses_an_existing_notebook(book_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (book_copy / f"exercises/{UNIT}.ipynb").write_text("{}")
    before = _digest(book_copy)
    assert _new(book_copy) == 2
    assert f"exercises/{UNIT}.ipynb already exists; nothing was changed" in capsys.readouterr().err
    assert _digest(book_copy) == before


@pytest.mark.parametrize("bad_id", ["8-x", "08_x", "08-", "08-Capital", "x8-slug", "08-a--b"])
def test_rejects_bad_ids(bad_id: str, book_copy: Path,
                         capsys: pytest.CaptureFixture[str]) -> None:
    before = _digest(book_copy)
    assert _new(book_copy, bad_id) == 2
    assert "is not a unit id; use NN-slug" in capsys.readouterr().err
    assert _digest(book_copy) == before


def test_needs_a_real_author(book_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scaffold, "_git_user_name", lambda root: None)
    with pytest.raises(ScaffoldError, match="--author"):
        new_unit(book_copy, UNIT, "Safe shared space")
    assert not (book_copy / f"book/units/{UNIT}").exists()


def test_title_must_be_one_safe_line(book_copy: Path) -> None:
    with pytest.raises(ScaffoldError, match="title"):
        new_unit(book_copy, UNIT, 'A "quoted" title', author="Test Author")
