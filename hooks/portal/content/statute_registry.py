"""The statute registry, data/statutes.yml: every statute the portal cites, with its Swedish and English
names, the address of its official text and the dates it applied from and until. Read by the build
(a legal summary links each statute's official text) and by the checks (checks/statutes.py reports what
is wrong with it, checks/law_status.py reads its dates).
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from . import strict_yaml
from .datafiles import DATA
from .findings import Finding
from .remember import while_serving

NAME = "statutes"   # the check that reports the registry's problems
REGISTRY_PATH = DATA / "statutes.yml"
REGISTRY_LABEL = "data/statutes.yml"
OFFICIAL_HOSTS = ("lagen.nu", "riksdagen.se", "svenskforfattningssamling.se", "eur-lex.europa.eu",
                  "coe.int", "un.org", "ohchr.org")

SFS_NUMBER = r"(1[6-9]\d\d|20\d\d):([1-9]\d*)(?: s\.([1-9]\d*))?"
CANONICAL_SFS = re.compile(rf"^SFS {SFS_NUMBER}$")

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
    registry, findings = _registry_of(Path(path).read_text(encoding="utf-8-sig"), label)
    return dict(registry), list(findings)   # copies: callers add their own findings


@while_serving(maxsize=4)   # three checks read it at every save of `make serve`
def _registry_of(text: str, label: str) -> tuple[dict[str, Statute], list[Finding]]:
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
