"""A unit as a review pack: one HTML file a reviewer reads, comments on and saves.

The pack is the unit's page as one self-contained file (:mod:`..export.standalone`), with a
stable id on every paragraph, heading, list item, figure, table and activity (from a hash of
its text, so the same text keeps its id from one build to the next), the review questions
and the choice of credit, and ``review-pack.js``, which keeps the reviewer's work in the
browser and saves it as one file. Nothing in the pack sends anything anywhere.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from bs4 import Tag

from ..engine.markdown import inline
from ..export.standalone import standalone_html, static_text, unit_page
from ..vocabulary import vocabulary
from .record import EMAIL, FORMAT, MAX_NAME, MAX_TEXT, VERSION, questions, reviewer_roles

WHOLE = ("figure", "table", "pre")  # commented on as a whole: nothing inside gets its own id
TARGETS = {"h2", "h3", "h4", "p", "li", "dt", "dd", "figure", "table", "pre"}


class ReviewPackError(Exception):
    """What stops a review pack being written, in one line."""


def paragraph_ids(article: Tag) -> list[str]:
    """Mark each commentable block of ``article`` with ``data-cpe-para``; return the ids."""
    ids: list[str] = []
    seen: dict[str, int] = {}
    for element in article.find_all(_target):
        if _inside_whole(element) or (element.name == "li" and element.find("p")):
            continue
        text = " ".join(element.get_text(" ").split())
        if not text:
            continue
        base = "p-" + hashlib.sha1(text.encode()).hexdigest()[:8]
        seen[base] = seen.get(base, 0) + 1
        ident = base if seen[base] == 1 else f"{base}-{seen[base]}"
        element["data-cpe-para"] = ident
        ids.append(ident)
    return ids


def _target(tag: Tag) -> bool:
    """A block a reviewer can comment on; an activity (``div.cpe``) is one block."""
    return tag.name in TARGETS or (tag.name == "div" and "cpe" in (tag.get("class") or []))


def _inside_whole(element: Tag) -> bool:
    for parent in element.parents:
        if parent.name in WHOLE or "cpe" in (parent.get("class") or []):
            return True
    return False


def pack_id(unit: str, ids: list[str]) -> str:
    """The pack's id: the same unit text gives the same id."""
    return hashlib.sha256("\n".join([unit, *ids]).encode()).hexdigest()[:16]


def review_pack(html_dir: Path, unit: str, contact: str = "") -> str:
    """The review pack of ``unit`` from the built book, as HTML text."""
    if contact and not EMAIL.match(contact):
        raise ReviewPackError(f"coproduction_review_contact {contact!r} is not an email address")
    found: list[str] = []
    title: list[str] = []

    def mark(article: Tag) -> None:
        found.extend(paragraph_ids(article))
        heading = article.find("h1")
        title.append(" ".join(heading.get_text(" ").split()) if heading else unit)

    page = standalone_html(html_dir, unit, extra_head=f"<style>\n{static_text('review-pack.css')}"
                           "\n</style>\n", before_main=_intro(), transform=mark)
    config = {"format": FORMAT, "version": VERSION, "unit": unit, "title": title[0],
              "pack": pack_id(unit, found), "maxText": MAX_TEXT, "maxName": MAX_NAME}
    body = (_form(contact) + '<script type="application/json" id="cpe-review-config">'
            f"{_json_in_html(config)}</script>\n<script>\n{static_text('review-pack.js')}</script>\n")
    return page.replace("</main>\n", "</main>\n" + body, 1)


def write_review_pack(html_dir: Path, unit: str, out: Path, contact: str = "") -> Path:
    """Write ``out/NN-slug.html``; return its path."""
    unit_page(html_dir, unit)
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{unit}.html"
    target.write_text(review_pack(html_dir, unit, contact), encoding="utf-8")
    return target


def _json_in_html(data: object) -> str:
    """JSON that cannot end the script element it sits in."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")



def _intro() -> str:
    return ('<aside class="cpe-review-intro" aria-label="About this review pack">\n'
            "<p><strong>This is a review pack.</strong> Read the unit, then use the "
            "<em>Comment</em> button under any paragraph to say what you think of it. The "
            'questions and the choice of how you are credited are at the end, in '
            '<a href="#cpe-review">Your review</a>. What you type is kept in this browser on '
            "this computer, and nothing leaves it until you save your review as a file and "
            "send it.</p>\n<p id=\"cpe-review-nojs\">JavaScript is turned off, so you can read the "
            "unit but not comment in it. You can still review it: write your comments in an "
            "email or on a printed copy, saying which paragraph each one is about.</p>\n"
            "</aside>\n")


def _form(contact: str) -> str:
    """The review questions, the credit choices and the save button (shown by the script)."""
    review = vocabulary()["review"]
    parts = ['<section class="cpe-review" id="cpe-review" aria-labelledby="cpe-review-title" '
             'hidden>\n<h2 id="cpe-review-title">Your review</h2>\n'
             "<p>Answer only the questions you want to. Everything here is kept in this "
             "browser as you type.</p>\n"
             '<fieldset><legend>Review questions</legend>\n']
    for key, question in questions().items():
        parts.append(
            f'<div class="cpe-review-field"><label for="cpe-q-{key}">{inline(question["label"])}'
            f'</label>\n<p class="cpe-review-hint" id="cpe-q-{key}-hint">{inline(question["hint"])}'
            f'</p>\n<textarea id="cpe-q-{key}" data-cpe-answer="{key}" rows="4" '
            f'maxlength="{MAX_TEXT}" aria-describedby="cpe-q-{key}-hint"></textarea>'
            '<div class="cpe-review-printed"></div></div>\n')
    parts.append("</fieldset>\n<fieldset><legend>How you would like to be credited</legend>\n")
    for key, text in review["credit"].items():
        parts.append(f'<div class="cpe-review-choice"><input type="radio" name="cpe-credit" '
                     f'id="cpe-credit-{key}" value="{key}"> <label for="cpe-credit-{key}">'
                     f"{inline(text)}</label></div>\n")
    parts.append(
        '<div class="cpe-review-field" id="cpe-name-field"><label for="cpe-name">The name to '
        f'show</label>\n<input type="text" id="cpe-name" maxlength="{MAX_NAME}" '
        'autocomplete="off"></div>\n'
        '<div class="cpe-review-field"><label for="cpe-role">I am reviewing as a</label>\n'
        '<select id="cpe-role"><option value="">Choose one</option>')
    for key, role in reviewer_roles().items():
        parts.append(f'<option value="{key}">{inline(role["label"])}</option>')
    parts.append(
        "</select></div>\n"
        '<div class="cpe-review-choice"><input type="checkbox" id="cpe-consent-named"> '
        '<label for="cpe-consent-named">I agree to be named on the unit, with the name and role '
        "above, as one of its reviewers.</label></div>\n"
        '<div class="cpe-review-choice"><input type="checkbox" id="cpe-consent-publish"> '
        '<label for="cpe-consent-publish">I agree that my comments may be shared publicly with '
        "the changes they lead to (with my name only if I agreed above).</label></div>\n"
        "</fieldset>\n"
        '<p class="cpe-review-status" id="cpe-review-status" role="status"></p>\n'
        '<div class="cpe-review-actions"><button type="button" id="cpe-review-save">Save my '
        'review as a file</button>\n<button type="button" id="cpe-review-clear">Delete my '
        "review from this browser</button></div>\n"
        f"<h3>Sending it back</h3>\n<p>{_send_back(contact)}</p>\n</section>\n")
    return "".join(parts)


def _send_back(contact: str) -> str:
    if contact:
        address = inline(contact)
        return (f'Email the saved file to <a href="mailto:{address}">{address}</a>. Nothing '
                "is published without your agreement.")
    return ("Send the saved file, as an email attachment or on a memory stick, to the person "
            "who gave you this pack. This copy of the book has no review address of its own "
            "yet. Nothing is published without your agreement.")
