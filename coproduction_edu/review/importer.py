"""``coproduction-edu review-import``: a returned review into the book, exactly as the
reviewer chose, and nothing at all when the file or the reviewer's consent is not in order.

The reviewer is added to the unit's contributors with the name they chose (or as an
anonymous reviewer) and the role they gave, and the entry records the review's id, so the
same file imported again changes nothing. The review itself and a Markdown summary of it go
to ``reviews/NN-slug/`` (git-ignored: a review is published only with the reviewer's consent,
which the summary states at its top). The unit's status is never changed here.
"""

from __future__ import annotations

import html
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..frontmatter import split_front_matter
from ..problems import report
from ..units import check_unit_source
from ..vocabulary import vocabulary
from .record import Review, ReviewFileError, questions, read_review, reviewer_roles

REVIEWS = "reviews"


@dataclass
class ImportResult:
    """What an import wrote, and what it left as it was."""

    unit: str
    entry: dict[str, Any]
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)


def contributor_entry(review: Review) -> dict[str, Any]:
    """The front matter entry for the reviewer, as they chose to be credited."""
    credit = review.credit
    named = credit["as"] != "anonymous"
    if named and not credit["consent_named"]:
        raise ReviewFileError(
            f"not imported: the reviewer chose to be credited by {credit['as'].replace('-', ' ')}"
            " but did not agree to be named, so nothing was changed. Ask them whether they "
            "agree, or whether they would rather be credited anonymously, and to save the file "
            "again from their review pack")
    name = " ".join(credit["name"].split())
    if named and len(name) < 2:
        raise ReviewFileError("not imported: the reviewer chose to be credited by name but the "
                              "name is blank, so nothing was changed")
    how = "" if named else " anonymously"
    return {"name": name if named else vocabulary()["review"]["anonymous_name"],
            "roles": [reviewer_roles()[credit["role"]]["role"]],
            "note": f"Reviewed the draft{how} with a review pack saved on {review.date}.",
            "review": review.id}


def add_contributor(source: str, entry: dict[str, Any], file: str, folder: str) -> str:
    """``source`` with ``entry`` added as the unit's last contributor; nothing else changes.

    A unit that already credits the entry's review is returned as it is.
    """
    check = check_unit_source(source, file, folder)
    if check.unit is None:
        raise ReviewFileError(f"not imported: {file} has problems to fix first, so nothing was "
                              f"changed:\n{report(check.problems)}")
    before = check.unit["coproduction"]["contributors"]
    if any(person.get("review") == entry["review"] for person in before):
        return source
    lines = source.splitlines(keepends=True)
    key_line = check.line_of("coproduction", "contributors") - 1
    front = split_front_matter(source)
    indent = len(lines[key_line]) - len(lines[key_line].lstrip())
    end = key_line + 1
    while end < front.end_line - 1:  # the list runs until a line back at the key's depth
        text = lines[end]
        depth = len(text) - len(text.lstrip())
        if text.strip() and (depth < indent or (depth == indent
                                                and not text.lstrip().startswith("- "))):
            break
        end += 1
    items = [line for line in lines[key_line + 1:end] if line.lstrip().startswith("- ")]
    item_indent = len(items[0]) - len(items[0].lstrip()) if items else indent + 2
    while end > key_line + 1 and not lines[end - 1].strip():
        end -= 1
    dumped = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=1_000_000)
    block = "".join(" " * item_indent + line for line in dumped.splitlines(keepends=True))
    new = "".join(lines[:end]) + block + "".join(lines[end:])
    after = check_unit_source(new, file, folder)
    if after.unit is None or after.unit["coproduction"]["contributors"] != [*before, entry]:
        problems = report(after.problems) if after.problems else "the contributors list moved"
        raise ReviewFileError(f"not imported: adding the reviewer to {file} would not give a "
                              f"valid unit, so nothing was changed:\n{problems}")
    return new


def summary(review: Review, entry: dict[str, Any]) -> str:
    """The review as Markdown for the pull request, its comments grouped by paragraph."""
    data, credit = review.data, review.credit
    role = reviewer_roles()[credit["role"]]["label"]
    who = entry["name"] if credit["as"] != "anonymous" else "Anonymous reviewer"
    lines = [f"# Review of {_escape(data['title'])}", "",
             f"- Unit: `{review.unit}`; review `{review.id}`, saved on {review.date}",
             f"- Reviewer: {_escape(who)} ({role})",
             f"- Named on the unit: {'yes' if credit['as'] != 'anonymous' else 'no (anonymous)'}"]
    if credit["consent_publish"]:
        lines.append("- The reviewer agreed that these comments may be shared publicly.")
    else:
        lines.append("- **Not for publication.** The reviewer did not agree to these comments "
                     "being shared publicly: keep this summary out of the pull request and "
                     "describe the changes in your own words.")
    lines += ["", "## Answers to the review questions", ""]
    for key, question in questions().items():
        lines += [f"### {question['label']}", "", _quote(data["answers"][key]) or "(No answer.)",
                  ""]
    lines += ["## Comments, paragraph by paragraph", ""]
    if not data["comments"]:
        lines += ["(No comments on paragraphs.)", ""]
    for comment in data["comments"]:
        lines += [f"### `{comment['paragraph']}`: {_escape(comment['excerpt'])}", "",
                  _quote(comment["text"]), ""]
    return "\n".join(lines)


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+!|~])")
_LINE_START = re.compile(r"^(\s*)([-+*>]|\d+[.)])", re.M)


def _escape(text: str) -> str:
    """Text as Markdown that shows it as it is: no markup, link, image or HTML survives."""
    escaped = _MARKDOWN.sub(r"\\\1", html.escape(text, quote=False))
    return _LINE_START.sub(r"\1\\\2", escaped).replace("\r", "")


def _quote(text: str) -> str:
    if not text.strip():
        return ""
    return "\n".join(f"> {line}" if line else ">" for line in _escape(text.strip()).split("\n"))


def import_review(root: Path, file: Path, out: Path | None = None) -> ImportResult:
    """Import ``file`` into the book at ``root``; :class:`ReviewFileError` if it cannot be."""
    review = read_review(file)
    try:
        return _import(root, review, out)
    except ReviewFileError as err:
        raise ReviewFileError(f"{file}: {err}") from None


def _import(root: Path, review: Review, out: Path | None) -> ImportResult:
    page = root / "book" / "units" / review.unit / "index.md"
    if not page.is_file():
        raise ReviewFileError(f"not imported: the review is for unit {review.unit}, which "
                              f"this book does not have (no {page.relative_to(root)})")
    entry = contributor_entry(review)
    source = page.read_text(encoding="utf-8")
    new_source = add_contributor(source, entry, str(page.relative_to(root)), review.unit)
    folder = (out or root / REVIEWS) / review.unit
    record = json.dumps({"review": review.data, "sha256": review.digest}, indent=2,
                        ensure_ascii=False) + "\n"
    result = ImportResult(review.unit, entry)
    planned = [(folder / f"{review.id}.json", record), (folder / f"{review.id}.md",
                                                          summary(review, entry) + "\n"),
               (page, new_source)]
    for path, text in planned:
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            result.unchanged.append(path)
            continue
        _write(path, text)
        result.written.append(path)
    return result


def _write(path: Path, text: str) -> None:
    """Write ``text`` whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.importing")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
