"""What a web server needs to know about one build, written next to the pages.

After every build the site gets a folder `.deploy/` that the web server reads but never
serves:

- `.deploy/nginx-http.conf`: included by deploy/nginx/portal.conf.in in the http context:
  which addresses are embed views and the Content-Security-Policy of each kind of page
  (csp.py), as `map`s, so that nginx sends them on every response, its own errors (400,
  414, 405) included — a `set` in the server block never runs for those;
- `.deploy/nginx.conf`: included in the server block: the per-language 404 pages and the
  permanent (301) redirects of the permalinks (/id/<id>/) and moved pages;
- `.deploy/headers.json`: the same facts for a CDN or another static host (README,
  "Publishing site/ elsewhere").

The redirects come from the lists the build wrote while it wrote the forwarding pages
(`.deploy/redirects/<lang>.json`, from the page ids and data/redirects.yml), never from what a
built page says: a page's text can never become a redirect of the web server.
"""
from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import csp, framing, precompress

DEPLOY_DIR = ".deploy"
NGINX_INCLUDE = f"{DEPLOY_DIR}/nginx.conf"
NGINX_HTTP_INCLUDE = f"{DEPLOY_DIR}/nginx-http.conf"
HEADERS_JSON = f"{DEPLOY_DIR}/headers.json"
REDIRECTS_DIR = f"{DEPLOY_DIR}/redirects"
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
# sitemap.xml in any folder (deploy/nginx/portal.conf.in answers it with the site's sitemap index).
SITEMAP_LOOKUP = r"^(/(?:[^/]+/)*)sitemap\.xml$"
# Material's assets carry a content hash in their name: cached for a year.
HASHED_ASSET = r"\.[0-9a-f]{8,}\.min\.(?:css|js)$"

# Headers every response carries (deploy/nginx/portal.conf.in sends the same; a test checks it).
COMMON_HEADERS = {
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": ("accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
                           "magnetometer=(), microphone=(), payment=(), usb=(), browsing-topics=()"),
    "Cross-Origin-Opener-Policy": "same-origin",
}
CACHE_HASHED = "public, max-age=31536000, immutable"
CACHE_HTML = "public, max-age=300"
CACHE_OTHER = "public, max-age=3600"

# Characters we write into nginx location names and return targets without quoting trouble.
_SAFE_URI = re.compile(r"^/[A-Za-z0-9._~%!&'()*+,;=:@/-]*$")


@dataclass
class Redirect:
    source: str     # '/id/resan/'
    target: str     # '/typfall/resan/' or an absolute URL on another host


@dataclass
class SiteFacts:
    redirects: list[Redirect] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)     # redirects whose addresses nginx cannot take

    def csp_page(self) -> str:
        return csp.policy(csp.NOT_FRAMED_BY_OTHERS)

    def csp_embed(self, frame_ancestors: str) -> str:
        return csp.policy(frame_ancestors)


def embed_view_pattern(languages: list[str]) -> str:
    """The addresses of embed views: /embed/<id>/ and /<other language>/embed/<id>/, nothing deeper
    (a page at /om/embed/x/ is an ordinary page and may not be framed)."""
    others = languages[1:]
    for lang in others:
        if not _LANGUAGE.match(lang):
            raise ValueError(f"language code {lang!r} cannot go into the embed-view pattern")
    prefix = f"(?:{'|'.join(f'{lang}/' for lang in others)})?" if others else ""
    return f"^/{prefix}embed/"


def uri_of(rel: str) -> str:
    """Address of a built file: 'id/resan/index.html' -> '/id/resan/', 'a.html' -> '/a.html'."""
    if rel == "index.html":
        return "/"
    if rel.endswith("/index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel


def write_redirects(site_dir: Path, lang: str, redirects: list[tuple[str, str]]) -> None:
    """Record a language's forwarding pages as (file written, page path it forwards to), both
    relative to the site root, for the web server's permanent redirects."""
    out = site_dir / REDIRECTS_DIR
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{lang}.json").write_text(json.dumps([{"file": f, "to": t} for f, t in sorted(redirects)],
                                                 ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def scan(site_dir: Path) -> SiteFacts:
    """The redirects the build recorded (write_redirects), as nginx can take them."""
    facts = SiteFacts()
    for manifest in sorted((site_dir / REDIRECTS_DIR).glob("*.json")):
        for entry in json.loads(manifest.read_text(encoding="utf-8")):
            source, target = uri_of(entry["file"]), "/" + entry["to"].lstrip("/")
            if _SAFE_URI.match(source) and _SAFE_URI.match(target):
                facts.redirects.append(Redirect(source, target))
            else:
                facts.skipped.append(entry["file"])
    return facts


def _quote(value: str) -> str:
    """An nginx double-quoted string (CSP values contain no '$' or '"'; refuse them anyway)."""
    if '"' in value or "$" in value or "\\" in value:
        raise ValueError(f"cannot put {value!r} into the nginx configuration")
    return f'"{value}"'


def nginx_http_include(facts: SiteFacts, languages: list[str], embed_frame_ancestors: str) -> str:
    """The http-context file the build writes to .deploy/nginx-http.conf: maps, evaluated for every response."""
    return "\n".join([
        "# Generated by the build (hooks/portal/deliver/delivery.py) — do not edit; rebuild instead.",
        "# Included in the http context by deploy/nginx/portal.conf.in. Reload nginx after each publish.",
        "",
        "# Embed views: /embed/<id>/ and the other languages' /<lang>/embed/<id>/, at the top level only.",
        "map $uri $portal_embed_view {",
        f"    {_quote('~' + embed_view_pattern(languages))}  1;",
        "    default  0;",
        "}",
        "",
        "# No inline scripts: the build refuses them (hooks/portal/content/rendered_html.py).",
        "map $portal_embed_view $portal_csp {",
        f"    1        {_quote(facts.csp_embed(embed_frame_ancestors))};",
        f"    default  {_quote(facts.csp_page())};",
        "}",
    ]) + "\n"


def nginx_include(facts: SiteFacts, languages: list[str]) -> str:
    """The server-context file the build writes to .deploy/nginx.conf."""
    lines = [
        "# Generated by the build (hooks/portal/deliver/delivery.py) — do not edit; rebuild instead.",
        "# Included in the server block of deploy/nginx/portal.conf.in. Reload nginx after each publish.",
        "",
        "# 404 page per language (the default language's /404.html is the server's error_page).",
    ]
    for lang in languages[1:]:
        lines.append(f"location /{lang}/ {{ error_page 404 /{lang}/404.html; }}")
    lines += ["", f"# Permalinks and moved pages: {len(facts.redirects)} permanent redirect(s)."]
    for redirect in sorted(facts.redirects, key=lambda r: r.source):
        lines.append(f"location = {_quote(redirect.source)} {{ return 301 {_quote(redirect.target)}; }}")
    return "\n".join(lines) + "\n"


def headers_document(facts: SiteFacts, languages: list[str], embed_frame_ancestors: str) -> dict:
    """The same rules as data, for configuring a CDN or another static host."""
    return {
        "comment": "Generated by the build (hooks/portal/deliver/delivery.py). Headers to send with site/; see README.",
        "headers": {
            "all": dict(COMMON_HEADERS, **{"Content-Security-Policy": facts.csp_page(),
                                           "X-Frame-Options": "SAMEORIGIN"}),
            "embed_views": {"match": embed_view_pattern(languages),
                            "Content-Security-Policy": facts.csp_embed(embed_frame_ancestors),
                            "X-Frame-Options": None},
        },
        "cache_control": [
            {"match": HASHED_ASSET, "value": CACHE_HASHED},
            {"content_type": "text/html", "value": CACHE_HTML},
            {"match": "*", "value": CACHE_OTHER},
        ],
        "error_pages": {("/" if i == 0 else f"/{lang}/"): ("/404.html" if i == 0 else f"/{lang}/404.html")
                        for i, lang in enumerate(languages)},
        "redirects": [{"from": r.source, "to": r.target, "status": 301}
                      for r in sorted(facts.redirects, key=lambda r: r.source)],
        # Material's language selector asks for sitemap.xml beside every <link rel="alternate">.
        "sitemap_lookups": {"match": SITEMAP_LOOKUP, "serve": "/sitemap.xml",
                            "when": "the folder the address names holds index.html; otherwise 404"},
        "precompressed": {"extensions": list(precompress.EXTENSIONS), "copy": "<file>.gz",
                          "send_when": "Accept-Encoding allows gzip, with Content-Encoding: gzip and "
                                       "Vary: Accept-Encoding"},
        "never_serve": [DEPLOY_DIR + "/"],
    }


def write(site_dir: Path, languages: list[str], embed_frame_ancestors: str) -> SiteFacts:
    """Write .deploy/nginx-http.conf, .deploy/nginx.conf and .deploy/headers.json for the built site."""
    facts = scan(site_dir)
    out = site_dir / DEPLOY_DIR
    out.mkdir(parents=True, exist_ok=True)
    (site_dir / NGINX_HTTP_INCLUDE).write_text(nginx_http_include(facts, languages, embed_frame_ancestors),
                                               encoding="utf-8")
    (site_dir / NGINX_INCLUDE).write_text(nginx_include(facts, languages), encoding="utf-8")
    (out / "headers.json").write_text(json.dumps(headers_document(facts, languages, embed_frame_ancestors),
                                                 ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return facts


def embed_frame_ancestors(origins: list[str]) -> str:
    """frame-ancestors of embed views: any site ('*'), or the portal itself and the listed origins."""
    value = framing.frame_ancestors(origins, embed_view=True)
    return value if value in ("*", framing.NOT_FRAMED) else f"'self' {value}"


_ALTERNATE = re.compile(r'(<(?:link|a)\b[^>]*?\bhref=")[^"]*("[^>]*?\bhreflang="([a-z]{2})")')


def language_home(lang: str, languages: list[str], site_path: str = "/") -> str:
    """Absolute path of a language's start page: '/' for the default language, '/en/' for English."""
    root = "/" + site_path.strip("/") + "/" if site_path.strip("/") else "/"
    return root + ("" if lang == languages[0] else f"{lang}/")


def error_page_alternates(page: str, languages: list[str], site_path: str = "/") -> str:
    """A 404 page's language links lead to each language's start page (they name some other page)."""
    def home(match: re.Match[str]) -> str:
        lang = match.group(3)
        if lang not in languages:
            return match.group(0)
        return match.group(1) + language_home(lang, languages, site_path) + match.group(2)
    return _ALTERNATE.sub(home, page)


def error_page_path(lang: str, languages: list[str]) -> str:
    """Where a language's 404 page goes: '404.html' for the default language, 'en/404.html' else."""
    return "404.html" if lang == languages[0] else posixpath.join(lang, "404.html")
