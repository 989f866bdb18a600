"""MkDocs adapter: a 404 page per language and the web server's facts about the build.

mkdocs-static-i18n builds Swedish first and every other language inside the Swedish
on_post_build; each build writes the theme's 404.html to the site root, so only the last
language's would survive. This hook keeps each language's 404 page as it is rendered and,
once every language is built, writes /404.html (Swedish) and /en/404.html (English), the sitemap
index (hooks/portal/deliver/sitemaps.py), .deploy/ for the web server
(hooks/portal/deliver/delivery.py) and, in production builds, a .gz copy of every text file
(hooks/portal/deliver/precompress.py). Thin on purpose.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from portal.build import background
from portal.deliver import built_pages, delivery, framing, precompress, sitemaps
from portal.content import contacts
from portal.publish import ui
from portal_hooks import current_language, settings, site_languages

log = logging.getLogger("mkdocs.hooks.delivery")

_error_pages: dict[str, str] = {}   # language -> rendered 404.html


SITEMAP = "sitemap.xml"


def _last_language(config: MkDocsConfig) -> str | None:
    """The language mkdocs-static-i18n builds last: the default first, then the others in their order."""
    i18n = config.plugins.get("i18n")
    languages = list(getattr(i18n, "build_languages", None) or [])
    default = getattr(i18n, "default_language", None)
    others = [lang for lang in languages if lang != default]
    return others[-1] if others else default


def on_pre_build(config: MkDocsConfig) -> None:
    # Every build lists the theme's files with the sitemap as a template (MkDocs leaves static templates out
    # of the files it copies): the build of a language before, which skipped it (on_env), shares this config.
    config.theme.static_templates.add(SITEMAP)


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    """Only the last language's build renders the sitemap. mkdocs-static-i18n's sitemap lists the pages of
    every language built so far, and every language's build writes it to the site's root: the earlier
    ones were overwritten unread (thousands of rows of Jinja at 1,000 pages per language)."""
    last = _last_language(config)
    if last is not None and current_language(config) != last:
        config.theme.static_templates.discard(SITEMAP)
    return env


def on_template_context(context: dict, template_name: str, config: MkDocsConfig) -> dict:
    if template_name == "404.html":
        lang, languages = current_language(config), site_languages(config)
        site_path = urlsplit(config.site_url or "/").path
        # The help lines for people at risk and their relatives: a mistyped address may be theirs.
        help_lines = {"t": ui.strings(lang), "lang": lang, "help_for_people_at_risk": True,
                      "help_lines": contacts.lines_for(sorted(contacts.AT_RISK), lang)}
        context["portal_error"] = dict(ui.strings(lang), home=delivery.language_home(lang, languages, site_path),
                                       help=help_lines)
    return context


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name == "404.html":
        _error_pages[current_language(config)] = output_content
    return output_content


@event_priority(-150)  # after mkdocs-static-i18n (-100) has built the other languages
def on_post_build(config: MkDocsConfig) -> None:
    background.finish()   # every job of every language built so far (portal.build.background)
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return   # a nested language build: the outer build finishes the job
    site_dir, languages = Path(config.site_dir), site_languages(config)
    for lang, page in _error_pages.items():
        if lang in languages:
            target = site_dir / delivery.error_page_path(lang, languages)
            target.parent.mkdir(parents=True, exist_ok=True)
            site_path = urlsplit(config.site_url or "/").path
            target.write_text(delivery.error_page_alternates(page, languages, site_path), encoding="utf-8")
    _error_pages.clear()
    unsafe = built_pages.problems(site_dir)
    for problem in unsafe:
        log.error(f"{problem} — the page must not contain it; find the field or template that writes it")
    if unsafe:
        raise Abort(f"{len(unsafe)} problem(s) in the built pages: nothing was published.")
    sitemaps.write(site_dir, config.site_url or "/")
    origins = framing.allowed_origins()
    facts = delivery.write(site_dir, languages, delivery.embed_frame_ancestors(origins))
    for rel in facts.skipped:
        log.warning(f"{rel}: redirect page whose address nginx cannot take — use a-z, 0-9, '-' and '/' in old paths")
    if settings(config).get("mode", "production") == "production":
        # Last, once every file is final; on both cores when forking is safe (not in `mkdocs serve`).
        precompress.write(site_dir, processes=2 if background.may_fork() else 1)
