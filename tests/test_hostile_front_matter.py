"""Unit front matter is written by contributors from outside: every text in it reaches the page
as text. A unit whose every text field carries script, event-handler, ``javascript:`` and
MyST directive payloads builds cleanly, and in Chromium nothing runs and the payloads show."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from .conftest import build_book, serve

pytestmark = pytest.mark.book
UNIT = "03-three-keys"
PAYLOADS = [
    '<img src=x onerror="window.pwned = 1">',
    "<script>window.pwned = 2</script>",
    "[click me](javascript:window.pwned=3)",
    "Line one\n\n```{raw} html\n<script>window.pwned = 4</script>\n```\n\nafter",
    "{raw}`<b onclick=\"window.pwned=5\">x</b>` and :::{eval-rst}\n.. raw:: html\n\n  <i>",
    '<svg onload="window.pwned = 6"></svg> & "quotes" \' CPEFIELD0000X',
]


def hostile(index: int) -> str:
    return f"Hostile {index}: {PAYLOADS[index % len(PAYLOADS)]}"


def poison(front: dict) -> dict:
    unit = front["unit"]
    count = iter(range(100))
    unit["title"] = hostile(next(count))
    unit["summary"] = hostile(next(count))
    unit["questions"] = [hostile(next(count)) for _ in unit["questions"]]
    for outcome in unit["learning_outcomes"]:
        outcome["text"] = hostile(next(count))
    unit["coproduction"] = {
        "status": "lived-experience-reviewed",
        "contributors": [{"name": hostile(next(count)), "roles": ["author"],
                          "note": hostile(next(count))},
                         {"name": hostile(next(count)), "roles": ["service-user-reviewer"]}],
        "reviewed": {"date": "2026-11-30", "record": hostile(next(count))},
    }
    return front


def test_hostile_front_matter_shows_as_text_and_never_runs(book_copy: Path, browser) -> None:
    page_file = book_copy / "book" / "units" / UNIT / "index.md"
    text = page_file.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    front = poison(yaml.safe_load(front))
    page_file.write_text("---\n" + yaml.safe_dump(front, allow_unicode=True, width=1000)
                         + "---\n" + body, encoding="utf-8")
    result = build_book(book_copy, book_copy)
    log = result.stdout + result.stderr
    assert result.returncode == 0 and "WARNING" not in log, log[-3000:]
    assert "Traceback" not in log
    html_dir = book_copy / "_build" / "html"
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    with serve(html_dir) as base:
        for name in (f"book/units/{UNIT}/index.html", "book/units/index.html"):
            page.goto(f"{base}/{name}")
            page.wait_for_load_state("load")
            if "units/0" in name:
                page.locator("details.cpe-about summary").click()
            assert page.evaluate("window.pwned") is None, name
            shown = page.locator("main").inner_text()
            assert '<img src=x onerror="window.pwned = 1">' in shown, name
            if "units/0" in name:
                assert "<script>window.pwned = 2</script>" in shown
                assert "{raw} html" in shown and "window.pwned = 4</script>" in shown
                assert page.locator("main a[href^='javascript']").count() == 0
                assert page.locator("img[src='x'], svg[onload], [onclick*='pwned']"
                                    ).count() == 0
                scripts = page.eval_on_selector_all("script", "els => els.map(e => e.text)")
                assert not any("pwned" in script for script in scripts)
                assert "CPEFIELD0000X" in shown
    assert dialogs == []
    context.close()


UNITS = ("03-three-keys", "04-values-based-practice", "05-consent-after-montgomery")
BROKEN = [("python-apply", "nul-in-title", "alias-bomb"),
          ("nested-lists", "recursive-alias", "not-closed")]


@pytest.mark.parametrize("fixtures", BROKEN, ids=lambda names: "+".join(names))
def test_broken_front_matter_fails_the_build_with_messages_not_tracebacks(
        book_copy: Path, fixtures: tuple[str, ...]) -> None:
    from .conftest import FIXTURES

    for unit, name in zip(UNITS, fixtures, strict=True):
        fixture = (FIXTURES / "units" / f"{name}.md").read_text(encoding="utf-8")
        (book_copy / "book" / "units" / unit / "index.md").write_text(fixture, encoding="utf-8")
    result = build_book(book_copy, book_copy)
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in log and "Exception occurred" not in log, log[-3000:]
    expected = yaml.safe_load((FIXTURES / "units" / "expected.yaml").read_text())
    for unit, name in zip(UNITS, fixtures, strict=True):
        line, field, fragment = expected[name]
        assert any(f"book/units/{unit}/index.md:{line}" in row and field in row
                   and fragment in row for row in log.splitlines()), (name, log[-3000:])


@pytest.mark.parametrize("fixture", ["alias-bomb", "python-tag", "nested-lists"])
def test_broken_exercise_content_fails_the_build_with_messages_not_tracebacks(
        book_copy: Path, fixture: str) -> None:
    """The book's activities read the package's exercise content: a copy of the package with
    one broken file, first on the path, stands for a contributor's broken pull request."""
    import os
    import shutil
    import subprocess

    from .conftest import FIXTURES, ROOT, tool

    package = book_copy / "coproduction_edu"
    shutil.copytree(ROOT / "coproduction_edu", package,
                    ignore=shutil.ignore_patterns("__pycache__"))
    broken = (FIXTURES / "content" / f"{fixture}.yaml").read_text(encoding="utf-8")
    (package / "content" / "03-three-keys.yaml").write_text(
        broken.replace("unit: 01-fixture", "unit: 03-three-keys"), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(book_copy)}
    result = subprocess.run(
        [tool("jupyter-book"), "build", str(book_copy), "--path-output", str(book_copy),
         "-W", "-n", "--keep-going"], capture_output=True, text=True, check=False, timeout=900,
        env=env)
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in log and "Exception occurred" not in log, log[-3000:]
    assert "coproduction_edu/content/03-three-keys.yaml:" in log, log[-3000:]
