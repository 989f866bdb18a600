"""Atom feeds of major changes: one per language, one per topic and one per audience.

Each entry is one major change of a page (GOV.UK change notes; content/changes.py): the page's title,
the change note as summary, the change's date as <updated>, the page's first publication as
<published>. A review alone is no entry: the reader learns nothing new from it. Minor changes are
left out, as on GOV.UK. Only pages written in the feed's language are listed (the English feeds leave
out pages not yet translated). An entry's id is the page's permalink with the change's date as
fragment (a second change on the same day gets '-2'), counted from the oldest change so that the ids
of earlier entries never change when a new one is added.
"""
from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass

from ..content import changes
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
    home_url: str      # the page the feed belongs to (the language's start page, a topic's listing)


@dataclass(frozen=True)
class Entry:
    page: Published
    change: changes.Change
    fragment: str      # 'change-2026-12-04', 'change-2026-12-04-2'


def _timestamp(day: datetime.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _page_entries(page: Published) -> list[Entry]:
    found, seen = [], Counter[datetime.date]()
    for change in reversed(changes.major(page.doc.meta)):   # oldest first: earlier ids stay as they are
        seen[change.date] += 1
        count = seen[change.date]
        found.append(Entry(page, change, f"change-{change.date}" + (f"-{count}" if count > 1 else "")))
    return found[::-1]   # newest first again, as the page lists them


def entries(pages: list[Published], lang: str, limit: int = MAX_ENTRIES) -> list[Entry]:
    """The major changes of the pages written in `lang`, newest first (title order within a day)."""
    chosen = [entry for page in pages if page.content_lang == lang for entry in _page_entries(page)]
    chosen.sort(key=lambda e: e.page.title.casefold())   # stable: a page's changes stay newest first
    chosen.sort(key=lambda e: e.change.date, reverse=True)
    return chosen[:limit]


def atom(info: FeedInfo, pages: list[Published], type_labels: dict[str, str]) -> bytes:
    """The Atom document (UTF-8 bytes) of the given pages' major changes, newest first. ElementTree
    escapes every text and attribute, so a title or note is text in any feed reader."""
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
    sub(feed, "updated", _timestamp(chosen[0].change.date if chosen else datetime.date(2000, 1, 1)))
    sub(feed, "link", rel="self", type="application/atom+xml", href=info.self_url)
    sub(feed, "link", rel="alternate", type="text/html", href=info.home_url)
    author = sub(feed, "author")
    sub(author, "name", info.site_name)
    sub(author, "uri", info.site_url)
    for item in chosen:
        page, meta = item.page, item.page.doc.meta
        entry = sub(feed, "entry")
        sub(entry, "id", f"{info.site_url}{page.permalink}#{item.fragment}")
        sub(entry, "title", page.title)
        sub(entry, "updated", _timestamp(item.change.date))
        first = changes.first_published(meta)
        if first:
            sub(entry, "published", _timestamp(first))
        sub(entry, "link", rel="alternate", type="text/html", href=info.site_url + page.path)
        sub(entry, "summary", item.change.note)
        sub(entry, "category", term=str(meta["type"]), label=type_labels.get(str(meta["type"]), str(meta["type"])))
    ET.indent(feed)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8") + b"\n"
