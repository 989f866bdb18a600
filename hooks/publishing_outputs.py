"""MkDocs adapter: what partners reuse — embed views, oEmbed, the content API, feeds,
permalinks and redirects of moved pages.

Thin on purpose: the logic lives in hooks/portal/ (catalogue, embeds, html_links,
content_api, feeds, permalinks, framing) and is tested without MkDocs.
mkdocs-static-i18n builds each language as a build of its own (Swedish first, then
English inside the Swedish on_post_build). Background jobs (portal.build.background) write a
language's files: what needs only front matter once its files are known (on_files), embed
views and API files once its pages are converted (on_env), while MkDocs goes on.
"""
from __future__ import annotations

import json
import logging
from functools import partial
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from portal.build import background
from portal.build.incremental import SESSION
from portal.publish import (build_state, catalogue, content_api, embeds, feeds, html_links, listings, page_info,
                            permalinks, ui)
from portal.deliver import delivery, framing
from portal.content import rendered_html
from portal.content.vocabulary import label, terms
from portal_hooks import current_language, settings, site_languages

log = logging.getLogger("mkdocs.hooks.publishing_outputs")

# Per language of the build in progress: page base -> page offered to partners, if this build has it.
_offered: dict[str, dict[str, catalogue.Published]] = {}


def _site_url(config: MkDocsConfig) -> str:
    url = config.site_url or "/"
    return url if url.endswith("/") else url + "/"


def _docs_label(config: MkDocsConfig) -> str:
    """The docs folder as the editors' messages name it: relative to the project when inside it."""
    docs, root = Path(config.docs_dir).resolve(), Path(config.config_file_path).resolve().parent
    return docs.relative_to(root).as_posix() if docs.is_relative_to(root) else str(docs)


def _redirects_file(config: MkDocsConfig) -> Path:
    """data/redirects.yml next to the docs folder (the fixture site carries its own)."""
    return Path(config.docs_dir).resolve().parent / "data" / "redirects.yml"


@event_priority(-300)  # after validation (portal_hooks), mkdocs-static-i18n and the listing pages
def on_files(files: Files, config: MkDocsConfig) -> Files:
    state = build_state.current
    lang = current_language(config)
    _offered[lang] = {}
    if state is None:
        return files
    paths = [doc.rel for doc in state.corpus.docs] + [file.src_uri for file in files]
    problems = catalogue.reserved_conflicts(paths, site_languages(config), _docs_label(config))
    problems += [f"data/embedding.yml: {p}" for p in framing.problems(framing.allowed_origins())]
    problems += permalinks.load(_redirects_file(config), site_languages(config))[1]
    for problem in problems:
        log.error(problem)
    if problems:
        raise Abort(f"{len(problems)} problem(s) in publishing settings: fix the lines above and build again.")
    built = {file.src_uri for file in files.documentation_pages()}
    _offered[lang] = {p.base: p for p in catalogue.pages(state, lang, site_languages(config)) if p.doc.rel in built}
    site_pages = {file.dest_uri for file in files}
    # make serve: the same front matter, files, data and day write the same catalogue (portal.build.incremental).
    key = SESSION.front_matter_key(state.corpus.docs, Path(config.docs_dir), lang, sorted(site_pages)) \
        if SESSION.active else None
    if not SESSION.reusable(f"catalogue:{lang}", key):
        background.submit(partial(_write_catalogue, config, lang, _pages(lang), site_pages, key))
    return files


def _pages(lang: str) -> list[catalogue.Published]:
    """The pages offered in this language's build, ordered by id."""
    return sorted(_offered.get(lang, {}).values(), key=lambda p: p.id)


@event_priority(-50)
def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    lang, site_url = current_language(config), _site_url(config)
    t = ui.strings(lang)
    outputs: dict[str, Any] = {"feed_url": site_url + catalogue.feed_path(lang),
                               "feed_title": t["feed_title"].format(site=config.site_name)}
    for path, kind, term in listings.generated_pages():   # a topic's or audience's page: its own feed too
        if page.file.src_uri == path + ".md":
            outputs.update(term_feed_url=site_url + catalogue.term_feed_path(kind, term, lang),
                           term_feed_title=_term_feed_title(t, kind, term, lang, config.site_name))
    state = build_state.current
    doc = state.doc(page.file.src_uri) if state else None
    offered = _offered.get(lang, {}).get(doc.base) if doc is not None else None
    if offered is not None and offered.doc.rel == doc.rel:
        script = site_url + catalogue.EMBED_SCRIPT_PATH
        outputs.update(
            t=t, title=offered.title,
            embed_url=site_url + offered.embed, oembed_url=site_url + offered.oembed,
            api_url=site_url + offered.api,
            snippet=embeds.snippet(offered.title, config.site_name, site_url + offered.path,
                                   site_url + offered.embed, script, offered.content_lang))
    context["portal_outputs"] = outputs
    return context


def _term_feed_title(t: dict[str, str], kind: str, term: str, lang: str, site_name: str) -> str:
    return t[f"feed_{kind}_title"].format(site=site_name, term=label(listings.FIELD_OF[kind], term, lang))


_written: list[Path] | None = None   # the files a job writes, while it records them for make serve


def _write(site_dir: Path, path: str, content: str | bytes) -> None:
    target = site_dir / path
    if _written is not None:
        _written.append(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


@event_priority(100)  # the background job starts at priority -500 (background_hooks)
def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    """Every page of the language is converted by now: embed views and API files are written while
    MkDocs renders the pages."""
    lang = current_language(config)
    pages = _pages(lang)
    if pages:
        converted = {file.src_uri: file.page for file in files.documentation_pages()}
        rendered = {p.base: converted[p.doc.rel].content or "" for p in pages}
        background.submit(partial(_write_pages, config, lang, pages, rendered))
    return env


def _write_pages(config: MkDocsConfig, lang: str, pages: list[catalogue.Published], rendered: dict[str, str]) -> None:
    """Embed view and API file of each page: they carry the page's converted text."""
    state = build_state.current
    site_dir, site_url, site_name = Path(config.site_dir), _site_url(config), config.site_name
    t, today = ui.strings(lang), build_state.today()
    swedish = state.corpus.by_base(catalogue.DEFAULT_LANGUAGE)
    for page in pages:
        # make serve: a page whose output is unchanged (portal.build.incremental) keeps its embed view and API file.
        job, key = f"page:{lang}:{page.base}", SESSION.page_keys.get((lang, page.doc.rel))
        if SESSION.reusable(job, key):
            continue
        body = rendered[page.base]
        portal = page_info.describe(page.doc, lang, swedish.get(page.base), today,
                                    settings(config).get("edit_base", ""))
        view = embeds.render_view(config.theme.custom_dir, {
            "lang": lang, "title": page.title, "description": str(page.doc.meta.get("description", "")),
            "site_name": site_name, "canonical_url": site_url + page.path, "portal": portal, "t": t,
            "attribution": t["embed_attribution"].format(site=site_name), "body": body, "has_h1": "<h1" in body,
            "quick_exit_url": settings(config).get("quick_exit_url", ""),
            "css_url": permalinks.relative(page.embed, "assets/css/embed-view.css"),
            "favicon_url": permalinks.relative(page.embed, config.theme["favicon"]),
            "js_url": permalinks.relative(page.embed, catalogue.EMBED_SCRIPT_PATH),
            "exit_js_url": permalinks.relative(page.embed, catalogue.QUICK_EXIT_SCRIPT_PATH),
        }, site_url, page.path, page.embed, t["new_tab"])
        _write(site_dir, page.embed + "index.html", view)
        api_body = html_links.for_api(body, site_url, page.path)
        # Partners show body_html on their own sites, outside our Content-Security-Policy.
        unsafe = rendered_html.problems(api_body, rendered_html.CONTENT, site_url)
        if unsafe:
            raise Abort(f"{page.doc.path}: the content API's body_html: {unsafe[0]} — remove it from the page")
        _write(site_dir, page.api, _json(content_api.detail(page, site_url, api_body)))
        SESSION.wrote(job, key, [site_dir / page.embed / "index.html", site_dir / page.api])


def _write_catalogue(config: MkDocsConfig, lang: str, pages: list[catalogue.Published], site_pages: set[str],
                     key: str | None = None) -> None:
    """What needs only the front matter: oEmbed answers, the API index, the feed, permalinks, redirects.
    Written while MkDocs converts the pages; the files are recorded under `key` for make serve."""
    global _written
    _written = []
    try:
        _write_front_matter_outputs(config, lang, pages, site_pages)
        SESSION.wrote(f"catalogue:{lang}", key, _written + [Path(config.site_dir) / delivery.REDIRECTS_DIR / f"{lang}.json"])
    finally:
        _written = None


def _write_front_matter_outputs(config: MkDocsConfig, lang: str, pages: list[catalogue.Published],
                                site_pages: set[str]) -> None:
    state = build_state.current
    site_dir, site_url, site_name = Path(config.site_dir), _site_url(config), config.site_name
    languages, t, today = site_languages(config), ui.strings(lang), build_state.today()
    script = site_url + catalogue.EMBED_SCRIPT_PATH
    for page in pages:
        _write(site_dir, page.oembed, _json(embeds.oembed(page.title, site_name, site_url,
                                                          site_url + page.embed, script)))
    _write(site_dir, catalogue.api_index_path(lang),
           _json(content_api.index(lang, pages, site_url, site_name, today)))
    _write(site_dir, content_api.SCHEMA_URL_PATH, content_api.SCHEMA_PATH.read_text(encoding="utf-8"))

    info = feeds.FeedInfo(lang, t["feed_title"].format(site=site_name), t["feed_subtitle"], site_name, site_url,
                          site_url + catalogue.feed_path(lang), site_url + catalogue.prefix(lang))
    type_labels = {term: label("types", term, lang) for term in terms("types")}
    _write(site_dir, catalogue.feed_path(lang), feeds.atom(info, pages, type_labels))
    for path, kind, term in listings.generated_pages():
        field = listings.FIELD_OF[kind]
        self_url = site_url + catalogue.term_feed_path(kind, term, lang)
        term_info = feeds.FeedInfo(lang, _term_feed_title(t, kind, term, lang, site_name), t["feed_subtitle"],
                                   site_name, site_url, self_url, site_url + catalogue.page_path(path, lang))
        chosen = [page for page in pages if term in (page.doc.meta.get(field) or [])]
        _write(site_dir, catalogue.term_feed_path(kind, term, lang), feeds.atom(term_info, chosen, type_labels))

    shown = {p.id: p for p in catalogue.shown_pages(state, lang, languages)}
    forwards = []
    for page in shown.values():
        _write(site_dir, page.permalink + "index.html", permalinks.redirect_page(
            lang, page.title, page.content_lang, permalinks.relative(page.permalink, page.path),
            site_url + page.path, t["redirect_text"], _exit_link(config, t)))
        forwards.append((page.permalink + "index.html", page.path))
    forwards += _write_redirects(config, site_dir, site_url, lang, languages, shown, t, site_pages)
    # The web server answers these addresses with 301s; it learns them from this list, not from pages.
    delivery.write_redirects(site_dir, lang, forwards)


def _exit_link(config: MkDocsConfig, t: dict[str, str]) -> tuple[str, str]:
    return settings(config).get("quick_exit_url", ""), t["quick_exit"]


def _write_redirects(config: MkDocsConfig, site_dir: Path, site_url: str, lang: str, languages: list[str],
                     shown: dict[str, catalogue.Published], t: dict[str, str], site_pages: set[str]
                     ) -> list[tuple[str, str]]:
    """Forwarding pages of moved pages (data/redirects.yml); returns (file, page path) of each."""
    redirects, _ = permalinks.load(_redirects_file(config), languages)
    known = {d.meta.get("id") for d in build_state.current.corpus.docs}
    problems, written = [], []
    for redirect in (r for r in redirects if r.lang == lang):
        page = shown.get(redirect.page_id)
        if page is None:
            if redirect.page_id not in known:
                problems.append(f"data/redirects.yml: '{redirect.old}' points to '{redirect.page_id}', "
                                "which is no page id — use the id from the page's front matter")
            continue   # a page not published in this build: no redirect to nowhere
        # MkDocs may not have written this language's pages yet: its list of files knows them.
        if redirect.old in site_pages or SESSION.in_this_build(site_dir / redirect.old):
            problems.append(f"data/redirects.yml: '{redirect.old}' is a page of the site, not an old address "
                            "— remove the line")
            continue
        folder = redirect.old.rsplit("/", 1)[0] + "/" if "/" in redirect.old else ""
        _write(site_dir, redirect.old, permalinks.redirect_page(
            lang, page.title, page.content_lang, permalinks.relative(folder, page.path),
            site_url + page.path, t["redirect_text"], _exit_link(config, t)))
        written.append((redirect.old, page.path))
    for problem in problems:
        log.error(problem)
    if problems:
        raise Abort(f"{len(problems)} problem(s) in data/redirects.yml: fix the lines above and build again.")
    return written
