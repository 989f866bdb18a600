"""MkDocs adapter: the rendered HTML of each page checked again for scripts, frames, event
handlers and unsafe links (hooks/portal/content/safety.py). The Markdown source was already
checked, with line numbers, when the build started; this catches whatever a Markdown
extension might produce from text that looked harmless. Thin on purpose: the check is a
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
from portal.content import safety

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
        for problem in safety.check_html(html):
            log.error(f"{where}: {problem} — remove it from the page (see hooks/portal/content/safety.py)")
            unsafe.append(where)
    if unsafe:
        raise Abort(f"Unsafe HTML in {len(set(unsafe))} rendered page(s): fix the lines above and build again.")
