"""MkDocs adapter: the per-language search data files and the search box's strings.

Collects the rendered text of every published page of the language being built (never the other
language's pages, never the Swedish fallback copies under /en/) and writes the language's search folder,
site/search/ and site/en/search/ (portal.search.layout). The text extraction and the index are a background
job (portal.build.background) that starts once the language's pages are converted. The logic is in
hooks/portal/search/.
"""
from __future__ import annotations

import gc
import json
import logging
import time
from pathlib import Path
from functools import partial
from typing import Any, NamedTuple

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from portal.build import background
from portal.build.incremental import SESSION
from portal.publish import build_state
from portal.content import glossary
from portal.content.datafiles import DATA, load_yaml
from portal.search import layout, limits
from portal_hooks import current_language

log = logging.getLogger("mkdocs.hooks.search_index")


class _Collected(NamedTuple):
    """A converted page of the language being built, until its text goes into the index."""
    meta: dict[str, Any]
    base: str
    url: str
    html: str


_pages: dict[str, list[_Collected]] = {}


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
    env.globals["portal_search"] = {"lang": lang, "t": search_strings(lang), "folder": _data_folder(config, lang),
                                    "buckets": buckets, "max_length": limits.QUERY_CHARACTERS}
    # make serve: the same pages give the same index (portal.build.incremental); Python's hash of a
    # page's HTML is computed once per text and is enough within one process.
    key = SESSION.inputs_key(lang, buckets, [(c.base, c.url, c.meta, hash(c.html)) for c in collected]) \
        if SESSION.active else None
    if not SESSION.reusable(f"search:{lang}", key):
        background.submit(partial(_write_index, collected, lang, Path(config.site_dir), _data_folder(config, lang),
                                  buckets, key))
    return env


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    state = build_state.current
    lang = current_language(config)
    doc = state.doc(page.file.src_uri) if state else None
    if doc is not None and doc.lang == lang and doc.rel in state.published:
        _pages.setdefault(lang, []).append(_Collected(doc.meta, doc.base, page.url, html))
    return html


def _write_index(collected: list[_Collected], lang: str, site_dir: Path, folder: str, buckets: int,
                 key: str | None = None) -> None:
    # Imported here, in the background process: Snowball and the analysis take time to import.
    from portal.search import extract, indexer
    started = time.perf_counter()
    pages = []
    for page in collected:
        meta, text = page.meta, extract.page_text(page.html)
        pages.append(indexer.SearchDoc(
            id=str(meta.get("id", page.base)), url=page.url, title=str(meta.get("title", "")),
            description=str(meta.get("description", "")), type=str(meta.get("type", "page")),
            audiences=list(meta.get("audiences") or []), topics=list(meta.get("topics") or []),
            keywords=[str(k) for k in meta.get("keywords") or []], headings=text.headings, body=text.body,
            listing="listing" in meta, sections=text.sections))
    pages.sort(key=lambda d: d.url)
    extracted = time.perf_counter()
    # The index build makes many small objects; with the whole site in memory, the cyclic garbage
    # collector's full passes took about half its time. Nothing it makes is cyclic garbage.
    collecting = gc.isenabled()
    gc.disable()
    try:
        data = indexer.build(pages, lang, glossary.load(), buckets=buckets)
    finally:
        if collecting:
            gc.enable()
    target = site_dir / folder
    target.mkdir(parents=True, exist_ok=True)
    written, files = 0, []
    for name, content in data.files().items():
        payload = json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        (target / name).write_bytes(payload)
        written += len(payload)
        files.append(target / name)
    SESSION.wrote(f"search:{lang}", key, files)
    text_seconds, index_seconds = extracted - started, time.perf_counter() - extracted
    log.info(f"Search: {len(pages)} {lang} pages, {written / 1024:.0f} KiB in {folder} "
             f"({len(data.buckets)} buckets), {text_seconds + index_seconds:.2f} s "
             f"(text {text_seconds:.2f} s, index {index_seconds:.2f} s)")
