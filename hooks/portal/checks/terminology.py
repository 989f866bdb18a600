"""Terminology: terms data/glossary.yml marks as deprecated, per language; a finding names the
preferred term.

Not a finding: the glossary page itself (`terminology.skip_pages`), code, quotations (block quotes and
text in quotation marks), a sentence that explains the old term (it contains one of
`terminology.explanation_cues`, e.g. "hette tidigare", "formerly"), a line marked
`<!-- ignore-check: terminology -->`, and a page/term pair listed with a reason in
`terminology.exceptions`. Inflected forms are found too (each word of the term as a word start).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..content import glossary, prose
from ..content.corpus import Corpus
from ..content.findings import Finding
from ..content.frontmatter import Document, derivation

NAME = "terminology"
DEFAULT_SKIP = ["ordlista/index"]
DEFAULT_CUES = {
    "sv": ["tidigare", "hette", "kallades", "förr", "ersatte", "bytte namn", "gamla", "äldre"],
    "en": ["formerly", "previously", "was called", "used to be called", "renamed", "replaced", "earlier", "old term"],
}
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")


@dataclass(frozen=True)
class Deprecated:
    term: str
    preferred: str
    pattern: re.Pattern[str]


def deprecated_terms(lang: str, data: dict[str, Any] | None = None) -> list[Deprecated]:
    data = data if data is not None else glossary.load()
    found = []
    for entry in data.get("terms", []):
        version = entry.get(lang) or {}
        for term in version.get("deprecated") or []:
            words = [re.escape(word) + r"\w*" for word in term.split()]
            pattern = re.compile(r"(?<!\w)" + r"\s+".join(words), re.I)
            found.append(Deprecated(term, version["term"], pattern))
    return sorted(found, key=lambda d: -len(d.term))


def _settings(config: dict[str, Any]) -> tuple[set[str], dict[str, list[str]], set[tuple[str, str]], list[Finding]]:
    section = (config or {}).get(NAME) or {}
    skip = {str(page).removeprefix("docs/") for page in section.get("skip_pages", DEFAULT_SKIP)}
    cues = {**DEFAULT_CUES, **(section.get("explanation_cues") or {})}
    exceptions, problems = set(), []
    for number, entry in enumerate(section.get("exceptions") or [], start=1):
        entry = entry if isinstance(entry, dict) else {}
        if not entry.get("page") or not entry.get("term") or not str(entry.get("reason") or "").strip():
            problems.append(Finding("data/checks.yml", None, f"terminology.exceptions[{number}]",
                                    "an exception needs page, term and reason", "add the missing field"))
            continue
        exceptions.add((str(entry["page"]).removeprefix("docs/"), str(entry["term"]).casefold()))
    return skip, cues, exceptions, problems


def _explains(sentence: str, cues: list[str]) -> bool:
    return any(re.search(r"(?<!\w)" + re.escape(cue) + r"(?!\w)", sentence, re.I) for cue in cues)


def check_document(doc: Document, terms: list[Deprecated], cues: list[str],
                   exceptions: set[tuple[str, str]] = frozenset()) -> list[Finding]:  # type: ignore[assignment]
    findings = []
    for line in prose.lines(doc):
        if line.kind == "quote" or NAME in line.ignore:
            continue
        text = prose.without_quotations(line.text)
        for sentence in _SENTENCE_END.split(text):
            for item in terms:
                match = item.pattern.search(sentence)
                if not match or (doc.rel, item.term.casefold()) in exceptions or _explains(sentence, cues):
                    continue
                findings.append(Finding(
                    doc.path, line.number, NAME, f"'{match.group(0)}' is a deprecated term",
                    f"write '{item.preferred}' instead (data/glossary.yml); if the old term is mentioned on "
                    f"purpose, quote it or add <!-- ignore-check: {NAME} --> to the line"))
                sentence = sentence.replace(match.group(0), " " * len(match.group(0)))
    return findings


def run(corpus: Corpus, config: dict[str, Any]) -> list[Finding]:
    skip, cues, exceptions, findings = _settings(config)
    terms = {lang: deprecated_terms(lang) for lang in ("sv", "en")}
    settings = {lang: (terms[lang], cues.get(lang, []), exceptions) for lang in terms}
    names = {lang: derivation("terminology", given) for lang, given in settings.items()}
    for doc in corpus.docs:
        if doc.lang in terms and doc.base not in skip:
            findings += doc.derived(names[doc.lang], lambda page: check_document(page, *settings[page.lang]))
    return findings
