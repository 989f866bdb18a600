"""The quality report of a preview build: drafts, overdue reviews, untranslated and out-of-date
translations, LIX per page and the open findings of the checks that need no build, as data (the JSON
at /kvalitet/report.json) and as a Markdown page in Swedish and English (/kvalitet/, /en/kvalitet/).

It runs the same check modules as `make check` (portal.checks.registry, `fast` checks); the checks on
built HTML (links, accessibility) need a finished build and are left to `make check`.
"""
from __future__ import annotations

import datetime
import html
from pathlib import Path
from typing import Any

from ..content import review
from . import readability, registry, review_dates, translations
from .runner import Context, run_check
from ..content.corpus import Corpus
from ..content.frontmatter import Document

PAGE_PATH = "kvalitet/index"
JSON_PATH = "kvalitet/report.json"

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
        "above": "över gränsen", "file": "Fil",
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
        "above": "above the threshold", "file": "File",
    },
}


def _title(doc: Document) -> str:
    return str(doc.meta.get("title") or doc.base)


def _page(doc: Document) -> dict[str, Any]:
    return {"path": doc.path, "base": doc.base, "lang": doc.lang, "title": _title(doc), "type": doc.meta.get("type")}


def collect(corpus: Corpus, config: dict[str, Any], today: datetime.date, root: Path, docs_dir: Path) -> dict[str, Any]:
    """The report as plain data (what report.json holds)."""
    context = Context(root=root, docs_dir=docs_dir, config=config, today=today, _corpus=corpus)
    results = [run_check(check, context) for check in registry.CHECKS if check.fast]
    grace = review_dates.grace_days(config)
    state = translations.status(corpus, config)
    from ..content.translation import recorded_revision, revision
    reviews = []
    for doc in sorted(corpus.docs, key=lambda d: d.path):
        meta = doc.meta.get("review") if isinstance(doc.meta.get("review"), dict) else {}
        due = review.next_review(doc.meta)
        reviews.append({**_page(doc), "status": meta.get("status", "draft"), "reviewed_by": meta.get("reviewed_by"),
                        "last_reviewed": str(meta.get("last_reviewed") or "") or None,
                        "next_review": due.isoformat() if due else None})
    return {
        "generated": today.isoformat(),
        "summary": {
            "pages": len(corpus.docs),
            "drafts": sum(1 for r in reviews if r["status"] != "approved"),
            "overdue": len(review_dates.overdue(corpus.docs, today, grace)),
            "untranslated": len(state.untranslated), "missing_translations": len(state.missing),
            "out_of_date": len(state.out_of_date),
            "errors": sum(r.errors for r in results), "warnings": sum(r.warnings for r in results),
        },
        "drafts": [r for r in reviews if r["status"] != "approved"],
        "overdue": [{**_page(o.doc), "due": o.due.isoformat(), "days": o.days, "error": o.error, "grace_days": grace}
                    for o in review_dates.overdue(corpus.docs, today, grace)],
        "untranslated": [{**_page(doc), "reason": reason} for doc, reason in state.untranslated],
        "missing_translations": [_page(doc) for doc in state.missing],
        "out_of_date": [{**_page(english), "swedish": swedish.path, "recorded": recorded_revision(english),
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


def _cell(text: Any) -> str:
    """A table cell of text: '<' and '&' written as entities, so a finding that quotes markup shows it, and
    braces too, so that a finding quoting `listing: {of: reforms}` is not read as an attribute list."""
    text = html.escape(str(text if text is not None else ""), quote=False)
    return text.replace("{", "&#123;").replace("}", "&#125;").replace("|", "\\|").replace("\n", " ")


def _link(entry: dict[str, Any], from_path: str) -> str:
    """A Markdown link from the report page to the page (the build resolves it per language)."""
    depth = from_path.count("/")
    target = "../" * depth + entry["base"] + ".md"
    return f"[{_cell(entry['title'])}]({target})"


def _table(header: list[str], rows: list[list[Any]], none: str) -> str:
    if not rows:
        return none + "\n"
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(_cell(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def render(report: dict[str, Any], lang: str, from_path: str = PAGE_PATH) -> str:
    """The report page in `lang` (Markdown)."""
    t = LABELS[lang]
    s = report["summary"]
    # Raw HTML: MkDocs validates Markdown links against pages, and the JSON is not one.
    json_href = "../" * (from_path.count("/") + (0 if lang == "sv" else 1)) + JSON_PATH
    out = [f"# {t['title']}\n", t["intro"].format(json=f'<a href="{json_href}">report.json</a>') + "\n", f"{t['generated']}: {report['generated']}\n",
           f"## {t['summary']}\n",
           _table([t["what"], "#"], [[t["pages"], s["pages"]], [t["drafts"], s["drafts"]], [t["overdue"], s["overdue"]],
                                     [t["untranslated"], s["untranslated"]], [t["missing"], s["missing_translations"]],
                                     [t["out_of_date"], s["out_of_date"]], [t["findings"] + f" ({t['errors']})", s["errors"]],
                                     [t["findings"] + f" ({t['warnings']})", s["warnings"]]], t["none"])]
    out += [f"## {t['drafts']}\n", _table([t["page"], t["language"], t["status"], t["file"]],
                                          [[_link(d, from_path), d["lang"], d["status"], f"`{d['path']}`"]
                                           for d in report["drafts"]], t["none"])]
    out += [f"## {t['overdue']}\n", _table([t["page"], t["due"], t["days"], ""],
                                           [[_link(o, from_path), o["due"], o["days"], t["error_after"] if o["error"] else ""]
                                            for o in report["overdue"]], t["none"])]
    out += [f"## {t['untranslated']}\n", _table([t["page"], t["reason"]],
                                                [[_link(u, from_path), u["reason"]] for u in report["untranslated"]]
                                                + [[_link(m, from_path), t["missing"]] for m in report["missing_translations"]],
                                                t["none"])]
    out += [f"## {t['out_of_date']}\n", _table([t["translation"], t["recorded"], t["current"]],
                                               [[_link(o, from_path), o["recorded"], o["current"]]
                                                for o in report["out_of_date"]], t["none"])]
    out += [f"## {t['readability']}\n", _table(
        [t["page"], t["language"], t["type"], t["lix"], t["band"], t["words"], t["threshold"], ""],
        [[_link(r, from_path), r["lang"], r["type"], f"{r['lix']:g}", r["band"], r["words"], f"{r['threshold']:g}",
          t["above"] if r["above"] else ""] for r in sorted(report["readability"], key=lambda r: -r["lix"])], t["none"])]
    out += [f"## {t['reviews']}\n", _table([t["page"], t["language"], t["status"], t["reviewer"], t["reviewed"], t["next"]],
                                           [[_link(r, from_path), r["lang"], r["status"], r["reviewed_by"] or "–",
                                             r["last_reviewed"] or "–", r["next_review"] or "–"]
                                            for r in report["reviews"]], t["none"])]
    out += [f"## {t['findings']}\n", _table(
        [t["check"], t["where"], t["what"], t["fix"]],
        [[f["check"] + ("" if f["severity"] == "error" else " (warning)"),
          f"`{f['path']}:{f['line']}`" if f["line"] else f"`{f['path']}`", f["message"], f["fix"]]
         for f in sorted(report["findings"], key=lambda f: (f["severity"] != "error", f["check"], f["path"], f["line"] or 0))],
        t["none"])]
    return "\n".join(out)
