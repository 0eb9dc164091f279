"""One report for a checker measured on a blind test set: recall by group, false alarms, and
every miss. Used by ``benchmarks/language.py`` and ``benchmarks/privacy.py``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def report(name: str, positives: list[dict[str, Any]], negatives: list[dict[str, Any]],
           caught: Callable[[dict[str, Any]], bool], group: str, detail: str,
           findings: Callable[[str], list[str]]) -> None:
    """Print recall per ``group`` over ``positives``, false alarms over ``negatives``."""
    groups: dict[str, list[int]] = {}
    misses = []
    for item in positives:
        tally = groups.setdefault(item[group], [0, 0])
        tally[1] += 1
        if caught(item):
            tally[0] += 1
        else:
            misses.append(f"{item[group]}: {item[detail]!r} in {item['text'][:60]!r}")
    alarms = [(item["text"], findings(item["text"])) for item in negatives
              if findings(item["text"])]
    found = sum(t[0] for t in groups.values())
    print(f"{name}: recall {found}/{len(positives)} ({found / len(positives):.0%}), "
          f"false positives {len(alarms)}/{len(negatives)} "
          f"({len(alarms) / len(negatives):.1%})")
    print("  " + ", ".join(f"{g} {a}/{b}" for g, (a, b) in sorted(groups.items())))
    for miss in misses:
        print(f"  missed  {miss}")
    for text, matched in alarms:
        print(f"  alarm   {matched} in {text[:70]!r}")
