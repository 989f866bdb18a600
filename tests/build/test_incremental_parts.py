"""The parts of portal.build.incremental and the caches it relies on, without MkDocs: when a page is
written again, what a rebuild keeps and removes, and when a data file's caches are emptied."""
from __future__ import annotations

import copy
import datetime
import logging
import os
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given, settings, strategies as st

from portal.build import incremental
from portal.build.incremental import Kept, Renders, Session
from portal.content import datafiles
from portal.content.frontmatter import Document, derivation


def test_a_page_is_written_again_only_when_its_key_changes_or_its_file_is_gone(tmp_path: Path) -> None:
    renders, page = Renders(), str(tmp_path / "a" / "index.html")
    renders.start()
    assert renders.must_render(page, "k1")          # never written
    Path(page).parent.mkdir()
    Path(page).write_text("x")
    renders.written(page)
    assert renders.rendered == [page]
    renders.start()
    assert not renders.must_render(page, "k1")      # same key, file there
    assert renders.must_render(page, "k2")          # another key
    renders.written(page)
    renders.start()
    Path(page).unlink()
    assert renders.must_render(page, "k2")          # same key, file removed by someone


def test_a_page_not_written_does_not_take_the_new_key(tmp_path: Path) -> None:
    """A build that stops before writing the page must not make the next build skip it."""
    renders, page = Renders(), str(tmp_path / "index.html")
    Path(page).write_text("old")
    renders.start()
    assert renders.must_render(page, "new")
    renders.start()                                  # the build failed: no written()
    assert renders.must_render(page, "new")


def test_the_sweep_removes_what_this_build_neither_kept_nor_wrote(tmp_path: Path) -> None:
    old, kept, fresh = tmp_path / "gone" / "index.html", tmp_path / "kept.css", tmp_path / "search" / "sv.json"
    for path in (old, kept):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
        stamp = time.time() - 60
        os.utime(path, (stamp, stamp))
    renders = Renders()
    renders.keys[str(old)] = "k"
    renders.start()
    renders.keep.add(str(kept))
    fresh.parent.mkdir()
    fresh.write_text("{}")                          # written during this build
    removed = renders.sweep(tmp_path)
    assert removed == [old]
    assert not old.parent.exists()                  # its empty folder too
    assert kept.exists() and fresh.exists()
    assert str(old) not in renders.keys


def test_the_sweep_removes_folders_emptied_all_the_way_down_and_keeps_the_others(tmp_path: Path) -> None:
    stamp = time.time() - 60
    old = [tmp_path / "a" / "b" / "c" / "index.html", tmp_path / "a" / "b" / "x.json", tmp_path / "d" / "e" / "index.html",
           tmp_path / "f" / "old.html"]
    kept, fresh = tmp_path / "d" / "kept.html", tmp_path / "f" / "g" / "new.html"
    for path in old + [kept]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
        os.utime(path, (stamp, stamp))
    (tmp_path / "empty-before").mkdir()             # an empty folder a build left: removed too
    renders = Renders()
    renders.start()
    renders.keep.add(str(kept))
    fresh.parent.mkdir(parents=True)
    fresh.write_text("x")
    assert sorted(renders.sweep(tmp_path)) == sorted(old)
    left = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*"))
    assert left == ["d", "d/kept.html", "f", "f/g", "f/g/new.html"], left



@settings(max_examples=40, deadline=None)
@given(files=st.lists(st.tuples(st.lists(st.sampled_from(["a", "b", "c d", "å"]), max_size=4),
                                st.sampled_from(["old", "kept", "fresh"])), max_size=15),
       links=st.lists(st.lists(st.sampled_from(["a", "b"]), max_size=3), max_size=3))
def test_the_sweep_removes_exactly_the_old_files_not_kept_and_the_folders_they_emptied(tmp_path_factory: Any, files: Any,
                                                                                        links: Any) -> None:
    site, outside = tmp_path_factory.mktemp("sweep"), tmp_path_factory.mktemp("outside")
    (outside / "x.html").write_text("x")
    stamp = time.time() - 60
    renders = Renders()
    made: dict[Path, str] = {}
    for number, (folders, kind) in enumerate(files):
        path = site.joinpath(*folders) / f"{number}.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
        made[path] = kind
        if kind != "fresh":
            os.utime(path, (stamp, stamp))
    for number, folders in enumerate(links):   # links to folders (one outside the site): never followed nor removed
        site.joinpath(*folders).mkdir(parents=True, exist_ok=True)
        os.symlink(outside if number == 0 else site / "a", site.joinpath(*folders) / f"link{number}")
        os.utime(site.joinpath(*folders) / f"link{number}", (stamp, stamp), follow_symlinks=False)   # old links too
    os.symlink("loop", site / "loop")                  # a link that cannot be followed: left, no traceback
    os.utime(site / "loop", (stamp, stamp), follow_symlinks=False)
    renders.started_ns = time.time_ns() - 10_000_000_000   # the fresh files were written after the build started
    renders.keep = {str(path) for path, kind in made.items() if kind == "kept"}
    removed = renders.sweep(site)
    assert sorted(removed) == sorted(path for path, kind in made.items() if kind == "old")
    assert all(path.exists() for path, kind in made.items() if kind != "old")
    assert (outside / "x.html").exists() and (site / "loop").is_symlink()
    assert all((site.joinpath(*folders) / f"link{number}").is_symlink() for number, folders in enumerate(links))
    for folder in [p for p in site.rglob("*") if p.is_dir() and not p.is_symlink()]:
        assert any(folder.iterdir()), f"{folder} was emptied but left"

def test_kept_values_last_one_build_unless_used(tmp_path: Path) -> None:
    kept = Kept()
    kept.put("a", 1)
    kept.put("b", 2)
    kept.new_build()
    assert kept.get("a") == 1                        # used in this build: carried on
    kept.new_build()
    assert kept.get("a") == 1 and kept.get("b") is None


def test_digest_is_stable_and_sees_every_part() -> None:
    assert incremental.digest("a", {"x": [1, 2]}) == incremental.digest("a", {"x": [1, 2]})
    assert incremental.digest("a", {"x": [1, 2]}) != incremental.digest("a", {"x": [2, 1]})
    assert incremental.digest(datetime.date(2026, 1, 1)) != incremental.digest("2026-01-01")
    # What pickle cannot write (a function made here, an object holding one) is hashed by its text.
    assert len(incremental.digest(lambda: 1, {"x": SimpleNamespace(f=lambda: 2)})) == 64
    assert incremental.page_key("s", "a.sv.md", "a/", "T", {}, "<p>x</p>", []) != \
        incremental.page_key("s", "a.sv.md", "a/", "T", {}, "<p>y</p>", [])


_SCALARS = (st.none() | st.booleans() | st.integers() | st.integers(min_value=-2**70, max_value=2**70)
            | st.floats(allow_nan=False) | st.text(max_size=8) | st.binary(max_size=4)
            | st.dates(min_value=datetime.date(1, 1, 1)) | st.datetimes() | st.times())
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
                       | st.dictionaries(st.text(max_size=4) | st.integers(), inner, max_size=4), max_leaves=25)


@settings(max_examples=300, deadline=None)
@given(st.lists(_VALUES, min_size=2, max_size=6))
def test_two_values_with_one_digest_are_the_same_value(values: list[Any]) -> None:
    """A key that stays the same while what it stands for changed would leave a page stale: equal
    digests only for equal values of equal types, all the way down (1, 1.0 and True differ; so do a
    date and its text, a list and a tuple)."""
    def typed(value: Any) -> Any:
        if isinstance(value, dict):
            return ("dict", [(typed(k), typed(v)) for k, v in value.items()])
        if isinstance(value, (list, tuple)):
            return (type(value).__name__, [typed(item) for item in value])
        return (type(value).__name__, repr(value))

    for first in values:
        assert incremental.digest(first) == incremental.digest(copy.deepcopy(first))
        for second in values:
            if incremental.digest(first) == incremental.digest(second):
                assert typed(first) == typed(second), (first, second)


def test_tree_signature_sees_a_save_and_ignores_bytecode(tmp_path: Path) -> None:
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "x.pyc").write_bytes(b"1")
    (tmp_path / "ui.yml").write_text("a: 1\n")
    before = incremental.tree_signature([tmp_path, tmp_path / "missing"])
    assert [Path(p).name for p, _, _ in before] == ["ui.yml"]
    (tmp_path / "__pycache__" / "x.pyc").write_bytes(b"22")
    assert incremental.tree_signature([tmp_path]) == before
    (tmp_path / "ui.yml").write_text("a: 22\n")
    assert incremental.tree_signature([tmp_path]) != before


def test_reusable_needs_the_same_key_every_file_and_an_incremental_build(tmp_path: Path) -> None:
    session = Session()
    files = [tmp_path / "a.json", tmp_path / "b.json"]
    for path in files:
        path.write_text("{}")
    session.wrote("search:sv", "k", files)
    assert session.outputs == {}                     # not recorded outside an incremental build
    session.active = True
    session.wrote("search:sv", "k", files)
    session.renders.start()
    assert session.reusable("search:sv", "k")
    assert {str(p) for p in files} <= session.renders.keep   # kept by the sweep
    assert not session.reusable("search:sv", "other")
    # ... and the record is forgotten: a run that stops half-way must not let the old files pass for new
    assert not session.reusable("search:sv", "k")
    session.wrote("search:sv", "k", files)
    assert not session.reusable("search:sv", None)
    files[1].unlink()
    assert not session.reusable("search:sv", "k")
    session.wrote("search:sv", "k", files[:1])
    session.active = False
    assert not session.reusable("search:sv", "k")


def test_a_file_left_over_from_an_earlier_build_is_not_in_this_one(tmp_path: Path) -> None:
    """A redirect to an old address is refused when a page of the site is there; a page's file left
    over from an earlier build of make serve must not count (a fresh build would not have it)."""
    old, new = tmp_path / "gammal" / "index.html", tmp_path / "ny.html"
    old.parent.mkdir()
    old.write_text("x")
    stamp = time.time() - 60
    os.utime(old, (stamp, stamp))
    session = Session()
    assert session.in_this_build(tmp_path / "gammal")          # not incremental: the folder is there
    session.active = True
    session.renders.start()
    assert not session.in_this_build(tmp_path / "gammal")      # left over
    session.renders.keep.add(str(old))
    assert session.in_this_build(tmp_path / "gammal")          # kept by this build
    new.write_text("y")
    assert session.in_this_build(new) and not session.in_this_build(tmp_path / "saknas")


def test_results_are_kept_only_while_serving_and_until_a_data_file_changes(tmp_path: Path, monkeypatch) -> None:
    from portal.content import remember
    calls: list[str] = []

    @remember.while_serving(maxsize=8)
    def shout(text: str) -> str:
        calls.append(text)
        return text.upper()

    remember.keep_results(False)
    assert shout("a") == shout("a") == "A" and calls == ["a", "a"]     # a one-off build keeps nothing
    remember.keep_results(True)
    try:
        shout("b"), shout("b")
        assert calls == ["a", "a", "b"]
        data = tmp_path / "data"
        data.mkdir()
        monkeypatch.setattr(datafiles, "DATA", data)
        datafiles.refresh()
        shout("b")
        assert calls == ["a", "a", "b", "b"]                          # forgotten when data/ changed
    finally:
        remember.keep_results(False)
        monkeypatch.undo()
        datafiles.refresh()


def test_long_texts_are_not_kept_from_one_save_to_the_next() -> None:
    """The quality report's pages change at every save and are hundreds of kilobytes at 1,000 pages: kept,
    they made a long `make serve` session grow by megabytes a save."""
    from portal.content import remember
    calls: list[int] = []

    @remember.while_serving(maxsize=4096)
    def measure(text: str) -> int:
        calls.append(len(text))
        return len(text)

    remember.keep_results(True)
    try:
        for save in range(20):
            measure("a" * 500 + str(save % 2))                          # a page: kept
            measure(f"report {save} " + "x" * remember.MAX_KEPT_TEXT)   # the report: not kept
        assert calls.count(501) == 2
        assert len([c for c in calls if c > remember.MAX_KEPT_TEXT]) == 20
        assert measure.__wrapped__ is not None and remember._caches[-1].cache_info().currsize == 2
    finally:
        remember.keep_results(False)


def test_only_the_dirty_build_warning_is_dropped_and_only_in_an_incremental_build(monkeypatch) -> None:
    dropping = incremental.DirtyWarning()

    def record(message: str) -> logging.LogRecord:
        return logging.LogRecord("mkdocs.commands.build", logging.WARNING, __file__, 1, message, None, None)

    warning = record("A 'dirty' build is being performed, this will likely lead to inaccurate navigation")
    monkeypatch.setattr(incremental.SESSION, "active", True)
    assert not dropping.filter(warning)
    assert dropping.filter(record("Doc file 'a.md' contains a link 'b.md', but the target is not found"))
    monkeypatch.setattr(incremental.SESSION, "active", False)
    assert dropping.filter(warning)


def test_a_data_file_edit_empties_what_was_read_from_data(tmp_path: Path, monkeypatch) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "ui.yml").write_text("sv: {x: Gammal}\n", encoding="utf-8")
    monkeypatch.setattr(datafiles, "DATA", data)
    datafiles.refresh()
    assert datafiles.load_yaml(data / "ui.yml") == {"sv": {"x": "Gammal"}}
    assert not datafiles.refresh()                    # nothing changed: the cache stays
    (data / "ui.yml").write_text("sv: {x: Ny text}\n", encoding="utf-8")
    assert datafiles.refresh()
    assert datafiles.load_yaml(data / "ui.yml") == {"sv": {"x": "Ny text"}}
    monkeypatch.undo()
    datafiles.refresh()


def test_what_is_derived_from_a_page_is_worked_out_once_per_setting() -> None:
    doc = Document(path="docs/a.sv.md", rel="a.sv.md", meta={}, body="Text", body_start_line=3)
    calls: list[str] = []

    def count(page: Document) -> int:
        calls.append(page.rel)
        return len(calls)

    assert doc.derived("n", count) == 1 and doc.derived("n", count) == 1
    with_a = derivation("n", ("a", {"x": 1}))
    assert with_a == derivation("n", ("a", {"x": 1})) != derivation("n", ("a", {"x": 2}))
    assert doc.derived(with_a, count) == 2 and doc.derived(with_a, count) == 2
    assert doc.derived(derivation("n", ("b",)), count) == 3
    other = Document(path="docs/a.sv.md", rel="a.sv.md", meta={}, body="Text", body_start_line=3)
    assert other == doc                               # the cache takes no part in equality
    assert other.derived("n", count) == 4             # a page read again starts afresh


@pytest.mark.parametrize("text", ["", "a\nb", "x" * 70_000])
def test_remembered_html_checks_give_the_same_answer(text: str) -> None:
    from portal.content import rendered_html
    markup = text + '<p onclick="x()">t</p>'
    first = rendered_html.problems(markup)
    assert first == rendered_html.problems(markup) and first
    first.append("changed by the caller")
    assert "changed by the caller" not in rendered_html.problems(markup)


def test_a_kept_language_file_is_the_file_static_i18n_makes_and_shares_nothing(tmp_path: Path) -> None:
    """The preview keeps mkdocs-static-i18n's file for each file of docs/: a copy must equal a file made
    afresh, in every language and for every kind of name, and a change to one copy must not reach another."""
    from types import SimpleNamespace
    from mkdocs.structure.files import File
    from mkdocs_static_i18n import suffix
    config = SimpleNamespace(docs_dir=str(tmp_path / "docs"), site_dir=str(tmp_path / "site"), use_directory_urls=True)
    names = ["index.sv.md", "index.en.md", "typfall/resan.sv.md", "typfall/resan.en.md", "vagledning/index.sv.md",
             "bild.png", "bild.en.png", "README.md", "a.b.c.sv.md", "noll.md"]
    for name in names:
        for current in ("sv", "en"):
            source = File(name, config.docs_dir, config.site_dir, True)
            afresh = suffix.create_i18n_file(source, current, "sv", ["sv", "en"], config)
            first = incremental.fresh_copy(afresh)
            second = incremental.fresh_copy(first)
            for made in (first, second):
                assert {k: v for k, v in vars(made).items() if k != "alternates"} == \
                    {k: v for k, v in vars(afresh).items() if k != "alternates"}, name
                assert made.alternates == {current: made}
            first.alternates["xx"] = first
            first.page = "a page"
            assert "xx" not in second.alternates and "xx" not in afresh.alternates and getattr(second, "page", None) is None


_yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20) | st.dates()
    | st.datetimes() | st.frozensets(st.integers(), max_size=3),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    | st.sets(st.integers(), max_size=3) | st.tuples(inner, inner),
    max_leaves=30)


@given(_yaml_values)
@settings(max_examples=200, deadline=None)
def test_a_copy_of_front_matter_is_equal_and_shares_nothing_that_can_change(value) -> None:
    """The preview hands each build a copy of the front matter it read once: hooks may change a page's
    meta, and the next build must still see what the file says."""
    import copy
    made = incremental.copied(value)
    assert made == value and made == copy.deepcopy(value)

    def mutable_ids(v, out):
        if isinstance(v, (dict, list, set)):
            out.add(id(v))
        for item in (v.values() if isinstance(v, dict) else v if isinstance(v, (list, tuple, set, frozenset)) else ()):
            mutable_ids(item, out)
        return out
    assert not mutable_ids(made, set()) & mutable_ids(value, set())


def test_a_kept_table_of_contents_is_copied_whole_and_shares_no_entry() -> None:
    from mkdocs.structure.toc import get_toc
    toc = get_toc([{"level": 1, "id": "a", "name": "A", "children": [
        {"level": 2, "id": "b", "name": "B", "children": [{"level": 3, "id": "c", "name": "C", "children": []}]},
        {"level": 2, "id": "d", "name": "D", "children": []}]}])
    made = incremental.copied_toc(toc)
    assert str(made) == str(toc) and len(made) == len(toc)

    def entries(items):
        return [entry for item in items for entry in [item, *entries(item.children)]]
    assert not {id(e) for e in entries(made)} & {id(e) for e in entries(toc)}
    assert made.items is not toc.items and all(a.children is not b.children for a, b in zip(entries(made), entries(toc)))
    entries(made)[1].active = True
    entries(made)[1].children.append("x")
    assert not getattr(entries(toc)[1], "active", False) and len(entries(toc)[1].children) == 1


def test_a_page_that_is_rendered_gets_its_own_table_of_contents_and_the_cache_keeps_its_own() -> None:
    """A reused conversion shares its table of contents with the cache until the page is rendered."""
    from mkdocs.structure.toc import get_toc
    cached = get_toc([{"level": 1, "id": "a", "name": "A", "children": [{"level": 2, "id": "b", "name": "B", "children": []}]}])
    page = SimpleNamespace(toc=cached)
    incremental.own_toc(page)
    assert page.toc is not cached and str(page.toc) == str(cached)
    page.toc.items[0].children[0].active = True   # get_toc marks the first entry itself
    page.toc.items[0].children.append("x")
    assert not getattr(cached.items[0].children[0], "active", False) and len(cached.items[0].children) == 1


def test_a_reused_conversion_links_to_the_same_files_as_the_conversion_it_reuses() -> None:
    """MkDocs keys a page's links to anchors by the File it linked to; the reused conversion must give the
    same files (by source), not what mkdocs-static-i18n's get_file_from_path finds first for that name."""
    class File:   # hashable by identity, as MkDocs' File
        def __init__(self, src_uri: str) -> None:
            self.src_uri = src_uri

    linked, other = File("b.sv.md"), File("b.sv.sv.md")
    files = SimpleNamespace(src_uris={"b.sv.md": linked, "b.sv.sv.md": other},
                            get_file_from_path=lambda path: other)   # a language-suffixed name first
    converted: list[str] = []

    def original(page: Any, config: Any, files: Any) -> None:
        converted.append(page.file.src_uri)
        page.content, page.toc, page._title_from_render = "<p>a</p>", SimpleNamespace(items=[]), None
        page.present_anchor_ids, page.links_to_anchors = {"x"}, {linked: {"#y": "y"}}

    def page() -> SimpleNamespace:
        return SimpleNamespace(markdown="[b](b.sv.md#y)", file=SimpleNamespace(src_uri="a.sv.md"), url="a/")

    cache = Kept()
    first, again = page(), page()
    incremental.render(first, None, files, original, cache, "context")
    incremental.render(again, None, files, original, cache, "context")
    assert converted == ["a.sv.md"]                                  # the second was reused
    assert again.links_to_anchors == first.links_to_anchors == {linked: {"#y": "y"}}
    assert next(iter(again.links_to_anchors)) is linked
    files.src_uris = {}                                              # the linked file is gone
    gone = page()
    incremental.render(gone, None, files, original, cache, "context")
    assert gone.links_to_anchors == {}


class _Plugins:
    def __init__(self) -> None:
        self.content_calls = 0

    def on_page_content(self, html: str, page, config, files) -> str:
        self.content_calls += 1
        return html + "<!-- content hooks -->"


class _Config:
    def __init__(self) -> None:
        self.plugins = _Plugins()
        self._current_page = None


class _Page:
    def __init__(self) -> None:
        self.markdown, self.meta, self.content = None, None, None
        self.file = type("F", (), {"src_uri": "x.sv.md"})()

    def render(self, config, files) -> None:
        incremental.SESSION._read = (self, self.markdown, incremental.copied_front_matter(self.meta))
        self.content = f"<p>{self.markdown}</p>"


def _reading(calls: list, warn: bool = False):
    """MkDocs' reading of a page, as the fake sees it: read, the Markdown hooks, render, the content hooks."""
    def original(page, config, files, dirty) -> None:
        calls.append(page)
        if warn:
            logging.getLogger("mkdocs.hooks.test").warning("a broken link")
        page.markdown, page.meta = "Text", {"title": "T", "review": {"status": "draft"}}
        page.render(config, files)
        page.content = config.plugins.on_page_content(page.content, page, config, None)
    return original


def test_a_page_read_from_the_same_inputs_is_not_read_again_but_converted_and_given_to_the_content_hooks(monkeypatch) -> None:
    monkeypatch.setattr(incremental, "SESSION", Session())
    calls: list = []
    config = _Config()
    first = _Page()
    incremental.populate(first, config, None, True, _reading(calls), "key")
    first.meta["review"]["status"] = "approved"         # a later hook changes its page's front matter...
    again = _Page()
    incremental.populate(again, config, None, True, _reading(calls), "key")
    assert calls == [first]                              # not read a second time
    assert again.markdown == "Text" and again.meta == {"title": "T", "review": {"status": "draft"}}   # ...not the kept one
    assert again.content == "<p>Text</p><!-- content hooks -->" and config.plugins.content_calls == 2
    assert config._current_page is None
    other = _Page()
    incremental.populate(other, config, None, True, _reading(calls), "another key")
    assert calls == [first, other]


def test_a_page_whose_reading_warned_is_read_again_so_that_it_warns_again(monkeypatch, caplog) -> None:
    monkeypatch.setattr(incremental, "SESSION", Session())
    calls: list = []
    for _ in range(2):
        incremental.populate(_Page(), _Config(), None, True, _reading(calls, warn=True), "key")
    assert len(calls) == 2 and [r.getMessage() for r in caplog.records].count("a broken link") == 2
    incremental.populate(_Page(), _Config(), None, True, _reading(calls), None)   # no key: always read
    incremental.populate(_Page(), _Config(), None, True, _reading(calls), None)
    assert len(calls) == 4


def test_a_failing_page_is_named_and_the_error_goes_on(monkeypatch, caplog) -> None:
    monkeypatch.setattr(incremental, "SESSION", Session())
    config = _Config()
    incremental.populate(_Page(), config, None, True, _reading([]), "key")

    def broken(html, page, config, files):
        raise ValueError("bad html")
    config.plugins.on_page_content = broken
    with pytest.raises(ValueError):
        incremental.populate(_Page(), config, None, True, _reading([]), "key")
    assert "Error reading page 'x.sv.md': bad html" in caplog.text and config._current_page is None


def test_language_versions_name_each_existing_version_once_per_build(tmp_path: Path, monkeypatch) -> None:
    session = Session()
    monkeypatch.setattr(incremental, "SESSION", session)
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.sv.md").write_text("sv")
    (tmp_path / "a" / "x.en.md").mkdir()                 # not a file: not a version
    seen = incremental.language_versions("a/x.sv.md", tmp_path, ["sv", "en"])
    assert [path for path, _, _ in seen] == [str(tmp_path / "a" / "x.sv.md")]
    assert incremental.language_versions("a/x.en.md", tmp_path, ["sv", "en"]) == seen   # the same page
    session.active = True
    session.start([])
    first = incremental.language_versions("a/x.sv.md", tmp_path, ["sv", "en"])
    (tmp_path / "a" / "x.sv.md").write_text("changed text")
    assert incremental.language_versions("a/x.sv.md", tmp_path, ["sv", "en"]) == first   # within the build
    session.start([])
    assert incremental.language_versions("a/x.sv.md", tmp_path, ["sv", "en"]) != first   # the next build sees it


def test_a_pages_markdown_key_follows_the_text_the_build_read_not_the_file_now(tmp_path: Path, monkeypatch) -> None:
    """A page saved again while a build runs has a new time before the build reads it: the key must name the
    text the hooks used, or the next build would take that text for the new one."""
    session = Session()
    monkeypatch.setattr(incremental, "SESSION", session)
    (tmp_path / "x.sv.md").write_text("A")
    session.active, session.page_inputs, session.docs_dir, session.languages = True, "inputs", tmp_path, ["sv", "en"]
    page = type("P", (), {"url": "x/", "file": type("F", (), {"src_uri": "x.sv.md", "abs_src_path": str(tmp_path / "x.sv.md")})()})()
    read = {"x.sv.md": [("x.sv.md", incremental.text_key("A"))]}
    session.texts = lambda source: read.get(source)
    first = incremental.markdown_key(page)
    (tmp_path / "x.sv.md").write_text("B, saved during the build")
    assert incremental.markdown_key(page) == first          # the build read A: A's key
    read["x.sv.md"] = [("x.sv.md", incremental.text_key("B, saved during the build"))]
    assert incremental.markdown_key(page) != first          # the next build reads B: a new key
    session.texts = None                                     # a page the build did not read: its files stand in
    assert incremental.markdown_key(page) not in (None, first)
    session.page_inputs = ""
    assert incremental.markdown_key(page) is None


def _sitemap_files(**changes: Any) -> dict[str, list[Any]]:
    """Two pages in two languages, each the other's alternate, and an image without a page."""
    def page(url: str) -> SimpleNamespace:
        return SimpleNamespace(is_link=False, canonical_url=f"https://x.se/{url}", abs_url=f"/{url}",
                               update_date=changes.get("date", "2026-12-04"))

    sv = SimpleNamespace(url=changes.get("sv_url", "sida/"), page=page(changes.get("sv_url", "sida/")), alternates={})
    en = SimpleNamespace(url="en/sida/", page=page("en/sida/"), alternates={})
    sv.alternates, en.alternates = {"sv": sv, "en": en}, {"sv": sv, "en": en}
    if changes.get("no_english"):
        sv.alternates = {"sv": sv}
    image = SimpleNamespace(url=changes.get("image", "bild.png"), page=None, alternates={})
    return {"sv": [sv, image], "en": [en]}


@pytest.mark.parametrize("change", [{"sv_url": "ny-sida/"}, {"date": "2026-12-05"}, {"no_english": True}])
def test_the_sitemap_is_rendered_again_when_an_address_a_date_or_a_language_version_changes(change: dict) -> None:
    before = incremental.sitemap_key(_sitemap_files(), "https://x.se/", "{{ template }}")
    assert incremental.sitemap_key(_sitemap_files(**change), "https://x.se/", "{{ template }}") != before


def test_the_sitemap_is_rendered_again_for_another_site_address_or_template() -> None:
    before = incremental.sitemap_key(_sitemap_files(), "https://x.se/", "{{ template }}")
    assert incremental.sitemap_key(_sitemap_files(), "https://y.se/", "{{ template }}") != before
    assert incremental.sitemap_key(_sitemap_files(), "https://x.se/", "{{ other }}") != before


def test_the_sitemap_is_kept_while_only_files_without_pages_change() -> None:
    """The template lists pages only: an image does not make it render again."""
    before = incremental.sitemap_key(_sitemap_files(), "https://x.se/", "{{ template }}")
    assert incremental.sitemap_key(_sitemap_files(image="annan.png"), "https://x.se/", "{{ template }}") == before


def _installed_build_module(rendered: list[str], reconfigure: SimpleNamespace | None = None) -> SimpleNamespace:
    """incremental.install on stand-ins for MkDocs' modules; returns the build module, whose template
    rendering counts its calls in `rendered`."""
    class FakePage:
        def render(self, config: Any, files: Any) -> None:
            pass

    def build_template(name: str, template: Any, files: Any, config: Any, nav: Any) -> str:
        rendered.append(name)
        return f"<{name} {len(rendered)}>"

    build_module = SimpleNamespace(_build_template=build_template, _populate_page=lambda *a, **k: None)
    incremental.install(FakePage, SimpleNamespace(get_data=lambda source: (source, {})),
                        SimpleNamespace(add_files_from_theme=lambda *a: None), object,
                        SimpleNamespace(create_i18n_file=lambda *a: None), build_module,
                        reconfigure or SimpleNamespace(is_relative_to=lambda path, folder: False))
    return build_module


def test_i18n_asks_whether_a_file_is_in_docs_once_per_path_while_the_build_is_incremental(monkeypatch) -> None:
    """mkdocs-static-i18n's pathlib test, for every file in every language at every save: the same
    answer, from a memo in the preview, asked afresh in any other build."""
    from mkdocs_static_i18n import is_relative_to as original
    asked: list[tuple[str, str]] = []

    def counted(path: Any, folder: Any) -> bool:
        asked.append((path, folder))
        return original(path, folder)

    session = Session(active=True)
    monkeypatch.setattr(incremental, "SESSION", session)
    reconfigure = SimpleNamespace(is_relative_to=counted)
    _installed_build_module([], reconfigure)
    cases = [("/site/docs/a.sv.md", "/site/docs"), ("/site/docs", "/site/docs"), ("/site/docsx/a.md", "/site/docs"),
             ("/site/docs/../x.md", "/site/docs"), ("/other/a.md", "/site/docs"), ("relative/a.md", "relative")]
    for _ in range(3):
        assert [reconfigure.is_relative_to(*case) for case in cases] == [original(*case) for case in cases]
    assert len(asked) == len(cases)
    session.active = False
    reconfigure.is_relative_to(*cases[0])
    assert len(asked) == len(cases) + 1


def test_the_sitemap_is_rendered_once_while_its_inputs_stay_and_other_templates_every_time(tmp_path: Path,
                                                                                           monkeypatch) -> None:
    template_file = tmp_path / "sitemap.xml"
    template_file.write_text("{{ pages }}", encoding="utf-8")
    session = Session(active=True)
    monkeypatch.setattr(incremental, "SESSION", session)
    rendered: list[str] = []
    build = _installed_build_module(rendered)
    i18n = SimpleNamespace(i18n_files_per_language=_sitemap_files())
    config = SimpleNamespace(site_url="https://x.se/", plugins={"i18n": i18n})
    template = SimpleNamespace(filename=str(template_file))

    session.memos.new_build()
    first = build._build_template("sitemap.xml", template, None, config, None)
    session.memos.new_build()
    assert build._build_template("sitemap.xml", template, None, config, None) == first   # kept
    assert build._build_template("404.html", template, None, config, None) != first     # never kept
    assert rendered == ["sitemap.xml", "404.html"]

    i18n.i18n_files_per_language = _sitemap_files(sv_url="ny-sida/")   # an address changed
    session.memos.new_build()
    build._build_template("sitemap.xml", template, None, config, None)
    template_file.write_text("{{ pages }}!", encoding="utf-8")           # the template changed
    session.memos.new_build()
    build._build_template("sitemap.xml", template, None, config, None)
    session.active = False                                               # not a preview: always rendered
    build._build_template("sitemap.xml", template, None, config, None)
    assert rendered == ["sitemap.xml", "404.html", "sitemap.xml", "sitemap.xml", "sitemap.xml"]
