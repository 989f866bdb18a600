"""The order of the navigation, the joint guidance steps and "Börja här" (data/navigation.yml).

Editors decide the order readers move through the portal in; MkDocs alone would sort folders and
files by name (Vägledning last, English in Swedish order, previous/next jumping between unrelated
sections). The file lives beside the docs folder (data/navigation.yml for docs/):

    order:                      # top to bottom; a folder is a mapping to the order of its pages
      - index
      - vagledning: [index, kanna-igen-tecken, orosanmalan]
    steps:                      # pages of a folder read as numbered steps, consecutive in `order`
      samverkan: [fore-en-planerad-resa, nar-barnet-ar-utomlands, vid-hemkomst]
    start_here:                 # page ids a topic or audience listing shows first
      topics: {child-marriage: [sommarresan]}
      audiences: {police: [polis]}
    print_button: [samverkan/checklistor]   # pages meant for paper: a "Skriv ut sidan" button

Every page must be in `order` exactly once and every entry must name a page or folder under docs/,
so that a new page is never silently last and a renamed one never silently gone. Each problem is one
line naming the file, the line and the fix.
"""
from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from .datafiles import DataFileError, read_yaml_with_lines, shown
from .findings import Finding, dotted
from .vocabulary import terms

FILE_NAME = "navigation.yml"
MAX_START_HERE = 6   # "Börja här" is a short way in, not a second listing
START_HERE_KINDS = {"topics": "topics", "audiences": "audiences"}


@dataclass(frozen=True)
class Navigation:
    """Positions of pages ('samverkan/vid-hemkomst') and folders ('samverkan/') in the editors' order."""

    positions: Mapping[str, int] = field(default_factory=dict)
    steps: Mapping[str, tuple[str, ...]] = field(default_factory=dict)        # folder -> page bases
    start_here: Mapping[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)  # (vocab, term) -> ids
    print_button: frozenset[str] = frozenset()   # page bases

    def position(self, key: str) -> int | None:
        """Where a page (its base) or a folder ('name/') stands in the order; None when not ordered."""
        return self.positions.get(key)

    def sort_key(self, base: str) -> tuple[int, int]:
        """Pages in the editors' order, pages the order does not know (no navigation file) after them."""
        position = self.positions.get(base)
        return (0, position) if position is not None else (1, 0)

    def steps_of(self, base: str) -> tuple[str, ...]:
        """The steps of the folder a page is in (empty when it holds none)."""
        return self.steps.get(posixpath.dirname(base), ())

    def start_here_for(self, vocab: str, term: str) -> tuple[str, ...]:
        return self.start_here.get((vocab, term), ())

    def has_print_button(self, base: str) -> bool:
        return base in self.print_button


def path_beside(docs_dir: str | Path) -> Path:
    """data/navigation.yml beside the docs folder (the fixture site and test corpora carry their own)."""
    return Path(docs_dir).resolve().parent / "data" / FILE_NAME


class _Reader:
    """Reads one navigation file against the pages that exist, collecting findings."""

    def __init__(self, where: str, line_of: Callable[[tuple], int | None], pages: Mapping[str, str],
                 ids: set[str]) -> None:
        self.where, self.line_of, self.pages, self.ids = where, line_of, pages, ids
        self.folders = {posixpath.dirname(base) for base in pages} - {""}
        self.folders |= {posixpath.dirname(folder) for folder in self.folders} - {""}
        self.findings: list[Finding] = []
        self.positions: dict[str, int] = {}
        self.children: dict[str, list[str]] = {}   # folder -> its page bases in order

    def problem(self, at: tuple, message: str, fix: str) -> None:
        self.findings.append(Finding(self.where, self.line_of(at), dotted(at), message, fix))

    def entries(self, value: Any, folder: str, at: tuple) -> None:
        if not isinstance(value, list):
            self.problem(at, "must be a list of page names and folders",
                         "write one '- name' per line, a folder as '- folder:' followed by its own list")
            return
        self.children.setdefault(folder, [])
        for number, entry in enumerate(value):
            here = at + (number,)
            if isinstance(entry, str):
                self.page(entry, folder, here)
            elif isinstance(entry, dict) and len(entry) == 1:
                name, inner = next(iter(entry.items()))
                self.folder(str(name), inner, folder, here + (name,))
            else:
                self.problem(here, "is neither a page name nor one folder with its list",
                             "write '- name' for a page or '- folder:' with its pages indented below")

    def _named(self, name: str, at: tuple) -> bool:
        if not name or "/" in name or name.endswith(".md") or name != name.strip():
            self.problem(at, f"'{name}' is not a file name as this list needs it",
                         "write the name without folder, language or .md (docs/typfall/resan.sv.md is 'resan' under 'typfall:')")
            return False
        return True

    def page(self, name: str, folder: str, at: tuple) -> None:
        base = posixpath.join(folder, name)
        if not self._named(name, at):
            return
        if base in self.positions:
            self.problem(at, f"'{name}' is listed twice", "keep one entry per page")
        elif base not in self.pages:
            self.problem(at, f"'{name}' names no page: there is no docs/{base}.sv.md",
                         "fix the spelling or remove the entry")
        else:
            self.positions[base] = len(self.positions)
            self.children[folder].append(base)

    def folder(self, name: str, inner: Any, parent: str, at: tuple) -> None:
        path = posixpath.join(parent, name)
        entry = at[:-1]   # the line of '- name:', not of its list
        if not self._named(name, entry):
            return
        if path + "/" in self.positions:
            self.problem(entry, f"folder '{name}' is listed twice", "keep one entry per folder")
        elif path not in self.folders:
            self.problem(entry, f"'{name}' names no folder: there is no docs/{path}/",
                         "fix the spelling or remove the entry")
        else:
            self.positions[path + "/"] = len(self.positions)
            self.entries(inner, path, at)

    def missing(self) -> None:
        for base, page_path in sorted(self.pages.items()):
            if base not in self.positions:
                folder, name = posixpath.split(base)
                under = f"under '{folder}:' " if folder else "at the top "
                self.findings.append(Finding(page_path, None, "", f"is not in the navigation order ({self.where})",
                                             f"add '- {name}' {under}in {self.where} where readers should meet it"))

    def steps(self, value: Any) -> dict[str, tuple[str, ...]]:
        found: dict[str, tuple[str, ...]] = {}
        if not isinstance(value, dict):
            self.problem(("steps",), "must map a folder to the list of its step pages",
                         "write 'samverkan: [fore-en-planerad-resa, vid-hemkomst]'")
            return found
        for folder, names in value.items():
            at = ("steps", folder)
            ordered = self.children.get(str(folder))
            if ordered is None:
                self.problem(at, f"'{folder}' is not a folder in 'order'", "name a folder listed under 'order'")
                continue
            if not isinstance(names, list) or len(names) < 2 or not all(isinstance(n, str) for n in names):
                self.problem(at, "must list at least two page names", "write the step pages in reading order")
                continue
            bases = [posixpath.join(str(folder), n) for n in names]
            unknown = [n for n, b in zip(names, bases) if b not in ordered]
            if unknown:
                self.problem(at, f"'{unknown[0]}' is not a page of '{folder}' in 'order'",
                             "list only pages that 'order' puts under this folder")
                continue
            start = ordered.index(bases[0])
            if ordered[start:start + len(bases)] != bases:
                self.problem(at, "the steps are not one after the other, in this order, in 'order'",
                             "put the step pages next to each other in 'order', in step order, so previous/next follow the steps")
                continue
            found[str(folder)] = tuple(bases)
        return found

    def print_button(self, value: Any) -> frozenset[str]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(("print_button",), "must be a list of pages", "write '[samverkan/checklistor]'")
            return frozenset()
        unknown = [v for v in value if v not in self.pages]
        for number, name in enumerate(value):
            if name in unknown:
                self.problem(("print_button", number), f"'{name}' names no page: there is no docs/{name}.sv.md",
                             "write the page's path under docs/ without language and .md, e.g. samverkan/checklistor")
        return frozenset(v for v in value if v not in unknown)

    def start_here(self, value: Any) -> dict[tuple[str, str], tuple[str, ...]]:
        found: dict[tuple[str, str], tuple[str, ...]] = {}
        if not isinstance(value, dict):
            self.problem(("start_here",), "must have 'topics:' and/or 'audiences:'", "see the comment at the top of the file")
            return found
        for kind, lists in value.items():
            at = ("start_here", kind)
            if kind not in START_HERE_KINDS:
                self.problem(at, f"'{kind}' is not 'topics' or 'audiences'", "use topics: or audiences:")
                continue
            if not isinstance(lists, dict):
                self.problem(at, "must map a term to a list of page ids", "write 'child-marriage: [sommarresan]'")
                continue
            known_terms = set(terms(START_HERE_KINDS[kind]))
            for term, ids in lists.items():
                here = at + (term,)
                if term not in known_terms:
                    self.problem(here, f"'{term}' is not one of the {kind} in data/vocabularies.yml",
                                 "use the term's id, e.g. " + sorted(known_terms)[0])
                    continue
                if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
                    self.problem(here, "must be a list of page ids", "write '[sommarresan, orosanmalan]'")
                    continue
                if len(ids) > MAX_START_HERE:
                    self.problem(here, f"lists {len(ids)} pages; 'Börja här' holds at most {MAX_START_HERE}",
                                 "keep the few pages a reader should open first")
                    continue
                bad = [i for i in ids if i not in self.ids] or [i for i in ids if ids.count(i) > 1]
                if bad:
                    self.problem(here, f"'{bad[0]}' is not the id of a page (or is listed twice)",
                                 "use the id: from a page's front matter, once")
                    continue
                found[(START_HERE_KINDS[kind], str(term))] = tuple(ids)
        return found



def read(path: Path, pages: Mapping[str, str], ids: set[str]) -> tuple[Navigation, list[Finding]]:
    """The navigation file at `path` checked against the pages under docs/ (`pages`: base -> the file
    editors see, `ids`: every page id). A missing file is an empty Navigation (MkDocs' own order)."""
    if not path.exists():
        return Navigation(), []
    where = shown(path)
    try:
        value, line_of = read_yaml_with_lines(path)
    except DataFileError as error:
        return Navigation(), [error.finding]
    reader = _Reader(where, line_of, pages, ids)
    if not isinstance(value, dict) or "order" not in value:
        return Navigation(), [Finding(where, 1, "order", "is missing",
                                      "start the file with 'order:' and the list of pages and folders")]
    unknown = sorted(set(value) - {"order", "steps", "start_here", "print_button"})
    for key in unknown:
        reader.problem((key,), f"'{key}' is not a setting of this file",
                       "use order:, steps:, start_here: or print_button:")
    reader.entries(value["order"], "", ("order",))
    reader.missing()
    steps = reader.steps(value["steps"]) if value.get("steps") is not None else {}
    start_here = reader.start_here(value["start_here"]) if value.get("start_here") is not None else {}
    printed = reader.print_button(value["print_button"]) if value.get("print_button") is not None else frozenset()
    return Navigation(reader.positions, steps, start_here, printed), reader.findings
