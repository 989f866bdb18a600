"""Front matter and structure: the schema, the rules across files, and links to unpublished pages.

The same validation the build runs (portal.corpus), plus the production rule that a published page
must not link to a page that is not published (portal.draft_links), so the check needs no build.
"""
from __future__ import annotations

from .. import build_state, draft_links
from ..corpus import Corpus
from ..findings import Finding


def run(corpus: Corpus) -> list[Finding]:
    published = build_state.BuildState.create(corpus, "production").published
    return list(corpus.findings) + draft_links.check(corpus.docs, published)
