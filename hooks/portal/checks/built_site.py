"""The built site as the checks on HTML see it: its pages, and the Markdown file each page comes from.

MkDocs with mkdocs-static-i18n (suffix layout, `use_directory_urls`) turns `docs/x/y.sv.md` into
`/x/y/` and `docs/x/y.en.md` into `/en/x/y/`; `index.*.md` becomes its folder. An English page
without an `.en.md` file is a fallback copy of the Swedish file. Embed views (`/embed/x/y/`) come
from the same file as `/x/y/`. Pages made by hooks (listings, 404, search) have no Markdown file:
findings on them name the built file instead.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Callable
from urllib.parse import urlsplit

if TYPE_CHECKING:  # imported lazily at run time: html_outline is only needed by the static checks
    from ..content.findings import Finding
    from .html_outline import Outline, Problem

LANGUAGES = ("sv", "en")
DEFAULT_LANGUAGE = "sv"
_REFRESH = re.compile(r'<meta\s+http-equiv="refresh"', re.I)
_CANONICAL = re.compile(r'<link\s+rel="canonical"\s+href="([^"]+)"', re.I)


@dataclass(frozen=True)
class BuiltPage:
    """One HTML page of the built site."""

    url: str            # site-relative URL path: "/", "/typfall/resan/", "/en/404.html"
    file: Path          # the HTML file
    source: str | None  # the Markdown file it comes from, relative to the project ("docs/x.sv.md")
    display: str        # what a finding names: the source, or the built file when there is none

    @property
    def lang(self) -> str:
        return "en" if self.url.startswith("/en/") else DEFAULT_LANGUAGE


def _display_path(path: Path) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return str(path)
    return str(Path(path).resolve()) if rel.startswith("..") else rel


def url_of(rel_md: str) -> tuple[str, str]:
    """(language, URL path) of a Markdown file relative to docs/: 'typfall/resan.en.md' -> ('en', '/en/typfall/resan/')."""
    stem = rel_md[:-3] if rel_md.endswith(".md") else rel_md
    lang = DEFAULT_LANGUAGE
    for candidate in LANGUAGES:
        if stem.endswith("." + candidate):
            lang, stem = candidate, stem[: -len(candidate) - 1]
            break
    parts = stem.split("/")
    if parts[-1] in ("index", "README"):
        parts = parts[:-1]
    path = "/".join(parts)
    url = f"/{path}/" if path else "/"
    return lang, (url if lang == DEFAULT_LANGUAGE else f"/{lang}{url}")


def source_map(docs_dir: Path, label: str | None = None) -> dict[str, str]:
    """URL path -> source Markdown file (shown as `label/rel`, default the docs folder as given)."""
    docs_dir = Path(docs_dir)
    prefix = label if label is not None else _display_path(docs_dir)
    by_url: dict[str, str] = {}
    fallbacks: dict[str, str] = {}
    for md in sorted(docs_dir.rglob("*.md")):
        rel = md.relative_to(docs_dir).as_posix()
        lang, url = url_of(rel)
        by_url[url] = f"{prefix}/{rel}"
        if lang == DEFAULT_LANGUAGE:
            for other in LANGUAGES:
                if other != DEFAULT_LANGUAGE:
                    fallbacks[f"/{other}{url}"] = f"{prefix}/{rel}"
    for url, source in fallbacks.items():
        by_url.setdefault(url, source)
    return by_url


def is_redirect(html: str) -> bool:
    """A permalink/redirect stub: a meta refresh to the real page, which is checked itself."""
    head = html[: html.find("</head>")] if "</head>" in html else html[:2000]
    return bool(_REFRESH.search(head))


def pages(site_dir: Path, docs_dir: Path | None = None, docs_label: str | None = None) -> list[BuiltPage]:
    """Every HTML page of the built site that a reader can land on (redirect stubs left out)."""
    site_dir = Path(site_dir)
    sources = source_map(docs_dir, docs_label) if docs_dir is not None else {}
    found: list[BuiltPage] = []
    for file in sorted(site_dir.rglob("*.html")):
        rel = file.relative_to(site_dir).as_posix()
        url = "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        with open(file, encoding="utf-8", errors="replace") as handle:
            head = handle.read(8192)
        if is_redirect(head):
            continue
        source = sources.get(url)
        if source is None:  # an embed view names the page it shows as canonical
            canonical = _CANONICAL.search(head)
            if canonical:
                path = urlsplit(canonical.group(1)).path
                source = next((sources[path[i:]] for i in range(len(path))
                               if path[i] == "/" and path[i:] in sources and len(path[i:]) > 1), None)
        found.append(BuiltPage(url, file, source, source or _display_path(file)))
    return found


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def text_of(html: str) -> str:
    """The visible text of an HTML fragment, whitespace collapsed."""
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


_MD_MARKUP = re.compile(r"[*_`]|\\(?=.)|\{[^}]*\}|<[^>]+>")


def source_line(source: str | None, needles: list[str], root: Path | None = None) -> int | None:
    """First line of the Markdown source that contains one of the needles (tried in order)."""
    if not source:
        return None
    path = Path(source) if root is None or Path(source).is_absolute() else Path(root) / source
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    plain = [" ".join(_MD_MARKUP.sub("", line).split()) for line in lines]
    for needle in needles:
        needle = " ".join(needle.split())
        if len(needle) < 2:
            continue
        for number, (line, text) in enumerate(zip(lines, plain), start=1):
            if needle in line or needle in text:
                return number
    return None


_OUTLINES: dict[tuple[str, float], Outline] = {}


def outline(page: BuiltPage) -> Outline:
    """The parsed headings, images and links of a page (parsed once per file version)."""
    from . import html_outline

    key = (str(page.file), page.file.stat().st_mtime)
    if key not in _OUTLINES:
        if len(_OUTLINES) > 2000:
            _OUTLINES.clear()
        _OUTLINES[key] = html_outline.parse(page.file.read_text(encoding="utf-8", errors="replace"))
    return _OUTLINES[key]


TEMPLATES = "overrides/"


def static_findings(site_dir: Path, docs_dir: Path, root: Path,
                    inspect: Callable[[Outline, BuiltPage], list[Problem]]) -> list[Finding]:
    """Run `inspect(outline, page) -> list[Problem]` on every page and tie each problem to a file.

    A problem in the page text names the Markdown file (and the line, when its text is found there);
    a problem in the templates around it is the same on many pages and is reported once, naming
    overrides/ and the pages it was seen on.
    """
    from ..content.findings import Finding

    docs_dir, root = Path(docs_dir), Path(root)
    label = "docs" if docs_dir.resolve() == (root / "docs").resolve() else None
    findings: list[Finding] = []
    template: dict[tuple[str, str, str], list[str]] = {}
    for page in pages(Path(site_dir), docs_dir, label):
        for problem in inspect(outline(page), page):
            if problem.in_content:
                line = source_line(page.source, list(problem.needles), root) if page.source else None
                where = "" if page.source else f" (page {page.url})"
                findings.append(Finding(page.display, line, problem.field, problem.message + where, problem.fix))
            else:
                urls = template.setdefault((problem.field, problem.message, problem.fix), [])
                if page.url not in urls:
                    urls.append(page.url)
    for (field_name, message, fix), urls in template.items():
        seen = ", ".join(urls[:2]) + (f" and {len(urls) - 2} more" if len(urls) > 2 else "")
        findings.append(Finding(TEMPLATES, None, field_name, f"{message} — in the templates, on {seen}",
                                fix + " (fix it in the template under overrides/)"))
    return sorted(findings)
