"""Front matter and structure: the schema, the rules across files, and links to unpublished pages.

The same validation the build runs (portal.content.corpus), plus the production rule that a published page
must not link to a page that is not published (portal.content.draft_links), so the check needs no build.
The content-safety rules, which corpus.load also runs, are reported by their own check.
"""
from __future__ import annotations

from pathlib import Path

from ..publish import build_state
from ..content import draft_links
from ..content.corpus import Corpus
from ..content.findings import Finding
from . import content_safety


def run(corpus: Corpus, docs_dir: Path, root: Path) -> list[Finding]:
    published = build_state.BuildState.create(corpus, "production").published
    safety = set(content_safety.findings_of(corpus, docs_dir, root))
    return [f for f in corpus.findings if f not in safety] + draft_links.check(corpus.docs, published)
