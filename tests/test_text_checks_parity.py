"""The JavaScript text checks give exactly the Python findings, in a real headless Chromium.

Every case of tests/test_language.py and tests/test_privacy.py runs through
``static/cpe-text-checks.js`` with the data from ``rules_data()``; the results must equal
``dataclasses.asdict`` of the Python findings, in the same order.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict
from importlib import resources
from typing import Any

import pytest

from coproduction_edu import language, privacy
from tests import test_language, test_language_sources, test_privacy, test_privacy_snippets

EXTRA = [
    "",
    "Mr Smith, a schizophrenic, committed suicide on 3 February 2024 in SW1A 1AA.",
    "na\u00efve psycho \u00e9t\u00e9; Zo\u00eb said she was a depressive. \U0001f9e0 loony",
    "a schizophrenic a schizophrenic\na schizophrenic",
]
SENTENCES = [item["text"] for name in ("development", "held-out") for group in ("flag", "safe")
             for item in test_language_sources.sentences(name)[group]]
LANGUAGE_TEXTS = [text for text, _ in test_language.POSITIVE] + test_language.NEGATIVE + \
    [markdown for markdown, _ in test_language.PAGE_CASES] + EXTRA + SENTENCES
SNIPPETS = [item["text"] for name in ("development", "held-out") for group in ("identifying",
            "safe") for item in test_privacy_snippets.snippets(name)[group]]
PRIVACY_TEXTS = [text for text, _ in test_privacy.POSITIVE] + test_privacy.NEGATIVE + EXTRA + \
    SNIPPETS

RUN_ALL = """([data, languageTexts, privacyTexts]) => ({
  language: languageTexts.map((t) => window.CPE.language.check(t, data.language)),
  privacy: privacyTexts.map((t) => window.CPE.privacy.scan(t, data.privacy)),
  keptFirstLoad: window.CPE.language.firstLoad === true,
})"""


@pytest.fixture(scope="module")
def page(browser: Any) -> Iterator[Any]:
    """A blank page with the text checks loaded (twice, to prove loading is idempotent)."""
    script = resources.files("coproduction_edu").joinpath("static/cpe-text-checks.js").read_text(
        encoding="utf-8")
    tab = browser.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto("about:blank")
    tab.add_script_tag(content=script)
    tab.evaluate("window.CPE.language.firstLoad = true")
    tab.add_script_tag(content=script)
    assert errors == []
    yield tab
    tab.close()


@pytest.fixture(scope="module")
def results(page: Any) -> dict[str, Any]:
    data = {"language": language.rules_data(), "privacy": privacy.rules_data()}
    return page.evaluate(RUN_ALL, [data, LANGUAGE_TEXTS, PRIVACY_TEXTS])


def test_script_is_small_and_plain() -> None:
    script = resources.files("coproduction_edu").joinpath("static/cpe-text-checks.js").read_text(
        encoding="utf-8")
    assert len(script.encode()) < 4096
    assert '"use strict"' in script
    assert "import " not in script and "fetch(" not in script


def test_loading_twice_is_harmless(results: dict[str, Any]) -> None:
    assert results["keptFirstLoad"] is True


@pytest.mark.parametrize("index", range(len(LANGUAGE_TEXTS)))
def test_language_parity(results: dict[str, Any], index: int) -> None:
    text = LANGUAGE_TEXTS[index]
    assert results["language"][index] == [asdict(f) for f in language.check(text)], text


@pytest.mark.parametrize("index", range(len(PRIVACY_TEXTS)))
def test_privacy_parity(results: dict[str, Any], index: int) -> None:
    text = PRIVACY_TEXTS[index]
    assert results["privacy"][index] == [asdict(f) for f in privacy.scan(text)], text


def test_cases_are_not_trivial(results: dict[str, Any]) -> None:
    assert sum(map(len, results["language"])) >= 40
    assert sum(map(len, results["privacy"])) >= 30
