"""Writing a change entry into a page's file: `make changed PAGE=… KIND=… NOTE=…`, `make new`.

The file is edited as text, line by line, so that the rest of the front matter stays exactly as
the editor wrote it (comments, quoting, order). The result is read back and validated like any
page: an entry the loader would refuse is never written (ChangeEntryError, one line).
"""
from __future__ import annotations

import datetime
import json
import re

from . import changes, corpus, frontmatter, rules, schema_check
from .findings import Finding, errors
from .translation import revision

NOTE_FIRST = {"sv": "Sidan publicerades.", "en": "Page published."}
_DATE_KEY = re.compile(r"^(\s*(?:-\s+)?)date:[ \t]*\S.*$")


class ChangeEntryError(ValueError):
    """Why an entry cannot be written, as one line an editor can act on."""


def entry_text(day: datetime.date, kind: str, note: str, text_revision: str, indent: str = "  ") -> str:
    """One entry of a block list; the note is a double-quoted YAML (JSON) string, so any text stays text."""
    return (f"{indent}- date: {day.isoformat()}\n{indent}  kind: {kind}\n"
            f"{indent}  note: {json.dumps(note, ensure_ascii=False)}\n{indent}  revision: \"{text_revision}\"\n")


def _parse(text: str, path: str) -> frontmatter.Document:
    doc, found = frontmatter.parse(text, path, path)
    if doc is None:
        raise ChangeEntryError(found[0].format())
    return doc


def _first_item_line(doc: frontmatter.Document, lines: list[str]) -> int:
    """0-based index of the line with the dash of changes[0]; refuses a list not written one entry per line."""
    key, item = doc.lines.get(("changes",)), doc.lines.get(("changes", 0))
    if key is None:
        raise ChangeEntryError(f"{doc.path}: changes: the page has no change entry yet "
                               "— add one: give KIND=major and NOTE=\"…\" (what changed)")
    if not isinstance(doc.meta.get("changes"), list) or not item or item == key:
        raise ChangeEntryError(f"{doc.path}:{key}: changes: is not a list with one '- date:' line per entry "
                               "— write it as the other pages do (see CONTRIBUTING.md), then run the command again")
    index = item - 1
    while index > key - 1 and not lines[index].lstrip().startswith("-"):
        index -= 1
    return index


def _verified(new_text: str, path: str) -> str:
    """The new text, if the loader accepts its change history."""
    doc = _parse(new_text, path)
    found: list[Finding] = schema_check.check(doc) + corpus.plain_text_findings(doc) + rules.check_document(doc)
    problems = [f for f in errors(found) if f.field.startswith("changes")]
    if problems:
        raise ChangeEntryError(problems[0].format())
    return new_text


def add(text: str, path: str, day: datetime.date, kind: str, note: str) -> str:
    """The file's text with a new newest entry recording its current text."""
    note = " ".join(note.split())
    if kind not in (changes.MAJOR, changes.MINOR):
        raise ChangeEntryError(f"KIND={kind!r} is not a kind of change — use KIND=major (readers should know about "
                               "it: shown on the page and in the feeds) or KIND=minor (typos, wording)")
    if not note:
        raise ChangeEntryError("NOTE is empty — say in one sentence, in the page's language, what changed")
    doc = _parse(text, path)
    lines = text.splitlines(keepends=True)
    if "changes" in doc.meta:
        at = _first_item_line(doc, lines)
        indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
        lines.insert(at, entry_text(day, kind, note, revision(doc.body), indent))
    else:   # before the closing '---' of the front matter
        lines.insert(doc.body_start_line - 2, "changes:\n" + entry_text(day, kind, note, revision(doc.body)))
    return _verified("".join(lines), path)


def restamp(text: str, path: str, day: datetime.date) -> str:
    """The file's text with the newest entry recording today's date and the current text: for an entry
    that already describes the change (a page about to be published, a correction made the same day)."""
    doc = _parse(text, path)
    lines = text.splitlines(keepends=True)
    _first_item_line(doc, lines)
    date_line = doc.lines.get(("changes", 0, "date"))
    match = _DATE_KEY.match(lines[date_line - 1].rstrip("\r\n")) if date_line else None
    if match is None:
        raise ChangeEntryError(f"{doc.path}:{doc.line_of(('changes', 0))}: changes[0]: its date is not on a "
                               "'date: YYYY-MM-DD' line of its own — write the entry one field per line")
    key_indent = " " * len(match.group(1))
    lines[date_line - 1] = f"{match.group(1)}date: {day.isoformat()}\n"
    current = f'revision: "{revision(doc.body)}"\n'
    revision_line = doc.lines.get(("changes", 0, "revision"))
    if revision_line:
        old = lines[revision_line - 1]
        lines[revision_line - 1] = old[: len(old) - len(old.lstrip(" -"))] + current
    else:
        lines.insert(date_line, key_indent + current)
    return _verified("".join(lines), path)
