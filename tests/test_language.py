"""The language checker: rules as data, whole-word matching, and skipping non-prose on pages.

The case lists are module-level so that tests/test_text_checks_parity.py can run the same cases
through the JavaScript implementation.
"""

from __future__ import annotations

import re
import warnings
from importlib import resources

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from coproduction_edu import language
from coproduction_edu.language import CATEGORIES, check, check_page, parse_rules, rules

# (text, [(rule id, matched text), ...]) in order of position.
POSITIVE: list[tuple[str, list[tuple[str, str]]]] = [
    # stigmatising
    ("He called her a loony.", [("loony", "loony")]),
    ("Those LOONIES again", [("loony", "LOONIES")]),
    ("Some psycho did it", [("psycho", "psycho")]),
    ("a couple of Psychos", [("psycho", "Psychos")]),
    ("calling someone a schizo", [("schizo", "schizo")]),
    ("café schizo", [("schizo", "schizo")]),
    ("He's a right nutter, the nutters' club", [("nutter", "nutter"), ("nutter", "nutters")]),
    ("services for the mentally ill", [("the-mentally-ill", "the mentally ill")]),
    ("The Mentally-Ill", [("the-mentally-ill", "The Mentally-Ill")]),
    ("such schizophrenic weather", [("schizophrenic-as-metaphor", "schizophrenic weather")]),
    ("a schizophrenic patient", [("schizophrenic-person", "schizophrenic patient")]),
    ("I'm a bit OCD about my desk", [("a-bit-ocd", "a bit OCD")]),
    ("that idea is mad", [("mad", "mad")]),
    ("That's bonkers!", [("bonkers", "bonkers")]),
    ("It drives me nuts", [("going-nuts", "drives me nuts")]),
    ("what a crazy day", [("crazy", "crazy")]),
    ("He went mental at me", [("going-mental", "went mental")]),
    # diagnosis as a noun
    ("She is a schizophrenic.", [("a-schizophrenic", "a schizophrenic")]),
    ("these schizophrenics", [("a-schizophrenic", "these schizophrenics")]),
    ("Schizophrenics are often misunderstood", [("schizophrenics", "Schizophrenics")]),
    ("He was a depressive all his life", [("a-depressive", "a depressive")]),
    ("Depressives need support", [("depressives", "Depressives")]),
    ("treating an anorexic", [("an-anorexic", "an anorexic")]),
    ("many anorexics", [("an-anorexic", "many anorexics")]),
    ("the psychotic in bay three", [("a-psychotic", "the psychotic")]),
    ("psychotics", [("psychotics", "psychotics")]),
    # deficit
    ("She suffers from depression", [("suffering-from", "suffers from")]),
    ("suffering from anxiety", [("suffering-from", "suffering from")]),
    ("He suffered with OCD", [("suffering-with", "suffered with")]),
    ("a schizophrenia sufferer", [("sufferer", "sufferer")]),
    ("a victim of depression", [("victim-of", "victim of")]),
    ("He lacks insight", [("lacks-insight", "lacks insight")]),
    ("a lack of insight", [("lacks-insight", "lack of insight")]),
    # labels in notes
    ("a poor historian", [("poor-historian", "poor historian")]),
    ("Patient denies thoughts of self-harm", [("denies", "denies")]),
    ("She claims to be allergic to nuts", [("claims-to", "claims to be")]),
    ("non-compliant with medication", [("non-compliant", "non-compliant")]),
    ("non compliant", [("non-compliant", "non compliant")]),
    ("NONCOMPLIANT", [("non-compliant", "NONCOMPLIANT")]),
    ("Non-Compliance", [("non-compliant", "Non-Compliance")]),
    ("a difficult patient", [("difficult-patient", "difficult patient")]),
    ("She refuses her medication", [("refuses", "refuses")]),
    ("He refused to eat", [("refuses", "refused")]),
    ("uncooperative on the ward", [("uncooperative", "uncooperative")]),
    ("un-cooperative", [("uncooperative", "un-cooperative")]),
    ("became aggressive", [("aggressive", "aggressive")]),
    ("was violent", [("violent", "violent")]),
    ("verbally abusive", [("abusive", "abusive")]),
    ("very agitated", [("agitated", "agitated")]),
    ("paranoid about staff", [("paranoid", "paranoid")]),
    ("suspicious of staff", [("suspicious", "suspicious")]),
    ("a wanderer at night", [("wanderer", "wanderer")]),
    ("exit-seeking", [("exit-seeker", "exit-seeking")]),
    ("a high flight risk", [("flight-risk", "flight risk")]),
    ("sexually inappropriate", [("sexually-inappropriate", "sexually inappropriate")]),
    ("she is manipulative", [("manipulative", "manipulative")]),
    ("attention-seeking behaviour", [("attention-seeking", "attention-seeking")]),
    ("attention seeking", [("attention-seeking", "attention seeking")]),
    ("an attention seeker", [("attention-seeking", "attention seeker")]),
    # suicide
    ("He committed suicide", [("committed-suicide", "committed suicide")]),
    ("COMMITTED SUICIDE", [("committed-suicide", "COMMITTED SUICIDE")]),
    ("committed\nsuicide", [("committed-suicide", "committed\nsuicide")]),
    ("people who commit suicide", [("committed-suicide", "commit suicide")]),
    ("a successful suicide", [("successful-suicide", "successful suicide")]),
    ("completed suicides", [("completed-suicide", "completed suicides")]),
    ("after a failed suicide attempt", [("failed-suicide-attempt", "failed suicide attempt")]),
    ("an unsuccessful suicide attempt",
     [("unsuccessful-suicide-attempt", "unsuccessful suicide attempt")]),
    ("it was a cry for help", [("cry-for-help", "cry for help")]),
    ("a suicidal gesture", [("suicidal-gesture", "suicidal gesture")]),
    ("a suicide ideator", [("suicide-ideator", "suicide ideator")]),
    ("repeat attempters", [("suicide-attempter", "attempters")]),
    ("He is suicidal", [("is-suicidal", "is suicidal")]),
    # offsets after characters outside the Basic Multilingual Plane, and several findings
    ("\U0001f600 psycho", [("psycho", "psycho")]),
    ("The psycho suffers from depression and is non-compliant.",
     [("psycho", "psycho"), ("suffering-from", "suffers from"),
      ("non-compliant", "non-compliant")]),
]

NEGATIVE: list[str] = [
    "The committee met on Tuesday.",
    "a mentality of care",
    "a psychology lecture",
    "living with schizophrenia",
    "Madame Bovary",
    "in a nutshell",
    "psychosocial interventions",
    "psycho-social support",
    "schizoaffective disorder",
    "schizo-affective disorder",
    "a depressive episode",
    "a psychotic episode",
    "antipsychotics and anti-psychotics",
    "He was refused leave.",
    "She was denied access.",
    "victims of crime",
    "Mad Pride",
    "mad at me",
    "crazy paving",
    "paranoid schizophrenia",
    "mental health nursing",
    "died by suicide",
    "What is suicidal ideation?",
    "allergic to nuts",
    "her suffering was real",
    "violent crime",
    "an abusive relationship",
    "madness and nomads",
    "gained insight into",
    "a difficult conversation",
    "attention to detail; seeking help",
    "a cooperative approach",
    "schizophrenic\u00e9",
    "\u00e9schizo",
]

# Book pages: (markdown, [(rule id, matched text), ...]); Python only.
PAGE = """---
title: Words matter
keywords: [psycho, loony]
---
# Words matter

Avoid {discussed}`committed suicide`; a psycho here is flagged.

```python
label = "psycho"
```

~~~
loony
~~~

Inline `nutter` code, a [link](units/psycho.md), https://example.org/loony and www.nutter.org.

:::{figure} images/psycho.png
:alt: a loony picture
:name: fig-psycho

A caption about a nutter.
:::

```{note} Said about the mentally ill
:class: loony

She lacks insight.
```

See {cite:p}`psycho2020`, {ref}`loony-label` and {term}`the loony page <loony-term>`.
<!-- psycho -->
(psycho-label)=
"""
PAGE_CASES: list[tuple[str, list[tuple[str, str]]]] = [
    (PAGE, [("psycho", "psycho"), ("nutter", "nutter"), ("the-mentally-ill", "the mentally ill"),
            ("lacks-insight", "lacks insight"), ("loony", "loony")]),
    ("The {discussed}`mentally ill` and {discussed}`schizo` are terms; psycho is used.",
     [("psycho", "psycho")]),
    ("```{code-cell} python\nprint('psycho')\n```\nno flags", []),
    ("````{note}\n```\nloony\n```\nnutter\n````\n", [("nutter", "nutter")]),
    ("a `schizo` b {kbd}`psycho` c", []),
    ("---\nnot: front matter\n", []),
]


def _pairs(findings: list[language.Finding]) -> list[tuple[str, str]]:
    return [(f.rule, f.matched) for f in findings]


@pytest.mark.parametrize(("text", "expected"), POSITIVE)
def test_flags(text: str, expected: list[tuple[str, str]]) -> None:
    findings = check(text)
    assert _pairs(findings) == expected
    for finding in findings:
        assert text[finding.start:finding.end] == finding.matched
        assert finding.suggestion and finding.reason and finding.source


@pytest.mark.parametrize("text", NEGATIVE)
def test_leaves_innocent_text_alone(text: str) -> None:
    assert check(text) == []


@pytest.mark.parametrize(("markdown", "expected"), PAGE_CASES)
def test_check_page_skips_what_is_not_prose(markdown: str,
                                            expected: list[tuple[str, str]]) -> None:
    findings = check_page(markdown)
    assert _pairs(findings) == expected
    for finding in findings:
        assert markdown[finding.start:finding.end] == finding.matched


def test_check_page_offsets_match_check_on_prose() -> None:
    text = "He is a loony and suffers from anxiety."
    assert check_page(text) == check(text)


def test_finding_carries_rule_metadata() -> None:
    (finding,) = check("they committed suicide")
    rule = next(r for r in rules() if r.id == "committed-suicide")
    assert finding == language.Finding(5, 22, "committed suicide", rule.suggestion, rule.reason,
                                       rule.source, "committed-suicide")


def test_longest_match_wins() -> None:
    assert _pairs(check("an unsuccessful suicide attempt")) == [
        ("unsuccessful-suicide-attempt", "unsuccessful suicide attempt")]
    assert _pairs(check("the schizophrenic weather")) == [
        ("schizophrenic-as-metaphor", "schizophrenic weather")]


def test_rule_file_has_enough_sourced_rules() -> None:
    text = resources.files("coproduction_edu").joinpath("content/language.yaml").read_text()
    raw = yaml.safe_load(text)["rules"]
    assert len(raw) >= 40
    assert all(isinstance(r["source"], str) and r["source"].strip() for r in raw)
    assert {r["category"] for r in raw} == set(CATEGORIES)
    assert len(rules()) == len(raw)


def test_rules_cover_every_category_in_the_cases() -> None:
    by_id = {r.id: r.category for r in rules()}
    tested = {by_id[rule] for _, expected in POSITIVE for rule, _ in expected}
    assert tested == set(CATEGORIES)


def test_patterns_compile_without_warnings() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for rule in rules():
            re.compile(language.pattern_source(rule), language.python_flags("gi"))


def test_rules_data_is_json_ready_and_uses_the_same_patterns() -> None:
    data = language.rules_data()
    assert data["flags"] == "gi"
    assert [r["id"] for r in data["rules"]] == [r.id for r in rules()]
    assert all(r["pattern"] == language.pattern_source(rule)
               for r, rule in zip(data["rules"], rules(), strict=True))


def test_check_rejects_non_text() -> None:
    with pytest.raises(TypeError, match="str"):
        check(None)  # type: ignore[arg-type]


GOOD = {"id": "x-rule", "terms": ["x"], "suggestion": "s", "reason": "r.", "source": "Shift",
        "category": "stigmatising"}

INVALID_RULES: list[tuple[object, str]] = [
    ([{k: v for k, v in GOOD.items() if k != "source"}], r"'x-rule'.*missing.*source"),
    ([GOOD, dict(GOOD)], r"'x-rule'.*twice"),
    ([{**GOOD, "category": "rude"}], r"'x-rule'.*category 'rude'"),
    ([{**GOOD, "id": "Bad_Id"}], r"'Bad_Id'.*lower-case"),
    ([{**GOOD, "terms": []}], r"'x-rule'.*at least one"),
    ([{**GOOD, "terms": ["psycho$"]}], r"'x-rule'.*letters only"),
    ([{**GOOD, "source": " "}], r"'x-rule'.*'source' must be a non-empty string"),
    ([{**GOOD, "colour": "red"}], r"'x-rule'.*unknown key.*colour"),
    ([{k: v for k, v in GOOD.items() if k != "id"}], r"#1.*missing.*id"),
    (["not a mapping"], r"#1.*mapping"),
    ({"rules": []}, r"non-empty list"),
]


@pytest.mark.parametrize(("raw", "message"), INVALID_RULES)
def test_invalid_rules_are_refused_by_name(raw: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_rules(raw)


def test_valid_rules_parse() -> None:
    (rule,) = parse_rules({"rules": [GOOD]})
    assert rule.id == "x-rule" and rule.terms == ("x",)


def _keep_longest_by_brute_force(candidates):
    """The plain quadratic definition that keep_longest must agree with."""
    kept = []
    for cand in sorted(candidates, key=lambda c: (c[0] - c[1], c[0], c[2])):
        if cand[1] > cand[0] and all(cand[1] <= k[0] or k[1] <= cand[0] for k in kept):
            kept.append(cand)
    return sorted(kept, key=lambda c: c[0])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 8)), max_size=40))
def test_keep_longest_agrees_with_its_definition(spans) -> None:
    candidates = [(start, start + length, order, None)
                  for order, (start, length) in enumerate(spans)]
    assert language.keep_longest(candidates) == _keep_longest_by_brute_force(candidates)
