"""Warn about details in a reflection that could identify a person.

NMC guidance asks that reflective accounts contain nothing that could identify a patient, service
user, colleague or anyone else. :func:`scan` finds the common culprits (NHS numbers, dates,
postcodes, phone numbers, email addresses and titled names) with rules kept as data in
``content/privacy.yaml``. The browser (``static/cpe-text-checks.js``, fed by :func:`rules_data`)
runs the same patterns and the same NHS number check digit test, so both find the same things.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from .language import keep_longest, python_flags
from .sourcemap import load_checked

__all__ = ["CHECKS", "Finding", "Kind", "kinds", "nhs_modulus_11", "parse_kinds", "rules_data",
           "scan"]

DEFAULT_BOUNDARY = "0-9A-Za-z"
JS_FLAGS = "g"
_PART = re.compile(r"%([A-Z_]+)%")


@dataclass(frozen=True)
class Finding:
    """An identifying detail: ``text[start:end] == matched`` (offsets in characters)."""

    kind: str
    start: int
    end: int
    matched: str
    advice: str


@dataclass(frozen=True)
class Kind:
    """One kind of identifying detail, with its combined pattern source."""

    kind: str
    advice: str
    pattern: str
    check: str | None = None
    ignore: bool = False  # known phrases that only look identifying: they win, unreported


def nhs_modulus_11(text: str) -> bool:
    """Whether the ten digits in ``text`` carry a valid NHS number check digit (Modulus 11)."""
    digits = [int(c) for c in text if "0" <= c <= "9"]
    if len(digits) != 10:
        return False
    total = sum(digit * (10 - i) for i, digit in enumerate(digits[:9]))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == digits[9]


CHECKS = {"nhs_modulus_11": nhs_modulus_11}


def parse_kinds(raw: Any) -> tuple[Kind, ...]:
    """Validated kinds from parsed ``privacy.yaml``; a ValueError names what is wrong."""
    if not isinstance(raw, dict) or not isinstance(raw.get("kinds"), list) or not raw["kinds"]:
        raise ValueError("privacy rules: expected a mapping with a non-empty list under 'kinds'")
    parts = raw.get("parts") or {}
    if not isinstance(parts, dict):
        raise ValueError("privacy rules: 'parts' must map names to pattern fragments")
    parsed = tuple(_parse_kind(item, index, parts) for index, item in enumerate(raw["kinds"], 1))
    names = [kind.kind for kind in parsed]
    for name in names:
        if names.count(name) > 1:
            raise ValueError(f"privacy kind {name!r}: used twice; kinds must be unique")
    return parsed


def _parse_kind(item: Any, index: int, parts: dict[str, str]) -> Kind:
    name = f"privacy kind {item.get('kind')!r}" if isinstance(item, dict) and "kind" in item \
        else f"privacy kind #{index}"
    if not isinstance(item, dict):
        raise ValueError(f"{name}: expected a mapping with kind, advice and patterns")
    ignore = item.get("ignore", False)
    if not isinstance(ignore, bool):
        raise ValueError(f"{name}: 'ignore' must be true or false")
    for key in ("kind",) if ignore else ("kind", "advice"):
        if not isinstance(item.get(key), str) or not item[key].strip():
            raise ValueError(f"{name}: {key!r} must be a non-empty string")
    patterns = item.get("patterns")
    if not isinstance(patterns, list) or not patterns or \
            not all(isinstance(p, str) and p for p in patterns):
        raise ValueError(f"{name}: 'patterns' must be a non-empty list of strings")
    check = item.get("check")
    if check is not None and check not in CHECKS:
        raise ValueError(f"{name}: unknown check {check!r}; valid checks are {', '.join(CHECKS)}")
    unknown = sorted(set(item) - {"kind", "advice", "patterns", "check", "left", "right",
                                  "ignore"})
    if unknown:
        raise ValueError(f"{name}: unknown key(s) {', '.join(unknown)}")
    body = "|".join(_expand(p, parts, name) for p in patterns)
    left = item.get("left", DEFAULT_BOUNDARY)
    right = item.get("right", DEFAULT_BOUNDARY)
    pattern = f"(^|[^{left}])(?:{body})(?![{right}])"
    try:
        re.compile(pattern, python_flags(JS_FLAGS))
    except re.error as error:
        raise ValueError(f"{name}: the pattern is not a valid regular expression: {error}") \
            from error
    return Kind(item["kind"], str(item.get("advice", "")).strip(), pattern, check, ignore)


def _expand(pattern: str, parts: dict[str, str], name: str) -> str:
    def part(match: re.Match[str]) -> str:
        if match.group(1) not in parts:
            raise ValueError(f"{name}: unknown part %{match.group(1)}%; define it under 'parts'")
        return _expand(parts[match.group(1)], parts, name)

    return _PART.sub(part, pattern)


@cache
def kinds() -> tuple[Kind, ...]:
    """The validated kinds of ``coproduction_edu/content/privacy.yaml`` (cached)."""
    text = resources.files("coproduction_edu").joinpath("content/privacy.yaml").read_text(
        encoding="utf-8")
    return parse_kinds(load_checked(text))


@cache
def _compiled() -> tuple[tuple[Kind, re.Pattern[str]], ...]:
    return tuple((kind, re.compile(kind.pattern, python_flags(JS_FLAGS))) for kind in kinds())


def rules_data() -> dict[str, Any]:
    """What the browser needs (JSON-serialisable): ``CPE.privacy.scan(text, rules_data())``."""
    return {
        "version": 1,
        "kinds": [{"kind": k.kind, "pattern": k.pattern, "flags": JS_FLAGS, "advice": k.advice,
                   "check": k.check, "ignore": k.ignore} for k in kinds()],
    }


def scan(text: str) -> list[Finding]:
    """Every identifying detail found in ``text``, sorted by start, without overlaps."""
    if not isinstance(text, str):
        raise TypeError(f"scan() needs a str, not {type(text).__name__}")
    found: list[tuple[int, int, int, Kind]] = []
    for order, (kind, regex) in enumerate(_compiled()):
        for match in regex.finditer(text):
            start = match.start() + len(match.group(1))
            if kind.check is None or CHECKS[kind.check](text[start:match.end()]):
                found.append((start, match.end(), order, kind))
    return [Finding(kind.kind, start, end, text[start:end], kind.advice)
            for start, end, _, kind in keep_longest(found) if not kind.ignore]
