"""axe-core in Debian's Chromium: broken pages fail with a clear message, good ones pass, exceptions
need a justification, and a sample of the shipped pages has no WCAG 2.1 A/AA violation.

The whole shipped site is checked by `make check` (python -m portal check accessibility).
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from portal.checks import accessibility

FIXTURES = ROOT / "tests" / "fixtures" / "checks" / "accessibility"
BAD = {  # fixture -> the axe rule it breaks
    "bad-color-contrast": "color-contrast",
    "bad-image-alt": "image-alt",
    "bad-html-has-lang": "html-has-lang",
    "bad-link-name": "link-name",
    "bad-dark-contrast": "color-contrast",
    "bad-target-size": "target-size",   # WCAG 2.2 AA (2.5.8), tag wcag22aa
}


def _need(condition: bool, message: str) -> None:
    if not condition:
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="module")
def axe_ready() -> None:
    _need(accessibility.chromium_path() is not None, "Debian's chromium is not installed (apt-get install chromium)")
    _need(accessibility.AXE_SCRIPT.exists(), "axe-core is not installed: run `npm ci` (make test does)")


@pytest.fixture(scope="module")
def fixture_pages(tmp_path_factory, axe_ready) -> tuple[Path, Path]:
    """Every fixture as its own page (/bad-color-contrast/ …) with a Markdown source of the same name."""
    root = tmp_path_factory.mktemp("axe")
    site, docs = root / "site", root / "docs"
    for fixture in FIXTURES.glob("*.html"):
        (site / fixture.stem).mkdir(parents=True)
        shutil.copy(fixture, site / fixture.stem / "index.html")
        docs.mkdir(exist_ok=True)
        text = fixture.read_text(encoding="utf-8")
        body = text[text.index("<h1>"):]
        (docs / f"{fixture.stem}.sv.md").write_text(f"# {fixture.stem}\n\n{body}", encoding="utf-8")
    return site, docs


@pytest.fixture(scope="module")
def fixture_findings(fixture_pages) -> list:
    site, docs = fixture_pages
    return accessibility.run(site, docs, config={}, root=site.parent)


def test_broken_pages_fail_with_a_clear_message(fixture_findings) -> None:
    for stem, rule in BAD.items():
        found = [f for f in fixture_findings if f.path == f"docs/{stem}.sv.md"]
        assert [f.field for f in found] == [f"axe {rule}"], (stem, [f.format() for f in fixture_findings])
        finding = found[0]
        assert finding.severity == "error"
        assert finding.fix, finding.format()
    contrast = next(f for f in fixture_findings if f.field == "axe color-contrast")
    line = contrast.format()
    assert line.startswith("docs/bad-color-contrast.sv.md:")
    assert 'axe color-contrast: p "Denna text är för ljus för att läsas av alla.": ' in line
    assert "insufficient color contrast" in line and "overrides/assets/css/portal.css" in line
    # The line of the Markdown source that holds the element's text.
    assert contrast.line == 4


def test_each_colour_scheme_is_checked_and_named_when_only_one_fails(fixture_findings) -> None:
    """The site follows the reader's light or dark system setting: axe runs in both. A failure in both
    is one finding; one in the dark scheme only says so."""
    dark = next(f for f in fixture_findings if f.path == "docs/bad-dark-contrast.sv.md").format()
    assert "Denna text syns bara i ljust läge." in dark and "in the dark colour scheme only" in dark
    light = next(f for f in fixture_findings if f.path == "docs/bad-color-contrast.sv.md").format()
    assert "colour scheme" not in light


def test_the_colour_schemes_setting_is_checked() -> None:
    settings, findings = accessibility.load_settings({"accessibility": {"color_schemes": ["light", "sepia"]}})
    assert len(findings) == 1 and "color_schemes: must list light and/or dark" in findings[0].format()
    settings, findings = accessibility.load_settings({"accessibility": {"color_schemes": ["dark"]}})
    assert findings == [] and settings.color_schemes == ("dark",)


def test_good_page_passes(fixture_findings) -> None:
    assert [f.format() for f in fixture_findings if "good-page" in f.path] == []


def test_a_justified_exception_silences_exactly_its_rule(fixture_pages) -> None:
    site, docs = fixture_pages
    only = site.parent / "exceptions"   # two of the fixture pages are enough here
    for stem in ("bad-color-contrast", "bad-image-alt"):
        shutil.copytree(site / stem, only / stem)
    config = {"accessibility": {"exceptions": [
        {"rule": "color-contrast", "selector": "article", "pages": "/bad-color-contrast/",
         "justification": "Test: the grey text is a deliberately faint watermark repeated in the heading."},
        {"rule": "image-alt", "selector": ".nowhere", "justification": "Test: matches no element, so it is reported."},
    ]}}
    found = accessibility.run(only, docs, config=config, root=site.parent)
    fields = {f.field for f in found if f.severity == "error"}
    assert fields == {"axe image-alt"}
    unused = [f for f in found if f.severity == "warning"]
    assert len(unused) == 1 and "matched nothing" in unused[0].message and "image-alt" in unused[0].message


def test_an_exception_needs_a_justification() -> None:
    settings, findings = accessibility.load_settings({"accessibility": {"exceptions": [
        {"rule": "color-contrast", "selector": ".md-copyright"},
        {"rule": "color-contrast", "selector": ".x", "justification": "looks ok"},
    ]}})
    assert settings.exceptions == []
    assert [f.field for f in findings] == ["accessibility.exceptions[1]", "accessibility.exceptions[2]"]
    assert "without justification" in findings[0].message
    assert "too short" in findings[1].message


def test_shipped_configuration_is_valid() -> None:
    settings, findings = accessibility.load_settings()
    assert findings == []
    assert set(accessibility.DEFAULT_TAGS) <= set(settings.tags)
    for exception in settings.exceptions:
        assert len(exception.justification) >= 20


SAMPLE = ["/", "/typfall/kusinaktenskap/", "/samverkan/checklistor/", "/stod/for-dig-som-ar-utsatt/", "/amnen/",
          "/404.html"]


def test_sample_of_shipped_pages_has_no_violations(real_site: Path, axe_ready) -> None:
    """A page of each kind in both languages, and its embed view; `make check` runs every page."""
    from portal.checks import built_site

    wanted = set(SAMPLE) | {"/en" + url for url in SAMPLE} | {"/embed/kusinaktenskap/"}
    pages = [p for p in built_site.pages(real_site, ROOT / "docs", "docs") if p.url in wanted]
    assert len(pages) >= len(wanted) - 4, sorted(p.url for p in pages)
    settings, _ = accessibility.load_settings()
    violations, failures, _ = accessibility.run_axe(real_site, pages, settings, accessibility.chromium_path())
    findings = failures + accessibility.findings_from(violations, pages)
    assert findings == [], "\n".join(f.format() for f in findings)
