"""Phone numbers: a page writes only numbers of verified help lines in data/contacts.yml, never an
unverified or unknown one; a verified line is checked against its source at least every six months.

Readers dial these numbers while something is happening: a number typed into a page by hand, or
one whose operator changed it, costs them the call. The help-line boxes the templates show come
from the same file (portal.content.contacts), with tel: links and opening hours.
"""
from __future__ import annotations

import datetime

from ..content import contacts
from ..content.corpus import Corpus
from ..content.findings import Finding
from ..content.frontmatter import Document
from ..content.markdown_text import without_code

FILE = "data/contacts.yml"


def _numbers(doc: Document) -> list[tuple[int, str]]:
    """(line, number as written) of every phone number in the page's text outside code."""
    text = without_code(doc.body)
    return [(doc.body_start_line + text.count("\n", 0, offset), number) for offset, number in contacts.numbers_in(text)]


def run(corpus: Corpus, today: datetime.date) -> list[Finding]:
    findings = []
    known, unverified = contacts.verified_numbers(), contacts.unverified_numbers()
    for doc in corpus.docs:
        for line, number in doc.derived("contacts.numbers", _numbers):
            dialled = contacts.digits(number)
            if dialled in known:
                continue
            if dialled in unverified:
                findings.append(Finding(doc.path, line, "body", f"{number} is a help line not yet verified in {FILE}",
                                        "remove it until an editor has checked it on the operator's own page"))
            else:
                findings.append(Finding(doc.path, line, "body", f"phone number {number} is not in {FILE}",
                                        f"add the line to {FILE} with its operator's page as source, or remove it"))
    for line_id, checked in contacts.stale(today):
        findings.append(Finding(FILE, None, f"{line_id}.checked",
                                f"last checked {checked}, more than six months ago",
                                "check number and opening hours on the operator's page, then update checked",
                                "warning"))
    return findings
