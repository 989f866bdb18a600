"""The quality report as editors read it: in the page's language, sortable, readable on a phone, and as
a pull request's job summary."""
from __future__ import annotations

import datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, strategies as st
from playwright.sync_api import expect

from conftest import ARTIFACTS, FIXTURE_SITE, ROOT, TODAY, serve
from portal.checks import quality_report, runner
from portal.content import corpus
from portal.content.vocabulary import vocabularies

ENGLISH_WORDS = {"draft", "in_review", "approved", "legal", "typology", "guidance", "joint-guidance", "very difficult",
                 "difficult", "medium", "easy", "warning", "error", "sv", "en"}


def report() -> dict:
    config = runner.load_config(FIXTURE_SITE.parent / "data" / "checks.yml")
    return quality_report.collect(corpus.load(FIXTURE_SITE, ROOT), config, datetime.date.fromisoformat(TODAY),
                                  ROOT, FIXTURE_SITE)


def rendered(data: dict, lang: str) -> str:
    """Every report page in `lang`, one after the other, with its tables in place."""
    return "\n".join(quality_report.render(path, part, lang) for path, part in quality_report.sections(data).items())


def built_report(site: Path, lang: str) -> str:
    """Every built report page in `lang`: /kvalitet/ and the pages below it."""
    folder = site / ("kvalitet" if lang == "sv" else "en/kvalitet")
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted(folder.rglob("index.html")))


class Cells(HTMLParser):
    """Every table cell of the report: (its data-label, the header of its column, its text outside lang=en)."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[dict] = []
        self.headers: list[str] = []
        self.column = -1
        self.where: str | None = None
        self.english = 0
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        self.stack.append(attributes.get("lang", ""))
        if tag == "table":
            self.headers = []
        elif tag == "tr":
            self.column = -1
        elif tag == "th":
            self.where = "th"
            self.headers.append("")
        elif tag == "td":
            self.column += 1
            self.where = "td"
            self.cells.append({"label": attributes.get("data-label"), "column": self.column, "text": "",
                               "header": self.headers[self.column] if self.column < len(self.headers) else None})

    def handle_endtag(self, tag: str) -> None:
        if self.stack:
            self.stack.pop()
        if tag in ("td", "th"):
            self.where = None

    def handle_data(self, data: str) -> None:
        if self.where == "th":
            self.headers[-1] += data.strip()
        elif self.where == "td" and "en" not in self.stack:
            self.cells[-1]["text"] += data


def cells(html: str) -> list[dict]:
    parser = Cells()
    parser.feed(html)
    return parser.cells


@pytest.fixture(scope="module")
def swedish_page(fixture_preview: Path) -> str:
    return built_report(fixture_preview, "sv")


def test_the_swedish_report_labels_everything_it_controls_in_swedish(swedish_page: str) -> None:
    found = cells(swedish_page)
    assert found, "the report has tables"
    english = sorted({c["text"].strip() for c in found} & ENGLISH_WORDS)
    assert not english, f"English words on the Swedish report: {english}"
    texts = {c["text"].strip() for c in found}
    assert {"Utkast", "svenska", "Typfall"} <= texts or {"Utkast", "svenska"} <= texts


def test_finding_texts_are_marked_as_english_on_the_swedish_page() -> None:
    data = report()
    data["findings"] = [{"check": "readability", "path": "docs/x.sv.md", "line": 3, "field": "readability",
                         "message": "LIX 61 is above 50 (very difficult)", "fix": "shorten sentences", "severity": "warning"}]
    page = rendered(data, "sv")
    assert '<span lang="en">LIX 61 is above 50 (very difficult)</span>' in page
    assert "Läsbarhet (<code>readability</code>)" in page and ">varning<" in page
    assert "Kontrollerna skriver sina fynd på engelska" in page
    assert 'lang="en"' not in rendered(data, "en")


def test_every_cell_names_its_column(swedish_page: str, fixture_preview: Path) -> None:
    for page in (swedish_page, built_report(fixture_preview, "en")):
        for cell in cells(page):
            assert cell["label"] == cell["header"], cell


def test_values_are_escaped() -> None:
    data = report()
    data["drafts"] = [{"path": "docs/a.sv.md", "base": "a", "lang": "sv", "title": "<b>Fet</b> & \"x\"", "type": "page",
                       "status": "draft"}]
    page = rendered(data, "sv")
    assert "&lt;b&gt;Fet&lt;/b&gt; &amp; &quot;x&quot;" in page and "<b>Fet</b>" not in page


def test_every_check_in_the_report_has_a_swedish_name() -> None:
    from portal.checks import registry
    assert {check.name for check in registry.CHECKS if check.fast} <= set(quality_report.LABELS["sv"]["checks"])


def test_every_review_status_and_type_has_both_labels() -> None:
    from portal.content.datafiles import load_schema
    statuses = load_schema()["properties"]["review"]["properties"]["status"]["enum"]
    assert list(vocabularies()["review_statuses"]) == statuses
    for lang in ("sv", "en"):
        assert all(vocabularies()["review_statuses"][s][lang] for s in statuses)
        assert set(quality_report.LABELS[lang]["languages"]) == {"sv", "en"}


def test_the_job_summary_is_markdown_in_swedish() -> None:
    data = report()
    data["findings"].append({"check": "spelling", "path": "docs/a|b.sv.md", "line": 2, "field": "", "message": "x | y",
                             "fix": "z", "severity": "error"})
    text = quality_report.summary(data, "sv")
    assert text.startswith("## Kvalitetsrapport\n\nHela portalen med ändringarna")
    assert "| Stavning | fel | `docs/a\\|b.sv.md:2` | x \\| y | z |" in text
    assert "### Läsbarhet (LIX): över gränsen" in text and "### Översättning" in text
    assert "Saknar översättning" in text   # the fixture has Swedish pages without English
    assert "<details><summary>Läsbarhet (LIX): sidor (" in text and "</details>" in text


def test_the_summary_command_prints_markdown(capsys: pytest.CaptureFixture[str], monkeypatch) -> None:
    monkeypatch.setenv("PORTAL_TODAY", TODAY)
    assert quality_report.main(["--summary", "--docs", str(FIXTURE_SITE)]) == 0
    assert capsys.readouterr().out.startswith("## Kvalitetsrapport\n")
    assert quality_report.main(["--docs", "/nonexistent/docs"]) == 2
    err = capsys.readouterr().err
    assert "no such folder of pages" in err and "Traceback" not in err


def test_the_production_report_assets_are_only_in_previews(fixture_site: Path, fixture_preview: Path) -> None:
    assert (fixture_preview / "kvalitet" / "report.js").exists() and (fixture_preview / "kvalitet" / "report.css").exists()
    assert not (fixture_site / "kvalitet").exists()
    other = (fixture_preview / "typfall" / "resan" / "index.html").read_text(encoding="utf-8")
    assert "report.js" not in other and "report.css" not in other


@pytest.fixture(scope="module")
def preview_server(fixture_preview: Path):
    url, server = serve(fixture_preview)
    yield url
    server.shutdown()


@pytest.mark.parametrize("lang, address", [("sv", "/kvalitet/"), ("en", "/en/kvalitet/"), ("en", "/en/kvalitet/lasbarhet/")])
def test_the_report_on_a_phone_has_no_sideways_scrolling(browser, preview_server: str, lang: str, address: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(preview_server + address, wait_until="networkidle")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the report is {width} px wide on a 390 px phone"
    card = page.locator("table.portal-report tbody tr").nth(1)
    assert card.evaluate("row => getComputedStyle(row).display") == "block"
    label = page.locator("table.portal-report td[data-label]").nth(2)
    before = label.evaluate("cell => getComputedStyle(cell, '::before').content")
    assert before.strip('"').endswith(": "), before
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"quality-report-{address.strip('/').replace('/', '-')}-390.png"))
    context.close()


def _column(page, table, index: int) -> list[str]:
    return table.locator("tbody tr").evaluate_all(
        f"rows => rows.map(r => r.cells[{index}].getAttribute('data-sort') || r.cells[{index}].textContent.trim())")


def test_columns_sort_by_button_on_a_computer_and_by_list_on_a_phone(browser, preview_server: str) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(preview_server + "/kvalitet/lasbarhet/", wait_until="networkidle")
    table = page.locator("table.portal-report").first
    header = table.locator("th").nth(3)             # LIX
    header.get_by_role("button").click()
    expect(header).to_have_attribute("aria-sort", "ascending")
    values = [float(v) for v in _column(page, table, 3)]
    assert values == sorted(values)
    header.get_by_role("button").click()
    expect(header).to_have_attribute("aria-sort", "descending")
    assert [float(v) for v in _column(page, table, 3)] == sorted(values, reverse=True)
    page.set_viewport_size({"width": 390, "height": 844})
    chooser = page.get_by_label("Sortera efter").first
    expect(chooser).to_be_visible()
    chooser.select_option(label="Sida (stigande)")
    titles = _column(page, table, 0)
    assert titles == sorted(titles, key=str.casefold)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1366, "height": 900})
    table.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "quality-report-sv-1366.png"))
    context.close()


def test_each_long_list_has_its_own_page_and_every_report_link_leads_to_a_built_page(fixture_preview: Path) -> None:
    from selectolax.lexbor import LexborHTMLParser
    from urllib.parse import urljoin, urlsplit
    for lang, root in (("sv", "/"), ("en", "/en/")):
        folder = fixture_preview / root.strip("/") / "kvalitet"
        found = {path.parent.relative_to(folder).as_posix() for path in folder.rglob("index.html")}
        assert {".", "lasbarhet", "granskning"} <= found and any(p.startswith("fynd/") for p in found), found
        index = LexborHTMLParser((folder / "index.html").read_text(encoding="utf-8"))
        links = {urljoin(root + "kvalitet/", a.attributes.get("href") or "") for a in index.css("article a[href]")}
        below = {link.removeprefix(root + "kvalitet/") for link in links}
        assert {"lasbarhet/", "granskning/"} <= below and any(h.startswith("fynd/") for h in below), links
        for path in folder.rglob("index.html"):
            page_url = root + path.parent.relative_to(fixture_preview / root.strip("/")).as_posix() + "/"
            for a in LexborHTMLParser(path.read_text(encoding="utf-8")).css("article a[href]"):
                target = urlsplit(urljoin(page_url, a.attributes["href"] or "")).path
                if target.startswith("/") and not urlsplit(a.attributes["href"] or "").scheme:
                    built = fixture_preview / target.lstrip("/")
                    assert (built / "index.html").exists() or built.is_file(), f"{page_url}: {a.attributes['href']}"


def test_a_report_page_is_made_again_only_when_its_part_of_the_report_changes() -> None:
    data = report()
    first = quality_report.pages(data, "sv")
    again = quality_report.pages(report(), "sv")
    assert all(again[path][0] is first[path][0] for path in first)   # nothing changed: nothing made again
    changed = report()
    changed["readability"][0] = {**changed["readability"][0], "lix": 99.0}
    after = quality_report.pages(changed, "sv")
    remade = {path for path in first if after[path][0] is not first[path][0]}
    assert remade == {quality_report.READABILITY_PATH}, remade
    assert "99" in "".join(after[quality_report.READABILITY_PATH][1])
    other = quality_report.pages(changed, "en")
    assert other[quality_report.READABILITY_PATH][0] is not after[quality_report.READABILITY_PATH][0]


@given(st.text(max_size=40))
def test_any_check_name_gets_a_page_address_of_plain_letters(name: str) -> None:
    import re
    assert re.fullmatch(r"kvalitet/fynd/[a-z0-9]+(?:-[a-z0-9]+)*|kvalitet/fynd/check", quality_report.findings_path(name))


def test_checks_whose_names_read_alike_get_pages_of_their_own() -> None:
    data = report()
    data["checks"] = [{"name": name, "errors": 1, "warnings": 0, "note": ""} for name in ("a_b", "a-b", "A B")]
    data["findings"] = [{"check": name, "path": f"docs/{n}.sv.md", "line": 1, "field": "", "message": f"m{n}",
                         "fix": "f", "severity": "error"} for n, name in enumerate(("a_b", "a-b", "A B"))]
    parts = quality_report.sections(data)
    at = parts[quality_report.PAGE_PATH]["at"]
    assert len(set(at.values())) == 3 and all(parts[path]["check"] == check for check, path in at.items())
    index = quality_report.render(quality_report.PAGE_PATH, parts[quality_report.PAGE_PATH], "sv")
    assert all(f'href="../{quality_report.url_of(path)}"' in index for path in at.values())


def _split_report(monkeypatch, rows: int = 3) -> tuple[dict, dict]:
    """The fixture's report with long lists split (SPLIT_ROWS lowered so the small fixture splits)."""
    monkeypatch.setattr(quality_report, "SPLIT_ROWS", rows)
    data = report()
    return data, quality_report.sections(data)


def test_a_long_list_is_split_by_section_and_language_and_every_row_is_on_one_page(monkeypatch) -> None:
    data, parts = _split_report(monkeypatch)
    for list_path, kind in ((quality_report.READABILITY_PATH, "readability"), (quality_report.REVIEWS_PATH, "reviews")):
        groups = parts[list_path]["groups"]
        assert parts[list_path]["rows"] == len(data[kind]) > 3
        pages = [parts[g["path"]] for g in groups]
        shown = [row for page in pages for row in page[kind]]
        assert sorted(map(repr, shown)) == sorted(map(repr, data[kind]))   # every row once
        assert all(page["list"] == list_path for page in pages)
        sections = {(g["section"], g["lang"]) for g in groups}
        # Every section and language of the site has its page, rows or not: the report's pages stay the same.
        assert {quality_report._Groups.of_page(r) for r in data["reviews"]} <= sections
        for page in pages:
            assert all(quality_report._Groups.of_page(row) == (page["section"], page["lang"]) for row in page[kind])


def test_findings_in_files_outside_docs_get_a_group_of_their_own(monkeypatch) -> None:
    monkeypatch.setattr(quality_report, "SPLIT_ROWS", 1)
    data = report()
    data["findings"] = [{"check": "terminology", "path": path, "line": 1, "field": "", "message": "m", "fix": "f",
                         "severity": "warning"} for path in ("data/glossary.yml", "mkdocs.yml", data["reviews"][0]["path"])]
    parts = quality_report.sections(data)
    at = parts[quality_report.PAGE_PATH]["at"]["terminology"]
    groups = {(g["section"], g["lang"]): g for g in parts[at]["groups"]}
    assert groups[(quality_report.OTHER_FILES, "")]["rows"] == 2
    assert groups[quality_report._Groups.of_page(data["reviews"][0])]["rows"] == 1
    for lang in ("sv", "en"):
        page = quality_report.render(groups[(quality_report.OTHER_FILES, "")]["path"], parts[groups[(quality_report.OTHER_FILES, "")]["path"]], lang)
        assert quality_report.LABELS[lang]["other_files"].split(" (")[0] in page and "mkdocs.yml" in page


def test_every_link_of_a_split_report_leads_to_one_of_its_pages(monkeypatch) -> None:
    from urllib.parse import urljoin, urlsplit
    from selectolax.lexbor import LexborHTMLParser
    data, parts = _split_report(monkeypatch)
    addresses = {"/" + quality_report.url_of(path) for path in parts} | {"/" + quality_report.JSON_PATH}
    assert len(addresses) > 20
    for path, part in parts.items():
        for lang in ("sv", "en"):
            page_url = "/" + quality_report.url_of(path)
            html = quality_report.render(path, part, lang)
            for a in LexborHTMLParser(html).css("a[href]"):
                target = urlsplit(urljoin(page_url, a.attributes["href"] or "")).path
                if target.startswith("/kvalitet/"):
                    assert target in addresses, f"{path} ({lang}): {a.attributes['href']} -> {target}"
            if "list" in part:   # a group's page leads back to its list and to the report
                hrefs = {urlsplit(urljoin(page_url, a.attributes["href"] or "")).path
                         for a in LexborHTMLParser(html).css("a[href]")}
                assert {"/" + quality_report.url_of(part["list"]), "/kvalitet/"} <= hrefs


def test_an_edit_remakes_only_its_own_groups_page_of_a_split_list(monkeypatch) -> None:
    data, parts = _split_report(monkeypatch)
    first = quality_report.pages(data, "sv")
    changed = report()
    row = changed["readability"][0]
    changed["readability"][0] = {**row, "lix": row["lix"] + 0.5}
    after = quality_report.pages(changed, "sv")
    remade = {path for path in first if after[path][0] is not first[path][0]}
    own = next(g["path"] for g in parts[quality_report.READABILITY_PATH]["groups"]
               if (g["section"], g["lang"]) == quality_report._Groups.of_page(row))
    assert remade == {own}, remade


@given(st.lists(st.tuples(st.text(max_size=12), st.sampled_from(["sv", "en", "", "xx"])), max_size=30))
def test_any_sections_get_distinct_plain_page_addresses(groups: list) -> None:
    import re
    rows = [{"base": f"{section}/p{n}" if section else f"p{n}", "lang": lang, "path": f"docs/{n}.md", "lix": 1.0,
             "above": False} for n, (section, lang) in enumerate(groups)]
    made = quality_report._list_pages("kvalitet/lasbarhet", {"kind": "readability", "generated": "x"}, rows * (quality_report.SPLIT_ROWS + 1),
                                      quality_report._Groups(rows))
    below = [path for path in made if path != "kvalitet/lasbarhet"]
    assert len(below) == len(set(below)) == len({quality_report._Groups.of_page(r) for r in rows} | {(quality_report.OTHER_FILES, "")}) \
        or not rows
    assert all(re.fullmatch(r"kvalitet/lasbarhet/[a-z0-9]+(?:-[a-z0-9]+)*", path) for path in below), below


def test_both_languages_split_one_report_once_and_a_new_report_again(monkeypatch) -> None:
    calls = []
    real = quality_report.sections
    monkeypatch.setattr(quality_report, "sections", lambda data: calls.append(1) or real(data))
    data = report()
    quality_report.pages(data, "sv")
    quality_report.pages(data, "en")
    assert len(calls) == 1
    changed = report()
    changed["readability"][0] = {**changed["readability"][0], "lix": 98.0}
    assert "98" in "".join(quality_report.pages(changed, "en")[quality_report.READABILITY_PATH][1])
    assert len(calls) == 2


@pytest.mark.parametrize("folder", ["[x](javascript:alert(1))", "a_b*c*", "<b>x", "{of: x}", "#h", "`c`", "a\\\\b"])
def test_a_folder_name_in_a_group_heading_is_shown_as_written_and_makes_no_link(folder: str) -> None:
    import markdown
    from selectolax.lexbor import LexborHTMLParser
    rows = [{"base": f"{folder}/p{n}", "lang": "sv", "path": f"docs/{folder}/p{n}.sv.md", "lix": 40.0, "above": False,
             "title": "T", "type": "guidance", "words": 1, "threshold": 45, "band": "x"} for n in range(quality_report.SPLIT_ROWS + 1)]
    made = quality_report._list_pages("kvalitet/lasbarhet", {"kind": "readability", "generated": "x"}, rows,
                                      quality_report._Groups(rows))
    path = next(p for p, part in made.items() if part.get("section") == folder)
    html = markdown.markdown(quality_report.render(path, made[path], "sv"), extensions=["attr_list", "md_in_html", "tables"])
    heading = LexborHTMLParser(html).css_first("h1")
    assert heading is not None and heading.css("a") == [] and heading.css("b") == []
    assert folder + "/" in heading.text(), heading.html


def test_a_finding_in_a_page_file_the_build_could_not_read_goes_to_its_section(monkeypatch) -> None:
    monkeypatch.setattr(quality_report, "SPLIT_ROWS", 1)
    data = report()
    page = next(r for r in data["reviews"] if "/" in r["base"])
    docs = page["path"][:-len(f"{page['base']}.{page['lang']}.md")]
    section = page["base"].split("/")[0]
    data["findings"] = [{"check": "frontmatter", "path": f"{docs}{section}/trasig.en.md", "line": 1, "field": "",
                         "message": "m", "fix": "f", "severity": "error"},
                        {"check": "frontmatter", "path": "data/ui.yml", "line": 1, "field": "", "message": "m", "fix": "f",
                         "severity": "error"}]
    parts = quality_report.sections(data)
    groups = {(g["section"], g["lang"]): g["rows"] for g in parts[parts[quality_report.PAGE_PATH]["at"]["frontmatter"]]["groups"]}
    assert groups[(section, "en")] == 1 and groups[(quality_report.OTHER_FILES, "")] == 1
    # Every split list has the group of files outside docs/, findings or not: the report's pages stay the same.
    assert (quality_report.OTHER_FILES, "") in {(g["section"], g["lang"]) for g in parts[quality_report.READABILITY_PATH]["groups"]}



def test_a_front_matter_value_changed_only_in_its_type_makes_its_report_page_again(tmp_path: Path) -> None:
    """Report pages are made again when their part of the report changes (==, which takes 1 and True as the
    same). A page whose front matter has such a value is left out of the report (the schema wants text), and
    the report gives every front matter value it shows as text, so no change can hide behind ==."""
    import re
    import shutil
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURE_SITE, docs)
    page = docs / "samverkan" / "kedjan.en.md"
    page.write_text(re.sub(r"reviewed_by: .*", "reviewed_by: 1", page.read_text(encoding="utf-8"), count=1),
                    encoding="utf-8")
    config = runner.load_config(FIXTURE_SITE.parent / "data" / "checks.yml")
    data = quality_report.collect(corpus.load(docs, ROOT), config, datetime.date.fromisoformat(TODAY), ROOT, docs)
    assert not any(row["path"].endswith("kedjan.en.md") for row in data["reviews"])
    assert any(f["path"].endswith("kedjan.en.md") and "must be text" in f["message"] for f in data["findings"])
    assert all(isinstance(row[key], (str, type(None))) for row in data["reviews"]
               for key in ("type", "status", "reviewed_by"))
    first, second = report(), report()
    first["reviews"][0] = {**first["reviews"][0], "reviewed_by": "1"}
    second["reviews"][0] = {**second["reviews"][0], "reviewed_by": "True"}
    path = next(p for p, part in quality_report.sections(first).items()
                if part.get("kind") == "reviews" and first["reviews"][0] in part.get("reviews", []))
    assert ">1<" in "".join(quality_report.pages(first, "sv")[path][1])
    assert ">True<" in "".join(quality_report.pages(second, "sv")[path][1])
