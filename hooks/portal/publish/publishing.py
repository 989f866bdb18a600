"""Which pages a build publishes."""
from __future__ import annotations

from ..content.frontmatter import Document
from ..content.review import status

MODES = ("production", "preview")


def is_published(doc: Document, mode: str) -> bool:
    """Production publishes approved pages only; the preview shows drafts too."""
    if mode not in MODES:
        raise ValueError(f"unknown build mode '{mode}': use one of {', '.join(MODES)}")
    return mode == "preview" or status(doc.meta) == "approved"
