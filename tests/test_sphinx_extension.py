"""The book's Sphinx extension: invalid units fail the build at file and line; valid ones
get a header with status, content note, time, outcomes and NMC platforms, and join the map."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from coproduction_edu.scaffold import new_unit

from .conftest import FIXTURES, build_book

pytestmark = pytest.mark.book

CO_PRODUCED = '''---
unit:
  id: 18-fixture
  number: 18
  title: "A co-produced unit"
  summary: "How a unit earns the label, in one line for the map."
  duration:
    teaching_minutes: 45
    activity_minutes: 65
  questions:
    - "What makes a unit co-produced?"
  learning_outcomes:
    - text: "Describe how a unit earns the co-produced label."
      nmc: [1, A]
  three_keys: [participation, strengths]
  vbp_elements: [partnership]
  content_notes: [self-harm]
  coproduction:
    status: co-produced
    reviewed:
      date: "2026-10-01"
      record: "review notes in pull request 12"
    contributors:
      - name: "Reviewer One"
        roles: [service-user-reviewer]
      - name: "Reviewer Two"
        roles: [carer-reviewer]
---

# A co-produced unit

Body text.
'''


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    root = tmp_path_factory.mktemp("ext") / "site"
    shutil.copytree(Path(__file__).resolve().parents[1], root, ignore=shutil.ignore_patterns(
        ".venv", "_build", ".git", "tests", "benchmarks", ".*cache", "*.egg-info"))
    new_unit(root, "18-fixture", "A co-produced unit", author="Test Author")
    (root / "book/units/18-fixture/index.md").write_text(CO_PRODUCED)
    new_unit(root, "19-fixture", "An invalid unit", author="Test Author")
    broken = (FIXTURES / "units/missing-title.md").read_text().replace("18-fixture", "19-fixture")
    (root / "book/units/19-fixture/index.md").write_text(broken.replace("number: 18", "number: 19"))
    (root / "book/units/18-fixture/facilitator.md").write_text(
        "# Facilitator notes\n\n:::{activity} 00-try-the-exercises/three-is\n:::\n\n"
        "Text between.\n\n:::{activity} 00-try-the-exercises/three-keys-sort\n:::\n\n"
        "We avoid {discussed}`non-compliant` in notes.\n")
    with (root / "book/units/19-fixture/facilitator.md").open("a") as page:
        page.write("\n:::{activity} 00-try-the-exercises/no-such-exercise\n:::\n")
    config = root / "_config.yml"
    unlinked = re.sub(r"^repository:\n(  .*\n)+", "", config.read_text(), flags=re.M)
    config.write_text(unlinked.replace("use_repository_button: true",
                                       "use_repository_button: false"))
    result = build_book(root, root)
    return result.stdout + result.stderr, root / "_build" / "html"


UNSET = "repository.url is not set"


def _warnings(log: str, about: str = "") -> list[str]:
    """The build's warnings; only those that mention ``about`` if given, else all but the
    ones this build causes on purpose by having no repository."""
    rows = [row for row in re.sub(r"\x1b\[[0-9;]*m", "", log).splitlines() if "WARNING" in row]
    return [row for row in rows if (about in row if about else UNSET not in row)]


def test_invalid_unit_fails_the_build_at_file_line_and_field(build: tuple[str, Path]) -> None:
    warnings = _warnings(build[0])
    assert len(warnings) == 2, warnings
    assert warnings[1].endswith(
        "book/units/19-fixture/index.md:2: WARNING: unit.title: is missing; this field is "
        "required")


def test_unknown_activity_is_a_warning_at_its_line(build: tuple[str, Path]) -> None:
    warning = _warnings(build[0])[0]
    assert "book/units/19-fixture/facilitator.md:" in warning
    assert ("WARNING: activity 00-try-the-exercises/no-such-exercise: unit "
            "'00-try-the-exercises' has no exercise 'no-such-exercise'; it has: "
            "what-is-co-production") in warning


def test_activities_embed_blocks_with_one_runtime(build: tuple[str, Path]) -> None:
    html = (build[1] / "book/units/18-fixture/facilitator.html").read_text()
    assert 'id="cpe-00-try-the-exercises--three-is"' in html
    assert 'id="cpe-00-try-the-exercises--three-keys-sort"' in html
    assert html.count("<!--cpe-runtime-->") == 1
    assert html.index("<!--cpe-runtime-->") > html.index("cpe-00-try-the-exercises--three-is")
    assert '<span class="cpe-discussed">‘non-compliant’</span>' in html


def _unit_page(build: tuple[str, Path]) -> tuple[str, str]:
    """The co-produced unit's HTML, and its text with tags removed and spaces folded."""
    html = (build[1] / "book/units/18-fixture/index.html").read_text()
    return html, re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def test_header_shows_status_time_outcomes_and_platforms(build: tuple[str, Path]) -> None:
    html, text = _unit_page(build)
    assert "cpe-status-co-produced" in html
    assert "Reviewer One (reviewer with lived experience as a service user)" in text
    assert "Review finished on 2026-10-01: review notes in pull request 12." in text
    assert ("one two-hour session: 45 minutes of teaching, 65 minutes of activities and a "
            "10-minute break") in text
    assert "NMC Platform 1: Being an accountable professional; Annexe A: Communication" in text
    assert "Active participation of the service user and carer; Strengths" in text
    assert "Partnership in decision-making" in text


def test_content_note_brings_signposting(build: tuple[str, Path]) -> None:
    html, text = _unit_page(build)
    assert "This unit discusses self-harm." in text
    # Samaritans has more than one undated work in the book, so the label may carry a, b, ...
    assert re.search(r"Call free on 116 123 from any phone in the UK\. \(Samaritans, "
                     r"n\.d\.[a-z]?\)", text)
    # The citation links to the unit's own reference list, at the end of the page.
    assert re.search(r'class="bibtex-citation"[^>]*>\(<a class="reference internal" href="#',
                     html)
    assert re.search(r"\[Samaritans n\.d\.[a-z]?\]", text.split("References#")[-1])


def test_invalid_unit_gets_no_header(build: tuple[str, Path]) -> None:
    _, html_dir = build
    html = (html_dir / "book/units/19-fixture/index.html").read_text()
    assert "cpe-unit-header" not in html


def test_curriculum_map_lists_valid_units_only(build: tuple[str, Path]) -> None:
    _, html_dir = build
    html = (html_dir / "book/units/index.html").read_text()
    table = html[html.index('id="curriculum-map"'):html.index("</table>")]
    assert "18. A co-produced unit" in table
    assert "19-fixture" not in table
    assert "How a unit earns the label" not in table  # summaries stay out of the rows
    assert 'href="18-fixture/index.html"' in table
    row = table[table.index("18. A co-produced unit"):]
    row = row[:row.index("</tr>")]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row))
    assert "NMC: 1, A" in text and "Keys: 1, 3" in text
    assert "Time: 1 hour 50 minutes (1 session)" in text
    units = table.count('class="reference internal"')
    assert f"All {units} units" in table
    figure = html[html.index('class="cpe-coverage"'):html.index("</figure>")]
    assert "curriculum-coverage.svg" in figure and 'alt="Grid of ticks' in figure
    svg = (html_dir / "_images" / "curriculum-coverage.svg").read_text()
    assert svg.count(">Unit ") == units and ">Unit 18<" in svg and ">Unit 9<" in svg


def test_repository_links_without_a_repository_are_warnings(build: tuple[str, Path]) -> None:
    log, html = build
    unset = _warnings(log, UNSET)
    assert any(re.search(r"book/contributing/review.md:\d+: WARNING", row) for row in unset)
    assert all("/book/contributing/" in row for row in unset), unset
    page = (html / "book/contributing/review.html").read_text()
    assert "lived-experience review form" in page
    assert "issues/new" not in page


def test_a_rebuild_with_nothing_changed_writes_no_page_and_keeps_unit_numbers(
        book_copy: Path) -> None:
    """The unit figure numbers are the book's own, yet a cached build has nothing to do; after
    an edit, only what changed is written and the numbers stay per unit."""
    assert build_book(book_copy, book_copy).returncode == 0
    html_dir = book_copy / "_build" / "html"
    # The files written beside the book too: the review packs and the GIFT bank.
    beside = [*sorted((html_dir / "review-packs").glob("*.html")), html_dir / "question-bank.gift"]
    assert len(beside) == 10

    def written() -> dict[str, int]:
        return {path.name: path.stat().st_mtime_ns for path in beside}

    first = written()
    again = build_book(book_copy, book_copy)
    assert again.returncode == 0
    assert "no targets are out of date" in again.stdout, again.stdout[-2000:]
    assert written() == first
    page = book_copy / "book/units/05-consent-after-montgomery/index.md"
    page.write_text(page.read_text() + "\nOne more sentence.\n")
    edited = build_book(book_copy, book_copy)
    assert edited.returncode == 0, edited.stdout[-2000:]
    changed = {name for name, when in written().items() if when != first[name]}
    assert {"05-consent-after-montgomery.html", "question-bank.gift"} <= changed
    assert "One more sentence." in (html_dir / "review-packs" /
                                    "05-consent-after-montgomery.html").read_text()
    html = (book_copy / "_build/html/book/units/05-consent-after-montgomery/index.html")
    numbers = re.findall(r"Fig\. (\d+\.\d+)", html.read_text())
    assert numbers and all(n.startswith("5.") for n in numbers), numbers
