"""Reading a Markdown page: its front matter (with line numbers) and its body.

This is the one reader that decides what a page is: the build renders exactly the body read here
(hooks/portal_hooks.py hands it to MkDocs), so MkDocs' own front-matter reader, which ends at `...`
and turns the whole file into text when its YAML fails, never gets a say. Front matter is strict
YAML (content/strict_yaml.py); dates stay strings so that the schema, not the YAML parser, decides
what a valid date is, and so that '2025-13-01' gets a clear message.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Callable, TypeVar

import yaml

from . import strict_yaml
from .findings import Finding

T = TypeVar("T")
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(\r?\n|\Z)", re.S)
LANG_SUFFIX = re.compile(r"\.(sv|en)\.md$")


def base_and_lang(rel: str) -> tuple[str, str | None]:
    """`typfall/resa.sv.md` -> ("typfall/resa", "sv"); a name without a language suffix -> (itself, None)."""
    match = LANG_SUFFIX.search(rel)
    return (rel[:match.start()], match.group(1)) if match else (rel, None)


@dataclass
class Document:
    """A content page as read from disk."""

    path: str                      # relative to the project root, e.g. docs/typfall/resa.sv.md
    rel: str                       # relative to docs/, e.g. typfall/resa.sv.md
    meta: dict[str, Any]
    body: str
    body_start_line: int
    lines: dict[tuple, int] = field(default_factory=dict)
    _derived: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def derived(self, name: str, compute: Callable[["Document"], T]) -> T:
        """What `compute` makes of this page, computed once; `name` says what, and with which settings
        when it reads any (`derivation`). A page is never changed once read: `make serve` reads a
        changed file into a new Document and keeps this one while the file is the same, so a rebuild
        does again only the work of the pages that changed."""
        if name not in self._derived:
            self._derived[name] = compute(self)
        return self._derived[name]

    @cached_property   # asked for millions of times in a large build; rel never changes
    def lang(self) -> str | None:
        return base_and_lang(self.rel)[1]

    @cached_property
    def base(self) -> str:
        """Path without language suffix, shared by both language versions: typfall/resa."""
        return base_and_lang(self.rel)[0]

    def line_of(self, path: tuple) -> int | None:
        """Line of the deepest existing key along `path` (1-based, in the file)."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:end]))
            if line:
                return line
        return None


def derivation(name: str, given: Any) -> str:
    """The name of a value derived from a page and the settings `given` (anything with a faithful
    repr), for Document.derived: other settings, another value. Work it out once per run, not per page."""
    return name + ":" + hashlib.sha256(repr(given).encode("utf-8")).hexdigest()


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
    for number, line in enumerate(raw.splitlines(), start=2):
        if line.rstrip() == "...":   # YAML's end-of-document marker: other readers stop here, we would not
            return None, [Finding(path, number, "", "front matter ends with '...'",
                                  "end the front matter with a '---' line instead")]
    try:
        meta, node = strict_yaml.load(raw)
    except strict_yaml.YamlProblem as problem:
        return None, [Finding(path, problem.line + 1, "", f"front matter {problem.message}", problem.fix)]
    if not isinstance(meta, dict):
        return None, [Finding(path, 2, "", "front matter is not a set of 'field: value' lines",
                              "write one 'field: value' per line")]
    lines: dict[tuple, int] = {}
    if node is not None:
        _key_lines(node, (), 1, lines)
    body_start = text.count("\n", 0, match.end()) + 1
    return Document(path, rel, meta, text[match.end():], body_start, lines), []


def read(abs_path: str, path: str, rel: str) -> tuple[Document | None, list[Finding]]:
    """Read a page from disk; a file that cannot be read is a finding, not a crash."""
    try:
        # utf-8-sig: a byte-order mark some editors write is not part of the text (MkDocs reads it so too)
        with open(abs_path, encoding="utf-8-sig") as handle:
            text = handle.read()
    except UnicodeDecodeError as exc:
        return None, [Finding(path, None, "", f"file is not UTF-8 (byte {exc.start})",
                              "save the file as UTF-8 in your editor")]
    except OSError as exc:
        return None, [Finding(path, None, "", f"file cannot be read ({exc.strerror or exc})",
                              "check that the file exists and that you may read it (chmod a+r)")]
    return parse(text, path, rel)
