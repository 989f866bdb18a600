"""Hostile and broken content: each case stops `make build` with one line naming the file and the
fix, and the previously published site stays as it was.

The cases are files in tests/fixtures/hostile/<case>/, copied over the fixture site's docs/;
the symbolic link out of docs/ and the 10 MB page are made here (see that folder's README).
"""
from __future__ import annotations

import concurrent.futures
import os
import shutil
import subprocess
from pathlib import Path

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
    "slug-with-dotdot": [("..slug-with-dotdot.sv.md:", "'..slug-with-dotdot' in the file path is not a valid page address")],
    "symlink-out-of-docs": [("symlink-out-of-docs.sv.md:", "outside docs/ — replace the link")],
    "not-utf8": [("not-utf8.sv.md:", "file is not UTF-8")],
    "ten-megabyte-page": [("ten-megabyte-page.sv.md:", "file is 10.0 MB, pages may be at most 1 MB")],
    "raw-script": [("raw-script.sv.md:22:", "raw <script> is not allowed in content")],
    "event-handler": [("event-handler.sv.md:20:", "inline event handler 'onerror' is not allowed"),
                      ("event-handler.sv.md:22:", "inline event handler 'onclick' is not allowed")],
    "javascript-link": [("javascript-link.sv.md:20:", "link to a 'javascript:' address is not allowed"),
                        ("javascript-link.sv.md:22:", "link to a 'javascript:' address is not allowed"),
                        ("javascript-link.sv.md:26:", "link to a 'javascript:' address is not allowed")],
    "iframe": [("iframe.sv.md:22:", "an <iframe> is not allowed in content")],
    "draft-link": [("draft-link.sv.md:20:", "links to"), ("draft-link.sv.md:20:", "which is not published")],
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
def hostile_builds(tmp_path_factory, make_available) -> dict[str, tuple[subprocess.CompletedProcess, Path]]:
    """Every case built with `make build` (a few at a time), each over a previously published site."""
    workspace = tmp_path_factory.mktemp("hostile")

    def run(case: str) -> tuple[subprocess.CompletedProcess, Path]:
        docs = docs_for(case, workspace)
        site = previous_site(workspace / case / "site")
        return make_build(docs, site), site

    with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
        results = dict(zip(CASES, pool.map(run, CASES)))
    return results


def test_every_case_has_a_fixture_named_after_it() -> None:
    generated = {"symlink-out-of-docs", "ten-megabyte-page"}
    on_disk = {p.name for p in HOSTILE.iterdir() if p.is_dir()}
    assert on_disk | generated == set(CASES)
    for case in on_disk:
        assert any(case in p.name for p in (HOSTILE / case).rglob("*.md")), case


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_input_stops_the_build_with_one_line_per_problem(case: str, hostile_builds) -> None:
    result, site = hostile_builds[case]
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
