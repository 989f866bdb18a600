"""The editor is never part of the site: no built page or file of a production build (or a preview)
refers to it or contains its files."""
from __future__ import annotations

import hashlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT

MARKERS = [b"decap", b"netlify-cms", b"cms-config-url", b"CMS_MANUAL_INIT", b"portal-frontmatter",
           b"portal-translation", b"manual-init.js", b"cms_server", b"cms_config"]
EDITOR_FILES = {hashlib.sha256(p.read_bytes()).hexdigest(): p.name for p in (ROOT / "editor").iterdir()}


class _References(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls += [value for name, value in attrs if name in ("src", "href", "action", "data") and value]


def problems(site: Path) -> list[str]:
    found = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        rel = path.relative_to(site).as_posix()
        if hashlib.sha256(data).hexdigest() in EDITOR_FILES:
            found.append(f"{rel} is the editor's {EDITOR_FILES[hashlib.sha256(data).hexdigest()]}")
        lowered = data.lower()
        found += [f"{rel} mentions {m.decode()}" for m in MARKERS if m.lower() in lowered]
        if path.suffix == ".html":
            parser = _References()
            parser.feed(data.decode("utf-8", "replace"))
            found += [f"{rel} links {url}" for url in parser.urls
                      if any(part in url.lower() for part in ("decap", "/admin", "editor/", "config.yml"))]
    return found


@pytest.mark.parametrize("name", ["real_site", "real_preview"])
def test_no_built_file_refers_to_the_editor(name: str, request) -> None:
    site = request.getfixturevalue(name)
    assert not problems(site), problems(site)[:20]


def test_the_check_sees_an_editor_left_in_the_site(tmp_path: Path) -> None:
    (tmp_path / "admin").mkdir()
    (tmp_path / "admin" / "index.html").write_bytes((ROOT / "editor" / "index.html").read_bytes())
    (tmp_path / "index.html").write_text('<a href="/admin/">Redigera</a>', encoding="utf-8")
    found = problems(tmp_path)
    assert any("is the editor's index.html" in p for p in found)
    assert any("links /admin/" in p for p in found)
    assert any("mentions decap" in p for p in found)
