"""portal.build.nav_order: MkDocs' navigation sorted by the editors' order, previous/next relinked."""
from __future__ import annotations

from types import SimpleNamespace

from portal.build import nav_order


def page(src_uri: str) -> SimpleNamespace:
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), children=None, title=src_uri)


def section(*children: SimpleNamespace) -> SimpleNamespace:
    return SimpleNamespace(children=list(children), file=None)


def test_levels_follow_the_order_and_unknown_items_keep_their_place_after_it() -> None:
    order = {"index": 0, "vagledning/": 1, "vagledning/index": 2, "vagledning/tecken": 3, "vagledning/samtal": 4,
             "samverkan/": 5, "samverkan/fore": 6, "samverkan/efter": 7, "definition": 8}
    items = [page("definition.en.md"), page("index.en.md"), page("okand.en.md"),
             section(page("samverkan/efter.en.md"), page("samverkan/fore.en.md")),
             section(page("vagledning/index.en.md"), page("vagledning/samtal.en.md"), page("vagledning/tecken.en.md")),
             page("annan.en.md")]
    ordered = nav_order.sort_items(items, order.get)
    pages = nav_order.link_pages(ordered)
    assert [p.file.src_uri for p in pages] == [
        "index.en.md", "vagledning/index.en.md", "vagledning/tecken.en.md", "vagledning/samtal.en.md",
        "samverkan/fore.en.md", "samverkan/efter.en.md", "definition.en.md", "okand.en.md", "annan.en.md"]
    assert pages[0].previous_page is None and pages[0].next_page is pages[1]
    assert pages[4].previous_page is pages[3] and pages[4].next_page is pages[5]
    assert pages[-1].next_page is None


def test_nested_folders_are_keyed_by_their_path() -> None:
    inner = section(page("a/b/y.sv.md"), page("a/b/x.sv.md"))
    outer = section(page("a/z.sv.md"), inner)
    assert nav_order.item_key(inner, 1) == "a/b/" and nav_order.item_key(outer, 0) == "a/"
    nav_order.sort_items([outer], {"a/": 0, "a/b/": 1, "a/b/x": 2, "a/b/y": 3, "a/z": 4}.get)
    assert [p.file.src_uri for p in nav_order.link_pages([outer])] == ["a/b/x.sv.md", "a/b/y.sv.md", "a/z.sv.md"]


def test_without_an_order_nothing_moves() -> None:
    items = [page("b.sv.md"), page("a.sv.md"), section(page("c/z.sv.md"), page("c/y.sv.md"))]
    assert nav_order.sort_items(list(items), {}.get) == items
    assert nav_order.page_base("c/y.sv.md") == "c/y" and nav_order.page_base("c/index.md") == "c/index"


def test_pages_outside_the_navigation_join_the_section_of_their_folder() -> None:
    topics = section(page("amnen/index.sv.md"))
    listing, loose, root = page("amnen/barnaktenskap.md"), page("okand/x.sv.md"), page("kvalitet.md")
    for item in (listing, loose, root):
        item.parent = None
    nav_order.adopt([listing, loose, root], [page("index.sv.md"), topics])
    assert listing.parent is topics and loose.parent is None and root.parent is None


def test_a_section_without_a_title_in_the_language_is_named() -> None:
    items = [page("index.en.md"), section(page("yrke/polis.en.md")),
             section(page("om/index.en.md"), section(page("om/lag-och-ratt/a.en.md")))]
    assert nav_order.untitled_sections(items, {"Om": "About", "Lag och ratt": "Law"}) == ["yrke/"]
    assert nav_order.untitled_sections(items, {"Om": "About", "Yrke": "Professions"}) == ["om/lag-och-ratt/"]
