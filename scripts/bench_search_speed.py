#!/usr/bin/env python3
"""Search speed and size on a synthetic corpus, ours next to Pagefind's: bytes and time to the first result.

    .venv/bin/python scripts/bench_search_speed.py                       # 1,000 pages per language
    .venv/bin/python scripts/bench_search_speed.py --pages 100 1000 2000 --runs 5
    .venv/bin/python scripts/bench_search_speed.py --no-pagefind --no-limits

1. Generates N pages per language (Swedish and English text recombined from the sentences of docs/,
   valid front matter of every content type) into a temp dir and builds it (PORTAL_DOCS_DIR); reports the
   build time and the search step's share (from the build log).
2. Bytes (gzip -6, as nginx sends them): the search code, meta.json, the buckets (median, largest) and
   fragments; Pagefind (requirements-bench.txt, own virtualenv) indexes a copy of the same build.
3. Serves both on 127.0.0.1 with gzip (bench_search_common.gzip_server) and measures in headless Chromium
   (Debian's /usr/bin/chromium), per language, empty cache each run: the query is typed into our box at
   the page's load event (for Pagefind: its API is imported and asked at the load event); time from the
   load event to the first result (ours: rendered in the list; Pagefind: the first result's data), and
   the bytes transferred after the load event until then. Unthrottled, and with Chromium's network
   throttled to DevTools' "Fast 3G" profile (CDP Network.emulateNetworkConditions: 562.5 ms latency,
   180,000 B/s down, 84,375 B/s up) from the start of the page load.
4. --limits (default on): the caps of issue 12 on a page with the quick exit: hostile input pasted into
   the box; the longest main-thread task (PerformanceObserver 'longtask') and the delay of the quick
   exit's Shift presses (keydown handler time minus the event's time stamp).

Prints figures only; nothing is asserted. Results go in BENCHMARKS.md.
"""
from __future__ import annotations

import argparse
import gzip
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "tests"))

from portal.content import frontmatter  # noqa: E402
from portal.content.translation import revision  # noqa: E402
from portal.content.vocabulary import terms  # noqa: E402
from bench_search_common import gzip_server, pagefind_site  # noqa: E402

QUERIES = {"sv": "könsstympning", "en": "forced marriage"}
SECTIONS = {
    "typology": {"sv": ["Situation", "Varningssignaler", "Så agerar du", "Lagstiftning", "Stöd"],
                 "en": ["Situation", "Warning signs", "What to do", "The law", "Support"]},
    "guidance": {"sv": ["Vem vägledningen är för", "Gör så här", "Undvik", "Här får du stöd"],
                 "en": ["Who this guidance is for", "What to do", "What not to do", "Where to get support"]},
    "legal": {"sv": ["Vad regeln säger", "Sedan när", "Vem den gäller", "Vad det betyder i praktiken"],
              "en": ["What the rule says", "Since when", "Who it concerns", "What it means in practice"]},
    "joint-guidance": {"sv": ["Före", "Under", "Efter"], "en": ["Before", "During", "After"]},
    "page": {"sv": ["Bakgrund", "Mer information"], "en": ["Background", "More information"]},
}
SENTENCE = re.compile(r"(?<=[.!?])\s+")


def sentences(lang: str) -> list[str]:
    """Plain sentences of the real pages of a language (no headings, lists, tables or links)."""
    out: list[str] = []
    for path in sorted((ROOT / "docs").rglob(f"*.{lang}.md")):
        doc, _ = frontmatter.read(str(path), str(path), path.name)
        if doc is None:
            continue
        for line in doc.body.splitlines():
            line = line.strip()
            if not line or line[0] in "#-|!>*0123456789[<:" or "](" in line or "{" in line:
                continue
            out.extend(s for s in SENTENCE.split(line) if 20 <= len(s) <= 300)
    return sorted(set(out))


def page_text(rng: random.Random, pool: list[str], headings: list[str], words: int) -> str:
    parts = [" ".join(rng.sample(pool, 3))]
    per_section = max(2, words // (len(headings) * 18))
    for heading in headings:
        parts.append(f"## {heading}")
        parts.append(" ".join(rng.choice(pool) for _ in range(per_section)))
    return "\n\n".join(parts) + "\n"


def front_matter(rng: random.Random, page_id: str, kind: str, title: str, description: str, lang: str,
                 swedish_body: str | None) -> str:
    audiences = rng.sample(terms("audiences"), rng.randint(1, 3))
    topics = rng.sample(terms("topics"), rng.randint(1, 3))
    lines = ["---", f"id: {page_id}", f"type: {kind}", f'title: "{title}"', f'description: "{description}"',
             f"audiences: [{', '.join(audiences)}]", f"topics: [{', '.join(topics)}]", "owner: nationellt-centrum",
             "review:", "  status: approved", "  reviewed_by: Benchmark", "  last_reviewed: 2026-11-01",
             "sources:", "  - title: Ökat skydd mot hedersrelaterad brottslighet", "    issuer: Regeringen",
             "    year: 2020", "    reference: prop. 2019/20:131"]
    if kind == "legal":
        lines += ["statutes:", "  - reference: SFS 1962:700", "    name: Brottsbalken", "    provision: 4 kap. 4 e §"]
    if kind == "joint-guidance":
        lines += ["roles: [school, social-services]"]
    if swedish_body is not None:
        lines += ["translation:", f'  source_revision: "{revision(swedish_body)}"']
    return "\n".join(lines) + "\n---\n\n"


def generate(docs: Path, pages: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    pools = {lang: sentences(lang) for lang in ("sv", "en")}
    kinds = list(SECTIONS)
    for folder, title in (("", {"sv": "Syntetisk portal för mätning av sökningen", "en": "Synthetic portal for measuring search"}),):
        for lang in ("sv", "en"):
            body = "Startsida.\n" if lang == "sv" else "Home page.\n"
            swedish = "Startsida.\n"
            (docs / f"index.{lang}.md").write_text(front_matter(rng, "start", "page", title[lang], title[lang], lang,
                                                                swedish if lang == "en" else None) + body,
                                                   encoding="utf-8")
    for number in range(pages):
        kind = kinds[number % len(kinds)]
        section = docs / f"del{number // 100:02d}"
        section.mkdir(parents=True, exist_ok=True)
        words = rng.randint(250, 900)
        bodies = {}
        for lang in ("sv", "en"):
            pool = pools[lang]
            title = rng.choice(pool).split(".")[0][:70].strip(" ,;:") or f"Sida {number}"
            description = rng.choice(pool)[:150].replace('"', "'")
            bodies[lang] = page_text(rng, pool, SECTIONS[kind][lang], words)
            text = front_matter(rng, f"sida-{number}", kind, title.replace('"', "'"), description, lang,
                                bodies["sv"] if lang == "en" else None) + bodies[lang]
            (section / f"sida-{number}.{lang}.md").write_text(text, encoding="utf-8")


def build(docs: Path, site: Path) -> tuple[float, dict[str, float], str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", PORTAL_MODE="production",
               PORTAL_DOCS_DIR=str(docs), PORTAL_SITE_DIR=str(site), PORTAL_TODAY="2026-11-23",
               PYTHONPATH=str(ROOT / "hooks"))
    command = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode:
        sys.exit(f"build failed:\n{result.stderr[-3000:]}")
    search = {m.group(1): float(m.group(2)) for m in
              re.finditer(r"Search: \d+ (\w+) pages, .*?, ([\d.]+) s", result.stderr)}
    return seconds, search, result.stderr


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def size_report(site: Path, pagefind: Path | None) -> None:
    code = {"sv": ["snowball-swedish.js", "engine.js"], "en": ["porter-english.js", "engine.js"]}
    js = ROOT / "overrides" / "assets" / "js" / "search"
    print(f"  every page: search-ui.js {gz(js / 'search-ui.js') / 1e3:.1f} KB gzipped")
    for lang, folder in (("sv", site / "search"), ("en", site / "en" / "search")):
        buckets = sorted(gz(p) for p in folder.glob("t*.json"))
        fragments = sorted(gz(p) for p in folder.glob("f*.json"))
        print(f"  {lang}: code on first focus {sum(gz(js / n) for n in code[lang]) / 1e3:.1f} KB; "
              f"meta.json {gz(folder / 'meta.json') / 1e3:.1f} KB; {len(buckets)} buckets: median "
              f"{statistics.median(buckets) / 1e3:.1f} KB, largest {buckets[-1] / 1e3:.1f} KB, all "
              f"{sum(buckets) / 1e3:.0f} KB; fragments median {statistics.median(fragments) / 1e3:.1f} KB "
              f"(all gzipped)")
    if pagefind:
        bundle = pagefind / "pagefind"
        files = [p for p in bundle.rglob("*") if p.is_file()]
        print(f"  Pagefind bundle: {len(files)} files, {sum(p.stat().st_size for p in files) / 1e6:.2f} MB on disk "
              f"(its files are compressed already)")


OURS = """(query) => window.addEventListener('load', () => {
  const loaded = performance.now();
  new MutationObserver((_, observer) => {
    if (!document.querySelector('.portal-search__result')) return;
    observer.disconnect();
    const entries = performance.getEntriesByType('resource').filter(e => e.startTime >= loaded);
    window.__first = [performance.now() - loaded, entries.reduce((n, e) => n + e.transferSize, 0), entries.length];
  }).observe(document.documentElement, {childList: true, subtree: true});
  const input = document.querySelector('#portal-search-input');
  input.focus();
  input.value = query;
  input.dispatchEvent(new Event('input', {bubbles: true}));
})"""
PAGEFIND = """(query) => window.addEventListener('load', async () => {
  const loaded = performance.now();
  const pagefind = await import('/pagefind/pagefind.js');
  await pagefind.init();
  const search = await pagefind.search(query);
  await search.results[0].data();
  const entries = performance.getEntriesByType('resource').filter(e => e.startTime >= loaded);
  window.__first = [performance.now() - loaded, entries.reduce((n, e) => n + e.transferSize, 0), entries.length];
})"""
FAST_3G = {"offline": False, "latency": 562.5, "downloadThroughput": 180000, "uploadThroughput": 84375}


def first_result(browser, url: str, script: str, query: str, throttled: bool) -> list[float]:
    """[ms from the load event to the first result, bytes transferred after load, requests], empty cache."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    if throttled:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", FAST_3G)
    page.add_init_script(f"({script})({query!r})")
    page.goto(url, wait_until="load", timeout=120_000)
    page.wait_for_function("window.__first !== undefined", timeout=120_000)
    values = page.evaluate("window.__first")
    context.close()
    return values


def timings(site: Path, script: str, runs: int) -> dict:
    from conftest import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright
    url, server = gzip_server(site)
    out: dict = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for throttled in (False, True):
                for lang, path in (("sv", "/del00/sida-0/"), ("en", "/en/del00/sida-0/")):
                    out[(throttled, lang)] = [first_result(browser, url + path, script, QUERIES[lang], throttled)
                                              for _ in range(runs)]
            browser.close()
    finally:
        server.shutdown()
    return out


def print_timings(label: str, figures: dict) -> None:
    for (throttled, lang), values in figures.items():
        ms = [v[0] for v in values]
        kb = statistics.median(v[1] for v in values) / 1e3
        print(f"  {label:<8} {lang} {'Fast 3G' if throttled else 'no throttling':<13}: first result "
              f"{statistics.median(ms):.0f} ms after load (min {min(ms):.0f}, max {max(ms):.0f}, {len(ms)} runs); "
              f"{kb:.1f} KB in {statistics.median(v[2] for v in values):.0f} requests after load")


HOSTILE = {
    "5,000 letters": "a" * 5000,
    "5,000 letters with spaces": ("abcdefghij " * 455)[:5000],
    "many short words": " ".join(["ab", "cd", "ef", "gh"] * 600)[:5000],
    "combining marks": "a" + "\u0301" * 3000,
    "emoji": "\U0001F600" * 2000,
    "right to left": "\u0645\u0631\u062d\u0628\u0627 \u05e9\u05dc\u05d5\u05dd " * 300,
    "30-letter unknown words": " ".join(["qwrtzpsdfghjklqwrtzpsdfghjklqw", "konsstympningskonsstympningsko",
                                         "barnbarnbarnbarnbarnbarnbarnba"] * 10),
}
WATCH = """() => {
  window.__long = 0; window.__shift = [];
  new PerformanceObserver(list => list.getEntries().forEach(e => { window.__long = Math.max(window.__long, e.duration); }))
    .observe({type: 'longtask'});
  window.addEventListener('keydown', e => { if (e.key === 'Shift') window.__shift.push(performance.now() - e.timeStamp); }, true);
}"""


def limits(site: Path, docs: Path, runs: int = 3) -> None:
    """The longest task and the quick exit's delay with hostile input pasted (or set by a script), the worst
    of `runs` runs each."""
    from conftest import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright
    at_risk = next(p for p in sorted(docs.rglob("*.sv.md")) if "at-risk" in p.read_text(encoding="utf-8"))
    path = "/" + str(at_risk.relative_to(docs)).removesuffix(".sv.md") + "/"
    url, server = gzip_server(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for how in ("pasted", "set by a script"):
                for name, text in HOSTILE.items():
                    worst = [0.0, 0.0]
                    for _ in range(runs):
                        worst = [max(a, b) for a, b in zip(worst, _hostile_run(browser, url + path, how, text))]
                    print(f"  {how:<15} {name:<26}: longest task {worst[0]:.0f} ms (0: none over 50 ms); "
                          f"Shift handled after {worst[1]:.0f} ms (worst of {runs})")
            browser.close()
    finally:
        server.shutdown()


def _hostile_run(browser, url: str, how: str, text: str) -> tuple[float, float]:
    """(longest task, slowest Shift keydown) after putting `text` in the box of the page at `url`."""
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.locator("#portal-search-input").focus()
    page.wait_for_selector("[data-portal-search-ready]", state="attached")
    page.evaluate(WATCH)
    if how == "pasted":
        page.evaluate("t => navigator.clipboard.writeText(t)", text)
        page.locator("#portal-search-input").press("Control+V")
    else:
        page.evaluate("t => { const i = document.querySelector('#portal-search-input'); i.value = t;"
                      " i.dispatchEvent(new Event('input', {bubbles: true})); }", text)
    page.wait_for_timeout(30)
    for _ in range(2):     # two presses: the third would leave the page
        page.keyboard.press("Shift")
        page.wait_for_timeout(100)
    page.wait_for_timeout(500)
    longest, shift = page.evaluate("[window.__long, window.__shift]")
    context.close()
    return longest, max(shift)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, nargs="+", default=[1000], help="pages per language (default 1000)")
    parser.add_argument("--runs", type=int, default=5, help="browser runs per language and network (default 5)")
    parser.add_argument("--no-pagefind", action="store_true", help="do not measure Pagefind")
    parser.add_argument("--no-limits", action="store_true", help="do not measure the input caps")
    parser.add_argument("--keep", type=Path, help="generate and build into this directory and keep it")
    args = parser.parse_args()
    tmp = args.keep or Path(tempfile.mkdtemp(prefix="bench-search-"))
    for count in args.pages:
        docs, site = tmp / f"docs-{count}", tmp / f"site-{count}"
        shutil.rmtree(docs, ignore_errors=True)
        docs.mkdir(parents=True)
        generate(docs, count)
        raw = sum(p.stat().st_size for p in docs.rglob("*.sv.md")), sum(p.stat().st_size for p in docs.rglob("*.en.md"))
        print(f"\n{count} pages per language; Markdown sv {raw[0] / 1e6:.1f} MB, en {raw[1] / 1e6:.1f} MB")
        seconds, search, _ = build(docs, site)
        print(f"  build: {seconds:.1f} s; search step " + ", ".join(f"{lang} {s:.2f} s" for lang, s in search.items())
              + f"; share {sum(search.values()) / seconds:.1%} of the build")
        pagefind = None
        if not args.no_pagefind:
            pagefind = tmp / f"site-pagefind-{count}"
            print(f"  Pagefind indexed the copy in {pagefind_site(site, pagefind):.1f} s")
        size_report(site, pagefind)
        print_timings("portal", timings(site, OURS, args.runs))
        if pagefind:
            print_timings("pagefind", timings(pagefind, PAGEFIND, args.runs))
        if not args.no_limits and count == args.pages[-1]:
            print("  input caps (issue 12), on a page with the quick exit:")
            limits(site, docs)
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
