"""MkDocs adapter: the per-language search data files and the search box's strings.

Collects the rendered text of every published page of the language being built (never the other
language's pages, never the Swedish fallback copies under /en/) and writes the language's search folder,
site/search/ and site/en/search/ (portal.search.layout). The text extraction and the index are a background
job (portal.build.background) that starts once the language's pages are converted. The logic is in
hooks/portal/search/.
"""
from __future__ import annotations

import logging
from pathlib import Path
from functools import partial
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from portal.build import background, serve_worker
from portal.build.incremental import SESSION
from portal.publish import build_state
from portal.content import glossary
from portal.content.datafiles import DATA, load_yaml
from portal.search import index_files, layout, limits, site_data
from portal_hooks import current_language

log = logging.getLogger("mkdocs.hooks.search_index")


_pages: dict[str, list[index_files.Page]] = {}


def search_strings(lang: str) -> dict[str, str]:
    return load_yaml(DATA / "search-ui.yml")[lang]


def on_pre_build(config: MkDocsConfig) -> None:
    _pages[current_language(config)] = []


def _data_folder(config: MkDocsConfig, lang: str) -> str:
    """Where a language's search data lives, relative to the site root: search/, en/search/."""
    i18n = config.plugins.get("i18n")
    default = getattr(i18n, "default_language", None) or config.theme["language"]
    return "search/" if lang == default else f"{lang}/search/"


@event_priority(100)  # the background job starts at priority -500 (background_hooks)
def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    """Every page of the language is converted by now: the index is built while MkDocs renders them."""
    lang = current_language(config)
    collected = _pages.pop(lang, [])
    buckets = layout.bucket_count(len(collected))
    folder = _data_folder(config, lang)
    env.globals["portal_search"] = {"lang": lang, "t": search_strings(lang), "folder": folder,
                                    "buckets": buckets, "max_length": limits.QUERY_CHARACTERS}
    # make serve: the same pages give the same index (portal.build.incremental); Python's hash of a
    # page's HTML is computed once per text and is enough within one process.
    key = SESSION.inputs_key(lang, buckets, [(c.base, c.url, c.meta, hash(c.html)) for c in collected]) \
        if SESSION.active else None
    if SESSION.reusable(f"search:{lang}", key):
        return env
    settings = index_files.Settings(lang, Path(config.site_dir), folder, buckets, glossary.load(),
                                    site_data.labels(lang), site_data.personal_audiences())
    if SESSION.active and serve_worker.wanted():
        _index_in_worker(collected, settings, key)
    else:
        background.submit(partial(_write_index, collected, settings, key))
    return env


def _write_index(collected: list[index_files.Page], settings: index_files.Settings, key: str | None) -> None:
    SESSION.wrote(f"search:{settings.lang}", key, index_files.write(collected, settings))


_sender = index_files.Sender()   # make serve: which pages' text the worker process holds


def _index_in_worker(collected: list[index_files.Page], settings: index_files.Settings, key: str | None) -> None:
    """make serve: the index is built by the preview's second process (portal.build.serve_worker), which
    keeps the pages' terms from the last save, while this one renders the pages and the other language.
    Its files are this build's already, so the sweep of old files at the end leaves them."""
    target = settings.site_dir / settings.folder
    SESSION.renders.keep.update(str(target / name) for name in layout.file_names(len(collected), settings.buckets))
    background.wait_at_finish(_Written(_sender.send(collected, settings, serve_worker), settings.lang, key))


class _Written:
    """The worker's index of a language, recorded for the next save once it is written."""

    def __init__(self, indexing: index_files.Indexing, lang: str, key: str | None) -> None:
        self.indexing, self.lang, self.key = indexing, lang, key

    def get(self) -> None:
        SESSION.wrote(f"search:{self.lang}", self.key, self.indexing.get())


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    state = build_state.current
    lang = current_language(config)
    doc = state.doc(page.file.src_uri) if state else None
    if doc is not None and doc.lang == lang and doc.rel in state.published:
        _pages.setdefault(lang, []).append(index_files.Page(doc.meta, doc.base, page.url, html))
    return html
