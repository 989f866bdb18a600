"""Headings: every built page has exactly one h1, and no heading level is skipped (h2 → h4).

Screen-reader users move through a page by its headings; a missing or second h1 and a jump in levels
break that outline. The page title is the h1 (MkDocs makes it from the front matter `title` or the
first `# heading`); the sections of a page are `##`, their subsections `###`.
"""
from __future__ import annotations

from pathlib import Path

from ..content.datafiles import ROOT
from ..content.findings import Finding
from . import built_site
from .html_outline import Outline, Problem

NAME = "headings"


def inspect(outline: Outline, page: built_site.BuiltPage | None = None) -> list[Problem]:
    problems: list[Problem] = []
    h1s = [h for h in outline.headings if h.level == 1]
    if not h1s:
        problems.append(Problem("h1", "the page has no h1 heading",
                                "give the page a title (front matter `title`) or start the text with one `# Heading`",
                                True))
    for extra in h1s[1:]:
        problems.append(Problem("h1", f"a second h1 heading: {extra.text!r} (the page has {len(h1s)})",
                                "a page has one `# Heading`, its title; make the others `## Heading`",
                                extra.in_content, (f"# {extra.text}", extra.text)))
    previous = 0
    for heading in outline.headings:
        if previous and heading.level > previous + 1:
            hashes = "#" * heading.level
            problems.append(Problem(
                f"h{heading.level}",
                f"heading level skipped: {heading.text!r} is h{heading.level} right after an h{previous}",
                f"make it {'#' * (previous + 1)} (h{previous + 1}) or add the missing level above it",
                heading.in_content, (f"{hashes} {heading.text}", heading.text)))
        elif not previous and heading.level != 1:
            problems.append(Problem(
                f"h{heading.level}", f"the first heading {heading.text!r} is h{heading.level}, not the page's h1",
                "the page title (h1) comes first; put other headings after it", heading.in_content,
                ("#" * heading.level + f" {heading.text}", heading.text)))
        previous = heading.level
    return problems


def run(site_dir: Path, docs_dir: Path | None = None, root: Path = ROOT) -> list[Finding]:
    return built_site.static_findings(site_dir, docs_dir or root / "docs", root, inspect)
