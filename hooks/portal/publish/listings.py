"""Listings generated from front matter: per content type, topic and audience, in each language.

A page asks for a listing with `listing: {of: type, term: guidance}` in its front
matter; topic and audience pages are generated for every vocabulary term. `listing: {of: glossary}`
lists data/glossary.yml, `listing: {of: reforms}` the law reforms of data/reforms.yml (reforms.py).
"""
from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass

from ..content import abbreviations, review
from . import glossary_page, reforms, ui
from ..content.frontmatter import Document
from ..content.navigation import Navigation
from ..content.sorting import sort_key
from ..content.vocabulary import group_label, label, slug, terms, vocabularies

TOPICS_DIR = "amnen"
AUDIENCES_DIR = "malgrupper"
FIELD_OF = {"type": "type", "topic": "topics", "audience": "audiences"}
FEED_FILE = "feed.xml"   # a topic's or audience's feed, beside its listing page (publish/feeds.py)

@dataclass(frozen=True)
class Entry:
    base: str          # path without language suffix, relative to docs/
    doc: Document      # the version shown in this language (may be the Swedish fallback)


def url_of(base: str) -> str:
    """A page's address relative to its language's root: 'typfall/resan' -> 'typfall/resan/',
    'vagledning/index' -> 'vagledning/', 'index' -> ''."""
    if base == "index" or base.endswith("/index"):
        return base[:-len("index")]
    return base + "/"


def term_path(kind: str, term: str) -> str:
    """Path (relative to docs/, no suffix) of the listing page for a term."""
    if kind == "type":
        return f"{vocabularies()['types'][term]['listing']}/index"
    if kind == "topic":
        return f"{TOPICS_DIR}/{slug('topics', term)}"
    return f"{AUDIENCES_DIR}/{slug('audiences', term)}"


def term_url(kind: str, term: str) -> str:
    """URL of that listing page relative to the language root: 'amnen/konsstympning/'."""
    return url_of(term_path(kind, term))


def generated_pages() -> list[tuple[str, str, str]]:
    """(path without suffix, kind, term) of the topic and audience pages the build generates."""
    return [(term_path("topic", t), "topic", t) for t in terms("topics")] + \
           [(term_path("audience", a), "audience", a) for a in terms("audiences")]


def _matches(doc: Document, kind: str, term: str) -> bool:
    value = doc.meta.get(FIELD_OF[kind])
    return value == term if kind == "type" else term in (value or [])


def select(entries: list[Entry], kind: str, term: str) -> list[Entry]:
    chosen = [e for e in entries if "listing" not in e.doc.meta and _matches(e.doc, kind, term)]
    return sorted(chosen, key=lambda e: sort_key(str(e.doc.meta.get("title", ""))))




def _link(from_path: str, base: str) -> str:
    """Relative address from the page at `from_path` (relative to docs/) to the page `base`."""
    from_base = re.sub(r"(\.(sv|en))?\.md$", "", from_path)
    relative = posixpath.relpath(url_of(base) or ".", url_of(from_base) or ".")
    return "./" if relative == "." else relative + "/"


# Listings are written as HTML, not Markdown: the same entries appear on many pages, and Markdown's
# inline processing of them was a tenth of a 100-page build. Links are computed like MkDocs does it
# for directory URLs; every listed page is published in this language's build (or its fallback).

def _entry_link(from_path: str, entry: Entry, lang: str) -> str:
    """A link to a listed page, titled; marked with its language when it is the Swedish fallback."""
    lang_attr = f' lang="{entry.doc.lang}" hreflang="{entry.doc.lang}"' if entry.doc.lang != lang else ""
    title = abbreviations.in_html(str(entry.doc.meta["title"]), lang)
    return f'<a href="{_link(from_path, entry.base)}"{lang_attr}>{title}</a>'


def _item(from_path: str, entry: Entry, lang: str, show_type: bool, show_date: bool) -> str:
    meta = entry.doc.meta
    facts = [label("types", meta["type"], lang)] if show_type and meta["type"] != "page" else []
    when = review.last_reviewed(meta)
    if show_date and when:
        facts.append(ui.text(lang, "reviewed_on").format(date=when))
    small = f"<br />\n  <small>{html.escape(' · '.join(facts))}</small>" if facts else ""
    return (f"<li>{_entry_link(from_path, entry, lang)}{small}<br />\n"
            f"  {abbreviations.in_html(str(meta['description']), lang)}</li>")


def _type_order(navigation: Navigation) -> list[str]:
    """Content types in the order their sections stand in the navigation (vocabulary order after)."""
    types = terms("types")
    return sorted(types, key=lambda t: (navigation.sort_key(vocabularies()["types"][t]["listing"] + "/"),
                                        types.index(t)))


def render_list(from_path: str, entries: list[Entry], lang: str, navigation: Navigation | None = None,
                start_here: list[Entry] | None = None) -> str:
    """A listing: "Börja här" first (when given), then the pages grouped by content type under a heading
    (Markdown, so the table of contents lists them) in the page's language, each group in navigation
    order. The review date is shown only when the listed pages' dates differ: the same date on every
    item says nothing."""
    navigation = navigation or Navigation()
    start_here = start_here or []
    shown = {entry.base for entry in start_here}
    rest = [entry for entry in entries if entry.base not in shown]
    if not rest and not start_here:
        return f"<p><em>{html.escape(ui.text(lang, 'listing_empty'))}</em></p>\n"
    dates = {review.last_reviewed(e.doc.meta) for e in start_here + rest}
    show_date = len(dates) > 1
    groups = {kind: [e for e in rest if e.doc.meta["type"] == kind] for kind in _type_order(navigation)}
    groups = {kind: sorted(group, key=lambda e: (navigation.sort_key(e.base), sort_key(str(e.doc.meta["title"]))))
              for kind, group in groups.items() if group}
    headed = bool(start_here) or len(groups) > 1
    out = []
    if start_here:
        out.append(f"## {html.escape(ui.text(lang, 'start_here'))}")
        out.append('<ul class="portal-listing portal-listing--start">\n' + "\n".join(
            _item(from_path, e, lang, True, show_date) for e in start_here) + "\n</ul>")
    for kind, group in groups.items():
        if headed:
            out.append(f"## {html.escape(group_label(kind, lang))}")
        out.append('<ul class="portal-listing">\n' + "\n".join(
            _item(from_path, e, lang, False, show_date) for e in group) + "\n</ul>")
    return "\n\n".join(out) + "\n"   # blank lines: a Markdown heading after an HTML block needs one


def render_hub(from_path: str, kind: str, entries: list[Entry], lang: str) -> str:
    """A list of all terms of one vocabulary with the number of pages for each."""
    vocab = {"topics": "topics", "audiences": "audiences", "types": "types"}[kind]
    single = {"topics": "topic", "audiences": "audience", "types": "type"}[kind]
    items = []
    for term in sorted(terms(vocab), key=lambda t: sort_key(label(vocab, t, lang))):
        count = len(select(entries, single, term))
        items.append(f'<li><a href="{_link(from_path, term_path(single, term))}">'
                     f"{abbreviations.in_html(label(vocab, term, lang), lang)}</a> "
                     f"({ui.text(lang, 'listing_count').format(n=count)})</li>")
    return "<ul>\n" + "\n".join(items) + "\n</ul>\n"


def render(from_path: str, spec: dict, entries: list[Entry], lang: str,
           navigation: Navigation | None = None) -> str:
    """Markdown for the listing a page asks for in its `listing:` field."""
    of = spec["of"]
    if of == "glossary":
        return glossary_page.render(lang)
    if of == "reforms":
        published = {entry.base: entry for entry in entries}
        return reforms.render(lang, lambda base: _entry_link(from_path, published[base], lang)
                              if base in published else None)
    if of in ("topics", "audiences", "types"):
        return render_hub(from_path, of, entries, lang)
    return render_list(from_path, select(entries, of, spec.get("term", "")), lang, navigation)


def generated_page(path: str, kind: str, term: str, entries: list[Entry], lang: str,
                   navigation: Navigation | None = None) -> str:
    """Full Markdown of a generated topic or audience page: "Börja här" (data/navigation.yml), then the
    rest grouped by content type."""
    navigation = navigation or Navigation()
    vocab = "topics" if kind == "topic" else "audiences"
    title = label(vocab, term, lang)
    heading = ui.text(lang, "topics" if kind == "topic" else "audiences")
    by_id = {str(entry.doc.meta.get("id")): entry for entry in entries}
    start = [by_id[page_id] for page_id in navigation.start_here_for(vocab, term) if page_id in by_id]
    front = f"---\ntitle: \"{title}\"\ndescription: \"{heading}: {title}\"\n---\n\n"
    feed = (f'<p class="portal-feed-link"><a href="{FEED_FILE}" type="application/atom+xml">'
            f"{html.escape(ui.text(lang, f'feed_{kind}_link').format(term=title))}</a></p>\n")
    return (front + f"# {title}\n\n" + render_list(path + ".md", select(entries, kind, term), lang, navigation, start)
            + "\n" + feed)
