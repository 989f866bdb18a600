"""Shapes of Markdown that make the converter slow or crash, refused with their line number.

Python-Markdown reads some shapes in time that grows with the square of a paragraph's length
(many '<' or '[' that never close: each one makes it scan to the end of the paragraph), recurses
once per nesting level or definition item (a few hundred levels end in RecursionError), and
compares every abbreviation with all the text. Real pages stay far from all of these (the longest
paragraph of the shipped pages is 2,220 characters, the deepest list 3 levels), so the limits
below cost editors nothing and keep a hostile page from costing the build minutes. Each limit is a
number here, checked in one pass over the page; the build's watchdog (hooks/portal_hooks.py) is
the backstop for shapes nobody has listed yet.
"""
from __future__ import annotations

from collections.abc import Iterator

from .findings import Finding
from .frontmatter import Document
from .markdown_text import unclosed_comment, without_code, without_fenced_code

MAX_BLOCK_CHARS = 5_000         # a paragraph, list or table between blank lines
MAX_HEADING_CHARS = 300
MAX_INDENT_COLUMNS = 48         # twelve levels of four spaces
MAX_QUOTE_DEPTH = 8
MAX_ABBREVIATIONS = 100
MAX_DEFINITION_ITEMS = 100      # ': definition' lines in one block
MAX_FENCES = 200
# Characters the converter scans forward from to find their partner; the work for one is the
# distance to the partner (or to the end of the paragraph). Ordinary text spends a few characters
# per opener; the limit is the average over a paragraph, in characters of scanning per character.
PARTNERS = {"<": ">", "[": "]"}
MAX_SCAN_PER_CHAR = 12
_FIX_SPLIT = "split it into shorter paragraphs or lists"


def _blocks(text: str) -> Iterator[tuple[int, str]]:
    """(first line index, text) of the blocks between blank lines."""
    start, lines = 0, []
    for index, line in enumerate(text.split("\n")):
        if line.strip():
            if not lines:
                start = index
            lines.append(line)
        elif lines:
            yield start, "\n".join(lines)
            lines = []
    if lines:
        yield start, "\n".join(lines)


def scan_work(block: str) -> dict[str, int]:
    """For each opener character: the sum of the distances to its partner (or the block's end)."""
    work = {opener: 0 for opener in PARTNERS}
    next_partner = {opener: len(block) for opener in PARTNERS}
    closers = {closer: opener for opener, closer in PARTNERS.items()}
    for position in range(len(block) - 1, -1, -1):
        char = block[position]
        if char in closers:
            next_partner[closers[char]] = position
        elif char in work:
            work[char] += next_partner[char] - position
    return work


def check(doc: Document) -> list[Finding]:
    text = without_code(doc.body)
    findings: list[Finding] = []

    def add(index: int, message: str, fix: str) -> None:
        findings.append(Finding(doc.path, doc.body_start_line + index, "body", message, fix))

    abbreviations = 0
    # Indentation and quotes from the text with code blocks blanked (code spans blanked would look
    # like indentation); the other limits from the text without any code.
    for index, line in enumerate(without_fenced_code(doc.body).split("\n")):
        stripped = line.lstrip(" \t>")
        if line.startswith("#") and len(line) > MAX_HEADING_CHARS:
            add(index, f"heading is {len(line)} characters long (at most {MAX_HEADING_CHARS})", "shorten the heading")
        indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))
        if indent > MAX_INDENT_COLUMNS and line.strip():
            add(index, f"is indented {indent} columns, nested deeper than {MAX_INDENT_COLUMNS // 4} levels",
                "flatten the list: at most a few levels help a reader")
        depth = line[: len(line) - len(stripped)].count(">")
        if depth > MAX_QUOTE_DEPTH:
            add(index, f"quotes are nested {depth} levels deep (at most {MAX_QUOTE_DEPTH})", "flatten the quotation")
        if stripped.startswith("*[") and "]:" in stripped:
            abbreviations += 1
            if abbreviations == MAX_ABBREVIATIONS + 1:
                add(index, f"defines more than {MAX_ABBREVIATIONS} abbreviations",
                    "explain abbreviations in data/glossary.yml; the build adds them to every page")
    with_comments = without_code(doc.body, comments=False)
    comment = unclosed_comment(with_comments)
    if comment is not None:   # the converter re-reads the rest of the page for every '<!--' after it
        add(with_comments.count("\n", 0, comment), "an HTML comment '<!--' is never closed with '-->'",
            "close it with '-->' or remove it")
    fences = doc.body.count("\n```") + doc.body.count("\n~~~") + doc.body.startswith(("```", "~~~"))
    if fences > 2 * MAX_FENCES:
        add(0, f"has {fences // 2} code blocks (at most {MAX_FENCES})", "split the page")
    for start, block in _blocks(text):
        if len(block) > MAX_BLOCK_CHARS:
            add(start, f"paragraph of {len(block)} characters (at most {MAX_BLOCK_CHARS})", _FIX_SPLIT)
            continue
        items = sum(1 for line in block.split("\n") if line.startswith(":") and line[1:2] in (" ", "\t"))
        if items > MAX_DEFINITION_ITEMS:
            add(start, f"{items} definition items without a blank line (at most {MAX_DEFINITION_ITEMS})",
                "put a blank line between groups of terms")
        for opener, work in scan_work(block).items():
            if work > MAX_SCAN_PER_CHAR * max(len(block), 200):
                add(start, f"paragraph has many '{opener}' that are never closed with '{PARTNERS[opener]}'",
                    f"close them, or write them as text (\\{opener}); {_FIX_SPLIT}")
    return findings
