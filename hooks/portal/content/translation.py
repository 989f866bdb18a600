"""Which Swedish text an English page translates.

An English page records `translation.source_revision`: the first 12 hex digits
of the SHA-256 of the Swedish page's body, with line endings and trailing
spaces normalised so that an editor's whitespace habits do not matter.
"""
from __future__ import annotations

import hashlib

from .frontmatter import Document
from .remember import while_serving


@while_serving(maxsize=8192)   # asked for every page pair at every save of `make serve`
def revision(body: str) -> str:
    lines = [line.rstrip() for line in body.replace("\r\n", "\n").strip().split("\n")]
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:12]


def recorded_revision(doc: Document) -> str | None:
    translation = doc.meta.get("translation")
    return translation.get("source_revision") if isinstance(translation, dict) else None


def is_out_of_date(english: Document, swedish: Document) -> bool:
    recorded = recorded_revision(english)
    return recorded is not None and recorded != revision(swedish.body)
