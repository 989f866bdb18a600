"""Change history in the built fixture site: the "Om sidan" / "About this page" block, the content API,
the feeds per language, topic and audience, and the links to them — read with real parsers."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from conftest import api_validator
from portal.content.vocabulary import slug, terms

SITE_URL = "http://127.0.0.1:8000/"
ATOM = {"a": "http://www.w3.org/2005/Atom"}
HISTORY = {
    "sv": ("2026-10-01", "2026-11-10", [("2026-11-10", 'Åldersgränsen < 18 år & "samtycke" förtydligades.'),
                                        ("2026-10-01", "Sidan publicerades.")]),
    "en": ("2026-10-02", "2026-11-12", [("2026-11-12", 'The age limit < 18 & "consent" made clearer.'),
                                        ("2026-10-02", "Page published.")]),
}
LABELS = {"sv": ("Om sidan", "Publicerad", "Senast ändrad", "Ändringar"),
          "en": ("About this page", "Published", "Last updated", "Page history")}


def prefix(lang: str) -> str:
    return "" if lang == "sv" else "en/"


def html_of(site: Path, path: str) -> LexborHTMLParser:
    return LexborHTMLParser((site / path / "index.html").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_page_shows_published_last_updated_and_its_major_changes(fixture_site: Path, lang: str) -> None:
    tree = html_of(fixture_site, prefix(lang) + "typfall/resan/")
    about = tree.css_first("section.portal-about")
    about_label, published_label, updated_label, history_label = LABELS[lang]
    assert about.css_first("h2").text() == about_label
    facts = {div.css_first("dt").text(): div.css_first("dd time") for div in about.css("dl.portal-dates > div")}
    first, updated, history = HISTORY[lang]
    assert facts[published_label].attributes["datetime"] == first and facts[published_label].text() == first
    assert facts[updated_label].attributes["datetime"] == updated   # the minor change of 2026-11-15 does not count
    assert about.css_first("h3").text() == history_label
    items = about.css("ul.portal-history > li")
    assert [(li.css_first("time").attributes["datetime"], li.css_first("span").text()) for li in items] == history
    assert all({child.tag for child in li.iter()} <= {"time", "span"} for li in items)   # the notes are text only
    assert "Rättade ett stavfel" not in about.text()
    # apart from the review date, which stays in the footer
    assert "2026-11-01" in tree.css_first("footer.portal-page-footer .portal-review").text()


def test_a_page_without_history_shows_no_empty_section(fixture_site: Path) -> None:
    about = html_of(fixture_site, "lagstiftning/hedersfortryck/").css_first("section.portal-about")
    assert about is not None and about.css_first("ul.portal-history") is None and about.css_first("h3") is None


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_api_gives_first_published_updated_and_change_history(fixture_site: Path, lang: str) -> None:
    first, updated, history = HISTORY[lang]
    detail = json.loads((fixture_site / f"api/v1/{lang}/pages/resan.json").read_text(encoding="utf-8"))
    api_validator("page").validate(detail)
    assert (detail["first_published"], detail["updated"]) == (first, updated)
    assert detail["change_history"] == [{"date": d, "note": n} for d, n in history]
    index = json.loads((fixture_site / f"api/v1/{lang}/pages.json").read_text(encoding="utf-8"))
    entry = next(p for p in index["pages"] if p["id"] == "resan")
    assert (entry["first_published"], entry["updated"]) == (first, updated)
    other = next(p for p in index["pages"] if p["id"] == "hedersfortryck")
    assert other["first_published"] is None and other["updated"] is None


def entries(site: Path, path: str) -> list[tuple[str, str, str]]:
    root = ET.fromstring((site / path).read_bytes())
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    return [(e.findtext("a:title", namespaces=ATOM), e.findtext("a:updated", namespaces=ATOM)[:10],
             e.findtext("a:summary", namespaces=ATOM)) for e in root.findall("a:entry", ATOM)]


@pytest.mark.parametrize("lang, title", [("sv", "Sommarresan"), ("en", "The summer trip")])
def test_the_feed_has_an_entry_per_major_change(fixture_site: Path, lang: str, title: str) -> None:
    found = entries(fixture_site, prefix(lang) + "feed.xml")
    assert [(d, n) for t, d, n in found if t == title] == HISTORY[lang][2]
    assert len({t for t, _, _ in found}) == 2   # resan and tecken: the other pages record no major change


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("kind, vocab, folder", [("topic", "topics", "amnen"), ("audience", "audiences", "malgrupper")])
def test_every_topic_and_audience_has_a_feed_linked_from_its_page(fixture_site: Path, lang: str, kind: str,
                                                                   vocab: str, folder: str) -> None:
    for term in terms(vocab):
        page = f"{prefix(lang)}{folder}/{slug(vocab, term)}/"
        feed = page + "feed.xml"
        found = entries(fixture_site, feed)   # exists and parses, empty or not
        tree = html_of(fixture_site, page)
        heads = [link.attributes.get("href") for link in tree.css('head link[rel="alternate"][type="application/atom+xml"]')]
        assert SITE_URL + feed in heads and SITE_URL + prefix(lang) + "feed.xml" in heads
        visible = tree.css_first("p.portal-feed-link a")
        assert visible.attributes["href"] == "feed.xml" and visible.attributes["type"] == "application/atom+xml"
        assert visible.text().strip()
        root = ET.fromstring((fixture_site / feed).read_bytes())
        assert root.find("a:link[@rel='self']", ATOM).get("href") == SITE_URL + feed
        assert root.find("a:link[@rel='alternate']", ATOM).get("href") == SITE_URL + page
        if term in ("child-marriage", "social-services"):   # resan's topic and audience
            assert any(t in ("Sommarresan", "The summer trip") for t, _, _ in found), (term, found)


def test_a_topic_feed_lists_only_that_topics_pages(fixture_site: Path) -> None:
    titles = {t for t, _, _ in entries(fixture_site, f"amnen/{slug('topics', 'lgbtqi')}/feed.xml")}
    assert "Sommarresan" not in titles
