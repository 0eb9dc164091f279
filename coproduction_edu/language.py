"""Flag stigmatising or deficit-framed language, with a kinder alternative and its source.

The rules are data (``content/language.yaml``). Each rule becomes one regular expression whose
source means the same in Python ``re`` and in JavaScript ``RegExp`` (flags ``gi``), so the browser
(``static/cpe-text-checks.js``, fed by :func:`rules_data`) finds exactly what :func:`check` finds.

Every pattern has the same shape: group 1 is the character before the match (or empty at the start
of the text), group 2 is a word that cancels the match (``unless_preceded_by``) or empty. The
finding starts after group 1. No lookbehind (Safari before 16.4 lacks it) and no ``\\b``, ``\\w``
or ``\\s`` (Python and JavaScript disagree about them for non-ASCII text).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, TypeVar

from .sourcemap import load_checked

__all__ = [
    "CATEGORIES", "Finding", "Rule", "check", "check_page", "parse_rules", "pattern_source",
    "rules", "rules_data",
]

# What a rule is about; the book's page of rules has a section for each, in this order.
CATEGORIES = ("slur", "metaphor", "dated", "diagnosis-as-noun", "deficit", "label-in-notes",
              "suicide", "substance", "disability")
REQUIRED = ("id", "terms", "suggestion", "reason", "source", "category")
OPTIONAL = ("inflections", "preceded_by", "unless_preceded_by", "followed_by",
            "unless_followed_by")
JS_FLAGS = "gi"

# Pattern pieces, valid and identical in meaning in Python re and JavaScript RegExp.
LETTERS = "A-Za-z0-9\\u00C0-\\u024F"
# A hyphen before a word joins it ("anti-psychotics"); a word right after an opening quotation
# mark is quoted or discussed ("avoid 'committed suicide'", he said "I'm a nutter"): not flagged.
LEFT = f"(^|[^{LETTERS}\\u2010\\u2011\\u2018\\u201c'\"-])"
RIGHT = f"(?![{LETTERS}])"  # a hyphen after ends it ("psycho-killer"; see unless_followed_by)
GAP = "[ \\t\\r\\n\\u00a0]+"
JOIN = f"(?:[\\u2010\\u2011-]|{GAP})"
SUFFIX = "(?:e?s)?"

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_TERM = re.compile(r"[A-Za-z]+(?:[ -][A-Za-z]+)*")
_KEY = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")

T = TypeVar("T")


@dataclass(frozen=True)
class Rule:
    """One rule of ``language.yaml``."""

    id: str
    terms: tuple[str, ...]
    suggestion: str
    reason: str
    source: str  # as a student reads it: each citation, "Samaritans, 2020", joined by "; "
    category: str
    inflections: tuple[str, ...] = ()
    preceded_by: tuple[str, ...] = ()
    unless_preceded_by: tuple[str, ...] = ()
    followed_by: tuple[str, ...] = ()
    unless_followed_by: tuple[str, ...] = ()
    cites: tuple[str, ...] = ()  # the keys in book/references.bib behind ``source``


@dataclass(frozen=True)
class Finding:
    """A flagged phrase: ``text[start:end] == matched`` (offsets in characters)."""

    start: int
    end: int
    matched: str
    suggestion: str
    reason: str
    source: str
    rule: str


# --- loading and validation -------------------------------------------------------------------


def parse_rules(raw: Any) -> tuple[Rule, ...]:
    """Validated rules from parsed YAML (a mapping with ``rules``, or a list); else ValueError."""
    items = raw.get("rules") if isinstance(raw, dict) else raw
    if not isinstance(items, list) or not items:
        raise ValueError("language rules: expected a non-empty list of rules under 'rules'")
    sources = _sources(raw.get("sources") if isinstance(raw, dict) else None)
    seen: set[str] = set()
    parsed = []
    for index, item in enumerate(items, 1):
        rule = _parse_rule(item, index, sources)
        if rule.id in seen:
            raise ValueError(f"language rule {rule.id!r}: the id is used twice; ids must be unique")
        seen.add(rule.id)
        parsed.append(rule)
    return tuple(parsed)


def _sources(raw: Any) -> dict[str, str] | None:
    """``sources``: each key in book/references.bib and its citation as a student reads it."""
    if raw is None:
        return None
    if not isinstance(raw, dict) or not raw or not all(
            isinstance(k, str) and _KEY.fullmatch(k) and isinstance(v, str) and v.strip()
            for k, v in raw.items()):
        raise ValueError("language rules: 'sources' must map reference keys to citations, "
                         "such as samaritans2020media: Samaritans, 2020")
    return {key: value.strip() for key, value in raw.items()}


def _parse_rule(item: Any, index: int, sources: dict[str, str] | None = None) -> Rule:
    name = f"language rule {item['id']!r}" if isinstance(item, dict) and "id" in item else \
        f"language rule #{index}"
    if not isinstance(item, dict):
        raise ValueError(f"{name}: expected a mapping with keys {', '.join(REQUIRED)}")
    missing = [key for key in REQUIRED if key not in item]
    if missing:
        raise ValueError(f"{name}: missing required key(s) {', '.join(missing)}")
    unknown = sorted(set(item) - set(REQUIRED) - set(OPTIONAL))
    if unknown:
        raise ValueError(f"{name}: unknown key(s) {', '.join(unknown)}; valid keys are "
                         f"{', '.join(REQUIRED + OPTIONAL)}")
    cites: tuple[str, ...] = ()
    if sources is not None:  # the source is one reference key, or a list of them
        cites = tuple(item["source"]) if isinstance(item["source"], list) else (item["source"],)
        unknown = [key for key in cites if key not in sources]
        if not cites or unknown:
            raise ValueError(f"{name}: source {', '.join(map(str, unknown)) or '(none)'} is not "
                             f"a key under 'sources'")
        item = {**item, "source": "; ".join(sources[key] for key in cites)}
    for key in ("id", "suggestion", "reason", "source", "category"):
        if not isinstance(item[key], str) or not item[key].strip():
            raise ValueError(f"{name}: {key!r} must be a non-empty string")
    if not _ID.fullmatch(item["id"]):
        raise ValueError(f"{name}: the id must be lower-case words joined by hyphens")
    if item["category"] not in CATEGORIES:
        raise ValueError(f"{name}: category {item['category']!r} is not one of "
                         f"{', '.join(CATEGORIES)}")
    lists = {key: _phrases(name, key, item.get(key, [])) for key in ("terms", *OPTIONAL)}
    if not lists["terms"]:
        raise ValueError(f"{name}: 'terms' must list at least one phrase")
    return Rule(**{key: item[key].strip() if isinstance(item[key], str) else item[key]
                   for key in REQUIRED if key != "terms"}, **lists, cites=cites)


def _phrases(name: str, key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise ValueError(f"{name}: {key!r} must be a list of phrases")
    for phrase in value:
        if not isinstance(phrase, str) or not _TERM.fullmatch(phrase):
            raise ValueError(f"{name}: {key!r} has {phrase!r}; use letters only, words separated "
                             "by a space or a hyphen")
    return tuple(value)


@cache
def rules() -> tuple[Rule, ...]:
    """The validated rules of ``coproduction_edu/content/language.yaml`` (cached)."""
    text = resources.files("coproduction_edu").joinpath("content/language.yaml").read_text(
        encoding="utf-8")
    return parse_rules(load_checked(text))


# --- patterns ---------------------------------------------------------------------------------


def _phrase(phrase: str, suffix: str = "") -> str:
    """Regex for a phrase: any of hyphen, space or nothing between its words."""
    return f"{JOIN}?".join(phrase.replace("-", " ").split()) + suffix


def _alternatives(phrases: Iterable[str], suffix: str = "") -> str:
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p.lower()))  # longest first
    return "|".join(_phrase(p, suffix) for p in ordered)


def pattern_source(rule: Rule) -> str:
    """The regex source for ``rule``, valid in Python ``re`` and JavaScript ``RegExp``."""
    guard = f"((?:{_alternatives(rule.unless_preceded_by)}){GAP})?" \
        if rule.unless_preceded_by else "()"
    before = f"(?:{_alternatives(rule.preceded_by)}){GAP}" if rule.preceded_by else ""
    after = f"(?!{JOIN}(?:{_alternatives(rule.unless_followed_by, SUFFIX)}){RIGHT})" \
        if rule.unless_followed_by else ""
    if rule.followed_by:  # the term only counts before one of these words, which stay out of it
        after += f"(?={GAP}(?:{_alternatives(rule.followed_by, SUFFIX)}){RIGHT})"
    body = _alternatives((*rule.terms, *rule.inflections), SUFFIX)
    return f"{LEFT}{guard}{before}(?:{body}){RIGHT}{after}"


def python_flags(js_flags: str) -> int:
    """The ``re`` flags that behave as the JavaScript flags do (ASCII-only case folding)."""
    return re.ASCII | (re.IGNORECASE if "i" in js_flags else 0)


@cache
def _compiled() -> tuple[tuple[Rule, re.Pattern[str]], ...]:
    return tuple((rule, re.compile(pattern_source(rule), python_flags(JS_FLAGS)))
                 for rule in rules())


def rules_data() -> dict[str, Any]:
    """What the browser needs (JSON-serialisable): ``CPE.language.check(text, rules_data())``."""
    return {
        "version": 1,
        "flags": JS_FLAGS,
        "rules": [
            {"id": rule.id, "category": rule.category, "pattern": pattern_source(rule),
             "suggestion": rule.suggestion, "reason": rule.reason, "source": rule.source}
            for rule in rules()
        ],
    }


# --- matching ---------------------------------------------------------------------------------


def keep_longest(candidates: Sequence[tuple[int, int, int, T]]) -> list[tuple[int, int, int, T]]:
    """Drop overlaps among ``(start, end, order, item)``: longest wins, then earliest, then order.

    Empty spans are dropped too. The result is sorted by start. The JavaScript side does
    exactly the same.
    """
    # Kept spans never overlap, so in start order only the neighbours of a candidate's place
    # can overlap it: one sort, then a binary search per candidate.
    kept: list[tuple[int, int, int, T]] = []
    starts: list[int] = []
    for cand in sorted(candidates, key=lambda c: (c[0] - c[1], c[0], c[2])):
        if cand[1] <= cand[0]:  # an empty match is not a finding
            continue
        at = bisect_right(starts, cand[0])
        if any(cand[0] < k[1] and k[0] < cand[1] for k in kept[max(at - 1, 0):at + 1]):
            continue
        kept.insert(at, cand)
        starts.insert(at, cand[0])
    return kept


def check(text: str) -> list[Finding]:
    """Every flagged phrase in ``text``, sorted by start, without overlaps."""
    if not isinstance(text, str):
        raise TypeError(f"check() needs a str, not {type(text).__name__}")
    found: list[tuple[int, int, int, Rule]] = []
    for order, (rule, regex) in enumerate(_compiled()):
        for match in regex.finditer(text):
            if match.group(2):
                continue
            found.append((match.start() + len(match.group(1)), match.end(), order, rule))
    return [Finding(start, end, text[start:end], rule.suggestion, rule.reason, rule.source,
                    rule.id) for start, end, _, rule in keep_longest(found)]


# --- the book's own pages -----------------------------------------------------------------------

_FILL = "\x00"  # neither a letter nor a separator, so no match can run across a skipped part
_FRONT_MATTER = re.compile(r"---[ \t]*\r?\n(?:.*\r?\n)*?(?:---|\.\.\.)[ \t]*(?:\r?\n|$)")
_FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})(.*?)\r?\n?")
_COLON = re.compile(r"[ \t]*:{3,}(?=\{)")
_DIRECTIVE = re.compile(r"\{([^}\s]+)\}[ \t]*(.*?)[ \t]*\r?\n?")
_OPTION = re.compile(r"[ \t]*:[A-Za-z][\w-]*:(?:[ \t].*)?\r?\n?")
_SKIP_LINE = re.compile(r"[ \t]*(?:\(.+\)=|%.*)[ \t]*\r?\n?")  # MyST targets and comments
_CODE_DIRECTIVES = frozenset({
    "code", "code-block", "code-cell", "sourcecode", "literalinclude", "include", "math", "raw",
    "eval-rst", "toctree", "tableofcontents", "mermaid", "graphviz", "bibliography"})
_KEY_ROLES = frozenset({
    "ref", "numref", "doc", "download", "eq", "any", "code", "kbd", "file", "samp", "math",
    "command", "program", "envvar", "discussed"})
_INLINE = re.compile(
    r"<!--[\s\S]*?-->"
    r"|(\{(?P<role>[A-Za-z][\w:+.-]*)\})?(?<!`)(?P<ticks>`+)(?!`)(?P<body>[\s\S]*?[^`])"
    r"(?P=ticks)(?!`)")
_LINK = re.compile(r"(?<=\]\()(?:<[^>\n]*>|[^)\s]+)|(?<=\]:)[ \t]*\S+"
                   r"|(?:https?|ftp)://[^\s<>\"'`\x00]+|(?<![\w.])www\.[^\s<>\"'`\x00]+"
                   r"|mailto:[^\s<>\"'`\x00]+|</?[A-Za-z][^>\n]*>")
_TARGET = re.compile(r"<[^<>]*>\s*$")


def check_page(markdown: str) -> list[Finding]:
    """:func:`check` on a MyST page, skipping what readers do not read as prose.

    Skipped: front matter, fenced code, inline code, URLs and link targets, HTML tags and comments,
    directive names, arguments that are a single token (paths) and option lines, role targets
    ({cite:p}`key`, the ``<target>`` of {ref}`text <target>`) and all of {discussed}`...`, the
    role that marks a term being discussed rather than used. Offsets are into ``markdown``.
    """
    masked = _mask_blocks(markdown)
    masked = _INLINE.sub(_mask_inline, masked)
    masked = _LINK.sub(lambda m: _FILL * len(m.group()), masked)
    return [Finding(f.start, f.end, markdown[f.start:f.end], f.suggestion, f.reason, f.source,
                    f.rule) for f in check(masked)]


def _blank(text: str) -> str:
    return re.sub(r"[^\r\n]", _FILL, text)


def _mask_blocks(text: str) -> str:
    """Blank front matter, code blocks, directive heads and option lines, line by line."""
    out: list[str] = []
    start = 0
    front = _FRONT_MATTER.match(text)
    if front:
        out.append(_blank(front.group()))
        start = front.end()
    fences: list[tuple[str, int, bool]] = []  # (fence char, length, holds code)
    options = False
    for line in text[start:].splitlines(keepends=True):
        if fences and _closes(line, fences[-1]):
            fences.pop()
            out.append(_blank(line))
            continue
        if fences and fences[-1][2]:
            out.append(_blank(line))
            continue
        if options and _OPTION.fullmatch(line):
            out.append(_blank(line))
            continue
        options = False
        masked_line, options = _mask_line(line, fences)
        out.append(masked_line)
    return "".join(out)


def _closes(line: str, fence: tuple[str, int, bool]) -> bool:
    stripped = line.strip()
    return len(stripped) >= fence[1] and stripped == fence[0] * len(stripped)


def _mask_line(line: str, fences: list[tuple[str, int, bool]]) -> tuple[str, bool]:
    """Mask one line outside code; return it and whether directive options may follow."""
    fence = _FENCE.fullmatch(line)
    if fence and not (fence.group(1)[0] == "`" and "`" in fence.group(2)):
        directive = _DIRECTIVE.fullmatch(line, fence.start(2))
        if directive and directive.group(1) not in _CODE_DIRECTIVES:
            fences.append((fence.group(1)[0], len(fence.group(1)), False))
            return _mask_head(line, directive), True
        fences.append((fence.group(1)[0], len(fence.group(1)), True))
        return _blank(line), False
    colon = _COLON.match(line)
    if colon:
        directive = _DIRECTIVE.fullmatch(line, colon.end())
        if directive:
            if directive.group(1) in _CODE_DIRECTIVES:
                return _blank(line), True
            return _mask_head(line, directive), True
    if _SKIP_LINE.fullmatch(line):
        return _blank(line), False
    return line, False


def _mask_head(line: str, directive: re.Match[str]) -> str:
    """Blank a directive's fence and name, and its argument when that is one token (a path)."""
    argument = directive.group(2)
    end = directive.end(2) if argument and not any(c.isspace() for c in argument) \
        else directive.start(2)
    return _blank(line[:end]) + line[end:]


def _mask_inline(match: re.Match[str]) -> str:
    role = match.group("role")
    if match.group("ticks") is None or role is None:  # an HTML comment or inline code
        return _blank(match.group())
    if role in _KEY_ROLES or role.startswith(("cite", "footcite")):
        return _blank(match.group())
    body = match.group("body")
    target = _TARGET.search(body)
    text_end = target.start() if target else len(body)
    head = match.group()[: match.start("body") - match.start()]
    return _blank(head) + body[:text_end] + _blank(body[text_end:] + match.group("ticks"))
