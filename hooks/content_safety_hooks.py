"""MkDocs adapter: the rendered HTML of each page checked again for scripts, frames, event
handlers and unsafe links (hooks/portal/content_safety.py). The Markdown source was already
checked, with line numbers, when the build started; this catches whatever a Markdown
extension might produce from text that looked harmless. Thin on purpose.
"""
from __future__ import annotations

import logging
import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from portal import content_safety

log = logging.getLogger("mkdocs.hooks.content_safety")


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    problems = content_safety.check_html(html)
    if problems:
        where = page.file.src_uri if page.file.generated_by else os.path.relpath(
            os.path.join(config.docs_dir, page.file.src_uri), os.path.dirname(config.config_file_path))
        for problem in problems:
            log.error(f"{where}: {problem} — remove it from the page (see hooks/portal/content_safety.py)")
        raise Abort(f"{where}: unsafe HTML in the rendered page.")
    return html
