"""The static content API: /api/v1/<lang>/pages.json and /api/v1/<lang>/pages/<id>.json.

Plain dictionaries, written as JSON by the build and described by
data/content-api.schema.json (the list is the schema's root, one page is $defs/page).
Every URL is absolute; ids are stable, so moving a file changes `url` but never `id`
or `permalink`.
"""
from __future__ import annotations

import datetime
from typing import Any

from ..content import changes, review
from .catalogue import Published, api_index_path
from ..content.datafiles import DATA
from ..content.vocabulary import label

VERSION = "1"
SCHEMA_PATH = DATA / "content-api.schema.json"
SCHEMA_URL_PATH = "api/v1/schema.json"


def _term(vocab: str, term: str, lang: str) -> dict[str, str]:
    return {"id": term, "label": label(vocab, term, lang)}


def _date(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def summary(page: Published, site_url: str) -> dict[str, Any]:
    """One entry of pages.json."""
    meta, lang = page.doc.meta, page.lang
    return {
        "id": page.id,
        "type": meta["type"],
        "type_label": label("types", meta["type"], lang),
        "title": page.title,
        "description": str(meta.get("description", "")),
        "language": page.content_lang,
        "url": site_url + page.path,
        "embed_url": site_url + page.embed,
        "oembed_url": site_url + page.oembed,
        "api_url": site_url + page.api,
        "permalink": site_url + page.permalink,
        "audiences": [_term("audiences", a, lang) for a in meta.get("audiences") or []],
        "topics": [_term("topics", t, lang) for t in meta.get("topics") or []],
        "owner": _term("owners", meta["owner"], lang),
        "last_reviewed": _date(review.last_reviewed(meta)),
        "next_review": _date(review.next_review(meta)),
        "first_published": _date(changes.first_published(meta)),
        "updated": _date(changes.last_updated(meta)),
        "translations": {other: site_url + path for other, path in sorted(page.translations.items())},
    }


def detail(page: Published, site_url: str, body_html: str) -> dict[str, Any]:
    """pages/<id>.json: the summary plus the rendered text and its sources."""
    meta = page.doc.meta
    return {
        **summary(page, site_url),
        "reviewed_by": (meta.get("review") or {}).get("reviewed_by"),
        "roles": [_term("roles", r, page.lang) for r in meta.get("roles") or []],
        "statutes": [dict(s) for s in meta.get("statutes") or []],
        "sources": [dict(s) for s in meta.get("sources") or []],
        "change_history": [{"date": c.date.isoformat(), "note": c.note} for c in changes.major(meta)],
        "body_html": body_html,
    }


def index(lang: str, pages: list[Published], site_url: str, site_name: str,
          generated: datetime.date) -> dict[str, Any]:
    """pages.json for one language."""
    return {
        "version": VERSION,
        "language": lang,
        "generated": generated.isoformat(),
        "site": {"name": site_name, "url": site_url},
        "schema": site_url + SCHEMA_URL_PATH,
        "self": site_url + api_index_path(lang),
        "pages": [summary(p, site_url) for p in pages],
    }
