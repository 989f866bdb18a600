"""Help lines (data/contacts.yml): which ones a page shows, how a number is dialled, and which phone
numbers a page may write at all.

Readers call these numbers while something is happening, so a number reaches a page only from
this file, only when an editor has verified it on the operator's own page, and only with its
opening hours. A page that writes another number by hand is an error (checks/contacts.py): numbers
change, and a wrong one costs the reader the call.
"""
from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from typing import Any

from .datafiles import DATA, load_yaml

CONTACTS_PATH = DATA / "contacts.yml"
AT_RISK = frozenset({"at-risk", "relatives"})
PROFESSIONALS = "all-professionals"
MAX_AGE_DAYS = 183   # six months: a line is checked against its source at least this often

# Written phone numbers: Swedish numbers (0… or +46…) with spaces or dashes, and the short numbers
# readers meet (112, 114 14, 116 111, 1177). Years, SFS numbers and sections are not phone-shaped.
_NUMBER = re.compile(
    r"(?<![\w:/.,§-])(?:"
    r"(?:\+46\s?(?:\(0\)\s?)?|0)\d{1,3}(?:[\s-]?\d){5,8}"
    r"|1177|11[2-6](?:\s?\d{2,3})?"
    r")(?![\w/:§%-]|[.,]\d)")


def contacts() -> list[dict[str, Any]]:
    return list((load_yaml(CONTACTS_PATH) or {}).get("contacts") or [])


def digits(number: str) -> str:
    """The digits a caller dials within Sweden: '+46 (0)8-405 50 05' -> '084055005'."""
    raw = re.sub(r"\(0\)", "", number)
    only = re.sub(r"\D", "", raw)
    return "0" + only[2:] if raw.strip().startswith("+46") else only


def tel(number: str) -> str:
    """A tel: address in international form: '010-223 57 60' -> 'tel:+46102235760', '112' -> 'tel:112'."""
    dialled = digits(number)
    if dialled.startswith("0"):
        return "tel:+46" + dialled[1:]
    return "tel:" + dialled


def verified_numbers() -> set[str]:
    """Dialled digits of every verified line's number and switchboard."""
    found = set()
    for line in contacts():
        if line.get("verified") is True:
            found |= {digits(str(line[key])) for key in ("phone", "switchboard") if line.get(key)}
    return found


def unverified_numbers() -> set[str]:
    return {digits(str(line["phone"])) for line in contacts()
            if line.get("phone") and line.get("verified") is not True} - verified_numbers()


def numbers_in(text: str) -> Iterator[tuple[int, str]]:
    """(offset, number as written) of every phone number written in a text."""
    for match in _NUMBER.finditer(text):
        yield match.start(), match.group(0)


def lines_for(audiences: list[str], lang: str) -> list[dict[str, str]]:
    """The verified lines a page for these audiences shows, in the order of the file: lines for
    people at risk and relatives on their pages; the professionals' own lines on other pages."""
    wanted = set(audiences or [])
    shown = []
    for line in contacts():
        if line.get("verified") is not True or not line.get("phone"):
            continue
        meant_for = set(line.get("for") or [])
        for_people_at_risk = bool(wanted & AT_RISK) and bool(meant_for & AT_RISK)
        professionals_only = meant_for == {PROFESSIONALS} and bool(wanted - AT_RISK)
        if for_people_at_risk or professionals_only:
            shown.append({
                "name": _text(line.get("name"), lang), "phone": str(line["phone"]), "tel": tel(str(line["phone"])),
                "hours": _text(line.get("hours"), lang), "operator": _text(line.get("operator"), lang),
                "free": bool(line.get("free")), "anonymous": bool(line.get("anonymous")),
            })
    return shown


def stale(today: datetime.date) -> Iterator[tuple[str, str]]:
    """(id, checked date) of verified lines not checked against their source for six months."""
    for line in contacts():
        if line.get("verified") is not True:
            continue
        try:
            checked = datetime.date.fromisoformat(str(line.get("checked", ""))[:10])
        except ValueError:
            yield str(line.get("id")), str(line.get("checked", "never"))
            continue
        if (today - checked).days > MAX_AGE_DAYS:
            yield str(line.get("id")), checked.isoformat()


def _text(value: Any, lang: str) -> str:
    if isinstance(value, dict):
        return str(value.get(lang) or value.get("sv") or "")
    return str(value or "")
