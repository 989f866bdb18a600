"""Law reforms (data/reforms.yml) as the list on the page "Lagändringar på gång" / "Law changes in
progress": a page with `listing: {of: reforms}` gets it appended at build time (listings.render).

The list shows what the file says and nothing more: per reform its title, its status in words, its
references, the dates the file has, the summary, the pages that mention it (those published in the
build) and the sources of the status; an entry whose later stages are not confirmed
(`status_verified: false`) says when the status was checked and that later decisions may exist.
Groups: in force in the last RECENT_MONTHS months, decided but not in force, proposed, under inquiry;
older and withdrawn reforms are left out. Each reform's heading has its id as anchor, so that a page
links `lagandringar.md#<id>`.

Everything is written as HTML with every data text escaped (html.escape, abbreviations as the `abbr`
extension writes them), never as Markdown: a title with `*`, `_`, `[` or `<` is shown as written.

`load` reads and checks the file: one Finding per problem, and only valid entries are returned. A
build that finds a problem logs it as an error (the strict build stops; checks/reform_links.py
reports the same lines in `make check`).
"""
from __future__ import annotations

import datetime
import html
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

from ..content import abbreviations
from ..content.datafiles import DATA, DataFileError, read_yaml, shown
from ..content.findings import Finding
from ..content.review import add_months

REFORMS_PATH = DATA / "reforms.yml"
STATUSES = ("inquiry", "proposed", "passed", "in_force", "withdrawn")
PENDING = ("inquiry", "proposed", "passed")     # the stages pages must link to the list
RECENT_MONTHS = 36
DATES = ("proposed", "proposed_in_force", "decided", "in_force", "checked")
FIELDS = ("id", "title", "status", "status_verified", "references", "source", "summary", "pages", "affects",
          "page_issues", "note") + DATES
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
LANGS = ("sv", "en")

MONTHS = {
    "sv": ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
           "november", "december"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
}
LABELS = {
    "sv": {
        "groups": {"in_force": "Har börjat gälla de senaste tre åren", "passed": "Beslutade, inte i kraft än",
                   "proposed": "Förslag", "inquiry": "Utredningar"},
        "status": {"inquiry": "Utredning", "proposed": "Förslag till riksdagen", "passed": "Beslutad, inte i kraft",
                   "in_force": "Gäller sedan {date}"},
        "status_label": "Status", "references": "Referenser", "pages": "Sidor som tar upp ändringen",
        "sources": "Källor för status",
        "dates": {"proposed": "Förslaget lämnades", "proposed_in_force": "Föreslagen dag för ikraftträdande",
                  "decided": "Riksdagen beslutade", "in_force": "Gäller från", "checked": "Status kontrollerad"},
        "unverified": "Status kontrollerad {date}; senare beslut kan finnas.",
        "empty": "Det finns inga lagändringar att visa just nu.",
    },
    "en": {
        "groups": {"in_force": "In force in the last three years", "passed": "Decided, not yet in force",
                   "proposed": "Proposals", "inquiry": "Inquiries"},
        "status": {"inquiry": "Inquiry", "proposed": "Proposal to the Riksdag", "passed": "Decided, not yet in force",
                   "in_force": "In force since {date}"},
        "status_label": "Status", "references": "References", "pages": "Pages that mention the change",
        "sources": "Sources of the status",
        "dates": {"proposed": "Proposal presented", "proposed_in_force": "Proposed date of entry into force",
                  "decided": "Decided by the Riksdag", "in_force": "In force from", "checked": "Status checked"},
        "unverified": "Status checked {date}; later decisions may exist.",
        "empty": "There are no law changes to show at the moment.",
    },
}
GROUP_ORDER = ("in_force", "passed", "proposed", "inquiry")

log = logging.getLogger("mkdocs.portal.reforms")   # under "mkdocs": an error stops a strict build
_logged: set[str] = set()                             # each problem once, not once per language


@dataclass(frozen=True)
class Reform:
    id: str
    title: dict[str, str]
    status: str
    status_verified: bool
    references: tuple[str, ...]
    dates: dict[str, datetime.date]
    summary: dict[str, str]
    sources: tuple[str, ...] = ()
    pages: tuple[str, ...] = ()
    affects: tuple[str, ...] = ()
    issue_pages: tuple[str, ...] = ()
    line: int | None = None

    @property
    def pending(self) -> bool:
        return self.status in PENDING


def _date(value: Any) -> datetime.date | None:
    if not isinstance(value, str) or not DATE.match(value):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def _texts(entry: dict, key: str) -> dict[str, str] | None:
    value = entry.get(key)
    if not isinstance(value, dict) or not all(isinstance(value.get(lang), str) and value[lang].strip() for lang in LANGS):
        return None
    return {lang: " ".join(value[lang].split()) for lang in LANGS}


def _strings(entry: dict, key: str) -> tuple[str, ...] | None:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        return None
    return tuple(item.strip() for item in value)


def _entry(entry: Any, number: int, line: int | None, label: str) -> tuple[Reform | None, list[Finding]]:
    """One entry of the file, checked: the reform (None when it cannot be shown) and its problems."""
    where = f"reforms[{number}]"
    problem = lambda field, message, fix: Finding(label, line, f"{where}.{field}" if field else where, message, fix)  # noqa: E731
    if not isinstance(entry, dict):
        return None, [problem("", "is not a mapping of fields", "write the entry as `- id: …` with its fields below")]
    found = [problem(key, f"unknown field '{key}'", f"use only {', '.join(FIELDS)} (see the comment at the top)")
             for key in entry if key not in FIELDS]
    reform_id = entry.get("id")
    if not isinstance(reform_id, str) or not ID.match(reform_id):
        found.append(problem("id", f"{reform_id!r} is not an id", "write lowercase letters, digits and hyphens, "
                             "e.g. kusinaktenskap-forbud; pages link to it, so never change it"))
    title, summary = _texts(entry, "title"), _texts(entry, "summary")
    for key, value in (("title", title), ("summary", summary)):
        if value is None:
            found.append(problem(key, "needs a Swedish and an English text", f"write {key}: {{sv: \"…\", en: \"…\"}}"))
    status = entry.get("status")
    if status not in STATUSES:
        found.append(problem("status", f"{status!r} is not a status", f"write one of {', '.join(STATUSES)}"))
    if not isinstance(entry.get("status_verified"), bool):
        found.append(problem("status_verified", "must be true or false",
                             "true when the status is the latest stage the primary sources show, else false with a note"))
    references, sources = _strings(entry, "references"), _strings(entry, "source")
    if not references:
        found.append(problem("references", "needs at least one official reference",
                             "list them oldest first, e.g. [\"SOU 2025:59\", \"prop. 2025/26:154\"]"))
    if sources is None or not sources:
        found.append(problem("source", "needs the URLs read to establish the status", "list https:// addresses"))
    for url in sources or ():
        if urlsplit(url).scheme != "https" or not urlsplit(url).hostname:
            found.append(problem("source", f"'{url}' is not an https:// address", "write the https:// address"))
    dates: dict[str, datetime.date] = {}
    for key in DATES:
        if key in entry:
            value = _date(entry[key])
            if value is None:
                found.append(problem(key, f"{entry[key]!r} is not a date", "write YYYY-MM-DD"))
            else:
                dates[key] = value
    if "checked" not in entry:
        found.append(problem("checked", "is missing", "write the date you checked the status, YYYY-MM-DD"))
    if status == "in_force" and "in_force" not in entry:
        found.append(problem("in_force", "status in_force needs the date it took effect",
                             "write in_force: YYYY-MM-DD from a primary source, or keep the earlier status"))
    page_lists = {key: _strings(entry, key) for key in ("pages", "affects")}
    for key, value in page_lists.items():
        if value is None:
            found.append(problem(key, "must be a list of page paths", "write e.g. [typfall/kusinaktenskap]"))
    issues = entry.get("page_issues", [])
    if not isinstance(issues, list) or not all(isinstance(i, dict) and isinstance(i.get("page"), str)
                                                and isinstance(i.get("issue"), str) for i in issues):
        found.append(problem("page_issues", "must be a list of {page, issue}", "write - page: … and issue: … for each"))
        issues = []
    if found:
        return None, found
    return Reform(reform_id, title, status, entry["status_verified"], references, dates, summary,  # type: ignore[arg-type]
                  sources or (), page_lists["pages"] or (), page_lists["affects"] or (),
                  tuple(issue["page"] for issue in issues), line), []


def load(path: Path = REFORMS_PATH) -> tuple[list[Reform], list[Finding]]:
    """The reforms that can be shown, in file order, and every problem of the file."""
    label = shown(path)
    if not Path(path).exists():
        return [], [Finding(label, None, "", "the reform list is missing", "create it (see hooks/portal/publish/reforms.py)")]
    try:
        data = read_yaml(Path(path)) or {}
    except DataFileError as error:
        return [], [error.finding]
    entries = data.get("reforms") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return [], [Finding(label, 1, "reforms", "no 'reforms:' list", "list the reforms under 'reforms:'")]
    text = Path(path).read_text(encoding="utf-8-sig")
    lines = {m.group(1): text.count("\n", 0, m.start()) + 1
             for m in re.finditer(r"^\s*-\s+id:\s*[\"']?([\w-]+)[\"']?\s*$", text, re.M)}
    reforms, problems = [], []
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        line = lines.get(str(entry.get("id"))) if isinstance(entry, dict) else None
        reform, found = _entry(entry, number, line, label)
        problems += found
        if reform is None:
            continue
        if reform.id in seen:
            problems.append(Finding(label, line, f"reforms[{number}].id", f"'{reform.id}' is used twice",
                                    "give each reform its own id"))
            continue
        seen.add(reform.id)
        reforms.append(reform)
    return reforms, problems


def shown_groups(reforms: list[Reform], today: datetime.date) -> dict[str, list[Reform]]:
    """The reforms the page shows, by group, newest first."""
    since = add_months(today, -RECENT_MONTHS)
    groups: dict[str, list[Reform]] = {group: [] for group in GROUP_ORDER}
    for reform in reforms:
        if reform.status == "in_force" and not since <= reform.dates["in_force"] <= today:
            continue
        if reform.status in groups:
            groups[reform.status].append(reform)
    for members in groups.values():
        members.sort(key=lambda r: max(r.dates.values(), default=datetime.date.min), reverse=True)
    return groups


def date_text(day: datetime.date, lang: str) -> str:
    """'1 juli 2025' / '1 July 2025' in a <time> element."""
    return f'<time datetime="{day.isoformat()}">{day.day} {MONTHS[lang][day.month - 1]} {day.year}</time>'


def _status_words(reform: Reform, lang: str) -> str:
    words = LABELS[lang]["status"][reform.status]
    if reform.status != "in_force":
        return html.escape(words)
    before, after = words.split("{date}")
    return html.escape(before) + date_text(reform.dates["in_force"], lang) + html.escape(after)


def _source_links(urls: tuple[str, ...]) -> list[str]:
    """Links named by their host ("data.riksdagen.se"; "lagen.nu 1", "lagen.nu 2" when a host repeats):
    a full address as link text would not wrap on a phone."""
    hosts = [urlsplit(url).hostname or url for url in urls]
    return [f'<a href="{html.escape(url)}">{html.escape(host)}'
            f'{f" {hosts[:i + 1].count(host)}" if hosts.count(host) > 1 else ""}</a>'
            for i, (url, host) in enumerate(zip(urls, hosts))]


def render_reform(reform: Reform, lang: str, link_for: Callable[[str], str | None]) -> str:
    labels, esc = LABELS[lang], html.escape
    out = [f'<section class="portal-reform">',
           f'<h3 id="{esc(reform.id)}">{abbreviations.in_html(reform.title[lang], lang)}</h3>',
           f'<p><strong>{esc(labels["status_label"])}:</strong> {_status_words(reform, lang)}</p>']
    if not reform.status_verified:
        before, after = labels["unverified"].split("{date}")
        out.append(f'<p><em>{esc(before)}{date_text(reform.dates["checked"], lang)}{esc(after)}</em></p>')
    facts = [f'<li>{esc(labels["references"])}: {abbreviations.in_html(", ".join(reform.references), lang)}</li>']
    for key in DATES:
        if key in reform.dates and not (key == "checked" and not reform.status_verified):   # said above
            facts.append(f'<li>{esc(labels["dates"][key])}: {date_text(reform.dates[key], lang)}</li>')
    out.append("<ul>" + "".join(facts) + "</ul>")
    out.append(f"<p>{abbreviations.in_html(reform.summary[lang], lang)}</p>")
    links = [link for link in (link_for(page) for page in reform.pages) if link]
    if links:
        out.append(f'<p>{esc(labels["pages"])}: {", ".join(links)}</p>')
    out.append(f'<p>{esc(labels["sources"])}: {", ".join(_source_links(reform.sources))}</p>')
    out.append("</section>")
    return "\n".join(out)


def report(problems: list[Finding]) -> None:
    """Log each problem of the file once per build process: as errors, they stop a strict build."""
    for problem in problems:
        line = problem.format()
        if line not in _logged:
            _logged.add(line)
            log.error(line)


def render(lang: str, link_for: Callable[[str], str | None], today: datetime.date | None = None,
           path: Path = REFORMS_PATH) -> str:
    """HTML of the list in `lang`; `link_for(page)` gives the link to a published page or None."""
    if today is None:
        from .build_state import today as build_today   # build_state imports listings, which imports us
        today = build_today()
    reforms, problems = load(path)
    report(problems)
    groups = shown_groups(reforms, today)
    parts = []
    for group in GROUP_ORDER:
        if groups[group]:
            parts.append(f"<h2>{html.escape(LABELS[lang]['groups'][group])}</h2>")
            parts += [render_reform(reform, lang, link_for) for reform in groups[group]]
    if not parts:
        parts.append(f"<p><em>{html.escape(LABELS[lang]['empty'])}</em></p>")
    return '<div class="portal-reforms">\n' + "\n".join(parts) + "\n</div>\n"
