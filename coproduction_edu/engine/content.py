"""Exercise content: one YAML file per unit in ``coproduction_edu/content``, checked by schema.

A notebook should not wait for a schema validator: ``jsonschema`` takes seconds to import and
cannot run in the browser. So ``coproduction-edu check --record`` writes the fingerprint of each
file that passed every check to ``checked.json`` beside them, and a file whose text still has
that fingerprint is loaded without the schema. Any other text is checked in full, as before.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..problems import Problem, format_path, read_source
from ..sourcemap import Located, load_checked, load_yaml
from .base import Exercise, shown
from .choice import Quiz
from .disclosure import Disclosure
from .scenario import Scenario, graph_problems
from .sorting import Audit, Classify
from .writing import Reflection, Rewrite

TYPES: dict[str, type[Exercise]] = {cls.type: cls for cls in (
    Quiz, Classify, Audit, Disclosure, Scenario, Rewrite, Reflection)}
UNIT_FILE = re.compile(r"^[0-9]{2}-[a-z0-9]+(-[a-z0-9]+)*\.yaml$")
CHECKED = "checked.json"


def content_dir() -> Path:
    return Path(str(resources.files("coproduction_edu").joinpath("content")))


def content_files(folder: Path | None = None) -> list[Path]:
    """The exercise files (``NN-slug.yaml``), not the rules data kept beside them."""
    folder = folder or content_dir()
    return sorted(p for p in folder.glob("*.yaml") if UNIT_FILE.match(p.name))


def fingerprint(text: str) -> str:
    """What ``checked.json`` records of a file's text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def recorded(folder: Path) -> dict[str, str]:
    """The fingerprints in ``folder/checked.json``; none if it is missing or not a record."""
    try:
        data = json.loads((folder / CHECKED).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}


def record_checked(folder: Path) -> dict[str, str]:
    """Write ``checked.json`` for every file in ``folder`` that passes every check."""
    fingerprints = {}
    for path in content_files(folder):
        text, problems = read_source(path, path.name)
        if text is not None and not problems and not load_file(path)[1]:
            fingerprints[path.name] = fingerprint(text)
    (folder / CHECKED).write_text(json.dumps(fingerprints, indent=2, sort_keys=True) + "\n",
                                  encoding="utf-8")
    return fingerprints


def load_file(path: Path, file: str | None = None, checked: dict[str, str] | None = None
              ) -> tuple[list[Exercise], list[Problem]]:
    """The exercises in ``path`` if it is valid; otherwise no exercises and every problem.

    ``checked`` holds fingerprints of texts already found valid (see ``record_checked``); a
    file with one of them is not run through the schema again.
    """
    file = file or path.name
    text, problems = read_source(path, file)
    if text is None:
        return [], problems
    if checked and checked.get(path.name) == fingerprint(text):
        data = load_checked(text)
        return [TYPES[e["type"]](data["unit"], e) for e in data["exercises"]], []
    located = load_yaml(text, file)
    if located.problems:
        return [], list(located.problems)
    from ..validation import schema_problems

    problems = schema_problems(located, "exercises", file)
    if problems:
        return [], problems
    data = located.data
    if data["unit"] != path.stem:
        problems.append(Problem(file, located.line_of(("unit",)), "unit", f"is {data['unit']!r} "
                                f"but the file is {path.name}; they must match"))
    seen = Counter(entry["id"] for entry in data["exercises"])
    for index, entry in enumerate(data["exercises"]):
        at = ("exercises", index)
        if seen[entry["id"]] > 1:
            problems.append(Problem(file, located.line_of((*at, "id")), format_path((*at, "id")),
                                    f"{entry['id']!r} is used by more than one exercise"))
        type_problems = schema_problems(located, entry["type"], file, at)
        problems += type_problems or _meaning_problems(entry, located, file, at)
    if problems:
        return [], sorted(set(problems))
    return [TYPES[e["type"]](data["unit"], e) for e in data["exercises"]], []


def _meaning_problems(entry: dict[str, Any], located: Located, file: str,
                      at: tuple) -> list[Problem]:
    """Faults a schema cannot see: duplicate ids, unknown categories, a broken graph."""
    problems: list[Problem] = []

    def fault(path: tuple, message: str) -> None:
        full = (*at, *path)
        problems.append(Problem(file, located.line_of(full), format_path(full), message))

    for key in ("options", "categories", "statements", "items", "scale", "stages"):
        counts = Counter(item["id"] for item in entry.get(key, []))
        for index, item in enumerate(entry.get(key, [])):
            if counts[item["id"]] > 1:
                fault((key, index, "id"), f"{item['id']!r} is used twice in {key}")
    kind = entry["type"]
    if kind == "quiz":
        correct = sum(bool(o.get("correct")) for o in entry["options"])
        if correct == 0:
            fault(("options",), "no option is marked 'correct: true'")
        elif correct > 1 and not entry.get("multiple"):
            fault(("options",), f"{correct} options are correct; set 'multiple: true' or "
                                "mark only one")
    if kind in ("classify", "audit"):
        key, answer = ("statements", "category") if kind == "classify" else ("items", "expected")
        valid = [c["id"] for c in entry.get("categories", entry.get("scale", []))] or [
            "met", "not-met"]
        for index, item in enumerate(entry[key]):
            if item[answer] not in valid:
                fault((key, index, answer), f"{item[answer]!r} is not a category; expected one "
                                            f"of: {', '.join(valid)}")
    if kind == "disclosure" and all(i["material"] == "none" for i in entry["items"]):
        fault(("items",), "no item is material; a disclosure exercise needs at least one")
    if kind == "scenario":
        problems += graph_problems(entry, file, at, located.line_of)
    return problems


@cache
def _unit(unit: str) -> dict[str, Exercise]:
    path = content_dir() / f"{unit}.yaml"
    if not path.is_file():
        known = [p.stem for p in content_files()]
        raise LookupError(f"no exercises for unit {shown(unit)}; units with exercises: "
                          f"{', '.join(known) or 'none'}")
    loaded, problems = load_file(path, f"coproduction_edu/content/{path.name}",
                                 recorded(content_dir()))
    if problems:
        raise ValueError("the exercise file is not valid:\n" + "\n".join(map(str, problems)))
    return {item.id: item for item in loaded}


def exercises(unit: str) -> list[Exercise]:
    """Every exercise of ``unit`` (e.g. ``"03-three-keys"``), in file order."""
    return list(_unit(unit).values())


def exercise(ref: str) -> Exercise:
    """The exercise named ``unit-id/exercise-id``."""
    unit, _, name = ref.partition("/")
    found = _unit(unit)
    if name not in found:
        raise LookupError(f"unit {shown(unit)} has no exercise {shown(name)}; it has: "
                          f"{', '.join(found)}")
    return found[name]


def check_content(folder: Path | None = None, label: str = "coproduction_edu/content") -> list[
        Problem]:
    """Problems in every exercise file, for ``coproduction-edu check``, including a valid file
    that ``checked.json`` does not record (its notebooks would validate it on every run)."""
    folder = folder or content_dir()
    problems: list[Problem] = []
    fingerprints = recorded(folder)
    for path in content_files(folder):
        found = load_file(path, f"{label}/{path.name}")[1]
        problems += found
        text = read_source(path, path.name)[0]
        if not found and text is not None and fingerprints.get(path.name) != fingerprint(text):
            problems.append(Problem(f"{label}/{CHECKED}", 1, path.name,
                                    "is not recorded as checked since it last changed; run "
                                    "'coproduction-edu check --record'"))
    return problems
