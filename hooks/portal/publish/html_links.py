"""Links in rendered page HTML, rewritten for a new home.

MkDocs writes links relative to the page they are on ('../../lagstiftning/x/'). The same
text is shown again in an embed view (another folder of our site, inside a partner's
frame) and in the content API (on a partner's own pages), so its links are rewritten:

- for an embed view, relative to the embed view; links to our pages open in the top
  window (target="_top"), links elsewhere in a new tab (target="_blank",
  rel="noopener noreferrer", with a hidden "opens in a new tab" for screen readers);
  links within the page (#section) stay in the frame; the quick exit is left as it is;
- for the API, as absolute URLs under site_url.

The heading permalinks (¶) are dropped in both: they only make sense on the page itself.
The HTML comes from Python-Markdown and our templates, which quote attributes with '"'.
"""
from __future__ import annotations

import html
import posixpath
import re
from urllib.parse import urljoin, urlsplit

_ANCHOR = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.S | re.I)
_MEDIA = re.compile(r"<(img|source|video|audio|track)\b([^>]*)>", re.I)
_HEADERLINK = re.compile(r'<a\b[^>]*\bclass="headerlink"[^>]*>.*?</a>', re.S | re.I)
_TARGET_REL = re.compile(r'\s(?:target|rel)="[^"]*"', re.I)


def _attr(name: str) -> re.Pattern[str]:
    return re.compile(rf'(\s{name}=")([^"]*)(")', re.I)


_HREF, _SRC = _attr("href"), _attr("src")


class Relinker:
    """Rewrites the links of HTML found on `page_path` (a path from the site root, e.g. 'typfall/resan/')."""

    def __init__(self, site_url: str, page_path: str) -> None:
        self.site_url = site_url if site_url.endswith("/") else site_url + "/"
        self.page_path = page_path

    def kind(self, url: str) -> str:
        """'fragment', 'site' (one of our pages or files), 'external' (another site) or 'other' (mailto: ...)."""
        url = html.unescape(url)
        if not url or url.startswith("#"):
            return "fragment"
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") or url.startswith("//"):
            return "site" if urljoin(self.site_url, url).startswith(self.site_url) else "external"
        return "other" if parts.scheme else "site"

    def site_path(self, url: str) -> str:
        """Path from the site root of a link to one of our pages: '../../x/#a' on 'typfall/resan/' -> 'x/#a'."""
        url = html.unescape(url)
        base = urlsplit(self.site_url).path or "/"
        absolute = urlsplit(urljoin(urljoin(self.site_url, self.page_path), url))
        path = absolute.path[len(base):] if absolute.path.startswith(base) else absolute.path.lstrip("/")
        return path + (f"?{absolute.query}" if absolute.query else "") + \
            (f"#{absolute.fragment}" if absolute.fragment else "")

    def absolute(self, url: str) -> str:
        return self.site_url + self.site_path(url) if self.kind(url) == "site" else url

    def relative_to(self, url: str, new_page_path: str) -> str:
        """The link as seen from another page of the site."""
        if self.kind(url) != "site":
            return url
        target = self.site_path(url)
        path, sep, rest = target.partition("#")
        path, qsep, query = path.partition("?")
        relative = posixpath.relpath(path or ".", new_page_path.rstrip("/") or ".")
        if relative == ".":
            relative = "./"
        elif path.endswith("/") or not path:
            relative += "/"
        return relative + (qsep + query) + (sep + rest)


def _rewrite_attr(tag_attrs: str, pattern: re.Pattern[str], convert) -> str:
    return pattern.sub(lambda m: m.group(1) + html.escape(convert(m.group(2)), quote=True) + m.group(3), tag_attrs)


def strip_headerlinks(text: str) -> str:
    return _HEADERLINK.sub("", text)


def for_embed(text: str, site_url: str, page_path: str, embed_path: str, new_tab_text: str) -> str:
    """HTML of a page, as shown in the embed view at embed_path."""
    links = Relinker(site_url, page_path)

    def anchor(match: re.Match[str]) -> str:
        attrs, inner = match.group(1), match.group(2)
        if "data-portal-exit-link" in attrs:      # the quick exit keeps its own target (the top window)
            return match.group(0)
        href = _HREF.search(attrs)
        url = html.unescape(href.group(2)) if href else ""
        kind = links.kind(url) if href else "fragment"
        attrs = _rewrite_attr(attrs, _HREF, lambda u: links.relative_to(html.unescape(u), embed_path))
        if kind == "site":
            attrs = _TARGET_REL.sub("", attrs) + ' target="_top"'
        elif kind == "external":
            attrs = _TARGET_REL.sub("", attrs) + ' target="_blank" rel="noopener noreferrer"'
            inner += f' <span class="portal-embed__hidden">({html.escape(new_tab_text)})</span>'
        return f"<a{attrs}>{inner}</a>"

    def media(match: re.Match[str]) -> str:
        attrs = _rewrite_attr(match.group(2), _SRC, lambda u: links.relative_to(html.unescape(u), embed_path))
        return f"<{match.group(1)}{attrs}>"

    return _MEDIA.sub(media, _ANCHOR.sub(anchor, strip_headerlinks(text)))


def for_api(text: str, site_url: str, page_path: str) -> str:
    """HTML of a page with absolute links, for use on another site."""
    links = Relinker(site_url, page_path)

    def absolute(match: re.Match[str]) -> str:
        return _rewrite_attr(match.group(0), _HREF if match.group(0)[:2].lower() == "<a" else _SRC,
                             lambda u: links.absolute(html.unescape(u)))

    return _MEDIA.sub(absolute, re.sub(r"<a\b[^>]*>", absolute, strip_headerlinks(text), flags=re.I))
