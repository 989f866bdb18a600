"""What rendered HTML may contain, checked with a real HTML parser against an allowlist.

The Markdown-level rules (content/safety.py) give an editor the friendly first error with a line
number; this is the guarantee. Regular expressions over HTML can be walked around (a '>' inside a
quoted attribute, entities in a scheme, an SVG animation that sets an href), so the HTML is parsed
the way a browser parses it, with Lexbor through selectolax: a WHATWG-conformant parser in C, kept
up to date, fast enough to read every built page (html5lib is the reference in pure Python but
unmaintained since 2020; lxml's libxml2 parser is not HTML5 and disagrees with browsers on the
edge cases an attacker uses). Then every element, attribute and address is compared with an
allowlist. Two lists:

- CONTENT: what converted Markdown may hold (page text, listings, the glossary, the content API's
  body_html that partners show outside our Content-Security-Policy);
- DOCUMENT: a whole built page or embed view, that is CONTENT plus what the theme's own templates
  write (header, navigation, search box, icons), with the same rules for scripts, handlers and
  addresses.

Nowhere: inline event handlers, inline styles, <style>, <base>, frames, objects, forms in content,
srcset/ping/formaction, executable inline scripts, `javascript:`/`data:` addresses, and resources
(scripts, styles, images, icons) from another host: the site makes no third-party request.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from .remember import while_serving

_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Attributes whose value is an address, and whether it loads something into the page (then only
# our own site may serve it) or is a link the reader follows.
URL_ATTRIBUTES = {"href": False, "src": True, "action": True, "cite": False, "poster": True, "data": True,
                  "xlink:href": True, "background": True, "formaction": True, "manifest": True}
RESOURCE_LINK_RELS = frozenset({"stylesheet", "icon", "shortcut", "apple-touch-icon", "mask-icon", "preload",
                                "modulepreload", "prefetch", "manifest", "prerender", "dns-prefetch", "preconnect"})
NEVER_ATTRIBUTES = frozenset({"style", "srcset", "imagesrcset", "ping", "formaction", "srcdoc", "http-equiv"})

_GLOBAL = frozenset({"id", "class", "title", "lang", "dir", "role", "hidden", "aria-hidden", "aria-label",
                     "aria-labelledby", "aria-describedby", "aria-live", "aria-expanded", "aria-controls",
                     "aria-current", "tabindex", "translate"})
_CONTENT_TAGS: dict[str, frozenset[str]] = {
    **{tag: frozenset() for tag in """
        abbr b blockquote br caption code col colgroup dd del details dfn div dl dt em figcaption figure
        h1 h2 h3 h4 h5 h6 hr i ins kbd li mark nav ol p pre q s samp section small span strong sub summary sup
        table tbody td tfoot th thead time tr u ul var article aside footer header main
    """.split()},
    "a": frozenset({"href", "hreflang", "rel", "target", "type", "name"}),
    "img": frozenset({"src", "alt", "width", "height", "loading", "decoding"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "td": frozenset({"colspan", "rowspan", "headers", "align"}),
    "th": frozenset({"colspan", "rowspan", "headers", "scope", "align"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "time": frozenset({"datetime"}),
    "del": frozenset({"datetime", "cite"}),
    "ins": frozenset({"datetime", "cite"}),
    "blockquote": frozenset({"cite"}),
    "q": frozenset({"cite"}),
    "details": frozenset({"open"}),
    "abbr": frozenset({"title"}),
    # Task lists (pymdownx.tasklist) and tabs (pymdownx.tabbed) are inputs and labels.
    "input": frozenset({"type", "disabled", "checked", "name"}),
    "label": frozenset({"for"}),
}
_CONTENT_INPUT_TYPES = frozenset({"checkbox", "radio"})
# data-label, data-sort, data-numeric and data-unsortable: the quality report's sortable tables (report.js)
_CONTENT_DATA = frozenset({"data-tabs", "data-label", "data-sort", "data-numeric", "data-unsortable"})

_DOCUMENT_TAGS: dict[str, frozenset[str]] = {
    **_CONTENT_TAGS,
    "html": frozenset(), "head": frozenset(), "body": frozenset(), "title": frozenset(),
    "meta": frozenset({"charset", "name", "content", "http-equiv"}),
    "link": frozenset({"rel", "href", "hreflang", "type", "title", "sizes", "media"}),
    "script": frozenset({"src", "defer", "async", "type"}),
    "form": frozenset({"action", "method", "autocomplete"}),
    "input": frozenset({"type", "disabled", "checked", "name", "autocomplete", "placeholder", "autocapitalize",
                        "autocorrect", "spellcheck", "maxlength"}),
    "button": frozenset({"type"}),
    "label": frozenset({"for"}),
    "svg": frozenset({"xmlns", "viewbox", "width", "height"}),
    "path": frozenset({"d"}),
}
_DOCUMENT_INPUT_TYPES = frozenset({"checkbox", "radio", "search"})
# The page around the content: Material's and our own data attributes, and the content's (_CONTENT_DATA).
_DOCUMENT_DATA = re.compile(r"^data-(?:md-[a-z-]+|portal-[a-z-]+|t-[a-z_-]+|lang|index|scripts|base|tabs|scope|folder|buckets"
                            r"|label|sort|numeric|unsortable)$")
_REFRESH = re.compile(r"^\s*\d+\s*;\s*url\s*=\s*(.+)$", re.I)


@dataclass(frozen=True)
class Profile:
    name: str
    tags: dict[str, frozenset[str]]
    input_types: frozenset[str]
    data_allowed: object = field(default=None)   # a set of names or a compiled pattern
    document: bool = False

    def data_ok(self, name: str) -> bool:
        known = _DATA_OK.get((id(self), name))
        if known is None:
            allowed = self.data_allowed
            known = bool(allowed.match(name)) if isinstance(allowed, re.Pattern) else name in (allowed or ())
            if len(_DATA_OK) < 4096:   # the names come from pages: a page may not grow the table without end
                _DATA_OK[(id(self), name)] = known
        return known

    def plain(self, tag: str) -> frozenset[str]:
        """The attributes `tag` may have that need no further look: allowed for the tag or everywhere, no
        address, and the data-* names the profile allows. Worked out once per tag: a report of thousands of
        rows has hundreds of thousands of elements, most of them the same few tags."""
        known = _PLAIN.get((id(self), tag))
        if known is None:
            allowed = (self.tags.get(tag, frozenset()) | _GLOBAL) - URL_ATTRIBUTES.keys() - NEVER_ATTRIBUTES
            data = self.data_allowed if isinstance(self.data_allowed, frozenset) else frozenset()
            known = _PLAIN[(id(self), tag)] = frozenset(name for name in allowed | data if not name.startswith("on"))
        return known


_PLAIN: dict[tuple[int, str], frozenset[str]] = {}   # (profile, tag) -> attributes
_DATA_OK: dict[tuple[int, str], bool] = {}   # (profile, data-* name) -> allowed: few names, asked again and again


CONTENT = Profile("content", _CONTENT_TAGS, _CONTENT_INPUT_TYPES, _CONTENT_DATA)
DOCUMENT = Profile("document", _DOCUMENT_TAGS, _DOCUMENT_INPUT_TYPES, _DOCUMENT_DATA, document=True)


def scheme(url: str) -> str | None:
    """The scheme a browser would see: entities decoded, spaces and control characters dropped."""
    cleaned = _CONTROL.sub("", html.unescape(url)).lower()
    match = re.match(r"^([a-z][a-z0-9+.-]*):", cleaned)
    return match.group(1) if match else None


def _same_site(url: str, site_url: str = "") -> bool:
    """A relative address (or a fragment), or an absolute one under the site's own address: served
    by this site, never another host."""
    cleaned = _CONTROL.sub("", html.unescape(url)).replace("\\", "/")
    if site_url and cleaned.startswith(site_url):
        return True
    return scheme(url) is None and not cleaned.startswith("//")


def _url_problem(tag: str, attribute: str, value: str, loads: bool, site_url: str) -> str | None:
    found = scheme(value)
    if loads:
        if not _same_site(value, site_url):
            return f"<{tag} {attribute}> loads {value[:60]!r} from another address; only this site's files may be used"
        return None
    if found is not None and found not in LINK_SCHEMES:
        return f"<{tag} {attribute}> links to a '{found}:' address"
    return None


def _attribute_problems(profile: Profile, tag: str, attrs: dict[str, str | None], site_url: str) -> list[str]:
    found = []
    plain = profile.plain(tag)
    allowed = None
    for original, raw in attrs.items():
        name, value = original.lower(), raw or ""
        if name in plain:
            continue
        if allowed is None:
            allowed = profile.tags.get(tag, frozenset()) | _GLOBAL
        if name.startswith("on"):
            found.append(f"<{tag}> has the event handler {name}")
        elif name in NEVER_ATTRIBUTES and not (profile.document and tag == "meta" and name == "http-equiv"):
            found.append(f"<{tag}> has the attribute {name}, which is not allowed")
        elif name.startswith("data-"):
            if not profile.data_ok(name):
                found.append(f"<{tag}> has the attribute {name}, which is not allowed")
        elif name not in allowed and not name.startswith("aria-"):
            found.append(f"<{tag}> has the attribute {name}, which is not allowed")
        if name in URL_ATTRIBUTES:
            loads = URL_ATTRIBUTES[name]
            if tag == "link":
                loads = bool(set((attrs.get("rel") or "").lower().split()) & RESOURCE_LINK_RELS)
            elif tag == "a":
                loads = False
            problem = _url_problem(tag, name, value, loads, site_url)
            if problem:
                found.append(problem)
    return found


def _element_problems(profile: Profile, node, site_url: str) -> list[str]:   # node: selectolax LexborNode
    tag = node.tag
    attrs = node.attributes
    if tag not in profile.tags:
        if tag in ("html", "head", "body") and not attrs:
            return []   # the parser's own wrapper around a fragment
        return [f"<{tag}> is not allowed"]
    found = _attribute_problems(profile, tag, attrs, site_url)
    if tag == "input" and (attrs.get("type") or "text").lower() not in profile.input_types:
        found.append(f"<input type={attrs.get('type')!r}> is not allowed")
    if tag == "script":
        kind = (attrs.get("type") or "").lower()
        if "src" not in attrs and kind != "application/json":
            found.append("an inline <script> (scripts come from files on this site)")
    if tag == "meta" and "http-equiv" in attrs:
        refresh = _REFRESH.match(attrs.get("content") or "") if (attrs["http-equiv"] or "").lower() == "refresh" else None
        if refresh is None:
            found.append(f"<meta http-equiv={attrs['http-equiv']!r}> is not allowed")
        elif not _same_site(refresh.group(1).strip().strip("'\"")):
            found.append("<meta http-equiv=refresh> leads to another site")
    return found


def problems(markup: str, profile: Profile = CONTENT, site_url: str = "") -> list[str]:
    """Every way the HTML leaves the allowlist, in document order (duplicates kept once). Addresses
    under `site_url` (with its trailing slash) count as the site's own, as relative ones do.
    In `make serve` a page's converted text is judged once (every page is checked again at every save);
    whole documents are not kept (they are large, and deliver/built_pages keeps their results)."""
    if profile is CONTENT:
        return list(_remembered(markup, site_url))
    return list(_problems(markup, profile, site_url))


@while_serving(maxsize=4096)
def _remembered(markup: str, site_url: str) -> tuple[str, ...]:
    return _problems(markup, CONTENT, site_url)


def _problems(markup: str, profile: Profile, site_url: str) -> tuple[str, ...]:
    site_url = site_url if not site_url or site_url.endswith("/") else site_url + "/"
    tree = LexborHTMLParser(markup)
    found: list[str] = []
    for node in tree.root.traverse(include_text=False) if tree.root is not None else ():
        if not node.tag or node.tag.startswith("-"):   # comments, doctype, processing instructions
            continue
        for problem in _element_problems(profile, node, site_url):
            if problem not in found:
                found.append(problem)
    return tuple(found)
