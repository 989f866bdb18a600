"""A page's Markdown reduced to the prose a reader reads, line by line, for the language checks.

Kept: the title, description and do_now steps from the front matter, headings, paragraphs, list items, table cells,
quotations, admonition titles, link texts and image alt texts. Left out: the rest of the front matter,
fenced code and inline code, link and image URLs, bare URLs, HTML tags (their text is kept), HTML
comments, attribute lists, abbreviation and link reference definitions.

A line may opt out of named checks with `<!-- ignore-check: terminology, spelling -->`, written on the
line itself or alone on the line before it.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Iterator

from .frontmatter import Document

IGNORE_MARKER = re.compile(r"<!--\s*ignore-check:\s*([\w ,-]+?)\s*-->")
_FENCE = re.compile(r"^\s*(```+|~~~+)")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_LIST_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?(.*)$")
_DEF_ITEM = re.compile(r"^(\s*):\s{1,4}(.*)$")
_QUOTE = re.compile(r"^\s*>\s?(.*)$")
_ADMONITION = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s*[\w-]+(?:\s+[\w-]+)*(?:\s+\"(.*)\")?\s*$")
_TABS = re.compile(r"^\s*===\+?\s+\"(.*)\"\s*$")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_SKIP_LINE = re.compile(r"^\s*(\*\[[^\]]+\]:|\[[^\]^][^\]]*\]:\s*\S|\{:?\s*[#.][^}]*\}\s*$|</?\w+[^>]*>\s*$)")
_FOOTNOTE_DEF = re.compile(r"^\s*\[\^[^\]]+\]:\s*(.*)$")

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)(\{[^}]*\})?")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)|\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^>]+>|\bhttps?://\S+|\b[\w.+-]+@[\w-]+\.[\w.]+")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_ATTR_LIST = re.compile(r"\{\s*:?\s*[#.][^}]*\}|\{\s*:\s*[^}]*\}|\{lang=\w+\}")
_FOOTNOTE_REF = re.compile(r"\[\^[^\]]+\]")
_EMPHASIS = re.compile(r"\*{1,3}|(?<!\w)_{1,3}|_{1,3}(?!\w)|~~|==")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")


@dataclass(frozen=True)
class Line:
    number: int                 # line in the file
    text: str                   # the prose on that line
    kind: str                   # title, description, do_now, heading, paragraph, list, table, quote
    block: int                  # lines of the same paragraph, list item, heading or table row share it
    ignore: frozenset[str] = frozenset()


def code_free_lines(body: str, start: int) -> Iterator[tuple[int, str]]:
    """(line number, line) of a Markdown body outside fenced code, with code spans blanked out."""
    fence = None
    for number, line in enumerate(body.splitlines(), start=start):
        stripped = line.strip()
        if fence:
            fence = None if stripped.startswith(fence) else fence
            continue
        if stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
            continue
        yield number, re.sub(r"`[^`]*`", " ", line)


def inline(text: str) -> str:
    """One line of Markdown without its markup."""
    text = _COMMENT.sub(" ", text)
    text = _CODE.sub(" ", text)
    text = _IMAGE.sub(lambda m: m.group(1), text)
    text = _LINK.sub(lambda m: m.group(1) or m.group(2), text)
    text = _AUTOLINK.sub(" ", text)
    text = _TAG.sub(" ", text)
    text = _ATTR_LIST.sub("", text)
    text = _FOOTNOTE_REF.sub("", text)
    text = _ESCAPE.sub(lambda m: "\x00" + m.group(1), text)
    text = _EMPHASIS.sub("", text).replace("\x00", "")
    text = html.unescape(text)
    return " ".join(text.split())


def _markers(raw: str) -> frozenset[str]:
    names: set[str] = set()
    for match in IGNORE_MARKER.finditer(raw):
        names.update(part.strip() for part in match.group(1).split(",") if part.strip())
    return frozenset(names)


def lines(doc: Document) -> list[Line]:
    """The prose of a page, in file order (worked out once per page: several checks read it)."""
    return list(doc.derived("prose.lines", _lines))


def _lines(doc: Document) -> list[Line]:
    out: list[Line] = []
    block = 0
    for key, kind in (("title", "title"), ("description", "description")):
        value = doc.meta.get(key)
        if isinstance(value, str) and value.strip():
            block += 1
            out.append(Line(doc.line_of((key,)) or 1, " ".join(value.split()), kind, block))
    steps = doc.meta.get("do_now")
    for index, step in enumerate(steps if isinstance(steps, list) else []):
        if isinstance(step, str) and step.strip():   # "Gör detta nu": read first, so checked as prose too
            block += 1
            out.append(Line(doc.line_of(("do_now", index)) or 1, " ".join(step.split()), "do_now", block))
    fence: str | None = None
    in_comment = False
    pending_ignore: frozenset[str] = frozenset()
    kind = "paragraph"
    for number, raw in enumerate(doc.body.splitlines(), start=doc.body_start_line):
        if fence is not None:
            if raw.strip().startswith(fence):
                fence = None
            continue
        fenced = _FENCE.match(raw)
        if fenced:
            fence = fenced.group(1)[:3]
            block += 1
            continue
        ignore = _markers(raw) | pending_ignore
        if in_comment:
            if "-->" not in raw:
                continue
            raw, in_comment = raw.split("-->", 1)[1], False
        if "<!--" in _COMMENT.sub("", raw):
            raw, in_comment = _COMMENT.sub("", raw).split("<!--", 1)[0], True
        stripped = raw.strip()
        if not stripped:
            block += 1
            kind = "paragraph"
            continue
        if IGNORE_MARKER.fullmatch(stripped):
            pending_ignore = _markers(raw)
            continue
        pending_ignore = frozenset()
        if _SKIP_LINE.match(raw) or _TABLE_SEPARATOR.match(raw):
            continue
        footnote = _FOOTNOTE_DEF.match(raw)
        heading = _HEADING.match(raw)
        item = _LIST_ITEM.match(raw) or _DEF_ITEM.match(raw)
        quote = _QUOTE.match(raw)
        admonition = _ADMONITION.match(raw) or _TABS.match(raw)
        if heading:
            block += 1
            text, kind = heading.group(2), "heading"
            out.append(Line(number, inline(text), kind, block, ignore))
            block += 1
            kind = "paragraph"
            continue
        if admonition:
            block += 1
            if admonition.group(1):
                out.append(Line(number, inline(admonition.group(1)), "heading", block, ignore))
            block += 1
            kind = "paragraph"
            continue
        if stripped.startswith("|") or (kind == "table" and "|" in stripped):
            block += 1
            cells = [cell for cell in re.split(r"(?<!\\)\|", stripped.strip("|"))]
            text = " ; ".join(filter(None, (inline(cell) for cell in cells)))
            kind = "table"
            out.append(Line(number, text, kind, block, ignore))
            continue
        if footnote:
            block += 1
            text, kind = footnote.group(1), "paragraph"
        elif quote:
            if kind != "quote":
                block += 1
            text, kind = quote.group(1), "quote"
            if _LIST_ITEM.match(text):
                block += 1
                text = _LIST_ITEM.match(text).group(2)  # type: ignore[union-attr]
        elif item:
            block += 1
            text, kind = item.group(2), "list"
        else:
            text = raw
            if kind not in ("list", "quote", "paragraph"):
                kind = "paragraph"
        cleaned = inline(text)
        if cleaned:
            out.append(Line(number, cleaned, kind, block, ignore))
    return out


def blocks(prose: list[Line], kinds: tuple[str, ...] = ("paragraph", "list", "quote")) -> list[str]:
    """The text of each block (paragraph, list item …) of the given kinds, lines joined."""
    joined: dict[int, list[str]] = {}
    for line in prose:
        if line.kind in kinds:
            joined.setdefault(line.block, []).append(line.text)
    return [" ".join(parts) for _, parts in sorted(joined.items())]


_QUOTATION = re.compile(r"\"[^\"]*\"|“[^”]*”|”[^”]*”|«[^»]*»|»[^»]*»|„[^“”]*[“”]")


def without_quotations(text: str) -> str:
    """The text with quoted passages ("…", ”…”, “…”, «…») blanked out, keeping positions."""
    return _QUOTATION.sub(lambda m: " " * len(m.group(0)), text)
