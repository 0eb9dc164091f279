"""How long the checker takes to refuse each hostile or broken file, and the text checks'
overlap removal on large input.

Run with ``.venv/bin/python benchmarks/hostile.py``. Target: every refusal well under a
second; 16,000 findings in well under a second.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coproduction_edu import language, privacy  # noqa: E402
from coproduction_edu.engine.content import load_file  # noqa: E402
from coproduction_edu.language import keep_longest  # noqa: E402
from coproduction_edu.units import check_unit_source  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
HOSTILE_UNITS = ["nested-lists", "recursive-alias", "unhashable-key", "merge-key", "python-tag",
                 "python-apply", "nul-in-title", "alias-bomb", "two-front-matter", "not-closed",
                 "blank-name", "float-number", "float-minutes", "blank-question"]
HOSTILE_CONTENT = ["duplicate-choice-id", "nested-lists", "alias-bomb", "python-tag",
                   "nul-in-option", "blank-title"]


def timed(call) -> tuple[float, object]:
    start = time.perf_counter()
    result = call()
    return (time.perf_counter() - start) * 1000, result


def main() -> None:
    print(f"{'input':<34} {'ms':>8}  first message")
    for name in HOSTILE_UNITS:
        source = (FIXTURES / "units" / f"{name}.md").read_text(encoding="utf-8")
        ms, result = timed(lambda s=source: check_unit_source(s, "index.md", "08-fixture"))
        print(f"{'unit: ' + name:<34} {ms:8.1f}  {result.problems[0].message[:60]}")
    for name in HOSTILE_CONTENT:
        path = FIXTURES / "content" / f"{name}.yaml"
        ms, (_, problems) = timed(lambda p=path: load_file(p, "01-fixture.yaml"))
        message = next(p for p in problems if p.field != "unit").message
        print(f"{'content: ' + name:<34} {ms:8.1f}  {message[:60]}")
    text = ("On a quiet evening I sat with a man in his forties on Ward 7 and Mr Smith said he "
            "was non-compliant. ") * 10_000
    for name, scan in (("privacy scan", privacy.scan), ("language check", language.check)):
        ms, found = timed(lambda f=scan: f(text))
        print(f"{name + ': 1 MB of text':<34} {ms:8.1f}  {len(found):,} findings")
    for count in (1_000, 16_000, 100_000):
        spans = [(i * 3, i * 3 + 1 + i % 5, i, None) for i in range(count)]
        ms, kept = timed(lambda s=spans: keep_longest(s))
        print(f"{f'keep_longest: {count:,} findings':<34} {ms:8.1f}  {len(kept):,} kept")


if __name__ == "__main__":
    main()
