"""The last look at every built HTML file before it is served (portal.deliver.built_pages)."""
from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.deliver import built_pages

CLEAN = "<!doctype html><html lang=sv><head><title>x</title></head><body><p>Text</p></body></html>"
HOSTILE = "<!doctype html><html lang=sv><head><title>x</title></head><body><p onclick=\"x()\">Text</p></body></html>"


def _page(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_every_page_is_read_wherever_it_is_and_the_deploy_folder_is_not(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _page(site / "index.html", CLEAN)
    _page(site / "a" / "b" / "c" / "index.html", HOSTILE)
    _page(site / ".deploy" / "x.html", HOSTILE)
    _page(site / "a" / ".deploy" / "y.html", HOSTILE)   # only the site's own .deploy folder is left out
    for name in ("old.htm", "SHOUT.HTML", "include.shtml"):   # nginx serves these as text/html too
        _page(site / "z" / name, HOSTILE)
    _page(site / "z" / "data.json", HOSTILE)               # served as JSON: no page
    assert built_pages.problems(site) == ["a/.deploy/y.html: <p> has the event handler onclick",
                                          "a/b/c/index.html: <p> has the event handler onclick",
                                          "z/SHOUT.HTML: <p> has the event handler onclick",
                                          "z/include.shtml: <p> has the event handler onclick",
                                          "z/old.htm: <p> has the event handler onclick"]


def test_a_page_changed_after_it_was_judged_is_judged_again(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _page(site / "index.html", CLEAN)
    assert built_pages.problems(site) == []
    _page(site / "index.html", HOSTILE)
    assert built_pages.problems(site) == ["index.html: <p> has the event handler onclick"]


def test_links_between_folders_neither_loop_nor_reach_outside(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _page(site / "a" / "index.html", HOSTILE)
    os.symlink("..", site / "a" / "up")                  # a loop: the walk must end, each folder once
    os.symlink(site / "a", site / "same")                # the same folder under a second name
    outside = tmp_path / "elsewhere"
    _page(outside / "secret.html", HOSTILE)
    os.symlink(outside, site / "out")
    found = built_pages.problems(site)
    assert found.count("a/index.html: <p> has the event handler onclick") == 1
    assert sum("event handler" in line for line in found) == 1, found
    assert any(line.startswith("out: a link to a folder outside the site") for line in found), found


def test_a_link_into_the_deploy_folder_is_followed_once_and_a_link_to_nowhere_is_named(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _page(site / "index.html", CLEAN)
    _page(site / ".deploy" / "old" / "index.html", HOSTILE)
    os.symlink(site / ".deploy" / "old", site / "served")          # the web server serves .deploy/old here
    os.symlink(site / ".deploy", site / "also")                    # and its parent, under a second name
    os.symlink(site / ".deploy" / "old", site / ".deploy" / "old" / "again")   # a loop inside .deploy
    os.symlink(site / "nowhere.html", site / "broken.html")
    os.symlink("loop", site / "loop")                              # links the walk cannot follow: no traceback
    os.symlink("index.html/x", site / "through-a-file")
    os.symlink("a" * 300, site / "too-long.html")
    found = built_pages.problems(site)
    assert sum("event handler" in line for line in found) == 1, found
    assert any(line.startswith("too-long.html: cannot be read") for line in found), found
    assert not any(line.startswith(("loop", "through-a-file")) for line in found), found   # nginx serves neither
    assert any(line.startswith(("served/index.html:", "also/old/index.html:")) for line in found), found
    assert any(line.startswith("broken.html: cannot be read") for line in found), found


def _reference(site: Path) -> set[str]:
    """The real files of the HTML pages a web server following links inside the site could serve."""
    real_top = os.path.realpath(site)
    reached, seen = set(), set()
    for folder, folders, files in os.walk(site, followlinks=True):
        real = os.path.realpath(folder)
        if real in seen or os.path.commonpath([real, real_top]) != real_top:
            folders[:] = []
            continue
        seen.add(real)
        if folder == str(site):
            folders[:] = [name for name in folders if name != built_pages.DEPLOY_DIR]
        reached |= {os.path.realpath(os.path.join(folder, name)) for name in files if name.endswith(".html")}
    return reached


folder_names = st.sampled_from(["a", "b", ".deploy", "c d", "å"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pages=st.lists(st.tuples(st.lists(folder_names, max_size=4), st.booleans()), max_size=12),
       links=st.lists(st.tuples(st.lists(folder_names, max_size=3), st.lists(folder_names, max_size=3)), max_size=6))
def test_every_page_the_server_could_serve_is_judged(tmp_path_factory, pages, links) -> None:
    """Random folders, pages (clean or hostile) and links between folders, into .deploy and back up: every
    hostile page the web server could reach inside the site is named, and no clean one."""
    site = tmp_path_factory.mktemp("walk") / "site"
    site.mkdir()
    for number, (folders, hostile) in enumerate(pages):
        _page(site.joinpath(*folders) / f"p{number}.html", HOSTILE if hostile else CLEAN)
    for number, (where, target) in enumerate(links):
        (site.joinpath(*where)).mkdir(parents=True, exist_ok=True)
        site.joinpath(*target).mkdir(parents=True, exist_ok=True)
        os.symlink(site.joinpath(*target), site.joinpath(*where) / f"l{number}")
    found = built_pages.problems(site)
    named = {os.path.realpath(site / line.split(": ", 1)[0]) for line in found if "event handler" in line}
    hostile = {path for path in _reference(site) if "onclick" in Path(path).read_text(encoding="utf-8")}
    assert named == hostile, found
