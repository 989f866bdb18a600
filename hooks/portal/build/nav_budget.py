"""Keep every page's navigation small however many pages a section holds.

Material writes the whole navigation of the current section into every page. With a
handful of pages per section that is the sidebar readers expect; with hundreds it makes
every page of the section as large as the list (measured: 35 KB per page at 100 pages
per language, 135 KB at 1,000). A section with more pages than the limit keeps only its
start page in the navigation: that page lists all of them (its `listing:`), and search,
topics and audiences find them too.
"""
from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Iterable

DEFAULT_LIMIT = 30


def section_of(src_uri: str) -> str:
    """Top-level folder of a page ('typfall/resan.sv.md' -> 'typfall'), '' for pages at the root."""
    return src_uri.split("/", 1)[0] if "/" in src_uri else ""


def is_section_start(src_uri: str) -> bool:
    return posixpath.basename(src_uri).split(".", 1)[0] == "index"


def crowded_sections(src_uris: Iterable[str], limit: int = DEFAULT_LIMIT) -> set[str]:
    """Sections (top-level folders) with more than `limit` pages besides their start page."""
    counts = Counter(section_of(uri) for uri in src_uris if not is_section_start(uri))
    return {section for section, count in counts.items() if section and count > limit}


def leaves_navigation(src_uri: str, crowded: set[str]) -> bool:
    """Whether a page is listed only by its section's start page, not in the sidebar."""
    return section_of(src_uri) in crowded and not is_section_start(src_uri)
