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
    # slur
    ("He called her a loony.", [("loony", "loony")]),
    ("Those LOONIES again", [("loony", "LOONIES")]),
    ("sent to the loony bin", [("loony-bin", "loony bin")]),
    ("Some psycho did it", [("psycho", "psycho")]),
    ("a couple of Psychos", [("psycho", "Psychos")]),
    ("calling someone a schizo", [("schizo", "schizo")]),
    ("café schizo", [("schizo", "schizo")]),
    ("He's a right nutter, the nutters' club", [("nutter", "nutter"), ("nutter", "nutters")]),
    ("The man next door is a lunatic.", [("lunatic", "lunatic")]),
    ("That crazy woman in bed four", [("crazy-person", "crazy")]),
    ("driving like a madman", [("madman", "madman")]),
    ("He takes happy pills.", [("happy-pills", "happy pills")]),
    # metaphor
    ("such schizophrenic weather", [("schizophrenic-as-metaphor", "schizophrenic")]),
    ("a schizophrenic approach to policy", [("schizophrenic-as-metaphor", "schizophrenic")]),
    ("Our rota is so bipolar", [("bipolar-as-metaphor", "so bipolar")]),
    ("Bipolar weather again", [("bipolar-things", "Bipolar")]),
    ("I'm a bit OCD about my desk", [("casual-ocd", "a bit OCD")]),
    ("The printer is totally psychotic", [("psychotic-as-metaphor", "totally psychotic")]),
    ("that idea is mad", [("mad", "mad")]),
    ("she's barking mad", [("mad", "barking mad")]),
    ("what a crazy day", [("crazy", "crazy")]),
    ("The traffic was insane", [("insane", "insane")]),
    ("He went mental at me", [("mental-as-insult", "went mental")]),
    ("It drives me nuts", [("nuts", "drives me nuts")]),
    # dated
    ("services for the mentally ill", [("the-mentally-ill", "the mentally ill")]),
    ("The Mentally-Ill", [("the-mentally-ill", "The Mentally-Ill")]),
    ("Ex-mental patient elected", [("mental-patient", "Ex-mental patient")]),
    ("She has manic depression", [("manic-depression", "manic depression")]),
    ("a stay in a mental hospital", [("mental-hospital", "mental hospital")]),
    ("He was released from hospital on Monday", [("released-from-hospital",
                                                  "released from hospital")]),
    # diagnosis as a noun
    ("She is a schizophrenic.", [("a-schizophrenic", "a schizophrenic")]),
    ("these schizophrenics", [("a-schizophrenic", "these schizophrenics")]),
    ("Schizophrenics are often misunderstood", [("schizophrenics", "Schizophrenics")]),
    ("schizophrenic patients on the ward", [("schizophrenic-person", "schizophrenic")]),
    ("He was a depressive all his life", [("a-depressive", "a depressive")]),
    ("Depressives need support", [("depressives", "Depressives")]),
    ("treating an anorexic", [("an-anorexic", "an anorexic")]),
    ("many anorexics", [("an-anorexic", "many anorexics")]),
    ("the psychotic in bay three", [("a-psychotic", "the psychotic")]),
    ("He's a psychotic and can't be reasoned with", [("a-psychotic", "a psychotic")]),
    ("psychotics", [("psychotics", "psychotics")]),
    ("He is an epileptic.", [("an-epileptic", "an epileptic")]),
    ("a known self-harmer", [("self-harmer", "self-harmer")]),
    # deficit
    ("She suffers from depression", [("suffering-from", "suffers from")]),
    ("suffering from anxiety", [("suffering-from", "suffering from")]),
    ("He suffered with OCD", [("suffering-with", "suffered with")]),
    ("a schizophrenia sufferer", [("sufferer", "sufferer")]),
    ("my nan is a dementia sufferer", [("dementia-sufferer", "dementia sufferer")]),
    ("a victim of depression", [("victim-of", "victim of")]),
    ("Afflicted by anxiety, he stays in", [("afflicted", "Afflicted by")]),
    ("He lacks insight", [("lacks-insight", "lacks insight")]),
    ("a lack of insight", [("lacks-insight", "lack of insight")]),
    # labels in notes
    ("a poor historian", [("poor-historian", "poor historian")]),
    ("Patient denies thoughts of self-harm", [("denies", "denies")]),
    ("Denies voices at present", [("denies", "Denies")]),
    ("She claims to be allergic to nuts", [("claims", "She claims")]),
    ("non-compliant with medication", [("non-compliant", "non-compliant")]),
    ("non compliant", [("non-compliant", "non compliant")]),
    ("NONCOMPLIANT", [("non-compliant", "NONCOMPLIANT")]),
    ("Non-Compliance", [("non-compliant", "Non-Compliance")]),
    ("a difficult patient", [("difficult-patient", "difficult patient")]),
    ("She refuses her medication", [("refused", "refuses")]),
    ("He refused to eat", [("refused", "refused")]),
    ("He is refusing food", [("refusing", "refusing")]),
    ("she is manipulative", [("manipulative", "manipulative")]),
    ("attention-seeking behaviour", [("attention-seeking", "attention-seeking")]),
    ("attention seeking", [("attention-seeking", "attention seeking")]),
    ("an attention seeker", [("attention-seeking", "attention seeker")]),
    ("She displays challenging behaviour", [("challenging-behaviour", "challenging behaviour")]),
    ("He kicked off when his leave was cancelled", [("kicking-off", "kicked off")]),
    ("Patient absconded from the ward", [("absconded", "absconded")]),
    ("She's a frequent flyer in A&E", [("frequent-flyer", "frequent flyer")]),
    ("a hard-to-reach group", [("hard-to-reach", "hard-to-reach")]),
    # suicide
    ("He committed suicide", [("committed-suicide", "committed suicide")]),
    ("COMMITTED SUICIDE", [("committed-suicide", "COMMITTED SUICIDE")]),
    ("committed\nsuicide", [("committed-suicide", "committed\nsuicide")]),
    ("people who commit suicide", [("committed-suicide", "commit suicide")]),
    ("a successful suicide", [("successful-suicide", "successful suicide")]),
    ("completed suicides", [("completed-suicide", "completed suicides")]),
    ("after a failed suicide attempt", [("failed-suicide-attempt", "failed suicide attempt")]),
    ("She survived a failed attempt", [("failed-attempt", "failed attempt")]),
    ("an unsuccessful suicide attempt",
     [("unsuccessful-suicide-attempt", "unsuccessful suicide attempt")]),
    ("a suicide epidemic", [("suicide-epidemic", "suicide epidemic")]),
    ("Man rescued after suicide bid", [("suicide-bid", "suicide bid")]),
    ("He threatened suicide", [("threatened-suicide", "threatened suicide")]),
    # substance
    ("a history of substance abuse", [("substance-abuse", "substance abuse")]),
    ("She was referred to substance-abuse services", [("substance-abuse", "substance-abuse")]),
    ("He has been abusing cannabis", [("abusing-substances", "abusing")]),
    ("a drug abuser", [("substance-abuser", "drug abuser")]),
    ("Abusers of alcohol", [("abuser-of", "Abusers")]),
    ("Her brother is an addict", [("addict", "addict")]),
    ("Some junkie left needles", [("junkie", "junkie")]),
    ("He is an alcoholic", [("alcoholic", "alcoholic")]),
    ("Clean urine screen, continue dose", [("clean-test", "Clean")]),
    ("Urine drug screen was clean", [("test-was-clean", "screen was clean")]),
    ("He's been clean for six months", [("been-clean", "been clean")]),
    ("His test came back dirty for cocaine", [("test-was-dirty", "test came back dirty")]),
    ("Two dirty urines this month", [("dirty-test", "dirty")]),
    # disability
    ("She is wheelchair-bound", [("wheelchair-bound", "wheelchair-bound")]),
    ("confined to a wheelchair", [("confined-to-a-wheelchair", "confined to a wheelchair")]),
    ("Facilities for the disabled are upstairs", [("the-disabled", "the disabled")]),
    ("mentally handicapped adults", [("mentally-handicapped", "mentally handicapped")]),
    ("crippled by arthritis", [("crippled", "crippled")]),
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
    "She is experiencing a psychotic episode.",
    "He was diagnosed with bipolar disorder.",
    "The insanity defence rests on the M'Naghten Rules.",
    "antipsychotics and anti-psychotics",
    "paranoid schizophrenia",
    "mental health nursing",
    "crazy paving",
    "mad at me",
    "Mad Pride",
    "The Mad Studies reading list",
    "madness and nomads",
    # autism: identity-first language is preferred by many autistic people
    "Sam is autistic.",
    "an autistic person",
    # refused, declined and denied only count before care or symptoms
    "She refuses to let depression define her.",
    "The tribunal refused the appeal.",
    "The judge refused bail.",
    "He was refused leave.",
    "She has the right to refuse treatment.",
    "The patient declined medication this evening.",
    "She was denied access.",
    "They denied the allegation in court.",
    # clean and dirty only in drug tests
    "Please put clean sheets on bed twelve.",
    "Dirty laundry goes in the red bags.",
    "Keep the wound clean and dry.",
    # asylum is not flagged (no rule): seekers, claims and history
    "The asylum seeker's claim was heard in Leeds.",
    "The hospital used to be an asylum.",
    # victim only of an illness; abuser only of substances; compliance only with care
    "victims of crime",
    "He was a victim of crime.",
    "Her abuser was convicted last year.",
    "She disclosed domestic abuse.",
    "The doors were non-compliant with building regulations.",
    "All staff must complete GDPR compliance training.",
    # kicked off a match; Alcoholics Anonymous; neutral service terms
    "The match kicked off at three.",
    "The second half kicked off late.",
    "The game kicks off at noon.",
    "He goes to Alcoholics Anonymous on Tuesdays.",
    "Non-alcoholic drinks will be served.",
    "She is a frequent attender at the surgery.",
    "She collects frequent flyer points.",
    "The top shelf is hard to reach.",
    "The treasurer absconded with the funds.",
    # a word straight after an opening quotation mark is quoted or discussed
    "Avoid 'committed suicide'; say 'died by suicide'.",
    "The word \u201clunatic\u201d comes from the Latin for moon.",
    "Many people prefer 'wheelchair user' to 'wheelchair-bound'.",
    # other innocent text
    "died by suicide",
    "What is suicidal ideation?",
    "allergic to nuts",
    "her suffering was real",
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
    assert _pairs(check("a schizophrenic patient")) == [
        ("a-schizophrenic", "a schizophrenic")]
    assert _pairs(check("a failed attempt at suicide")) == [
        ("failed-suicide-attempt", "failed attempt at suicide")]


def test_rule_file_has_enough_sourced_rules() -> None:
    text = resources.files("coproduction_edu").joinpath("content/language.yaml").read_text()
    raw = yaml.safe_load(text)
    sources, items = raw["sources"], raw["rules"]
    assert len(items) >= 150
    for item in items:  # each source is a key, or a list of keys, under 'sources'
        keys = item["source"] if isinstance(item["source"], list) else [item["source"]]
        assert keys and all(key in sources for key in keys), item["id"]
    assert {r["category"] for r in items} == set(CATEGORIES)
    assert len(rules()) == len(items)
    assert all(rule.cites and rule.source == "; ".join(sources[k] for k in rule.cites)
               for rule in rules())


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
        "category": "slur"}
SOURCES = {"shift_mediahandbook": "Shift, n.d."}

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
    ({"sources": SOURCES, "rules": [GOOD]}, r"'x-rule'.*source Shift is not a key"),
    ({"sources": SOURCES, "rules": [{**GOOD, "source": []}]}, r"'x-rule'.*source \(none\)"),
    ({"sources": {"Bad Key": "x"}, "rules": [GOOD]}, r"'sources' must map"),
    ([{**GOOD, "followed_by": "medication"}], r"'x-rule'.*'followed_by' must be a list"),
]


@pytest.mark.parametrize(("raw", "message"), INVALID_RULES)
def test_invalid_rules_are_refused_by_name(raw: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_rules(raw)


def test_valid_rules_parse() -> None:
    (rule,) = parse_rules({"rules": [GOOD]})
    assert rule.id == "x-rule" and rule.terms == ("x",)
    (rule,) = parse_rules({"sources": SOURCES,
                           "rules": [{**GOOD, "source": ["shift_mediahandbook"]}]})
    assert rule.source == "Shift, n.d." and rule.cites == ("shift_mediahandbook",)


def test_followed_by_words_stay_out_of_the_match() -> None:
    (rule,) = parse_rules([{**GOOD, "terms": ["refused"], "followed_by": ["medication"]}])
    regex = re.compile(language.pattern_source(rule), language.python_flags("gi"))
    match = regex.search("He refused medication.")
    assert match and match.group()[len(match.group(1)):] == "refused"
    assert regex.search("The judge refused bail.") is None


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
