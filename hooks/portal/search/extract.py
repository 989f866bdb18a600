"""Headings, body text and sections of a page's rendered HTML (the Markdown as converted, before the theme).

A section starts at each h2 or h3 that has an id (its anchor, which Markdown's toc extension writes) and
runs to the next one; the text before the first is section 0, the top of the page. The search links a
result to the section that answers the query (engine.Hit.section).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from ..content.remember import while_serving

HEADINGS = {"h2", "h3", "h4", "h5", "h6"}
SECTION_HEADINGS = {"h2", "h3"}
SKIPPED = {"script", "style", "template", "h1"}
BLOCKS = {"p", "li", "dt", "dd", "td", "th", "div", "section", "blockquote", "pre", "br", "tr", "summary",
          "figcaption", "details", "table", "ul", "ol", "dl"}


@dataclass
class Section:
    anchor: str = ""            # the heading's id; "" for the top of the page
    heading: str = ""
    body: str = ""


@dataclass
class PageText:
    headings: list[str] = field(default_factory=list)
    body: str = ""
    sections: list[Section] = field(default_factory=lambda: [Section()])


def _squash(parts: list[str]) -> str:
    return " ".join("".join(parts).split())


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[str] = []
        self.body: list[str] = []
        self.sections: list[tuple[str, list[str], list[str]]] = [("", [], [])]   # anchor, heading, body
        self._heading: list[str] | None = None
        self._skip = 0          # depth inside skipped elements
        self._stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
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
            if tag in SECTION_HEADINGS and attributes.get("id") and not self._skip:
                self.sections.append((str(attributes["id"]), self._heading, []))
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
            text = _squash(self._heading)
            if text:
                self.headings.append(text)
                if self.sections[-1][1] is not self._heading:   # an h4-h6: part of its section's text
                    self.sections[-1][2].append(" " + text + " ")
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
            self.sections[-1][2].append(data)


def page_text(html: str) -> PageText:
    headings, body, sections = _parsed(html)
    return PageText(list(headings), body, [Section(*section) for section in sections])


@while_serving(maxsize=4096)   # the same pages again at every save of `make serve`
def _parsed(html: str) -> tuple[tuple[str, ...], str, tuple[tuple[str, str, str], ...]]:
    parser = _Extractor()
    parser.feed(html)
    parser.close()
    sections = tuple((anchor, _squash(heading), _squash(body)) for anchor, heading, body in parser.sections)
    return tuple(parser.headings), _squash(parser.body), sections
