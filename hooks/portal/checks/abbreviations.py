"""Abbreviations: every abbreviation a page uses is explained.

Explained means: it is in data/glossary.yml (the build then gives every use an `<abbr title>`, see
portal.content.abbreviations), the page defines it (`*[DIGG]: Myndigheten för digital förvaltning`), or its
first use is written out ("Myndigheten för digital förvaltning (DIGG)" or "DIGG (Myndigheten för …)").
An abbreviation here is a word of two or more capital letters. Words that look like one but are not
(roman numerals, names such as "SOS Alarm") are listed in `abbreviations.not_abbreviations`.
"""
from __future__ import annotations

import re
from typing import Any

from ..content import abbreviations as glossary_abbreviations
from ..content import prose
from ..content.corpus import Corpus
from ..content.findings import Finding
from ..content.frontmatter import Document, derivation

NAME = "abbreviations"
TOKEN = re.compile(r"(?<![\w/.-])[A-ZÅÄÖ][A-ZÅÄÖ]+(?:/[A-ZÅÄÖ]+)?(?![\w/])")


def _explained_at(text: str, start: int, end: int) -> bool:
    """'the full name (X)', '(UD KC)' or 'X (the full name)' where the abbreviation is used."""
    before, after = text[:start], text[end:]
    inside = before.rfind("(") > before.rfind(")") and after.find(")") != -1 \
        and (after.find("(") == -1 or after.find(")") < after.find("("))
    return inside or after.lstrip().startswith("(")


def check_document(doc: Document, known: set[str], ignored: set[str]) -> list[Finding]:
    own = glossary_abbreviations.defined_in(doc.body)
    seen: set[str] = set()
    findings = []
    for line in prose.lines(doc):
        if NAME in line.ignore:
            continue
        for match in TOKEN.finditer(line.text):
            token = match.group(0)
            if token in seen or token in known or token in own or token in ignored:
                continue
            seen.add(token)
            if _explained_at(line.text, match.start(), match.end()):
                continue
            findings.append(Finding(
                doc.path, line.number, NAME, f"'{token}' is used without an explanation",
                f"add it to the abbreviations in data/glossary.yml (every page then explains it), or write it out "
                f"where it is first used: 'the full name ({token})'"))
    return findings


def run(corpus: Corpus, config: dict[str, Any]) -> list[Finding]:
    section = (config or {}).get(NAME) or {}
    ignored = {str(word) for word in section.get("not_abbreviations") or []}
    known = {lang: set(glossary_abbreviations.definitions(lang)) for lang in ("sv", "en")}
    names = {lang: derivation("abbreviations", (sorted(words), sorted(ignored))) for lang, words in known.items()}
    findings = []
    for doc in corpus.docs:
        if doc.lang in known:
            findings += doc.derived(names[doc.lang], lambda page: check_document(page, known[page.lang], ignored))
    return findings
