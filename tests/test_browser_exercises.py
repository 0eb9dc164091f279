"""Every exercise type in a real headless Chromium: by click and by keyboard, with feedback
announced, drafts that survive a reload, inert author text, and no request off the machine."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import coproduction_edu
from coproduction_edu.engine.choice import Quiz
from coproduction_edu.engine.markdown import plain
from coproduction_edu.engine.render import render_block

from .conftest import serve

DEMO = "00-try-the-exercises"
HOSTILE = Quiz("01-hostile", {
    "id": "hostile", "type": "quiz", "title": "<script>window.pwned = 1</script>Title",
    "prompt": "Is <img src=x onerror=\"window.pwned = 2\"> inert?",
    "options": [
        {"id": "a", "text": "<img src=x onerror=\"window.pwned = 3\">", "correct": True,
         "feedback": "</script><script>window.pwned = 4</script>"},
        {"id": "b", "text": "[link](javascript:window.pwned=5)", "feedback": "No."}]})


def page_html() -> str:
    blocks = [render_block(e) for e in coproduction_edu.exercises(DEMO)]
    blocks.append(render_block(HOSTILE))
    return ('<!doctype html><html lang="en-GB"><head><meta charset="utf-8">'
            '<link rel="icon" href="data:,"><title>Exercises</title></head><body><main>'
            + "".join(blocks) + "</main></body></html>")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("site")
    (folder / "index.html").write_text(page_html(), encoding="utf-8")
    with serve(folder) as base:
        yield base


@pytest.fixture
def page(browser, site: str):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.problems = []
    page.requests = []
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.on("request", lambda r: page.requests.append(r.url))
    page.on("dialog", lambda d: d.accept())
    page.goto(site + "/index.html")
    yield page
    assert page.problems == []
    assert all(url.startswith(site) or url.startswith("blob:") for url in page.requests), (
        page.requests)
    context.close()


def block(page, name: str):
    return page.locator(f"#cpe-{DEMO}--{name}")


def feedback_items(page, name: str) -> list[tuple[str, str, str]]:
    """(id, verdict, reason text) of each feedback item the browser shows."""
    rows = page.eval_on_selector_all(
        f"#cpe-{DEMO}--{name} .cpe-feedback li.cpe-item",
        "els => els.map(e => [e.dataset.item, e.className.split('cpe-')[2].trim(),"
        " (e.querySelector('.cpe-reason') || {textContent: ''}).textContent])")
    return [tuple(row) for row in rows]


def python_items(name: str, answer: object) -> list[tuple[str, str, str]]:
    feedback = coproduction_edu.exercise(f"{DEMO}/{name}").check(answer)
    return [(i.id, i.verdict, plain(i.reason)) for i in feedback.items]


def summary(page, name: str) -> str:
    return block(page, name).locator(".cpe-feedback .cpe-summary").inner_text()


def test_every_block_comes_alive(page) -> None:
    ready = page.eval_on_selector_all(".cpe", "els => els.map(e => e.dataset.cpeReady)")
    assert ready == ["true"] * 9
    assert page.locator(".cpe-static-note").count() == 0
    assert page.locator(".cpe .cpe-actions button").count() >= 18
    live = page.eval_on_selector_all(".cpe-feedback", "els => els.map(e => e.getAttribute("
                                     "'aria-live') + e.getAttribute('role'))")
    assert live == ["politestatus"] * 9


def test_quiz_by_click_matches_python(page) -> None:
    quiz = block(page, "three-is")
    quiz.get_by_label("Informed").check()
    quiz.get_by_label("Instructed").check()
    quiz.get_by_role("button", name="Check my answer").click()
    assert summary(page, "three-is") == ("You chose 1 of the 3 answers that fit, and also 1 "
                                         "that does not. Read the reasons below, then try "
                                         "again.")
    assert feedback_items(page, "three-is") == python_items("three-is", ["informed", "instructed"])


def test_quiz_by_keyboard(page) -> None:
    quiz = block(page, "what-is-co-production")
    quiz.locator("input").first.focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.cpeAction") == "check"
    page.keyboard.press("Enter")
    assert summary(page, "what-is-co-production") == "Well done: every answer fits."
    assert quiz.locator(".cpe-feedback[role=status]").inner_text().startswith("Well done")


def test_classify_and_audit_match_python(page) -> None:
    sort = block(page, "three-keys-sort")
    sort.locator("select[data-item=own-words]").select_option("participation")
    sort.locator("select[data-item=allotment]").focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    sort.get_by_role("button", name="Check my answer").click()
    chosen = {"own-words": "participation",
              "allotment": sort.locator("select[data-item=allotment]").input_value()}
    assert feedback_items(page, "three-keys-sort") == python_items("three-keys-sort", chosen)
    audit = block(page, "ward-round-audit")
    answer = {"knew-when": "not-met", "asked-views": "met", "raised-leave": "met"}
    for item, value in answer.items():
        audit.locator(f"#cpe-{DEMO}--ward-round-audit--{item}--{value}").check()
    audit.get_by_role("button", name="Check my answer").click()
    assert feedback_items(page, "ward-round-audit") == python_items("ward-round-audit", answer)
    assert "sliding scale" in audit.locator(".cpe-debrief").inner_text()


def test_disclosure_matches_python(page) -> None:
    talk = block(page, "group-therapy-conversation")
    for item in ("mornings", "second-floor", "individual"):
        talk.locator(f"#cpe-{DEMO}--group-therapy-conversation--{item}").check()
    talk.get_by_role("button", name="Check my answer").click()
    expected = coproduction_edu.exercise(f"{DEMO}/group-therapy-conversation").check(
        ["mornings", "second-floor", "individual"])
    assert summary(page, "group-therapy-conversation") == plain(expected.summary)
    assert feedback_items(page, "group-therapy-conversation") == python_items(
        "group-therapy-conversation", ["mornings", "second-floor", "individual"])


def test_scenario_by_click_and_keyboard(page) -> None:
    story = block(page, "first-conversation")
    story.get_by_role("button", name=re.compile("^Let Grace tell")).click()
    assert "ten minutes" in story.locator(".cpe-stage").inner_text()
    assert page.evaluate("document.activeElement.classList.contains('cpe-stage')")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert "Lee says" in story.locator(".cpe-stage").inner_text()
    story.get_by_role("button", name=re.compile("^Ask about the band")).click()
    stage = story.locator(".cpe-stage").inner_text()
    assert "You reached an ending: A shared start." in stage
    assert "Score: 2 of 3 choices helped." in stage
    assert story.locator(".cpe-counters").inner_text() == "Lee's trust: 2"
    python = coproduction_edu.exercise(f"{DEMO}/first-conversation").check(
        ["let-grace", "turn-to-lee", "ask-band"])
    assert python.extra["counters"] == {"trust": 2}
    assert story.locator(".cpe-path li").all_inner_texts() == [plain(i.label)
                                                               for i in python.items]
    story.get_by_role("button", name="Start again").click()
    assert "looks at the floor" in story.locator(".cpe-stage").inner_text()


def test_rewrite_matches_python(page) -> None:
    rewrite = block(page, "rewrite-summary")
    rewrite.get_by_role("button", name="Check my wording").click()
    assert summary(page, "rewrite-summary") == "This is still the original text; rewrite it first."
    text = "Sam is a schizophrenic and was non-compliant. She lacks insight."
    rewrite.get_by_label("Your rewrite").fill(text)
    rewrite.get_by_role("button", name="Check my wording").click()
    assert feedback_items(page, "rewrite-summary") == python_items("rewrite-summary", text)
    assert len(feedback_items(page, "rewrite-summary")) >= 3


def test_reflection_draft_survives_reload_and_warns(page, site: str) -> None:
    reflect = block(page, "placement-reflection")
    reflect.get_by_label(re.compile("^Description")).fill("On a ward, Mr Okafor was not asked.")
    assert "Identifying detail?" in reflect.locator(".cpe-warnings").first.inner_text()
    reflect.get_by_label(re.compile("^Feelings")).fill("I felt uneasy.")
    page.reload()
    reflect = block(page, "placement-reflection")
    assert reflect.get_by_label(re.compile("^Description")).input_value() == (
        "On a ward, Mr Okafor was not asked.")
    back = reflect.locator(".cpe-saved").inner_text()
    assert back.startswith("A saved draft is back (saved ")
    assert "If it is not yours, clear it" in back
    assert "Kept in this browser on this computer until you clear it." in back
    reflect.get_by_role("button", name="Check my reflection").click()
    answer = {"description": "On a ward, Mr Okafor was not asked.", "feelings": "I felt uneasy."}
    assert feedback_items(page, "placement-reflection") == python_items("placement-reflection",
                                                                        answer)
    with page.expect_download() as download:
        reflect.get_by_role("button", name="Download as Markdown").click()
    saved = Path(download.value.path()).read_text()
    assert saved.startswith("# Reflect on a moment from placement\n\n## Description\n\n"
                            "On a ward, Mr Okafor was not asked.\n")
    reflect.get_by_role("button", name="Clear my draft").click()
    page.reload()
    assert block(page, "placement-reflection").get_by_label(
        re.compile("^Description")).input_value() == ""


def test_a_repeated_detail_is_one_warning_that_typing_does_not_read_out_again(page) -> None:
    reflect = block(page, "placement-reflection")
    stage = reflect.get_by_label(re.compile("^Description"))
    stage.fill("Mr Okafor spoke first. Later Mr Okafor smiled, and Mr Okafor left early.")
    warnings = reflect.locator(".cpe-warnings").first.locator(".cpe-warning")
    assert warnings.count() == 1
    assert "\u201cMr Okafor\u201d (3 times):" in warnings.first.inner_text()
    # A screen reader reads a live region out when it changes: count the changes.
    reflect.evaluate("""b => { window.changes = {warnings: 0, saved: 0};
        for (const [name, sel] of [['warnings', '.cpe-warnings'], ['saved', '.cpe-saved']])
          new MutationObserver(m => { window.changes[name] += m.length; }).observe(
            b.querySelector(sel), {childList: true, subtree: true, characterData: true}); }""")
    stage.press_sequentially(" Then")  # keystrokes that change no warning
    changes = page.evaluate("window.changes")
    assert changes["warnings"] == 0 and changes["saved"] <= 1  # "Draft saved (... at 10:41)"
    stage.press_sequentially(" I went to Ward 7.")
    texts = warnings.all_inner_texts()
    assert len(texts) == 2 and any("Ward 7" in text for text in texts)
    assert not any("times" in text for text in texts if "Ward 7" in text)


def test_a_draft_kept_in_this_tab_only_leaves_nothing_on_the_computer(browser, site: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(site + "/index.html")
    reflect = block(page, "placement-reflection")
    reflect.get_by_label(re.compile("^Do not keep my draft on this computer")).check()
    reflect.get_by_label(re.compile("^Description")).fill("A quiet evening shift.")
    assert "Kept in this tab only" in reflect.locator(".cpe-saved").inner_text()
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('cpe-reflection'))"
                         ) == []
    page.reload()  # the same tab keeps it
    reflect = block(page, "placement-reflection")
    assert reflect.get_by_label(re.compile("^Description")).input_value() == (
        "A quiet evening shift.")
    assert reflect.get_by_label(re.compile("^Do not keep my draft")).is_checked()
    other = context.new_page()  # the next person to sit down opens a new tab
    other.goto(site + "/index.html")
    fresh = block(other, "placement-reflection")
    assert fresh.get_by_label(re.compile("^Description")).input_value() == ""
    assert "A saved draft is back" not in fresh.locator(".cpe-saved").inner_text()
    context.close()


def test_two_tabs_of_one_reflection_lose_nothing(browser, site: str) -> None:
    context = browser.new_context()
    first, second = context.new_page(), context.new_page()
    for tab in (first, second):
        tab.goto(site + "/index.html")
    block(first, "placement-reflection").get_by_label(re.compile("^Description")).fill(
        "Typed in the first tab.")
    block(second, "placement-reflection").get_by_label(re.compile("^Feelings")).fill(
        "Typed in the second tab.")
    # Each tab shows what the other typed, without a reload.
    first_feelings = block(first, "placement-reflection").get_by_label(re.compile("^Feelings"))
    first.wait_for_function("el => el.value === 'Typed in the second tab.'",
                            arg=first_feelings.element_handle())
    third = context.new_page()
    third.goto(site + "/index.html")
    reflect = block(third, "placement-reflection")
    assert reflect.get_by_label(re.compile("^Description")).input_value() == (
        "Typed in the first tab.")
    assert reflect.get_by_label(re.compile("^Feelings")).input_value() == (
        "Typed in the second tab.")
    context.close()


def test_hostile_author_text_is_inert(page) -> None:
    hostile = page.locator("#cpe-01-hostile--hostile")
    assert page.evaluate("window.pwned") is None
    assert hostile.locator("img").count() == 0
    assert "<script>window.pwned = 1</script>Title" in hostile.locator(".cpe-title").inner_text()
    hostile.locator("input").first.check()
    hostile.get_by_role("button", name="Check my answer").click()
    assert "</script><script>window.pwned = 4</script>" in hostile.locator(
        ".cpe-feedback").inner_text()
    assert hostile.locator("a").count() == 0
    assert page.evaluate("window.pwned") is None


def test_usable_at_320_pixels_wide(page) -> None:
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    widths = page.eval_on_selector_all(".cpe", "els => els.map(e => e.getBoundingClientRect()"
                                       ".right)")
    assert max(widths) <= 320


def test_without_javascript_the_question_and_answers_show(browser, site: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/index.html")
    quiz = block(page, "what-is-co-production")
    assert quiz.get_by_label(re.compile("^People who use services and carers")).is_visible()
    assert page.locator(".cpe button").count() == 0
    notes = page.locator(".cpe .cpe-static-note")
    assert notes.count() == 9
    assert all(notes.nth(i).is_visible() for i in range(9))
    assert notes.first.inner_text().startswith("Run this cell to use the activity")
    quiz.locator("summary").click()
    assert "Fits: People who use services" in quiz.locator(".cpe-answers").inner_text()
    assert page.locator("details.cpe-answers").count() == 9
    context.close()
