"""The language checker on the sentence sets: recall, false positives and every miss.

Run with ``.venv/bin/python benchmarks/language.py``. The development set is the one the
rules were tuned on; the held-out set was written blind and not tuned on.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from measure_sets import report  # noqa: E402

from coproduction_edu import language  # noqa: E402
from tests.test_language_sources import BARS, caught, sentences  # noqa: E402


def main() -> None:
    rules = language.rules()
    terms = sum(len(r.terms) + len(r.inflections) for r in rules)
    print(f"{len(rules)} rules, {terms} terms and forms, "
          f"{len({k for r in rules for k in r.cites})} sources")
    for name in BARS:
        data = sentences(name)
        report(name, data["flag"], data["safe"], caught, "group", "term",
               lambda text: [f.matched for f in language.check(text)])


if __name__ == "__main__":
    main()
