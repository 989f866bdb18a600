"""MkDocs adapter for the quality checks: abbreviation explanations in every build, and the quality
report page in preview builds.

- Every page gets `*[ABBR]: …` definitions for the glossary abbreviations it uses, in its own
  language (portal.content.abbreviations), so the `abbr` extension writes `<abbr title="…">`; the
  first use of each takes keyboard focus (tabindex="0"), where portal.css shows the explanation.
- Preview builds (PORTAL_MODE=preview) get /kvalitet/ and /en/kvalitet/ ("Kvalitetsrapport" /
  "Quality report"), the report's pages below them, and /kvalitet/report.json (portal.checks.quality_report).
  Production builds never do. The report pages, and only they, load kvalitet/report.css and report.js (sortable tables, rows as
  cards on a phone), copied from hooks/portal/checks/quality_report_assets/.

The report's modules are imported in the functions that use them: only preview builds need them,
and they are 20 ms of imports.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from portal.content import abbreviations
from portal.publish import build_state
from portal.content.datafiles import ROOT
from portal_hooks import current_language, generated_page, settings, site_languages

_report: dict[int, dict[str, Any]] = {}   # id(build state) -> report, computed once per build
_tables: dict[tuple[str, str], list[str]] = {}   # (language, page's source) -> its tables, put in after conversion


def _is_preview(config: MkDocsConfig) -> bool:
    return settings(config).get("mode") == "preview"


def _config_file(config: MkDocsConfig) -> Path:
    """data/checks.yml beside the docs folder when there is one (the fixture site), else the project's."""
    from portal.checks import runner
    local = Path(config.docs_dir).resolve().parent / "data" / "checks.yml"
    return local if local.exists() else runner.CONFIG_PATH


def report(config: MkDocsConfig) -> dict[str, Any] | None:
    from portal.checks import quality_report
    from portal.checks import runner
    state = build_state.current
    if state is None:
        return None
    if id(state) not in _report:
        _report.clear()
        _report[id(state)] = quality_report.collect(state.corpus, runner.load_config(_config_file(config)),
                                                    build_state.today(), ROOT, Path(config.docs_dir))
    return _report[id(state)]


@event_priority(-200)  # after mkdocs-static-i18n (-100) has chosen the files of this language
def on_files(files: Files, config: MkDocsConfig) -> Files:
    if not _is_preview(config) or report(config) is None:
        return files
    from portal.checks import quality_report
    lang = current_language(config)
    for gone in [key for key in _tables if key[0] == lang]:
        del _tables[gone]
    for path, (markdown, tables) in quality_report.pages(report(config), lang).items():
        _tables[(lang, path + ".md")] = tables
        files.append(generated_page(config, path, markdown))
    return files


def _is_report_page(page: Page, config: MkDocsConfig) -> bool:
    return page.file.generated_by is not None and (current_language(config), page.file.src_uri) in _tables


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    state = build_state.current
    doc = state.doc(page.file.src_uri) if state else None
    lang = (doc.lang if doc is not None else None) or current_language(config)
    return abbreviations.append_definitions(markdown, lang)


def on_page_content(html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """The first use of each abbreviation can take focus, so touch and keyboard readers see its meaning.
    The quality report gets its tables (after the heading permalinks are labelled: tables have none)."""
    html_text = abbreviations.focusable_first_uses(html_text)
    if _is_preview(config) and _is_report_page(page, config):
        from portal.checks import quality_report
        html_text = quality_report.with_tables(html_text, _tables[(current_language(config), page.file.src_uri)])
    return html_text


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """The report page loads its stylesheet and script (files of the site: the CSP allows 'self' only)."""
    if not _is_preview(config) or not _is_report_page(page, config):
        return output
    up = "../" * page.url.count("/")
    head, end_head, rest = output.rpartition("</head>")
    output = f'{head}<link rel="stylesheet" href="{up}kvalitet/report.css">{end_head}{rest}' if end_head else output
    body, end_body, rest = output.rpartition("</body>")
    return f'{body}<script src="{up}kvalitet/report.js" defer></script>{end_body}{rest}' if end_body else output


@event_priority(100)  # before mkdocs-static-i18n (-100) starts the next language's build
def on_post_build(config: MkDocsConfig) -> None:
    data = report(config) if _is_preview(config) else None
    if data is None or current_language(config) != site_languages(config)[0]:
        return   # written once, at the site's root, where both languages' report pages find them
    from portal.checks import quality_report
    path = Path(config.site_dir) / quality_report.JSON_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    # Compact: with an indent, Python's json uses its slow pure-Python encoder (a second per save at 1,000
    # pages per language); browsers and `python -m json.tool` show it indented.
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    for asset in quality_report.ASSETS.iterdir():
        shutil.copyfile(asset, path.parent / asset.name)
