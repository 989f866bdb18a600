"""Help lines from data/contacts.yml: who sees which line, how it is dialled, which numbers a page
may write (checks/contacts.py), and that every line shown in the built site is verified and tappable."""
from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from portal.checks import contacts as contacts_check
from portal.content import contacts
from portal.content.corpus import Corpus
from portal.content.frontmatter import Document


def test_numbers_are_dialled_in_international_form() -> None:
    assert contacts.tel("010-223 57 60") == "tel:+46102235760"
    assert contacts.tel("+46 (0)8-405 50 05") == "tel:+4684055005"
    assert contacts.tel("112") == "tel:112"
    assert contacts.tel("114 14") == "tel:11414"


@pytest.mark.parametrize("text,found", [
    ("Ring 112 nu.", ["112"]), ("ring 114 14.", ["114 14"]), ("Ring 08-123 45 67", ["08-123 45 67"]),
    ("Mobil 0701234567", ["0701234567"]), ("+46 (0)8-405 50 05", ["+46 (0)8-405 50 05"]),
    ("1177 Vårdguiden", ["1177"]), ("SFS 2025:400 och prop. 2019/20:131", []), ("31 a § LVU", []),
    ("10 000 kronor år 2026", []), ("kl. 09.00–12.00", []), ("sidan 112-115", []),
])
def test_phone_numbers_are_found_in_text(text: str, found: list[str]) -> None:
    assert [number for _, number in contacts.numbers_in(text)] == found


def test_pages_for_people_at_risk_get_their_lines_and_professionals_theirs() -> None:
    at_risk = contacts.lines_for(["at-risk"], "sv")
    assert [line["phone"] for line in at_risk][:2] == ["112", "114 14"]
    assert all(line["tel"].startswith("tel:") and line["hours"] for line in at_risk)
    professional = contacts.lines_for(["school"], "en")
    assert [line["name"] for line in professional] == ["National support line for professionals"]
    assert "Monday" in professional[0]["hours"]
    shown = {line["phone"] for line in at_risk + professional}
    assert not {contacts.digits(p) for p in shown} & contacts.unverified_numbers()


def _page(body: str) -> Document:
    return Document("docs/stod/x.sv.md", "stod/x.sv.md", {"audiences": ["at-risk"]}, body, 20)


def test_the_check_refuses_unknown_and_unverified_numbers_and_warns_on_old_checks() -> None:
    corpus = Corpus(docs=[_page("Ring 112.\n\nRing 08-123 45 67.\n\nRing 020-57 70 70.\n\n`070-000 00 00` i kod.\n")])
    lines = [f.format() for f in contacts_check.run(corpus, datetime.date(2026, 12, 4))]
    assert "docs/stod/x.sv.md:22: body: phone number 08-123 45 67 is not in data/contacts.yml — add the line to " \
           "data/contacts.yml with its operator's page as source, or remove it" in lines
    assert any("020-57 70 70 is a help line not yet verified" in line for line in lines)
    assert not any("070-000" in line or ": 112" in line for line in lines)
    later = [f for f in contacts_check.run(Corpus(), datetime.date(2027, 12, 4)) if f.severity == "warning"]
    assert later and all("more than six months ago" in f.message for f in later)


def test_built_help_lines_are_verified_and_tappable(real_site: Path) -> None:
    page = LexborHTMLParser((real_site / "stod" / "for-dig-som-ar-utsatt" / "index.html").read_text(encoding="utf-8"))
    numbers = page.css(".portal-help a.portal-help__number")
    assert numbers and all((a.attributes.get("href") or "").startswith("tel:") for a in numbers)
    professional = LexborHTMLParser((real_site / "en" / "vagledning" / "orosanmalan" / "index.html").read_text(encoding="utf-8"))
    assert "010-223 57 60" in professional.css_first(".portal-help").text()
    unverified = contacts.unverified_numbers()
    for path in real_site.rglob("*.html"):
        for _, number in contacts.numbers_in(LexborHTMLParser(path.read_text(encoding="utf-8")).body.text() if
                                             LexborHTMLParser(path.read_text(encoding="utf-8")).body else ""):
            assert contacts.digits(number) not in unverified, f"{path}: unverified number {number}"
