"""Legal references: every statute a page cites is in the statute registry (data/statutes.yml), and
every reference is written in the canonical form.

Where statutes are cited:
- front matter `statutes[].reference` (must be a registry reference, exactly),
- front matter `sources[]`: a `reference` that is an SFS number, and SFS numbers in the `title`,
- the text: "SFS 1962:700", and a statute's name with its number in brackets, as Swedish legal
  writing does: "lagen (1982:316)", "brottsbalken (1962:700)", "förordning (2022:1345)",
  "Act (2018:1197)", "Code (1962:700)". A number in brackets after another word is not taken for a
  statute ("Strukturer för stöd (2020:8)" is a report).

Errors: an SFS number in a wrong form ("SFS1962:700", "SFS 1962-700", "SFS nr 1962:700",
"Act 2014:381" without brackets), a statute missing from the registry, and registry entries that are
incomplete, duplicated, not in canonical form or without an https URL on an official host, and dates
that cannot be used: an `in_force` or `repealed` that is not a YYYY-MM-DD date (the old `repealed: true`
included), a repeal before the entry into force, a `replaced_by` without a repeal or naming a statute
that is not listed, a missing `in_force` without a `note` saying why, and unknown fields. What the dates
mean for pages is checked in law_status.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..content.corpus import Corpus
from ..content.findings import Finding
from ..content.prose import code_free_lines
from ..content.frontmatter import Document
# The registry itself is content (the build links statute texts from it); re-exported for the checks.
from ..content.statute_registry import (CANONICAL_SFS, OFFICIAL_HOSTS, REGISTRY_LABEL, REGISTRY_PATH,  # noqa: F401
                                        SFS_NUMBER, Statute, load_registry)

NAME = "statutes"
# "SFS 1962:700" in running text.
SFS_IN_TEXT = re.compile(rf"(?<![\w-])SFS {SFS_NUMBER}(?![\d:])")
# Anything that tries to be an SFS reference: SFS, optional "nr", a year, a separator, a number.
SFS_LIKE = re.compile(r"(?<![\w-])SFS\s*(?:nr\.?\s*)?\d{4}\s*[:.\-/ ]\s*\d+(?:\s*s\.\s*\d+)?", re.I)
# A statute's name followed by its number in brackets.
LAW_WORD = (r"(?:\w*(?:lag|lagen|lagar|balk|balken|förordning|förordningen|kungörelse|kungörelsen)"
            r"|Act|Code|Ordinance|Decree)")
NAMED = re.compile(rf"(?<!\w)({LAW_WORD})\s+\(\s*(\d{{4}})\s*:\s*(\d+)(?:\s+s\.\s*(\d+))?\s*\)", re.I)
NAMED_CANONICAL = re.compile(rf"\({SFS_NUMBER}\)$")
# A statute's name followed by a number without brackets: "Act 2014:381", "lag 2014:381".
NAMED_BARE = re.compile(rf"(?<!\w)({LAW_WORD})\s+(\d{{4}}:\d+)(?![\d:])", re.I)


@dataclass(frozen=True)
class Citation:
    reference: str       # canonical reference ("SFS 1962:700") or as written
    path: str
    line: int | None
    where: str           # "statutes", "sources", "body"
    item: int | None = None                  # index in front matter `statutes` or `sources`
    span: tuple[int, int] | None = None      # where in the text it was written


def sfs_reference(year: str, number: str, part: str | None = None) -> str:
    return f"SFS {year}:{int(number)}" + (f" s.{int(part)}" if part else "")


def text_citations(text: str, path: str, line: int | None, where: str,
                   item: int | None = None) -> tuple[list[Citation], list[Finding]]:
    """The statutes cited in a piece of text (with where each is written), and the wrong forms."""
    citations, findings = [], []
    for match in SFS_LIKE.finditer(text):
        written = match.group(0)
        canonical = SFS_IN_TEXT.fullmatch(written)
        if canonical:
            citations.append(Citation(sfs_reference(*canonical.groups()), path, line, where, item, match.span()))
            continue
        digits = re.findall(r"\d+", written)
        suggestion = f"SFS {digits[0]}:{digits[1]}" + (f" s.{digits[2]}" if len(digits) > 2 else "")
        findings.append(Finding(path, line, NAME, f"'{written}' is not written in the canonical form",
                                f"write {suggestion}"))
    for match in NAMED.finditer(text):
        year, number, part = match.group(2), match.group(3), match.group(4)
        bracket = match.group(0)[len(match.group(1)):].strip()
        if not NAMED_CANONICAL.match(bracket):
            findings.append(Finding(path, line, NAME, f"'{match.group(0)}' is not written in the canonical form",
                                    f"write {match.group(1)} ({year}:{int(number)}{f' s.{int(part)}' if part else ''})"))
        citations.append(Citation(sfs_reference(year, number, part), path, line, where, item, match.span()))
    for match in NAMED_BARE.finditer(text):
        findings.append(Finding(path, line, NAME, f"'{match.group(0)}': the SFS number needs brackets or 'SFS'",
                                f"write {match.group(1)} ({match.group(2)}) or SFS {match.group(2)}"))
        citations.append(Citation("SFS " + match.group(2), path, line, where, item, match.span()))
    return citations, findings


def citations_of(doc: Document) -> tuple[list[Citation], list[Finding]]:
    """Every statute the page cites, and the references written in a wrong form (once per page)."""
    citations, findings = doc.derived("statutes.citations_of", _citations_of)
    return list(citations), list(findings)


def _citations_of(doc: Document) -> tuple[list[Citation], list[Finding]]:
    citations: list[Citation] = []
    findings: list[Finding] = []
    for index, item in enumerate(doc.meta.get("statutes") or []):
        if not isinstance(item, dict) or not isinstance(item.get("reference"), str):
            continue
        reference, line = item["reference"].strip(), doc.line_of(("statutes", index, "reference"))
        if reference.upper().startswith("SFS") or re.match(r"^\d{4}:\d+", reference):
            if not CANONICAL_SFS.match(reference):
                digits = re.findall(r"\d+", reference)
                fix = f"write SFS {digits[0]}:{digits[1]}" if len(digits) >= 2 else "write SFS YYYY:N, e.g. SFS 1962:700"
                findings.append(Finding(doc.path, line, f"statutes[{index + 1}].reference",
                                        f"'{reference}' is not written in the canonical form", fix))
                continue
        citations.append(Citation(reference, doc.path, line, "statutes", index))
    for index, item in enumerate(doc.meta.get("sources") or []):
        if not isinstance(item, dict):
            continue
        for key in ("reference", "title"):
            value = item.get(key)
            if not isinstance(value, str):
                continue
            line = doc.line_of(("sources", index, key))
            if key == "reference" and CANONICAL_SFS.match(value.strip()):
                citations.append(Citation(value.strip(), doc.path, line, "sources", index))
                continue
            found, wrong = text_citations(value, doc.path, line, "sources", index)
            citations += found
            findings += wrong
    body = re.sub(r"<!--.*?-->", lambda m: re.sub(r"[^\n]", " ", m.group(0)), doc.body, flags=re.S)
    for number, text in code_free_lines(body, doc.body_start_line):
        text = re.sub(r"\]\([^)]*\)", "]", text)
        found, wrong = text_citations(text, doc.path, number, "body")
        citations += found
        findings += wrong
    return citations, findings


def run(corpus: Corpus) -> list[Finding]:
    registry, findings = load_registry()
    for doc in corpus.docs:
        citations, wrong = citations_of(doc)
        findings += wrong
        reported: set[tuple[str, int | None]] = set()
        for citation in citations:
            if citation.reference in registry or (citation.reference, citation.line) in reported:
                continue
            reported.add((citation.reference, citation.line))
            findings.append(Finding(citation.path, citation.line, NAME,
                                    f"{citation.reference} is not in the statute registry",
                                    f"check the number; if it is right, add it to {REGISTRY_LABEL} with its Swedish "
                                    "and English name and the URL of the official text"))
    return findings
