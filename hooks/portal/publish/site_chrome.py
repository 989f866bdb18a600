"""What every page of the site carries, whatever it is: the skip link, the quick exit, the link to
the other language and the footer links (about, privacy, accessibility, reporting an error).

Content pages, generated listings, the 404 pages and the embed views all get it, so a reader at risk
finds the quick exit wherever a search engine, a link or a mistyped address takes them.
"""
from __future__ import annotations

from typing import Any

from . import catalogue, ui

# The skip link's target when the template writes the page's h1 itself (content.html, 404.html).
MAIN_ID = "portal-main"

# Footer links: (ui.yml key of the link text, page path under docs/ without the language suffix,
# ui.yml key of the #anchor or None). A link is shown only when its page is published in the build.
FOOTER_LINKS = [
    ("footer_about", "om/index", None),
    ("footer_privacy", "om/integritet", None),
    ("footer_accessibility", "om/tillganglighet", None),
    ("footer_report_error", "om/tillganglighet", "footer_report_error_anchor"),
]


def footer_links(lang: str, published: set[str]) -> list[dict[str, str]]:
    """The footer links of pages in `lang` whose pages are in `published` (paths such as
    'om/integritet'); each is {text, path} with `path` relative to the site root ('en/om/integritet/')."""
    t = ui.strings(lang)
    links = []
    for text_key, path, anchor_key in FOOTER_LINKS:
        if path not in published:
            continue
        anchor = "#" + t[anchor_key] if anchor_key else ""
        links.append({"text": t[text_key], "path": catalogue.page_path(path, lang) + anchor})
    return links


def describe(lang: str, quick_exit_url: str, published: set[str]) -> dict[str, Any]:
    """View model of the parts every page shares, in the page's language."""
    t = ui.strings(lang)
    return {
        "lang": lang,
        "t": t,
        "quick_exit_url": quick_exit_url,
        "main_id": MAIN_ID,
        "footer_links": footer_links(lang, published),
    }
