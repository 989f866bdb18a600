"""Links from published pages to pages the build leaves out (drafts, pages in review)."""
from __future__ import annotations

import posixpath
import re
from .findings import Finding
from .frontmatter import Document
from .prose import code_free_lines

MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^)\s>#]+\.md)(#[^)\s>]*)?>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE_LINK = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?([^\s>#]+\.md)(#[^\s>]*)?", re.M)   # [name]: x.md#id
HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)


def target_base(doc: Document, target: str) -> str | None:
    """The page a relative link of `doc` names, as a base without language and suffix (None if external)."""
    if "://" in target or target.startswith("/"):
        return None
    path = posixpath.normpath(posixpath.join(posixpath.dirname(doc.rel), target))
    return re.sub(r"(\.(sv|en))?\.md$", "", path)


def followable_links(doc: Document) -> list[tuple[str, str]]:
    """(page base, anchor without '#') of each link a reader can follow: inline or reference-style, not in
    HTML comments or code."""
    return doc.derived("followable_links", _followable_links)


def _followable_links(doc: Document) -> list[tuple[str, str]]:
    body = "\n".join(line for _, line in code_free_lines(HTML_COMMENT.sub("", doc.body), doc.body_start_line))
    found = []
    for match in [*MARKDOWN_LINK.finditer(body), *REFERENCE_LINK.finditer(body)]:
        base = target_base(doc, match.group(1))
        if base is not None:
            found.append((base, (match.group(2) or "#")[1:]))
    return found


def _linked_lines(doc: Document) -> list[tuple[int, str]]:
    """(line, page base) of every Markdown link in the body, worked out once per page."""
    return [(number, base) for number, line in enumerate(doc.body.splitlines(), start=doc.body_start_line)
            for match in MARKDOWN_LINK.finditer(line)
            for base in [target_base(doc, match.group(1)) or ""]]


def check(docs: list[Document], published: set[str]) -> list[Finding]:
    """A published page must not link to a page that is not published."""
    unpublished = {d.base: d for d in docs if d.lang == "sv" and d.rel not in published}
    findings = []
    for doc in docs:
        if doc.rel not in published:
            continue
        for number, base in doc.derived("linked_lines", _linked_lines):
            target = unpublished.get(base)
            if target is not None:
                findings.append(Finding(
                    doc.path, number, "body",
                    f"links to {target.path}, which is not published (review.status: {target.meta.get('review', {}).get('status')})",
                    "remove the link or get the target page approved first"))
    return findings
