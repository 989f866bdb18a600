"""MkDocs adapter: the per-language search data files and the search box's strings.

Collects the rendered text of every published page of the language being built (never the other
language's pages, never the Swedish fallback copies under /en/) and writes site/search/sv.json and
site/en/search/en.json after each language's build. The logic is in hooks/portal/search/.
"""
from __future__ import annotations

import gc
import json
import logging
import time
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from portal import build_state, glossary
from portal.datafiles import DATA, load_yaml
from portal.search import extract, indexer
from portal_hooks import current_language

log = logging.getLogger("mkdocs.hooks.search_index")

_pages: dict[str, list[indexer.SearchDoc]] = {}
_seconds: dict[str, float] = {}


def search_strings(lang: str) -> dict[str, str]:
    return load_yaml(DATA / "search-ui.yml")[lang]


def on_pre_build(config: MkDocsConfig) -> None:
    lang = current_language(config)
    _pages[lang] = []
    _seconds[lang] = 0.0


def _data_path(config: MkDocsConfig, lang: str) -> str:
    """Where a language's search data lives, relative to the site root: search/sv.json, en/search/en.json."""
    i18n = config.plugins.get("i18n")
    default = getattr(i18n, "default_language", None) or config.theme["language"]
    return f"search/{lang}.json" if lang == default else f"{lang}/search/{lang}.json"


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    lang = current_language(config)
    env.globals["portal_search"] = {"lang": lang, "t": search_strings(lang), "data": _data_path(config, lang)}
    return env


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    started = time.perf_counter()
    state = build_state.current
    lang = current_language(config)
    doc = state.doc(page.file.src_uri) if state else None
    if doc is None or doc.lang != lang or doc.rel not in state.published:
        return html
    meta = doc.meta
    text = extract.page_text(html)
    _pages.setdefault(lang, []).append(indexer.SearchDoc(
        id=str(meta.get("id", doc.base)), url=page.url, title=str(meta.get("title", "")),
        description=str(meta.get("description", "")), type=str(meta.get("type", "page")),
        audiences=list(meta.get("audiences") or []), topics=list(meta.get("topics") or []),
        keywords=[str(k) for k in meta.get("keywords") or []], headings=text.headings, body=text.body,
        listing="listing" in meta))
    _seconds[lang] = _seconds.get(lang, 0.0) + time.perf_counter() - started
    return html


@event_priority(100)  # before mkdocs-static-i18n (-100) starts the next language's build
def on_post_build(config: MkDocsConfig) -> None:
    started = time.perf_counter()
    lang = current_language(config)
    pages = sorted(_pages.get(lang, []), key=lambda d: d.url)
    # The index build makes many small objects; with the whole site in memory, the cyclic garbage
    # collector's full passes took about half its time. Nothing it makes is cyclic garbage.
    collecting = gc.isenabled()
    gc.disable()
    try:
        data = indexer.build(pages, lang, glossary.load())
    finally:
        if collecting:
            gc.enable()
    target = Path(config.site_dir) / _data_path(config, lang)
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    target.write_text(payload, encoding="utf-8")
    collect, index = _seconds.get(lang, 0.0), time.perf_counter() - started
    log.info(f"Search: {len(pages)} {lang} pages, {len(payload.encode('utf-8')) / 1024:.0f} KiB in "
             f"{target.relative_to(config.site_dir).as_posix()}, {collect + index:.2f} s "
             f"(text {collect:.2f} s, index {index:.2f} s)")
