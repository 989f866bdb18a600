"""Hostile and broken content: each case stops `make build` with one line naming the file and the
fix, and the previously published site stays as it was.

The cases are files in tests/fixtures/hostile/<case>/, copied over the fixture site's docs/;
the symbolic link out of docs/ and the 10 MB page are made here (see that folder's README).
"""
from __future__ import annotations

import functools
import os
import shutil
import subprocess
from pathlib import Path
from typing import Callable

import pytest

from conftest import FIXTURE_SITE, ROOT, TODAY

HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
FIX = " — "

# case -> (file named in the message, what the message says). Every listed line must appear.
CASES: dict[str, list[tuple[str, str]]] = {
    "malformed-yaml": [("malformed-yaml.sv.md:7:", "front matter is not valid YAML")],
    "missing-field": [("missing-field.sv.md:", "description: required field is missing")],
    "misspelled-field": [("misspelled-field.sv.md:8:", "ownr: unknown field — did you mean 'owner'?")],
    "invalid-date": [("invalid-date.sv.md:12:", "review.last_reviewed: '2026-02-30' is not a date")],
    "duplicate-id": [("typfall/resan.sv.md:3:", "id: 'resan' is already used by"),
                     ("duplicate-id.sv.md", "give this page its own id")],
    "id-with-dotdot": [("id-with-dotdot.sv.md:2:", "id: '../../etc/passwd' is not a valid id")],
    "slug-with-dotdot": [("..slug-with-dotdot.sv.md:", "starts with a dot, so it would never be published")],
    "symlink-out-of-docs": [("symlink-out-of-docs.sv.md:", "outside docs/ — replace the link")],
    "not-utf8": [("not-utf8.sv.md:", "file is not UTF-8")],
    "ten-megabyte-page": [("ten-megabyte-page.sv.md:", "file is 10.0 MB, pages may be at most 0.2 MB")],
    "raw-script": [("raw-script.sv.md:22:", "raw <script> is not allowed in content")],
    "event-handler": [("event-handler.sv.md:20:", "inline event handler 'onerror' is not allowed"),
                      ("event-handler.sv.md:22:", "inline event handler 'onclick' is not allowed")],
    "javascript-link": [("javascript-link.sv.md:20:", "link to a 'javascript:' address is not allowed"),
                        ("javascript-link.sv.md:22:", "link to a 'javascript:' address is not allowed"),
                        ("javascript-link.sv.md:26:", "link to a 'javascript:' address is not allowed")],
    "iframe": [("iframe.sv.md:22:", "an <iframe> is not allowed in content")],
    "draft-link": [("draft-link.sv.md:20:", "links to"), ("draft-link.sv.md:20:", "which is not published")],
    # YAML the portal refuses before building anything
    "duplicate-key": [("duplicate-key.sv.md:11:", "'status' is given twice (first on line 9)")],
    "yaml-anchor-and-alias": [("yaml-anchor-and-alias.sv.md:13:", "defines the YAML anchor &k")],
    "billion-laughs": [("billion-laughs.sv.md:13:", "defines the YAML anchor &a")],
    "yaml-python-tag": [("yaml-python-tag.sv.md:4:", "uses the YAML tag tag:yaml.org,2002:python/object/apply")],
    "yaml-custom-tag": [("yaml-custom-tag.sv.md:4:", "uses the YAML tag !sida")],
    "deep-nesting": [("deep-nesting.sv.md:13:", "is nested more than 12 levels deep")],
    "non-text-key": [("non-text-key.sv.md:13:", "has a key that is '1', not a field name")],
    "list-as-key": [("list-as-key.sv.md:13:", "has a key that is a list or set of fields")],
    "dots-end-front-matter": [("dots-end-front-matter.sv.md:18:", "front matter ends with '...'")],
    "review-as-text": [("review-as-text.sv.md:9:", "review: must be a set of fields, not str")],
    "type-as-list": [("type-as-list.sv.md:3:", "type: '['page']' is not allowed")],
    "date-far-future": [("date-far-future.sv.md:12:", "review.last_reviewed: '9999-12-31' is outside the years 1900–2100")],
    "date-year-zero": [("date-year-zero.sv.md:12:", "review.last_reviewed: '0001-01-01' is outside the years 1900–2100")],
    # Plain-text fields: no markup, controls or direction overrides; https:// addresses only
    "title-meta-refresh": [("title-meta-refresh.sv.md:4:", "title: contains markup")],
    "description-script": [("description-script.sv.md:5:", "description: contains markup")],
    "title-bidi-override": [("title-bidi-override.sv.md:4:", "title: contains the invisible direction control U+202E")],
    "title-character-reference": [("title-character-reference.sv.md:4:", "title: contains markup ('&lt;'")],
    "source-title-control-character": [("source-title-control-character.sv.md:14:", "contains the control character U+0007")],
    "source-url-javascript": [("source-url-javascript.sv.md:17:", "sources[0].url: 'javascript:alert(1)' is not an https:// address")],
    "source-url-http": [("source-url-http.sv.md:17:", "sources[0].url: 'http://www.riksdagen.se/' is not an https:// address")],
    "source-url-with-password": [("source-url-with-password.sv.md:17:", "contains a user name or password")],
    "reviewer-markup": [("reviewer-markup.sv.md:11:", "review.reviewed_by: contains markup")],
    "issuer-comment": [("issuer-comment.sv.md:15:", "sources[0].issuer: contains markup ('<!'")],
    # Raw HTML that a regular expression would let through
    "quoted-gt-hides-handler": [("quoted-gt-hides-handler.sv.md:22:", "inline event handler 'onclick' is not allowed")],
    "escaped-backtick-hides-html": [("escaped-backtick-hides-html.sv.md:20:", "inline event handler 'onerror' is not allowed")],
    "comment-ends-early": [("comment-ends-early.sv.md:20:", "inline event handler 'onerror' is not allowed")],
    "svg-animate": [("svg-animate.sv.md:20:", "raw HTML <svg> is not allowed in content")],
    "attr-list-brace-in-quotes": [("attr-list-brace-in-quotes.sv.md:20:", "inline event handler 'onclick' is not allowed")],
    "style-via-attr-list": [("style-via-attr-list.sv.md:20:", "inline style attribute is not allowed")],
    "srcset-image": [("srcset-image.sv.md:20:", "the attribute 'srcset' is not allowed")],
    "meta-in-body": [("meta-in-body.sv.md:20:", "raw HTML <meta> is not allowed in content")],
    "base-in-body": [("base-in-body.sv.md:20:", "raw HTML <base> is not allowed in content")],
    "form-in-body": [("form-in-body.sv.md:20:", "raw HTML <form> is not allowed in content")],
    "style-element": [("style-element.sv.md:20:", "raw HTML <style> is not allowed in content")],
    "object-element": [("object-element.sv.md:20:", "an <object> is not allowed in content")],
    "external-image": [("external-image.sv.md:20:", "image from another website")],
    "external-image-html": [("external-image-html.sv.md:20:", "image from another website")],
    "data-url-image": [("data-url-image.sv.md:20:", "link to a 'data:' address is not allowed")],
    "entity-javascript-link": [("entity-javascript-link.sv.md:20:", "link to a 'javascript:' address is not allowed")],
    # Shapes that would make the Markdown converter slow or crash
    "deep-list": [("deep-list.sv.md:33:", "nested deeper than 12 levels")],
    "deep-quote": [("deep-quote.sv.md:20:", "quotes are nested 40 levels deep")],
    "unclosed-angle-brackets": [("unclosed-angle-brackets.sv.md:20:", "many '<' that are never closed")],
    "unclosed-square-brackets": [("unclosed-square-brackets.sv.md:20:", "many '[' that are never closed")],
    "long-paragraph": [("long-paragraph.sv.md:20:", "paragraph of 8000 characters (at most 5000)")],
    "many-abbreviations": [("many-abbreviations.sv.md:122:", "defines more than 100 abbreviations")],
    "many-definition-items": [("many-definition-items.sv.md:20:", "150 definition items without a blank line")],
    "unclosed-comment": [("unclosed-comment.sv.md:22:", "an HTML comment '<!--' is never closed with '-->'")],
    # Files that are not pages or allowed images
    "html-file": [("docs/html-file.html", "files of type '.html' may not be published")],
    "javascript-file": [("docs/javascript-file.js", "files of type '.js' may not be published")],
    "svg-with-script": [("docs/svg-with-script.svg", "SVG image contains <script>")],
    "svg-with-handler": [("docs/svg-with-handler.svg", "SVG image has the event handler onload")],
    "svg-with-external-image": [("docs/svg-with-external-image.svg", "SVG image contains <image>")],
    "svg-with-entities": [("docs/svg-with-entities.svg", "SVG image declares a DOCTYPE or entities")],
    "markdown-suffix": [("docs/markdown-suffix.markdown", "is not named like a page")],
    "mdown-suffix": [("docs/mdown-suffix.mdown", "is not named like a page")],
    "mkd-suffix": [("docs/mkd-suffix.mkd", "is not named like a page")],
    "mkdn-suffix": [("docs/mkdn-suffix.mkdn", "is not named like a page")],
    "uppercase-language-suffix": [("docs/uppercase-language-suffix.SV.md", "is not named like a page")],
    "hidden-page": [("docs/.hidden-page.sv.md", "starts with a dot, so it would never be published")],
    "hard-link-out-of-docs": [("docs/hard-link-out-of-docs.png", "is a hard link")],
    "symlink-loop": [("docs/symlink-loop.sv.md", "cannot be followed")],
    "folder-link-out-of-docs": [("docs/folder-link-out-of-docs", "is a link to a folder")],
}
# Cases that build: the payload is shown as text (or is a harmless file), never run. Every output
# file is searched for the payload as it would be live.
BUILDS: dict[str, list[str]] = {
    "code-span-with-script": ["<script>alert('kodspann')", "<img src=x onerror=alert('kodblock')"],
    "title-quotes-and-ampersand": ['"hedersnormer" – fråga 1 < 2'],
    "plain-svg": [],
}
PREVIOUS = "<!doctype html><title>Previously published</title>"


def make_build(docs: Path, site: Path) -> subprocess.CompletedProcess:
    """`make build` with the docs and the published folder moved to a temporary place."""
    env = dict(os.environ, PORTAL_DOCS_DIR=str(docs), PORTAL_TODAY=TODAY,
               PORTAL_SITE_URL="https://kunskapsportal.example.se/")
    return subprocess.run(["make", "--no-print-directory", "build", f"SITE_DIR={site}"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)


def docs_for(case: str, workspace: Path) -> Path:
    """The fixture site's docs with the case's files on top."""
    docs = workspace / case / "docs"
    shutil.copytree(FIXTURE_SITE, docs)
    if (HOSTILE / case).is_dir():
        shutil.copytree(HOSTILE / case, docs, dirs_exist_ok=True)
    if case == "symlink-out-of-docs":
        outside = workspace / case / "outside"
        outside.mkdir()
        (outside / "secret.md").write_text("---\nid: hemlig\n---\nNot for the site.\n", encoding="utf-8")
        (docs / "symlink-out-of-docs.sv.md").symlink_to(outside / "secret.md")
    if case == "hard-link-out-of-docs":
        outside = workspace / case / "outside.png"
        outside.write_bytes(b"\x89PNG secret")
        os.link(outside, docs / "hard-link-out-of-docs.png")
    if case == "symlink-loop":
        (docs / "symlink-loop.sv.md").symlink_to(docs / "symlink-loop.sv.md")
    if case == "folder-link-out-of-docs":
        (workspace / case / "elsewhere").mkdir()
        (docs / "folder-link-out-of-docs").symlink_to(workspace / case / "elsewhere", target_is_directory=True)
    if case == "ten-megabyte-page":
        page = (HOSTILE / "raw-script" / "raw-script.sv.md").read_text(encoding="utf-8")
        front = page[: page.index("\n---\n") + 5].replace("id: raw-script", "id: ten-megabyte-page")
        paragraph = "Det här stycket upprepas tills sidan är tio megabyte stor. " * 16 + "\n\n"
        body = paragraph * (10_000_000 // len(paragraph.encode("utf-8")) + 1)
        (docs / "ten-megabyte-page.sv.md").write_text(front + body[: 10_000_000 - len(front.encode())], encoding="utf-8")
    return docs


def previous_site(path: Path) -> Path:
    path.mkdir(parents=True)
    (path / "index.html").write_text(PREVIOUS, encoding="utf-8")
    return path


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def make_available() -> None:
    if shutil.which("make") is None:
        pytest.skip("make is not installed (apt-get install make)")


@pytest.fixture(scope="session")
def hostile_builds(tmp_path_factory, make_available) -> Callable[[str], tuple[subprocess.CompletedProcess, Path]]:
    """`make build` of one case over a previously published site, run when a test first asks for it.

    Built on demand, not all at once: under pytest-xdist a session fixture runs once in every worker,
    so building every case up front built each case twice.
    """
    workspace = tmp_path_factory.mktemp("hostile")

    @functools.cache
    def build(case: str) -> tuple[subprocess.CompletedProcess, Path]:
        docs = docs_for(case, workspace)
        site = previous_site(workspace / case / "site")
        return make_build(docs, site), site

    return build


def test_every_case_has_a_fixture_named_after_it() -> None:
    generated = {"symlink-out-of-docs", "ten-megabyte-page", "hard-link-out-of-docs", "symlink-loop",
                 "folder-link-out-of-docs"}
    on_disk = {p.name for p in HOSTILE.iterdir() if p.is_dir()}
    assert on_disk | generated == set(CASES) | set(BUILDS)
    for case in on_disk:
        assert any(case in p.name for p in (HOSTILE / case).rglob("*")), case


@pytest.mark.parametrize("case", list(BUILDS))
def test_harmless_cases_build_and_the_payload_is_only_text(case: str, hostile_builds) -> None:
    result, site = hostile_builds(case)
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"{case}: the build failed\n{output[-3000:]}"
    assert "Traceback" not in output
    assert (site / case / "index.html").is_file(), f"{case}: the page was not published"
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".conf", ".svg", ".txt"):
            text = path.read_text(encoding="utf-8", errors="replace")
            for payload in BUILDS[case]:
                assert payload not in text, f"{case}: {payload!r} reached {path.relative_to(site)} unescaped"


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_input_stops_the_build_with_one_line_per_problem(case: str, hostile_builds) -> None:
    result, site = hostile_builds(case)
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"{case}: the build succeeded\n{output[-3000:]}"
    lines = output.splitlines()
    for where, what in CASES[case]:
        assert any(where in line and what in line and FIX in line for line in lines), \
            f"{case}: no line with {where!r} and {what!r} and a fix\n{output[-3000:]}"
    assert "Traceback" not in output
    assert snapshot(site) == {"index.html": PREVIOUS.encode()}, f"{case}: the published site changed"
    assert not Path(str(site) + ".old").exists()


def test_make_build_replaces_the_site_only_when_the_build_succeeds(tmp_path: Path, make_available) -> None:
    site = tmp_path / "site"
    good = make_build(docs_for("good", tmp_path), site)
    assert good.returncode == 0, good.stderr[-3000:]
    published = snapshot(site)
    assert "typfall/resan/index.html" in published and "404.html" in published and "en/404.html" in published
    bad = make_build(docs_for("raw-script", tmp_path), site)
    assert bad.returncode != 0
    assert "raw-script.sv.md:22: body: raw <script> is not allowed in content" in bad.stdout + bad.stderr
    assert snapshot(site) == published
