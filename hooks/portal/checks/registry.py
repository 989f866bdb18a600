"""Every check `make check` runs, in the order it runs them. Add a check with one line here.

A check is a module with a function `run(...) -> list[Finding]`. The runner passes the arguments the
function names, by name (see `portal.checks.runner.Context`):

    corpus    every page under docs/, read and validated once (portal.content.corpus.Corpus)
    config    data/checks.yml as a dict (each check reads its own section)
    root      the project folder; docs_dir the content folder; today the date the checks use
    site_dir  the production build made for the checks (only for checks with site=True)

`site=True` checks need the built HTML: the runner builds the site once (strict) before them.
`fast=False` checks are left out of `python -m portal check --fast` (pre-commit).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Check:
    name: str          # what `python -m portal check NAME` and data/checks.yml call it
    module: str        # the module with run(...)
    summary: str       # one line for `python -m portal check --list`
    site: bool = False
    fast: bool = True


CHECKS: list[Check] = [
    Check("frontmatter", "portal.checks.frontmatter", "front matter schema, required sections, links to unpublished pages"),
    Check("review", "portal.checks.review_dates", "overdue reviews (error after the grace period), reviewer and date of approved pages"),
    Check("translations", "portal.checks.translations", "every Swedish page translated or listed as untranslated; out-of-date translations"),
    Check("changes", "portal.checks.changes", "approved pages whose text changed without a change entry (make changed)"),
    Check("terminology", "portal.checks.terminology", "deprecated terms from data/glossary.yml, naming the preferred term"),
    Check("abbreviations", "portal.checks.abbreviations", "abbreviations used without an explanation"),
    Check("readability", "portal.checks.readability", "LIX per page against the thresholds in data/checks.yml"),
    Check("spelling", "portal.checks.spelling", "hunspell (sv_SE, en_GB) with data/wordlist-sv.txt and data/wordlist-en.txt"),
    Check("statutes", "portal.checks.statutes", "statute references: canonical SFS form, every statute in data/statutes.yml"),
    Check("law-status", "portal.checks.law_status", "approved pages citing a repealed statute as current; enacted statutes called proposals"),
    Check("reform-links", "portal.checks.reform_links", "data/reforms.yml usable and not stale; pages citing a pending reform link the list of law changes"),
    Check("contacts", "portal.checks.contacts", "phone numbers only from verified lines in data/contacts.yml, each checked within six months"),
    Check("content-safety", "portal.checks.content_safety", "raw HTML allowlist, scripts, event handlers, javascript: URLs, iframes"),
    Check("links", "portal.checks.links", "internal links and #anchors in the built HTML, across languages", site=True, fast=False),
    Check("accessibility", "portal.checks.accessibility", "axe-core (WCAG 2.1 A/AA) on every built page", site=True, fast=False),
    Check("headings", "portal.checks.headings", "one h1 per built page, no skipped heading levels", site=True, fast=False),
    Check("image-alt", "portal.checks.image_alt", "alt text on every image of the built pages", site=True, fast=False),
    Check("link-text", "portal.checks.link_text", "no link text like 'här', 'click here' or 'läs mer' alone", site=True, fast=False),
]


def by_name() -> dict[str, Check]:
    return {check.name: check for check in CHECKS}
