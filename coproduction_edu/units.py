"""Read and check the front matter of a teaching unit (``book/units/NN-slug/index.md``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .frontmatter import split_front_matter
from .problems import Problem
from .sourcemap import Located, load_yaml

UNIT_ID = re.compile(r"^(?P<number>[0-9]{2})-[a-z0-9]+(?:-[a-z0-9]+)*$")
SERVICE_USER_ROLES = frozenset({"service-user-author", "service-user-reviewer"})
CARER_ROLES = frozenset({"carer-author", "carer-reviewer"})


@dataclass
class UnitCheck:
    """The result of checking one unit page: its ``unit`` data if valid, and any problems."""

    file: str
    unit: dict[str, Any] | None
    located: Located | None
    problems: list[Problem] = field(default_factory=list)

    def line_of(self, *path: str | int) -> int:
        return self.located.line_of(("unit", *path)) if self.located else 1


def check_unit_source(source: str, file: str, folder: str) -> UnitCheck:
    """Check the front matter of a unit page whose folder is named ``folder``."""
    front = split_front_matter(source)
    if front is None:
        problem = Problem(file, 1, "front matter", "missing; a unit page must start with "
                          "'---', a 'unit:' block of YAML, and '---'")
        return UnitCheck(file, None, None, [problem])
    if not front.closed:
        problem = Problem(file, 1, "front matter", "not closed; add a line '---' after the "
                          "YAML, before the page's title")
        return UnitCheck(file, None, None, [problem])
    located = load_yaml(front.text, file, front.first_line)
    result = UnitCheck(file, None, located, list(located.problems))
    if front.second_block:
        result.problems.append(Problem(file, front.second_block, "front matter", "a second "
                                       "front matter block starts here; keep one block"))
    if located.problems:
        return result
    from .validation import schema_problems

    result.problems += schema_problems(located, "unit", file)
    if result.problems:
        return result
    unit = located.data["unit"]
    result.problems += _identity_problems(unit, folder, result)
    result.problems += _status_problems(unit, result)
    if not result.problems:
        result.unit = unit
    return result


def _identity_problems(unit: dict[str, Any], folder: str, result: UnitCheck) -> list[Problem]:
    problems = []
    if unit["id"] != folder:
        problems.append(Problem(result.file, result.line_of("id"), "unit.id",
                                f"is {unit['id']!r} but the folder is {folder!r}; they must match"))
    match = UNIT_ID.match(folder)
    if match and int(match["number"]) != unit["number"]:
        problems.append(Problem(result.file, result.line_of("number"), "unit.number",
                                f"is {unit['number']} but the folder starts with "
                                f"{match['number']}; they must match"))
    return problems


def _status_problems(unit: dict[str, Any], result: UnitCheck) -> list[Problem]:
    """Honesty rules: a status above draft needs the lived-experience roles that earn it."""
    copro = unit["coproduction"]
    status = copro["status"]
    roles = {role for person in copro["contributors"] for role in person["roles"]}
    line = result.line_of("coproduction", "status")
    field_name = "unit.coproduction.status"
    problems = []

    def need(condition: bool, message: str) -> None:
        if not condition:
            problems.append(Problem(result.file, line, field_name, message))

    if status == "draft":
        if "reviewed" in copro:
            problems.append(Problem(
                result.file, result.line_of("coproduction", "reviewed"),
                "unit.coproduction.reviewed",
                "a review is recorded but the status is 'draft'; raise the status or remove it"))
        return problems
    need("reviewed" in copro,
         f"'{status}' needs a 'reviewed' record (date and where the review is recorded)")
    if status == "lived-experience-reviewed":
        need(bool(roles & (SERVICE_USER_ROLES | CARER_ROLES)),
             "'lived-experience-reviewed' needs at least one contributor with a service-user "
             "or carer role (service-user-reviewer, carer-reviewer, service-user-author, "
             "carer-author)")
    if status == "co-produced":
        need(bool(roles & SERVICE_USER_ROLES),
             "'co-produced' needs at least one contributor with a service-user role "
             "(service-user-author or service-user-reviewer)")
        need(bool(roles & CARER_ROLES),
             "'co-produced' needs at least one contributor with a carer role "
             "(carer-author or carer-reviewer)")
    return problems
