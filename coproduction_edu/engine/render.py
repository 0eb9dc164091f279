"""One self-contained HTML block per exercise: markup, data, and (once) the runtime.

The block works in a live notebook, in the static book with no kernel, and offline. Without
JavaScript it still shows the question and, in ``<details>``, the answers. Ids come from the
exercise's unit and id, never from chance, so the output is the same on every run.
"""

from __future__ import annotations

import json
import re
from functools import cache
from html import escape
from importlib import resources
from typing import Any

from . import handout
from .base import Exercise
from .markdown import inline, render, sentence, sentences

RUNTIME_START = "<!--cpe-runtime-->"
RUNTIME_END = "<!--/cpe-runtime-->"
KIND_LABELS = {"risk": "Risk", "alternative": "Alternative", "other": "Other information"}
# Shown until the runtime starts, which removes it and adds the buttons. Jupyter strips
# scripts and styles (and a ``hidden`` written without a value) from a notebook that has not
# been run, so buttons in the static markup would be dead; the note says what to do instead.
# A book page says why.
# What a reflection says about where drafts go and what the privacy check cannot see.
PRIVACY_NOTE = (
    "Your draft stays in this browser; nothing you type is sent anywhere. Leave out anything "
    "that could identify a person. Under each stage, a check points out names, dates, wards, "
    "hospitals, addresses and numbers it recognises, but it cannot catch everything (a name "
    "it does not know, a rare job, a small place): read your reflection through before you "
    "share it.")
STATIC_NOTES = {
    "notebook": "Run this cell to use the activity; the answers are under "
                "<em>Answers and reasons</em>.",
    "page": "This activity needs JavaScript to check your answers; the answers are under "
            "<em>Answers and reasons</em>.",
}


@cache
def runtime() -> str:
    """The shared CSS and JavaScript, between markers so a page can keep just one copy."""
    static = resources.files("coproduction_edu").joinpath("static")
    css = static.joinpath("cpe-runtime.css").read_text(encoding="utf-8")
    js = "\n".join(_for_the_browser(static.joinpath(name).read_text(encoding="utf-8"))
                   for name in ("cpe-text-checks.js", "cpe-runtime.js"))
    return (f"{RUNTIME_START}<style>{css}</style>"
            f"<script>{js}</script>{RUNTIME_END}")


# Comments on lines of their own, and indentation: for people reading ``static``, not for
# the browser. The scripts have no string that runs over a line, so no string is changed.
_COMMENT_LINES = re.compile(r"^[ \t]*(?://[^\n]*|/\*(?:(?!\*/).)*\*/[ \t]*)\n", re.M | re.S)
_INDENT = re.compile(r"^[ \t]+", re.M)


def _for_the_browser(script: str) -> str:
    """``script`` without its comment lines and indentation."""
    return _INDENT.sub("", _COMMENT_LINES.sub("", script))


def render_block(exercise: Exercise, with_runtime: bool = True, where: str = "notebook") -> str:
    """The exercise's HTML block; ``with_runtime`` adds the shared CSS and JavaScript.

    ``where`` (``notebook`` or ``page``) chooses the note shown until the runtime starts.
    """
    body = BODIES[exercise.type](exercise)
    answers = ANSWERS[exercise.type](exercise)
    dom = exercise.dom_id
    data = _json_for_script(_with_html({**exercise.client_data(),
                                        "actions": ACTIONS[exercise.type]}))
    prompt = f'<div class="cpe-prompt">{render(exercise.prompt)}</div>' if exercise.prompt else ""
    block = (
        f'<div class="cpe cpe-{exercise.type}" id="{dom}" data-cpe-type="{exercise.type}" '
        f'role="group" aria-labelledby="{dom}__title" lang="en-GB">'
        f'<p class="cpe-title" id="{dom}__title"><span class="cpe-kind">Activity</span> '
        f'{inline(exercise.title)}</p><p class="cpe-static-note">{STATIC_NOTES[where]}</p>'
        f"{prompt}{body}"
        f'<div class="cpe-feedback" id="{dom}__feedback" role="status" aria-live="polite" '
        f'aria-atomic="true"></div>'
        f'<details class="cpe-answers"><summary>Answers and reasons</summary>{answers}</details>'
        f'<script type="application/json" class="cpe-data">{data}</script></div>')
    return block + (runtime() if with_runtime else "")


def _json_for_script(data: dict[str, Any]) -> str:
    """JSON that cannot close its ``<script>`` element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


_HTML_FIELDS = ("text", "feedback", "reason", "label", "description", "prompt", "debrief",
                "title", "situation")


def _with_html(value: Any) -> Any:
    """A copy of the data where each author text also comes rendered: ``text_html``, ..."""
    if isinstance(value, list):
        return [_with_html(item) for item in value]
    if not isinstance(value, dict):
        return value
    out = {key: _with_html(item) for key, item in value.items()}
    for key in _HTML_FIELDS:
        if isinstance(value.get(key), str):
            out[f"{key}_html"] = inline(value[key])
    return out


def _field(dom: str, key: str) -> str:
    """The id of an author-named part (``dom--key``). Ids never hold ``--`` or ``_``, so these
    cannot meet another exercise's ids, nor the block's own parts (``dom__title``)."""
    return escape(f"{dom}--{key}")


def _choices(name: str, options: list[dict[str, Any]], kind: str, legend: str,
             text_key: str = "text", classes: str = "cpe-fieldset", attrs: str = "") -> str:
    rows = "".join(
        f'<div class="cpe-option"><input type="{kind}" name="{name}" '
        f'id="{_field(name, o["id"])}" value="{escape(o["id"])}">'
        f'<label for="{_field(name, o["id"])}">{inline(o[text_key])}</label></div>'
        for o in options)
    return f'<fieldset class="{classes}"{attrs}><legend>{legend}</legend>{rows}</fieldset>'


def _quiz(exercise: Exercise) -> str:
    multiple = exercise.data.get("multiple", False)
    legend = "Choose all the answers that fit" if multiple else "Choose one answer"
    return _choices(exercise.dom_id, exercise.data["options"],
                    "checkbox" if multiple else "radio", legend)


def _quiz_answers(exercise: Exercise) -> str:
    rows = "".join(
        f'<li><strong>{"Fits" if o.get("correct") else "Does not fit"}:</strong> '
        f'{inline(sentences(o["text"], o["feedback"]))}</li>' for o in exercise.data["options"])
    return f"<ul>{rows}</ul>"


def _categories(exercise: Any) -> str:
    described = [c for c in exercise.categories if c.get("description")]
    if not described:
        return ""
    # A list, not <dl>: hosts such as Jupyter float <dt>, which puts labels beside the
    # wrong descriptions.
    rows = "".join(f"<li><strong>{inline(c['label'])}:</strong> {inline(c['description'])}</li>"
                   for c in described)
    return f'<ul class="cpe-categories">{rows}</ul>'


def _classify(exercise: Any) -> str:
    options = '<option value="">Choose…</option>' + "".join(
        f'<option value="{escape(c["id"])}">{escape(c["label"])}</option>'
        for c in exercise.categories)
    rows = "".join(
        f'<div class="cpe-row"><label for="{_field(exercise.dom_id, s["id"])}">'
        f'{inline(s["text"])}</label><select id="{_field(exercise.dom_id, s["id"])}" '
        f'data-item="{escape(s["id"])}">{options}</select>'
        f"{handout.category_choice(exercise.categories)}</div>"
        for s in exercise.statements)
    return (f'{_categories(exercise)}{handout.category_key(exercise.categories)}'
            f'<fieldset class="cpe-fieldset"><legend>Choose a category '
            f"for each statement</legend>{handout.category_head(exercise.categories)}{rows}"
            "</fieldset>")


def _sorted_answers(exercise: Any) -> str:
    rows = "".join(
        f"<li>{inline(sentence(s['text']))} <strong>"
        f"{inline(sentence(exercise.label_of(s[exercise.answer_key])))}</strong> "
        f"{inline(s['reason'])}</li>" for s in exercise.statements)
    debrief = exercise.data.get("debrief")
    return f"<ul>{rows}</ul>" + (f"<p>{inline(debrief)}</p>" if debrief else "")


def _audit(exercise: Any) -> str:
    situation = f'<div class="cpe-situation">{render(exercise.data["situation"])}</div>'
    rows = "".join(
        _choices(_field(exercise.dom_id, item["id"]), exercise.categories, "radio",
                 inline(item["text"]), text_key="label", classes="cpe-fieldset cpe-audit-item",
                 attrs=f' data-item="{escape(item["id"])}"')
        for item in exercise.statements)
    return situation + rows


def _disclosure(exercise: Exercise) -> str:
    person = exercise.data["person"]
    matters = "".join(f"<li>{inline(m)}</li>" for m in person["what_matters"])
    card = (f'<div class="cpe-person"><p class="cpe-person-name">{inline(person["name"])} '
            f'<span class="cpe-fictional">(a fictional person)</span></p>'
            f'{render(person["situation"])}<p>What matters to {inline(person["name"])}:</p>'
            f'<ul>{matters}</ul><p><strong>The recommended treatment:</strong> '
            f'{inline(exercise.data["recommendation"])}</p></div>')
    options = [{**item, "label": f"{KIND_LABELS[item['kind']]}: {item['text']}"}
               for item in exercise.data["items"]]
    legend = f"What would you discuss with {inline(person['name'])}? Choose all that apply"
    return card + _choices(exercise.dom_id, options, "checkbox", legend, "label")


def _disclosure_answers(exercise: Exercise) -> str:
    from .disclosure import WHY_MATERIAL

    rows = "".join(f"<li>{inline(sentences(i['text'], WHY_MATERIAL[i['material']], i['reason']))}"
                   "</li>" for i in exercise.data["items"])
    return f"<ul>{rows}</ul>"


def _scenario(exercise: Any) -> str:
    start = exercise.nodes[exercise.data["start"]]
    return (f'<ol class="cpe-path" aria-label="Your choices so far"></ol>'
            f'<div class="cpe-counters"></div>'
            f'<div class="cpe-stage" tabindex="-1">{render(start["text"])}</div>'
            f"{handout.scenario_choices(exercise)}")


def _scenario_answers(exercise: Any) -> str:
    parts = []
    for node in exercise.data["nodes"]:
        if "ending" in node:
            parts.append(f"<li><strong>Ending: {inline(sentence(node['ending']['title']))}"
                         f"</strong> {inline(node['ending']['debrief'])}</li>")
            continue
        choices = "".join(f"<li>{inline(sentences(c['text'], c['feedback']))}</li>"
                          for c in node["choices"])
        parts.append(f"<li>{inline(node['text'])}<ul>{choices}</ul></li>")
    return f"<ol>{''.join(parts)}</ol>"


def _rewrite(exercise: Exercise) -> str:
    dom = exercise.dom_id
    return (f'<blockquote class="cpe-original">{render(exercise.data["original"])}</blockquote>'
            f'<label for="{dom}__text">Your rewrite</label>'
            f'<textarea id="{dom}__text" rows="6" spellcheck="true">'
            f'{escape(exercise.data["original"])}</textarea>'
            f"{handout.lines(handout.REWRITE_LINES)}")


def _rewrite_answers(exercise: Exercise) -> str:
    model = exercise.data.get("model_answer")
    return (f"<p>One possible rewrite:</p><blockquote>{render(model)}</blockquote>" if model
            else "<p>There is no single right answer. Describe the person and what happened, "
                 "not a label.</p>")


def _reflection(exercise: Any) -> str:
    dom = exercise.dom_id
    rows = "".join(
        f'<div class="cpe-stage-field"><label for="{_field(dom, s["id"])}"><strong>'
        f'{inline(s["label"])}.</strong> {inline(s["prompt"])}</label>'
        f'<textarea id="{_field(dom, s["id"])}" data-item="{escape(s["id"])}" rows="4">'
        f'</textarea>{handout.lines(handout.STAGE_LINES)}'
        f'<div class="cpe-warnings" aria-live="polite"></div></div>'
        for s in exercise.stages)
    return (f'<p class="cpe-privacy-note">{PRIVACY_NOTE}</p>{rows}'
            f'<p class="cpe-saved" aria-live="polite"></p>')


def _reflection_answers(exercise: Any) -> str:
    rows = "".join(f"<li><strong>{inline(s['label'])}.</strong> {inline(s['prompt'])}</li>"
                   for s in exercise.stages)
    return (f"<p>A reflection has no right answer. Each stage asks:</p><ol>{rows}</ol>"
            "<p>Remove names, dates, places and other details that could identify someone.</p>")


BODIES = {"quiz": _quiz, "classify": _classify, "audit": _audit, "disclosure": _disclosure,
          "scenario": _scenario, "rewrite": _rewrite, "reflection": _reflection}
ANSWERS = {"quiz": _quiz_answers, "classify": _sorted_answers, "audit": _sorted_answers,
           "disclosure": _disclosure_answers, "scenario": _scenario_answers,
           "rewrite": _rewrite_answers, "reflection": _reflection_answers}
_CHECK = ("check", "Check my answer")
_RESET = ("reset", "Start again")
ACTIONS = {"quiz": [_CHECK, _RESET], "classify": [_CHECK, _RESET], "audit": [_CHECK, _RESET],
           "disclosure": [_CHECK, _RESET], "scenario": [_RESET],
           "rewrite": [("check", "Check my wording"), _RESET],
           "reflection": [("check", "Check my reflection"), ("export", "Download as Markdown"),
                          ("clear", "Clear my draft")]}
