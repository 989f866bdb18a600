"""Content safety in `make check`: the rules of portal.content.safety (raw HTML allowlist, no
<script>, inline event handlers, javascript: URLs or iframes, plain page names, a size limit) and of
portal.content.docs_tree (only pages and allowed images in docs/, no links out of it). The build runs
the same rules inside corpus.load; this check reports them under their own name (the front-matter
check leaves them out).
"""
from __future__ import annotations

from pathlib import Path

from ..content import docs_tree, safety
from ..content.corpus import Corpus
from ..content.findings import Finding


def findings_of(corpus: Corpus, docs_dir: Path, root: Path) -> list[Finding]:
    scanned = corpus.scanned
    if scanned is not None and scanned[:2] == (Path(docs_dir).resolve(), Path(root).resolve()):
        findings = list(scanned[2])   # corpus.load scanned the same folder already
    else:
        findings = list(docs_tree.scan(docs_dir, root).findings)
    for doc in corpus.docs:
        findings += safety.check_document(doc)
    # Pages too big to read are not in corpus.docs: their finding is among the corpus' findings.
    findings += [f for f in corpus.findings if f.message.startswith("file is ") and "pages may be at most" in f.message]
    return findings


def run(corpus: Corpus, docs_dir: Path, root: Path) -> list[Finding]:
    return findings_of(corpus, docs_dir, root)
