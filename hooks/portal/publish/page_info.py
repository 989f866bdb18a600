"""What a reader sees around a content page: labels, review line, sources, notices.

Returns plain dicts for templates, so any theme (Material today, Zensical later)
can render the same information.
"""
from __future__ import annotations

import datetime
from typing import Any

from . import listings, swedish_terms, ui
from ..content import changes, contacts, review, statute_registry
from ..content.datafiles import from_data
from ..content.frontmatter import Document
from ..content.translation import is_out_of_date
from ..content.vocabulary import label, quick_exit_audiences, vocabularies


def _term_links(kind: str, vocab: str, values: list[str], lang: str, prefix: str) -> list[dict[str, str]]:
    return [{"label": label(vocab, v, lang), "url": prefix + listings.term_url(kind, v)} for v in values or []]


@from_data
def _statute_texts() -> dict[str, str]:
    """Reference -> official text address from the statute registry (data/statutes.yml), once while it is unchanged."""
    return {reference: statute.url for reference, statute in statute_registry.load_registry()[0].items()}


def _statutes_with_text(statutes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The page's statutes, each with `url`: the official text from data/statutes.yml, where the registry
    has the reference (the statutes check requires it), so a reader goes from the summary to the law."""
    registry = _statute_texts()
    return [{**s, "url": registry.get(s.get("reference")) or ""} for s in statutes]


def describe(doc: Document, lang: str, swedish: Document | None, today: datetime.date,
             edit_base: str) -> dict[str, Any]:
    """View model for one page shown in `lang`; `doc` may be the Swedish fallback of an English page."""
    meta = doc.meta
    prefix = "" if lang == "sv" else f"{lang}/"
    t = ui.strings(lang)
    last, due = review.last_reviewed(meta), review.next_review(meta)
    state = review.status(meta)
    info: dict[str, Any] = {
        "id": meta.get("id"),
        "lang": lang,
        "content_lang": doc.lang,
        "t": t,
        "type": meta.get("type"),
        "type_label": label("types", meta["type"], lang),
        "type_url": prefix + listings.term_url("type", meta["type"]) if meta["type"] != "page" else "",
        "audiences": _term_links("audience", "audiences", meta.get("audiences"), lang, prefix),
        "topics": _term_links("topic", "topics", meta.get("topics"), lang, prefix),
        "roles": [label("roles", r, lang) for r in meta.get("roles") or []],
        "status": state,
        "draft": state != "approved",
        "overdue": review.is_overdue(meta, today),
        "reviewed_line": t["reviewed"].format(last=last, by=(meta.get("review") or {}).get("reviewed_by", "–"), next=due)
        if state == "approved" and last else t["not_reviewed"],
        "next_review": str(due) if due else "",
        # Swedish titles and names on English pages are marked lang="sv" (portal.publish.swedish_terms).
        "sources": [swedish_terms.mark_source(s, doc.lang) for s in meta.get("sources") or []],
        "statutes": [swedish_terms.mark_statute(s, doc.lang) for s in _statutes_with_text(meta.get("statutes") or [])],
        "edit_url": edit_base + doc.rel,
        "untranslated": doc.lang != lang,
        "outdated": doc.lang == "en" and swedish is not None and is_out_of_date(doc, swedish),
        # "Ändra sidan" and "Bädda in sidan" are for editors and partners: not on pages for people at risk.
        "show_tools": not set(meta.get("audiences") or []) & quick_exit_audiences(),
        "is_listing": "listing" in meta,
        "help_lines": [] if "listing" in meta else contacts.lines_for(meta.get("audiences") or [], lang),
        "do_now": [str(step) for step in meta.get("do_now") or []],
        "help_for_people_at_risk": bool(set(meta.get("audiences") or []) & contacts.AT_RISK),
    }
    info["overdue_text"] = t["overdue_text"].format(next=info["next_review"])
    info.update(history(meta))
    return info


def history(meta: dict[str, Any]) -> dict[str, Any]:
    """The dates shown as "Publicerad" / "Published" and "Senast ändrad" / "Last updated", and the major
    changes, newest first (the loader refuses a history in another order)."""
    first, updated = changes.first_published(meta), changes.last_updated(meta)
    return {
        "first_published": first.isoformat() if first else "",
        "updated": updated.isoformat() if updated else "",
        "history": [{"date": change.date.isoformat(), "note": change.note} for change in changes.major(meta)],
    }


def role_links(headings: list[tuple[str, str]], lang: str) -> list[dict[str, str]]:
    """'Jag arbetar i skolan' and its siblings, each linking the first section of the page whose
    heading names that role (data/vocabularies.yml, role_links); roles without a section are left out.
    `headings` are (heading text, '#anchor') in page order."""
    found = []
    for role, spec in (vocabularies().get("role_links") or {}).items():
        words = [w.casefold() for w in ((spec.get("headings") or {}).get(lang) or [])]
        anchor = next((url for text, url in headings if text.casefold().startswith(tuple(words))), None)
        if words and anchor:
            found.append({"role": role, "text": str(spec.get(lang, role)), "url": anchor})
    return found


def describe_generated(lang: str) -> dict[str, Any]:
    """View model for a generated listing page: no review, sources or tools (the quick exit, like the
    rest of what every page shows, comes from portal.publish.site_chrome)."""
    return {
        "lang": lang, "content_lang": lang, "t": ui.strings(lang), "generated": True, "is_listing": True,
        "draft": False, "overdue": False, "untranslated": False, "outdated": False,
    }
