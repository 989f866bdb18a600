"""MkDocs adapter: pages of crowded sections leave the sidebar (hooks/portal/build/nav_budget.py).

Runs after mkdocs-static-i18n has chosen the language's files and the listing pages are added,
before MkDocs builds the navigation. Limit: extra.portal.nav_max_pages_per_section. Thin on purpose.
"""
from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files, InclusionLevel

from portal.build import nav_budget
from portal_hooks import settings


@event_priority(-250)  # after mkdocs-static-i18n (-100) and the listing pages (-200)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    limit = int(settings(config).get("nav_max_pages_per_section", nav_budget.DEFAULT_LIMIT))
    pages = [f for f in files.documentation_pages() if f.inclusion.is_in_nav()]
    crowded = nav_budget.crowded_sections((f.src_uri for f in pages), limit)
    for file in pages:
        if nav_budget.leaves_navigation(file.src_uri, crowded):
            file.inclusion = InclusionLevel.NOT_IN_NAV
    return files
