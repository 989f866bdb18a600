"""Atom feed per language of pages newly published or re-reviewed.

The front matter has one date that says a page was (re)approved: review.last_reviewed.
Each page is one entry, identified by its permalink, with that date as <updated>:
a re-review moves the page to the top of the feed again. Only pages written in the
feed's language are listed (the English feed leaves out pages not yet translated).
"""
from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from ..content import review
from .catalogue import Published

ATOM = "http://www.w3.org/2005/Atom"
MAX_ENTRIES = 50


@dataclass(frozen=True)
class FeedInfo:
    lang: str
    title: str
    subtitle: str
    site_name: str
    site_url: str      # with a trailing slash
    self_url: str      # the feed's own absolute URL
    home_url: str      # the language's start page


def _timestamp(day: datetime.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def entries(pages: list[Published], lang: str, limit: int = MAX_ENTRIES) -> list[Published]:
    """Pages of the feed, most recently reviewed first (title order within a day)."""
    chosen = [p for p in pages if p.content_lang == lang and review.last_reviewed(p.doc.meta)]
    chosen.sort(key=lambda p: p.title.casefold())
    chosen.sort(key=lambda p: review.last_reviewed(p.doc.meta), reverse=True)
    return chosen[:limit]


def atom(info: FeedInfo, pages: list[Published], type_labels: dict[str, str]) -> bytes:
    """The Atom document (UTF-8 bytes) for the given pages, newest first."""
    ET.register_namespace("", ATOM)
    chosen = entries(pages, info.lang)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": info.lang})

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    sub(feed, "id", info.self_url)
    sub(feed, "title", info.title)
    sub(feed, "subtitle", info.subtitle)
    newest = review.last_reviewed(chosen[0].doc.meta) if chosen else datetime.date(2000, 1, 1)
    sub(feed, "updated", _timestamp(newest))
    sub(feed, "link", rel="self", type="application/atom+xml", href=info.self_url)
    sub(feed, "link", rel="alternate", type="text/html", href=info.home_url)
    author = sub(feed, "author")
    sub(author, "name", info.site_name)
    sub(author, "uri", info.site_url)
    for page in chosen:
        meta = page.doc.meta
        entry = sub(feed, "entry")
        sub(entry, "id", info.site_url + page.permalink)
        sub(entry, "title", page.title)
        sub(entry, "updated", _timestamp(review.last_reviewed(meta)))
        sub(entry, "link", rel="alternate", type="text/html", href=info.site_url + page.path)
        sub(entry, "summary", str(meta.get("description", "")))
        sub(entry, "category", term=str(meta["type"]), label=type_labels.get(str(meta["type"]), str(meta["type"])))
    ET.indent(feed)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8") + b"\n"
