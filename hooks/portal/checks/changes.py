"""Change history: every approved page records its text in its newest change entry.

A change to a published text must be described for readers (GOV.UK change notes): the newest entry
of `changes` records the revision of the text it describes (portal.content.changes). When the text
of an approved page no longer has that revision, someone changed it without an entry: the finding
names the file and the command that adds one (`make changed`).
"""
from __future__ import annotations

from ..content import changes
from ..content.corpus import Corpus
from ..content.findings import Finding


def run(corpus: Corpus) -> list[Finding]:
    # A page is judged again only when it changed (`make serve` checks at every save).
    found = (doc.derived("changes.text_changed", changes.text_changed) for doc in corpus.docs)
    return [finding for finding in found if finding is not None]
