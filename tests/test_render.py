"""Author text is escaped and rendered in a safe subset; blocks are deterministic and complete."""

from __future__ import annotations

import json
import re

import pytest

import coproduction_edu
from coproduction_edu.engine.markdown import inline, plain, render
from coproduction_edu.engine.render import RUNTIME_END, RUNTIME_START, render_block

DEMO = "00-try-the-exercises"


@pytest.mark.parametrize("source, html", [
    ("**bold** and *italic*", "<strong>bold</strong> and <em>italic</em>"),
    ("`a <b>`", "<code>a &lt;b&gt;</code>"),
    ("<script>x</script>", "&lt;script&gt;x&lt;/script&gt;"),
    ('<img src=x onerror="y">', "&lt;img src=x onerror=&quot;y&quot;&gt;"),
    ("[NMC](https://www.nmc.org.uk)", '<a href="https://www.nmc.org.uk">NMC</a>'),
    ("[bad](javascript:alert(1))", "bad)"),
    ("[bad](data:text/html,x)", "bad"),
    ("2 * 3 * 4", "2 * 3 * 4"),
    ("a `**not bold**` b", "a <code>**not bold**</code> b"),
    ("[other site](//evil.invalid/x)", "other site"),
    ("[other site](/\\evil.invalid)", "other site"),
    ("[page](../units/index.html)", '<a href="../units/index.html">page</a>'),
    ("a\x00b `c`", "a\ufffdb <code>c</code>"),
])
def test_inline_subset(source: str, html: str) -> None:
    assert inline(source) == html


def test_blocks_lists_and_plain_text() -> None:
    assert render("One\ntwo\n\n- a\n- *b*\n\n1. x\n2. y") == (
        "<p>One two</p><ul><li>a</li><li><em>b</em></li></ul><ol><li>x</li><li>y</li></ol>")
    assert plain("**Strong** and *em* with `code` and [a link](https://x.org)") == (
        "Strong and em with code and a link")


@pytest.mark.parametrize("exercise", coproduction_edu.exercises(DEMO), ids=lambda e: e.id)
def test_block_is_deterministic_and_complete(exercise) -> None:
    first, second = exercise._repr_html_(), exercise._repr_html_()
    assert first == second
    assert first.count(RUNTIME_START) == 1 and first.endswith(RUNTIME_END)
    dom = exercise.dom_id
    assert dom == f"cpe-{DEMO}--{exercise.id}"
    assert f'id="{dom}"' in first
    assert f'aria-labelledby="{dom}__title"' in first
    assert 'role="status" aria-live="polite"' in first
    assert "<details class=\"cpe-answers\"><summary>Answers and reasons</summary>" in first
    assert "http://" not in first.replace("http://www.w3.org", "")
    assert not re.search(r"(src|href)=\"https?://", first)
    data = re.search(r'<script type="application/json" class="cpe-data">(.*?)</script>',
                     first).group(1)
    assert "<" not in data
    assert json.loads(data)["ref"] == exercise.ref


def test_every_input_has_a_label() -> None:
    for exercise in coproduction_edu.exercises(DEMO):
        html = render_block(exercise, with_runtime=False)
        for control in re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', html):
            assert f'for="{control}"' in html, (exercise.id, control)
        assert html.count("<fieldset") == html.count("<legend>")


def test_ids_never_meet_across_exercises_or_parts() -> None:
    """Exercise ``extra-quiz`` option ``a`` and exercise ``extra`` option ``quiz-a`` (or an
    option called ``title``) once gave the same HTML id."""
    from coproduction_edu.engine.choice import Quiz

    def quiz(name: str, option: str) -> Quiz:
        return Quiz("01-ids", {"id": name, "type": "quiz", "title": "T", "options": [
            {"id": option, "text": "x", "correct": True, "feedback": "y"}]})

    html = "".join(render_block(q, with_runtime=False) for q in (
        quiz("extra-quiz", "a"), quiz("extra", "quiz-a"), quiz("extra-quiz-title", "b"),
        quiz("x", "title"), quiz("x-title", "feedback")))
    found = re.findall(r'\bid="([^"]+)"', html)
    assert len(found) == len(set(found)), sorted(found)


def test_every_shipped_id_is_unique_on_one_page() -> None:
    from coproduction_edu.engine.content import content_files

    html = "".join(render_block(e, with_runtime=False) for path in content_files()
                   for e in coproduction_edu.exercises(path.stem))
    found = re.findall(r'\bid="([^"]+)"', html)
    assert len(found) == len(set(found))


def test_runtime_script_loses_only_comment_lines_and_indentation() -> None:
    from coproduction_edu.engine.render import _for_the_browser

    script = ("/* A header\n   over two lines. */\n(function () {\n  // a note\n"
              "  /* one */ var a = '//not a comment'; /* two */\n"
              "    var b = 1;  // kept: it follows code\n  /* last */\n})();\n")
    assert _for_the_browser(script) == (
        "(function () {\n/* one */ var a = '//not a comment'; /* two */\n"
        "var b = 1;  // kept: it follows code\n})();\n")
