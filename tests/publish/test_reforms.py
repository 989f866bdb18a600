"""The list of law changes (hooks/portal/publish/reforms.py): the reform file is read strictly, the
list shows what the file says and only that, data text is never read as Markdown or HTML, and the
built page lists every reform it should, in both languages, with its status and links."""
from __future__ import annotations

import datetime
import logging
import re
from pathlib import Path

import markdown
import pytest
import yaml
from selectolax.lexbor import LexborHTMLParser

from conftest import ROOT, TODAY
from portal.content import rendered_html
from portal.publish import reforms

DAY = datetime.date.fromisoformat(TODAY)
EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc",
              "pymdownx.details", "pymdownx.superfences", "pymdownx.tabbed", "pymdownx.tasklist"]   # as mkdocs.yml
ENTRY = {
    "id": "provreform",
    "title": {"sv": "Ett förslag", "en": "A proposal"},
    "status": "proposed",
    "status_verified": False,
    "references": ["SOU 2030:1", "prop. 2030/31:7"],
    "proposed": "2026-03-12",
    "source": ["https://data.riksdagen.se/dokument/X", "https://lagen.nu/sou/2030:1", "https://lagen.nu/prop/2030/31:7"],
    "checked": "2026-11-01",
    "summary": {"sv": "Regeringen föreslår en regel.", "en": "The Government proposes a rule."},
    "pages": ["typfall/a", "typfall/utkast"],
}


class _Plain(yaml.SafeDumper):
    """Writes repeated values out in full: the reform file refuses YAML anchors."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def write(tmp_path: Path, *entries: dict, raw: str | None = None) -> Path:
    path = tmp_path / "reforms.yml"
    text = raw if raw is not None else yaml.dump({"reforms": list(entries)}, Dumper=_Plain, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    return path


def link_for(page: str) -> str | None:
    return f'<a href="../../{page}/">{page}</a>' if page == "typfall/a" else None   # the draft is not published


def with_(**changes: object) -> dict:
    entry = {**ENTRY, **changes}
    return {k: v for k, v in entry.items() if v is not None}


# --------------------------------------------------------------------------- reading the file

@pytest.mark.parametrize("changes,message", [
    ({"status": "proposd"}, "reforms[1].status: 'proposd' is not a status — write one of inquiry, proposed"),
    ({"id": "Prov Reform"}, "reforms[1].id: 'Prov Reform' is not an id"),
    ({"title": {"sv": "Bara svenska"}}, "reforms[1].title: needs a Swedish and an English text"),
    ({"summary": None}, "reforms[1].summary: needs a Swedish and an English text"),
    ({"status_verified": "yes"}, "reforms[1].status_verified: must be true or false"),
    ({"references": []}, "reforms[1].references: needs at least one official reference"),
    ({"proposed": "2026-02-30"}, "reforms[1].proposed: '2026-02-30' is not a date — write YYYY-MM-DD"),
    ({"checked": None}, "reforms[1].checked: is missing"),
    ({"status": "in_force"}, "reforms[1].in_force: status in_force needs the date it took effect"),
    ({"source": ["https://data.riksdagen.se/x", "ftp://example.org/y"]}, "'ftp://example.org/y' is not an https:// address"),
    ({"pages": "typfall/a"}, "reforms[1].pages: must be a list of page paths"),
    ({"page_issues": [{"page": "typfall/a"}]}, "reforms[1].page_issues: must be a list of {page, issue}"),
    ({"stauts": "proposed"}, "reforms[1].stauts: unknown field 'stauts'"),
])
def test_each_problem_of_an_entry_is_one_line_with_a_fix(tmp_path: Path, changes: dict, message: str) -> None:
    shown, problems = reforms.load(write(tmp_path, with_(**changes)))
    lines = [p.format() for p in problems]
    assert shown == [] and any(message in line for line in lines), lines
    assert all(" — " in line and "\n" not in line for line in lines)


def test_valid_entries_are_kept_next_to_broken_ones_and_ids_are_unique(tmp_path: Path) -> None:
    shown, problems = reforms.load(write(tmp_path, ENTRY, with_(status=7), ENTRY))
    assert [r.id for r in shown] == ["provreform"]
    assert any("reforms[2].status" in p.format() for p in problems)
    assert any("reforms[3].id: 'provreform' is used twice" in p.format() for p in problems)


@pytest.mark.parametrize("raw,message", [
    ("reforms:\n  - id: a\n    title: &t {sv: x, en: y}\n", "YAML anchor"),
    ("reforms:\n  - id: a\n    title: {sv: '<b>x</b>', en: y}\n", "contains markup"),
    ("reforms: {id: a}\n", "no 'reforms:' list"),
    ("reforms:\n  - id: a\n  - id: a\n    id: b\n", "id"),
])
def test_a_file_that_cannot_be_read_is_one_problem_not_a_crash(tmp_path: Path, raw: str, message: str) -> None:
    shown, problems = reforms.load(write(tmp_path, raw=raw))
    assert shown == [] and problems and message in problems[0].format()


def test_a_missing_file_is_a_problem(tmp_path: Path) -> None:
    assert "the reform list is missing" in reforms.load(tmp_path / "none.yml")[1][0].format()


# --------------------------------------------------------------------------- what the list shows

def test_groups_and_the_window_for_changes_in_force(tmp_path: Path) -> None:
    entries = [with_(id="utredning", status="inquiry"), with_(id="beslutad", status="passed", decided="2026-06-01"),
               with_(id="ny", status="in_force", in_force="2024-01-01", status_verified=True),
               with_(id="gammal", status="in_force", in_force="2023-11-22", status_verified=True),
               with_(id="framtida", status="in_force", in_force="2027-01-01", status_verified=True),
               with_(id="aterkallad", status="withdrawn"), ENTRY]
    shown, problems = reforms.load(write(tmp_path, *entries))
    assert problems == []
    groups = reforms.shown_groups(shown, DAY)
    assert {k: [r.id for r in v] for k, v in groups.items()} == {
        "in_force": ["ny"], "passed": ["beslutad"], "proposed": ["provreform"], "inquiry": ["utredning"]}
    html = reforms.render("sv", link_for, DAY, write(tmp_path, *entries))
    headings = re.findall(r"<h2>(.*?)</h2>", html)
    assert headings == ["Har börjat gälla de senaste tre åren", "Beslutade, inte i kraft än", "Förslag", "Utredningar"]
    assert 'id="gammal"' not in html and 'id="aterkallad"' not in html and 'id="framtida"' not in html


@pytest.mark.parametrize("lang,status,unverified,dates", [
    ("sv", "Förslag till riksdagen", "Status kontrollerad 1 november 2026; senare beslut kan finnas.",
     ["Förslaget lämnades: 12 mars 2026"]),
    ("en", "Proposal to the Riksdag", "Status checked 1 November 2026; later decisions may exist.",
     ["Proposal presented: 12 March 2026"]),
])
def test_a_reform_shows_what_the_file_says(tmp_path: Path, lang: str, status: str, unverified: str,
                                           dates: list[str]) -> None:
    html = reforms.render(lang, link_for, DAY, write(tmp_path, ENTRY))
    section = LexborHTMLParser(html).css_first("section.portal-reform")
    text = " ".join(section.text().split())
    assert section.css_first("h3").attributes["id"] == "provreform"
    assert section.css_first("h3").text() == ENTRY["title"][lang]
    assert f"Status: {status}" in text and unverified in text
    assert all(d in text for d in dates) and ENTRY["summary"][lang] in text
    assert "SOU 2030:1, prop. 2030/31:7" in text
    assert [a.attributes["href"] for a in section.css("a")] == ["../../typfall/a/", *ENTRY["source"]]
    assert [a.text() for a in section.css("a")][1:] == ["data.riksdagen.se", "lagen.nu 1", "lagen.nu 2"]
    assert text.count("1 november 2026" if lang == "sv" else "1 November 2026") == 1   # said once, not twice


def test_a_reform_in_force_says_since_when_and_a_verified_one_when_checked(tmp_path: Path) -> None:
    entry = with_(status="in_force", in_force="2025-07-01", status_verified=True)
    text = LexborHTMLParser(reforms.render("sv", link_for, DAY, write(tmp_path, entry))).text()
    assert "Status: Gäller sedan 1 juli 2025" in " ".join(text.split())
    assert "senare beslut kan finnas" not in text and "Status kontrollerad: 1 november 2026" in " ".join(text.split())


HOSTILE = "*fett* _kursiv_ [länk](https://evil.example) `kod` {: #x .y } ![bild](x.png) 1 < 2 & 3 > 0 \\* --- # ## ***"


def test_data_text_is_never_read_as_markdown_or_html(tmp_path: Path) -> None:
    entry = with_(title={"sv": HOSTILE, "en": HOSTILE}, summary={"sv": HOSTILE, "en": HOSTILE},
                  references=[HOSTILE], status_verified=True)
    intro = "Inledning.\n\n"
    html = markdown.markdown(intro + reforms.render("sv", link_for, DAY, write(tmp_path, entry)), extensions=EXTENSIONS)
    page = LexborHTMLParser(html)
    section = page.css_first("section.portal-reform")
    assert section.css_first("h3").text() == HOSTILE
    assert HOSTILE in section.text()
    assert not section.css("em, strong code, img, code") and len(section.css("strong")) == 1   # only "Status:"
    assert [a.attributes["href"] for a in section.css("a")] == ["../../typfall/a/", *ENTRY["source"]]
    assert rendered_html.problems(html) == []


def test_problems_of_the_file_are_logged_once_as_build_errors(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = write(tmp_path, ENTRY, with_(id="trasig", status="kanske"))
    with caplog.at_level(logging.ERROR, logger="mkdocs"):
        for lang in ("sv", "en"):
            html = reforms.render(lang, link_for, DAY, path)
            assert 'id="provreform"' in html and 'id="trasig"' not in html
    errors = [r for r in caplog.records if r.name.startswith("mkdocs.") and r.levelno == logging.ERROR]
    assert len(errors) == 1 and "reforms[2].status: 'kanske' is not a status" in errors[0].getMessage()


def test_an_empty_list_says_so(tmp_path: Path) -> None:
    assert "inga lagändringar" in reforms.render("sv", link_for, DAY, write(tmp_path, with_(status="withdrawn")))


def test_shipped_file_is_valid() -> None:
    shown, problems = reforms.load()
    assert [p.format() for p in problems] == [] and shown


# --------------------------------------------------------------------------- the built page

@pytest.mark.parametrize("lang,prefix,status_words", [
    ("sv", "", {"inquiry": "Utredning", "proposed": "Förslag till riksdagen", "passed": "Beslutad, inte i kraft",
                "in_force": "Gäller sedan"}),
    ("en", "en/", {"inquiry": "Inquiry", "proposed": "Proposal to the Riksdag", "passed": "Decided, not yet in force",
                   "in_force": "In force since"}),
])
def test_built_page_lists_every_reform_with_status_and_links(real_site: Path, lang: str, prefix: str,
                                                             status_words: dict[str, str]) -> None:
    page = real_site / prefix / "lagstiftning" / "lagandringar" / "index.html"
    doc = LexborHTMLParser(page.read_text(encoding="utf-8"))
    assert doc.css_first("html").attributes["lang"] == lang
    other = "en" if lang == "sv" else "sv"
    assert doc.css_first(f'link[rel="alternate"][hreflang="{other}"]') is not None
    sections = {s.css_first("h3").attributes["id"]: s for s in doc.css("section.portal-reform")}
    shown, _ = reforms.load()
    expected = [r for group in reforms.shown_groups(shown, DAY).values() for r in group]
    assert sorted(sections) == sorted(r.id for r in expected) and expected
    assert {r.id for r in shown if r.pending} <= set(sections)
    for reform in expected:
        section = sections[reform.id]
        text = " ".join(section.text().split())
        assert section.css_first("h3").text().strip() == reform.title[lang]
        assert f"Status: {status_words[reform.status]}" in text
        assert reform.summary[lang] in text
        assert ("senare beslut kan finnas" in text or "later decisions may exist" in text) != reform.status_verified
        linked = {a.attributes["href"] for a in section.css("a")}
        assert set(reform.sources) <= linked
        for base in reform.pages:
            target = (page.parent / "../.." / base / "index.html").resolve()
            if (real_site / prefix / base / "index.html").exists():
                assert any((page.parent / href / "index.html").resolve() == target for href in linked), (reform.id, base)
