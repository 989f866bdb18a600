"""Translations: every Swedish page has an English page or is listed as untranslated, with a reason,
in data/checks.yml (`translations.untranslated`, keyed by the Swedish file under docs/). An English page
whose recorded `translation.source_revision` no longer matches the Swedish text is out of date: the
build shows a notice on it, this check lists it (a warning) with the command that records an update.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..content.corpus import Corpus
from ..content.findings import Finding
from ..content.frontmatter import Document
from ..content.translation import is_out_of_date, recorded_revision, revision

CONFIG_FILE = "data/checks.yml"


@dataclass
class Status:
    untranslated: list[tuple[Document, str]] = field(default_factory=list)   # listed, with the reason
    missing: list[Document] = field(default_factory=list)                    # neither translated nor listed
    out_of_date: list[tuple[Document, Document]] = field(default_factory=list)  # (English, Swedish)
    stale_entries: list[tuple[str, str]] = field(default_factory=list)       # (entry, why it is stale)


def listed(config: dict[str, Any]) -> dict[str, str]:
    """`translations.untranslated` as {Swedish file relative to docs/: reason}."""
    entries = ((config or {}).get("translations") or {}).get("untranslated") or {}
    return {str(key).removeprefix("docs/"): " ".join(str(value or "").split()) for key, value in entries.items()}


def status(corpus: Corpus, config: dict[str, Any]) -> Status:
    swedish, english = corpus.by_base("sv"), corpus.by_base("en")
    entries = listed(config)
    result = Status()
    for base, doc in sorted(swedish.items()):
        if base in english:
            if doc.rel in entries:
                result.stale_entries.append((doc.rel, f"docs/{base}.en.md exists"))
            elif is_out_of_date(english[base], doc):
                result.out_of_date.append((english[base], doc))
        elif doc.rel in entries:
            result.untranslated.append((doc, entries[doc.rel]))
        else:
            result.missing.append(doc)
    known = {doc.rel for doc in swedish.values()}
    result.stale_entries += [(rel, "no such Swedish page") for rel in sorted(entries) if rel not in known]
    return result


def run(corpus: Corpus, config: dict[str, Any]) -> list[Finding]:
    state = status(corpus, config)
    findings = []
    for doc in state.missing:
        findings.append(Finding(doc.path, None, "translation", f"no English page docs/{doc.base}.en.md",
                                f"translate it (the English file records `make revision PAGE={doc.path}`), or list "
                                f"'{doc.rel}: <reason>' under translations.untranslated in {CONFIG_FILE}"))
    for doc, reason in state.untranslated:
        if not reason:
            findings.append(Finding(CONFIG_FILE, None, "translations.untranslated",
                                    f"{doc.rel} is listed as untranslated without a reason",
                                    "say why it is not translated (e.g. 'only relevant in Swedish')"))
    for entry, why in state.stale_entries:
        findings.append(Finding(CONFIG_FILE, None, "translations.untranslated", f"{entry} is listed as untranslated but {why}",
                                "remove the entry"))
    for english, swedish in state.out_of_date:
        findings.append(Finding(english.path, english.line_of(("translation", "source_revision")),
                                "translation.source_revision",
                                f"out of date: translates Swedish revision {recorded_revision(english)}, "
                                f"{swedish.path} is now {revision(swedish.body)}",
                                f"update the English text to match the Swedish changes, then run "
                                f"`make mark-translated PAGE={english.path}`", "warning"))
    return findings
