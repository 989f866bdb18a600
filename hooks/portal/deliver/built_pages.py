"""The last look before the web server serves a build: every built HTML file, parsed.

Each page and embed view is read with the same parser and allowlist as the content
(portal.content.rendered_html, DOCUMENT profile): an inline script, an event handler, a meta
refresh to another site or a resource from another host anywhere in the output stops the build
with the file named, whatever template or plugin wrote it. This is what lets the
Content-Security-Policy allow no inline script at all.
"""
from __future__ import annotations

from pathlib import Path

from ..content import rendered_html

DEPLOY_DIR = ".deploy"


def problems(site_dir: Path) -> list[str]:
    """One line per problem: 'path/in/site.html: what is wrong'."""
    found = []
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        if rel.startswith(DEPLOY_DIR + "/"):
            continue
        for problem in rendered_html.problems(path.read_text(encoding="utf-8", errors="replace"),
                                              rendered_html.DOCUMENT):
            found.append(f"{rel}: {problem}")
    return found
