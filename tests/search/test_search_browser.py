"""The search box in headless Chromium: typing, results in the page's language, facets, the words left out,
the phone layout, clearing the box, and the browser's engine (engine.js, the stemmers) giving the same
answers as the Python engine.
"""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Route, expect

from conftest import ROOT
from portal.search import analysis, quality
from search_helpers import (INPUT, RESULTS, STATUS, engine_results, load_engine, open_with_search, screenshot,
                            type_query)

FACET_LEGENDS = {"sv": ["Innehållstyp", "Målgrupp", "Ämne"], "en": ["Content type", "Audience", "Topic"]}
PHONE = {"width": 390, "height": 844}


def result_paths(page) -> list[str]:
    return [urlsplit(h).path for h in page.locator(f"{RESULTS} a.portal-search__link").evaluate_all(
        "links => links.map(a => a.href)")]


# ------------------------------------------------------------------ the fixture site

@pytest.mark.parametrize("lang,path,query,first", [
    ("sv", "/typfall/resan/", "hedersförtryck", "hedersfortryck"),
    ("sv", "/", "Sommarresan", "resan"),
    ("en", "/en/typfall/resan/", "summer trip", "resan"),
    ("en", "/en/", "honour oppression", "hedersfortryck"),
])
def test_typing_shows_results_of_the_page_language(browser, fixture_server, lang, path, query, first) -> None:
    context, page, errors = open_with_search(browser, fixture_server + path)
    requests: list[str] = []
    failed: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    context.on("requestfailed", lambda r: failed.append(r.url))
    context.on("response", lambda r: failed.append(r.url) if r.status >= 400 and "/search/" in r.url else None)
    try:
        assert page.locator(INPUT).get_attribute("placeholder") == ("Sök" if lang == "sv" else "Search")
        ids = type_query(page, query)
        assert ids[0] == first, ids
        paths = result_paths(page)
        assert all(p.startswith("/en/") == (lang == "en") for p in paths), paths
        item = page.locator(RESULTS).first
        expect(item.locator(".portal-search__type")).not_to_be_empty()
        expect(item.locator(".portal-search__description")).not_to_be_empty()     # from the fragments
        legends = page.locator(".portal-search__facet legend").all_inner_texts()
        assert legends and set(legends) <= set(FACET_LEGENDS[lang]), legends
        search_requests = [urlsplit(u).path for u in requests if urlsplit(u).path.endswith(".json")]
        assert search_requests and all(p.startswith("/en/search/" if lang == "en" else "/search/")
                                       for p in search_requests), search_requests
        assert all(urlsplit(u).hostname == "127.0.0.1" for u in requests)
        assert not [u for u in failed if "/search/" in u or u.endswith(".js")], failed
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
        expect(page.locator(STATUS)).to_contain_text(str(len(after)))
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


@pytest.mark.parametrize("path,query,message,results", [
    ("/en/", "zzxqw", "No results for: zzxqw.", False),
    ("/", "hedersförtryck zzxqw", "Inga träffar för: zzxqw.", True),
    ("/en/", "summer trip zzxqw qqwzz", "No results for: zzxqw, qqwzz.", True),
    ("/", "zzxqw qqwzz", "Inga träffar för: zzxqw, qqwzz.", False),
])
def test_words_that_match_nothing_are_named(browser, fixture_server, path, query, message, results) -> None:
    context, page, errors = open_with_search(browser, fixture_server + path)
    try:
        page.locator(INPUT).fill(query)
        expect(page.locator(STATUS)).to_contain_text(message)
        if results:
            expect(page.locator(RESULTS).first).to_be_visible()
        else:
            expect(page.locator(RESULTS)).to_have_count(0)
        assert not errors, errors
    finally:
        context.close()


def test_clearing_the_box_never_shows_old_results(browser, fixture_server) -> None:
    context, page, errors = open_with_search(browser, fixture_server + "/")
    try:
        type_query(page, "hedersförtryck")
        # Record every moment the list shows results while the box holds less than two letters.
        page.evaluate("""() => {
          window.__stale = [];
          const box = document.querySelector('#portal-search-input');
          new MutationObserver(() => {
            if (box.value.trim().length < 2 && document.querySelector('.portal-search__result'))
              window.__stale.push(box.value);
          }).observe(document.querySelector('[data-portal-search]'), {childList: true, subtree: true});
        }""")
        page.locator(INPUT).fill("")
        expect(page.locator(RESULTS)).to_have_count(0)
        expect(page.locator("[data-portal-search-panel]")).to_be_hidden()
        page.locator(INPUT).press_sequentially("s")            # one letter: the old results must not come back
        expect(page.locator("[data-portal-search-panel]")).to_be_visible()
        page.wait_for_timeout(300)
        assert page.locator(RESULTS).count() == 0
        page.locator(INPUT).press_sequentially("ommarresan")
        expect(page.locator(RESULTS).first).to_have_attribute("data-id", "resan")
        page.locator(INPUT).press("Control+a")
        page.locator(INPUT).press("Backspace")                 # cleared with the keyboard
        expect(page.locator(RESULTS)).to_have_count(0)
        assert page.evaluate("window.__stale") == []
        assert not errors, errors
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_filters_are_reachable_from_the_top_on_a_phone(browser, fixture_server, lang) -> None:
    path, query = ("/", "test") if lang == "sv" else ("/en/", "test")
    context, page, errors = open_with_search(browser, fixture_server + path, viewport=PHONE, is_mobile=True,
                                             has_touch=True)
    try:
        page.locator(INPUT).click()
        page.locator(INPUT).fill(query)
        expect(page.locator(RESULTS).first).to_be_visible()
        toggle = page.locator("[data-portal-search-filter-toggle]")
        expect(toggle).to_be_visible()
        expect(page.locator(".portal-search__facet").first).to_be_hidden()
        panel_top = page.locator("[data-portal-search-panel]").bounding_box()["y"]
        assert toggle.bounding_box()["y"] < panel_top + 120, "the filter button is not at the top of the panel"
        assert toggle.get_attribute("aria-expanded") == "false"
        toggle.click()
        assert toggle.get_attribute("aria-expanded") == "true"
        facet = page.locator(".portal-search__facet").first
        expect(facet).to_be_visible()
        assert facet.bounding_box()["y"] < page.locator(RESULTS).first.bounding_box()["y"], \
            "the filters open below the results"
        before = page.locator(RESULTS).count()
        page.locator('.portal-search__facet[data-facet="type"] input').first.check()
        assert page.locator(RESULTS).count() <= before
        expect(toggle).to_contain_text("1")
        screenshot(page, f"search-phone-{lang}")
        assert not errors, errors
    finally:
        context.close()


def test_a_title_with_markup_is_shown_as_text(browser, fixture_server) -> None:
    """Whatever a title holds, the list shows it as text (here meta.json is altered on its way)."""
    context, page, errors = open_with_search(browser, fixture_server + "/en/")
    title = '<img src=x onerror="window.__injected=1"><b>Bold</b> & more'

    def altered(route: Route) -> None:
        meta = json.loads(route.fetch().text())
        for row in meta["docs"]:
            row[1] = title + " " + row[1]
        route.fulfill(body=json.dumps(meta), content_type="application/json")

    page.route("**/en/search/meta.json", altered)
    try:
        type_query(page, "summer trip")
        shown = page.locator(f"{RESULTS} .portal-search__title").first.text_content()
        assert shown.startswith(title)
        assert page.locator(".portal-search img, .portal-search b").count() == 0
        assert page.evaluate("window.__injected") is None
        assert not errors, errors
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


def test_browser_analysis_matches_python(browser, fixture_server) -> None:
    """Folding, irregular forms, stop words, American spellings and stemming: every word of the portal."""
    words = corpus_words()
    words["en"] += ["honor", "behaviors", "centers", "recognized", "offenses", "traveling", "pediatrician",
                    "counselor", "rigorous", "honorary", "men", "women", "children"]
    for lang, path in (("sv", "/"), ("en", "/en/")):
        context, page, _ = open_with_search(browser, fixture_server + path)
        try:
            load_engine(page)
            in_browser = page.evaluate(
                """async (words) => {
                     const folder = document.querySelector('[data-portal-search]').getAttribute('data-folder');
                     const engine = new window.PortalSearchEngine.Engine(await (await fetch(folder + 'meta.json')).json());
                     return words.map(w => engine.analyse(w));
                   }""", words[lang])
            python = [analysis.term(w, lang) for w in words[lang]]
            differ = [(w, b, p) for w, b, p in zip(words[lang], in_browser, python) if b != p]
            assert len(words[lang]) > 100 and not differ, differ[:20]
            texts = ["Könsstympning, LVU: 31 a § – hbtqi-personer!", "4 kap. 4 e §", "naïve café ﬁn 𝐀x"]
            tokens = page.evaluate("texts => texts.map(t => window.PortalSearchKeys.words(t).join(' '))", texts)
            assert tokens == [" ".join(analysis.words(t)) for t in texts]
        finally:
            context.close()


def test_browser_engine_ranks_like_python_on_the_query_set(browser, real_site: Path) -> None:
    from conftest import serve
    url, server = serve(real_site)
    queries = quality.load_queries(ROOT / "tests" / "search_queries.yml", "all")
    engines = quality.load_engines(real_site)
    try:
        for lang, path in (("sv", "/"), ("en", "/en/")):
            python = engines[lang]
            texts = [q["q"] for q in queries if q["lang"] == lang] + [
                "äktenskap", "orosanm", "tvangsaktenskpa", "skolpersonalen", "barnäktens", "zzqx äktenskap",
                "married off", "honor killing", "helpline", "könsstympningsriskbedömning"]
            context, page, errors = open_with_search(browser, url + path)
            try:
                differ = []
                for text, got in zip(texts, engine_results(page, texts)):
                    result = python.search(text)
                    want = {"ids": [h.doc["id"] for h in result.hits[:5]],
                            "sections": [h.section for h in result.hits[:5]], "leftOut": result.left_out,
                            "missing": [], "labels": [g.label for g in python.plan(text)]}
                    if got != want:
                        differ.append(f"{text!r}: browser {got}, python {want}")
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
        screenshot(page, f"search-{lang}")
        assert not errors, errors
    finally:
        context.close()


def test_a_result_links_to_the_section_that_answers(browser, real_server) -> None:
    context, page, errors = open_with_search(browser, real_server + "/en/")
    try:
        type_query(page, "what the reviewer checks")
        link = page.locator(f"{RESULTS} .portal-search__section").first
        expect(link).to_contain_text("What the reviewer checks")
        assert urlsplit(link.get_attribute("href")).fragment == "what-the-reviewer-checks"
        with page.expect_navigation():
            link.click()
        assert page.locator("#what-the-reviewer-checks").count() == 1
        assert not errors, errors
    finally:
        context.close()


def test_open_results_panel_has_no_axe_violations(browser, fixture_server) -> None:
    """WCAG 2.1 A/AA (axe-core) on the search box with results and facets shown, in both languages."""
    axe = ROOT / "node_modules" / "axe-core" / "axe.min.js"
    if not axe.exists():
        pytest.skip("axe-core is not installed: run `npm ci` (make test does)")
    for path, query, viewport in (("/", "hedersförtryck", None), ("/en/", "summer trip zzqx", None),
                                  ("/", "test", PHONE)):
        options = {"viewport": viewport} if viewport else {}
        context, page, _ = open_with_search(browser, fixture_server + path, **options)
        try:
            type_query(page, query)
            if viewport:
                page.locator("[data-portal-search-filter-toggle]").click()
            page.locator('.portal-search__facet input').first.check()
            page.add_script_tag(path=str(axe))
            result = page.evaluate("""() => axe.run(document.querySelector('[data-portal-search]'),
                                     {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})""")
            violations = [(v["id"], [n["html"][:120] for n in v["nodes"]]) for v in result["violations"]]
            assert not violations, violations
        finally:
            context.close()
