"""Headings and body text of a page's rendered HTML (the Markdown as converted, before the theme)."""
from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

HEADINGS = {"h2", "h3", "h4", "h5", "h6"}
SKIPPED = {"script", "style", "template", "h1"}
BLOCKS = {"p", "li", "dt", "dd", "td", "th", "div", "section", "blockquote", "pre", "br", "tr", "summary",
          "figcaption", "details", "table", "ul", "ol", "dl"}


@dataclass
class PageText:
    headings: list[str] = field(default_factory=list)
    body: str = ""


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[str] = []
        self.body: list[str] = []
        self._heading: list[str] | None = None
        self._skip = 0          # depth inside skipped elements
        self._stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        skipped = tag in SKIPPED or "headerlink" in classes
        if tag in ("br", "img", "hr", "input", "wbr"):
            if tag == "br":
                self._text(" ")
            return
        self._stack.append(tag if not skipped else "!" + tag)
        if skipped:
            self._skip += 1
        elif tag in HEADINGS and self._heading is None:
            self._heading = []
        elif tag in BLOCKS:
            self._text(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag not in self._stack and "!" + tag not in self._stack:
            return
        while self._stack:
            top = self._stack.pop()
            if top.startswith("!"):
                self._skip -= 1
            if top.lstrip("!") == tag:
                break
        if tag in HEADINGS and self._heading is not None and not any(t in HEADINGS for t in self._stack):
            text = " ".join("".join(self._heading).split())
            if text:
                self.headings.append(text)
            self._heading = None
        elif tag in BLOCKS:
            self._text(" ")

    def handle_data(self, data: str) -> None:
        self._text(data)

    def _text(self, data: str) -> None:
        if self._skip:
            return
        if self._heading is not None:
            self._heading.append(data)
        else:
            self.body.append(data)


def page_text(html: str) -> PageText:
    parser = _Extractor()
    parser.feed(html)
    parser.close()
    return PageText(parser.headings, " ".join("".join(parser.body).split()))
