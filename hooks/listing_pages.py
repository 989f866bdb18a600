"""MkDocs adapter: listing pages generated from front matter.

Topic and audience pages are added after mkdocs-static-i18n has chosen the files
of the language being built, because the plugin re-reads every file from docs/
and would drop in-memory pages. Section pages with a `listing:` field get their
list appended to their own text.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from portal.build.incremental import SESSION
from portal.publish import build_state, listings, page_info
from portal_hooks import current_language, generated_page


@event_priority(-200)  # after mkdocs-static-i18n (-100)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    state = build_state.current
    if state is None:
        return files
    lang = current_language(config)
    entries = state.entries(lang)
    key = _inputs_key(config, lang)
    for path, kind, term in listings.generated_pages():
        content = SESSION.remembered(key and f"{key}:{path}", lambda: listings.generated_page(
            path, kind, term, entries, lang, state.navigation))
        files.append(generated_page(config, path, content))
    return files


def _inputs_key(config: MkDocsConfig, lang: str) -> str | None:
    """make serve: what a listing is made of (every page's front matter, the data, the day), so that an
    unchanged listing is not made again (portal.build.incremental)."""
    state = build_state.current
    if not SESSION.active or state is None:
        return None
    return SESSION.front_matter_key(state.corpus.docs, Path(config.docs_dir), lang)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    state = build_state.current
    doc = state.doc(page.file.src_uri) if state else None
    if doc is None or "listing" not in doc.meta:
        return markdown
    lang = current_language(config)
    key = _inputs_key(config, lang)
    listed = SESSION.remembered(key and f"{key}:{doc.rel}", lambda: listings.render(
        doc.rel, doc.meta["listing"], state.entries(lang), lang, state.navigation))
    return markdown.rstrip() + "\n\n" + listed


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Any) -> dict:
    for path, _, _ in listings.generated_pages():
        if page.file.src_uri == path + ".md":
            context["portal"] = page_info.describe_generated(current_language(config))
    return context
