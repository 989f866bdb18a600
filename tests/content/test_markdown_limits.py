"""Markdown shapes that make the converter slow or crash are refused with their line, in one pass,
and real pages are far from every limit."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from portal.content import markdown_limits
from portal.content.frontmatter import Document

ROOT = Path(__file__).resolve().parents[2]


def findings(body: str) -> list[str]:
    return [f.format() for f in markdown_limits.check(Document("docs/p.sv.md", "p.sv.md", {}, body, 10))]


SHAPES = {
    "unclosed-angle-brackets": ("<a " * 1500, "many '<' that are never closed"),
    "unclosed-square-brackets": ("[" * 3000, "many '[' that are never closed"),
    "long-paragraph": ("ord " * 2000, "paragraph of 8000 characters"),
    "long-heading": ("## " + "a" * 400, "heading is 403 characters long"),
    "deep-list": ("\n".join("    " * level + "- x" for level in range(20)), "nested deeper than 12 levels"),
    "deep-quote": (">" * 30 + " x", "quotes are nested 30 levels deep"),
    "many-abbreviations": ("\n".join(f"*[A{i}]: förklaring" for i in range(150)), "defines more than 100 abbreviations"),
    "many-definitions": ("term\n" + ": def\n" * 150, "150 definition items without a blank line"),
    "many-code-blocks": ("```\nx\n```\n\n" * 250, "has 250 code blocks"),
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_each_slow_shape_is_refused_with_its_line(shape: str) -> None:
    body, expected = SHAPES[shape]
    found = findings(body)
    assert any(expected in line and re.match(r"docs/p\.sv\.md:\d+: body: ", line) and " — " in line for line in found), found


def test_ordinary_markdown_passes() -> None:
    body = ("## Rubrik {#egen}\n\nEtt stycke med [en länk](../x.md), *kursiv*, `kod` och a < b.\n\n"
            "- punkt\n    - underpunkt\n\n> citat\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n*[SoL]: Socialtjänstlagen\n")
    assert findings(body) == []


def test_every_shipped_page_is_within_the_limits() -> None:
    from portal.content import corpus
    loaded = corpus.load(ROOT / "docs", ROOT)
    assert not [f.format() for f in loaded.findings if "never closed" in f.message or "at most" in f.message]


def test_a_comment_that_is_never_closed_is_refused() -> None:
    found = findings("Text.\n\n<!-- en kommentar som aldrig slutar\n\nMer text.\n")
    assert any("docs/p.sv.md:12: body: an HTML comment '<!--' is never closed with '-->'" in line for line in found)
    assert findings("Text <!-- stängd --> och `<!-- i kod`.\n\n```\n<!--\n```\n") == []
