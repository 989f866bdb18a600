"""The checks behind `make check` (hooks/portal/checks/): every rule has a bad fixture that fails with
its message and good fixtures that pass.

Fixtures live in tests/fixtures/checks/<check>/, named after the rule: a `bad-*.md` page (or a folder
of pages, or a small built site for the link check) carries the expected finding in an
`<!-- expect: … -->` line (`<!-- expect-warning: … -->` for rules that only warn). The checks read
tests/fixtures/checks/checks.yml, not the shipped data/checks.yml, and the date is pinned.

Run: .venv/bin/python -m pytest tests/checks/test_checks.py
"""
from __future__ import annotations

import datetime
import functools
import html
import http.server
import io
import json
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, TODAY
from portal.content import abbreviations as glossary_abbreviations
from portal.content import corpus
from portal.checks import quality_report
from portal.checks import external_links, links, readability, registry, runner, statutes
from portal.content.findings import Finding

FIXTURES = ROOT / "tests" / "fixtures" / "checks"
CONFIG = yaml.safe_load((FIXTURES / "checks.yml").read_text(encoding="utf-8"))
DAY = datetime.date.fromisoformat(TODAY)
EXPECT = re.compile(r"<!-- expect(-warning)?: (.+?) -->")
SOURCE_CHECKS = ["changes", "terminology", "abbreviations", "readability", "spelling", "statutes", "law-status", "reform-links",
                 "review", "translations"]


def fixtures(check: str, prefix: str) -> list[Path]:
    folder = FIXTURES / check
    return sorted(p for p in folder.iterdir() if p.name.startswith(prefix) and (p.is_dir() or p.suffix in (".md", ".html")))


def expectations(path: Path) -> list[tuple[str, str]]:
    """(severity, text) of every expect line in a fixture file or folder."""
    files = sorted(path.rglob("*")) if path.is_dir() else [path]
    found = []
    for file in files:
        if file.is_file() and file.suffix in (".md", ".html"):
            for match in EXPECT.finditer(file.read_text(encoding="utf-8")):
                found.append(("warning" if match.group(1) else "error", match.group(2)))
    return found


def docs_with(path: Path, tmp_path: Path) -> Path:
    """A docs/ folder holding the fixture page(s), with the spelling word list (and a fixture's
    reforms.yml) in data/ beside it."""
    docs = tmp_path / "docs"
    if path.is_dir():
        shutil.copytree(path, docs)
    else:
        docs.mkdir()
        shutil.copy(path, docs / path.name)
    (tmp_path / "data").mkdir()
    wordlist = FIXTURES / "spelling" / "wordlist-sv.txt"
    shutil.copy(wordlist, tmp_path / "data" / wordlist.name)
    if (docs / "reforms.yml").exists():   # a reform-links fixture brings its own data/reforms.yml
        shutil.move(docs / "reforms.yml", tmp_path / "data" / "reforms.yml")
    return docs


def run_on(check_name: str, docs: Path, config: dict | None = None) -> list[Finding]:
    """Run one check on a docs folder; a fixture folder may carry its own checks.yml sections."""
    own = docs / "checks.yml"
    if config is None:
        config = {**CONFIG, **(yaml.safe_load(own.read_text(encoding="utf-8")) if own.exists() else {})}
    context = runner.Context(root=docs.parent, docs_dir=docs, config=config, today=DAY)
    return runner.run_check(registry.by_name()[check_name], context).findings


def _cases(prefix: str) -> list:
    return [pytest.param(check, path, id=f"{check}/{path.name}") for check in SOURCE_CHECKS for path in fixtures(check, prefix)]


@pytest.mark.parametrize("check,path", _cases("bad-"))
def test_bad_fixture_fails_with_its_message(check: str, path: Path, tmp_path: Path) -> None:
    found = run_on(check, docs_with(path, tmp_path))
    wanted = expectations(path)
    assert wanted, f"{path} has no <!-- expect: … --> line"
    for severity, text in wanted:
        lines = [f.format() for f in found if f.severity == severity]
        assert any(text in line for line in lines), f"expected {severity} '{text}' in {[f.format() for f in found]}"
    for finding in found:
        line = finding.format()
        assert line.startswith("docs/"), line
        assert " — " in line and "\n" not in line, f"a finding is one line with a fix: {line}"


@pytest.mark.parametrize("check,path", _cases("good-"))
def test_good_fixture_passes(check: str, path: Path, tmp_path: Path) -> None:
    found = run_on(check, docs_with(path, tmp_path))
    assert [f.format() for f in found if f.severity == "error"] == []
    warnings = [f.format() for f in found if f.severity != "error"]
    expected = [text for severity, text in expectations(path) if severity == "warning"]
    assert all(any(text in w for w in warnings) for text in expected), warnings
    assert len(warnings) == len(expected), warnings


# --- the runner and the command line -------------------------------------------------------------

def test_runner_prints_every_finding_a_summary_and_fails_on_an_error(tmp_path: Path) -> None:
    docs = docs_with(FIXTURES / "terminology" / "bad-deprecated-term.sv.md", tmp_path)
    out = io.StringIO()
    status = runner.run(["terminology", "statutes"], context=runner.Context(root=tmp_path, docs_dir=docs,
                                                                             config=CONFIG, today=DAY), out=out)
    text = out.getvalue()
    assert status == 1
    assert "docs/bad-deprecated-term.sv.md:21: terminology: 'kvarskrivning' is a deprecated term" in text
    assert text.splitlines()[-1].startswith("check: 2 checks, 1 error(s), 0 warning(s) in ")
    assert text.splitlines()[-1].endswith("FAILED (terminology)")


def test_runner_passes_when_only_warnings(tmp_path: Path) -> None:
    docs = docs_with(FIXTURES / "review" / "good-review-overdue-within-grace.sv.md", tmp_path)
    out = io.StringIO()
    status = runner.run(["review"], context=runner.Context(root=tmp_path, docs_dir=docs, config=CONFIG, today=DAY), out=out)
    assert status == 0
    assert "warning: docs/good-review-overdue-within-grace.sv.md:" in out.getvalue()
    assert out.getvalue().splitlines()[-1].endswith("— passed")


def test_runner_rejects_an_unknown_check(capsys: pytest.CaptureFixture[str]) -> None:
    assert runner.run(["no-such-check"]) == 2
    assert "unknown check(s): no-such-check" in capsys.readouterr().err


def test_fast_selection_leaves_out_the_checks_on_built_html() -> None:
    fast = runner.select([], fast=True)
    assert [c.name for c in fast] and all(not c.site for c in fast)
    assert {"links"} <= {c.name for c in runner.select([])} - {c.name for c in fast}


def test_registry_modules_exist_and_have_run() -> None:
    import importlib
    for check in registry.CHECKS:
        assert callable(getattr(importlib.import_module(check.module), "run")), check.module


def test_build_output_becomes_findings_with_the_line_of_the_link(tmp_path: Path) -> None:
    (tmp_path / "typfall").mkdir()
    (tmp_path / "typfall" / "resan.sv.md").write_text("---\nid: x\n---\n\nSe [sidan](../saknas.md).\n", encoding="utf-8")
    output = ("WARNING -  Doc file 'typfall/resan.sv.md' contains a link '../saknas.md', but the target "
              "'saknas.md' is not found among documentation files.\n")
    assert [f.line for f in runner.build_findings(output, docs_dir=tmp_path)] == [5]


def test_build_output_becomes_findings() -> None:
    output = ("INFO    -  Building documentation...\n"
              "WARNING -  Doc file 'typfall/resan.sv.md' contains a link '../saknas.md', but the target "
              "'saknas.md' is not found among documentation files.\n"
              "ERROR   -  docs/typfall/resan.sv.md:14: review.next_review: '2025-13-01' is not a date — write the date\n")
    found = runner.build_findings(output)
    assert found[0].path == "docs/typfall/resan.sv.md" and found[0].line is None and "saknas.md" in found[0].message
    assert found[1].format() == "docs/typfall/resan.sv.md:14: review.next_review: '2025-13-01' is not a date — write the date"


def test_command_line_lists_the_checks() -> None:
    result = subprocess.run([sys.executable, "-m", "portal", "check", "--list"], cwd=ROOT, capture_output=True,
                            text=True, env={"PYTHONPATH": str(ROOT / "hooks"), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0
    names = [line.split()[0] for line in result.stdout.splitlines()]
    assert names[:3] == ["frontmatter", "review", "translations"] and "links" in names


# --- the shipped content -------------------------------------------------------------------------

def test_shipped_content_passes_every_check_that_needs_no_build() -> None:
    context = runner.Context(config=runner.load_config(), today=DAY)
    problems = [f.format() for check in runner.select([], fast=True)
                for f in runner.run_check(check, context).findings if f.severity == "error"]
    assert problems == []


def test_shipped_site_has_no_broken_internal_links(real_site: Path) -> None:
    assert [f.format() for f in links.run(real_site, ROOT / "docs", {}, ROOT)] == []


def test_shipped_preview_has_no_broken_internal_links(real_preview: Path) -> None:
    """The preview adds drafts and the quality report, with its link to report.json."""
    assert [f.format() for f in links.run(real_preview, ROOT / "docs", {}, ROOT)] == []


# --- links in built HTML -------------------------------------------------------------------------

@pytest.mark.parametrize("path", fixtures("links", "bad-"), ids=lambda p: p.name)
def test_links_bad_site_fails_with_its_message(path: Path, tmp_path: Path) -> None:
    found = links.run(path, tmp_path, {}, tmp_path)
    lines = [f.format() for f in found]
    for _, text in expectations(path):
        assert any(text in line for line in lines), f"expected '{text}' in {lines}"
    assert all(f.severity == "error" and " — " in f.format() for f in found)


def test_links_good_site_passes(tmp_path: Path) -> None:
    assert links.run(FIXTURES / "links" / "good-links", tmp_path, {}, tmp_path) == []


def test_link_finding_names_the_markdown_source_and_line(tmp_path: Path) -> None:
    site, docs = tmp_path / "site", tmp_path / "docs"
    shutil.copytree(FIXTURES / "links" / "bad-missing-page", site)
    docs.mkdir()
    (docs / "index.sv.md").write_text("---\nid: x\n---\n\nLäs [En sida som saknas](saknas.md).\n", encoding="utf-8")
    found = links.run(site, docs, {}, tmp_path)
    assert [f.path for f in found] == ["docs/index.sv.md"]
    assert found[0].line == 5


# --- external links ------------------------------------------------------------------------------

class _Handler(http.server.BaseHTTPRequestHandler):
    asked: list[str] = []

    def _answer(self) -> None:
        _Handler.asked.append(self.path)
        if self.path in ("/finns", "/finns-ocksa"):
            self.send_response(200)
        elif self.path == "/flyttad":
            self.send_response(301)
            self.send_header("Location", "/ny-plats")
        elif self.path == "/bara-get":
            self.send_response(405 if self.command == "HEAD" else 200)
        else:
            self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = do_GET = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def local_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Handler.asked = []
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _links_to_local_server(local_server: str, tmp_path: Path) -> tuple[corpus.Corpus, dict]:
    """A one-page corpus linking to the local test server, and the checks configuration for it."""
    docs = tmp_path / "docs"
    docs.mkdir()
    page = (FIXTURES / "external-links" / "links-to-local-server.sv.md").read_text(encoding="utf-8")
    (docs / "lankar.sv.md").write_text(page.replace("{BASE}", local_server), encoding="utf-8")
    config = yaml.safe_load((FIXTURES / "checks.yml").read_text(encoding="utf-8").replace("{BASE}", local_server))
    return corpus.load(docs, tmp_path), config


def test_external_links_reports_dead_and_redirected_links_and_keeps_a_dated_cache(local_server: str, tmp_path: Path) -> None:
    loaded, config = _links_to_local_server(local_server, tmp_path)
    urls = external_links.collect(loaded, tmp_path / "no-registry.yml")
    assert sorted(urls) == sorted(f"{local_server}/{p}" for p in ("finns", "saknas", "finns-ocksa", "flyttad", "ignorerad/dokument"))
    cache = tmp_path / "external-links-cache.json"
    findings, stats = external_links.check(urls, config, DAY, cache)
    lines = sorted(f.format() for f in findings)
    assert lines == [
        f"docs/lankar.sv.md:20: external-links: {local_server}/saknas answers 404 — find the document's new address, "
        "link an archived copy, or remove the link; if the site only blocks robots, list the URL under "
        "external_links.ignore in data/checks.yml with the reason",
        f"docs/lankar.sv.md:22: external-links: {local_server}/flyttad redirects (301) to {local_server}/ny-plats — "
        "link " + f"{local_server}/ny-plats directly, if it is the same document",
    ]
    assert [f.severity for f in sorted(findings, key=lambda f: f.message)] == ["warning", "error"]
    assert f"{local_server.split('//')[1]}" and "/ignorerad/dokument" not in _Handler.asked
    data = json.loads(cache.read_text(encoding="utf-8"))
    assert data["checked"] == TODAY
    assert data["links"][f"{local_server}/finns"] == {"checked": TODAY, "status": 200, "location": None, "error": None}
    assert data["links"][f"{local_server}/flyttad"]["location"] == f"{local_server}/ny-plats"
    assert stats["asked"] == 4 and stats["ignored"] == 1

    # A second run within max_age_days answers from the cache and asks nothing.
    _Handler.asked = []
    again, stats = external_links.check(urls, config, DAY, cache)
    assert sorted(f.format() for f in again) == lines and _Handler.asked == [] and stats["cached"] == 4
    # After max_age_days every URL is asked again.
    later, stats = external_links.check(urls, config, DAY + datetime.timedelta(days=8), cache)
    assert stats["asked"] == 4 and len(_Handler.asked) >= 4


def test_external_links_asks_with_get_when_head_is_refused(local_server: str) -> None:
    assert external_links.ask(f"{local_server}/bara-get").kind == "ok"
    assert external_links.ask("http://127.0.0.1:9/").kind == "dead"


def test_external_links_command_exit_status(local_server: str, tmp_path: Path) -> None:
    loaded, config = _links_to_local_server(local_server, tmp_path)
    out = io.StringIO()
    assert external_links.main(loaded, config, DAY, tmp_path / "cache.json", out=out,
                               registry_path=tmp_path / "no-registry.yml") == 1
    assert "1 dead, 1 redirected" in out.getvalue().splitlines()[-1]


# --- statute registry ----------------------------------------------------------------------------

def test_statute_registry_is_complete_and_canonical() -> None:
    registry_entries, problems = statutes.load_registry()
    assert problems == []
    assert "SFS 1962:700" in registry_entries and registry_entries["SFS 2022:310"].amends == "SFS 1962:700"


def test_statute_registry_problems_are_reported(tmp_path: Path) -> None:
    bad = tmp_path / "statutes.yml"
    bad.write_text("statutes:\n"
                   "  - reference: SFS 1962-700\n    sv: Brottsbalk\n    en: Criminal Code\n    url: https://lagen.nu/1962:700\n"
                   "  - reference: SFS 2022:310\n    sv: Lag\n    en: Act\n    url: http://example.org/x\n    amends: SFS 1999:1\n"
                   "  - reference: SFS 2009:400\n    sv: OSL\n", encoding="utf-8")
    _, problems = statutes.load_registry(bad, "statutes.yml")
    messages = [p.format() for p in problems]
    assert any("'SFS 1962-700' is not in canonical form" in m for m in messages)
    assert any("'http://example.org/x' is not an https URL on an official host" in m for m in messages)
    assert any("missing en, url" in m for m in messages)
    assert any("amends SFS 1999:1, which is not in the registry" in m for m in messages)


def test_statute_registry_date_problems_are_reported_one_line_each(tmp_path: Path) -> None:
    bad = tmp_path / "statutes.yml"
    entry = "  - reference: {ref}\n    sv: Lag ({n})\n    en: Act ({n})\n    url: https://lagen.nu/{n}\n"
    bad.write_text("statutes:\n"
                   + entry.format(ref="SFS 2001:1", n="2001:1") + "    in_force: 2002-01-01\n    repealed: true\n"
                   + entry.format(ref="SFS 2001:2", n="2001:2") + "    in_force: 2002-13-01\n    repealed: 2001-01-01\n"
                   + entry.format(ref="SFS 2001:3", n="2001:3") + "    in_force: 2002-01-01\n    replaced_by: SFS 2001:9\n"
                   + entry.format(ref="SFS 2001:4", n="2001:4")
                   + entry.format(ref="SFS 2001:5", n="2001:5") + "    in_force: 2002-01-01\n    repeal: 2003-01-01\n"
                   + entry.format(ref="SFS 2001:6", n="2001:6") + "    in_force: 2002-01-01\n    repealed: 2010-01-01\n"
                   "    replaced_by: SFS 2001:7\n"
                   + entry.format(ref="SFS 2001:7", n="2001:7") + "    in_force: 2011-01-01\n"
                   + entry.format(ref="SFS 2001:8", n="2001:8") + "    in_force: 2002-01-01\n    repealed: 2010-01-01\n"
                   "    replaced_by: SFS 2001:99\n", encoding="utf-8")
    _, problems = statutes.load_registry(bad, "statutes.yml")
    messages = [p.format() for p in problems]
    expected = [
        ("statutes.yml:2: statutes[1].repealed: true is not a date — write the day it stopped applying as YYYY-MM-DD", "error"),
        ("statutes[2].in_force: '2002-13-01' is not a date", "error"),
        ("statutes[3].replaced_by: SFS 2001:3 is replaced by SFS 2001:9 but has no repealed date — add repealed", "error"),
        ("statutes[4].in_force: SFS 2001:4 has no in_force and no note — add in_force: YYYY-MM-DD", "error"),
        ("statutes[5].repeal: unknown field 'repeal'", "error"),
        ("SFS 2001:6 stopped applying 2010-01-01 but SFS 2001:7 came into force only 2011-01-01", "warning"),
        ("SFS 2001:8 is replaced by SFS 2001:99, which is not in the registry — add SFS 2001:99", "error"),
    ]
    for text, severity in expected:
        assert any(text in p.format() and p.severity == severity for p in problems), (text, messages)
    assert all("\n" not in m and " — " in m for m in messages)
    broken = tmp_path / "broken.yml"
    broken.write_text("statutes:\n  - reference: SFS 1:1\n    sv: &a x\n", encoding="utf-8")
    [problem] = statutes.load_registry(broken, "broken.yml")[1]
    assert "anchor" in problem.format()


# --- readability ---------------------------------------------------------------------------------

def test_lix_is_words_per_sentence_plus_percentage_of_long_words() -> None:
    # 10 words, 2 sentences, 2 words longer than six letters: 10/2 + 100*2/10 = 25.
    assert readability.lix("Barnet kom inte hem. Skolan ringde socialtjänsten samma eftermiddag igen.") == 25.0
    # "4 kap. 4 e §" and "prop. 2019/20:131" do not end sentences.
    assert readability.score(["Det står i 4 kap. 4 e § brottsbalken enligt prop. 2019/20:131 sedan 2020."]).sentences == 1


# --- abbreviations in the build ------------------------------------------------------------------

def test_glossary_abbreviations_are_defined_for_the_abbr_extension() -> None:
    text = glossary_abbreviations.append_definitions("Utreseförbud enligt LVU och prop. 2019/20:131.", "sv")
    assert "*[LVU]: lagen (1990:52) med särskilda bestämmelser om vård av unga" in text
    assert "*[prop]: proposition" in text
    assert "*[FN]" not in text  # only abbreviations the page uses
    own = glossary_abbreviations.append_definitions("LVU\n\n*[LVU]: egen förklaring\n", "sv")
    assert own.count("*[LVU]") == 1


def test_built_pages_explain_abbreviations(real_site: Path) -> None:
    page = (real_site / "typfall" / "sommarresan" / "index.html").read_text(encoding="utf-8")
    # the first use takes focus (its explanation shows on focus), later uses keep the title only
    assert '<abbr title="lagen (1990:52) med särskilda bestämmelser om vård av unga" tabindex="0">LVU</abbr>' in page
    english = (real_site / "en" / "typfall" / "sommarresan" / "index.html").read_text(encoding="utf-8")
    assert '<abbr title="Care of Young Persons (Special Provisions) Act" tabindex="0">LVU</abbr>' in english


# --- quality report ------------------------------------------------------------------------------

def test_quality_report_lists_drafts_overdue_untranslated_and_lix(fixture_preview: Path) -> None:
    data = json.loads((fixture_preview / "kvalitet" / "report.json").read_text(encoding="utf-8"))
    assert data["generated"] == TODAY
    assert "docs/utkast.sv.md" in [d["path"] for d in data["drafts"]] or "tests/fixtures/site/docs/utkast.sv.md" in \
        [d["path"] for d in data["drafts"]]
    assert [o["base"] for o in data["overdue"]] == ["forsenad"]
    assert [(u["base"], u["reason"]) for u in data["untranslated"]] == [("endast-svenska", "Fixture: a page only in Swedish.")]
    assert [m["base"] for m in data["missing_translations"]] == ["forsenad", "utkast"]
    assert {r["lang"] for r in data["readability"]} == {"sv", "en"} and all("lix" in r for r in data["readability"])
    assert {c["name"] for c in data["checks"]} == {c.name for c in registry.CHECKS if c.fast}
    swedish = (fixture_preview / "kvalitet" / "index.html").read_text(encoding="utf-8")
    english = (fixture_preview / "en" / "kvalitet" / "index.html").read_text(encoding="utf-8")
    assert "Kvalitetsrapport" in swedish and "Försenad granskning" in swedish and "Läsbarhet (LIX)" in swedish
    assert "Quality report" in english and "Overdue reviews" in english and 'href="../../kvalitet/report.json"' in english
    # One report.json, stylesheet and script, at /kvalitet/, which both languages' report pages link to.
    assert all((fixture_preview / "kvalitet" / name).is_file() for name in ("report.json", "report.css", "report.js"))
    assert '<link rel="stylesheet" href="../../kvalitet/report.css">' in english and "en/kvalitet/report" not in english


def test_production_build_has_no_quality_report(fixture_site: Path) -> None:
    assert not (fixture_site / "kvalitet").exists() and not (fixture_site / "en" / "kvalitet").exists()


def test_quality_report_renders_every_section_in_both_languages() -> None:
    loaded = corpus.load(ROOT / "tests" / "fixtures" / "site" / "docs", ROOT)
    data = quality_report.collect(loaded, CONFIG, DAY, ROOT, ROOT / "tests" / "fixtures" / "site" / "docs")
    for lang, headings in (("sv", ["Utkast", "Försenad granskning", "Inte översatta", "Inaktuella översättningar",
                                    "Läsbarhet (LIX)", "Öppna fynd"]),
                           ("en", ["Drafts", "Overdue reviews", "Not translated", "Out-of-date translations",
                                   "Readability (LIX)", "Open findings"])):
        page = quality_report.render(quality_report.PAGE_PATH, quality_report.sections(data)[quality_report.PAGE_PATH], lang)
        assert all(re.search(rf"^## {re.escape(h)}", page, re.M) for h in headings), page[:500]
    json.dumps(data)  # JSON-serialisable


def test_quality_report_cells_show_braces_and_markup_as_text() -> None:
    import markdown   # the report page is Markdown: a finding quoting `{of: reforms}` is no attribute list
    cell = "no <b>markup</b> | here; create it with listing: {of: reforms}"
    page = markdown.markdown(quality_report._html_table([[("What", quality_report._text(cell), None)]], "None."), extensions=["tables", "attr_list"])
    assert "{of: reforms}" in html.unescape(re.sub(r"<[^>]+>", "", page)) and "<b>" not in page


def test_a_check_that_crashes_is_one_error_and_the_others_still_run(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    import types
    module = types.ModuleType("portal_test_broken_check")

    def run(corpus):  # noqa: ANN001, ANN202 - a check with a bug
        raise KeyError("boom")

    module.run = run  # type: ignore[attr-defined]
    sys.modules[module.__name__] = module
    try:
        result = runner.run_check(registry.Check("broken", module.__name__, "a broken check"),
                                  runner.Context(root=tmp_path, docs_dir=docs_with(FIXTURES / "review" / "good-review-current.sv.md", tmp_path)))
    finally:
        del sys.modules[module.__name__]
    assert result.errors == 1 and "the check stopped with KeyError: 'boom'" in result.findings[0].format()
    assert "Traceback" in capsys.readouterr().err


def test_prose_keeps_the_text_and_drops_markup_code_and_urls(tmp_path: Path) -> None:
    from portal.content import frontmatter, prose
    text = ("---\ntitle: \"Titeln\"\ndescription: \"Beskrivningen\"\nkeywords: [nyckelord]\n---\n\n"
            "## Rubrik {#id}\n\nEtt *stycke* med [en länk](https://exempel.se/xqzt \"titel\") och `kod`.\n\n"
            "```\nkodblock\n```\n\n- en punkt <!-- ignore-check: spelling -->\n\n| a | b |\n| --- | --- |\n| cell | **fet** |\n\n"
            "*[ABC]: en förkortning\n")
    doc, _ = frontmatter.parse(text, "docs/x.sv.md", "x.sv.md")
    lines = prose.lines(doc)
    assert [(l.kind, l.text) for l in lines] == [
        ("title", "Titeln"), ("description", "Beskrivningen"), ("heading", "Rubrik"),
        ("paragraph", "Ett stycke med en länk och ."), ("list", "en punkt"), ("table", "a ; b"), ("table", "cell ; fet")]
    assert lines[4].ignore == frozenset({"spelling"}) and lines[3].number == 9


def test_a_misspelled_word_is_named_on_every_page_it_is_on_in_the_order_of_the_pages(tmp_path: Path) -> None:
    """Each page with the word gets its own finding at the line the word first occurs on there; words
    first met on the same line keep their order (the report sorts by page and line only)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (tmp_path / "data").mkdir()
    fixture = (FIXTURES / "spelling" / "good-correct-prose.sv.md").read_text(encoding="utf-8")
    front = fixture[:fixture.index("\n---\n", 4) + 5]
    page = front.replace("id: fixture", "id: sida-{n}") + "\n# Sida {n}\n\n{lines}\n"
    (docs / "a.sv.md").write_text(page.format(n=1, lines="Det här är rätt.\n\nHär står qwxzv och zzqyx, "
                                              "bbqvx, ccqvx, ddqvx och eeqvx."), encoding="utf-8")
    (docs / "b.sv.md").write_text(page.format(n=2, lines="Först en rad.\n\nSedan en till.\n\nOch qwxzv här."), encoding="utf-8")
    (docs / "c.sv.md").write_text(page.format(n=3, lines="Allt är rätt stavat här."), encoding="utf-8")
    found = [(f.path, f.line, f.message.split("'")[1]) for f in run_on("spelling", docs)]
    def line(name: str, text: str) -> int:
        return (docs / name).read_text(encoding="utf-8").splitlines().index(text) + 1

    a, b = line("a.sv.md", "Här står qwxzv och zzqyx, bbqvx, ccqvx, ddqvx och eeqvx."), line("b.sv.md", "Och qwxzv här.")
    # Six words first met on one line: their order must not depend on how a set happens to hash them.
    assert found == [("docs/a.sv.md", a, "qwxzv"), ("docs/b.sv.md", b, "qwxzv")] + \
        [("docs/a.sv.md", a, word) for word in ("zzqyx", "bbqvx", "ccqvx", "ddqvx", "eeqvx")]
