"""The privacy scan on the snippet sets: recall, false positives and every miss.

Run with ``.venv/bin/python benchmarks/privacy.py``. The development set is the one the rules
were tuned on; the held-out set was written blind and not tuned on.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coproduction_edu import privacy  # noqa: E402
from tests.test_privacy_snippets import BARS, caught, snippets  # noqa: E402


def main() -> None:
    for name in BARS:
        data = snippets(name)
        kinds: dict[str, list[int]] = {}
        misses = []
        for item in data["identifying"]:
            tally = kinds.setdefault(item["kind"], [0, 0])
            tally[1] += 1
            if caught(item):
                tally[0] += 1
            else:
                misses.append(f"{item['kind']}: {item['detail']}")
        alarms = [(item["text"], [f.matched for f in privacy.scan(item["text"])])
                  for item in data["safe"] if privacy.scan(item["text"])]
        found = sum(t[0] for t in kinds.values())
        print(f"{name}: recall {found}/{len(data['identifying'])} "
              f"({found / len(data['identifying']):.0%}), false positives "
              f"{len(alarms)}/{len(data['safe'])}")
        print("  " + ", ".join(f"{k} {a}/{b}" for k, (a, b) in sorted(kinds.items())))
        for miss in misses:
            print(f"  missed  {miss}")
        for text, matched in alarms:
            print(f"  alarm   {matched} in {text[:70]!r}")


if __name__ == "__main__":
    main()
