"""The sitemap is rendered by the last language's build only (hooks/delivery_hooks.py): each language's build
writes it to the same place, and mkdocs-static-i18n's last one lists every language's pages."""
from __future__ import annotations

from types import SimpleNamespace

import delivery_hooks


class _Theme(dict):
    def __init__(self) -> None:
        super().__init__(language="sv")
        self.static_templates = {"404.html", "sitemap.xml"}


def _site(current: str | None, languages: list[str] | None) -> SimpleNamespace:
    plugins = {} if languages is None else {"i18n": SimpleNamespace(build_languages=languages, current_language=current)}
    return SimpleNamespace(plugins=plugins, theme=_Theme())


def test_only_the_last_language_renders_the_sitemap_and_the_error_page_stays() -> None:
    first, last = _site("sv", ["sv", "en"]), _site("en", ["sv", "en"])
    delivery_hooks.on_env(None, first, None)
    delivery_hooks.on_env(None, last, None)
    assert first.theme.static_templates == {"404.html"}
    assert last.theme.static_templates == {"404.html", "sitemap.xml"}


def test_a_site_in_one_language_renders_its_sitemap() -> None:
    for site in (_site(None, None), _site("sv", ["sv"]), _site("sv", [])):
        delivery_hooks.on_env(None, site, None)
        assert "sitemap.xml" in site.theme.static_templates
