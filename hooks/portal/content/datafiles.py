"""Locations of the project's data files, their one loader, and what must hold for all of them.

Every data file is read by content/strict_yaml.py (no aliases, tags, duplicate keys or deep
nesting) and every text in it must be plain text, addresses https:// only (content/plain_text.py):
glossary definitions, statute names and contact details reach readers' pages and partners' feeds.
A file that breaks a rule stops the build with one line naming the file, the line and the fix.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, TypeVar

from . import plain_text, review, strict_yaml
from .findings import Finding, dotted

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "data"
SCHEMA_PATH = DATA / "frontmatter.schema.json"
VOCABULARIES_PATH = DATA / "vocabularies.yml"
CONTENT_TYPES_PATH = DATA / "content-types.yml"
MAX_DATA_BYTES = 2_000_000   # the largest shipped data file is about 40 KB


class DataFileError(ValueError):
    """A data file that cannot be used; str() is the one line an editor acts on."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.format())
        self.finding = finding


def shown(path: Path) -> str:
    """The path as editors see it: relative to the project when it is inside it."""
    try:
        return Path(path).resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def _read(path: Path) -> tuple[Any, Any]:
    where = shown(path)
    try:
        if path.stat().st_size > MAX_DATA_BYTES:
            raise DataFileError(Finding(where, None, "", f"is larger than {MAX_DATA_BYTES // 1_000_000} MB",
                                        "data files hold short entries; split it or remove pasted content"))
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataFileError(Finding(where, None, "", f"is not UTF-8 (byte {exc.start})", "save it as UTF-8")) from None
    except OSError as exc:
        raise DataFileError(Finding(where, None, "", f"cannot be read ({exc.strerror or exc})",
                                    "check that it exists and that you may read it")) from None
    try:
        return strict_yaml.load(text)
    except strict_yaml.YamlProblem as problem:
        raise DataFileError(Finding(where, problem.line, "", problem.message, problem.fix)) from None


def _line_of(node: Any, path: tuple) -> int | None:
    """1-based line of the deepest node along path in a YAML node tree."""
    line = None
    for part in path:
        if node is None:
            break
        line = node.start_mark.line + 1
        children = node.value if isinstance(node.value, list) else []
        if isinstance(part, int):
            node = children[part] if part < len(children) else None
        else:
            node = next((v for k, v in children if getattr(k, "value", None) == part), None)
    return node.start_mark.line + 1 if node is not None else line


def read_yaml(path: Path) -> Any:
    """A data file's value, read now; raises DataFileError (one line) when it breaks a rule."""
    return read_yaml_with_lines(path)[0]


def read_yaml_with_lines(path: Path) -> tuple[Any, Callable[[tuple], int | None]]:
    """A data file's value and a function giving the line of a field path ('order', 2, 'samverkan'),
    for findings about what the file says; raises DataFileError like read_yaml."""
    value, node = _read(Path(path))
    for where, message, fix in plain_text.problems(value):
        raise DataFileError(Finding(shown(path), _line_of(node, where), dotted(where), message, fix))
    return value, lambda where: _line_of(node, where)


F = TypeVar("F", bound=Callable[..., Any])
_derived: list[Callable[[], None]] = []   # how to empty each cache of what was read or made from data/
_seen: list[tuple[str, int, int]] | None = None


def from_data(function: F) -> F:
    """`function`'s results kept until a file in data/ changes (`refresh`): for values read or made
    from the data files, asked for thousands of times in a build."""
    cached = lru_cache(maxsize=None)(function)
    forget_on_change(cached.cache_clear)
    return cached  # type: ignore[return-value]


def kept_until_data_changes(cache: dict[Any, Any]) -> dict[Any, Any]:
    """A cache of values made with the data files, emptied when one changes (`refresh`)."""
    forget_on_change(cache.clear)
    return cache


def forget_on_change(clear: Callable[[], None]) -> None:
    """Call `clear` when a data file changes (`refresh`)."""
    _derived.append(clear)


def refresh() -> bool:
    """Forget everything read or made from data/ when a file there changed since the last call, so
    that `make serve` shows a data edit without a restart (the build calls this first). True when
    something changed."""
    global _seen
    seen = []
    for path in sorted(DATA.iterdir()) if DATA.is_dir() else []:
        try:
            stat = path.stat()
        except OSError:
            continue
        seen.append((path.name, stat.st_mtime_ns, stat.st_size))
    seen.append(("(the day)", review.today().toordinal(), 0))   # findings such as "a change dated in the future" move with it
    changed = seen != _seen
    if changed:
        for clear in _derived:
            clear()
        _seen = seen
    return changed


# Read once while data/ is unchanged: the build asks for the glossary and vocabularies thousands of times.
load_yaml = from_data(read_yaml)


def check(paths: list[Path] | None = None) -> list[Finding]:
    """Every rule for every data file (or the given ones), as findings instead of an exception."""
    findings = []
    for path in paths if paths is not None else sorted(DATA.glob("*.yml")):
        try:
            load_yaml(path)
        except DataFileError as error:
            findings.append(error.finding)
    return findings


@from_data
def load_schema() -> dict[str, Any]:
    with open(SCHEMA_PATH, encoding="utf-8") as handle:
        return json.load(handle)
