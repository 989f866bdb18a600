"""In Chromium: print shows link addresses, empty checkboxes and keeps headings with their text; the
print button prints; the dark system setting gives the dark scheme with our colours; an abbreviation's
explanation shows on keyboard focus."""
from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest


@contextlib.contextmanager
def new_page(browser, **options) -> Iterator:
    context = browser.new_context(**options)
    try:
        yield context.new_page()
    finally:
        context.close()


def after(page, selector: str) -> str:
    return page.eval_on_selector(selector, "e => getComputedStyle(e, '::after').content")


@pytest.mark.parametrize("lang", ["", "en/"])
def test_printed_links_show_their_full_address(browser, real_server, lang) -> None:
    with new_page(browser) as page:
        page.goto(f"{real_server}/{lang}samverkan/checklistor/")
        link = 'article .portal-page a[href="../samverkanskedjan/"]'
        assert after(page, link) in ("none", "normal")            # on screen: nothing added
        page.emulate_media(media="print")
        printed = after(page, link)
        assert printed == f'" (http://127.0.0.1:8000/{lang}samverkan/samverkanskedjan/)"', printed
        # navigation is not printed, nor does it get addresses
        assert page.eval_on_selector(".md-sidebar--primary", "e => getComputedStyle(e).display") == "none"
        assert page.eval_on_selector("article h2", "e => getComputedStyle(e).breakAfter") == "avoid"
        box = page.eval_on_selector(".task-list-indicator", "e => { const s = getComputedStyle(e, '::before');"
                                    " return [s.borderTopStyle, s.maskImage || s.webkitMaskImage, s.backgroundColor] }")
        assert box[0] == "solid" and box[1] == "none" and box[2] in ("rgba(0, 0, 0, 0)", "transparent"), box
        assert page.eval_on_selector(".portal-print", "e => getComputedStyle(e).display") == "none"


def test_a_pdf_of_a_checklist_holds_the_addresses(browser, real_server, tmp_path) -> None:
    with new_page(browser) as page:
        page.goto(f"{real_server}/samverkan/hela-vagledningen/")
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF") and len(pdf) > 20_000
        page.emulate_media(media="print")
        empty = page.eval_on_selector("article table td:empty", "e => e.getBoundingClientRect().height")
        assert empty >= 30, empty   # room to write


def test_print_button_prints_and_is_absent_without_javascript(browser, real_server) -> None:
    with new_page(browser) as page:
        page.goto(f"{real_server}/samverkan/checklistor/")
        page.evaluate("window.__printed = 0; window.print = () => { window.__printed += 1; }; 0")
        button = page.get_by_role("button", name="Skriv ut sidan")
        button.click()
        assert page.evaluate("window.__printed") == 1
    with new_page(browser, java_script_enabled=False) as page:
        page.goto(f"{real_server}/samverkan/checklistor/")
        assert page.locator("[data-portal-print]").is_hidden()
    with new_page(browser) as page:
        page.goto(f"{real_server}/samverkan/vid-hemkomst/")
        assert page.locator("[data-portal-print]").count() == 0


def test_dark_system_setting_gives_the_dark_scheme(browser, real_server) -> None:
    with new_page(browser, color_scheme="dark") as page:
        page.goto(f"{real_server}/en/samverkan/nar-barnet-ar-utomlands/")
        assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
        link = page.eval_on_selector("article .portal-page p a", "e => getComputedStyle(e).color")
        assert link == "rgb(147, 212, 228)", link
    with new_page(browser, color_scheme="light") as page:
        page.goto(f"{real_server}/en/samverkan/nar-barnet-ar-utomlands/")
        assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
        assert page.locator("#__palette_0").is_hidden() and page.locator("#__palette_1").is_hidden()


def test_abbreviation_explained_on_keyboard_focus(browser, real_server) -> None:
    with new_page(browser) as page:
        page.goto(f"{real_server}/typfall/sommarresan/")
        abbr = page.locator('article abbr[tabindex="0"]').first
        title = abbr.get_attribute("title")
        assert after(page, 'article abbr[tabindex="0"]') in ("none", "normal")
        abbr.focus()
        assert after(page, 'article abbr[tabindex="0"]') == f'"{title}"'
