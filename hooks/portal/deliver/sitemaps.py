"""The site's sitemaps: /sitemap.xml is a sitemap index; the pages are listed in /sitemap-pages.xml.

mkdocs-static-i18n writes one sitemap of every page in every language, each with its translations
(hreflang), to /sitemap.xml. Material's language-selector script (bundle.js, "alternate") asks for
`sitemap.xml` beside every `<link rel="alternate">` of a page on every page view: beside the page and
its translations, the Atom feed (/feed.xml gives /sitemap.xml) and the oEmbed file. The script cannot
be configured, and the links are needed (hreflang, feed and oEmbed discovery).

So that no such request fails and none is large, the build moves the list of pages to
/sitemap-pages.xml and writes a sitemap index of a few hundred bytes to /sitemap.xml; the web server
answers sitemap.xml in every folder that holds a page with that index (deploy/nginx/portal.conf.in).
Crawlers follow the index to the full list.
"""
from __future__ import annotations

import os
from pathlib import Path
from xml.sax.saxutils import escape

INDEX = "sitemap.xml"
PAGES = "sitemap-pages.xml"


def index_document(site_url: str) -> str:
    """A sitemap index naming the list of pages (absolute address, as the protocol requires)."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"  <sitemap><loc>{escape(base + PAGES)}</loc></sitemap>\n"
            "</sitemapindex>\n")


def write(site_dir: Path, site_url: str) -> None:
    """Move the built sitemap to sitemap-pages.xml and put the index in its place."""
    built = site_dir / INDEX
    if not built.is_file():
        raise FileNotFoundError(f"{built}: the build wrote no sitemap")
    with open(built, "rb") as handle:
        if b"<sitemapindex" in handle.read(500):   # already done: a dirty rebuild kept the last build's files
            return
    os.replace(built, site_dir / PAGES)
    # MkDocs' compressed copy of the list; the build's precompression writes the index's.
    (site_dir / (INDEX + ".gz")).unlink(missing_ok=True)
    built.write_text(index_document(site_url), encoding="utf-8")
