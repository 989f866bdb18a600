"""YAML as editors write it: mappings, lists and plain values, nothing more.

Front matter and the data files are YAML, and YAML can do much more than editors need: anchors
and aliases (`&a`, `*a`: a few lines that expand to gigabytes, the "billion laughs"), tags
(`!!python/…`, `!x`), keys that are numbers or lists, the same key twice (the last one silently
wins: a page said `status: draft` and then `status: approved`), and nesting without limit. Each
of these is refused here with the line it is on, before any value is built, so that one reader
decides what a file says and no input can make the build run out of memory or recursion.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

MAX_DEPTH = 12   # the deepest shipped file (data/glossary.yml) nests 5 levels
_STR = "tag:yaml.org,2002:str"
_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)   # libyaml: about ten times faster


class _TextDateLoader(_Base):  # type: ignore[misc,valid-type]
    """Dates stay 'YYYY-MM-DD' text: the schema, not the YAML parser, decides what a valid date is."""


_TextDateLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class YamlProblem(Exception):
    """Why a YAML text cannot be read: a 1-based line (within the text), the problem and its fix."""

    line: int
    message: str
    fix: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message} — {self.fix}"


def _line(mark: Any) -> int:
    return mark.line + 1 if mark is not None else 1


def _check_events(text: str, loader: type, max_depth: int) -> None:
    """Anchors, aliases, tags and depth, from the parser's events: nothing is built yet."""
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        line = _line(event.start_mark)
        if isinstance(event, yaml.AliasEvent):
            raise YamlProblem(line, f"uses the YAML alias *{event.anchor}", "write the value out in full instead")
        if getattr(event, "anchor", None):
            raise YamlProblem(line, f"defines the YAML anchor &{event.anchor}", "remove the &-name; write values out in full")
        if isinstance(event, yaml.ScalarEvent) and event.tag is not None:
            raise YamlProblem(line, f"uses the YAML tag {event.tag}", "remove the !-tag; write the plain value")
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if not event.implicit:
                raise YamlProblem(line, f"uses the YAML tag {event.tag}", "remove the !-tag; write the plain value")
            depth += 1
            if depth > max_depth:
                raise YamlProblem(line, f"is nested more than {max_depth} levels deep",
                                  "flatten it: fields hold text, lists or one level of fields")
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def _check_keys(node: yaml.Node) -> None:
    """Keys are text and appear once per mapping (iterative: depth is already bounded, but cheap)."""
    pending = [node]
    while pending:
        current = pending.pop()
        if isinstance(current, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in current.value:
                line = _line(key.start_mark)
                if not isinstance(key, yaml.ScalarNode) or key.tag != _STR:
                    shown = repr(key.value) if isinstance(key, yaml.ScalarNode) else "a list or set of fields"
                    raise YamlProblem(line, f"has a key that is {shown}, not a field name",
                                      "write a field name (text) before the colon")
                if key.value in seen:
                    raise YamlProblem(line, f"'{key.value}' is given twice (first on line {seen[key.value]})",
                                      "keep one of them: YAML would silently use the last")
                seen[key.value] = line
                pending.append(value)
        elif isinstance(current, yaml.SequenceNode):
            pending.extend(current.value)


def load(text: str, dates_as_text: bool = True, max_depth: int = MAX_DEPTH) -> tuple[Any, yaml.Node | None]:
    """The value of a one-document YAML text and its node tree (for line numbers).

    Raises YamlProblem for syntax errors and for everything the module docstring lists."""
    loader_class = _TextDateLoader if dates_as_text else _Base
    try:
        _check_events(text, loader_class, max_depth)
        loader = loader_class(text)
        try:
            node = loader.get_single_node()
            if node is not None:
                _check_keys(node)
            value = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise YamlProblem(_line(mark), f"is not valid YAML ({problem})",
                          "check indentation, colons and quotes on this line") from None
    except (ValueError, OverflowError) as exc:   # e.g. an integer too long to convert
        raise YamlProblem(1, f"has a value YAML cannot read ({exc})", "write the value as text in quotes") from None
    return value, node
