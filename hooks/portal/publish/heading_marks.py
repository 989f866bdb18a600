"""Two marks on the headings of a converted page, made with a real HTML parser:

- the page's title (its first h1) becomes the skip link's target: tabindex="-1", so that following
  the skip link moves the keyboard focus there and a screen reader starts reading at the title;
- the permalink after each heading ('¶', Python-Markdown's toc extension) is labelled in the page's
  language and taken out of the tab order: a keyboard user would otherwise stop at one after every
  heading. It stays a link a mouse user can click or copy.
"""
from __future__ import annotations

import html
from collections.abc import Callable
from html.parser import HTMLParser

from ..content.remember import while_serving

_Attrs = list[tuple[str, str | None]]


class _StartTags(HTMLParser):
    """Offsets and attributes of the start tags `wanted` selects, in document order."""

    def __init__(self, wanted: Callable[[str, dict[str, str]], bool]) -> None:
        super().__init__(convert_charrefs=True)
        self.wanted = wanted
        self.found: list[tuple[int, int, str, dict[str, str]]] = []   # (line, column, raw tag, attrs)

    def handle_starttag(self, tag: str, attrs: _Attrs) -> None:
        values = {name: value or "" for name, value in attrs}
        if self.wanted(tag, values):
            line, column = self.getpos()
            self.found.append((line, column, self.get_starttag_text() or "", values))

    handle_startendtag = handle_starttag


def _rewrite(text: str, wanted: Callable[[str, dict[str, str]], bool],
             new_tag: Callable[[str, dict[str, str]], str], limit: int | None = None) -> str:
    """`text` with the start tags `wanted` selects (the first `limit` of them) replaced by `new_tag`."""
    parser = _StartTags(wanted)
    if limit is None:
        parser.feed(text)
    else:
        # Read no further than the tags wanted: a page's title is at the top of what may be a long page.
        for chunk in range(0, len(text), _CHUNK):
            parser.feed(text[chunk:chunk + _CHUNK])
            if len(parser.found) >= limit:
                break
    parser.close()
    chosen = parser.found[:limit]
    line_starts = _line_starts(text, [line for line, _, _, _ in chosen])
    pieces, cursor = [], 0
    for line, column, raw, attrs in chosen:
        start = line_starts[line] + column
        if text[start:start + len(raw)] != raw:   # the parser's position must name this very tag
            raise ValueError(f"could not locate {raw[:40]!r} in the page's HTML")
        pieces += [text[cursor:start], new_tag(raw, attrs)]
        cursor = start + len(raw)
    return "".join(pieces) + text[cursor:]


_CHUNK = 16_384


def _line_starts(text: str, lines: list[int]) -> dict[int, int]:
    """The offset in `text` where each of the given (1-based) lines starts."""
    starts, line, offset = {}, 1, 0
    for wanted in sorted(set(lines)):
        while line < wanted:
            offset = text.index("\n", offset) + 1
            line += 1
        starts[wanted] = offset
    return starts


def _with_attributes(tag: str, raw: str, attrs: dict[str, str], changes: dict[str, str]) -> str:
    merged = dict(attrs, **changes)
    written = "".join(f' {name}="{html.escape(value, quote=True)}"' for name, value in merged.items())
    return f"<{tag}{written}{' /' if raw.endswith('/>') else ''}>"


@while_serving(maxsize=4096)   # the same page again at every save of `make serve`
def mark_title(text: str, fallback_id: str) -> tuple[str, str | None]:
    """The first h1 of `text` made focusable by the skip link (tabindex="-1"; `fallback_id` when it
    has no id). Returns the HTML and the h1's id, or the HTML unchanged and None without an h1."""
    found: list[str] = []

    def new_tag(raw: str, attrs: dict[str, str]) -> str:
        found.append(attrs.get("id") or fallback_id)
        return _with_attributes("h1", raw, attrs, {"id": found[0], "tabindex": "-1"})

    marked = _rewrite(text, lambda tag, _: tag == "h1", new_tag, limit=1)
    return (marked, found[0]) if found else (text, None)


@while_serving(maxsize=4096)
def label_permalinks(text: str, label: str) -> str:
    """Every heading permalink (a.headerlink) titled and named `label`, out of the tab order."""
    def is_permalink(tag: str, attrs: dict[str, str]) -> bool:
        return tag == "a" and "headerlink" in attrs.get("class", "").split()

    def new_tag(raw: str, attrs: dict[str, str]) -> str:
        return _with_attributes("a", raw, attrs, {"title": label, "aria-label": label, "tabindex": "-1"})

    return _rewrite(text, is_permalink, new_tag)
