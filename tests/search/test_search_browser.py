"""The search box in headless Chromium: typing, results in the page's language, facets, and the browser's
engine (engine.js, snowball-swedish.js, lunr.js) giving the same answers as the Python engine.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from conftest import ARTIFACTS, ROOT
from portal.search import analysis, quality
from portal.search.engine import Engine

INPUT = "#portal-search-input"
RESULTS = ".portal-search__result"
FACET_LEGENDS = {"sv": ["Innehållstyp", "Målgrupp", "Ämne"], "en": ["Content type", "Audience", "Topic"]}


def open_with_search(browser: Browser, url: str) -> tuple:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.ok
    return context, page, errors


def type_query(page: Page, query: str) -> list[str]:
    page.locator(INPUT).click()
    page.locator(INPUT).fill(query)
    page.wait_for_function("q => document.querySelector('[data-portal-search]')"
                           ".getAttribute('data-portal-search-shown') === q", arg=query)
    expect(page.locator(RESULTS).first).to_be_visible()
    return page.locator(RESULTS).evaluate_all("items => items.map(i => i.dataset.id)")


def result_paths(page: Page) -> list[str]:
    return [urlsplit(h).path for h in page.locator(f"{RESULTS} a").evaluate_all("links => links.map(a => a.href)")]


# ------------------------------------------------------------------ the fixture site

@pytest.mark.parametrize("lang,path,query,first", [
    ("sv", "/typfall/resan/", "hedersförtryck", "hedersfortryck"),
    ("sv", "/", "Sommarresan", "resan"),
    ("en", "/en/typfall/resan/", "summer trip", "resan"),
    ("en", "/en/", "honour oppression", "hedersfortryck"),
])
def test_typing_shows_results_of_the_page_language(browser, fixture_server, lang, path, query, first) -> None:
    context, page, errors = open_with_search(browser, fixture_server + path)
    try:
        assert page.locator(INPUT).get_attribute("placeholder") == ("Sök" if lang == "sv" else "Search")
        ids = type_query(page, query)
        assert ids[0] == first, ids
        paths = result_paths(page)
        assert all(p.startswith("/en/") == (lang == "en") for p in paths), paths
        item = page.locator(RESULTS).first
        expect(item.locator(".portal-search__type")).not_to_be_empty()
        expect(item.locator(".portal-search__description")).not_to_be_empty()
        legends = page.locator(".portal-search__facet legend").all_inner_texts()
        assert legends and set(legends) <= set(FACET_LEGENDS[lang]), legends
        assert not errors, errors
    finally:
        context.close()


def test_facets_narrow_the_results_and_enter_opens_the_first(browser, fixture_server) -> None:
    context, page, errors = open_with_search(browser, fixture_server + "/")
    try:
        before = type_query(page, "test")
        assert len(before) > 2
        facet = page.locator('.portal-search__facet[data-facet="type"] input').first
        facet.check()
        after = page.locator(RESULTS).evaluate_all("items => items.map(i => i.dataset.id)")
        assert 0 < len(after) < len(before)
        expect(page.locator("[data-portal-search-status]")).to_contain_text(str(len(after)))
        facet.uncheck()
        assert len(page.locator(RESULTS).all()) == len(before)
        first = result_paths(page)[0]
        page.locator(INPUT).press("Escape")
        expect(page.locator("[data-portal-search-panel]")).to_be_hidden()
        page.locator(INPUT).focus()
        with page.expect_navigation():
            page.locator(INPUT).press("Enter")
        assert urlsplit(page.url).path == first
        assert not errors, errors
    finally:
        context.close()


def test_a_q_parameter_opens_the_results(browser, fixture_server) -> None:
    context, page, errors = open_with_search(browser, fixture_server + "/?q=hedersf%C3%B6rtryck")
    try:
        expect(page.locator(RESULTS).first).to_have_attribute("data-id", "hedersfortryck")
        assert page.locator(INPUT).input_value() == "hedersförtryck"
        assert not errors, errors
    finally:
        context.close()


def test_no_result_message(browser, fixture_server) -> None:
    context, page, _ = open_with_search(browser, fixture_server + "/en/")
    try:
        page.locator(INPUT).fill("zzxqw")
        expect(page.locator("[data-portal-search-status]")).to_contain_text("No results")
    finally:
        context.close()


# ------------------------------------------------------------------ the same answers in both engines

def corpus_words() -> dict[str, list[str]]:
    """Every distinct word of docs/ and the fixture site, per language."""
    found: dict[str, set[str]] = {"sv": set(), "en": set()}
    for folder in (ROOT / "docs", ROOT / "tests" / "fixtures" / "site" / "docs"):
        for lang in found:
            for path in folder.rglob(f"*.{lang}.md"):
                found[lang].update(analysis.words(path.read_text(encoding="utf-8")))
    return {lang: sorted(words) for lang, words in found.items()}


def load_engine_in_page(page: Page) -> None:
    page.locator(INPUT).focus()
    expect(page.locator("[data-portal-search-ready]")).to_have_count(1)


def test_browser_stemmers_match_python(browser, fixture_server) -> None:
    words = corpus_words()
    for lang, path in (("sv", "/"), ("en", "/en/")):
        context, page, _ = open_with_search(browser, fixture_server + path)
        try:
            load_engine_in_page(page)
            folded = [analysis.fold(w) for w in words[lang]]
            in_browser = page.evaluate(
                "([words, lang]) => words.map(w => window.PortalSearchEngine.stem(w, lang))", [folded, lang])
            python = [analysis.stem(w, lang) for w in folded]
            differ = [(w, b, p) for w, b, p in zip(folded, in_browser, python) if b != p]
            assert len(folded) > 100 and not differ, differ[:20]
            tokens = page.evaluate("words => words.map(w => window.PortalSearchEngine.words(w).join(' '))",
                                   ["Könsstympning, LVU: 31 a § – hbtqi-personer!", "4 kap. 4 e §"])
            assert tokens == [" ".join(analysis.words(t)) for t in
                              ["Könsstympning, LVU: 31 a § – hbtqi-personer!", "4 kap. 4 e §"]]
        finally:
            context.close()


def test_browser_engine_ranks_like_python_on_the_query_set(browser, real_site: Path) -> None:
    from conftest import serve
    url, server = serve(real_site)
    queries = quality.load_queries(ROOT / "tests" / "search_queries.yml")
    try:
        for lang, path in (("sv", "/"), ("en", "/en/")):
            data = json.loads(quality.data_files(real_site)[lang].read_text(encoding="utf-8"))
            python = Engine(data)
            texts = [q["q"] for q in queries if q["lang"] == lang] + ["äktenskap", "orosanm", "tvangsaktenskpa",
                                                                        "skolpersonalen", "barnäktens"]
            context, page, errors = open_with_search(browser, url + path)
            try:
                load_engine_in_page(page)
                in_browser = page.evaluate(
                    """async ([url, texts]) => {
                         const data = await (await fetch(url)).json();
                         const engine = new window.PortalSearchEngine.Engine(data);
                         return texts.map(t => engine.ids(t, 5));
                       }""", [page.locator("[data-portal-search]").get_attribute("data-index"), texts])
                differ = [f"{t!r}: browser {b}, python {python.ids(t, 5)}"
                          for t, b in zip(texts, in_browser) if b != python.ids(t, 5)]
                assert not differ, "\n".join(differ)
                assert not errors, errors
            finally:
                context.close()
    finally:
        server.shutdown()


# ------------------------------------------------------------------ the shipped content

SAMPLE = {
    "sv": [("könsstympningen", {"risk-for-konsstympning", "konsstympningslagen"}),
           ("äktenskap", {"barnaktenskapsbrott", "aktenskapstvang", "utlandska-barnaktenskap", "kusinaktenskap"}),
           ("omskärelse", {"risk-for-konsstympning", "konsstympningslagen"}),
           ("tvangsaktenskap", {"aktenskapstvang", "sommarresan", "kusinaktenskap"})],
    "en": [("FGM", {"risk-for-konsstympning", "konsstympningslagen"}),
           ("forced marriage", {"aktenskapstvang", "sommarresan", "kusinaktenskap"}),
           ("Reporting concern to social services", {"orosanmalan"})],
}


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_shipped_content_in_the_real_search_box(browser, real_server, lang) -> None:
    context, page, errors = open_with_search(browser, real_server + ("/" if lang == "sv" else "/en/"))
    try:
        for query, expected in SAMPLE[lang]:
            ids = type_query(page, query)
            assert set(ids[:3]) & expected, (query, ids[:5])
            assert all(p.startswith("/en/") == (lang == "en") for p in result_paths(page))
            expect(page.locator(".portal-search__facet").first).to_be_visible()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"search-{lang}.png"))
        assert not errors, errors
    finally:
        context.close()


def test_open_results_panel_has_no_axe_violations(browser, fixture_server) -> None:
    """WCAG 2.1 A/AA (axe-core) on the search box with results and facets shown, in both languages."""
    axe = ROOT / "node_modules" / "axe-core" / "axe.min.js"
    if not axe.exists():
        pytest.skip("axe-core is not installed: run `npm ci` (make test does)")
    for path, query in (("/", "hedersförtryck"), ("/en/", "summer trip")):
        context, page, _ = open_with_search(browser, fixture_server + path)
        try:
            type_query(page, query)
            page.locator('.portal-search__facet input').first.check()
            page.add_script_tag(path=str(axe))
            result = page.evaluate("""() => axe.run(document.querySelector('[data-portal-search]'),
                                     {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})""")
            violations = [(v["id"], [n["html"][:120] for n in v["nodes"]]) for v in result["violations"]]
            assert not violations, violations
        finally:
            context.close()
