"""Content that must never reach the site: scripts, event handlers, frames, unsafe links, files
from outside docs/, oversized pages and page names that are not plain slugs.

Markdown lets an editor write raw HTML, and attr_list lets them add any attribute
({ onclick="…" }). Content is reviewed text, so every page is checked before the build:
raw HTML is limited to an allowlist of harmless tags, links to http(s), mailto and tel
addresses or to pages of the site. The checks run in `corpus.load`, that is inside
`mkdocs build` and `make validate`, and report one line per problem with its fix.
`check_html` checks the rendered HTML of each page again, as a backstop.
"""
from __future__ import annotations

import html
import os
import re
from pathlib import Path

from .findings import Finding
from .frontmatter import Document

# Pages are text: the largest shipped page is about 25 KB. A page above this is a mistake
# (pasted data, an embedded image) and would slow every build and every reader down.
MAX_PAGE_BYTES = 1_000_000

ALLOWED_TAGS = frozenset("""
    a abbr b blockquote br caption cite code dd del details dfn div dl dt em figcaption figure
    h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q s samp section small span strong sub summary
    sup table tbody td tfoot th thead time tr u ul var
""".split())
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "poster", "data", "cite", "background")

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
PAGE_NAME = re.compile(r"^(?P<slug>.*?)\.(sv|en)\.md$")

_FENCE = re.compile(r"^([ \t]*)(`{3,}|~{3,})[^\n]*\n.*?^[ \t]*\2[ \t]*$", re.M | re.S)
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)((?:(?!\n[ \t]*\n).)+?)(?<!`)\1(?!`)", re.S)
# An HTML comment ends at '-->' or '--!>'; '<!-->' and '<!--->' are empty comments.
_COMMENT = re.compile(r"<!--(?:-?>|.*?--!?>)", re.S)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])([^>]*)>?")
_HANDLER = re.compile(r"""(?:^|[\s/"'])(on[a-z]+)\s*=""", re.I)
_STYLE = re.compile(r"""(?:^|[\s/"'])style\s*=""", re.I)
_ATTR_URL = re.compile(r"""(?:^|[\s/"'])(""" + "|".join(re.escape(a) for a in URL_ATTRIBUTES) +
                       r""")\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)
_ATTR_LIST = re.compile(r"\{:?[ \t]*([^{}\n]*?)[ \t]*\}")
_MD_LINK = re.compile(r"\]\(\s*(?:<([^>\n]*)>|([^)\s]*))")
_REFERENCE = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]+)", re.M)
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^\s<>]*)>")
_SCRIPT_SCHEME = re.compile(r"(?:java|vb)script\s*:", re.I)
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


def _blank(match: re.Match[str]) -> str:
    """The matched text with everything but line breaks replaced by spaces (keeps line numbers)."""
    return re.sub(r"[^\n]", " ", match.group(0))


def without_code(body: str) -> str:
    """The body with fenced code, code spans and HTML comments blanked out: their text is shown, not run."""
    body = _FENCE.sub(_blank, body)
    body = _CODE_SPAN.sub(_blank, body)
    return _COMMENT.sub(_blank, body)


def scheme(url: str) -> str | None:
    """The scheme a browser would see: entities decoded, spaces and control characters dropped."""
    cleaned = _CONTROL.sub("", html.unescape(html.unescape(url))).lower()
    match = re.match(r"^([a-z][a-z0-9+.-]*):", cleaned)
    return match.group(1) if match else None


def _unsafe_url(url: str) -> str | None:
    found = scheme(url)
    return found if found is not None and found not in SAFE_SCHEMES else None


def _finding(doc: Document, text: str, offset: int, message: str, fix: str) -> Finding:
    return Finding(doc.path, doc.body_start_line + text.count("\n", 0, offset), "body", message, fix)


def _url_finding(doc: Document, text: str, offset: int, found: str) -> Finding:
    return _finding(doc, text, offset, f"link to a '{found}:' address is not allowed",
                    "link to an https:// address or to a page under docs/")


def check_body(doc: Document) -> list[Finding]:
    """Raw HTML outside the allowlist, scripts, frames, event handlers, inline styles and unsafe links."""
    text = without_code(doc.body)
    findings: list[Finding] = []
    for tag in _TAG.finditer(text):
        closing, name, attrs = tag.group(1), tag.group(2).lower(), tag.group(3)
        if closing:
            continue
        if name == "script":
            findings.append(_finding(doc, text, tag.start(), "raw <script> is not allowed in content",
                                     "remove it; scripts belong in overrides/assets/js/ and go through code review"))
        elif name in ("iframe", "frame", "frameset", "object", "embed"):
            findings.append(_finding(doc, text, tag.start(), f"an <{name}> is not allowed in content",
                                     "link to the page instead, e.g. [Title](https://…)"))
        elif name not in ALLOWED_TAGS:
            findings.append(_finding(doc, text, tag.start(), f"raw HTML <{name}> is not allowed in content",
                                     "write it in Markdown (allowed HTML tags: see hooks/portal/content/safety.py)"))
        findings += _attribute_findings(doc, text, tag.start(3), attrs)
    for attr_list in _ATTR_LIST.finditer(text):
        findings += _attribute_findings(doc, text, attr_list.start(1), attr_list.group(1))
    reported = {f.line for f in findings if "address is not allowed" in f.message}
    for pattern in (_MD_LINK, _REFERENCE, _AUTOLINK):
        for link in pattern.finditer(text):
            url = next(group for group in link.groups() if group is not None)
            found = _unsafe_url(url)
            line = doc.body_start_line + text.count("\n", 0, link.start())
            if found and line not in reported:
                findings.append(_url_finding(doc, text, link.start(), found))
                reported.add(line)
    for loose in _SCRIPT_SCHEME.finditer(text):   # e.g. java&#x73;cript: or a link syntax missed above
        line = doc.body_start_line + text.count("\n", 0, loose.start())
        if line not in reported:
            findings.append(_url_finding(doc, text, loose.start(), loose.group(0)[:-1].strip().lower()))
            reported.add(line)
    return sorted(set(findings))


def _attribute_findings(doc: Document, text: str, offset: int, attrs: str) -> list[Finding]:
    findings = []
    for handler in _HANDLER.finditer(attrs):
        findings.append(_finding(doc, text, offset + handler.start(1),
                                 f"inline event handler '{handler.group(1).lower()}' is not allowed",
                                 "remove it (the site's Content-Security-Policy blocks inline scripts)"))
    if _STYLE.search(attrs):
        findings.append(_finding(doc, text, offset, "inline style attribute is not allowed",
                                 "remove it or use a class from overrides/assets/css/portal.css "
                                 "(the Content-Security-Policy blocks inline styles)"))
    for url in _ATTR_URL.finditer(attrs):
        value = next(v for v in url.groups()[1:] if v is not None)
        found = _unsafe_url(value)
        if found:
            findings.append(_url_finding(doc, text, offset + url.start(), found))
    return findings


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
    return check_name(doc) + check_body(doc)


def check_size(path: str, size: int, limit: int = MAX_PAGE_BYTES) -> list[Finding]:
    """A page file larger than the limit is not read at all."""
    if size <= limit:
        return []
    return [Finding(path, None, "", f"file is {size / 1_000_000:.1f} MB, pages may be at most {limit / 1_000_000:g} MB",
                    "split the page, or move data and images out of the text")]


def _outside(path: Path, docs_dir: Path) -> bool:
    try:
        path.resolve().relative_to(docs_dir)
        return False
    except ValueError:
        return True


def symlinks_out_of(docs_dir: Path, root: Path) -> dict[Path, Finding]:
    """Every symbolic link under docs_dir (file or folder) whose target lies outside docs_dir."""
    docs_dir = docs_dir.resolve()
    found: dict[Path, Finding] = {}
    for folder, dirs, files in os.walk(docs_dir, followlinks=False):
        for name in dirs + files:
            path = Path(folder) / name
            if path.is_symlink() and _outside(path, docs_dir):
                try:
                    shown = path.relative_to(root).as_posix()
                except ValueError:
                    shown = path.as_posix()
                found[path] = Finding(shown, None, "", f"symbolic link to {os.readlink(path)}, outside docs/",
                                      "replace the link with the file itself (copied into docs/) or remove it")
    return found


def is_outside(path: Path, docs_dir: Path) -> bool:
    """Whether a path under docs_dir (perhaps through a link) leads out of it."""
    return _outside(path, docs_dir.resolve())


_RENDERED_TAG = re.compile(r"<(script|iframe|frame|object|embed)\b", re.I)
_RENDERED_HANDLER = re.compile(r"<[a-z][^>]*?[\s/\"']on[a-z]+\s*=", re.I)
_RENDERED_URL = re.compile(r"""\b(?:href|src|action|formaction)\s*=\s*["']?\s*([^"'\s>]+)""", re.I)


def check_html(rendered: str) -> list[str]:
    """Problems in the HTML rendered from a page's Markdown (a backstop for check_body)."""
    problems = [f"rendered HTML contains <{m.group(1).lower()}>" for m in _RENDERED_TAG.finditer(rendered)]
    if _RENDERED_HANDLER.search(rendered):
        problems.append("rendered HTML contains an inline event handler")
    for url in _RENDERED_URL.finditer(rendered):
        found = _unsafe_url(url.group(1))
        if found:
            problems.append(f"rendered HTML links to a '{found}:' address")
    return problems
