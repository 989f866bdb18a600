"""MkDocs adapter for portal.build.incremental: in `make serve` (`mkdocs serve --dirty`, preview mode) a
save writes again only the pages whose output can have changed, and converts again only the Markdown
that changed; the result is the same as a full build. Every other build is untouched."""
from __future__ import annotations

import logging
import os
import time
from functools import partial
from pathlib import Path
from typing import Any

from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure import pages as pages_module
from mkdocs.structure.pages import Page
from mkdocs_static_i18n import reconfigure as i18n_reconfigure, suffix as i18n_suffix

from portal.build import background, file_watcher, idle_collection, incremental, serve_worker
from portal.content import remember
from portal.publish import build_state
from portal.build.incremental import SESSION
from portal_hooks import current_language, settings, site_languages


def on_startup(command: str, dirty: bool) -> None:
    SESSION.serving = command == "serve" and dirty
    if SESSION.serving:
        incremental.install(Page, pages_module.meta, Files, File, i18n_suffix, mkdocs_build, i18n_reconfigure)
        # MkDocs warns that --dirty leads to inaccurate navigation (a warning fails --strict); here it does not.
        logging.getLogger("mkdocs.commands.build").addFilter(incremental.DirtyWarning())


# Where the kernel cannot tell of a save (file_watcher), MkDocs looks for changed files every 0.5 s; a
# save is seen sooner at this interval (a scan of docs/ of 2,000 pages takes about 25 ms).
POLLING_SECONDS = 0.2
_COLLECTOR = idle_collection.IdleCollector()   # collects between `make serve`'s builds


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    """The file watcher is told of a save by the kernel, or else looks more often (MkDocs'
    LiveReloadServer has no setting for either); Python collects its garbage between builds."""
    if not SESSION.serving:
        return server
    if not file_watcher.watch_natively(server, also=[str(path) for path in config.watch]):
        server.observer._timeout = POLLING_SECONDS          # for the folders watched from here on
        for emitter in list(server.observer.emitters):
            emitter._timeout = POLLING_SECONDS             # and for docs/ and mkdocs.yml, watched already
    server.builder = idle_collection.collecting_between(server.builder, _COLLECTOR)
    _COLLECTOR.build_ended()   # the first build, done before serving
    return server


def _outer(config: MkDocsConfig) -> bool:
    """The Swedish build, which builds the other languages inside its on_post_build (mkdocs-static-i18n)."""
    return not getattr(config.plugins.get("i18n"), "building", False)


@event_priority(10000)  # first: the state of this build before any other hook works
def on_pre_build(config: MkDocsConfig) -> None:
    if not _outer(config):
        return
    settle_abandoned_work()
    SESSION.active = SESSION.serving and settings(config).get("mode") == "preview"
    remember.keep_results(SESSION.active)
    if SESSION.active:
        root = Path(config.config_file_path).parent
        SESSION.start(incremental.tree_signature([root / "mkdocs.yml", root / "data", root / "overrides",
                                                  root / "hooks", Path(config.docs_dir).resolve().parent / "data"]))


def settle_abandoned_work() -> None:
    """A build that failed half-way (make serve goes on) can leave work running in the preview's second
    process. It ends before this build starts, and its files are older than the start by more than the
    sweep allows for coarse file times, so they do not pass for this build's."""
    if background.settle_abandoned():
        time.sleep(incremental.CLOCK_SLACK_NS / 1e9)


def on_shutdown() -> None:
    """make serve ends: its second process ends now, before MkDocs removes the site folder it writes to."""
    serve_worker.stop()


def _yes() -> bool:
    return True


@event_priority(-1000)  # last: every hook has added or removed its files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    if not SESSION.active:
        return files
    # With the code under hooks/: a Markdown extension or function named in the settings may come from
    # there, and a key gives a function by its name only.
    code = str(Path(config.config_file_path).parent / "hooks") + os.sep
    SESSION.context = incremental.digest(sorted((f.src_uri, f.url) for f in files), config.markdown_extensions,
                                         config.mdx_configs, dict(config.validation), current_language(config),
                                         [entry for entry in SESSION.trees if entry[0].startswith(code)])
    state = build_state.current
    SESSION.docs_dir, SESSION.languages = Path(config.docs_dir), site_languages(config)
    # What any page's Markdown can show of the rest: every file's address (the context), every page's front
    # matter and the files under docs/ (listings, notices), the data, templates, code, day and settings.
    SESSION.page_inputs = SESSION.inputs_key(SESSION.context, SESSION.content_key(state.corpus.docs, SESSION.docs_dir)) \
        if state is not None else ""
    SESSION.texts = partial(_texts, state, SESSION.languages) if state is not None else None
    for file in files:
        SESSION.renders.keep.add(file.abs_dest_path)
    for file in files.documentation_pages():
        file.is_modified = _yes  # type: ignore[method-assign]  # every page is read and converted
    return files


def _texts(state: build_state.BuildState, languages: list[str], source: str) -> list[tuple[str, str]] | None:
    """Every language version of the page at `source` as this build read it: (file, key of its body); None
    for a page the build did not read from docs/ (then its files' times and sizes stand in)."""
    doc = state.doc(source)
    if doc is None:
        return None
    found = []
    for lang in languages:
        version = state.corpus.get(doc.base, lang)
        if version is not None:
            found.append((version.rel, version.derived("preview.body_key", lambda d: incremental.text_key(d.body))))
    return found


@event_priority(1000)  # first: every page is converted; the jobs other hooks start here use the keys
def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    if not SESSION.active:
        return env
    lang = current_language(config)
    pages = [file.page for file in files.documentation_pages() if file.page is not None]
    state = build_state.current
    docs, languages = SESSION.docs_dir, SESSION.languages   # this build's, set in on_files
    assert docs is not None
    content = SESSION.content_key(state.corpus.docs, docs) if state else ""
    site = incremental.site_key(lang, [(p.file.src_uri, p.url, str(p.title), p.meta) for p in pages],
                                [(f.src_uri, f.url) for f in files], SESSION.trees,
                                dict(incremental.environment_signature(), content=content))
    for page in pages:
        key = incremental.page_key(site, page.file.src_uri, page.url, str(page.title), page.meta,
                                   page.content or "", incremental.language_versions(page.file.src_uri, docs, languages))
        SESSION.page_keys[(lang, page.file.src_uri)] = key
        decision = SESSION.renders.must_render(page.file.abs_dest_path, key)
        if decision:
            incremental.own_toc(page)
        page.file.is_modified = (lambda value=decision: value)  # type: ignore[method-assign]
    return env


@event_priority(-10000)  # last: the page is written right after this
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if SESSION.active:
        SESSION.renders.written(page.file.abs_dest_path)
    return output


@event_priority(-120)  # after every language (mkdocs-static-i18n, -100), before delivery's checks of the site (-150)
def on_post_build(config: MkDocsConfig) -> None:
    if SESSION.active and _outer(config):
        SESSION.renders.sweep(Path(config.site_dir))
