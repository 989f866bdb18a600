"""Embedding a page on a partner's site: the snippet, the oEmbed answer and the embed view.

The snippet partners copy is a plain link plus embed.js: without JavaScript (or when a
CMS strips the script) it stays a link to the page; with it, the link becomes an iframe
of the embed view that sizes itself to its content. oEmbed consumers get the iframe form.
"""
from __future__ import annotations

import html
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from . import html_links

# Width and height hints for oEmbed and for the iframe before embed.js has measured it.
WIDTH, HEIGHT = 640, 600
# What the embedded page may do inside the partner's page: run its own script, keep its
# origin (so embed.js can check where size messages come from), open links in a new tab
# or, when the reader clicks, in the top window.
SANDBOX = ("allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox "
           "allow-top-navigation-by-user-activation")


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


def label(title: str, site_name: str) -> str:
    """Text of the fallback link and title of the iframe: 'Sommarresan – Kunskapsportalen ...'."""
    return f"{title} – {site_name}"


def snippet(title: str, site_name: str, page_url: str, embed_url: str, script_url: str, lang: str) -> str:
    """The code a partner pastes: a link that embed.js turns into a self-sizing iframe."""
    return (f'<a href="{_attr(page_url)}" data-portal-embed="{_attr(embed_url)}" hreflang="{_attr(lang)}">'
            f"{html.escape(label(title, site_name))}</a>\n"
            f'<script src="{_attr(script_url)}" async></script>')


def iframe(title: str, site_name: str, embed_url: str, script_url: str,
           width: int = WIDTH, height: int = HEIGHT) -> str:
    """The iframe form (oEmbed): works without the script at a fixed height, with it sizes itself."""
    return (f'<iframe src="{_attr(embed_url)}" title="{_attr(label(title, site_name))}" '
            f'width="{width}" height="{height}" data-portal-embed loading="lazy" '
            f'referrerpolicy="no-referrer" sandbox="{SANDBOX}"></iframe>\n'
            f'<script src="{_attr(script_url)}" async></script>')


def oembed(title: str, site_name: str, site_url: str, embed_url: str, script_url: str,
           width: int = WIDTH, height: int = HEIGHT) -> dict[str, Any]:
    """The oEmbed 1.0 answer of type 'rich' for one page."""
    return {
        "version": "1.0",
        "type": "rich",
        "title": title,
        "provider_name": site_name,
        "provider_url": site_url,
        "html": iframe(title, site_name, embed_url, script_url, width, height),
        "width": width,
        "height": height,
    }


@lru_cache(maxsize=8)
def _environment(template_dir: str) -> jinja2.Environment:
    """One environment per template folder: Jinja compiles the template once, not once per page."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(template_dir), autoescape=True,
                              trim_blocks=True, lstrip_blocks=True)


def render_view(template_dir: str | Path, context: dict[str, Any], site_url: str, page_path: str,
                embed_path: str, new_tab_text: str, template: str = "embed.html") -> str:
    """The embed view: the template (overrides/embed.html) rendered with its own small Jinja
    environment, then its links rewritten for the frame (see html_links.for_embed)."""
    env = _environment(str(template_dir))
    context = dict(context, body=Markup(context.get("body", "")))
    rendered = env.get_template(template).render(**context)
    return html_links.for_embed(rendered, site_url, page_path, embed_path, new_tab_text)
