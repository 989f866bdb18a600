"""After Material's end of life: ProperDocs (the maintained fork of MkDocs 1.x) builds this portal
from the same mkdocs.yml, hooks and plugins, with the same output as MkDocs but for the generator tag."""
from __future__ import annotations

import gzip
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT, TODAY


class _Generator(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "meta" and dict(attrs).get("name") == "generator":
            self.tags.append(self.get_starttag_text() or "")


def generators(html: str) -> list[str]:
    parser = _Generator()
    parser.feed(html)
    return parser.tags


def generator(html: str) -> str:
    tags = generators(html)
    assert len(tags) == 1, f"{len(tags)} generator tags"
    return tags[0]


def without_generator(html: str) -> str:
    """The page without its generator tag (pages the theme does not render, e.g. redirects, have none)."""
    tags = generators(html)
    assert len(tags) <= 1, f"{len(tags)} generator tags"
    return html.replace(tags[0], "", 1) if tags else html


def properdocs_build(site: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", PORTAL_MODE="production",
               PORTAL_SITE_DIR=str(site), PORTAL_TODAY=TODAY, PYTHONPATH=str(ROOT / "hooks"))
    env.pop("PORTAL_DOCS_DIR", None)
    return subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)


def files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}


def test_properdocs_builds_the_same_site_as_mkdocs(real_site: Path, tmp_path: Path) -> None:
    pytest.importorskip("properdocs", reason="properdocs is not installed (make install-dev)")
    site = tmp_path / "properdocs-site"
    result = properdocs_build(site)
    assert result.returncode == 0, result.stderr[-4000:]
    ours, theirs = files(real_site), files(site)
    assert sorted(ours) == sorted(theirs), sorted(set(ours) ^ set(theirs))[:20]
    different = []
    for name, path in ours.items():
        a, b = path.read_bytes(), theirs[name].read_bytes()
        if name.endswith(".gz"):   # the build's precompressed copies: compare what they hold
            a, b, name = gzip.decompress(a), gzip.decompress(b), name[:-3]
        if name.endswith(".html"):
            if generators(a.decode("utf-8")):
                assert "ProperDocs" in generator(b.decode("utf-8")), f"{name} was not built by ProperDocs"
            a, b = without_generator(a.decode("utf-8")).encode(), without_generator(b.decode("utf-8")).encode()
        if a != b:
            different.append(name)
    assert not different, f"{len(different)} files differ, e.g. {different[:10]}"


def test_the_comparison_sees_a_changed_page() -> None:
    page = '<html><head><meta name="generator" content="x"><title>A</title></head></html>'
    assert without_generator(page) == "<html><head><title>A</title></head></html>"
    assert without_generator(page) != without_generator(page.replace("<title>A", "<title>B"))
    with pytest.raises(AssertionError, match="0 generator tags"):
        generator("<html></html>")
    assert without_generator("<html></html>") == "<html></html>"
