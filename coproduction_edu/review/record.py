"""The file a review pack saves, and the checks it must pass before anything is changed.

The file is JSON: ``{"review": {...}, "sha256": "..."}``. The checksum is taken over the
review written canonically (keys sorted, no spaces, UTF-8), as ``review-pack.js`` writes it,
so a file edited or damaged after it was saved is refused. It cannot stop someone who means
to forge a file (the pack holds no secret); it does stop every accidental change.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..problems import Problem, report
from ..sourcemap import Located
from ..vocabulary import vocabulary

FORMAT = "coproduction-edu-review"
VERSION = 1
MAX_FILE_BYTES = 2_000_000
MAX_TEXT = 20_000
MAX_NAME = 100
PARAGRAPH_ID = r"^p-[0-9a-f]{8}(-[0-9]{1,4})?$"
EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+$")  # one address, no markup
UUID = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"


class ReviewFileError(Exception):
    """Why a returned review file is refused, in words for the maintainer who imports it."""


def questions() -> dict[str, dict[str, str]]:
    return vocabulary()["review"]["questions"]


def reviewer_roles() -> dict[str, dict[str, str]]:
    return vocabulary()["review"]["roles"]


def canonical(data: Any) -> bytes:
    """``data`` as the pack's script writes it before hashing it."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def checksum(review: dict[str, Any]) -> str:
    return hashlib.sha256(canonical(review)).hexdigest()


def _text(max_length: int = MAX_TEXT) -> dict[str, Any]:
    return {"type": "string", "maxLength": max_length}


def schema() -> dict[str, Any]:
    """The review file's JSON Schema, with its choices drawn from the vocabulary."""
    credit = {"type": "object", "additionalProperties": False,
              "required": ["as", "name", "role", "consent_named", "consent_publish"],
              "properties": {
                  "as": {"enum": list(vocabulary()["review"]["credit"])},
                  "name": {"type": "string", "maxLength": MAX_NAME,
                           "pattern": "^[^\\u0000-\\u001f\\u007f]*$",
                           "description": "a name on one line"},
                  "role": {"enum": list(reviewer_roles())},
                  "consent_named": {"type": "boolean"},
                  "consent_publish": {"type": "boolean"}}}
    comment = {"type": "object", "additionalProperties": False,
               "required": ["paragraph", "excerpt", "text"],
               "properties": {"paragraph": {"type": "string", "pattern": PARAGRAPH_ID,
                                            "description": "a paragraph id such as p-1a2b3c4d"},
                              "excerpt": _text(300), "text": {**_text(), "minLength": 1}}}
    review = {"type": "object", "additionalProperties": False,
              "required": ["format", "version", "unit", "title", "pack", "id", "saved",
                           "credit", "answers", "comments"],
              "properties": {
                  "format": {"const": FORMAT}, "version": {"const": VERSION},
                  "unit": {"type": "string", "pattern": "^[0-9]{2}-[a-z0-9-]+$",
                           "description": "a unit id such as 03-three-keys"},
                  "title": _text(300),
                  "pack": {"type": "string", "pattern": "^[0-9a-f]{16}$",
                           "description": "16 hexadecimal digits"},
                  "id": {"type": "string", "pattern": UUID, "description": "a UUID"},
                  "saved": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T",
                            "description": "a date and time such as 2026-12-01T15:00:00Z"},
                  "credit": credit,
                  "answers": {"type": "object", "additionalProperties": False,
                              "required": list(questions()),
                              "properties": {key: _text() for key in questions()}},
                  "comments": {"type": "array", "maxItems": 2000, "items": comment}}}
    return {"type": "object", "additionalProperties": False, "required": ["review", "sha256"],
            "properties": {"review": review,
                           "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$",
                                      "description": "64 hexadecimal digits"}}}


@dataclass(frozen=True)
class Review:
    """A returned review that passed every check."""

    data: dict[str, Any]
    digest: str

    @property
    def unit(self) -> str:
        return self.data["unit"]

    @property
    def id(self) -> str:
        return self.data["id"]

    @property
    def date(self) -> str:
        return self.data["saved"][:10]

    @property
    def credit(self) -> dict[str, Any]:
        return self.data["credit"]


def read_review(path: Path) -> Review:
    """The review in ``path``, or :class:`ReviewFileError` saying what is wrong with it."""
    name = str(path)
    if not path.is_file():
        raise ReviewFileError(f"{name}: no such file")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise ReviewFileError(f"{name}: is {path.stat().st_size:,} bytes; a review file is at "
                              f"most {MAX_FILE_BYTES:,}, so this is not one")
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise ReviewFileError(f"{name}: is not UTF-8 text, so it is not a file a review pack "
                              "saved") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise ReviewFileError(f"{name}:{err.lineno}: column {err.colno}: is not valid JSON "
                              f"({err.msg}); was the file changed or cut short?") from None
    except RecursionError:
        raise ReviewFileError(f"{name}: is nested too deeply to be a review file") from None
    problems = _schema_problems(data, name)
    if problems:
        raise ReviewFileError("the file is not a review this project can import:\n"
                              + report(problems))
    review = data["review"]
    if checksum(review) != data["sha256"]:
        raise ReviewFileError(f"{name}: the review was changed after it was saved (its "
                              "checksum does not match), so it is not imported; ask the "
                              "reviewer to save it again from their review pack")
    return Review(review, data["sha256"])


def _schema_problems(data: Any, name: str) -> list[Problem]:
    from ..validation import schema_problems

    return schema_problems(Located(data), schema(), name)[:20]
