"""A page's change history (`changes` in the front matter), as GOV.UK keeps change notes.

Each language file lists its own changes, newest first, with notes in its own language. A change
is `major` (readers should know: listed under "Ändringar" / "Page history", dated "Senast ändrad" /
"Last updated", an entry in the feeds) or `minor` (typos, wording: recorded, not shown), as GOV.UK
does for minor changes. The oldest entry says when the page was first published.

Each entry may record `revision`: the revision (content/translation.py) of the text after that
change. `make check` compares the newest entry's revision with the text of every approved page, so
that a change to a published text without an entry is caught (text_changed below).
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from .findings import Finding
from .frontmatter import Document
from .review import status
from .translation import revision

MAJOR, MINOR = "major", "minor"


@dataclass(frozen=True)
class Change:
    date: datetime.date
    kind: str
    note: str
    revision: str | None = None


def _date(value: Any) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _items(meta: dict[str, Any]) -> list[Any]:
    value = meta.get("changes")
    return value if isinstance(value, list) else []


def history(meta: dict[str, Any]) -> list[Change]:
    """The entries as written (newest first); entries the schema rejects are left out."""
    found = []
    for item in _items(meta):
        day = _date(item.get("date")) if isinstance(item, dict) else None
        if day is None or item.get("kind") not in (MAJOR, MINOR) or not isinstance(item.get("note"), str):
            continue
        recorded = item.get("revision")
        found.append(Change(day, item["kind"], item["note"], recorded if isinstance(recorded, str) else None))
    return found


def major(meta: dict[str, Any]) -> list[Change]:
    """The changes readers see, newest first."""
    return [change for change in history(meta) if change.kind == MAJOR]


def first_published(meta: dict[str, Any]) -> datetime.date | None:
    dates = [change.date for change in history(meta)]
    return min(dates) if dates else None


def last_updated(meta: dict[str, Any]) -> datetime.date | None:
    """The date of the newest major change (a minor one does not make a page 'updated', as on GOV.UK)."""
    dates = [change.date for change in major(meta)]
    return max(dates) if dates else None


def check(doc: Document, today: datetime.date) -> list[Finding]:
    """What the schema cannot say: no date in the future, the newest entry first."""
    findings = []
    newer: tuple[int, datetime.date] | None = None
    for index, item in enumerate(_items(doc.meta)):
        day = _date(item.get("date")) if isinstance(item, dict) else None
        if day is None:
            continue   # the schema reports it
        where = ("changes", index, "date")
        if day > today:
            findings.append(Finding(doc.path, doc.line_of(where), f"changes[{index}].date",
                                    f"{day} is in the future", "give the date the change is published (today or earlier)"))
        if newer is not None and day > newer[1]:
            findings.append(Finding(doc.path, doc.line_of(where), f"changes[{index}].date",
                                    f"{day} is newer than changes[{newer[0]}] ({newer[1]})",
                                    "list the newest change first"))
        newer = (index, day)
    return findings


def text_changed(doc: Document) -> Finding | None:
    """An approved page whose text is not the one its newest change entry records, or None."""
    if status(doc.meta) != "approved":
        return None
    current = revision(doc.body)
    command = f"make changed PAGE={doc.path} KIND=minor NOTE=\"…\""
    entries = history(doc.meta)
    if not entries:
        return Finding(doc.path, doc.line_of(("changes",)) or 2, "changes",
                       "approved page has no change history",
                       f"add the first entry: make changed PAGE={doc.path} KIND=major NOTE=\"…\"")
    recorded = entries[0].revision
    if recorded == current:
        return None
    what = (f"the text has changed since the newest change entry (revision {recorded}, now {current})" if recorded
            else "the newest change entry does not record which text it describes")
    return Finding(doc.path, doc.line_of(("changes", 0)), "changes[0].revision", what,
                   f"describe the change: `{command}` (KIND=major when readers should know about it); if "
                   f"changes[0] already describes it, `make changed PAGE={doc.path}` records today's text and date in it")
