"""Links from published pages to pages the build leaves out (drafts, pages in review)."""
from __future__ import annotations

import posixpath
import re

from .findings import Finding
from .frontmatter import Document

MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^)\s>#]+\.md)(#[^)\s>]*)?>?(?:\s+\"[^\"]*\")?\s*\)")


def _target_base(doc: Document, target: str) -> str | None:
    if "://" in target or target.startswith("/"):
        return None
    path = posixpath.normpath(posixpath.join(posixpath.dirname(doc.rel), target))
    return re.sub(r"(\.(sv|en))?\.md$", "", path)


def check(docs: list[Document], published: set[str]) -> list[Finding]:
    """A published page must not link to a page that is not published."""
    unpublished = {d.base: d for d in docs if d.lang == "sv" and d.rel not in published}
    findings = []
    for doc in docs:
        if doc.rel not in published:
            continue
        for number, line in enumerate(doc.body.splitlines(), start=doc.body_start_line):
            for match in MARKDOWN_LINK.finditer(line):
                target = unpublished.get(_target_base(doc, match.group(1)) or "")
                if target is not None:
                    findings.append(Finding(
                        doc.path, number, "body",
                        f"links to {target.path}, which is not published (review.status: {target.meta.get('review', {}).get('status')})",
                        "remove the link or get the target page approved first"))
    return findings
