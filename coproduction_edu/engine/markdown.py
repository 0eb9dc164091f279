"""A small, safe Markdown subset for author text: everything is escaped, raw HTML never passes.

Supported: paragraphs, ``- `` and ``1. `` lists, ``**bold**``, ``*italic*``, `` `code` `` and
``[text](https://...)`` links (http, https, mailto or a relative path only).
"""

from __future__ import annotations

import re
from html import escape

_CODE = re.compile(r"`([^`]+)`")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_SAFE_URL = re.compile(r"^(https?://|mailto:|#|\.{0,2}/|[\w-]+(/|\.html|$))", re.IGNORECASE)
# "//host/..." (and "/\host", which browsers read the same way) leaves the site: not relative.
_OTHER_HOST = re.compile(r"^[/\\]{2}|^/\\|\\")
_BULLET = re.compile(r"^\s*[-*]\s+")
_NUMBERED = re.compile(r"^\s*\d+[.)]\s+")


def inline(text: str) -> str:
    """Escape ``text`` and render the inline subset."""
    codes: list[str] = []
    text = text.replace("\x00", "\ufffd")  # the placeholder below; never author text

    def keep_code(match: re.Match[str]) -> str:
        codes.append(f"<code>{match[1]}</code>")
        return f"\x00{len(codes) - 1}\x00"

    out = _CODE.sub(keep_code, escape(text, quote=True))
    out = _LINK.sub(_link, out)
    out = _BOLD.sub(r"<strong>\1</strong>", out)
    out = _ITALIC.sub(r"<em>\1</em>", out)
    return re.sub("\x00(\\d+)\x00", lambda m: codes[int(m[1])], out)


def _link(match: re.Match[str]) -> str:
    label, url = match[1], match[2]
    if not _SAFE_URL.match(url) or _OTHER_HOST.search(url) or url.lower().startswith(
            ("javascript", "data", "vbscript")):
        return label
    return f'<a href="{url}">{label}</a>'


def render(text: str) -> str:
    """Escape ``text`` and render paragraphs, lists and the inline subset as HTML."""
    blocks = [block for block in re.split(r"\n\s*\n", text.strip()) if block.strip()]
    return "".join(_block(block.splitlines()) for block in blocks)


def _block(lines: list[str]) -> str:
    for pattern, tag in ((_BULLET, "ul"), (_NUMBERED, "ol")):
        if all(pattern.match(line) for line in lines):
            items = "".join(f"<li>{inline(pattern.sub('', line))}</li>" for line in lines)
            return f"<{tag}>{items}</{tag}>"
    return f"<p>{inline(' '.join(line.strip() for line in lines))}</p>"


def plain(text: str) -> str:
    """The text without Markdown marks, for terminals and summaries."""
    text = _LINK.sub(r"\1", text)
    return re.sub(r"\*\*|(?<![*\w])\*|\*(?![*\w])|`", "", text)


_END = ".!?…:"


def needs_stop(text: str) -> bool:
    """Whether ``text`` lacks a stop of its own at its end (Markdown marks aside)."""
    bare = text.rstrip().rstrip("*`”’\"'").rstrip()
    return bool(bare) and bare[-1] not in _END


def sentence(text: str) -> str:
    """``text`` ending in a full stop, unless it already ends in a stop of its own."""
    return text.rstrip() + "." if needs_stop(text) else text.rstrip()


def sentences(*parts: str) -> str:
    """Parts joined as sentences: one stop between them, never two ('text.. Yes')."""
    return " ".join(sentence(part) for part in parts if part.strip())

