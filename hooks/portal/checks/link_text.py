"""Link text: a link says where it leads, also read on its own ("här", "click here" and "läs mer" do not).

Screen-reader users list a page's links out of context; WCAG 2.4.4. Write the link on the words that
name the target: `Läs mer i [vägledningen om orosanmälan](../vagledning/orosanmalan.md)`. The list of
vague texts is in data/checks.yml `link_text.vague` (the defaults below are used when it is missing).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..content.datafiles import ROOT
from ..content.findings import Finding
from . import built_site
from .html_outline import Outline, Problem

NAME = "link-text"
DEFAULT_VAGUE = ("här", "klicka här", "klicka", "läs mer", "läs här", "se här", "mer", "länk", "denna länk",
                 "den här länken", "click here", "click", "here", "read more", "more", "link", "this link",
                 "see here", "read here")
_TRIM = re.compile(r"^[\s\W_]+|[\s\W_]+$")


def vague_texts(config: dict[str, Any] | None) -> set[str]:
    section = (config or {}).get("link_text") or {}
    return {str(text).lower() for text in (section.get("vague") or DEFAULT_VAGUE)}


def inspect_with(vague: set[str]):
    def inspect(outline: Outline, page: built_site.BuiltPage | None = None) -> list[Problem]:
        problems: list[Problem] = []
        headings = {heading.text for heading in outline.headings}
        for link in outline.links:
            name = link.name
            if link.href.startswith("#") and link.text in headings:
                continue  # a table-of-contents entry: it repeats the section's heading
            plain = _TRIM.sub("", name).lower()
            if not name.strip():
                if link.in_content:
                    problems.append(Problem("link text", f"a link to {link.href!r} has no text",
                                            "write the link on words that say where it leads: [title of the page](x.md)",
                                            True, (f"]({link.href}",)))
                continue
            if plain in vague:
                problems.append(Problem("link text", f"link text {name!r} (to {link.href!r}) does not say where "
                                        "the link leads", f"put the link on the words that name the target, e.g. "
                                        f"'läs [vägledningen om orosanmälan](…)' instead of '[{name}](…)'",
                                        link.in_content, (f"[{link.text}]", f"]({link.href}")))
        return problems
    return inspect


def run(site_dir: Path, docs_dir: Path | None = None, root: Path = ROOT,
        config: dict[str, Any] | None = None) -> list[Finding]:
    return built_site.static_findings(site_dir, docs_dir or root / "docs", root, inspect_with(vague_texts(config)))
