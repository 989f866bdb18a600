"""Front matter against data/frontmatter.schema.json, with messages an editor can act on."""
from __future__ import annotations

import datetime
import difflib
import re
from typing import TYPE_CHECKING, Any

from .datafiles import from_data, load_schema
from .findings import Finding, dotted
from .frontmatter import Document

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Review and in-force dates of this portal's pages; anything outside is a typing error, and dates at the
# end of the calendar would break date arithmetic (12 months after 9999-12-31).
FIRST_YEAR, LAST_YEAR = 1900, 2100
SCHEMA_HINT = "see data/frontmatter.schema.json"
TYPE_NAMES = {"array": "a list (- item)", "integer": "a whole number", "string": "text", "object": "a set of fields"}


def _is_date(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not DATE.match(value):
        raise ValueError(value)
    if not FIRST_YEAR <= datetime.date.fromisoformat(value).year <= LAST_YEAR:
        raise ValueError(value)
    return True


def _real_date(value: str) -> bool:
    try:
        datetime.date.fromisoformat(value)
        return True
    except ValueError:
        return False


@from_data   # the schema is data/frontmatter.schema.json
def _validator() -> Draft202012Validator:
    # Imported on first use: jsonschema is 50 ms of imports, and the build validates in a
    # background process (portal.build.background), so the build process need not load it.
    from jsonschema import Draft202012Validator, FormatChecker
    formats = FormatChecker(formats=())
    formats.checks("date", raises=ValueError)(_is_date)
    return Draft202012Validator(load_schema(), format_checker=formats)


def _suggest(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(str(word), choices, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def _allowed(schema: dict) -> list[str]:
    return [str(v) for v in schema.get("enum", [])]


def _describe(error: ValidationError) -> tuple[tuple, str, str]:
    """(field path, message, fix) for one schema error."""
    path = tuple(error.absolute_path)
    value = error.instance
    kind = error.validator
    if kind == "required":
        missing = re.search(r"'([^']+)' is a required property", error.message)
        name = missing.group(1) if missing else "?"
        return path + (name,), "required field is missing", f"add '{name}:' ({SCHEMA_HINT})"
    if kind == "additionalProperties":
        known = list(error.schema.get("properties", {}))
        extra = sorted(set(value) - set(known)) if isinstance(value, dict) else []
        name = extra[0] if extra else "?"
        hint = _suggest(name, known)
        return path + (name,), "unknown field", (hint + " " if hint else "") + "remove it or correct its spelling"
    if kind == "enum":
        allowed = _allowed(error.schema)
        hint = _suggest(value, allowed)
        return path, f"'{value}' is not allowed", (hint + " " if hint else "") + "use one of: " + ", ".join(allowed)
    if kind == "format" or (kind == "type" and error.schema.get("format") == "date"):
        if isinstance(value, str) and DATE.match(value) and _real_date(value):
            return path, f"'{value}' is outside the years {FIRST_YEAR}–{LAST_YEAR}", "check the year"
        return path, f"'{value}' is not a date (YYYY-MM-DD)", "write the date as YYYY-MM-DD, e.g. 2026-05-01"
    if kind == "maxLength":
        return path, f"is {len(value)} characters, at most {error.validator_value} allowed", "shorten it"
    if kind == "minLength":
        return path, f"is too short (at least {error.validator_value} characters)", "write it out"
    if kind == "maxItems":
        fix = "remove the oldest entries (the list is newest first)" if path == ("changes",) else "shorten the list"
        return path, f"has {len(value)} items, at most {error.validator_value} allowed", fix
    if kind == "minItems":
        return path, f"needs at least {error.validator_value} item(s)", "add items to the list"
    if kind == "uniqueItems":
        return path, "lists the same item twice", "remove the duplicate"
    if kind == "pattern":
        if path and path[-1] == "id":
            return path, f"'{value}' is not a valid id", "use lowercase a-z, digits and single hyphens, e.g. barnaktenskap-sommarresa"
        if path and path[-1] == "url":
            return path, f"'{value}' is not an https:// address", "use the full https:// address"
        if path and path[-1] == "source_revision":
            return path, f"'{value}' is not a revision hash", "run `make revision PAGE=<the Swedish file>` and paste the 12 characters"
        if path and path[-1] == "revision":
            return path, f"'{value}' is not a revision hash", "remove it and run `make changed PAGE=<this file>`, which records it"
        return path, f"'{value}' has the wrong form", f"it must match {error.validator_value}"
    if kind == "type" and path and path[-1] in ("source_revision", "revision"):
        return path, f"{value!r} was read as a number", 'put the hash in quotes, e.g. source_revision: "0123456789ab"'
    if kind == "type":
        expected = TYPE_NAMES.get(error.validator_value, str(error.validator_value))
        return path, f"must be {expected}, not {type(value).__name__}", f"write it as {expected}"
    if kind in ("minimum", "maximum"):
        return path, f"{value} is out of range", f"use a value {'≥' if kind == 'minimum' else '≤'} {error.validator_value}"
    if kind == "anyOf" and path and path[0] == "sources":
        return path, "a source needs a 'reference' or a 'url'", "add the official reference (e.g. prop. 2019/20:131) or an https:// address"
    if kind == "not":
        field = next(iter(error.validator_value.get("required", ["?"])))
        allowed_for = {"statutes": "legal", "roles": "joint-guidance"}.get(field, "another type")
        return path + (field,), f"is only allowed on type: {allowed_for}", "remove it or change the type"
    return path, error.message, SCHEMA_HINT


def check(doc: Document) -> list[Finding]:
    """Every schema problem in one page, one finding each."""
    findings = []
    for error in sorted(_validator().iter_errors(doc.meta), key=lambda e: list(map(str, e.absolute_path))):
        if error.validator in ("if", "allOf"):
            continue
        path, message, fix = _describe(error)
        findings.append(Finding(doc.path, doc.line_of(path), dotted(path), message, fix))
    return findings


def check_meta(meta: Any, path: str = "page.md") -> list[Finding]:
    """Check bare front matter (used by tests and editors' tools)."""
    return check(Document(path, path, meta, "", 1))
