"""The privacy scan on the snippet sets: recall, false positives and every miss.

Run with ``.venv/bin/python benchmarks/privacy.py``. The development set is the one the rules
were tuned on; the held-out set was written blind and not tuned on.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from measure_sets import report  # noqa: E402

from coproduction_edu import privacy  # noqa: E402
from tests.test_privacy_snippets import BARS, caught, snippets  # noqa: E402


def main() -> None:
    for name in BARS:
        data = snippets(name)
        report(name, data["identifying"], data["safe"], caught, "kind", "detail",
               lambda text: [f.matched for f in privacy.scan(text)])


if __name__ == "__main__":
    main()
