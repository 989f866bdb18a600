"""Accessibility: axe-core in headless Chromium on every built page, WCAG 2.1 A and AA rules.

The built site is served on 127.0.0.1; one Chromium (Debian's /usr/bin/chromium, driven by
Playwright, no browser download) opens every page in a few parallel browser contexts, injects
node_modules/axe-core/axe.min.js (installed by `npm ci`) with `add_script_tag` (from a local URL, so
Chromium compiles it once and reuses the compiled code) and runs axe with the tags wcag2a, wcag2aa,
wcag21a, wcag21aa and wcag22aa (the WCAG 2.2 rules axe has: target size), once in each colour scheme
the reader's system may ask for (light and dark,
`prefers-color-scheme`; the site follows it). Every violating element is one finding, named by the
Markdown file the page comes from:

    docs/x.sv.md:12: axe color-contrast: p > a: Elements must meet minimum color contrast ratio thresholds … — fix

An element that fails on many pages in the same way comes from the theme templates and is reported
once. An exception needs a rule id, a CSS selector (the element or one of its ancestors matches it),
optionally a page pattern, and a written justification in data/checks.yml `accessibility.exceptions`.
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import fnmatch
import functools
import http.server
import shutil
import sys
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..content.datafiles import DATA, ROOT, load_yaml
from ..content.findings import Finding
from . import built_site

NAME = "accessibility"
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CONFIG_PATH = DATA / "checks.yml"
DEFAULT_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
COLOR_SCHEMES = ("light", "dark")   # what Playwright's emulate_media(color_scheme=…) accepts
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1280, "height": 800}
# The same element failing the same rule on this many pages is a template problem: reported once.
TEMPLATE_THRESHOLD = 3

# How to fix what the most common rules find, in the words an editor or developer needs.
FIX_HINTS = {
    "color-contrast": "raise the contrast to at least 4.5:1 (3:1 for large text): change the colour in "
                      "overrides/assets/css/portal.css, or remove the inline colour from the Markdown",
    "link-in-text-block": "links in running text must not rely on colour alone: keep them underlined "
                          "(overrides/assets/css/portal.css .md-typeset a)",
    "image-alt": "give the image a text alternative that says what it shows: ![what it shows](file.png)",
    "input-image-alt": "give the image button an alt text",
    "link-name": "give the link a text that says where it leads (not an empty link or a bare icon)",
    "button-name": "give the button a visible text or an aria-label",
    "html-has-lang": "the page needs <html lang=…>: check the language settings in mkdocs.yml",
    "html-lang-valid": "use a valid language code (sv, en) in <html lang>",
    "valid-lang": "use a valid language code in lang=…: write {lang=en} after the text in Markdown",
    "document-title": "give the page a title in its front matter",
    "list": "a list may only contain list items: check the Markdown list's indentation",
    "listitem": "a list item must be inside a list: check the Markdown list's indentation",
    "definition-list": "a definition list may only contain terms and definitions",
    "dlitem": "<dt>/<dd> must be inside a <dl>",
    "frame-title": "give the iframe a title that says what it shows",
    "td-headers-attr": "table headers must point to cells of the same table",
    "th-has-data-cells": "every table header must describe data cells: check the Markdown table",
    "empty-table-header": "give every table column a header text",
    "aria-allowed-attr": "remove the ARIA attribute this element may not have (template in overrides/)",
    "aria-required-children": "the ARIA role needs its required children (template in overrides/)",
    "aria-required-parent": "the ARIA role needs its required parent (template in overrides/)",
    "aria-hidden-focus": "an element hidden with aria-hidden must not be focusable (template in overrides/)",
    "nested-interactive": "do not put a link or button inside another one",
    "meta-viewport": "do not block zooming in <meta name=viewport>",
    "scrollable-region-focusable": "make the scrolling box reachable by keyboard (tabindex=0) in overrides/",
}


@dataclass(frozen=True)
class AxeException:
    """A justified exception: `rule` on elements matching `selector` (or inside one) on `pages`."""

    rule: str
    selector: str
    justification: str
    pages: str = "*"

    def applies_to(self, url: str) -> bool:
        return fnmatch.fnmatchcase(url, self.pages)


@dataclass
class Settings:
    tags: tuple[str, ...] = DEFAULT_TAGS
    workers: int = 3
    timeout_seconds: float = 30.0
    exceptions: list[AxeException] = field(default_factory=list)
    color_schemes: tuple[str, ...] = COLOR_SCHEMES


@dataclass(frozen=True)
class Violation:
    """One element failing one axe rule on one page."""

    url: str
    rule: str
    impact: str
    help: str
    help_url: str
    target: str
    html: str
    summary: str
    in_content: bool = True
    scheme: str = "light"


def load_settings(config: dict[str, Any] | None = None, config_path: str = "data/checks.yml"
                  ) -> tuple[Settings, list[Finding]]:
    """The `accessibility` section of data/checks.yml; exceptions without justification are errors."""
    if config is None:
        config = load_yaml(CONFIG_PATH) if CONFIG_PATH.exists() else {}
    section = (config or {}).get(NAME) or {}
    findings: list[Finding] = []
    settings = Settings(tags=tuple(section.get("tags") or DEFAULT_TAGS),
                        workers=max(1, int(section.get("workers", 3))),
                        timeout_seconds=float(section.get("timeout_seconds", 30)))
    schemes = section.get("color_schemes", list(COLOR_SCHEMES))
    if not isinstance(schemes, list) or not schemes or any(s not in COLOR_SCHEMES for s in schemes):
        findings.append(Finding(config_path, None, f"{NAME}.color_schemes", f"must list light and/or dark, not {schemes!r}",
                                "write color_schemes: [light, dark]"))
    else:
        settings.color_schemes = tuple(dict.fromkeys(schemes))
    for number, entry in enumerate(section.get("exceptions") or [], start=1):
        where = f"accessibility.exceptions[{number}]"
        entry = entry if isinstance(entry, dict) else {}
        rule, selector = str(entry.get("rule") or "").strip(), str(entry.get("selector") or "").strip()
        justification = " ".join(str(entry.get("justification") or "").split())
        missing = [name for name, value in (("rule", rule), ("selector", selector),
                                            ("justification", justification)) if not value]
        if missing:
            findings.append(Finding(config_path, None, where, f"exception without {', '.join(missing)}",
                                    "every exception names the axe rule id, a CSS selector and a written "
                                    "justification of why the element cannot be fixed"))
            continue
        if len(justification) < 20:
            findings.append(Finding(config_path, None, where, f"justification too short: {justification!r}",
                                    "explain in a sentence why this is not a barrier or cannot be fixed"))
            continue
        settings.exceptions.append(AxeException(rule, selector, justification, str(entry.get("pages") or "*")))
    return settings, findings


# Runs inside the page: axe with the WCAG tags, then the configured exceptions are applied to the
# elements themselves (element.closest(selector)), so a selector may name the element or an ancestor.
_RUN_AXE = """
async ({tags, exceptions}) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  const out = [];
  for (const rule of result.violations) {
    for (const node of rule.nodes) {
      const last = node.target[node.target.length - 1];
      let element = null;
      try { element = typeof last === 'string' ? document.querySelector(last) : null; } catch (e) {}
      const excepted = exceptions.findIndex(x => x.rule === rule.id && element !== null
                                            && (() => { try { return element.closest(x.selector) !== null; }
                                                        catch (e) { return false; } })());
      const inContent = element !== null && element.closest('article, [data-portal-embed-content]') !== null;
      out.push({rule: rule.id, inContent, impact: node.impact || rule.impact || '', help: rule.help,
                helpUrl: rule.helpUrl, target: node.target.map(t => Array.isArray(t) ? t.join(' ') : t).join(' >>> '),
                html: (node.html || '').slice(0, 300), summary: node.failureSummary || '', excepted});
    }
  }
  return out;
}
"""


AXE_URL = "/__portal-check__/axe.min.js"


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site, and axe-core at AXE_URL (a URL, so Chromium compiles it once and caches it)."""

    axe_script: Path = AXE_SCRIPT

    def translate_path(self, path: str) -> str:
        if path.split("?", 1)[0] == AXE_URL:
            return str(self.axe_script)
        return super().translate_path(path)

    def log_message(self, *args: Any) -> None:
        pass


def chromium_path() -> str | None:
    found = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    return found


async def _axe_all(base: str, pages: list[built_site.BuiltPage], settings: Settings, executable: str
                   ) -> tuple[list[Violation], list[Finding], set[int]]:
    from playwright.async_api import Error as PlaywrightError
    from playwright.async_api import async_playwright

    queue: asyncio.Queue[tuple[built_site.BuiltPage, str]] = asyncio.Queue()
    for scheme in settings.color_schemes:
        for page in pages:
            queue.put_nowait((page, scheme))
    violations: list[Violation] = []
    failures: list[Finding] = []
    used: set[int] = set()
    timeout_ms = settings.timeout_seconds * 1000

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)

        async def worker() -> None:
            context = await browser.new_context(viewport=VIEWPORT, service_workers="block")
            tab = await context.new_page()
            while not queue.empty():
                item, scheme = queue.get_nowait()
                applicable = [(index, exc) for index, exc in enumerate(settings.exceptions) if exc.applies_to(item.url)]
                try:
                    await tab.emulate_media(color_scheme=scheme)   # before loading: the theme picks it on load
                    await tab.goto(base + item.url, wait_until="load", timeout=timeout_ms)
                    await tab.add_script_tag(url=base + AXE_URL)
                    found = await asyncio.wait_for(tab.evaluate(_RUN_AXE, {
                        "tags": list(settings.tags),
                        "exceptions": [{"rule": exc.rule, "selector": exc.selector} for _, exc in applicable],
                    }), timeout=settings.timeout_seconds)
                except (PlaywrightError, asyncio.TimeoutError) as exc:
                    failures.append(Finding(item.display, None, "axe", f"could not check {item.url} ({scheme}): "
                                            f"{str(exc).splitlines()[0] if str(exc) else type(exc).__name__}",
                                            "open the page in the preview and fix what stops it from loading"))
                    continue
                for entry in found:
                    if entry["excepted"] >= 0:
                        used.add(applicable[entry["excepted"]][0])
                        continue
                    violations.append(Violation(item.url, entry["rule"], entry["impact"], entry["help"],
                                                entry["helpUrl"], entry["target"], entry["html"], entry["summary"],
                                                bool(entry["inContent"]), scheme))
            await context.close()

        await asyncio.gather(*(worker() for _ in range(min(settings.workers, max(1, len(pages))))))
        await browser.close()
    return violations, failures, used


class _QuietServer(http.server.ThreadingHTTPServer):
    """A browser that moves on closes connections mid-response (Material's sitemap.xml fetches):
    that is no error of the site, so it is not printed as a traceback."""

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


def run_axe(site_dir: Path, pages: list[built_site.BuiltPage], settings: Settings,
            executable: str | None = None, script: Path = AXE_SCRIPT
            ) -> tuple[list[Violation], list[Finding], set[int]]:
    """Serve `site_dir` on 127.0.0.1 and run axe on `pages`: (violations, pages not checked, exceptions used)."""
    handler = functools.partial(type("Handler", (_Handler,), {"axe_script": script}), directory=str(site_dir))
    server = _QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        # Its own thread and event loop, so the check also runs where a Playwright sync API is active.
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(asyncio.run, _axe_all(base, pages, settings, executable or "")).result()
    finally:
        server.shutdown()
        server.server_close()


def _summary(text: str) -> str:
    lines = [line.strip() for line in text.splitlines()
             if line.strip() and not line.strip().startswith("Fix ")]
    return "; ".join(lines)[:300]


def _fix(violation: Violation) -> str:
    hint = FIX_HINTS.get(violation.rule, violation.help[:1].lower() + violation.help[1:])
    return f"{hint} (see {violation.help_url})" if violation.help_url else hint


def findings_from(violations: list[Violation], pages: list[built_site.BuiltPage],
                  root: Path = ROOT) -> list[Finding]:
    """One finding per violating element; the same element on many pages (a template) once; an element
    failing in one colour scheme only says which."""
    by_url = {page.url: page for page in pages}
    checked = {violation.scheme for violation in violations} | {"light"}
    groups: dict[tuple[str, str, str, str], dict[str, Violation]] = defaultdict(dict)
    schemes: dict[tuple[str, str, str, str], set[str]] = defaultdict(set)
    for violation in violations:
        # Elements in the page text are reported per page; the same template element once.
        key = (violation.rule, violation.target, violation.html, violation.url if violation.in_content else "")
        groups[key].setdefault(violation.url, violation)
        schemes[key].add(violation.scheme)
    findings: list[Finding] = []
    for (rule, target, html, _), by_page in groups.items():
        group = list(by_page.values())
        first = group[0]
        detail = _summary(first.summary)
        text = built_site.text_of(html)
        excerpt = f" \"{text[:60]}{'…' if len(text) > 60 else ''}\"" if text else ""
        message = f"{target}{excerpt}: {first.help}" + (f" ({detail})" if detail else "") + f" [{first.impact}]"
        only = sorted(schemes[(rule, target, html, _)])
        if len(checked) > 1 and len(only) == 1:
            message += (f" in the {only[0]} colour scheme only (overrides/assets/css/portal.css, "
                        f"{'[data-md-color-scheme=slate]' if only[0] == 'dark' else ':root'})")
        if not first.in_content and len(group) >= TEMPLATE_THRESHOLD:
            message += (f" — on {len(group)} pages (e.g. {first.url}, {group[1].url}): the element comes from "
                        "the theme templates, not from the page text")
            findings.append(Finding("overrides/", None, f"axe {rule}", message,
                                    _fix(first) + "; fix it once in overrides/ (templates or CSS)"))
            continue
        for violation in group:
            page = by_url[violation.url]
            text = built_site.text_of(violation.html)
            line = built_site.source_line(page.source, [text[:80], text[:40]], root) if page.source else None
            where = "" if page.source else f" on {violation.url}"
            findings.append(Finding(page.display, line, f"axe {rule}",
                                    message if not where else message + where, _fix(violation)))
    return sorted(findings)


def check_site(site_dir: Path, docs_dir: Path | None = None, config: dict[str, Any] | None = None,
               root: Path = ROOT) -> tuple[list[Finding], int, float]:
    """(findings, pages checked, seconds) of axe on every page of a built site (redirect stubs left out)."""
    settings, findings = load_settings(config)
    executable = chromium_path()
    if executable is None:
        return findings + [Finding("/usr/bin/chromium", None, "axe", "Chromium is not installed",
                                   "run `apt-get install chromium` (as root; `make check` does it)")], 0, 0.0
    if not AXE_SCRIPT.exists():
        return findings + [Finding("node_modules/axe-core/axe.min.js", None, "axe", "axe-core is not installed",
                                   "run `npm ci` in the project folder (`make check` does it)")], 0, 0.0
    docs = Path(docs_dir) if docs_dir is not None else root / "docs"
    label = "docs" if docs.resolve() == (root / "docs").resolve() else None
    pages = built_site.pages(Path(site_dir), docs, label)
    started = time.monotonic()
    violations, failures, used = run_axe(Path(site_dir), pages, settings, executable)
    elapsed = time.monotonic() - started
    findings += failures + findings_from(violations, pages, root)
    for index, exception in enumerate(settings.exceptions):
        if index not in used:
            findings.append(Finding("data/checks.yml", None, f"accessibility.exceptions[{index + 1}]",
                                    f"exception for {exception.rule} on {exception.selector!r} matched nothing",
                                    "remove it if the problem is fixed", severity="warning"))
    return findings, len(pages), elapsed


def run(site_dir: Path, docs_dir: Path | None = None, config: dict[str, Any] | None = None,
        root: Path = ROOT) -> list[Finding]:
    """The check as `python -m portal check accessibility` runs it."""
    return check_site(site_dir, docs_dir, config, root)[0]


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="portal.checks.accessibility", description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default=str(ROOT / "site"), help="the built site (default site/)")
    parser.add_argument("--docs", default=str(ROOT / "docs"))
    args = parser.parse_args(argv)
    findings, count, seconds = check_site(Path(args.site), Path(args.docs))
    for finding in findings:
        print(finding.format())
    problems = [f for f in findings if f.severity == "error"]
    print(f"accessibility: {count} pages checked with axe-core (light and dark) in {seconds:.1f} s, "
          f"{len(problems)} problem(s).")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
