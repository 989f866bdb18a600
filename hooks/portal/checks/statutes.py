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

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..content.corpus import Corpus
from ..content import strict_yaml
from ..content.datafiles import DATA
from ..content.findings import Finding
from ..content.prose import code_free_lines
from ..content.frontmatter import Document

NAME = "statutes"
REGISTRY_PATH = DATA / "statutes.yml"
REGISTRY_LABEL = "data/statutes.yml"
OFFICIAL_HOSTS = ("lagen.nu", "riksdagen.se", "svenskforfattningssamling.se", "eur-lex.europa.eu",
                  "coe.int", "un.org", "ohchr.org")

SFS_NUMBER = r"(1[6-9]\d\d|20\d\d):([1-9]\d*)(?: s\.([1-9]\d*))?"
CANONICAL_SFS = re.compile(rf"^SFS {SFS_NUMBER}$")
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


FIELDS = ("reference", "sv", "en", "url", "amends", "in_force", "repealed", "replaced_by", "note")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Statute:
    reference: str
    sv: str
    en: str
    url: str
    amends: str | None = None
    in_force: datetime.date | None = None
    repealed: datetime.date | None = None    # the day it stopped applying
    replaced_by: str | None = None
    note: str = ""

    def is_repealed(self, today: datetime.date) -> bool:
        """Whether it no longer applies on `today` (a repeal dated later has not happened yet)."""
        return self.repealed is not None and self.repealed <= today


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


def _date(value: Any) -> datetime.date | None:
    """A YYYY-MM-DD text as a date, or None when it is not one."""
    if not isinstance(value, str) or not DATE.match(value.strip()):
        return None
    try:
        return datetime.date.fromisoformat(value.strip())
    except ValueError:
        return None


def _date_problems(entry: dict, where: str, line: int | None, label: str) -> list[Finding]:
    findings = []
    for key, what in (("in_force", "the day it came into force"), ("repealed", "the day it stopped applying")):
        value = entry.get(key)
        if value is None or _date(value) is not None:
            continue
        shown = str(value).lower() if isinstance(value, bool) else repr(value)
        findings.append(Finding(label, line, f"{where}.{key}", f"{shown} is not a date",
                                f"write {what} as YYYY-MM-DD, e.g. {key}: 2025-07-01 (from the official text)"))
    return findings


def load_registry(path: Path = REGISTRY_PATH, label: str = REGISTRY_LABEL) -> tuple[dict[str, Statute], list[Finding]]:
    """The registry by reference, and what is wrong with it (one finding per problem)."""
    if not Path(path).exists():
        return {}, [Finding(label, None, NAME, "the statute registry is missing", "create it (see hooks/portal/checks/statutes.py)")]
    text = Path(path).read_text(encoding="utf-8-sig")
    try:   # strict YAML (dates stay text); the plain-text rules for every data file run in the build
        data = strict_yaml.load(text)[0] or {}
    except strict_yaml.YamlProblem as problem:
        return {}, [Finding(label, problem.line, "", problem.message, problem.fix)]
    entries = data.get("statutes") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return {}, [Finding(label, 1, NAME, "no 'statutes:' list", "list the statutes under 'statutes:'")]
    lines = {m.group(1).strip(): text.count("\n", 0, m.start()) + 1
             for m in re.finditer(r"^\s*-\s*reference:\s*(.+?)\s*$", text, re.M)}
    registry: dict[str, Statute] = {}
    findings: list[Finding] = []
    for number, entry in enumerate(entries, start=1):
        entry = entry if isinstance(entry, dict) else {}
        reference = str(entry.get("reference") or "").strip()
        line, where = lines.get(reference), f"statutes[{number}]"
        missing = [key for key in ("reference", "sv", "en", "url") if not str(entry.get(key) or "").strip()]
        if missing:
            findings.append(Finding(label, line, where, f"missing {', '.join(missing)}",
                                    "every statute has reference, sv, en and url"))
            continue
        for key in entry:
            if key not in FIELDS:
                findings.append(Finding(label, line, f"{where}.{key}", f"unknown field '{key}'",
                                        f"use only {', '.join(FIELDS)} (see the comment at the top of the file)"))
        if reference.upper().startswith("SFS") and not CANONICAL_SFS.match(reference):
            findings.append(Finding(label, line, f"{where}.reference", f"'{reference}' is not in canonical form",
                                    "write SFS YYYY:N, e.g. SFS 1962:700"))
        url = str(entry["url"])
        host = urlsplit(url).hostname or ""
        if not url.startswith("https://") or not any(host == h or host.endswith("." + h) for h in OFFICIAL_HOSTS):
            findings.append(Finding(label, line, f"{where}.url", f"'{url}' is not an https URL on an official host",
                                    f"link the official text ({', '.join(OFFICIAL_HOSTS)})"))
        if reference in registry:
            findings.append(Finding(label, line, f"{where}.reference", f"'{reference}' is listed twice",
                                    "keep one entry"))
        findings += _date_problems(entry, where, line, label)
        in_force, repealed = _date(entry.get("in_force")), _date(entry.get("repealed"))
        note = str(entry.get("note") or "").strip()
        if entry.get("in_force") is None and not note:
            findings.append(Finding(label, line, f"{where}.in_force", f"{reference} has no in_force and no note",
                                    "add in_force: YYYY-MM-DD from the official text, or a note saying what is known "
                                    "and why the date is not"))
        if in_force and repealed and repealed < in_force:
            findings.append(Finding(label, line, f"{where}.repealed", f"repealed {repealed} is before in_force {in_force}",
                                    "check both dates in the official text"))
        replaced_by = str(entry.get("replaced_by") or "").strip() or None
        if replaced_by and entry.get("repealed") is None:
            findings.append(Finding(label, line, f"{where}.replaced_by", f"{reference} is replaced by {replaced_by} "
                                    "but has no repealed date", "add repealed: YYYY-MM-DD, the day the replacement took over"))
        if replaced_by == reference:
            findings.append(Finding(label, line, f"{where}.replaced_by", f"{reference} is named as its own replacement",
                                    "write the reference of the statute that took its place"))
        registry[reference] = Statute(reference, str(entry["sv"]), str(entry["en"]), url,
                                      entry.get("amends"), in_force, repealed, replaced_by, note)
    for statute in registry.values():
        line = lines.get(statute.reference)
        if statute.amends and statute.amends not in registry:
            findings.append(Finding(label, line, "amends",
                                    f"{statute.reference} amends {statute.amends}, which is not in the registry",
                                    f"add {statute.amends}"))
        successor = registry.get(statute.replaced_by or "")
        if statute.replaced_by and successor is None:
            findings.append(Finding(label, line, "replaced_by",
                                    f"{statute.reference} is replaced by {statute.replaced_by}, which is not in the registry",
                                    f"add {statute.replaced_by} with its names, url and in_force"))
        elif successor and successor.in_force and statute.repealed and successor.in_force > statute.repealed:
            findings.append(Finding(label, line, "replaced_by",
                                    f"{statute.reference} stopped applying {statute.repealed} but {successor.reference} "
                                    f"came into force only {successor.in_force}",
                                    "check both dates; if there really was a gap, say so in note", "warning"))
    return registry, findings


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
