"""On paper a link is only as good as the address printed beside it.

Links in a page's article get `data-portal-print-url` with their full address (relative links resolved
against the page's own address); the print stylesheet (portal.css) shows it after the link text. Done
on the finished page, not in the converted Markdown, so embeds and the content API keep plain links.
Links to a place on the same page, and links whose text already is their address, get nothing.
"""
from __future__ import annotations

import html
import re
from urllib.parse import urljoin

_ARTICLE = re.compile(r'(<article class="md-content__inner md-typeset">)(.*?)(</article>)', re.S)
# Our own HTML (Markdown and Jinja output): attributes in double quotes, links never nested.
_LINK = re.compile(r'<a\s([^>]*?)href="([^"]*)"([^>]*)>(.*?)</a>', re.S)
_TAGS = re.compile(r"<[^>]+>")


def _shown(address: str) -> str:
    """How the address is printed: mailto:/tel: without the scheme."""
    for scheme in ("mailto:", "tel:"):
        if address.startswith(scheme):
            return address[len(scheme):]
    return address


def _annotate(match: re.Match[str], page_url: str) -> str:
    before, href, after, text = match.groups()
    raw = html.unescape(href)
    if not raw or raw.startswith("#") or "headerlink" in before + after or "data-portal-print-url" in before + after:
        return match.group(0)
    address = _shown(urljoin(page_url, raw))
    words = " ".join(html.unescape(_TAGS.sub("", text)).split())
    if words.rstrip("/") in (address.rstrip("/"), address.split("://", 1)[-1].rstrip("/")):
        return match.group(0)
    return (f'<a {before}href="{href}"{after} data-portal-print-url="{html.escape(address, quote=True)}">'
            f"{text}</a>")


def annotate(page_html: str, page_url: str) -> str:
    """The page with the print address on every link of its article; `page_url` is its full address."""
    def article(match: re.Match[str]) -> str:
        body = _LINK.sub(lambda link: _annotate(link, page_url), match.group(2))
        return match.group(1) + body + match.group(3)

    return _ARTICLE.sub(article, page_html, count=1)
