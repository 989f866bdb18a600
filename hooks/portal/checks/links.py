"""Links in the built site: every internal link and `#anchor` resolves, across languages, to listings
and to assets.

MkDocs' strict validation (mkdocs.yml `validation:`) already checks the links written in Markdown;
this check reads the HTML a reader gets, so it also covers what the theme, the language switcher,
hreflang alternates, listings, the page information block and the other hooks write. Checked:
`a[href]`, `link[href]`, `img/script/source/iframe/embed[src]` and meta-refresh targets; relative
links and absolute links to the site's own address (the root page's canonical URL). Not checked here:
other hosts (`make check-external`), mailto:/tel:/data:, javascript: (the content-safety check).

A finding names the Markdown file the page comes from and the line with the link (found by its text),
or the built file for pages without one. A broken link that appears on many pages comes from a
template and is reported once.
"""
from __future__ import annotations

import fnmatch
import os
import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from ..content.findings import Finding
from . import built_site

NAME = "links"
TEMPLATE_THRESHOLD = 3
_BASE = "http://site.invalid"
_URL_ATTRIBUTES = {"a": "href", "link": "href", "area": "href", "img": "src", "script": "src",
                   "source": "src", "iframe": "src", "embed": "src", "video": "src", "audio": "src"}
_SKIP_LINK_RELS = {"preconnect", "dns-prefetch"}
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n.*?\r?\n---[ \t]*(\r?\n|\Z)", re.S)
_REFRESH_URL = re.compile(r"url\s*=\s*['\"]?([^'\";]+)", re.I)


@dataclass
class Link:
    url: str
    tag: str
    text: str = ""


@dataclass
class ParsedPage:
    ids: set[str] = field(default_factory=set)
    links: list[Link] = field(default_factory=list)
    canonical: str | None = None


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()
        self._open: list[Link] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if values.get("id"):
            self.page.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.page.ids.add(values["name"])
        if tag == "link" and values.get("rel") == "canonical":
            self.page.canonical = values.get("href")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            match = _REFRESH_URL.search(values.get("content", ""))
            if match:
                self.page.links.append(Link(match.group(1).strip(), "meta"))
            return
        attribute = _URL_ATTRIBUTES.get(tag)
        if attribute is None or attribute not in values:
            return
        if tag == "link" and set(values.get("rel", "").split()) & _SKIP_LINK_RELS:
            return
        link = Link(values[attribute].strip(), tag)
        self.page.links.append(link)
        if tag == "a":
            self._open.append(link)

    def handle_data(self, data: str) -> None:
        for link in self._open:
            link.text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open:
            self._open.pop()


def parse(file: Path) -> ParsedPage:
    parser = _Parser()
    parser.feed(file.read_text(encoding="utf-8", errors="replace"))
    for link in parser.page.links:
        link.text = " ".join(link.text.split())
    return parser.page


def page_url(site_dir: Path, file: Path) -> str:
    rel = file.relative_to(site_dir).as_posix()
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def target_file(site_dir: Path, path: str) -> Path | None:
    """The built file a URL path is served from, or None."""
    path = unquote(path)
    candidate = site_dir / path.lstrip("/")
    if path.endswith("/"):
        candidate = candidate / "index.html"
    if candidate.is_file():
        return candidate
    if (candidate / "index.html").is_file():
        return candidate / "index.html"
    return None


@dataclass(frozen=True)
class Problem:
    page: str          # URL of the page with the link
    file: Path         # its built file
    href: str          # as written
    target: str        # resolved URL path (+ #fragment)
    message: str
    fix: str
    text: str


def _site_origin(site_dir: Path) -> str | None:
    root = site_dir / "index.html"
    if not root.is_file():
        return None
    canonical = parse(root).canonical
    if not canonical:
        return None
    parts = urlsplit(canonical)
    return f"{parts.scheme}://{parts.netloc}{parts.path}" if parts.scheme else None


def find_problems(site_dir: Path, sources: dict[str, str] | None = None, ignore: list[str] | None = None) -> list[Problem]:
    """Every broken internal link or anchor in the built site."""
    site_dir = Path(site_dir)
    sources = sources or {}
    origin = _site_origin(site_dir)
    origin_path = urlsplit(origin).path if origin else "/"
    parsed: dict[Path, ParsedPage] = {}

    def parsed_page(file: Path) -> ParsedPage:
        if file not in parsed:
            parsed[file] = parse(file)
        return parsed[file]

    problems = []
    for file in sorted(site_dir.rglob("*.html")):
        rel = file.relative_to(site_dir).as_posix()
        if any(fnmatch.fnmatchcase(rel, pattern) for pattern in ignore or []):
            continue
        url = page_url(site_dir, file)
        for link in parsed_page(file).links:
            href = link.url
            if not href or href.startswith(("mailto:", "tel:", "data:", "javascript:", "blob:")):
                continue
            if origin and href.startswith(origin):
                href = "/" + href[len(origin):]
            absolute = urljoin(_BASE + url, href)
            parts = urlsplit(absolute)
            if f"{parts.scheme}://{parts.netloc}" != _BASE:
                continue  # another host: make check-external
            path = parts.path
            if origin_path != "/" and path.startswith(origin_path):
                path = "/" + path[len(origin_path):]
            target = target_file(site_dir, path)
            shown = path + (f"#{parts.fragment}" if parts.fragment else "")
            if target is None:
                source = sources.get(path if path.endswith("/") else path + "/")
                if source:
                    message = f"links to {shown}, which is not in the build (is {source} a draft or in review?)"
                    fix = "remove the link, or get the page approved first"
                else:
                    message = f"links to {shown}, which does not exist"
                    fix = "correct the link target (see the page's address in the preview) or remove the link"
                problems.append(Problem(url, file, link.url, shown, message, fix, link.text))
                continue
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html" and fragment not in parsed_page(target).ids:
                where = "this page" if target == file else path
                problems.append(Problem(url, file, link.url, shown, f"links to #{fragment}, which is not an anchor on {where}",
                                        "use the id of an existing heading (shown in the address when you click the "
                                        "heading's ¶ link), or add {#" + fragment + "} after the heading", link.text))
    return problems


def findings_from(problems: list[Problem], site_dir: Path, sources: dict[str, str], root: Path) -> list[Finding]:
    groups: dict[tuple[str, str], list[Problem]] = defaultdict(list)
    for problem in problems:
        groups[(problem.target, problem.message)].append(problem)
    findings = []
    for (_, _), group in sorted(groups.items()):
        pages = sorted({p.page for p in group})
        if len(pages) >= TEMPLATE_THRESHOLD:
            first = group[0]
            source = sources.get(first.page)
            findings.append(Finding(
                source or _display(first.file), None, NAME,
                f"{first.message} — on {len(pages)} pages (e.g. {', '.join(pages[:3])}): the link comes from a "
                "template, a listing or a hook", first.fix + "; fix it once where it is generated"))
            continue
        for problem in group:
            source = sources.get(problem.page)
            line = None
            if source:
                needles = [problem.text, problem.href.split("#")[-1] if "#" in problem.href else "",
                           posixpath.basename(problem.href.rstrip("/").split("#")[0])]
                line = _body_line(source, [n for n in needles if n], root)
            label = f"'{problem.text}' " if problem.text else ""
            finding = Finding(source or _display(problem.file), line, NAME,
                              f"{label}{problem.message}" + ("" if source else f" (on {problem.page})"), problem.fix)
            if finding not in findings:  # the same link in the navigation and in the text
                findings.append(finding)
    return findings


def _body_line(source: str, needles: list[str], root: Path) -> int | None:
    """The first line of the page's text (not its front matter) with one of the needles."""
    path = Path(source) if Path(source).is_absolute() else Path(root) / source
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    match = _FRONT_MATTER.match(text)
    start = text.count("\n", 0, match.end()) if match else 0
    lines = text.splitlines()
    for needle in needles:
        for number in range(start, len(lines)):
            if needle in lines[number] or needle in built_site.text_of(lines[number]):
                return number + 1
    return None


def _display(path: Path) -> str:
    rel = os.path.relpath(path)
    return str(path) if rel.startswith("..") else rel


def run(site_dir: Path, docs_dir: Path, config: dict[str, Any], root: Path) -> list[Finding]:
    section = (config or {}).get(NAME) or {}
    docs_dir = Path(docs_dir)
    label = "docs" if docs_dir.resolve() == (Path(root) / "docs").resolve() else None
    sources = built_site.source_map(docs_dir, label)
    problems = find_problems(Path(site_dir), sources, list(section.get("ignore_files") or []))
    return findings_from(problems, Path(site_dir), sources, Path(root))
