"""Reading a Markdown page: its front matter (with line numbers) and its body.

YAML dates are kept as strings so that the schema, not the YAML parser,
decides what a valid date is, and so that '2025-13-01' gets a clear message.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import yaml

from .findings import Finding

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(\r?\n|\Z)", re.S)
LANG_SUFFIX = re.compile(r"\.(sv|en)\.md$")


class _StringDateLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """SafeLoader without the timestamp resolver: dates stay 'YYYY-MM-DD' strings.
    Uses libyaml's parser when PyYAML has it (about ten times faster on a large corpus)."""


_StringDateLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Document:
    """A content page as read from disk."""

    path: str                      # relative to the project root, e.g. docs/typfall/resa.sv.md
    rel: str                       # relative to docs/, e.g. typfall/resa.sv.md
    meta: dict[str, Any]
    body: str
    body_start_line: int
    lines: dict[tuple, int] = field(default_factory=dict)

    @cached_property   # asked for millions of times in a large build; rel never changes
    def lang(self) -> str | None:
        match = LANG_SUFFIX.search(self.rel)
        return match.group(1) if match else None

    @cached_property
    def base(self) -> str:
        """Path without language suffix, shared by both language versions: typfall/resa."""
        return LANG_SUFFIX.sub("", self.rel)

    def line_of(self, path: tuple) -> int | None:
        """Line of the deepest existing key along `path` (1-based, in the file)."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:end]))
            if line:
                return line
        return None


def _key_lines(node: yaml.Node, prefix: tuple, offset: int, out: dict[tuple, int]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            path = prefix + (key.value,)
            out[path] = key.start_mark.line + 1 + offset
            _key_lines(value, path, offset, out)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            path = prefix + (index,)
            out[path] = item.start_mark.line + 1 + offset
            _key_lines(item, path, offset, out)


def parse(text: str, path: str, rel: str) -> tuple[Document | None, list[Finding]]:
    """Split and parse a page. Returns the document, or None with findings when it cannot be read."""
    match = FRONT_MATTER.match(text)
    if not match:
        return None, [Finding(path, 1, "", "no front matter",
                              "start the file with a '---' line, the YAML fields, and a closing '---' line")]
    raw = match.group(1) or ""
    try:
        loader = _StringDateLoader(raw)   # parsed once: the node tree gives values and line numbers
        try:
            node = loader.get_single_node()
            meta = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return None, [Finding(path, line, "", f"front matter is not valid YAML ({problem})",
                              "check indentation, colons and quotes on this line")]
    if not isinstance(meta, dict):
        return None, [Finding(path, 2, "", "front matter is not a set of 'field: value' lines",
                              "write one 'field: value' per line")]
    lines: dict[tuple, int] = {}
    if node is not None:
        _key_lines(node, (), 1, lines)
    body_start = text.count("\n", 0, match.end()) + 1
    return Document(path, rel, meta, text[match.end():], body_start, lines), []


def read(abs_path: str, path: str, rel: str) -> tuple[Document | None, list[Finding]]:
    """Read a page from disk; a file that is not UTF-8 is a finding, not a crash."""
    try:
        with open(abs_path, encoding="utf-8") as handle:
            text = handle.read()
    except UnicodeDecodeError as exc:
        return None, [Finding(path, None, "", f"file is not UTF-8 (byte {exc.start})",
                              "save the file as UTF-8 in your editor")]
    return parse(text, path, rel)
