"""Embedding in a real browser: a partner's page on another origin embeds three pages with embed.js.

The fixture site is built with site_url set to the port it is served on, so the snippets
and the oEmbed answer are used exactly as a partner copies them. The partner page is
served on a second port (another origin). Two pages are embedded with the copyable
snippet (a link that embed.js turns into an iframe), one with the oEmbed iframe.
"""
from __future__ import annotations

import html
import json
import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import ElementHandle, Frame, Page

from conftest import ARTIFACTS, FIXTURE_SITE, build, serve

SNIPPET_PAGES = ["typfall/resan/", "en/lagstiftning/hedersfortryck/"]
OEMBED_PAGE = "vagledning/tecken/"
SUPPORT_PAGE = "stod/utsatt/"            # audience at-risk: carries the quick exit
NEUTRAL_URL = "https://www.smhi.se/"     # mkdocs.yml extra.portal.quick_exit_url default
DESKTOP = {"width": 1100, "height": 800}


def snippet_of(site: Path, path: str) -> str:
    """The code in the page's "Bädda in sidan" / "Embed this page" box, as a partner copies it."""
    page = (site / path / "index.html").read_text(encoding="utf-8")
    code = re.search(r'<pre class="portal-embed-offer__code"><code>(.*?)</code></pre>', page, re.S)
    assert code, f"no embed snippet on {path}"
    return html.unescape(code.group(1))


def oembed_html(site: Path, path: str) -> str:
    page = (site / path / "index.html").read_text(encoding="utf-8")
    href = re.search(r'type="application/json\+oembed" href="[^"]*?/((?:en/)?embed/[^"]+)"', page).group(1)
    return json.loads((site / href).read_text(encoding="utf-8"))["html"]


PARTNER = """<!doctype html>
<html lang="sv">
<head><meta charset="utf-8"><title>Exempelkommunens intranät</title>
<style>
  body {{ font-family: Georgia, serif; background: #efe9dd; margin: 0; }}
  header {{ background: #3b2f5c; color: #fff; padding: 1rem 2rem; }}
  main {{ max-width: 760px; margin: 1.5rem auto; padding: 0 1rem; }}
  .card {{ background: #fff; border: 2px solid #3b2f5c; margin: 0 0 1.5rem; padding: 0.5rem; }}
  .card h2 {{ margin: 0.2rem 0.5rem 0.5rem; font-size: 1rem; color: #3b2f5c; }}
</style></head>
<body>
<header><strong>Exempelkommunen – intranät för socialtjänsten</strong></header>
<main>
<p>Aktuell vägledning från Kunskapsportalen, inbäddad med embed.js.</p>
<section class="card"><h2>Typfall (kodsnutt)</h2>
{0}
</section>
<section class="card"><h2>Legal summary (snippet, English)</h2>
{1}
</section>
<section class="card"><h2>Vägledning (oEmbed)</h2>
{2}
</section>
<p>Sidfot hos partnern.</p>
</main>
</body>
</html>
"""


@pytest.fixture(scope="module")
def embed_setup(browser, tmp_path_factory):
    """(site URL, partner URL, built site): the site and a partner page on two localhost ports."""
    root = tmp_path_factory.mktemp("embeds")
    site_dir, partner_dir = root / "site", root / "partner"
    site_url, site_server = serve(site_dir)
    result = build(site_dir, "production", FIXTURE_SITE, PORTAL_SITE_URL=site_url + "/")
    assert result.returncode == 0, result.stderr[-4000:]
    partner_dir.mkdir()
    snippets = [snippet_of(site_dir, p) for p in SNIPPET_PAGES] + [oembed_html(site_dir, OEMBED_PAGE)]
    (partner_dir / "index.html").write_text(PARTNER.format(*snippets), encoding="utf-8")
    (partner_dir / "start.html").write_text("<!doctype html><title>Start</title><p>Start</p>", encoding="utf-8")
    (partner_dir / "support.html").write_text(
        '<!doctype html><html lang="sv"><title>Stöd</title><h1>Stöd hos kommunen</h1>\n'
        # Pages for people at risk offer no "Bädda in sidan" box; partners take the code from oEmbed.
        + oembed_html(site_dir, SUPPORT_PAGE), encoding="utf-8")
    partner_url, partner_server = serve(partner_dir)
    assert partner_url != site_url
    yield site_url, partner_url, site_dir
    partner_server.shutdown()
    site_server.shutdown()


@pytest.fixture
def partner(browser, embed_setup):
    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" and "favicon" not in msg.text
            and "404" not in msg.text else None)
    page.goto(embed_setup[1] + "/", wait_until="networkidle")
    yield page
    context.close()
    assert not errors, errors


def iframes(page: Page) -> list[ElementHandle]:
    page.wait_for_function("document.querySelectorAll('iframe[data-portal-embed]').length === 3")
    return page.query_selector_all("iframe[data-portal-embed]")


def inside(iframe: ElementHandle) -> Frame:
    iframe.scroll_into_view_if_needed()
    frame = iframe.content_frame()
    assert frame is not None
    frame.wait_for_load_state("load")
    return frame


FRAME_METRICS = """() => {
  const root = document.documentElement;
  const content = document.querySelector('[data-portal-embed-content]');
  return {
    scrollHeight: root.scrollHeight, clientHeight: root.clientHeight,
    scrollWidth: root.scrollWidth, clientWidth: root.clientWidth,
    contentBottom: Math.ceil(content.getBoundingClientRect().bottom + window.pageYOffset),
    innerHeight: window.innerHeight,
  };
}"""


def settled(iframe: ElementHandle, timeout: float = 5.0) -> dict:
    """Wait until the iframe is as tall as its content; return the frame's measurements."""
    frame, deadline = inside(iframe), time.monotonic() + timeout
    while True:
        metrics = frame.evaluate(FRAME_METRICS)
        if abs(metrics["innerHeight"] - metrics["contentBottom"]) <= 2 or time.monotonic() > deadline:
            return metrics
        time.sleep(0.05)


def assert_fits(iframe: ElementHandle, what: str) -> dict:
    metrics = settled(iframe)
    assert abs(metrics["innerHeight"] - metrics["contentBottom"]) <= 2, (what, metrics)
    assert metrics["scrollHeight"] <= metrics["clientHeight"], f"{what}: inner vertical scrollbar {metrics}"
    assert metrics["scrollWidth"] <= metrics["clientWidth"], f"{what}: inner horizontal scrollbar {metrics}"
    return metrics


def test_links_become_iframes_of_the_embed_views(partner: Page, embed_setup) -> None:
    site_url = embed_setup[0]
    sources = [f.get_attribute("src") for f in iframes(partner)]
    assert sources == [f"{site_url}/embed/resan/", f"{site_url}/en/embed/hedersfortryck/", f"{site_url}/embed/tecken/"]
    assert partner.locator("a[data-portal-embed]").count() == 0


def test_embedded_pages_show_no_navigation_and_no_inner_scrollbar(partner: Page) -> None:
    for iframe in iframes(partner):
        frame = inside(iframe)
        assert frame.locator("html[data-portal-embed-view]").count() == 1
        for chrome in ("nav", "header", ".md-header", ".md-sidebar", ".md-search", "form", ".md-footer"):
            assert frame.locator(chrome).count() == 0, f"{frame.url} shows {chrome}"
        assert frame.locator("h1").count() == 1
        assert_fits(iframe, frame.url)


def test_iframe_grows_when_a_collapsible_section_opens(partner: Page) -> None:
    iframe = iframes(partner)[0]
    frame = inside(iframe)
    before = assert_fits(iframe, "closed")["innerHeight"]
    assert not frame.locator("details").evaluate("d => d.open")
    frame.locator("details summary").click()
    assert frame.locator("details").evaluate("d => d.open")
    frame.locator("text=Dold text.").wait_for(state="visible")
    after = assert_fits(iframe, "opened")["innerHeight"]
    assert after > before, (before, after)
    assert iframe.bounding_box()["height"] >= after - 1


def test_iframes_follow_the_window_width(partner: Page) -> None:
    wide = [assert_fits(f, "wide")["innerHeight"] for f in iframes(partner)]
    partner.set_viewport_size({"width": 360, "height": 740})
    narrow = [assert_fits(f, "narrow")["innerHeight"] for f in iframes(partner)]
    assert all(n > w for n, w in zip(narrow, wide)), (wide, narrow)


def test_height_messages_from_other_windows_are_ignored(partner: Page) -> None:
    frames = iframes(partner)
    heights = [f.bounding_box()["height"] for f in frames]
    partner.evaluate("() => window.postMessage({type: 'portal-embed:height', height: 7}, '*')")
    partner.wait_for_timeout(300)
    assert [f.bounding_box()["height"] for f in frames] == heights


def test_screenshot_of_the_partner_page(partner: Page) -> None:
    frames = iframes(partner)
    for iframe in frames:
        assert_fits(iframe, "screenshot")
    inside(frames[0]).locator("details summary").click()
    assert_fits(frames[0], "screenshot, opened")
    # Chromium paints cross-origin frames only inside the viewport: make the viewport the whole page.
    height = partner.evaluate("() => document.documentElement.scrollHeight")
    partner.set_viewport_size({"width": DESKTOP["width"], "height": height})
    for iframe in frames:
        assert_fits(iframe, "screenshot, tall viewport")
    partner.wait_for_timeout(300)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    target = ARTIFACTS / "embeds-partner-page.png"
    partner.screenshot(path=str(target))
    assert target.stat().st_size > 10_000


@pytest.mark.parametrize("link,target", [
    ("Öppna sidan i portalen", "/typfall/resan/"),    # the attribution's canonical link
    ("Hedersförtryck", "/lagstiftning/hedersfortryck/"),   # a link in the text
])
def test_link_click_navigates_the_top_window(partner: Page, embed_setup, link: str, target: str) -> None:
    site_url = embed_setup[0]
    frame = inside(iframes(partner)[0])
    frame.get_by_role("link", name=link, exact=True).click()
    partner.wait_for_url(site_url + target)
    assert partner.main_frame.url == site_url + target
    assert partner.locator("iframe").count() == 0


def test_without_javascript_the_snippet_is_a_plain_link(browser, embed_setup) -> None:
    site_url, partner_url, _ = embed_setup
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    try:
        page = context.new_page()
        page.goto(partner_url + "/")
        links = page.locator("a[data-portal-embed]")
        assert links.count() == 2
        assert links.first.get_attribute("href") == f"{site_url}/typfall/resan/"
        assert "Sommarresan" in links.first.inner_text()
    finally:
        context.close()


@pytest.mark.parametrize("how", ["button", "shift"])
def test_quick_exit_in_an_embedded_support_page_leaves_the_partner_page(browser, embed_setup, how) -> None:
    partner_url = embed_setup[1]
    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(10_000)
    context.route(NEUTRAL_URL + "**", lambda route: route.fulfill(
        status=200, content_type="text/html", body="<!doctype html><title>Neutral</title><p>Väder</p>"))
    try:
        page = context.new_page()
        page.goto(partner_url + "/start.html")
        page.goto(partner_url + "/support.html", wait_until="networkidle")
        iframe = page.wait_for_selector("iframe[data-portal-embed]")
        exit_link = inside(iframe).locator("[data-portal-exit-link]")
        assert exit_link.get_attribute("target") == "_top"
        assert exit_link.get_attribute("href") == NEUTRAL_URL
        if how == "button":
            exit_link.click()
        else:   # the reader is reading inside the frame and presses Shift three times
            inside(iframe).locator("h1").click()
            for _ in range(3):
                page.keyboard.press("Shift")
                page.wait_for_timeout(100)
        page.wait_for_url(NEUTRAL_URL)
        page.go_back()
        page.wait_for_load_state()
        assert page.url == partner_url + "/start.html", "Back returned to the page with the embedded support page"
    finally:
        context.close()
