"""MkDocs adapter: the converted HTML of each page checked with a real HTML parser against the
content allowlist (hooks/portal/content/rendered_html.py). The Markdown source was already
checked, with line numbers, when the build started; this is the guarantee, and catches whatever
a Markdown extension makes of text that looked harmless. Thin on purpose: the check is a
background job (portal.build.background) that starts once the language's pages are converted.
"""
from __future__ import annotations

import logging
import os
from functools import partial
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from portal.build import background
from portal.content import rendered_html

log = logging.getLogger("mkdocs.hooks.content_safety")


@event_priority(100)  # the background job starts at priority -500 (background_hooks)
def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    root = os.path.dirname(config.config_file_path)
    pages = [(file.src_uri if file.generated_by else os.path.relpath(os.path.join(config.docs_dir, file.src_uri), root),
              file.page.content or "") for file in files.documentation_pages() if file.page is not None]
    background.submit(partial(_check, pages))
    return env


def _check(pages: list[tuple[str, str]]) -> None:
    unsafe = []
    for where, html in pages:
        for problem in rendered_html.problems(html, rendered_html.CONTENT):
            log.error(f"{where}: the page's HTML: {problem} — write it in Markdown without raw HTML "
                      "(allowed: see hooks/portal/content/rendered_html.py)")
            unsafe.append(where)
    if unsafe:
        raise Abort(f"Unsafe HTML in {len(set(unsafe))} rendered page(s): fix the lines above and build again.")
