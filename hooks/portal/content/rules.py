"""Rules the schema cannot express: file names, sections per type, and rules across files."""
from __future__ import annotations

from collections import defaultdict

from .datafiles import CONTENT_TYPES_PATH, load_yaml
from .draft_links import followable_links
from .findings import Finding
from .frontmatter import Document
from .markdown_text import without_fenced_code
from .review import last_reviewed, next_review, status
from .translation import recorded_revision

def headings(body: str) -> list[str]:
    """The texts of the '## ' headings outside code, without a closing '#' run or attribute list.
    String operations, not a regular expression: a line of spaces or braces must not backtrack."""
    found = []
    for line in without_fenced_code(body).split("\n"):
        if not line.startswith("##") or line[2:3] not in (" ", "\t"):
            continue
        text = line[2:].strip()
        if text.endswith("}") and "{" in text:
            text = text[: text.rfind("{")].rstrip()
        text = text.rstrip("#").rstrip()
        if text:
            found.append(text)
    return found


def check_document(doc: Document) -> list[Finding]:
    """Rules for one page that need its file name or body."""
    findings = []
    if doc.lang is None:
        findings.append(Finding(doc.path, None, "", "file name has no language suffix",
                                "rename it to end in .sv.md (Swedish) or .en.md (English)"))
        return findings
    last, due = last_reviewed(doc.meta), next_review(doc.meta)
    if last and due and due <= last:
        findings.append(Finding(doc.path, doc.line_of(("review", "next_review")), "review.next_review",
                                f"{due} is not after last_reviewed {last}", "set a later date or remove it (default: 12 months later)"))
    if doc.lang == "sv" and "translation" in doc.meta:
        findings.append(Finding(doc.path, doc.line_of(("translation",)), "translation",
                                "only English pages record a translation", "remove it from the Swedish page"))
    if doc.lang == "en" and recorded_revision(doc) is None and "translation" not in doc.meta:
        findings.append(Finding(doc.path, 2, "translation.source_revision",
                                "English page does not record which Swedish version it translates",
                                f"add 'translation: {{source_revision: …}}' (run `make revision PAGE=docs/{doc.base}.sv.md`)"))
    page_type = doc.meta.get("type")
    required = ((load_yaml(CONTENT_TYPES_PATH).get(page_type) if isinstance(page_type, str) else None) or {}).get(doc.lang, [])
    present = {h.casefold() for h in headings(doc.body)}
    for section in required:
        if section.casefold() not in present:
            findings.append(Finding(doc.path, doc.body_start_line, "body",
                                    f"section '## {section}' is missing for type {doc.meta.get('type')}",
                                    f"add a '## {section}' heading (see data/content-types.yml)"))
    return findings


def check_corpus(docs: list[Document]) -> list[Finding]:
    """Rules across pages: unique ids per language, and English pages that match a Swedish one."""
    findings = check_typology_links(docs)
    by_lang_id: dict[tuple, list[Document]] = defaultdict(list)
    swedish = {d.base: d for d in docs if d.lang == "sv"}
    for doc in docs:
        if isinstance(doc.meta.get("id"), str) and doc.lang:
            by_lang_id[(doc.lang, doc.meta["id"])].append(doc)
    for (lang, page_id), same in sorted(by_lang_id.items()):
        for doc in same[1:]:
            findings.append(Finding(doc.path, doc.line_of(("id",)), "id",
                                    f"'{page_id}' is already used by {same[0].path}", "give this page its own id"))
    for doc in docs:
        if doc.lang != "en":
            continue
        original = swedish.get(doc.base)
        if original is None:
            findings.append(Finding(doc.path, None, "", f"English page has no Swedish original docs/{doc.base}.sv.md",
                                    "write the Swedish page first, or rename this file to match it"))
        elif original.meta.get("id") != doc.meta.get("id"):
            findings.append(Finding(doc.path, doc.line_of(("id",)), "id",
                                    f"'{doc.meta.get('id')}' differs from the Swedish page's id '{original.meta.get('id')}'",
                                    "use the same id in both language versions"))
        elif original.meta.get("type") != doc.meta.get("type"):
            findings.append(Finding(doc.path, doc.line_of(("type",)), "type",
                                    f"'{doc.meta.get('type')}' differs from the Swedish page's type '{original.meta.get('type')}'",
                                    "use the same type in both language versions"))
    return findings


# A typology is read as a case: the reader needs the law that applies and the guidance on what to do
# next, so an approved one links at least one page of each kind (issue 13).
TYPOLOGY_NEEDS = {"legal": ("legal summary", "lagstiftning/"),
                  "guidance": ("guidance or joint-guidance page", "vagledning/ or samverkan/")}


def check_typology_links(docs: list[Document]) -> list[Finding]:
    """An approved typology that links no legal summary, or no guidance, in its own language."""
    kind_of = {d.base: ("guidance" if d.meta.get("type") == "joint-guidance" else d.meta.get("type"))
               for d in docs if d.lang == "sv"}
    findings = []
    for doc in docs:
        if doc.meta.get("type") != "typology" or status(doc.meta) != "approved":
            continue
        linked = {kind_of.get(base) for base, _ in followable_links(doc)}
        for kind, (what, where) in TYPOLOGY_NEEDS.items():
            if kind not in linked:
                findings.append(Finding(doc.path, doc.body_start_line, "body",
                                        f"approved typology links to no {what}",
                                        f"link the page in {where} that the case turns on, e.g. under the section on the law"))
    return findings
