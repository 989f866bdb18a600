"""The shipped content: coverage, links between kinds, official references and safe contacts."""
from __future__ import annotations

import re

import pytest
import yaml

from portal.content import corpus, review
from portal.content.datafiles import DATA, ROOT

LOADED = corpus.load(ROOT / "docs", ROOT)
LINK = re.compile(r"\]\(([^)\s#]+\.md)")


def pages(page_type: str) -> list:
    return [d for d in LOADED.docs if d.meta.get("type") == page_type and "listing" not in d.meta]


def links(doc) -> list[str]:
    return LINK.findall(doc.body)


def test_shipped_content_has_no_findings() -> None:
    assert [f.format() for f in LOADED.findings if f.severity == "error"] == []


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_at_least_fifty_approved_pages_per_language(lang: str) -> None:
    approved = [d for d in LOADED.docs if d.lang == lang and review.status(d.meta) == "approved"]
    assert len(approved) >= 50, f"{len(approved)} approved {lang} pages"


def test_coverage_per_kind() -> None:
    swedish = [d for d in LOADED.docs if d.lang == "sv"]
    count = {t: len([d for d in pages(t) if d.lang == "sv"]) for t in ("guidance", "typology", "legal", "joint-guidance")}
    assert count["guidance"] >= 8 and count["typology"] >= 10 and count["legal"] >= 12 and count["joint-guidance"] >= 4, count
    assert {d.base for d in swedish} == {d.base for d in LOADED.docs if d.lang == "en"}, "every page exists in both languages"


@pytest.mark.parametrize("doc", pages("typology"), ids=lambda d: d.rel)
def test_typology_links_law_and_guidance(doc) -> None:
    targets = links(doc)
    assert any("lagstiftning/" in t for t in targets), f"{doc.path} links no legal summary"
    assert any("vagledning/" in t for t in targets), f"{doc.path} links no guidance page"


@pytest.mark.parametrize("doc", pages("legal"), ids=lambda d: d.rel)
def test_legal_summary_carries_an_official_reference(doc) -> None:
    assert doc.meta["statutes"] and all(s["reference"].strip() for s in doc.meta["statutes"])


@pytest.mark.parametrize("doc", [d for d in LOADED.docs if "listing" not in d.meta], ids=lambda d: d.rel)
def test_no_content_page_is_a_dead_end(doc) -> None:
    assert links(doc), f"{doc.path} links to no other page"


def test_only_verified_phone_numbers_are_published() -> None:
    contacts = yaml.safe_load((DATA / "contacts.yml").read_text(encoding="utf-8"))["contacts"]
    unverified = [c["phone"] for c in contacts if c.get("phone") and not c.get("verified")]
    verified = {c["phone"] for c in contacts if c.get("phone") and c.get("verified")}
    for doc in LOADED.docs:
        for phone in unverified:
            assert phone not in doc.body, f"{doc.path} shows unverified number {phone}"
        for target in re.findall(r"tel:([+\d ]+)", doc.body):
            assert target.strip() in verified, f"{doc.path} links tel:{target}, which is not a verified contact"
