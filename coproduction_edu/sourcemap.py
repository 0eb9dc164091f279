"""Load YAML while remembering where each value sits, so messages can name the line."""

from __future__ import annotations

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


def load_yaml(text: str, file: str, first_line: int = 1) -> Located:
    """Parse ``text``; YAML errors and duplicate keys become problems, never exceptions.

    ``first_line`` is the file line on which ``text`` begins (front matter starts on line 2).
    """
    located = Located(data=None)
    offset = first_line - 1
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line = (mark.line + 1 + offset) if mark else first_line
        reason = getattr(err, "problem", None) or str(err)
        located.problems.append(Problem(file, line, "yaml", f"not valid YAML: {reason}"))
        return located
    if node is None:
        return located
    constructor = _Loader(text)
    located.data = _build(node, (), located, constructor, file, offset)
    return located


def _build(
    node: yaml.Node, path: Path, located: Located, ctor: _Loader, file: str, offset: int
) -> Any:
    located.lines[path] = node.start_mark.line + 1 + offset
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = ctor.construct_object(key_node, deep=True)
            if key in out:
                line = key_node.start_mark.line + 1 + offset
                where = format_path((*path, key))
                located.problems.append(
                    Problem(file, line, where, "appears twice; keep one (YAML keeps only the last)")
                )
            out[key] = _build(value_node, (*path, key), located, ctor, file, offset)
            located.lines[(*path, key)] = key_node.start_mark.line + 1 + offset
        return out
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(child, (*path, i), located, ctor, file, offset)
            for i, child in enumerate(node.value)
        ]
    return ctor.construct_object(node, deep=True)
