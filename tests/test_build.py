"""Strict builds of the fixture site and the shipped content, checked in the HTML a reader gets."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURE_SITE, ROOT, build
from portal.content import corpus, review

EXTERNAL_ASSET = re.compile(r'<(?:link|script|img|source|iframe)[^>]+(?:src|href)="(?:https?:)?//(?!127\.0\.0\.1)[^"]+"')


def html(site: Path, url: str) -> str:
    return (site / url.strip("/") / "index.html").read_text(encoding="utf-8") if url.strip("/") \
        else (site / "index.html").read_text(encoding="utf-8")


def article(site: Path, url: str) -> str:
    """The main text of a page, without navigation and footer."""
    page = html(site, url)
    return page[page.index("<article"):page.index("</article>")]


def test_production_leaves_out_drafts(fixture_site: Path) -> None:
    assert not (fixture_site / "utkast").exists()
    assert not (fixture_site / "en" / "utkast").exists()
    search_files = sorted((fixture_site / "search").glob("*.json")) + \
        sorted((fixture_site / "en" / "search").glob("*.json"))
    assert search_files
    for index in search_files:
        assert "Ett utkast" not in index.read_text(encoding="utf-8")


def test_preview_shows_drafts_with_a_banner(fixture_preview: Path) -> None:
    assert "Utkast – ej granskat" in html(fixture_preview, "utkast/")
    assert "Draft – not reviewed" in html(fixture_preview, "en/utkast/")


@pytest.mark.parametrize("url,lang", [("/", "sv"), ("typfall/resan/", "sv"), ("en/", "en"), ("en/typfall/resan/", "en")])
def test_html_lang_and_hreflang_alternates(fixture_site: Path, url: str, lang: str) -> None:
    page = html(fixture_site, url)
    assert f'<html lang="{lang}"' in page
    assert 'hreflang="sv"' in page and 'hreflang="en"' in page


def test_alternates_point_to_the_same_page(fixture_site: Path) -> None:
    page = html(fixture_site, "typfall/resan/")
    assert re.search(r'<link rel="alternate" href="[./]*en/typfall/resan/" hreflang="en">', page), page[:3000]


def test_theme_strings_and_navigation_are_translated(fixture_site: Path) -> None:
    swedish, english = html(fixture_site, "typfall/resan/"), html(fixture_site, "en/typfall/resan/")
    assert 'placeholder="Sök"' in swedish and 'placeholder="Search"' in english
    assert "Vägledning" in swedish and "Stöd och kontakt" in swedish
    assert "Guidance" in english and "Support and contact" in english and "Vagledning" not in english


def test_page_shows_type_audiences_topics_review_sources_and_edit_link(fixture_site: Path) -> None:
    page = html(fixture_site, "typfall/resan/")
    assert "Innehållstyp" in page and ">Typfall</a>" in page
    assert 'href="../../malgrupper/socialtjanst/"' in page and ">Socialtjänst</a>" in page
    assert 'href="../../amnen/barnaktenskap/"' in page and ">Barnäktenskap</a>" in page
    assert "Senast granskad 2026-11-01 av Testredaktionen, nästa granskning 2027-11-01" in page
    assert "Ökat skydd mot hedersrelaterad brottslighet. Regeringen, 2020. prop. 2019/20:131." in page
    assert "Ändra sidan" in page and "typfall/resan.sv.md" in page
    english = html(fixture_site, "en/typfall/resan/")
    assert "Last reviewed 2026-11-01 by Testredaktionen, next review 2027-11-01" in english
    assert "Edit this page" in english and "typfall/resan.en.md" in english


def test_legal_page_lists_its_statutes_with_a_link_to_the_text(fixture_site: Path) -> None:
    from selectolax.lexbor import LexborHTMLParser
    for url, suffix in (("lagstiftning/hedersfortryck/", ""), ("en/lagstiftning/hedersfortryck/", " (in Swedish)")):
        items = LexborHTMLParser(html(fixture_site, url)).css(".portal-statutes li")
        assert len(items) == 1, url
        link = items[0].css_first("a")
        # the address comes from data/statutes.yml, not from the page
        assert link is not None and link.attributes["href"] == "https://lagen.nu/1962:700" and link.text() == "Brottsbalken"
        assert items[0].text(separator="", strip=False).startswith(f"Brottsbalken{suffix}, 4 kap. 4 e § (SFS 1962:700)"), url
        assert "2022-06-01" in items[0].text()


def test_untranslated_page_is_reachable_in_english_with_notice_and_swedish_lang(fixture_site: Path) -> None:
    page = html(fixture_site, "en/endast-svenska/")
    assert '<html lang="en"' in page
    assert "This page has not been translated into English yet" in page
    assert '<div class="portal-page" lang="sv">' in page


def test_outdated_translation_is_flagged(fixture_site: Path) -> None:
    assert "The Swedish original has changed since this translation" in html(fixture_site, "en/samverkan/kedjan/")
    assert "The Swedish original has changed" not in html(fixture_site, "en/typfall/resan/")


def test_overdue_review_shows_banner_and_warns(tmp_path: Path) -> None:
    result = build(tmp_path / "site", "production", FIXTURE_SITE)
    assert result.returncode == 0
    assert "tests/fixtures/site/docs/forsenad.sv.md: review.next_review: review was due 2025-01-01" in result.stdout + result.stderr
    assert "Granskning försenad" in html(tmp_path / "site", "forsenad/")


def test_overdue_review_can_be_made_fatal(tmp_path: Path) -> None:
    result = build(tmp_path / "site", "production", FIXTURE_SITE, PORTAL_REVIEW_OVERDUE="error")
    assert result.returncode != 0
    assert "overdue for review" in result.stdout + result.stderr


def test_listings_per_type_topic_audience_in_both_languages(fixture_site: Path) -> None:
    assert "Känna igen tecken" in article(fixture_site, "vagledning/")
    assert "Sommarresan" not in article(fixture_site, "vagledning/")
    assert "Recognising signs" in article(fixture_site, "en/vagledning/")
    topic = article(fixture_site, "amnen/barnaktenskap/")
    assert "Sommarresan" in topic and "Ett utkast" not in topic
    assert "The summer trip" in article(fixture_site, "en/amnen/barnaktenskap/")
    assert "For you who are at risk" in article(fixture_site, "en/malgrupper/utsatta/")
    assert "Barnäktenskap" in article(fixture_site, "amnen/") and "Child marriage" in article(fixture_site, "en/amnen/")


def test_untranslated_page_in_english_listing_is_marked_swedish(fixture_site: Path) -> None:
    assert re.search(r'<a [^>]*hreflang="sv"[^>]*>Sida som bara finns på svenska</a>|'
                     r'<a [^>]*lang="sv"[^>]*>Sida som bara finns på svenska</a>',
                     html(fixture_site, "en/amnen/barnaktenskap/"))


def test_glossary_page_is_rendered_from_data(fixture_site: Path) -> None:
    page = html(fixture_site, "ordlista/")
    assert "<dl>" in page or "Ord och begrepp" in page


def test_no_asset_from_another_host(fixture_site: Path) -> None:
    offenders = []
    for path in fixture_site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        offenders += [f"{path}: {m.group(0)[:120]}" for m in EXTERNAL_ASSET.finditer(text)]
        if "fonts.googleapis" in text or "fonts.gstatic" in text:
            offenders.append(f"{path}: Google Fonts")
    assert offenders == []


def test_invalid_content_fails_the_build_with_one_line_per_problem(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURE_SITE, docs)
    bad = (docs / "typfall" / "resan.sv.md").read_text(encoding="utf-8")
    (docs / "typfall" / "resan.sv.md").write_text(
        bad.replace("last_reviewed: 2026-11-01", "last_reviewed: 2026-11-01\n  next_review: 2025-13-01")
           .replace("## Varningssignaler", "## Tecken"), encoding="utf-8")
    result = build(tmp_path / "site", "production", docs)
    assert result.returncode != 0
    assert "typfall/resan.sv.md:" in result.stdout + result.stderr
    assert "review.next_review: '2025-13-01' is not a date (YYYY-MM-DD)" in result.stdout + result.stderr
    assert "section '## Varningssignaler' is missing for type typology" in result.stdout + result.stderr
    assert "2 content problem(s)" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_shipped_content_builds_and_publishes_only_approved_pages(real_site: Path, real_preview: Path) -> None:
    loaded = corpus.load(ROOT / "docs", ROOT)
    drafts = [d for d in loaded.docs if review.status(d.meta) != "approved"]
    for doc in drafts:
        url = doc.base[:-len("index")] if doc.base.endswith("index") else doc.base + "/"
        prefix = "" if doc.lang == "sv" else "en/"
        assert not (real_site / prefix / url / "index.html").exists() or doc.lang == "en", f"draft {doc.path} published"
        assert (real_preview / prefix / url / "index.html").exists(), f"draft {doc.path} missing from preview"


def test_link_from_published_page_to_draft_fails_production_but_not_preview(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURE_SITE, docs)
    page = docs / "vagledning" / "tecken.sv.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Lyssna.", "Lyssna. Se [utkastet](../utkast.md)."),
                    encoding="utf-8")
    result = build(tmp_path / "site", "production", docs)
    assert result.returncode != 0
    assert ("vagledning/tecken.sv.md:34: body: links to " in result.stdout + result.stderr
            and "utkast.sv.md, which is not published (review.status: draft) — remove the link or get the target"
            in result.stdout + result.stderr)
    assert build(tmp_path / "preview", "preview", docs).returncode == 0


def test_untranslated_page_title_in_english_navigation_is_marked_swedish(fixture_site: Path) -> None:
    navigation = html(fixture_site, "en/")
    assert '<span lang="sv">Sida som bara finns på svenska</span>' in navigation
    assert '<span lang="sv">Test home page</span>' not in navigation
    assert '<span lang="sv">' not in html(fixture_site, "/").split('<nav class="md-nav md-nav--primary"')[1].split("</nav>")[0]
