"""The fast static checks on built HTML: headings, image alt text, link text.

Each rule has bad fixtures that fail and a good one that passes (tests/fixtures/checks/<check>/),
and the findings name the Markdown file and line a page comes from.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from portal.checks import built_site, headings, html_outline, image_alt, link_text

FIXTURES = ROOT / "tests" / "fixtures" / "checks"
INSPECTORS = {
    "headings": headings.inspect,
    "image-alt": image_alt.inspect,
    "link-text": link_text.inspect_with(link_text.vague_texts({})),
}


def problems(check: str, fixture: Path) -> list[html_outline.Problem]:
    return INSPECTORS[check](html_outline.parse(fixture.read_text(encoding="utf-8")))


def fixtures(kind: str) -> list[tuple[str, Path]]:
    return [(check, path) for check in INSPECTORS for path in sorted((FIXTURES / check).glob(f"{kind}-*.html"))]


@pytest.mark.parametrize("check,fixture", fixtures("bad"), ids=lambda v: v.name if isinstance(v, Path) else v)
def test_bad_fixture_fails(check: str, fixture: Path) -> None:
    found = problems(check, fixture)
    assert found, f"{fixture.name} should fail {check}"
    for problem in found:
        assert problem.message and problem.fix


@pytest.mark.parametrize("check,fixture", fixtures("good"), ids=lambda v: v.name if isinstance(v, Path) else v)
def test_good_fixture_passes(check: str, fixture: Path) -> None:
    assert problems(check, fixture) == []


def test_every_check_has_good_and_bad_fixtures() -> None:
    for check in INSPECTORS:
        names = [p.name for p in (FIXTURES / check).glob("*.html")]
        assert any(n.startswith("good-") for n in names) and any(n.startswith("bad-") for n in names), check


def test_messages_say_what_and_how() -> None:
    skipped = problems("headings", FIXTURES / "headings" / "bad-skipped-level.html")
    assert [p.message for p in skipped] == ["heading level skipped: 'Skolan' is h4 right after an h2"]
    assert skipped[0].fix.startswith("make it ### (h3)")
    two = problems("headings", FIXTURES / "headings" / "bad-two-h1.html")
    assert "second h1" in two[0].message and "## Heading" in two[0].fix
    vague = problems("link-text", FIXTURES / "link-text" / "bad-click-here.html")
    assert {p.message.split(" (")[0] for p in vague} == {"link text 'click here'", "link text 'here'"}
    har = problems("link-text", FIXTURES / "link-text" / "bad-klicka-har.html")
    assert "'Klicka här!'" in har[0].message
    generic = problems("image-alt", FIXTURES / "image-alt" / "bad-generic-alt.html")
    assert len(generic) == 2 and "says nothing" in generic[0].message


def test_vague_link_texts_come_from_configuration() -> None:
    page = html_outline.parse('<article><h1>T</h1><p><a href="x/">se nedan</a> och <a href="y/">här</a></p></article>')
    custom = link_text.inspect_with(link_text.vague_texts({"link_text": {"vague": ["se nedan"]}}))
    assert [p.message.split(" (")[0] for p in custom(page)] == ["link text 'se nedan'"]


def _site(tmp_path: Path, pages: dict[str, str], sources: dict[str, str]) -> tuple[Path, Path]:
    site, docs = tmp_path / "site", tmp_path / "docs"
    for url, html in pages.items():
        target = site / url.strip("/") / "index.html" if url.strip("/") else site / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    for rel, text in sources.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(text, encoding="utf-8")
    return site, docs


def test_findings_name_the_markdown_file_and_line(tmp_path: Path) -> None:
    html = ('<html lang="sv"><body><article><h1>Resan</h1><h2>Situation</h2><h4>Skolan</h4>'
            '<p>Se <a href="../x/">här</a>.</p></article></body></html>')
    md = "---\ntitle: Resan\n---\n\n## Situation\n\nText.\n\n#### Skolan\n\nSe [här](../x.md).\n"
    site, docs = _site(tmp_path, {"/typfall/resan/": html, "/en/typfall/resan/": html.replace('"sv"', '"en"')},
                       {"typfall/resan.sv.md": md})
    found = headings.run(site, docs, tmp_path) + link_text.run(site, docs, tmp_path)
    lines = sorted(f.format() for f in found)
    source = "docs/typfall/resan.sv.md"   # relative to the project root (here tmp_path)
    # The English page is a fallback copy of the Swedish file: both findings name the Swedish file.
    assert any(line.startswith(f"{source}:9: h4: heading level skipped: 'Skolan' is h4 right after an h2 — ")
               for line in lines)
    assert any(line.startswith(f"{source}:11: link text: link text 'här'") for line in lines)
    assert len(lines) == 4


def test_template_problems_are_reported_once(tmp_path: Path) -> None:
    template = '<header><a href="/">Klicka här</a></header><article><h1>{t}</h1></article>'
    site, docs = _site(tmp_path, {f"/{name}/": template.format(t=name) for name in ("a", "b", "c")},
                       {"a.sv.md": "# a\n", "b.sv.md": "# b\n", "c.sv.md": "# c\n"})
    found = link_text.run(site, docs, tmp_path)
    assert len(found) == 1
    assert found[0].path == "overrides/"
    assert "on /a/, /b/ and 1 more" in found[0].message


def test_redirect_stubs_and_embed_views_map_to_their_pages(tmp_path: Path) -> None:
    stub = '<html><head><meta http-equiv="refresh" content="0; url=../../typfall/resan/"></head><body></body></html>'
    embed = ('<html><head><link rel="canonical" href="https://portal.example/typfall/resan/"></head>'
             '<body><main data-portal-embed-content><article><h1>Resan</h1><h3>Djupt</h3></article></main></body></html>')
    site, docs = _site(tmp_path, {"/id/resan/": stub, "/embed/resan/": embed}, {"typfall/resan.sv.md": "### Djupt\n"})
    pages = built_site.pages(site, docs)
    assert [p.url for p in pages] == ["/embed/resan/"]
    assert pages[0].source and pages[0].source.endswith("typfall/resan.sv.md")
    assert [f.line for f in headings.run(site, docs, tmp_path)] == [1]


def test_urls_of_markdown_files() -> None:
    assert built_site.url_of("index.sv.md") == ("sv", "/")
    assert built_site.url_of("index.en.md") == ("en", "/en/")
    assert built_site.url_of("typfall/resan.sv.md") == ("sv", "/typfall/resan/")
    assert built_site.url_of("vagledning/index.en.md") == ("en", "/en/vagledning/")


def test_fixture_site_passes_the_static_checks(fixture_site: Path) -> None:
    docs = ROOT / "tests" / "fixtures" / "site" / "docs"
    found = headings.run(fixture_site, docs) + image_alt.run(fixture_site, docs) + link_text.run(fixture_site, docs)
    assert found == [], "\n".join(f.format() for f in found)


def test_shipped_content_passes_the_static_checks(real_site: Path) -> None:
    found = headings.run(real_site) + image_alt.run(real_site) + link_text.run(real_site)
    assert found == [], "\n".join(f.format() for f in found)
