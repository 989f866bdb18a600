#!/usr/bin/env python3
"""Search speed and size on a synthetic corpus: build share, bytes per language, time to first result.

    .venv/bin/python scripts/bench_search_speed.py                 # 1,000 pages per language
    .venv/bin/python scripts/bench_search_speed.py --pages 500 --baseline --runs 5

1. Generates N pages per language (Swedish and English text recombined from the sentences of docs/,
   valid front matter of every content type) into a temp dir, builds it with PORTAL_DOCS_DIR.
2. Reports the build time, the search step's time and share (from the build log), and the bytes of
   search data and search code per language, raw and gzipped.
3. Serves the site on 127.0.0.1 and measures in headless Chromium (Debian's /usr/bin/chromium), per
   language and with an empty cache each time: a page loads, the search box gets the focus and a query
   at once; the time from the load event (and from navigation start) to the first rendered result.
4. --baseline also builds the corpus with stock Material search (the portal's search hook and header
   left out) and measures its box the same way: the "before" figures.

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


def build(docs: Path, site: Path, config: Path | None = None) -> tuple[float, dict[str, float], str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", PORTAL_MODE="production",
               PORTAL_DOCS_DIR=str(docs), PORTAL_SITE_DIR=str(site), PORTAL_TODAY="2026-11-23",
               PYTHONPATH=str(ROOT / "hooks"))
    command = [sys.executable, "-m", "mkdocs", "build"] + (["-f", str(config)] if config else ["--strict"])
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode:
        sys.exit(f"build failed:\n{result.stderr[-3000:]}")
    search = {m.group(1): float(m.group(2)) for m in
              re.finditer(r"Search: \d+ (\w+) pages, .*?, ([\d.]+) s", result.stderr)}
    return seconds, search, result.stderr


def sizes(paths: list[Path]) -> tuple[int, int]:
    raw = sum(p.stat().st_size for p in paths)
    return raw, sum(len(gzip.compress(p.read_bytes(), 6)) for p in paths)


def first_result_ms(browser, url: str, query: str, box: str, result: str) -> tuple[float, float]:
    """(ms from the load event, ms from navigation start) to the first rendered result, empty cache."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    # Typed the moment the page has loaded: a MutationObserver notes when the first result appears.
    page.add_init_script(f"""
      window.addEventListener('load', () => {{
        const loaded = performance.now();
        new MutationObserver((_, observer) => {{
          if (document.querySelector({result!r})) {{
            window.__firstResult = [performance.now() - loaded, performance.now()];
            observer.disconnect();
          }}
        }}).observe(document.documentElement, {{childList: true, subtree: true}});
        const input = document.querySelector({box!r});
        input.focus();
        input.value = {query!r};
        input.dispatchEvent(new Event('focus'));
        input.dispatchEvent(new Event('input', {{bubbles: true}}));
        input.dispatchEvent(new KeyboardEvent('keyup', {{bubbles: true, key: 'a'}}));
      }});""")
    page.goto(url, wait_until="load")
    page.wait_for_function("window.__firstResult !== undefined", timeout=60_000)
    values = page.evaluate("window.__firstResult")
    context.close()
    return values[0], values[1]


def measure_browser(site: Path, pages: dict[str, str], box: str, result: str, runs: int) -> dict[str, list]:
    from conftest import CHROMIUM, CHROMIUM_ARGS, serve
    from playwright.sync_api import sync_playwright
    url, server = serve(site)
    out: dict[str, list] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for lang, path in pages.items():
                out[lang] = [first_result_ms(browser, url + path, QUERIES[lang], box, result) for _ in range(runs)]
            browser.close()
    finally:
        server.shutdown()
    return out


def baseline_config(tmp: Path) -> Path:
    """mkdocs.yml with Material's search plugin and without the portal's search hook and header."""
    overrides = tmp / "overrides"
    shutil.copytree(ROOT / "overrides", overrides)
    (overrides / "partials" / "header.html").unlink()
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("  - hooks/search_index.py\n", "")
    text = text.replace("  custom_dir: overrides", f"  custom_dir: {overrides}")
    text = re.sub(r"\nplugins:\n", "\nplugins:\n  - search\n", text, count=1)
    config = ROOT / f".bench-baseline-{os.getpid()}.yml"
    config.write_text(text, encoding="utf-8")
    return config


def print_browser(label: str, figures: dict[str, list]) -> None:
    for lang, values in figures.items():
        after_load = [v[0] for v in values]
        from_start = [v[1] for v in values]
        print(f"  {label} {lang}: first result {statistics.median(after_load):.0f} ms after load "
              f"(min {min(after_load):.0f}, max {max(after_load):.0f}); "
              f"{statistics.median(from_start):.0f} ms after navigation start ({len(values)} runs, median)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=1000, help="pages per language (default 1000)")
    parser.add_argument("--runs", type=int, default=5, help="browser runs per language (default 5)")
    parser.add_argument("--baseline", action="store_true", help="also measure stock Material search")
    parser.add_argument("--keep", type=Path, help="generate and build into this directory and keep it")
    args = parser.parse_args()
    tmp = args.keep or Path(tempfile.mkdtemp(prefix="bench-search-"))
    docs, site = tmp / "docs", tmp / "site"
    shutil.rmtree(docs, ignore_errors=True)
    docs.mkdir(parents=True)
    generate(docs, args.pages)
    corpus = sizes(list(docs.rglob("*.sv.md"))), sizes(list(docs.rglob("*.en.md")))
    print(f"corpus: {args.pages} pages per language in {docs}; Markdown sv {corpus[0][0] / 1e6:.1f} MB, "
          f"en {corpus[1][0] / 1e6:.1f} MB")

    seconds, search, _ = build(docs, site)
    share = sum(search.values()) / seconds
    print(f"build (portal search): {seconds:.1f} s; search step "
          + ", ".join(f"{lang} {s:.2f} s" for lang, s in search.items())
          + f"; share {share:.1%} of the build")
    code = [ROOT / "overrides/assets/js/vendor/lunr-2.3.9.min.js", ROOT / "overrides/assets/js/search/engine.js"]
    for lang, data in (("sv", site / "search" / "sv.json"), ("en", site / "en" / "search" / "en.json")):
        extra = [ROOT / "overrides/assets/js/search/snowball-swedish.js"] if lang == "sv" else []
        raw, gz = sizes([data])
        craw, cgz = sizes(code + extra)
        print(f"  {lang}: search data {raw / 1e6:.2f} MB raw, {gz / 1e6:.2f} MB gzipped; "
              f"search code {craw / 1e3:.0f} KB raw, {cgz / 1e3:.0f} KB gzipped (loaded on first focus)")
    ui_raw, ui_gz = sizes([ROOT / "overrides/assets/js/search/search-ui.js"])
    print(f"  every page: search-ui.js {ui_raw / 1e3:.1f} KB raw, {ui_gz / 1e3:.1f} KB gzipped")
    figures = measure_browser(site, {"sv": "/del00/sida-0/", "en": "/en/del00/sida-0/"},
                              "#portal-search-input", ".portal-search__result", args.runs)
    print_browser("portal", figures)

    if args.baseline:
        config = baseline_config(tmp)
        try:
            base_site = tmp / "site-material"
            seconds, _, _ = build(docs, base_site, config)
            index = base_site / "search" / "search_index.json"
            raw, gz = sizes([index])
            print(f"build (stock Material search): {seconds:.1f} s; search_index.json (both languages) "
                  f"{raw / 1e6:.2f} MB raw, {gz / 1e6:.2f} MB gzipped")
            figures = measure_browser(base_site, {"sv": "/del00/sida-0/", "en": "/en/del00/sida-0/"},
                                      "input.md-search__input", ".md-search-result__item", args.runs)
            print_browser("material", figures)
        finally:
            config.unlink()
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
