"""Browser tests: what a reader sees on the built fixture site, in headless Chromium.

Every test gets a fresh browser context (no shared cookies, storage or history).
The site is the production build of tests/fixtures/site/docs, served on 127.0.0.1;
nothing here depends on the real content in docs/.
"""
from __future__ import annotations

import contextlib
import re
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect

from conftest import ARTIFACTS, serve

# One page of each type, by its Swedish path (the English one is "/en" + path).
PAGES = {
    "index": "/",
    "guidance": "/vagledning/tecken/",
    "typology": "/typfall/resan/",
    "legal": "/lagstiftning/hedersfortryck/",
    "joint-guidance": "/samverkan/kedjan/",
    "page": "/stod/utsatt/",
    "listing": "/amnen/barnaktenskap/",
}
LANGUAGES = {"sv": "Svenska", "en": "English"}
SUPPORT_PAGE = PAGES["page"]            # audience at-risk: carries the quick exit
UNTRANSLATED = "/endast-svenska/"       # exists only in Swedish
PROFESSIONAL_TYPES = ["guidance", "typology", "legal", "joint-guidance"]
AT_RISK_LISTING = "/malgrupper/utsatta/"  # generated audience listing for people at risk

NEUTRAL_URL = "https://www.smhi.se/"    # mkdocs.yml extra.portal.quick_exit_url default
NEUTRAL_TITLE = "Neutral"
EXIT_LINK = "[data-portal-exit-link]"
PORTAL_PRIMARY = "rgb(29, 85, 102)"     # --md-primary-fg-color in portal.css (#1d5566)

DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 375, "height": 667}


# --------------------------------------------------------------------------- helpers

def localized(path: str, lang: str) -> str:
    """Path of a Swedish page in `lang`: '/typfall/resan/' -> '/en/typfall/resan/'."""
    return path if lang == "sv" else f"/{lang}{path}"


@contextlib.contextmanager
def new_page(browser: Browser, **context_options) -> Iterator[tuple[BrowserContext, Page]]:
    """A page in a fresh browser context, closed afterwards."""
    context_options.setdefault("viewport", DESKTOP)
    context = browser.new_context(**context_options)
    context.set_default_timeout(10_000)
    try:
        yield context, context.new_page()
    finally:
        context.close()


def open_page(page: Page, url: str) -> None:
    """Load a URL and wait until the page and its scripts have settled."""
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.ok, \
        f"{url} answered {response.status if response else 'nothing'}"


def path_of(page: Page) -> str:
    return urlsplit(page.url).path


def html_lang(page: Page) -> str:
    return page.locator("html").get_attribute("lang") or ""


def alternates(page: Page) -> dict[str, str]:
    """hreflang -> absolute URL path of the <link rel=alternate> elements in <head>."""
    pairs = page.eval_on_selector_all(
        "head link[rel=alternate][hreflang]", "els => els.map(e => [e.hreflang, e.href])")
    return {lang: urlsplit(href).path for lang, href in pairs}


def switch_language(page: Page, language_name: str) -> None:
    """Follow the header's link to the other language, which names it in words, in that language."""
    link = page.locator(".md-header a[data-portal-lang-link]")
    expect(link, "the header has no link to the other language").to_have_count(1)
    expect(link, f"the language link does not say '{language_name}'").to_have_text(language_name)
    code = next(code for code, name in LANGUAGES.items() if name == language_name)
    assert link.get_attribute("lang") == code and link.get_attribute("hreflang") == code, \
        f"the '{language_name}' link lacks lang/hreflang={code}"
    assert_in_viewport(page, ".md-header a[data-portal-lang-link]", "the language link")
    with page.expect_navigation(wait_until="networkidle"):
        link.click()


def assert_language_version(page: Page, sv_path: str, lang: str) -> None:
    """The page shown is the `lang` version of `sv_path`, declared so in <html> and <head>."""
    expected = localized(sv_path, lang)
    assert path_of(page) == expected, \
        f"language switch to {lang} landed on {path_of(page)}, expected the same page at {expected}"
    assert html_lang(page) == lang, f"{expected}: <html lang> is {html_lang(page)!r}, expected {lang!r}"
    assert alternates(page) == {"sv": localized(sv_path, "sv"), "en": localized(sv_path, "en")}, \
        f"{expected}: hreflang alternates are {alternates(page)}"


def assert_in_viewport(page: Page, selector: str, what: str) -> None:
    """The element is visible, lies inside the current viewport and is not covered by anything."""
    element = page.locator(selector)
    expect(element, f"{what} is not visible").to_be_visible()
    box = element.bounding_box()
    size = page.viewport_size
    assert box is not None and size is not None
    assert box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= size["width"] \
        and box["y"] + box["height"] <= size["height"], \
        f"{what} at {box} is not inside the {size['width']}x{size['height']} viewport"
    on_top = page.evaluate(
        """([sel, x, y]) => { const el = document.elementFromPoint(x, y);
                              return !!el && !!el.closest(sel); }""",
        [selector, box["x"] + box["width"] / 2, box["y"] + box["height"] / 2])
    assert on_top, f"{what} is covered by another element at its centre"


def use_like_a_reader(page: Page) -> None:
    """Search (search code and data may load only now) and expand every collapsed block."""
    search = page.locator("[role=search] input").first
    expect(search, "the header has no visible search box").to_be_visible()
    search.click()
    search.fill("text")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)  # lazily started search scripts
    page.keyboard.press("Escape")
    for summary in page.locator("details > summary").all():
        if summary.is_visible():
            summary.click()
    page.wait_for_load_state("networkidle")


def fulfil_neutral(route: Route) -> None:
    route.fulfill(body=f"<!doctype html><title>{NEUTRAL_TITLE}</title><p>neutral</p>",
                  content_type="text/html")


def shift_times(page: Page, times: int, pause_ms: int = 100) -> None:
    for _ in range(times):
        page.keyboard.press("Shift")
        page.wait_for_timeout(pause_ms)


def screenshot(page: Page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    target = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(target), full_page=True, animations="disabled")
    assert target.stat().st_size > 0, f"screenshot {target} is empty"
    return target


# --------------------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def start_page(tmp_path_factory, fixture_server) -> Iterator[str]:
    """A page on another origin (another localhost port) linking to the portal's support pages."""
    directory = tmp_path_factory.mktemp("start-origin")
    links = "".join(f'<a id="go-{lang}" href="{fixture_server}{localized(SUPPORT_PAGE, lang)}">{lang}</a> '
                    for lang in LANGUAGES)
    (directory / "start.html").write_text(
        f"<!doctype html><title>Start</title><p>Start page</p>{links}", encoding="utf-8")
    url, server = serve(directory)
    yield f"{url}/start.html"
    server.shutdown()


# --------------------------------------------------------------------------- 1. language switcher

@pytest.mark.parametrize("kind", PAGES)
def test_language_switcher_keeps_the_page(browser, fixture_server, kind):
    """Svenska -> English -> Svenska through the header selector stays on the same page."""
    sv_path = PAGES[kind]
    with new_page(browser) as (_, page):
        open_page(page, fixture_server + sv_path)
        assert_language_version(page, sv_path, "sv")
        switch_language(page, LANGUAGES["en"])
        assert_language_version(page, sv_path, "en")
        switch_language(page, LANGUAGES["sv"])
        assert_language_version(page, sv_path, "sv")


# --------------------------------------------------------------------------- 2. privacy

PRIVACY_PATHS = [localized(p, lang) for p in PAGES.values() for lang in LANGUAGES] + \
                [localized(UNTRANSLATED, lang) for lang in LANGUAGES]


@pytest.mark.parametrize("path", PRIVACY_PATHS)
def test_pages_contact_no_other_host_and_set_no_cookies(browser, fixture_server, path):
    """Loading, searching and opening details only talks to the portal's own host; no cookies."""
    with new_page(browser) as (context, page):
        requests: list[str] = []
        context.on("request", lambda request: requests.append(request.url))
        # Keep the test hermetic: anything not local is recorded above, then refused.
        context.route(re.compile(r"^(?!http://127\.0\.0\.1[:/])"), lambda route: route.abort())
        open_page(page, fixture_server + path)
        use_like_a_reader(page)

        assert any(urlsplit(url).path.endswith(".css") for url in requests), \
            f"no stylesheet request was seen, so the recording is incomplete: {requests}"
        foreign = [url for url in requests if urlsplit(url).hostname != "127.0.0.1"]
        assert not foreign, f"{path} contacted other hosts: {foreign}"
        assert context.cookies() == [], f"{path} set cookies: {context.cookies()}"


# --------------------------------------------------------------------------- 3. quick exit

def arrive_from_other_origin(page: Page, start_url: str, lang: str) -> None:
    """Open the start page on another origin and follow its link to the support page."""
    open_page(page, start_url)
    with page.expect_navigation(wait_until="networkidle"):
        page.locator(f"#go-{lang}").click()
    assert path_of(page) == localized(SUPPORT_PAGE, lang), f"did not reach the support page: {page.url}"
    assert page.locator(EXIT_LINK).get_attribute("href") == NEUTRAL_URL, \
        "the exit link does not point to the configured neutral site"


def assert_left_without_trace(page: Page, start_url: str) -> None:
    """On the neutral site; Back goes to the page before the portal, not to the portal."""
    page.wait_for_url(NEUTRAL_URL + "**")
    assert page.title() == NEUTRAL_TITLE, f"neutral page not shown: title {page.title()!r}"
    page.go_back(wait_until="load")
    assert page.url == start_url and page.title() == "Start", \
        f"Back after the quick exit showed {page.url}, expected the start page {start_url}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_quick_exit_link_replaces_the_history_entry(browser, start_page, lang):
    with new_page(browser) as (context, page):
        context.route(NEUTRAL_URL + "**", fulfil_neutral)
        arrive_from_other_origin(page, start_page, lang)
        page.locator(EXIT_LINK).click()
        assert_left_without_trace(page, start_page)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_quick_exit_by_pressing_shift_three_times(browser, start_page, lang):
    with new_page(browser) as (context, page):
        context.route(NEUTRAL_URL + "**", fulfil_neutral)
        arrive_from_other_origin(page, start_page, lang)
        shift_times(page, 3)
        assert_left_without_trace(page, start_page)


def test_shift_presses_more_than_a_second_apart_do_not_exit(browser, fixture_server):
    with new_page(browser) as (context, page):
        context.route(NEUTRAL_URL + "**", fulfil_neutral)
        open_page(page, fixture_server + SUPPORT_PAGE)
        shift_times(page, 2)
        page.wait_for_timeout(1300)
        shift_times(page, 1, pause_ms=500)
        assert path_of(page) == SUPPORT_PAGE, f"two presses, a pause, then one more left the page: {page.url}"


def test_holding_shift_down_does_not_exit(browser, fixture_server):
    with new_page(browser) as (context, page):
        context.route(NEUTRAL_URL + "**", fulfil_neutral)
        open_page(page, fixture_server + SUPPORT_PAGE)
        for _ in range(4):  # one press, then auto-repeat keydowns (event.repeat === true)
            page.keyboard.down("Shift")
            page.wait_for_timeout(50)
        page.keyboard.up("Shift")
        page.wait_for_timeout(500)
        assert path_of(page) == SUPPORT_PAGE, f"holding Shift down left the page: {page.url}"


def test_quick_exit_link_works_without_javascript(browser, fixture_server):
    with new_page(browser, java_script_enabled=False) as (context, page):
        context.route(NEUTRAL_URL + "**", fulfil_neutral)
        open_page(page, fixture_server + SUPPORT_PAGE)
        page.locator(EXIT_LINK).click()
        page.wait_for_url(NEUTRAL_URL + "**")
        assert page.title() == NEUTRAL_TITLE


@pytest.mark.parametrize("viewport", [MOBILE, DESKTOP], ids=["mobile", "desktop"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_quick_exit_is_in_the_first_viewport(browser, fixture_server, viewport, lang):
    mobile = viewport == MOBILE
    with new_page(browser, viewport=viewport, is_mobile=mobile, has_touch=mobile) as (_, page):
        open_page(page, fixture_server + localized(SUPPORT_PAGE, lang))
        assert page.evaluate("window.scrollY") == 0
        assert_in_viewport(page, EXIT_LINK, f"the exit link ({viewport['width']}x{viewport['height']}, {lang})")
        # It stays in view when the reader scrolls.
        page.mouse.wheel(0, 2000)
        page.wait_for_timeout(200)
        assert_in_viewport(page, EXIT_LINK, "the exit link after scrolling")


@pytest.mark.parametrize("viewport", [MOBILE, DESKTOP], ids=["mobile", "desktop"])
def test_quick_exit_does_not_cover_the_footer_links(browser, fixture_server, viewport):
    with new_page(browser, viewport=viewport) as (_, page):
        open_page(page, fixture_server + SUPPORT_PAGE)
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_timeout(300)
        covered = page.evaluate("""() => {
            const exit = document.querySelector('[data-portal-exit-link]').getBoundingClientRect();
            return [...document.querySelectorAll('.md-footer__link')].filter(el => {
                const b = el.getBoundingClientRect();
                return b.width && !(b.right <= exit.left || b.left >= exit.right ||
                                    b.bottom <= exit.top || b.top >= exit.bottom);
            }).map(el => el.textContent.trim().replace(/\\s+/g, ' '));
        }""")
        assert not covered, f"at the bottom of the page the exit button covers footer links: {covered}"




# --------------------------------------------------------------------------- 4. untranslated page

def test_untranslated_page_says_so_in_english(browser, fixture_server):
    with new_page(browser) as (_, page):
        open_page(page, fixture_server + localized(UNTRANSLATED, "en"))
        assert html_lang(page) == "en", f"<html lang> is {html_lang(page)!r}"
        notice = page.locator(".portal-notice--untranslated")
        expect(notice, "the untranslated-page notice is not shown").to_be_visible()
        expect(notice).to_contain_text("not been translated")
        assert notice.get_attribute("lang") in (None, "en"), "the English notice is marked as another language"
        content = page.locator('.portal-page[lang="sv"]')
        expect(content, "the Swedish text is not wrapped in an element with lang=sv").to_have_count(1)
        expect(content).to_contain_text("Den här texten är på svenska.")
        # The notice comes before, not inside, the Swedish container.
        assert page.locator('.portal-page[lang="sv"] .portal-notice--untranslated').count() == 0


def test_translated_pages_have_no_untranslated_notice(browser, fixture_server):
    with new_page(browser) as (_, page):
        for lang in LANGUAGES:
            open_page(page, fixture_server + localized(PAGES["typology"], lang))
            assert page.locator(".portal-notice--untranslated").count() == 0, f"{page.url} says it is untranslated"
            assert page.locator(".portal-page[lang]").count() == 0, f"{page.url} marks its text as another language"


# --------------------------------------------------------------------------- 5. screenshots

SCREENSHOT_TYPES = ["guidance", "typology", "legal", "joint-guidance", "page", "listing"]


@pytest.mark.parametrize("kind", SCREENSHOT_TYPES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_screenshot_of_each_page_type(browser, fixture_server, kind, lang):
    with new_page(browser) as (_, page):
        open_page(page, fixture_server + localized(PAGES[kind], lang))
        header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
        assert header == PORTAL_PRIMARY, f"portal.css colours not applied: header is {header}"
        screenshot(page, f"{kind}-{lang}")


def test_screenshot_of_untranslated_page(browser, fixture_server):
    with new_page(browser) as (_, page):
        open_page(page, fixture_server + localized(UNTRANSLATED, "en"))
        screenshot(page, "untranslated-en")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_screenshot_of_support_page_on_mobile(browser, fixture_server, lang):
    with new_page(browser, viewport=MOBILE, is_mobile=True, has_touch=True) as (_, page):
        open_page(page, fixture_server + localized(SUPPORT_PAGE, lang))
        screenshot(page, f"page-{lang}-mobile")


# --------------------------------------------------------------------------- print

@pytest.mark.parametrize("kind", ["typology", "page"])
def test_print_stylesheet_hides_navigation(browser, fixture_server, kind):
    """Printed pages keep the text and its address, and drop navigation and the quick exit."""
    with new_page(browser) as (_, page):
        open_page(page, fixture_server + PAGES[kind])
        canonical = page.locator("link[rel=canonical]").get_attribute("href") or ""
        assert canonical.endswith(PAGES[kind]), f"unexpected canonical URL {canonical!r}"
        expect(page.locator(".portal-print-url"), "the print URL is shown on screen").to_be_hidden()
        if kind == "page":
            expect(page.locator(".portal-exit"), "the quick exit is missing on screen").to_be_visible()

        page.emulate_media(media="print")
        for selector in (".md-sidebar--primary", ".md-header", ".portal-exit", ".md-footer"):
            for element in page.locator(selector).all():
                expect(element, f"{selector} is visible in print").to_be_hidden()
        print_url = page.locator(".portal-print-url")
        expect(print_url, "the page address is not printed").to_be_visible()
        # The printed address is the page's public (canonical) URL, not the test server's.
        expect(print_url).to_contain_text(canonical)
        expect(page.locator("article h1")).to_be_visible()
        if kind == "typology":
            # Printing (beforeprint) opens collapsed blocks so their text is on paper.
            hidden_text = page.locator("details").get_by_text("Dold text")
            expect(hidden_text, "collapsed text shown before printing").to_be_hidden()
            page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
            expect(hidden_text, "the collapsed ??? block is not opened for printing").to_be_visible()
        screenshot(page, f"{kind}-sv-print")


# --------------------------------------------------------------------------- every page: quick exit, keyboard, language

# One page of each kind a reader can land on, by path (both languages unless the path says).
LANDING = dict(PAGES, glossary="/ordlista/", at_risk_listing=AT_RISK_LISTING, not_found="/404.html",
               embed="/embed/resan/")
SKIP_LINK = "a.portal-skip"
ZOOM_200 = {"viewport": {"width": 683, "height": 384}, "device_scale_factor": 2}   # 1366x768 at 200 %
WIDTHS = {"320": {"viewport": {"width": 320, "height": 640}, "is_mobile": True, "has_touch": True},
          "390": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
          "1366": {"viewport": {"width": 1366, "height": 768}},
          "200%": ZOOM_200}


def built_pages(site: Path) -> tuple[list[str], list[str]]:
    """Every HTML file of a build as a URL path: (pages, forwarding pages with a meta refresh)."""
    pages, forwards = [], []
    for file in sorted(site.rglob("*.html")):
        rel = "/" + file.relative_to(site).as_posix()
        path = rel[:-len("index.html")] if rel.endswith("/index.html") else rel
        (forwards if 'http-equiv="refresh"' in file.read_text(encoding="utf-8") else pages).append(path)
    return pages, forwards


def test_every_built_page_has_the_quick_exit(browser, fixture_site, fixture_server):
    """Every page of the build, both languages, the 404 pages and the embed views: one visible exit
    link to the neutral site. Forwarding pages (shown for an instant) carry it as their first link."""
    pages, forwards = built_pages(fixture_site)
    assert {"/404.html", "/en/404.html", "/embed/resan/", "/en/embed/resan/", "/ordlista/", "/en/"} <= set(pages)
    missing = []
    with new_page(browser) as (_, page):
        for path in pages:
            page.goto(fixture_server + path, wait_until="load")
            exits = page.locator(EXIT_LINK)
            if exits.count() != 1 or not exits.is_visible() or exits.get_attribute("href") != NEUTRAL_URL:
                missing.append(path)
    assert not missing, f"pages without exactly one visible quick exit: {missing}"
    assert forwards, "the fixture build has no forwarding pages: the check below tests nothing"
    from selectolax.lexbor import LexborHTMLParser
    for path in forwards:
        file = fixture_site / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))
        links = LexborHTMLParser(file.read_text(encoding="utf-8")).css("a")
        assert links and "data-portal-exit-link" in links[0].attributes \
            and links[0].attributes.get("href") == NEUTRAL_URL, f"{path}: the quick exit is not the first link"


# A real DOM walk: the client rectangles of every non-blank text node in the main content that
# intersect the exit button's box.
COVERED_TEXT = """() => {
  const exit = document.querySelector('[data-portal-exit-link]').getBoundingClientRect();
  const root = document.querySelector('.md-content, [data-portal-embed-content]');
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const hits = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim() || node.parentElement.closest('[data-portal-exit], .portal-embed__exit')) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      if (r.width && r.height && r.left < exit.right && r.right > exit.left && r.top < exit.bottom && r.bottom > exit.top)
        hits.push(node.textContent.trim().slice(0, 40));
    }
  }
  return {hits, exit: [exit.left, exit.top, exit.width, exit.height]};
}"""


@pytest.mark.parametrize("size", WIDTHS)
@pytest.mark.parametrize("kind", ["page", "typology", "legal", "listing", "glossary", "not_found", "embed"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_quick_exit_covers_no_text(browser, fixture_server, size, kind, lang):
    """At 320, 390 and 1366 px and at 200 % zoom the exit lies over no text of the page's content:
    not where the page opens, and not after scrolling down and back."""
    with new_page(browser, **WIDTHS[size]) as (_, page):
        open_page(page, fixture_server + localized(LANDING[kind], lang))
        for scroll in (0, 300, 0):
            page.evaluate(f"window.scrollTo(0, {scroll})")
            page.wait_for_timeout(100)
            if scroll == 0:
                found = page.evaluate(COVERED_TEXT)
                assert found["exit"][2] > 0, f"{page.url}: the exit has no size"
                assert not found["hits"], f"{page.url} at {size}: the exit at {found['exit']} covers text {found['hits']}"
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), \
            f"{page.url} at {size}: the page scrolls sideways"
        assert_in_viewport(page, EXIT_LINK, f"the exit link at {size}")


@pytest.mark.parametrize("kind", ["index", "typology", "page", "listing", "glossary", "not_found"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_tab_order_skip_link_then_quick_exit_then_the_title(browser, fixture_server, kind, lang):
    with new_page(browser) as (_, page):
        open_page(page, fixture_server + localized(LANDING[kind], lang))
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.className")
        assert "portal-skip" in focused, f"{page.url}: the first Tab reaches {focused!r}, not the skip link"
        expect(page.locator(SKIP_LINK), "the focused skip link is not shown").to_be_visible()
        assert page.locator(SKIP_LINK).get_attribute("lang") == lang
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.hasAttribute('data-portal-exit-link')"), \
            f"{page.url}: the second Tab does not reach the quick exit"
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Enter")
        page.wait_for_timeout(200)
        target = page.evaluate("""() => ({tag: document.activeElement.tagName,
                                           isTitle: document.activeElement === document.querySelector('article h1')})""")
        assert target["tag"] == "H1" and target["isTitle"], \
            f"{page.url}: the skip link moved the focus to {target['tag']}, not to the page's title"
        # Reading goes on from the title: the next Tab stop is after it, in the content.
        page.keyboard.press("Tab")
        assert page.evaluate("""() => !!document.activeElement.closest('.md-content') &&
            !!(document.querySelector('article h1').compareDocumentPosition(document.activeElement)
               & Node.DOCUMENT_POSITION_FOLLOWING)"""), f"{page.url}: Tab after the skip link leaves the content"


@pytest.mark.parametrize("how", ["button", "shift"])
@pytest.mark.parametrize("kind", ["index", "typology", "legal", "listing", "glossary", "not_found", "embed"])
def test_quick_exit_works_on_every_page_type(browser, tmp_path, fixture_server, kind, how):
    """The button and Shift pressed three times leave every kind of page, and Back does not return."""
    for lang in LANGUAGES:
        target = fixture_server + localized(LANDING[kind], lang)
        (tmp_path / f"start-{lang}.html").write_text(f'<!doctype html><title>Start</title><a id="go" href="{target}">go</a>',
                                                     encoding="utf-8")
    url, server = serve(tmp_path)
    try:
        for lang in LANGUAGES:
            start = f"{url}/start-{lang}.html"
            with new_page(browser) as (context, page):
                context.route(NEUTRAL_URL + "**", fulfil_neutral)
                # "load": the page's scripts are deferred, so they have run and set up the quick exit.
                response = page.goto(start, wait_until="load")
                assert response is not None and response.ok, f"{start} answered {response.status if response else 'nothing'}"
                with page.expect_navigation(wait_until="load"):
                    page.locator("#go").click()
                if how == "button":
                    page.locator(EXIT_LINK).click()
                else:
                    shift_times(page, 3)
                assert_left_without_trace(page, start)
    finally:
        server.shutdown()


@pytest.mark.parametrize("kind", ["typology", "legal"])
def test_language_link_keeps_the_anchor(browser, fixture_server, kind):
    with new_page(browser) as (_, page):
        open_page(page, fixture_server + PAGES[kind])
        anchor = page.locator("article h2[id]").first.get_attribute("id")
        page.goto(fixture_server + PAGES[kind] + "#" + anchor, wait_until="networkidle")
        switch_language(page, LANGUAGES["en"])
        assert urlsplit(page.url).fragment == anchor, f"switching to English dropped #{anchor}: {page.url}"
        switch_language(page, LANGUAGES["sv"])
        assert urlsplit(page.url).fragment == anchor and path_of(page) == PAGES[kind]


def test_language_link_is_above_the_search_panel(browser, fixture_server):
    """With the search panel open the link to the other language is still visible and on top."""
    with new_page(browser) as (_, page):
        open_page(page, fixture_server + PAGES["typology"])
        search = page.locator("[role=search] input").first
        search.click()
        search.fill("text")
        page.wait_for_timeout(500)
        expect(page.locator("[data-portal-search-panel]")).to_be_visible()
        assert_in_viewport(page, ".md-header a[data-portal-lang-link]", "the language link with search open")
        assert_in_viewport(page, EXIT_LINK, "the exit link with search open")


@pytest.mark.parametrize("kind", ["typology", "legal", "guidance", "joint-guidance"])
def test_permalinks_are_labelled_in_the_page_language_and_not_tab_stops(browser, fixture_server, kind):
    labels = {"sv": "Länk till detta avsnitt", "en": "Link to this section"}
    with new_page(browser) as (_, page):
        for lang in LANGUAGES:
            open_page(page, fixture_server + localized(PAGES[kind], lang))
            links = page.eval_on_selector_all("a.headerlink", """els => els.map(e => ({
                title: e.title, label: e.getAttribute('aria-label'), tabindex: e.tabIndex,
                lang: e.closest('[lang]').lang}))""")
            assert links, f"{page.url}: no heading permalinks"
            for link in links:
                assert link["tabindex"] == -1, f"{page.url}: a permalink is a Tab stop"
                assert link["title"] == link["label"] == labels[link["lang"]], f"{page.url}: permalink {link}"
            if lang == "en":
                assert not any("Länk" in (link["title"] + link["label"]) for link in links)


def test_quick_exit_has_a_border_in_forced_colours(browser, fixture_server):
    with new_page(browser) as (_, page):
        open_page(page, fixture_server + PAGES["typology"])
        page.emulate_media(forced_colors="active")
        border = page.eval_on_selector(EXIT_LINK, """e => { const s = getComputedStyle(e);
            return [s.borderTopStyle, parseFloat(s.borderTopWidth), s.borderTopColor, s.backgroundColor]; }""")
        assert border[0] == "solid" and border[1] >= 1, f"no visible border in forced colours: {border}"
        assert border[2] != border[3], f"the border has the background's colour: {border}"


@pytest.mark.parametrize("touch", [True, False], ids=["touch", "mouse"])
def test_shift_hint_only_where_there_is_a_keyboard(browser, fixture_server, touch):
    options = WIDTHS["390"] if touch else WIDTHS["1366"]
    with new_page(browser, **options) as (_, page):
        open_page(page, fixture_server + PAGES["typology"])
        hint = page.locator(".portal-exit__hint")
        if touch:
            expect(hint, "touch users are told to press Shift").to_be_hidden()
        else:
            expect(hint).to_be_visible()
            expect(hint).to_contain_text("Skift")


@pytest.mark.parametrize("kind", ["index", "typology", "legal", "not_found"])
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("width", ["390", "1366"])
def test_screenshot_of_the_header_and_quick_exit(browser, fixture_server, kind, lang, width):
    with new_page(browser, **WIDTHS[width]) as (_, page):
        open_page(page, fixture_server + localized(LANDING[kind], lang))
        screenshot(page, f"chrome-{kind}-{lang}-{width}")


@pytest.mark.parametrize("width", [390, 1000])
def test_quick_exit_stays_in_reach_with_the_navigation_drawer_open(browser, fixture_server, width):
    with new_page(browser, viewport={"width": width, "height": 700}) as (_, page):
        open_page(page, fixture_server + PAGES["typology"])
        page.locator("label.md-header__button[for=__drawer]").click()
        page.wait_for_timeout(400)
        expect(page.locator(".md-sidebar--primary")).to_be_in_viewport()
        assert_in_viewport(page, EXIT_LINK, f"the exit link with the drawer open at {width} px")
