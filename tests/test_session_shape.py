"""One session shape for every unit (book/educators/facilitator-guide.md): two hours with a
10-minute break near the middle. Each facilitator page's plan runs without gaps from 0:00 to
2:00 with one break, and its teaching and activity time is the unit's front matter."""

from __future__ import annotations

import itertools
import re

import pytest

from coproduction_edu.check import unit_folders
from coproduction_edu.units import check_unit_source
from coproduction_edu.vocabulary import session_work_minutes, vocabulary

from .conftest import ROOT

UNITS = [folder.name for folder in unit_folders(ROOT)]
ROW = re.compile(r"^\|\s*(?P<start>[\d:]+)\s+to\s+(?P<end>[\d:]+)(?:\s*minutes)?\s*\|(?P<rest>.*)$",
                 re.M)


def _minutes(text: str) -> int:
    hours, _, minutes = text.rpartition(":")
    return int(hours or 0) * 60 + int(minutes)


def _is_break(cells: str) -> bool:
    """A row whose cells say only "Break" (or "10 (break)")."""
    return any(re.fullmatch(r"(\d+ \()?break\.?\)?", cell.strip(), re.I)
               for cell in cells.split("|"))


def _unit(name: str) -> dict:
    path = ROOT / "book" / "units" / name / "index.md"
    return check_unit_source(path.read_text(encoding="utf-8"), str(path), name).unit


@pytest.mark.parametrize("name", UNITS)
def test_a_units_time_fills_whole_sessions(name: str) -> None:
    duration = _unit(name)["duration"]
    work = duration["teaching_minutes"] + duration["activity_minutes"]
    assert work % session_work_minutes() == 0, (name, work)


@pytest.mark.parametrize("name", UNITS)
def test_the_session_plan_runs_from_start_to_end_with_one_break(name: str) -> None:
    text = (ROOT / "book" / "units" / name / "facilitator.md").read_text(encoding="utf-8")
    rows = [(_minutes(m["start"]), _minutes(m["end"]), m["rest"]) for m in ROW.finditer(text)]
    session = vocabulary()["session"]
    assert rows and rows[0][0] == 0 and rows[-1][1] == session["minutes"], name
    assert all(a[1] == b[0] for a, b in itertools.pairwise(rows)), name
    breaks = [(start, end) for start, end, rest in rows if _is_break(rest)]
    assert len(breaks) == 1, (name, breaks)
    start, end = breaks[0]
    assert end - start == session["break_minutes"] and 45 <= start <= 75, (name, start)
    duration = _unit(name)["duration"]
    work = sum(end - start for start, end, _ in rows) - session["break_minutes"]
    assert work == duration["teaching_minutes"] + duration["activity_minutes"], name
