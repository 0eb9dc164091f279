"""Load YAML while remembering where each value sits, so messages can name the line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .problems import PathPart, Problem, format_path

Path = tuple[PathPart, ...]


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as strings: the schemas check their form."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _CheckedLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same reading as ``_Loader``, with libyaml's C parser where PyYAML has it."""


_CheckedLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


def load_checked(text: str) -> Any:
    """Data the project has already checked (its packaged rules, recorded exercise content):
    read fast, without the line map and the safety pass that ``load_yaml`` gives text from
    contributors."""
    return yaml.load(text, Loader=_CheckedLoader)


@dataclass
class Located:
    """Parsed YAML data plus the 1-based line of every path inside it."""

    data: Any
    lines: dict[Path, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def line_of(self, path: Path) -> int:
        """The line of ``path``, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)


# What the project accepts, checked on the token stream before anything is built, so no
# document can recurse, expand or run anything: plain YAML with no anchors, aliases, merge
# keys or tags, nested at most MAX_DEPTH deep, in at most MAX_BYTES.
MAX_DEPTH = 40
MAX_BYTES = 2_000_000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MERGE = "tag:yaml.org,2002:merge"


def load_yaml(text: str, file: str, first_line: int = 1) -> Located:
    """Parse ``text``; YAML errors and duplicate keys become problems, never exceptions.

    ``first_line`` is the file line on which ``text`` begins (front matter starts on line 2).
    """
    located = Located(data=None)
    offset = first_line - 1
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        located.problems.append(Problem(file, first_line, "file", f"is larger than "
                                        f"{MAX_BYTES // 1_000_000} MB; split it up"))
        return located
    try:
        located.problems += _unsupported(text, file, offset)
        if located.problems:
            return located
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as err:
        located.problems.append(_yaml_problem(err, text, file, offset))
        return located
    if node is None:
        return located
    constructor = _Loader(text)
    located.data = _build(node, (), located, constructor, file, offset)
    if located.problems:
        located.data = None
    return located


def _yaml_problem(err: yaml.YAMLError, text: str, file: str, offset: int) -> Problem:
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    if mark is not None:
        line = mark.line + 1
    elif isinstance(getattr(err, "position", None), int):  # a ReaderError: a bad character
        line = text[:err.position].count("\n") + 1
    else:
        line = 1
    reason = getattr(err, "problem", None) or getattr(err, "reason", None) or str(err)
    return Problem(file, line + offset, "yaml", f"not valid YAML: {reason}")


def _unsupported(text: str, file: str, offset: int) -> list[Problem]:
    """Anchors, aliases, tags and deep nesting, found in one pass over the parser's events."""
    problems: list[Problem] = []
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        line = event.start_mark.line + 1 + offset
        if isinstance(event, yaml.AliasEvent):
            problems.append(Problem(file, line, "yaml", f"uses the alias *{event.anchor}; "
                                    "aliases are not allowed here: write the value out in full"))
        elif isinstance(event, yaml.NodeEvent):
            if event.anchor is not None:
                problems.append(Problem(file, line, "yaml", f"defines the anchor "
                                        f"&{event.anchor}; anchors are not allowed here"))
            if getattr(event, "tag", None) is not None:
                tag = event.tag.replace("tag:yaml.org,2002:", "!!")
                problems.append(Problem(file, line, "yaml", f"uses the tag {tag}; tags "
                                        "are not allowed here: write plain values"))
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                problems.append(Problem(file, line, "yaml", f"is nested more than {MAX_DEPTH} "
                                        "levels deep"))
                break
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        if len(problems) >= 20:
            break
    return problems


def _build(
    node: yaml.Node, path: Path, located: Located, ctor: _Loader, file: str, offset: int
) -> Any:
    line = node.start_mark.line + 1 + offset
    located.lines[path] = line
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1 + offset
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _MERGE:
                what = "'<<' merge keys are" if key_node.tag == _MERGE else "a key must be " \
                    "plain text; lists and mappings as keys are"
                located.problems.append(Problem(file, key_line, format_path(path),
                                                f"{what} not allowed here"))
                continue
            key = _scalar(key_node, (*path, "(key)"), located, ctor, file, key_line)
            if key in out:
                located.problems.append(Problem(
                    file, key_line, format_path((*path, key)),
                    "appears twice; keep one (YAML keeps only the last)"))
            out[key] = _build(value_node, (*path, key), located, ctor, file, offset)
            located.lines[(*path, key)] = key_line
        return out
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(child, (*path, i), located, ctor, file, offset)
            for i, child in enumerate(node.value)
        ]
    return _scalar(node, path, located, ctor, file, line)


def _scalar(node: yaml.Node, path: Path, located: Located, ctor: _Loader, file: str,
            line: int) -> Any:
    try:
        value = ctor.construct_object(node, deep=True)
    except yaml.YAMLError as err:
        located.problems.append(Problem(file, line, format_path(path),
                                        f"cannot be read: {getattr(err, 'problem', err)}"))
        return None
    if isinstance(value, str) and _CONTROL.search(value):
        located.problems.append(Problem(file, line, format_path(path),
                                        "contains a control character (such as \\0); "
                                        "remove it"))
    return value
