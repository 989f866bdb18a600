"""MkDocs adapter: the navigation in the editors' order, and the joint guidance steps.

The order comes from data/navigation.yml (portal.content.navigation, read with the content in
portal_hooks.py); the sorting is portal.build.nav_order. Runs after mkdocs-static-i18n has translated
the section titles, in each language's build, so both languages get the same order. Thin on purpose.
"""
from __future__ import annotations

import logging
import posixpath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import dirname_to_title

from portal.build import nav_order
from portal.publish import build_state

log = logging.getLogger("mkdocs.hooks.navigation")


@event_priority(-150)  # after mkdocs-static-i18n (-100)
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    _check_section_titles(nav, config)
    state = build_state.current
    if state is None:
        return nav
    nav.items = nav_order.sort_items(nav.items, state.navigation.position)
    nav.pages = nav_order.link_pages(nav.items)
    # Pages outside the sidebar (topic and audience listings, pages of crowded sections) belong to the
    # section of their folder: the sidebar opens it and the breadcrumbs name it.
    in_nav = {id(page) for page in nav.pages}
    outside = [f.page for f in files.documentation_pages() if f.page is not None and id(f.page) not in in_nav]
    nav_order.adopt(outside, nav.items)
    return nav


def _check_section_titles(nav: Navigation, config: MkDocsConfig) -> None:
    """Every section has a title in each language (plugins.i18n nav_translations in mkdocs.yml); the
    keys are what MkDocs makes of the folder names, so this holds after the titles are translated."""
    i18n = config.plugins.get("i18n")
    language = getattr(i18n, "current_language_config", None) if i18n else None
    if language is None:
        return
    missing = nav_order.untitled_sections(nav.items, dict(language.nav_translations or {}))
    for folder in missing:
        key = dirname_to_title(folder.rstrip("/").rsplit("/", 1)[-1])
        log.error(f"mkdocs.yml: plugins.i18n: nav_translations of '{language.locale}': the folder docs/{folder} has "
                  f"no section title — add '{key}: <title>' to the nav_translations of every language")
    if missing:
        raise Abort(f"{len(missing)} section(s) without a title in '{language.locale}': fix mkdocs.yml and build again.")


@event_priority(-110)  # after portal_hooks (-100) has made context["portal"]
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    """A page of a folder with steps (and that folder's start page) gets the numbered steps."""
    state = build_state.current
    portal = context.get("portal")
    if state is None or portal is None:
        return context
    base = nav_order.page_base(page.file.src_uri)
    steps = state.navigation.steps_of(base)
    if not steps or (base not in steps and posixpath.basename(base) != "index"):
        return context
    shown = {nav_order.page_base(p.file.src_uri): p for p in nav.pages}
    published = [step for step in steps if step in shown]   # a draft step is left out in production
    portal["steps"] = [{"number": number, "title": shown[step].title, "url": shown[step].url,
                        "current": step == base}
                       for number, step in enumerate(published, start=1)]
    return context
