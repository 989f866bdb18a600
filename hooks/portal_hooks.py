"""MkDocs adapter: validation, publishing rule and page information.

Thin on purpose: the logic lives in hooks/portal/ and is tested without MkDocs.
"""
from __future__ import annotations

import logging
from functools import partial
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from portal.build import background, template_cache
from portal.publish import build_state, catalogue, heading_marks, page_info, site_chrome, ui
from portal.content import corpus, datafiles, draft_links, navigation, review
from portal.content.findings import errors

log = logging.getLogger("mkdocs.hooks.portal")
# Overdue reviews are reported on a logger outside "mkdocs", so that --strict does
# not turn them into errors unless review_overdue is set to "error".
notice = logging.getLogger("portal")
if not notice.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("WARNING -  %(message)s"))
    notice.addHandler(_handler)
    notice.propagate = False


def settings(config: MkDocsConfig) -> dict[str, Any]:
    return config.extra.get("portal", {})


def current_language(config: MkDocsConfig) -> str:
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or config.theme["language"]


def site_languages(config: MkDocsConfig) -> list[str]:
    """The site's languages, the default first."""
    i18n = config.plugins.get("i18n")
    if not i18n:
        return [config.theme["language"]]
    return [l.locale for l in sorted(i18n.config.languages, key=lambda l: not l.default)]


class _Alternate:
    """Stands in for a File of another language: the language switcher needs only its url."""

    def __init__(self, url: str) -> None:
        self.url = url


def generated_page(config: MkDocsConfig, path: str, content: str) -> File:
    """A page the build writes itself (`path` relative to docs/, without .md), in the language being
    built, with the attributes mkdocs-static-i18n reads for the language switcher and hreflang links."""
    lang = current_language(config)
    page = File.generated(config, path + ".md", content=content, inclusion=InclusionLevel.NOT_IN_NAV)
    page.url = catalogue.page_path(path, lang)
    page.dest_uri = page.url + "index.html"
    page.locale = page.localization = page.locale_alternate_of = lang  # type: ignore[attr-defined]
    page.norm_src_uri = page.src_uri  # type: ignore[attr-defined]
    alternates = {other: page if other == lang else _Alternate(catalogue.page_path(path, other))
                  for other in site_languages(config)}
    page.alternates = alternates  # type: ignore[attr-defined]
    return page


_content: background.Pending[corpus.Corpus] | None = None


def _validates(config: MkDocsConfig) -> bool:
    """The content is validated once per build, in the Swedish (outer) one; English reuses it."""
    return build_state.current is None or current_language(config) == "sv"


def on_pre_build(config: MkDocsConfig) -> None:
    # The data files first, in this process: every hook reads them, and a broken one must stop the
    # build with its one line, not with a traceback from whichever hook reads it first. A data file
    # edited since the last build (make serve) is read again.
    datafiles.refresh()
    broken = datafiles.check()
    for finding in broken:
        log.error(finding.format())
    if broken:
        raise Abort(f"{len(broken)} data file problem(s): fix the lines above and build again.")
    # Read and validate the content on another core while MkDocs lists the files and the theme.
    global _content
    if _validates(config):
        _content = background.prefetch(
            partial(corpus.load, config.docs_dir, Path(config.config_file_path).parent))


@event_priority(50)  # before mkdocs-static-i18n (-100) picks a file per language
def on_files(files: Files, config: MkDocsConfig) -> Files:
    state = build_state.current
    if _validates(config):
        state = _validate(config)
    for file in list(files):
        if file.src_uri.endswith(".md") and file.src_uri not in state.published:
            files.remove(file)
    return files


def _validate(config: MkDocsConfig) -> build_state.BuildState:
    global _content
    pending, _content = _content, None
    loaded = pending.get() if pending else corpus.load(config.docs_dir, Path(config.config_file_path).parent)
    for finding in loaded.findings:
        log.error(finding.format())
    problems = errors(loaded.findings)
    if problems:
        raise Abort(f"{len(problems)} content problem(s): fix the lines above and build again.")
    order = _navigation(config, loaded)
    opts = settings(config)
    today = build_state.today()
    overdue = [d for d in loaded.docs if review.is_overdue(d.meta, today)]
    for doc in overdue:
        message = (f"{doc.path}: review.next_review: review was due {review.next_review(doc.meta)} "
                   "— review the page and update review.last_reviewed")
        (log.error if opts.get("review_overdue") == "error" else notice.warning)(message)
    if overdue and opts.get("review_overdue") == "error":
        raise Abort(f"{len(overdue)} page(s) overdue for review (review_overdue: error).")
    state = build_state.BuildState.create(loaded, opts.get("mode", "production"), order)
    broken = draft_links.check(loaded.docs, state.published)
    for finding in broken:
        log.error(finding.format())
    if broken:
        raise Abort(f"{len(broken)} link(s) to unpublished pages: fix the lines above and build again.")
    build_state.current = state
    return state


def _navigation(config: MkDocsConfig, loaded: corpus.Corpus) -> navigation.Navigation:
    """data/navigation.yml beside the docs folder, checked against every page (drafts too: the order
    is the same in preview and production). The portal's own docs/ must have one; other docs folders
    (tests, benchmarks) without one keep MkDocs' order."""
    path = navigation.path_beside(config.docs_dir)
    if not path.exists() and Path(config.docs_dir).resolve() == datafiles.ROOT / "docs":
        log.error(f"{datafiles.shown(path)}: is missing — restore it (git checkout data/navigation.yml): "
                  "it gives the order of the navigation")
        raise Abort("The navigation order is missing.")
    order, findings = navigation.read(path, {d.base: d.path for d in loaded.docs if d.lang == "sv"},
                                      {str(d.meta.get("id")) for d in loaded.docs})
    for finding in findings:
        log.error(finding.format())
    if findings:
        raise Abort(f"{len(findings)} navigation problem(s): fix the lines above and build again.")
    return order


@event_priority(100)  # first: every other hook and plugin sees the page as the portal read it
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """MkDocs renders the body and uses the front matter that portal.content.frontmatter read, not
    its own reading of the file (which differs: it ends front matter at '...' and, when its YAML
    fails, shows the whole file as text)."""
    state = build_state.current
    doc = state.doc(page.file.src_uri) if state else None
    if doc is None:
        return markdown   # a page the build writes itself (listings, quality report)
    page.meta = dict(doc.meta)
    return doc.body


CHECKBOX = '<input type="checkbox" disabled/>'


def on_page_content(html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Checklist boxes are for ticking on paper: disabled and hidden from screen readers, which read
    the list text (an unlabelled checkbox fails axe "label"). Heading permalinks are labelled in the
    language of the text they sit in and kept out of the tab order (portal.publish.heading_marks).
    Done here, not in the templates, so the page, its embed view and the content API get the same HTML."""
    state = build_state.current
    doc = state.doc(page.file.src_uri) if state else None
    text_lang = doc.lang if doc is not None else current_language(config)
    html_text = heading_marks.label_permalinks(html_text, ui.text(text_lang, "heading_link"))
    return html_text.replace(CHECKBOX, '<input type="checkbox" disabled aria-hidden="true"/>')


def chrome(config: MkDocsConfig) -> dict[str, Any]:
    """What every page shows in the language being built: skip link, quick exit, language link, footer."""
    lang, state = current_language(config), build_state.current
    shown = {path for _, path, _ in site_chrome.FOOTER_LINKS if state and state.shown(path, lang)}
    return site_chrome.describe(lang, settings(config).get("quick_exit_url", ""), shown)


def on_template_context(context: dict, template_name: str, config: MkDocsConfig) -> dict:
    """Templates that are no page (404.html) carry the quick exit and the skip link too."""
    context["portal_chrome"] = chrome(config)
    return context


@event_priority(-100)  # last: the other hooks have used the page's HTML as a plain string
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Any) -> dict:
    state = build_state.current
    doc = state.doc(page.file.src_uri) if state else None
    if doc is not None:
        lang = current_language(config)
        context["portal"] = page_info.describe(doc, lang, state.corpus.get(doc.base, "sv"), build_state.today(),
                                               settings(config).get("edit_base", ""))
        context["portal"]["role_links"] = page_info.role_links(_headings(page.toc), lang)
    context["portal_chrome"] = chrome(config)
    if page.content is not None:
        # The skip link goes to the page's h1; content.html writes one (with the chrome's id) if the text has none.
        page.content, context["portal_skip_target"] = heading_marks.mark_title(page.content, site_chrome.MAIN_ID)
        # The converted Markdown is the one value templates print as HTML; autoescape escapes the rest.
        page.content = Markup(page.content)
    return context


def _headings(toc: Any) -> list[tuple[str, str]]:
    """(text, '#anchor') of every heading in the page's table of contents, in page order."""
    found: list[tuple[str, str]] = []
    for item in toc or []:
        found.append((str(item.title), str(item.url)))
        found += _headings(item.children)
    return found


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    """Every value a template prints is escaped (autoescape), Material's templates included: a title
    or description can never become markup, whatever it holds. What is HTML on purpose is marked so
    at the last moment (on_env below). Navigation entries of untranslated pages keep their Swedish
    title: mark it lang="sv" so screen readers pronounce it right (WCAG 3.1.2).
    Templates are compiled once per process, not once per language (portal.build.template_cache)."""
    template_cache.share(env)
    env.autoescape = True
    lang = current_language(config)
    for file in files.documentation_pages():
        locale = getattr(file, "locale", lang)
        if locale != lang and file.page is not None and file.page.title:
            file.page.typeset = {"title": Markup('<span lang="{}">{}</span>').format(locale, file.page.title)}
    return env

