"""The last look at every built HTML file before it is served (portal.deliver.built_pages)."""
from __future__ import annotations

import os
from pathlib import Path

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
    assert built_pages.problems(site) == ["a/.deploy/y.html: <p> has the event handler onclick",
                                          "a/b/c/index.html: <p> has the event handler onclick"]


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
