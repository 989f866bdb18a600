"""The sitemap is rendered by the last language's build only (hooks/delivery_hooks.py): each language's build
writes it to the same place, and mkdocs-static-i18n's last one lists every language's pages."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

import delivery_hooks


class _Theme(dict):
    def __init__(self) -> None:
        super().__init__(language="sv")
        self.static_templates = {"404.html", "sitemap.xml"}


def _site(current: str | None, languages: list[str] | None, default: str = "sv") -> SimpleNamespace:
    plugins = {} if languages is None else {
        "i18n": SimpleNamespace(build_languages=languages, current_language=current, default_language=default)}
    return SimpleNamespace(plugins=plugins, theme=_Theme())


def _build(site: SimpleNamespace, lang: str) -> set[str]:
    """One language's build as the hooks see it, in the shared config: the templates it renders."""
    site.plugins["i18n"].current_language = lang
    delivery_hooks.on_pre_build(site)
    delivery_hooks.on_env(None, site, None)
    return set(site.theme.static_templates)


@pytest.mark.parametrize("languages", [["sv", "en"], ["en", "sv"]])
def test_only_the_language_built_last_renders_the_sitemap_and_the_error_page_stays(languages) -> None:
    site = _site("sv", languages)
    assert _build(site, "sv") == {"404.html"}           # the default language is built first
    assert _build(site, "en") == {"404.html", "sitemap.xml"}


def test_the_next_languages_files_are_listed_with_the_sitemap_as_a_template() -> None:
    site = _site("sv", ["sv", "en"])
    _build(site, "sv")
    site.plugins["i18n"].current_language = "en"
    delivery_hooks.on_pre_build(site)                     # before MkDocs lists the theme's files
    assert "sitemap.xml" in site.theme.static_templates


def test_a_site_in_one_language_renders_its_sitemap() -> None:
    for site in (_site(None, None), _site("sv", ["sv"]), _site("sv", [])):
        delivery_hooks.on_pre_build(site)
        delivery_hooks.on_env(None, site, None)
        assert "sitemap.xml" in site.theme.static_templates
