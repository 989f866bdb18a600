"""What the static accessibility checks read from a built page: headings, images and links.

One pass of the standard library's HTML parser. Elements inside a `hidden` or `aria-hidden="true"`
subtree are left out (no reader meets them). Each item knows whether it is in the page text (inside
`<article>`, or the embed view's `[data-portal-embed-content]`) or in the theme's templates around it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}


@dataclass
class Heading:
    level: int
    text: str
    line: int              # line in the HTML file
    in_content: bool


@dataclass
class Image:
    attrs: dict[str, str | None]
    line: int
    in_content: bool
    in_link: bool

    @property
    def alt(self) -> str | None:
        return self.attrs.get("alt")

    @property
    def src(self) -> str:
        return self.attrs.get("src") or ""

    @property
    def decorative(self) -> bool:
        return self.attrs.get("role") in ("presentation", "none") or self.attrs.get("aria-hidden") == "true"


@dataclass
class Link:
    attrs: dict[str, str | None]
    line: int
    in_content: bool
    text_parts: list[str] = field(default_factory=list)

    @property
    def href(self) -> str:
        return self.attrs.get("href") or ""

    @property
    def text(self) -> str:
        return " ".join("".join(self.text_parts).split())

    @property
    def name(self) -> str:
        """The accessible name, simplified: aria-label, else the text and the alt texts of images."""
        label = self.attrs.get("aria-label")
        return " ".join(label.split()) if label and label.strip() else self.text


@dataclass
class Outline:
    headings: list[Heading] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.outline = Outline()
        self.stack: list[tuple[str, bool, bool]] = []   # (tag, hidden, content) of open elements
        self.heading: Heading | None = None
        self.heading_parts: list[str] = []
        self.link: Link | None = None

    @property
    def hidden(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    @property
    def in_content(self) -> bool:
        return bool(self.stack) and self.stack[-1][2]

    def handle_starttag(self, tag: str, attr_list: list[tuple[str, str | None]]) -> None:
        attrs = dict(attr_list)
        hidden = self.hidden or "hidden" in attrs or attrs.get("aria-hidden") == "true"
        content = self.in_content or tag == "article" or "data-portal-embed-content" in attrs
        line = self.getpos()[0]
        if not hidden:
            if tag in HEADINGS:
                self.heading, self.heading_parts = Heading(HEADINGS[tag], "", line, content), []
            elif tag == "img":
                self.outline.images.append(Image(attrs, line, content, self.link is not None))
                if self.link is not None and attrs.get("alt"):
                    self.link.text_parts.append(f" {attrs['alt']} ")
            elif tag == "a" and "href" in attrs:
                self.link = Link(attrs, line, content)
        if tag not in VOID:
            self.stack.append((tag, hidden, content))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if tag in HEADINGS and self.heading is not None:
            self.heading.text = " ".join("".join(self.heading_parts).split())
            self.outline.headings.append(self.heading)
            self.heading = None
        if tag == "a" and self.link is not None:
            self.outline.links.append(self.link)
            self.link = None
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        if self.heading is not None and not (self.link is not None and "headerlink" in (self.link.attrs.get("class") or "")):
            self.heading_parts.append(data)
        if self.link is not None:
            self.link.text_parts.append(data)


@dataclass(frozen=True)
class Problem:
    """What a static check found on one page, before it is tied to a file and line."""

    field: str
    message: str
    fix: str
    in_content: bool
    needles: tuple[str, ...] = ()   # text to look for in the Markdown source, to give the line


def parse(html: str) -> Outline:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.outline
