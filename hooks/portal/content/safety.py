"""Content that must never reach the site, found in the Markdown with its line number: raw HTML
outside an allowlist, scripts, event handlers, frames, inline styles and unsafe links; oversized
pages and page names that are not plain slugs.

Markdown lets an editor write raw HTML, and attr_list lets them add any attribute
({ onclick="…" }). These checks run in `corpus.load`, that is inside `mkdocs build` and
`make validate`, and give the friendly first error: one line per problem with its fix. They are
not the guarantee: the converted HTML of every page is parsed and checked again against an
allowlist (content/rendered_html.py), so whatever gets past a Markdown-level rule still stops the
build. Every scanner here is linear in the page's length: a page is hostile input too.
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterator

from markdown.extensions.attr_list import get_attrs_and_remainder

from . import markdown_limits
from .findings import Finding
from .frontmatter import Document
from .markdown_text import tags, without_code
from .rendered_html import scheme

# Pages are text: the largest shipped page is about 25 KB. A page above this is a mistake
# (pasted data, an embedded image) and would slow every build and every reader down.
MAX_PAGE_BYTES = 200_000

ALLOWED_TAGS = frozenset("""
    a abbr b blockquote br caption cite code dd del details dfn div dl dt em figcaption figure
    h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q s samp section small span strong sub summary
    sup table tbody td tfoot th thead time tr u ul var
""".split())
FRAME_TAGS = frozenset({"iframe", "frame", "frameset", "object", "embed", "applet"})
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster", "data", "cite",
                            "background", "srcset", "ping"})
NEVER_ATTRIBUTES = frozenset({"style", "srcset", "ping", "formaction", "srcdoc"})

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
PAGE_NAME = re.compile(r"^(?P<slug>.*?)\.(sv|en)\.md$")

_MD_IMAGE = re.compile(r"!\[[^\]\n]{0,500}\]\(\s*<?([^)\s>]{0,2000})")
_MD_LINK = re.compile(r"\]\(\s*(?:<([^>\n]{0,2000})>|([^)\s]{0,2000}))")
_REFERENCE = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]+)", re.M)
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{0,31}:[^\s<>]*)>")
_SCRIPT_SCHEME = re.compile(r"(?:java|vb)script\s*:", re.I)


def _unsafe_url(url: str) -> str | None:
    found = scheme(url)
    return found if found is not None and found not in SAFE_SCHEMES else None


def _finding(doc: Document, text: str, offset: int, message: str, fix: str) -> Finding:
    return Finding(doc.path, doc.body_start_line + text.count("\n", 0, offset), "body", message, fix)


def _url_finding(doc: Document, text: str, offset: int, found: str) -> Finding:
    return _finding(doc, text, offset, f"link to a '{found}:' address is not allowed",
                    "link to an https:// address or to a page under docs/")


def _image_finding(doc: Document, text: str, offset: int) -> Finding:
    return _finding(doc, text, offset, "image from another website (the reader's browser would ask that site for it)",
                    "save the image in docs/ next to the page and link it there, e.g. ![Karta](karta.png)")


def _attribute_findings(doc: Document, text: str, offset: int, attrs: dict[str, str]) -> list[Finding]:
    findings = []
    for name, value in attrs.items():
        if name.startswith("on"):
            findings.append(_finding(doc, text, offset, f"inline event handler '{name}' is not allowed",
                                     "remove it (the site's Content-Security-Policy blocks inline scripts)"))
        elif name == "style":
            findings.append(_finding(doc, text, offset, "inline style attribute is not allowed",
                                     "remove it or use a class from overrides/assets/css/portal.css "
                                     "(the Content-Security-Policy blocks inline styles)"))
        elif name in NEVER_ATTRIBUTES:
            findings.append(_finding(doc, text, offset, f"the attribute '{name}' is not allowed",
                                     "remove it; write the link or image in Markdown"))
        if name in URL_ATTRIBUTES:
            found = _unsafe_url(value)
            if found:
                findings.append(_url_finding(doc, text, offset, found))
            elif name == "src" and (scheme(value) in ("http", "https") or value.strip().startswith("//")):
                findings.append(_image_finding(doc, text, offset))
    return findings


ATTR_LIST_WINDOW = 300   # attribute lists are short; the window keeps a line of braces linear
_RISKY_KEY = re.compile(r"(?i)(?:^|[\s{'\"])(?:on[a-z]+|style|href|src|srcset|ping|formaction|action|data|poster|"
                        r"background|cite|xlink:href|srcdoc)\s*=")


def _attr_lists(text: str) -> Iterator[tuple[int, dict[str, str]]]:
    """(offset, attributes) of attribute lists ({: #id .class key="value" }) that set an attribute
    worth a look, read by attr_list's own parser; like attr_list, a list runs from '{' to the last '}'
    of its line (within a window). Lines without such an attribute are not parsed at all."""
    for line_match in re.finditer(r"[^\n]+", text):
        line = line_match.group(0)
        if "{" not in line or not _RISKY_KEY.search(line):
            continue
        start = line.find("{")
        while start != -1:
            end = line.rfind("}", start, start + ATTR_LIST_WINDOW)
            if end == -1:
                start = line.find("{", start + 1)
                continue
            inner = line[start + 1:end].lstrip(":").strip()
            try:
                pairs, _ = get_attrs_and_remainder(inner)
            except Exception:   # noqa: BLE001 - attr_list's scanner on odd input: nothing it would apply
                pairs = []
            attrs: dict[str, str] = {}
            for key, value in pairs:
                attrs.setdefault(key.lower(), value)
            if attrs:
                yield line_match.start() + start, attrs
            start = line.find("{", start + 1)


def check_body(doc: Document) -> list[Finding]:
    """Raw HTML outside the allowlist, scripts, frames, event handlers, inline styles and unsafe links."""
    text = without_code(doc.body)
    findings: list[Finding] = []
    for offset, closing, name, attrs in tags(text):
        if closing:
            continue
        if name == "script":
            findings.append(_finding(doc, text, offset, "raw <script> is not allowed in content",
                                     "remove it; scripts belong in overrides/assets/js/ and go through code review"))
        elif name in FRAME_TAGS:
            findings.append(_finding(doc, text, offset, f"an <{name}> is not allowed in content",
                                     "link to the page instead, e.g. [Title](https://…)"))
        elif name not in ALLOWED_TAGS:
            findings.append(_finding(doc, text, offset, f"raw HTML <{name}> is not allowed in content",
                                     "write it in Markdown (allowed HTML tags: see hooks/portal/content/safety.py)"))
        findings += _attribute_findings(doc, text, offset, attrs)
    for offset, attrs in _attr_lists(text):
        findings += _attribute_findings(doc, text, offset, attrs)
    for image in _MD_IMAGE.finditer(text):
        if scheme(image.group(1)) in ("http", "https") or image.group(1).startswith("//"):
            findings.append(_image_finding(doc, text, image.start()))
    reported = {f.line for f in findings if "address is not allowed" in f.message}
    for pattern in (_MD_LINK, _REFERENCE, _AUTOLINK):
        for link in pattern.finditer(text):
            url = next(group for group in link.groups() if group is not None)
            found = _unsafe_url(url)
            line = doc.body_start_line + text.count("\n", 0, link.start())
            if found and line not in reported:
                findings.append(_url_finding(doc, text, link.start(), found))
                reported.add(line)
    for number, line_text in enumerate(text.split("\n")):   # e.g. java&#x73;cript: or a link missed above
        loose = _SCRIPT_SCHEME.search(html.unescape(line_text)) if "script" in line_text.lower() or "&" in line_text else None
        line = doc.body_start_line + number
        if loose and line not in reported:
            findings.append(Finding(doc.path, line, "body", f"link to a '{loose.group(0)[:-1].strip().lower()}:' "
                                    "address is not allowed", "link to an https:// address or to a page under docs/"))
            reported.add(line)
    return sorted(set(findings))


def check_name(doc: Document) -> list[Finding]:
    """Folder and file names become addresses: plain slugs only (no dots, spaces, capitals, '..')."""
    parts = doc.rel.split("/")
    match = PAGE_NAME.match(parts[-1])
    names = parts[:-1] + ([match.group("slug")] if match else [])
    for name in names:
        if not SLUG.match(name):
            return [Finding(doc.path, None, "", f"'{name}' in the file path is not a valid page address",
                            "rename it with lowercase a-z, digits and single hyphens, e.g. resan-i-sommar.sv.md")]
    return []


def check_document(doc: Document) -> list[Finding]:
    """Every rule on one page (once per page: the build and two checks ask)."""
    return list(doc.derived("safety.check_document",
                            lambda page: check_name(page) + check_body(page) + markdown_limits.check(page)))


def check_size(path: str, size: int, limit: int = MAX_PAGE_BYTES) -> list[Finding]:
    """A page file larger than the limit is not read at all."""
    if size <= limit:
        return []
    return [Finding(path, None, "", f"file is {size / 1_000_000:.1f} MB, pages may be at most {limit / 1_000_000:g} MB",
                    "split the page, or move data and images out of the text")]


