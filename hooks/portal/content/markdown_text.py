"""Markdown text as Python-Markdown reads it, found in one pass: fenced code, code spans, HTML comments
and tags. The checks on page bodies use these instead of regular expressions that backtrack:
a page is hostile input too, and every scanner here is linear in its length.
"""
from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterator

_FENCE_OPEN = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_BACKTICKS = re.compile(r"`+")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_TAG_START = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?=[\s/>]|\Z)")
_SPACE = " \t\n\r\f"


def _blank_span(chars: list[str], start: int, end: int) -> None:
    for index in range(start, end):
        if chars[index] != "\n":
            chars[index] = " "


def fenced_blocks(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) offsets of closed fenced code blocks, line by line. An unclosed fence is not
    code to Python-Markdown, so it is not blanked: its text is checked like any other."""
    offset, opening = 0, None
    for line in text.splitlines(keepends=True):
        match = _FENCE_OPEN.match(line)
        if opening is None:
            if match:
                opening = (offset, match.group(1)[0], len(match.group(1)))
        elif match and match.group(1)[0] == opening[1] and len(match.group(1)) >= opening[2] \
                and not line[match.end():].strip():
            yield opening[0], offset + len(line.rstrip("\r\n"))
            opening = None
        offset += len(line)


def _code_spans(block: str, base: int) -> Iterator[tuple[int, int]]:
    """(start, end) of code spans in one paragraph: a run of n backticks (not escaped) up to the next
    run of exactly n. Linear: each run is looked at once, the next run of a length found by bisect."""
    runs = []
    for match in _BACKTICKS.finditer(block):
        start, length = match.start(), len(match.group(0))
        slashes = 0
        while start - slashes > 0 and block[start - slashes - 1] == "\\":
            slashes += 1
        if slashes % 2:   # an escaped backtick is text; the rest of the run may still open a span
            start, length = start + 1, length - 1
        if length:
            runs.append((start, length))
    by_length: dict[int, list[int]] = {}
    for index, (_, length) in enumerate(runs):
        by_length.setdefault(length, []).append(index)
    index = 0
    while index < len(runs):
        start, length = runs[index]
        candidates = by_length[length]
        position = bisect.bisect_right(candidates, index)
        if position < len(candidates):
            closing = candidates[position]
            yield base + start, base + runs[closing][0] + length
            index = closing + 1
        else:
            index += 1


def _comments(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of HTML comments: '<!--' up to '-->' or '--!>' ('<!-->' and '<!--->' are empty);
    an unclosed comment runs to the end. One pass with str.find."""
    position = text.find("<!--")
    while position != -1:
        if text.startswith(("<!-->", "<!--->"), position):
            end = position + (5 if text.startswith("<!-->", position) else 6)
        else:
            ends = [e for e in (text.find("-->", position + 4), text.find("--!>", position + 4)) if e != -1]
            if not ends:
                yield position, len(text)
                return
            end = min(ends) + (3 if text.startswith("-->", min(ends)) else 4)
        yield position, end
        position = text.find("<!--", end)


def unclosed_comment(text: str) -> int | None:
    """Offset of an HTML comment that is never closed (it would hide the rest of the page), or None."""
    for start, end in _comments(text):
        if end == len(text) and not text.endswith(("-->", "--!>")):
            return start
    return None


def without_fenced_code(body: str) -> str:
    """The body with closed fenced code blocks blanked out, line breaks kept."""
    chars = list(body)
    for start, end in fenced_blocks(body):
        _blank_span(chars, start, end)
    return "".join(chars)


def without_code(body: str, comments: bool = True) -> str:
    """The body with fenced code, code spans and (unless comments=False) HTML comments blanked out:
    their text is shown, not run. Line breaks are kept, so offsets and line numbers stay the same."""
    text = without_fenced_code(body)
    chars = list(text)
    for block_start, block_end in _blocks(text):
        for start, end in _code_spans(text[block_start:block_end], block_start):
            _blank_span(chars, start, end)
    text = "".join(chars)
    if not comments:
        return text
    for start, end in _comments(text):
        _blank_span(chars, start, end)
    return "".join(chars)


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for match in _BLANK_LINE.finditer(text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)


def tags(text: str) -> Iterator[tuple[int, bool, str, dict[str, str]]]:
    """(offset, closing, name, attributes) of every tag, read as the HTML tokenizer reads it: quoted
    values may hold '>', entities in values are decoded. A tag still open at the end of the text is
    reported too (a browser drops it, but Markdown may close it)."""
    position = 0
    while True:
        match = _TAG_START.search(text, position)
        if match is None:
            return
        offset, index, length = match.start(), match.end(), len(text)
        attrs: dict[str, str] = {}
        while index < length and text[index] != ">":
            if text[index] in _SPACE or text[index] == "/":
                index += 1
                continue
            name_start = index
            while index < length and text[index] not in _SPACE + "/>=":
                index += 1
            if index == name_start:   # a lone '=' where a name should be: part of the name, as in HTML
                index += 1
            name = text[name_start:index].lower()
            while index < length and text[index] in _SPACE:
                index += 1
            value = ""
            if index < length and text[index] == "=":
                index += 1
                while index < length and text[index] in _SPACE:
                    index += 1
                if index < length and text[index] in "\"'":
                    quote = text[index]
                    end = text.find(quote, index + 1)
                    end = length if end == -1 else end
                    value, index = text[index + 1:end], end + 1
                else:
                    value_start = index
                    while index < length and text[index] not in _SPACE + ">":
                        index += 1
                    value = text[value_start:index]
            attrs.setdefault(name, html.unescape(value))
        yield offset, bool(match.group(1)), match.group(2).lower(), attrs
        position = max(index + 1, match.end())
