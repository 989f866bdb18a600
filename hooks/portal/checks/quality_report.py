"""The quality report of a preview build: drafts, overdue reviews, untranslated and out-of-date
translations, LIX per page and the open findings of the checks that need no build, as data (the JSON
at /kvalitet/report.json) and as Markdown pages in Swedish and English: /kvalitet/ (/en/kvalitet/) with the
counts and short lists, and a page for each long list (LIX and review of every page, each check's findings).

It runs the same check modules as `make check` (portal.checks.registry, `fast` checks); the checks on
built HTML (links, accessibility) need a finished build and are left to `make check`.

Each page is in its own language: statuses, types, languages, LIX bands and check names are labelled
in Swedish under /kvalitet/. The checks write their findings in English (as `make check` prints them, the
same words editors search for in CONTRIBUTING.md): the Swedish page frames them in Swedish (the
check's Swedish name first, a sentence saying so) and marks the English text `lang="en"`, so that a
screen reader reads it as English. Tables are HTML with a label on every cell: on a phone each row
is a card; report.js (copied beside the pages by hooks/quality_hooks.py) makes the columns
sortable. `python -m portal.checks.quality_report --summary` prints the report as Markdown for a pull
request's job summary.
"""
from __future__ import annotations

import argparse
import datetime
import html
import re
import sys
from pathlib import Path
from typing import Any, Callable, TypeVar

from ..content import corpus as corpus_module, review
from ..content.corpus import Corpus
from ..content.datafiles import ROOT, kept_until_data_changes
from ..content.frontmatter import Document, base_and_lang
from ..content.translation import recorded_revision, revision
from ..content.vocabulary import vocabularies
from ..publish import build_state
from ..publish.listings import url_of
from . import readability, registry, review_dates, translations
from .runner import Context, load_config, run_check

PAGE_PATH = "kvalitet/index"
READABILITY_PATH = "kvalitet/lasbarhet"
REVIEWS_PATH = "kvalitet/granskning"
FINDINGS_PATH = "kvalitet/fynd/{}"
JSON_PATH = "kvalitet/report.json"
ASSETS = Path(__file__).with_name("quality_report_assets")   # report.css, report.js: copied to kvalitet/
# A long list with more rows than this is split into a page per section and language (`sections`): a phone
# cannot read thousands of rows, and an edit then writes again only its own section's page.
SPLIT_ROWS = 300
# The sections of the groups no folder of docs/ can be: pages directly under docs/, and files outside it.
TOP_LEVEL, OTHER_FILES = "", "/"

LABELS = {
    "sv": {
        "title": "Kvalitetsrapport",
        "intro": "Rapporten visas bara i förhandsgranskningen. Den bygger på samma kontroller som `make check`; "
                 "länkar och tillgänglighet kontrolleras på den färdiga sajten med `make check`. Samma uppgifter "
                 "finns som JSON i {json}.",
        "generated": "Skapad", "summary": "Sammanfattning", "pages": "Sidor", "drafts": "Utkast och sidor under granskning",
        "overdue": "Försenad granskning", "untranslated": "Inte översatta", "missing": "Saknar översättning",
        "out_of_date": "Inaktuella översättningar", "readability": "Läsbarhet (LIX)", "findings": "Öppna fynd",
        "page": "Sida", "status": "Status", "language": "Språk", "type": "Typ", "due": "Skulle granskas",
        "days": "Dagar sedan", "reason": "Skäl", "translation": "Översättning", "recorded": "Översatt version",
        "current": "Svensk version nu", "lix": "LIX", "words": "Ord", "threshold": "Gräns", "band": "Nivå",
        "check": "Kontroll", "where": "Var", "what": "Vad", "fix": "Åtgärd", "none": "Inga.",
        "errors": "fel", "warnings": "varningar", "reviewer": "Granskad av", "reviewed": "Granskad",
        "reviews": "Granskning per sida", "next": "Nästa granskning", "error_after": "fel efter respittiden",
        "above": "över gränsen", "file": "Fil", "warning": "varning", "error": "fel", "severity": "Allvar",
        "findings_intro": "Kontrollerna skriver sina fynd på engelska, med samma ord som `make check`. Kontrollens "
                          "svenska namn står först; CONTRIBUTING.md förklarar varje kontroll på svenska.",
        "languages": {"sv": "svenska", "en": "engelska"},
        "back": "Till kvalitetsrapporten", "errors_column": "Fel", "warnings_column": "Varningar",
        "readability_count": "{pages} sidor har ett LIX-värde, {above} av dem över gränsen för sin sidtyp.",
        "see_readability": "LIX för varje sida", "see_reviews": "Granskning för varje sida",
        "reviews_count": "Status, granskare och datum för alla {pages} sidor.",
        "split": "Listan har {rows} rader och är uppdelad på avdelning och språk.", "section": "Avdelning",
        "rows": "Rader", "top_level": "Sidor direkt under docs/", "other_files": "Filer utanför docs/ (data/, mkdocs.yml)",
        "back_to_list": "Till hela listan",
        "checks": {"frontmatter": "Sidhuvud (front matter)", "review": "Granskningsdatum", "translations": "Översättningar",
                   "terminology": "Termer", "abbreviations": "Förkortningar", "readability": "Läsbarhet",
                   "spelling": "Stavning", "statutes": "Författningar", "content-safety": "Säkert innehåll",
                   "changes": "Ändringshistorik", "law-status": "Lagstatus", "reform-links": "Lagändringar på gång",
                   "contacts": "Kontaktuppgifter"},
        "summary_title": "Kvalitetsrapport",
        "summary_intro": "Hela portalen med ändringarna i den här pull requesten, med samma kontroller som "
                         "`make check` (utom de som behöver bygget). Förhandsgranskningen finns som artefakt "
                         "(site-preview) och har rapporten på /kvalitet/.",
    },
    "en": {
        "title": "Quality report",
        "intro": "This report is shown in the preview only. It uses the same checks as `make check`; links and "
                 "accessibility are checked on the finished site by `make check`. The same data is available as "
                 "JSON in {json}.",
        "generated": "Generated", "summary": "Summary", "pages": "Pages", "drafts": "Drafts and pages in review",
        "overdue": "Overdue reviews", "untranslated": "Not translated", "missing": "Translation missing",
        "out_of_date": "Out-of-date translations", "readability": "Readability (LIX)", "findings": "Open findings",
        "page": "Page", "status": "Status", "language": "Language", "type": "Type", "due": "Was due",
        "days": "Days ago", "reason": "Reason", "translation": "Translation", "recorded": "Translates version",
        "current": "Swedish version now", "lix": "LIX", "words": "Words", "threshold": "Threshold", "band": "Band",
        "check": "Check", "where": "Where", "what": "What", "fix": "Fix", "none": "None.",
        "errors": "errors", "warnings": "warnings", "reviewer": "Reviewed by", "reviewed": "Reviewed",
        "reviews": "Review per page", "next": "Next review", "error_after": "error after the grace period",
        "above": "above the threshold", "file": "File", "warning": "warning", "error": "error", "severity": "Severity",
        "findings_intro": "",
        "languages": {"sv": "Swedish", "en": "English"},
        "back": "Back to the quality report", "errors_column": "Errors", "warnings_column": "Warnings",
        "readability_count": "{pages} pages have a LIX score, {above} of them above the threshold for their type.",
        "see_readability": "LIX of every page", "see_reviews": "Review of every page",
        "reviews_count": "Status, reviewer and dates of all {pages} pages.",
        "split": "The list has {rows} rows and is split by section and language.", "section": "Section",
        "rows": "Rows", "top_level": "Pages directly under docs/", "other_files": "Files outside docs/ (data/, mkdocs.yml)",
        "back_to_list": "Back to the whole list",
        "checks": {},
        "summary_title": "Quality report",
        "summary_intro": "The whole portal with this pull request's changes, by the same checks as `make check` "
                         "(but those that need the build). The preview is attached as an artifact (site-preview) "
                         "with this report at /kvalitet/.",
    },
}


def _title(doc: Document) -> str:
    return str(doc.meta.get("title") or doc.base)


def _page(doc: Document) -> dict[str, Any]:
    return {"path": doc.path, "base": doc.base, "lang": doc.lang, "title": _title(doc), "type": _shown(doc.meta.get("type"))}


def _shown(value: Any) -> str | None:
    """A front matter value as the report shows it: its text (`1` and `true` differ, as on the page), or None."""
    return None if value is None else str(value)


def collect(corpus: Corpus, config: dict[str, Any], today: datetime.date, root: Path, docs_dir: Path) -> dict[str, Any]:
    """The report as plain data (what report.json holds)."""
    context = Context(root=root, docs_dir=docs_dir, config=config, today=today, _corpus=corpus)
    results = [run_check(check, context) for check in registry.CHECKS if check.fast]
    grace = review_dates.grace_days(config)
    state = translations.status(corpus, config)
    overdue = review_dates.overdue(corpus.docs, today, grace)
    reviews = []
    for doc in sorted(corpus.docs, key=lambda d: d.path):
        meta = doc.meta.get("review") if isinstance(doc.meta.get("review"), dict) else {}
        due = review.next_review(doc.meta)
        reviews.append({**_page(doc), "status": _shown(meta.get("status", "draft")), "reviewed_by": _shown(meta.get("reviewed_by")),
                        "last_reviewed": str(meta.get("last_reviewed") or "") or None,
                        "next_review": due.isoformat() if due else None})
    return {
        "generated": today.isoformat(),
        "summary": {
            "pages": len(corpus.docs),
            "drafts": sum(1 for r in reviews if r["status"] != "approved"),
            "overdue": len(overdue),
            "untranslated": len(state.untranslated), "missing_translations": len(state.missing),
            "out_of_date": len(state.out_of_date),
            "errors": sum(r.errors for r in results), "warnings": sum(r.warnings for r in results),
        },
        "drafts": [r for r in reviews if r["status"] != "approved"],
        "overdue": [{**_page(o.doc), "due": o.due.isoformat(), "days": o.days, "error": o.error, "grace_days": grace}
                    for o in overdue],
        "untranslated": [{**_page(doc), "reason": reason} for doc, reason in state.untranslated],
        "missing_translations": [_page(doc) for doc in state.missing],
        "out_of_date": [{**_page(english), "swedish": swedish.path, "recorded": _shown(recorded_revision(english)),
                         "current": revision(swedish.body)} for english, swedish in state.out_of_date],
        "readability": [{**_page(p.doc), "lix": p.score.lix, "words": p.score.words, "sentences": p.score.sentences,
                         "long_words": p.score.long_words, "threshold": p.threshold, "above": p.above,
                         "band": readability.band(p.score.lix, "en")}
                        for p in readability.pages(corpus, config)],
        "reviews": reviews,
        "checks": [{"name": r.check, "errors": r.errors, "warnings": r.warnings, "note": r.note} for r in results],
        "findings": [{"check": r.check, "path": f.path, "line": f.line, "field": f.field, "message": f.message,
                      "fix": f.fix, "severity": f.severity} for r in results for f in r.findings],
    }


def _text(value: Any) -> str:
    """Text for the report's HTML: markup written as entities, and braces too, so that a finding quoting
    `listing: {of: reforms}` is not read as an attribute list by the Markdown around the tables."""
    text = html.escape(str(value if value is not None else ""))
    return text.replace("{", "&#123;").replace("}", "&#125;")


def _status(status: str, lang: str) -> str:
    return vocabularies()["review_statuses"].get(status, {}).get(lang, status)


def _type(page_type: Any, lang: str) -> str:
    return vocabularies()["types"].get(page_type, {}).get(lang, str(page_type or ""))


def _link(entry: dict[str, Any], up: str) -> str:
    """A link from a report page to the page, in the report's language (`up` leads to that language's root)."""
    return f'<a href="{up}{html.escape(url_of(entry["base"]))}">{_text(entry["title"])}</a>'


def _up(path: str) -> str:
    """From the report page at `path` to its language's root: '../' from kvalitet/, '../../' one further down."""
    return "../" * url_of(path).count("/")


def _report_link(path: str, from_path: str, text: str) -> str:
    """Raw HTML: MkDocs would check a Markdown link against the pages in docs/, and these are built here."""
    return f'<a href="{_up(from_path)}{html.escape(url_of(path))}">{_text(text)}</a>'


Cell = tuple   # (label of the column, HTML of the cell, value to sort by or None)


TABLE_PLACEHOLDER = "<!-- portal-report-table {} -->"


def with_tables(html: str, tables: list[str]) -> str:
    """A converted report page with its tables in place of their placeholders."""
    for number, table in enumerate(tables):
        html = html.replace(TABLE_PLACEHOLDER.format(number), table, 1)
    return html


def _html_table(rows: list[list[Cell]], none: str, numeric: set[str] = frozenset(), sortable: bool = True) -> str:
    """An HTML table whose every cell names its column (a card per row on a phone)."""
    if not rows:
        return none + "\n"
    header = [label for label, _, _ in rows[0]]
    out = [f'<table class="portal-report"{"" if sortable else " data-unsortable"}>', "<thead><tr>"]
    out += [f'<th scope="col"{" data-numeric" if label in numeric else ""}>{_text(label)}</th>' for label in header]
    out.append("</tr></thead><tbody>")
    for row in rows:
        cells = "".join(f'<td data-label="{_text(label)}"'
                        + (f' data-sort="{_text(key)}"' if key is not None else "") + f">{cell}</td>"
                        for label, cell, key in row)
        out.append(f"<tr>{cells}</tr>")
    out.append("</tbody></table>")
    return "\n".join(out) + "\n"


def _english(text: str, lang: str) -> str:
    """A check's English text, marked as English on a page in another language (WCAG 3.1.2)."""
    return _text(text) if lang == "en" else f'<span lang="en">{_text(text)}</span>'


def _check_name(check: str, lang: str) -> str:
    """A check's name in the page's language, with the name `make check` uses beside it."""
    t = LABELS[lang]
    return _text(t["checks"].get(check, check)) + ("" if lang == "en" and check not in t["checks"]
                                                      else f" (<code>{_text(check)}</code>)")


def findings_path(check: str) -> str:
    """The report page of one check's findings: kvalitet/fynd/<check>."""
    return FINDINGS_PATH.format(re.sub(r"[^a-z0-9]+", "-", check.lower()).strip("-") or "check")


K = TypeVar("K")


def _distinct(keys: list[K], plain: Callable[[K], str]) -> dict[K, str]:
    """A name for each key, in order: its plain name, or with -2, -3 … when an earlier key has that name
    (names in plain letters can read alike)."""
    named: dict[K, str] = {}
    for key in keys:
        name, number = plain(key), 1
        while name in named.values():
            number += 1
            name = f"{plain(key)}-{number}"
        named[key] = name
    return named


def sections(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The report split into its pages: path -> the part of the report that page shows. The long lists
    (LIX and review of every page, the findings of each check) have pages of their own, so that a phone
    opens a page it can read, and a preview writes again only the pages whose part changed."""
    # Every check has its page, with findings or not: the report's pages stay the same from one save to the
    # next, and a new page (which would change every page's list of the site's files) comes only with a new check.
    by_check: dict[str, list[dict[str, Any]]] = {check["name"]: [] for check in report["checks"]}
    for finding in report["findings"]:
        by_check.setdefault(finding["check"], []).append(finding)
    first = {"generated": report["generated"]}
    at = _distinct(sorted(by_check), findings_path)   # check -> its page, although two names may read alike
    pages = {PAGE_PATH: {**first, **{key: report[key] for key in (
        "summary", "drafts", "overdue", "untranslated", "missing_translations", "out_of_date", "checks")},
        "readability": {"pages": len(report["readability"]), "above": sum(1 for r in report["readability"] if r["above"])},
        "reviews": len(report["reviews"]), "at": at}}
    groups = _Groups(report["reviews"])
    pages.update(_list_pages(READABILITY_PATH, {**first, "kind": "readability"}, report["readability"], groups))
    pages.update(_list_pages(REVIEWS_PATH, {**first, "kind": "reviews"}, report["reviews"], groups))
    for check, found in sorted(by_check.items()):
        pages.update(_list_pages(at[check], {**first, "kind": "findings", "check": check}, found, groups))
    return pages


class _Groups:
    """Which section and language a row of a long list belongs to: a page's by its address (`base`, `lang`),
    a finding's by the file it names (a page file the build could not read, too, by its place under the
    pages' folder); findings in files outside it form a group of their own, which a split list always has."""

    def __init__(self, pages: list[dict[str, Any]]) -> None:
        self.of_file = {page["path"]: self.of_page(page) for page in pages}
        self.every_page = sorted(set(self.of_file.values()) | {(OTHER_FILES, "")})
        # The pages' folder as findings name it ("docs/"): a page's path without its place below it.
        self.docs = next((page["path"][:-len(f"{page['base']}.{page['lang']}.md")] for page in pages
                          if page.get("lang") and str(page["path"]).endswith(f"{page['base']}.{page['lang']}.md")), None)

    @staticmethod
    def of_page(page: dict[str, Any]) -> tuple[str, str]:
        base = str(page.get("base") or "")
        return (base.split("/", 1)[0] if "/" in base else TOP_LEVEL, str(page.get("lang") or ""))

    def of(self, row: dict[str, Any]) -> tuple[str, str]:
        if "base" in row:
            return self.of_page(row)
        path = str(row.get("path") or "")
        if path in self.of_file:
            return self.of_file[path]
        if self.docs and path.startswith(self.docs) and path != self.docs:
            base, lang = base_and_lang(path[len(self.docs):])
            return self.of_page({"base": base, "lang": lang or ""})
        return (OTHER_FILES, "")


def _group_slug(group: tuple[str, str]) -> str:
    section, lang = group
    section = {TOP_LEVEL: "start", OTHER_FILES: "ovriga-filer"}.get(section, section)
    return re.sub(r"[^a-z0-9]+", "-", f"{section}-{lang}".lower()).strip("-") or "sidor"


def _list_pages(path: str, part: dict[str, Any], rows: list[dict[str, Any]], groups: _Groups) -> dict[str, dict[str, Any]]:
    """A long list's page, or, with more than SPLIT_ROWS rows, a page that leads to a page per group (section
    and language). A split list has a page for every group the site's pages have, rows or not, so that the
    report's pages stay the same while an edit moves a row in or out of a group."""
    key = part["kind"]
    if len(rows) <= SPLIT_ROWS:
        return {path: {**part, key: rows}}
    by_group: dict[tuple[str, str], list[dict[str, Any]]] = {group: [] for group in groups.every_page}
    for row in rows:
        by_group.setdefault(groups.of(row), []).append(row)
    slugs = _distinct(sorted(by_group), _group_slug)
    pages = {path: {**part, "rows": len(rows), "groups": [
        {"section": group[0], "lang": group[1], "path": f"{path}/{slugs[group]}", "rows": len(found),
         "above": sum(1 for row in found if row.get("above"))} for group, found in sorted(by_group.items())]}}
    for group, found in by_group.items():
        pages[f"{path}/{slugs[group]}"] = {**part, key: found, "list": path, "section": group[0], "lang": group[1]}
    return pages


def render(path: str, part: dict[str, Any], lang: str, tables: list[str] | None = None) -> str:
    """The report page at `path` (a key of `sections`) in `lang` (Markdown headings, HTML tables). With
    `tables`, each table is added to that list and the page holds a placeholder for it
    (`TABLE_PLACEHOLDER`), to be put in place once the Markdown is converted (`with_tables`): a report of
    thousands of rows is HTML already, and Markdown would only read it again, for seconds."""
    t = LABELS[lang]

    def table(rows: list[list[Cell]], numeric: set[str] = frozenset(), sortable: bool = True) -> str:
        made = _html_table(rows, t["none"], numeric, sortable)
        if tables is None or not rows:
            return made
        tables.append(made)
        return TABLE_PLACEHOLDER.format(len(tables) - 1) + "\n"

    up = _up(path)
    if path == PAGE_PATH:
        return _render_index(part, lang, table)
    head = [f"{_report_link(PAGE_PATH, path, t['back'])}\n", f"{t['generated']}: {part['generated']}\n"]
    language = t["languages"]
    kind = part["kind"]
    title = {"readability": t["readability"], "reviews": t["reviews"]}.get(kind) or \
        f"{_text(t['findings'])}: {_check_name(part['check'], lang)}"
    if "groups" in part:
        return "\n".join([f"# {title}\n", *head, t["split"].format(rows=part["rows"]) + "\n", table([[
            (t["section"], _report_link(g["path"], path, _group_name(g, lang)), _group_name(g, lang)),
            (t["rows"], str(g["rows"]), g["rows"])] + ([(t["above"].capitalize(), str(g["above"]), g["above"])] if kind == "readability" else [])
            for g in part["groups"]], numeric={t["rows"], t["above"].capitalize()})])
    if "list" in part:   # a folder's name, in a Markdown heading: its Markdown characters escaped too
        title += " – " + _text(re.sub(r"([\\`*_\[\]()#!|~])", r"\\\1", _group_name(part, lang)))
        head.insert(1, f"{_report_link(part['list'], path, t['back_to_list'])}\n")
    if kind == "readability":
        return "\n".join([f"# {title}\n", *head, table([[
            (t["page"], _link(r, up), r["title"]), (t["language"], _text(language.get(r["lang"], r["lang"])), None),
            (t["type"], _text(_type(r["type"], lang)), None), (t["lix"], f"{r['lix']:g}", r["lix"]),
            (t["band"], _text(readability.band(r["lix"], lang)), r["lix"]), (t["words"], str(r["words"]), r["words"]),
            (t["threshold"], f"{r['threshold']:g}", r["threshold"]), ("", _text(t["above"] if r["above"] else ""), None)]
            for r in sorted(part["readability"], key=lambda r: -r["lix"])],
            numeric={t["lix"], t["band"], t["words"], t["threshold"]})])
    if kind == "reviews":
        return "\n".join([f"# {title}\n", *head, table([[
            (t["page"], _link(r, up), r["title"]), (t["language"], _text(language.get(r["lang"], r["lang"])), None),
            (t["status"], _text(_status(r["status"], lang)), None), (t["reviewer"], _text(r["reviewed_by"] or "–"), None),
            (t["reviewed"], _text(r["last_reviewed"] or "–"), None), (t["next"], _text(r["next_review"] or "–"), None)]
            for r in part["reviews"]])])
    intro = [t["findings_intro"] + "\n"] if t["findings_intro"] and part["findings"] else []
    return "\n".join([f"# {title}\n", *head, *intro, table([[
        (t["severity"], _text(t[f["severity"]] if f["severity"] in ("error", "warning") else f["severity"]), None),
        (t["where"], f"<code>{_text(f['path'])}{':' + str(f['line']) if f['line'] else ''}</code>", None),
        (t["what"], _english(f["message"], lang), None), (t["fix"], _english(f["fix"], lang), None)]
        for f in sorted(part["findings"], key=lambda f: (f["severity"] != "error", f["path"], f["line"] or 0))])])


def _group_name(group: dict[str, Any], lang: str) -> str:
    """A group of a split list as the report names it: the section's folder and the pages' language."""
    t = LABELS[lang]
    section = {TOP_LEVEL: t["top_level"], OTHER_FILES: t["other_files"]}.get(group["section"], group["section"] + "/")
    language = t["languages"].get(group["lang"], group["lang"])
    return f"{section}, {language}" if language else section


# (language, page) -> (its part of the report, Markdown, tables): made again only when the part changed
# (labels come from data/vocabularies.yml: emptied when a data file changes)
_made: dict[tuple[str, str], tuple[dict[str, Any], str, list[str]]] = kept_until_data_changes({})

# The last report split into its pages: every language's build asks for the same report.
_last_split: list[tuple[dict[str, Any], dict[str, dict[str, Any]]]] = []


def _sections_of(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """`sections(report)`, worked out once per report (the object itself: it is kept here, so no other
    report can take its place at the same address)."""
    if not _last_split or _last_split[0][0] is not report:
        _last_split[:] = [(report, sections(report))]
    return _last_split[0][1]


def pages(report: dict[str, Any], lang: str) -> dict[str, tuple[str, list[str]]]:
    """Every report page in `lang`: path -> (its Markdown with table placeholders, the tables). A page whose
    part of the report is the same as at the last build is not made again: `make serve` builds at every
    save, and an edit changes one row of the LIX table, not the thousands of rows around it."""
    made = {}
    for path, part in _sections_of(report).items():
        known = _made.get((lang, path))
        # Compared with ==: a tenth of the time of a digest of the part's JSON at 1,000 pages per language.
        # Python's == takes 1, 1.0 and True as the same: `collect` gives front matter values as text, so that
        # `reviewed_by: 1` changed to `reviewed_by: true` is a change here too.
        if known is None or known[0] != part:
            tables: list[str] = []
            known = _made[(lang, path)] = (part, render(path, part, lang, tables), tables)
        made[path] = (known[1], known[2])
    for stale in [key for key in _made if key[0] == lang and key[1] not in made]:
        del _made[stale]
    return made


def _render_index(part: dict[str, Any], lang: str, table: Callable[..., str]) -> str:
    """/kvalitet/: the counts, the short lists (drafts, overdue reviews, translations) and a way to each long one."""
    t = LABELS[lang]
    up, s, language = _up(PAGE_PATH), part["summary"], t["languages"]
    json_href = up + ("" if lang == "sv" else "../") + JSON_PATH
    out = [f"# {t['title']}\n", t["intro"].format(json=f'<a href="{json_href}">report.json</a>') + "\n",
           f"{t['generated']}: {part['generated']}\n", f"## {t['summary']}\n"]
    out.append(table([[(t["what"], _text(what), None), ("#", str(count), count)] for what, count in (
        (t["pages"], s["pages"]), (t["drafts"], s["drafts"]), (t["overdue"], s["overdue"]),
        (t["untranslated"], s["untranslated"]), (t["missing"], s["missing_translations"]),
        (t["out_of_date"], s["out_of_date"]), (f"{t['findings']} ({t['errors']})", s["errors"]),
        (f"{t['findings']} ({t['warnings']})", s["warnings"]))], sortable=False))
    out += [f"## {t['drafts']}\n", table([[
        (t["page"], _link(d, up), d["title"]), (t["language"], _text(language.get(d["lang"], d["lang"])), None),
        (t["status"], _text(_status(d["status"], lang)), None), (t["file"], f"<code>{_text(d['path'])}</code>", None)]
        for d in part["drafts"]])]
    out += [f"## {t['overdue']}\n", table([[
        (t["page"], _link(o, up), o["title"]), (t["due"], _text(o["due"]), None), (t["days"], str(o["days"]), o["days"]),
        (t["severity"], _text(t["error"] if o["error"] else t["warning"]), None)]
        for o in part["overdue"]], numeric={t["days"]})]
    out += [f"## {t['untranslated']}\n", table(
        [[(t["page"], _link(u, up), u["title"]), (t["reason"], _text(u["reason"]), None)] for u in part["untranslated"]]
        + [[(t["page"], _link(m, up), m["title"]), (t["reason"], _text(t["missing"]), None)]
           for m in part["missing_translations"]])]
    out += [f"## {t['out_of_date']}\n", table([[
        (t["translation"], _link(o, up), o["title"]), (t["recorded"], f"<code>{_text(o['recorded'])}</code>", None),
        (t["current"], f"<code>{_text(o['current'])}</code>", None)] for o in part["out_of_date"]])]
    counts = part["readability"]
    out += [f"## {t['readability']}\n", t["readability_count"].format(pages=counts["pages"], above=counts["above"])
            + " " + _report_link(READABILITY_PATH, PAGE_PATH, t["see_readability"]) + "\n"]
    out += [f"## {t['reviews']}\n", t["reviews_count"].format(pages=part["reviews"])
            + " " + _report_link(REVIEWS_PATH, PAGE_PATH, t["see_reviews"]) + "\n"]
    out.append(f"## {t['findings']}\n")
    out.append(table([[
        (t["check"], f'<a href="{up}{html.escape(url_of(part["at"][c["name"]]))}">{_check_name(c["name"], lang)}</a>',
         t["checks"].get(c["name"], c["name"])),
        (t["errors_column"], str(c["errors"]), c["errors"]), (t["warnings_column"], str(c["warnings"]), c["warnings"])]
        for c in sorted(part["checks"], key=lambda c: (-c["errors"], -c["warnings"], c["name"]))],
        numeric={t["errors_column"], t["warnings_column"]}))
    return "\n".join(out)


def _md(text: Any) -> str:
    return str(text if text is not None else "").replace("|", "\\|").replace("\n", " ")


def summary(report: dict[str, Any], lang: str = "sv") -> str:
    """The report as GitHub-flavoured Markdown for a pull request's job summary ($GITHUB_STEP_SUMMARY):
    the counts, open findings, LIX above the threshold and the translation state, file by file."""
    t = LABELS[lang]
    s = report["summary"]

    def table(header: list[str], rows: list[list[Any]]) -> str:
        if not rows:
            return t["none"] + "\n"
        lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
        return "\n".join(lines + ["| " + " | ".join(_md(cell) for cell in row) + " |" for row in rows]) + "\n"

    out = [f"## {t['summary_title']}\n", t["summary_intro"] + "\n",
           table([t["what"], "#"], [[t["pages"], s["pages"]], [t["drafts"], s["drafts"]], [t["overdue"], s["overdue"]],
                                    [t["missing"], s["missing_translations"]], [t["out_of_date"], s["out_of_date"]],
                                    [f"{t['findings']} ({t['errors']})", s["errors"]],
                                    [f"{t['findings']} ({t['warnings']})", s["warnings"]]])]
    out += [f"### {t['findings']}\n", (t["findings_intro"] + "\n") if t["findings_intro"] and report["findings"] else "",
            table([t["check"], t["severity"], t["where"], t["what"], t["fix"]],
                  [[t["checks"].get(f["check"], f["check"]), t.get(f["severity"], f["severity"]),
                    f"`{f['path']}{':' + str(f['line']) if f['line'] else ''}`", f["message"], f["fix"]]
                   for f in sorted(report["findings"], key=lambda f: (f["severity"] != "error", f["path"], f["line"] or 0))])]
    above = [r for r in report["readability"] if r["above"]]
    out += [f"### {t['readability']}: {t['above']}\n",
            table([t["file"], t["lix"], t["band"], t["threshold"]],
                  [[f"`{r['path']}`", f"{r['lix']:g}", readability.band(r["lix"], lang), f"{r['threshold']:g}"]
                   for r in sorted(above, key=lambda r: -r["lix"])])]
    out += [f"<details><summary>{t['readability']}: {t['pages'].lower()} ({len(report['readability'])})</summary>\n",
            table([t["file"], t["lix"], t["band"], t["words"], t["threshold"]],
                  [[f"`{r['path']}`", f"{r['lix']:g}", readability.band(r["lix"], lang), r["words"], f"{r['threshold']:g}"]
                   for r in sorted(report["readability"], key=lambda r: -r["lix"])]), "</details>\n"]
    out += [f"### {t['translation']}\n",
            table([t["file"], t["reason"]],
                  [[f"`{m['path']}`", t["missing"]] for m in report["missing_translations"]]
                  + [[f"`{o['path']}`", f"{t['out_of_date']}: {o['recorded']} → {o['current']}"] for o in report["out_of_date"]]
                  + [[f"`{u['path']}`", u["reason"]] for u in report["untranslated"]])]
    return "\n".join(part for part in out if part)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m portal.checks.quality_report",
                                     description="Print the quality report as Markdown (for a pull request's job summary).")
    parser.add_argument("--summary", action="store_true", help="Markdown for $GITHUB_STEP_SUMMARY (the default)")
    parser.add_argument("--lang", choices=sorted(LABELS), default="sv")
    parser.add_argument("--docs", default=str(ROOT / "docs"))
    args = parser.parse_args(argv)
    docs = Path(args.docs)
    if not docs.is_dir():
        print(f"{docs}: no such folder of pages — give --docs the docs/ folder", file=sys.stderr)
        return 2
    report = collect(corpus_module.load(docs, ROOT), load_config(), build_state.today(), ROOT, docs)
    print(summary(report, args.lang))
    return 0


if __name__ == "__main__":
    sys.exit(main())
