"""Who may show our pages in a frame (data/embedding.yml).

Embed views (/embed/<id>/, /en/embed/<id>/) may be framed by any origin ("*") or by the
origins listed; every other page may not be framed at all. This module only reads and
checks the setting and turns it into a CSP frame-ancestors value; the web server
configuration sends the headers.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..content.datafiles import DATA, load_yaml

EMBEDDING_PATH = DATA / "embedding.yml"
_ORIGIN = re.compile(r"^https?://[a-z0-9.-]+(:[0-9]{1,5})?$")
NOT_FRAMED = "'none'"


def allowed_origins(path: Path = EMBEDDING_PATH) -> list[str]:
    """['*'] (any origin) or the list of origins that may frame embed views; no file: any origin."""
    data: Any = load_yaml(path) if path.exists() else {}
    value = data.get("frame_ancestors", "*") if isinstance(data, dict) else "*"
    if isinstance(value, str):
        return [value]
    return [str(origin) for origin in value or []]


def problems(origins: list[str]) -> list[str]:
    """What is wrong with an allowlist: each entry is '*' alone or an origin like https://example.se."""
    found = []
    if "*" in origins and origins != ["*"]:
        found.append("frame_ancestors: '*' allows every origin; do not list origins next to it")
    for origin in origins:
        if origin != "*" and not _ORIGIN.match(str(origin)):
            found.append(f"frame_ancestors: '{origin}' is not an origin — write scheme and host only, "
                         "e.g. https://intranat.example.se")
    return found


def frame_ancestors(origins: list[str], embed_view: bool) -> str:
    """The CSP frame-ancestors value for an embed view or for any other page."""
    if not embed_view:
        return NOT_FRAMED
    return "*" if origins == ["*"] else " ".join(origins) or NOT_FRAMED
