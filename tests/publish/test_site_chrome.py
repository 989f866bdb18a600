"""What every page carries (skip target, heading permalinks, footer links) and Swedish words on
English pages: the modules without MkDocs, then the footer links in the build of the shipped content."""
from __future__ import annotations

from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from portal.publish import heading_marks, site_chrome, swedish_terms, ui


# --------------------------------------------------------------------------- skip target

def test_first_h1_becomes_the_skip_target() -> None:
    text = '<p>x</p>\n<h1 id="sommarresan">Sommar<a class="headerlink" href="#sommarresan">¶</a></h1>\n<h1 id="b">B</h1>'
    marked, target = heading_marks.mark_title(text, "portal-main")
    assert target == "sommarresan"
    h1s = LexborHTMLParser(marked).css("h1")
    assert h1s[0].attributes == {"id": "sommarresan", "tabindex": "-1"}
    assert "tabindex" not in h1s[1].attributes            # only the first
    assert marked.replace(' tabindex="-1"', "", 1) == text  # nothing else changed


@pytest.mark.parametrize("text", ["", "<p>Ingen rubrik</p>", "<h2 id='a'>A</h2>", "<!-- <h1 id='x'> -->",
                                  "<pre><code>&lt;h1&gt;</code></pre>"])
def test_text_without_an_h1_is_left_alone(text: str) -> None:
    assert heading_marks.mark_title(text, "portal-main") == (text, None)


def test_h1_without_id_gets_the_fallback_and_attributes_stay_escaped() -> None:
    marked, target = heading_marks.mark_title('<H1 class="a&amp;b" title=\'"x"\'>T</H1>', "portal-main")
    assert target == "portal-main"
    h1 = LexborHTMLParser(marked).css_first("h1")
    assert h1.attributes == {"class": "a&b", "title": '"x"', "id": "portal-main", "tabindex": "-1"}


def test_h1_on_a_later_line_is_found_where_it_is() -> None:
    text = "<p>å\nä</p>\n\n  <h1 id=\"t\">Ö</h1>"
    marked, target = heading_marks.mark_title(text, "portal-main")
    assert target == "t" and marked.endswith('<h1 id="t" tabindex="-1">Ö</h1>')


@pytest.mark.parametrize("before", [0, 16_380, 16_384, 40_000])
def test_h1_far_down_a_long_page_or_across_a_reading_chunk_is_found(before: int) -> None:
    """The title is looked for in chunks of the page; a tag cut by a chunk's end is still found whole,
    and what comes after the title is not read but kept."""
    filler = ("<p>ord\n</p>" * (before // 11 + 1))[:before]
    filler = filler[:filler.rfind(">") + 1] if ">" in filler else ""
    text = filler + '<h1 id="t" class="x">Ö</h1>' + "<p>sist</p><h1 id='u'>U</h1>\n" * 3000
    marked, target = heading_marks.mark_title(text, "portal-main")
    assert target == "t"
    assert marked == text.replace('<h1 id="t" class="x">', '<h1 id="t" class="x" tabindex="-1">', 1)


# --------------------------------------------------------------------------- permalinks

def test_permalinks_are_labelled_and_no_tab_stops() -> None:
    text = ('<h2 id="a">A<a class="headerlink" href="#a" title="Länk till avsnittet">¶</a></h2>'
            '<p><a class="other" href="#a">a</a> <a href="https://x.example/">x</a></p>'
            '<h3 id="b">B<a class="headerlink" href="#b" title="Länk till avsnittet">¶</a></h3>')
    out = LexborHTMLParser(heading_marks.label_permalinks(text, "Link to this section"))
    links = out.css("a.headerlink")
    assert len(links) == 2
    for link in links:
        assert link.attributes["title"] == link.attributes["aria-label"] == "Link to this section"
        assert link.attributes["tabindex"] == "-1" and link.text() == "¶"
    assert [a.attributes for a in out.css("a:not(.headerlink)")] == [{"class": "other", "href": "#a"},
                                                                     {"href": "https://x.example/"}]


def test_permalink_label_is_escaped() -> None:
    out = heading_marks.label_permalinks('<a class="headerlink" href="#a">¶</a>', '"><script>')
    assert "<script>" not in out and LexborHTMLParser(out).css_first("a").attributes["title"] == '"><script>'


def test_every_language_has_the_interface_strings() -> None:
    keys = {"skip_to_content", "quick_exit", "quick_exit_hint_keyboard", "heading_link", "in_swedish",
            "footer_label", "footer_about", "footer_privacy", "footer_accessibility", "footer_report_error",
            "footer_report_error_anchor", "not_found_search", "not_found_sections"}
    for lang in ("sv", "en"):
        assert keys <= set(ui.strings(lang)), f"data/ui.yml {lang}: missing {keys - set(ui.strings(lang))}"
    assert "Skift" in ui.text("sv", "quick_exit_hint_keyboard") and "Shift" in ui.text("en", "quick_exit_hint_keyboard")


# --------------------------------------------------------------------------- footer links

def test_footer_links_only_to_published_pages() -> None:
    assert site_chrome.footer_links("sv", set()) == []
    links = site_chrome.footer_links("en", {"om/tillganglighet"})
    assert [link["path"] for link in links] == ["en/om/tillganglighet/",
                                                "en/om/tillganglighet/#report-accessibility-problems"]


def test_footer_links_lead_to_pages_and_sections_of_the_build(real_site: Path) -> None:
    """In the build of the shipped content: about, privacy, accessibility and reporting an error,
    each to a page that exists and, for the error report, to a heading that exists on it."""
    for lang, page in (("sv", "index.html"), ("en", "en/index.html"), ("sv", "404.html"), ("en", "en/404.html")):
        tree = LexborHTMLParser((real_site / page).read_text(encoding="utf-8"))
        links = tree.css(".md-footer .portal-footer-links a")
        texts = [a.text(strip=True) for a in links]
        expected = [ui.text(lang, key) for key, _, _ in site_chrome.FOOTER_LINKS]
        assert texts == expected, f"{page}: footer links {texts}"
        for a in links:
            href = a.attributes["href"]
            path, _, anchor = href.partition("#")
            if page.endswith("404.html"):
                assert path.startswith("/"), f"{page}: the 404 page's links must be absolute: {href}"
                target = real_site / path.lstrip("/") / "index.html"
            else:
                target = (real_site / page).parent / path / "index.html"
            assert target.is_file(), f"{page}: footer link {href} leads nowhere"
            if anchor:
                ids = {node.attributes.get("id") for node in LexborHTMLParser(target.read_text(encoding="utf-8")).css("[id]")}
                assert anchor in ids, f"{page}: footer link {href}: no #{anchor} on {target}"


# --------------------------------------------------------------------------- Swedish words on English pages

@pytest.mark.parametrize("text", ["Lag (2018:1937) om tillgänglighet till digital offentlig service",
                                  "Dataintrång", "Brottsbalk (1962:700), 4 kap. 6 c och 9 c §§", "Utsatta och förövare",
                                  "14 kap. 1 §"])
def test_swedish_texts_are_recognised(text: str) -> None:
    assert swedish_terms.looks_swedish(text)


@pytest.mark.parametrize("text", ["Web Content Accessibility Guidelines (WCAG) 2.1", "Exit this page", "axe-core (README)",
                                  "Convention on the Elimination of All Forms of Discrimination against Women",
                                  "Multi-agency statutory guidance for dealing with forced marriage", "Wait till 2020",
                                  "Regional resource centres", ""])
def test_english_texts_are_not_marked(text: str) -> None:
    assert not swedish_terms.looks_swedish(text)
    assert swedish_terms.parts(text) == [(text, None)]


def test_bracketed_parts_in_the_other_language_are_marked_apart() -> None:
    assert swedish_terms.parts("Bortförda barn (UD travel information)") == [
        ("Bortförda barn", "sv"), (" ", None), ("(UD travel information)", None)]
    assert swedish_terms.parts("Act (1982:316) prohibiting female genital mutilation (Lag med förbud mot könsstympning av kvinnor)") == [
        ("Act (1982:316) prohibiting female genital mutilation", None), (" ", None),
        ("(Lag med förbud mot könsstympning av kvinnor)", "sv")]
    assert swedish_terms.parts("Lag om ändring (SFS 2014:381)") == [("Lag om ändring (SFS 2014:381)", "sv")]


def test_sources_are_marked_on_english_pages_only() -> None:
    source = {"title": "Skapa en tillgänglighetsredogörelse", "issuer": "Myndigheten för digital förvaltning (DIGG)",
              "year": 2024, "url": "https://www.digg.se/"}
    english = swedish_terms.mark_source(source, "en")
    assert english["in_swedish"] and english["title_parts"] == [(source["title"], "sv")]
    assert english["issuer_parts"] == [("Myndigheten för digital förvaltning (DIGG)", "sv")]
    swedish = swedish_terms.mark_source(source, "sv")
    assert not swedish["in_swedish"] and swedish["title_parts"] == [(source["title"], None)]
    english_title = swedish_terms.mark_source(dict(source, title="Exit this page"), "en")
    assert not english_title["in_swedish"]
    statute = swedish_terms.mark_statute({"name": "Swedish Criminal Code", "provision": "4 kap. 4 c §",
                                          "reference": "SFS 1962:700"}, "en")
    assert statute["name_parts"] == [("Swedish Criminal Code", None)]
    assert statute["provision_parts"] == [("4 kap. 4 c §", "sv")]


# --------------------------------------------------------------------------- tools for editors and partners

@pytest.mark.parametrize("path", ["stod/utsatt/", "en/stod/utsatt/", "malgrupper/utsatta/", "en/malgrupper/utsatta/"])
def test_pages_for_people_at_risk_offer_no_edit_link_and_no_embed_code(fixture_site: Path, path: str) -> None:
    tree = LexborHTMLParser((fixture_site / path / "index.html").read_text(encoding="utf-8"))
    assert tree.css_first("[data-portal-exit-link]") is not None
    assert not tree.css(".portal-edit, .portal-embed-offer, .portal-tools"), f"{path}: edit link or embed code shown"


@pytest.mark.parametrize("path", ["typfall/resan/", "en/lagstiftning/hedersfortryck/", "vagledning/tecken/"])
def test_edit_link_and_embed_code_are_in_about_this_page(fixture_site: Path, path: str) -> None:
    tree = LexborHTMLParser((fixture_site / path / "index.html").read_text(encoding="utf-8"))
    about = tree.css_first("section.portal-about")
    assert about is not None, f"{path}: no 'Om sidan' section"
    assert about.css_first(".portal-edit a") is not None and about.css_first("details.portal-embed-offer") is not None
    assert len(tree.css(".portal-edit")) == 1 and len(tree.css(".portal-embed-offer")) == 1
