"""Check data against the project's JSON Schemas and explain each fault in plain words."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

try:
    from jsonschema import Draft202012Validator, validators
    from jsonschema.exceptions import ValidationError
except ImportError as missing:  # the exercises run without it; checking needs it
    raise ImportError("checking units and exercise content needs jsonschema, which the "
                      "exercises alone do not install: pip install 'coproduction-edu[check]'"
                      ) from missing

from .engine.base import plural
from .problems import Problem, format_path
from .sourcemap import Located

ITEMS = {"one": "{count} item", "other": "{count} items"}


def _min_length(validator: Any, length: int, instance: Any, schema: dict) -> Any:
    """``minLength`` counts what is left when blanks are trimmed: "   " is empty text."""
    if isinstance(instance, str) and len(instance.strip()) < length:
        yield ValidationError(f"{instance!r} is too short")


def _whole_number(checker: Any, instance: Any) -> bool:
    """Only a whole number written as one: 3, never 3.0 (YAML reads 3.0 as a float)."""
    return isinstance(instance, int) and not isinstance(instance, bool)


# The project's reading of two keywords: blank text is empty, and 3.0 is not an integer.
ProjectValidator = validators.extend(
    Draft202012Validator, {"minLength": _min_length},
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _whole_number))


@cache
def validator(name: str) -> Any:
    """The validator for ``coproduction_edu/schemas/<name>.schema.json``."""
    text = resources.files("coproduction_edu").joinpath(f"schemas/{name}.schema.json").read_text()
    schema = json.loads(text)
    Draft202012Validator.check_schema(schema)
    return ProjectValidator(schema)


def schema_problems(located: Located, schema: str | dict[str, Any], file: str,
                    at: tuple = ()) -> list[Problem]:
    """One problem per schema fault, each at the line of the field it concerns.

    ``schema`` is the name of one of the project's schema files, or a schema itself;
    ``at`` is the path of the part of the document to check (the whole of it by default).
    """
    checker = validator(schema) if isinstance(schema, str) else ProjectValidator(schema)
    data = located.data
    for part in at:
        data = data[part]
    problems = []
    for error in checker.iter_errors(data):
        for path, message in _explain(error):
            full = (*at, *path)
            problems.append(Problem(file, located.line_of(full), format_path(full), message))
    return sorted(set(problems))


_TYPE_WORDS = {
    "object": "a mapping of 'key: value' lines",
    "array": "a list",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
}


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def _choices(values: Any) -> str:
    return ", ".join(str(v) for v in values)


def _explain(error: ValidationError) -> list[tuple[tuple, str]]:
    """Turn one jsonschema error into (path, message) pairs a contributor can act on."""
    path = tuple(error.absolute_path)
    kind, expected, schema = error.validator, error.validator_value, error.schema
    if kind == "required":
        missing = [name for name in expected if name not in (error.instance or {})]
        return [((*path, name), "is missing; this field is required") for name in missing]
    if kind == "additionalProperties":
        allowed = _choices(sorted(schema.get("properties", {})))
        extra = [k for k in error.instance if k not in schema.get("properties", {})]
        return [((*path, k), f"is not a known field; expected one of: {allowed}") for k in extra]
    if kind == "const":
        return [(path, f"{_show(error.instance)} is not allowed; expected {_show(expected)}")]
    if kind == "enum":
        return [(path, f"{_show(error.instance)} is not allowed; expected one of: "
                       f"{_choices(expected)}")]
    if kind == "type":
        wanted = _TYPE_WORDS.get(expected, expected)
        hint = ""
        if isinstance(error.instance, bool) and expected == "string":
            hint = " (YAML reads yes, no, on and off as true or false: put the text in quotes)"
        return [(path, f"expected {wanted}, found {_show(error.instance)}{hint}")]
    if kind == "pattern":
        hint = schema.get("description", f"the pattern {expected}")
        return [(path, f"{_show(error.instance)} has the wrong form; expected {hint}")]
    if kind == "minItems":
        return [(path, f"needs at least {plural(ITEMS, expected)}; found {len(error.instance)}")]
    if kind == "maxItems":
        return [(path, f"allows at most {plural(ITEMS, expected)}; found {len(error.instance)}")]
    if kind == "uniqueItems":
        return [(path, "lists the same item more than once")]
    if kind == "minLength" and isinstance(error.instance, str) and not error.instance.strip():
        return [(path, "is blank; write the text")]
    if kind in ("minLength", "maxLength"):
        bound = "at least" if kind == "minLength" else "at most"
        return [(path, f"must be {bound} {expected} characters long")]
    if kind in ("minimum", "maximum"):
        bound = "at least" if kind == "minimum" else "at most"
        return [(path, f"must be {bound} {expected}; found {_show(error.instance)}")]
    return [(path, error.message)]
