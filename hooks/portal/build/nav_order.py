"""Put MkDocs' navigation in the editors' order (data/navigation.yml, read by content/navigation.py).

MkDocs sorts the pages of a folder-built navigation by file name and the folders by name; its
previous/next links follow that list. Here every level is sorted by the position the order gives a
page ('samverkan/vid-hemkomst') or folder ('samverkan/'), items the order does not know keep their
place after the known ones, and previous/next are linked again along the new order. Works on any
object with MkDocs' shape (children, file.src_uri), so it is tested without a build.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from mkdocs.utils import dirname_to_title

_LANGUAGE_SUFFIX = re.compile(r"(\.[a-z]{2})?\.md$")


def page_base(src_uri: str) -> str:
    """'samverkan/vid-hemkomst.en.md' -> 'samverkan/vid-hemkomst'."""
    return _LANGUAGE_SUFFIX.sub("", src_uri)


def _pages_in(item: Any) -> list[Any]:
    if getattr(item, "children", None):
        return [page for child in item.children for page in _pages_in(child)]
    return [item] if getattr(item, "file", None) is not None else []


def item_key(item: Any, depth: int) -> str | None:
    """The order's key for a nav item at `depth` (0 = top): a page's base, a section's folder + '/'."""
    if getattr(item, "children", None):
        pages = _pages_in(item)
        if not pages:
            return None
        parts = page_base(pages[0].file.src_uri).split("/")
        return "/".join(parts[:depth + 1]) + "/" if len(parts) > depth + 1 else None
    file = getattr(item, "file", None)
    return page_base(file.src_uri) if file is not None else None


def sort_items(items: list[Any], position: Callable[[str], int | None], depth: int = 0) -> list[Any]:
    """The items of one level (and, in place, their children) in the order's sequence."""
    def key(indexed: tuple[int, Any]) -> tuple[int, int]:
        number, item = indexed
        found = item_key(item, depth)
        place = position(found) if found is not None else None
        return (0, place) if place is not None else (1, number)

    ordered = [item for _, item in sorted(enumerate(items), key=key)]
    for item in ordered:
        if getattr(item, "children", None):
            item.children[:] = sort_items(item.children, position, depth + 1)
    return ordered


def link_pages(items: list[Any]) -> list[Any]:
    """The pages in navigation order, each linked to the one before and after it (as MkDocs does)."""
    pages = [page for item in items for page in _pages_in(item)]
    for number, page in enumerate(pages):
        page.previous_page = pages[number - 1] if number else None
        page.next_page = pages[number + 1] if number + 1 < len(pages) else None
    return pages


def adopt(pages: list[Any], items: list[Any]) -> None:
    """Give each page outside the navigation the top-level section of its folder as parent
    ('amnen/barnaktenskap.md' -> the section of 'amnen/'), so it is shown as inside that section."""
    sections = {item_key(item, 0): item for item in items if getattr(item, "children", None)}
    for page in pages:
        folder = page.file.src_uri.split("/", 1)[0] + "/" if "/" in page.file.src_uri else None
        if folder in sections and getattr(page, "parent", None) is None:
            page.parent = sections[folder]


def untitled_sections(items: list[Any], translations: dict[str, str], depth: int = 0) -> list[str]:
    """Folders ('yrke/') whose section title has no entry in the language's nav_translations: the
    reader would see the bare folder name ('Yrke' on an English page). MkDocs names a section after
    its folder with mkdocs.utils.dirname_to_title, which is the key nav_translations is looked up by."""
    missing: list[str] = []
    for item in items:
        if not getattr(item, "children", None):
            continue
        folder = item_key(item, depth)
        if folder is not None and dirname_to_title(folder.rstrip("/").rsplit("/", 1)[-1]) not in translations:
            missing.append(folder)
        missing += untitled_sections(item.children, translations, depth + 1)
    return missing
