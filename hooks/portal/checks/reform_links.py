"""Law reforms (data/reforms.yml): the file is usable, its status is not left to go stale, and every
page that mentions a pending reform links the list of law changes, where the reader finds its status.

A reform moves on (a bill is decided, a date of entry into force passes) without any page changing.
Pages therefore state the law and link the reform list for what is pending; the list is generated from
the file (publish/reforms.py), so one update of the file updates what every reader sees.

Rules (errors unless said otherwise):
- `reform-data`: each problem publish/reforms.py finds in the file; an SFS number in a reform's
  references or summary that is not in data/statutes.yml; a page in `pages`, `affects` or
  `page_issues` that does not exist; a pending reform while no page lists the reforms
  (`listing: {of: reforms}`).
- `reform-not-linked`: a reform with status inquiry, proposed or passed, and a page that is in its
  `pages` or whose text (title, description, headings, paragraphs, lists, tables) cites one of its
  references ("prop. 2025/26:154", "SOU 2025:59", "Dir. 2024:8"), but does not link the reform list.
- `reform-page-not-listed`: such a page cites the reference but is in no `pages` list of a pending
  reform with that reference, so the list does not link back to it.
- `reform-anchor` (warning): the page links the list without the reform's anchor
  (`lagandringar.md#kusinaktenskap-forbud`), so the reader lands at the top of a long list.
- `reform-stale` (warning): the status was checked more than STALE_DAYS ago; or, for an entry marked
  `status_verified: true`, a date in it has passed that means a later stage (a passed reform whose
  `in_force` or `proposed_in_force` date is past, a proposal whose `proposed_in_force` is past).
  Unverified entries already say so on the page.

An exception lists a page (path under docs/ without .sv.md/.en.md) and a reference it may cite without
linking, with the reason, under `reform-links: exceptions:` in data/checks.yml.
"""
from __future__ import annotations

import datetime
import posixpath
import re
from pathlib import Path
from typing import Any

from ..content.corpus import Corpus
from ..content.draft_links import followable_links
from ..content.findings import Finding
from ..content.frontmatter import Document, derivation
from ..publish import reforms as reform_data
from . import statutes
from .law_status import sentences

NAME = "reform-links"
STALE_DAYS = 183   # six months, as for help lines: a pending reform can be decided in that time
FILE = "data/reforms.yml"


def reference_pattern(reference: str) -> re.Pattern[str]:
    """'prop. 2025/26:154' as pages write it: any case, with or without the dot, one or more spaces."""
    kind, _, number = reference.strip().partition(" ")
    if not number:
        return re.compile(rf"(?<![\w/]){re.escape(reference)}(?![\w/:])", re.I)
    return re.compile(rf"(?<![\w/]){re.escape(kind.rstrip('.'))}\.?\s+{re.escape(number.strip())}(?![\w/:])", re.I)


def list_page(corpus: Corpus) -> str | None:
    """The page (path without suffix) whose front matter asks for the reform list."""
    for doc in corpus.docs:
        listing = doc.meta.get("listing")
        if isinstance(listing, dict) and listing.get("of") == "reforms":
            return doc.base
    return None


def _linked_anchors(doc: Document, target: str) -> set[str] | None:
    """The anchors of the page's links to `target` ('' for a link without one); None when it has none."""
    anchors = {anchor for base, anchor in followable_links(doc) if base == target}
    return anchors or None


def _data_problems(reforms: list[reform_data.Reform], corpus: Corpus, list_base: str | None) -> list[Finding]:
    registry, _ = statutes.load_registry()
    bases = {doc.base for doc in corpus.docs if doc.lang == "sv"}
    findings = []
    for reform in reforms:
        where = f"{reform.id}"
        texts = list(reform.references) + [reform.summary["sv"], reform.summary["en"]]
        cited = {c.reference for text in texts for c in statutes.text_citations(text, FILE, reform.line, where)[0]}
        for reference in sorted(cited - set(registry)):
            findings.append(Finding(FILE, reform.line, where, f"{reference} is not in the statute registry",
                                    f"add it to {statutes.REGISTRY_LABEL} (the reform file follows its header rule)"))
        for key, pages in (("pages", reform.pages), ("affects", reform.affects), ("page_issues", reform.issue_pages)):
            for page in pages:
                if page not in bases:
                    findings.append(Finding(FILE, reform.line, f"{where}.{key}", f"'{page}' is not a page under docs/",
                                            "write the path under docs/ without .sv.md, e.g. typfall/kusinaktenskap"))
    if list_base is None and any(reform.pending for reform in reforms):
        findings.append(Finding(FILE, None, "reforms", "no page lists the reforms",
                                "create docs/lagstiftning/lagandringar.sv.md and .en.md with listing: {of: reforms}"))
    return findings


def _stale(reform: reform_data.Reform, today: datetime.date) -> list[Finding]:
    findings, dates = [], reform.dates
    checked = dates.get("checked")
    if checked and (today - checked).days > STALE_DAYS and reform.status != "in_force":
        findings.append(Finding(FILE, reform.line, f"{reform.id}.checked", f"reform-stale: status last checked {checked}, "
                                f"more than six months ago", "check it in the primary sources and update status and "
                                "checked", "warning"))
    if not reform.status_verified:
        return findings
    due = {"passed": dates.get("in_force") or dates.get("proposed_in_force"),
           "proposed": dates.get("proposed_in_force")}.get(reform.status)
    if due and due <= today:
        findings.append(Finding(FILE, reform.line, f"{reform.id}.status", f"reform-stale: status {reform.status}, but "
                                f"the date {due} in the entry has passed", "check whether it was decided or came into "
                                "force; update status (or set status_verified: false with a note)", "warning"))
    return findings


def _exceptions(config: dict[str, Any] | None) -> list[dict[str, Any]]:
    section = (config or {}).get(NAME) or {}
    return [e for e in section.get("exceptions") or [] if isinstance(e, dict)]


def _relative(doc: Document, base: str) -> str:
    """The Markdown link from `doc` to the page `base`: '../lagstiftning/lagandringar.md'."""
    return posixpath.relpath(f"{base}.md", posixpath.dirname(doc.rel) or ".")


def _page_problems(doc: Document, pending: list[reform_data.Reform], list_base: str,
                   excepted: set[str]) -> list[Finding]:
    """What one page owes the reform list: to be listed where it cites a reform, and to link it."""
    text = [(s.line, s.text) for s in sentences(doc)]
    cited: dict[str, int] = {}                  # reference -> first line that cites it
    for reference in sorted({ref for reform in pending for ref in reform.references} - excepted):
        pattern = reference_pattern(reference)
        line = next((number for number, sentence in text if pattern.search(sentence)), None)
        if line is not None:
            cited[reference] = line
    findings: list[Finding] = []
    owed: dict[str, tuple[int | None, list[reform_data.Reform]]] = {}   # what to link: line, any of these
    for reform in pending:
        if doc.base in reform.pages:
            lines = [cited[ref] for ref in reform.references if ref in cited]
            owed[reform.id] = (min(lines) if lines else None, [reform])
    for reference, line in cited.items():
        sharing = [reform for reform in pending if reference in reform.references]
        if any(doc.base in reform.pages for reform in sharing):
            continue
        names = " or ".join(reform.id for reform in sharing)
        findings.append(Finding(doc.path, line, "body", f"reform-page-not-listed: cites {reference} (reform {names}), "
                                f"but {FILE} does not list {doc.base} under the reform's pages",
                                f"add {doc.base} to pages of {sharing[0].id} in {FILE}, so the list links back"))
        owed.setdefault(reference, (line, sharing))
    if not owed:
        return findings
    anchors = _linked_anchors(doc, list_base)
    link = _relative(doc, list_base)
    for line, reforms in owed.values():
        first = reforms[0]
        if anchors is None:
            findings.append(Finding(doc.path, line, "body",
                                    f"reform-not-linked: mentions {first.id} ({', '.join(first.references)}; status "
                                    f"{first.status}) but does not link the list of law changes, where its status is kept",
                                    f"add a sentence with a link such as [Lagändringar på gång]({link}#{first.id}) "
                                    f"(en: [Law changes in progress]({link}#{first.id}))"))
        elif not anchors & {reform.id for reform in reforms}:
            findings.append(Finding(doc.path, line, "body", f"reform-anchor: links the list of law changes without "
                                    f"the anchor of {first.id}", f"link {link}#{first.id}", "warning"))
    return findings


def run(corpus: Corpus, today: datetime.date, config: dict[str, Any], root: Path) -> list[Finding]:
    reforms, findings = reform_data.load(root / "data" / "reforms.yml")
    list_base = list_page(corpus)
    findings += _data_problems(reforms, corpus, list_base)
    for reform in reforms:
        findings += _stale(reform, today)
    pending = [reform for reform in reforms if reform.pending]
    if list_base is None or not pending:
        return findings
    exceptions = _exceptions(config)
    base_name = derivation("reform_links", (pending, list_base))
    used: set[int] = set()
    for doc in corpus.docs:
        if doc.base == list_base:
            continue
        mine = [i for i, e in enumerate(exceptions) if e.get("page") == doc.base]
        used.update(mine)
        excepted = {str(exceptions[i].get("reference")) for i in mine}
        name = base_name if not excepted else derivation(base_name, sorted(excepted))
        findings += doc.derived(name, lambda page: _page_problems(page, pending, list_base, excepted))
    for i, exception in enumerate(exceptions):
        if i not in used or not exception.get("reason"):
            findings.append(Finding("data/checks.yml", None, f"{NAME}.exceptions[{i + 1}]",
                                    f"exception {exception.get('page')} / {exception.get('reference')} "
                                    + ("names no page under docs/" if i not in used else "gives no reason"),
                                    "write page (path under docs/ without .sv.md), reference and reason, or remove it"))
    return findings
