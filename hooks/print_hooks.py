"""MkDocs adapter: printed pages show the address of each link (portal.publish.print_links) and pages
listed under `print_button` in data/navigation.yml offer "Skriv ut sidan" / "Print this page"
(overrides/portal/print-button.html, assets/js/print.js). Thin on purpose."""
from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from portal.build import nav_order
from portal.publish import build_state, print_links


@event_priority(-110)  # after portal_hooks (-100) has made context["portal"]
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    state, portal = build_state.current, context.get("portal")
    if state is not None and portal is not None:
        portal["print_button"] = state.navigation.has_print_button(nav_order.page_base(page.file.src_uri))
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return print_links.annotate(output, page.canonical_url or "")
