"""Review dates: an approved page past its `next_review` is listed, and is an error once the grace
period in data/checks.yml (`review.grace_days`) is over. An approved page names who reviewed it and
when (the schema requires it too; repeated here so the report and this check stand on their own).
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from ..content import review
from ..content.corpus import Corpus
from ..content.findings import Finding
from ..content.frontmatter import Document

DEFAULT_GRACE_DAYS = 30


@dataclass(frozen=True)
class Overdue:
    doc: Document
    due: datetime.date
    days: int          # days past due
    error: bool        # past the grace period


def grace_days(config: dict[str, Any]) -> int:
    return int(((config or {}).get("review") or {}).get("grace_days", DEFAULT_GRACE_DAYS))


def overdue(docs: list[Document], today: datetime.date, grace: int) -> list[Overdue]:
    found = []
    for doc in docs:
        if review.is_overdue(doc.meta, today):
            due = review.next_review(doc.meta)
            assert due is not None
            days = (today - due).days
            found.append(Overdue(doc, due, days, days > grace))
    return sorted(found, key=lambda o: (o.due, o.doc.path))


def run(corpus: Corpus, config: dict[str, Any], today: datetime.date) -> list[Finding]:
    grace = grace_days(config)
    findings = []
    for item in overdue(corpus.docs, today, grace):
        line = item.doc.line_of(("review", "next_review")) or item.doc.line_of(("review", "last_reviewed"))
        left = grace - item.days
        when = (f"{item.days} days ago, past the {grace}-day grace period" if item.error
                else f"{item.days} day(s) ago; an error in {left} day(s) (grace period {grace} days)")
        findings.append(Finding(item.doc.path, line, "review.next_review", f"review was due {item.due}, {when}",
                                "review the page, then set review.last_reviewed to the review date and remove or "
                                "move review.next_review", "error" if item.error else "warning"))
    for doc in corpus.docs:
        meta = doc.meta.get("review") if isinstance(doc.meta.get("review"), dict) else {}
        if meta.get("status") != "approved":
            continue
        for key, what in (("reviewed_by", "who reviewed it"), ("last_reviewed", "when it was reviewed")):
            if not meta.get(key):
                findings.append(Finding(doc.path, doc.line_of(("review", "status")), f"review.{key}",
                                        f"approved page does not say {what}",
                                        f"add review.{key}, or set review.status back to in_review"))
    return findings
