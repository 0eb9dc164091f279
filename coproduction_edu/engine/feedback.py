"""What ``check`` returns: a verdict and a reason for each item, and a summary."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from html import escape
from typing import Any, Literal

from .markdown import inline, plain

Verdict = Literal["right", "wrong", "missed", "note", "written", "unwritten"]

VERDICT_WORDS: dict[str, tuple[str, str]] = {
    # verdict: (symbol, word); the word is always shown, so state never rests on colour.
    "right": ("✓", "Right"),
    "wrong": ("✗", "Not quite"),
    "missed": ("○", "Missed"),
    "note": ("•", "Note"),
    "written": ("✓", "Written"),  # a reflection's stage: there is no right answer to it
    "unwritten": ("○", "Still to write"),
}


@dataclass(frozen=True)
class ItemFeedback:
    """One option, statement, item or step, with its verdict and the reason for it."""

    id: str
    label: str
    verdict: Verdict
    reason: str


@dataclass(frozen=True)
class Feedback:
    """Feedback on one answer to one exercise."""

    exercise: str
    summary: str
    items: tuple[ItemFeedback, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def right(self) -> list[ItemFeedback]:
        return [item for item in self.items if item.verdict in ("right", "written")]

    @property
    def wrong(self) -> list[ItemFeedback]:
        return [item for item in self.items if item.verdict == "wrong"]

    @property
    def missed(self) -> list[ItemFeedback]:
        return [item for item in self.items if item.verdict in ("missed", "unwritten")]

    @property
    def all_right(self) -> bool:
        return not self.wrong and not self.missed

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def __str__(self) -> str:
        lines = [plain(self.summary)]
        for item in self.items:
            symbol, word = VERDICT_WORDS[item.verdict]
            lines.append(f"{symbol} {word}: {plain(item.label)}")
            if item.reason:
                lines.append(f"    {plain(item.reason)}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = []
        for item in self.items:
            symbol, word = VERDICT_WORDS[item.verdict]
            reason = f'<span class="cpe-reason">{inline(item.reason)}</span>' if item.reason else ""
            rows.append(f'<li class="cpe-item cpe-{item.verdict}"><span class="cpe-verdict">'
                        f'<span aria-hidden="true">{symbol}</span> {word}:</span> '
                        f'<span class="cpe-label">{inline(item.label)}</span> {reason}</li>')
        items = f'<ul class="cpe-items">{"".join(rows)}</ul>' if rows else ""
        return (f'<div class="cpe-feedback-static" data-exercise="{escape(self.exercise)}">'
                f'<p class="cpe-summary">{inline(self.summary)}</p>{items}</div>')
