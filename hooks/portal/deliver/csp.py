"""Content-Security-Policy of the built site.

The policy allows our own origin only. Material's templates write a few small inline
scripts (the `__md_scope` set-up, whose text depends on how deep the page is, the
palette restore and the tab restore); instead of `'unsafe-inline'` the policy lists the
sha256 hash of every distinct inline script found in the built HTML. The hashes are
computed after each build, so they follow Material's templates whatever their version.

Data blocks (`<script type="application/json">`) are not executed and need no hash.
"""
from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]*)""", re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
# Types a browser executes (HTML "JavaScript MIME type essence match", plus module).
_EXECUTABLE = {"", "module", "text/javascript", "application/javascript", "application/ecmascript",
               "application/x-javascript", "text/ecmascript", "text/jscript", "text/livescript"}
# More distinct inline scripts than this means a template writes per-page script text:
# the header would grow with the site. Move such a script into a file instead.
MAX_HASHES = 64

NOT_FRAMED_BY_OTHERS = "'self'"


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script a browser would execute, in document order."""
    found = []
    for match in _SCRIPT.finditer(html):
        attrs, body = match.group(1), match.group(2)
        if _SRC.search(attrs):
            continue
        kind = _TYPE.search(attrs)
        if (kind.group(1).lower() if kind else "") in _EXECUTABLE:
            found.append(body)
    return found


def script_hash(source: str) -> str:
    """CSP source expression for one inline script: 'sha256-<base64>'."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


@dataclass
class InlineScripts:
    """Distinct inline scripts of a site: hash -> the first file that has it."""

    first_seen: dict[str, str] = field(default_factory=dict)

    def add(self, html: str, where: str) -> None:
        for source in inline_scripts(html):
            self.first_seen.setdefault(script_hash(source), where)

    @property
    def hashes(self) -> list[str]:
        return sorted(self.first_seen)


def scan(site_dir: Path) -> InlineScripts:
    """Hashes of the inline scripts in every HTML file under site_dir."""
    found = InlineScripts()
    for path in sorted(site_dir.rglob("*.html")):
        found.add(path.read_text(encoding="utf-8", errors="replace"), path.relative_to(site_dir).as_posix())
    return found


def too_many(found: InlineScripts, limit: int = MAX_HASHES) -> str | None:
    """A one-line problem when the site has more distinct inline scripts than the header should carry."""
    if len(found.first_seen) <= limit:
        return None
    examples = ", ".join(sorted(set(found.first_seen.values()))[:5])
    return (f"{len(found.first_seen)} different inline scripts (e.g. in {examples}): the Content-Security-Policy "
            f"would list them all — move page-specific script text into a file under overrides/assets/js/")


def policy(script_hashes: Iterable[str], frame_ancestors: str = NOT_FRAMED_BY_OTHERS) -> str:
    """The Content-Security-Policy header value: our own origin only, scripts by file or by hash."""
    scripts = " ".join(["'self'", *sorted(set(script_hashes))])
    return "; ".join([
        "default-src 'self'",
        f"script-src {scripts}",
        "style-src 'self'",
        # Material's stylesheets draw icons from data: SVG images.
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "frame-src 'self'",
        "media-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        f"frame-ancestors {frame_ancestors}",
    ])
