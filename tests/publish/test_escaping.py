"""Every value a template prints is escaped, Material's templates included: the second line of defence.

The first line refuses markup in plain-text fields when the page is read (content/plain_text.py).
Here that check is switched off inside this test process only, and the fixture site is built with
hostile text in every field a template prints: title, description, sources, statutes, reviewer. The
built pages must show the text and run nothing: no refresh, no script, no injected attribute, in a
real HTML parser's reading and in Chromium.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from conftest import FIXTURE_SITE, ROOT, TODAY, serve

TITLE = '</title><meta http-equiv="refresh" content="0;url=https://evil.example/">'
DESCRIPTION = '"><script>window.injected=1</script><x y="'
SOURCE = '<img src=x onerror="window.injected=2">'
REVIEWER = '"><svg onload="window.injected=3">'


def _hostile_docs(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURE_SITE, docs)
    page = docs / "lagstiftning" / "hedersfortryck.sv.md"
    text = page.read_text(encoding="utf-8")
    front, body = text.split("\n---\n", 1)
    lines = []
    for line in front.split("\n"):
        key = line.strip().split(":", 1)[0]
        if line.startswith("title:"):
            line = f"title: '{TITLE}'"
        elif line.startswith("description:"):
            line = f"description: '{DESCRIPTION}'"
        elif key == "reviewed_by":
            line = line.split(":", 1)[0] + f": '{REVIEWER}'"
        elif key in ("- title", "issuer", "name") and line.startswith(" "):
            line = line.split(":", 1)[0] + f": '{SOURCE}'"
        lines.append(line)
    page.write_text("\n".join(lines) + "\n---\n" + body, encoding="utf-8")
    return docs


@pytest.fixture(scope="module")
def escaped_site(tmp_path_factory) -> Path:
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.config import load_config

    from portal.content import plain_text

    tmp_path = tmp_path_factory.mktemp("escaping")
    docs, site = _hostile_docs(tmp_path), tmp_path / "site"
    patch = pytest.MonkeyPatch()
    patch.setattr(plain_text, "problem", lambda text: None)   # the first line of defence, off
    for name, value in {"PORTAL_MODE": "production", "PORTAL_DOCS_DIR": str(docs), "PORTAL_SITE_DIR": str(site),
                        "PORTAL_TODAY": TODAY, "PORTAL_PARALLEL": "0"}.items():
        patch.setenv(name, value)
    try:
        mkdocs_build.build(load_config(str(ROOT / "mkdocs.yml")))
    finally:
        patch.undo()
    return site


def test_hostile_fields_are_text_in_every_built_page(escaped_site: Path) -> None:
    pages = [p for p in escaped_site.rglob("*.html") if ".deploy" not in p.parts]
    assert pages
    shown = False
    for path in pages:
        tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
        for meta in tree.css("meta[http-equiv]"):
            assert "evil.example" not in (meta.attributes.get("content") or ""), path
        for node in tree.root.traverse(include_text=False):
            assert not any(name.lower().startswith("on") for name in node.attributes), (path, node.tag)
            if node.tag == "script":
                assert "injected" not in (node.text() or ""), path
        shown = shown or TITLE in (tree.css_first("title").text() if tree.css_first("title") else "")
    assert shown, "the hostile title is not shown as text in any page's <title>"


def test_nothing_runs_in_chromium(escaped_site: Path, browser) -> None:
    url, server = serve(escaped_site)
    try:
        page = browser.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(url + "/lagstiftning/hedersfortryck/")
        page.wait_for_timeout(300)
        assert page.evaluate("window.injected") is None
        assert page.url.startswith(url)
        assert TITLE in page.title()
        assert not [r for r in requests if "evil.example" in r or "x" == r.rsplit("/", 1)[-1]]
        page.close()
    finally:
        server.shutdown()
