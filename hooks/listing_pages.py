"""MkDocs adapter: listing pages generated from front matter.

Topic and audience pages are added after mkdocs-static-i18n has chosen the files
of the language being built, because the plugin re-reads every file from docs/
and would drop in-memory pages. Section pages with a `listing:` field get their
list appended to their own text.
"""
from __future__ import annotations

import posixpath
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from portal import build_state, listings, page_info
from portal_hooks import current_language


def _url_for(path: str, lang: str) -> str:
    prefix = "" if lang == "sv" else f"{lang}/"
    return prefix + (posixpath.dirname(path) + "/" if path.endswith("/index") else path + "/")


class _Alternate:
    """Stands in for a File of another language: the language switcher needs only its url."""

    def __init__(self, url: str) -> None:
        self.url = url


@event_priority(-200)  # after mkdocs-static-i18n (-100)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    state = build_state.current
    if state is None:
        return files
    lang = current_language(config)
    languages = [l.locale for l in config.plugins["i18n"].config.languages] if "i18n" in config.plugins else [lang]
    entries = state.entries(lang)
    for path, kind, term in listings.generated_pages():
        content = listings.generated_page(path, kind, term, entries, lang)
        page_file = File.generated(config, path + ".md", content=content, inclusion=InclusionLevel.NOT_IN_NAV)
        prefix = "" if lang == "sv" else f"{lang}/"
        page_file.dest_uri = prefix + path + "/index.html"
        page_file.url = _url_for(path, lang)
        # Attributes mkdocs-static-i18n reads to build the language switcher and hreflang links.
        page_file.locale = page_file.localization = page_file.locale_alternate_of = lang
        page_file.norm_src_uri = page_file.src_uri
        page_file.alternates = {other: page_file if other == lang else _Alternate(_url_for(path, other))
                                for other in languages}
        files.append(page_file)
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    state = build_state.current
    doc = state.doc(page.file.src_uri) if state else None
    if doc is None or "listing" not in doc.meta:
        return markdown
    lang = current_language(config)
    return markdown.rstrip() + "\n\n" + listings.render(doc.rel, doc.meta["listing"], state.entries(lang), lang)


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Any) -> dict:
    for path, kind, term in listings.generated_pages():
        if page.file.src_uri == path + ".md":
            context["portal"] = page_info.describe_generated(current_language(config),
                                                             [term] if kind == "audience" else [])
    return context
