#!/usr/bin/env python3
"""Search quality benchmark: hit@1 and hit@3 on tests/search_queries.yml, ours next to Pagefind's.

    .venv/bin/python scripts/bench_search.py                  # builds docs/ (production) into a temp dir
    .venv/bin/python scripts/bench_search.py --mode preview   # drafts included
    .venv/bin/python scripts/bench_search.py --site site      # an existing build
    .venv/bin/python scripts/bench_search.py --no-pagefind    # ours only
    .venv/bin/python scripts/bench_search.py --show-heldout   # also list the held-out queries missed

Our queries run through hooks/portal/search/engine.py (the same pipeline, algorithm and numbers as the
browser). The query set has two lists: `queries`, which the engine is tuned on, and `heldout`, written
before the changes of issue 16 and never tuned on; both are reported. Pagefind (pinned in
requirements-bench.txt, in its own virtualenv) indexes a copy of the same build with its per-language
indexes and Swedish stemming, and answers the same queries in headless Chromium, from a page of the
query's language.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "tests"))

from portal.search import quality  # noqa: E402
from bench_search_common import PAGEFIND_RESULTS, gzip_server, pagefind_site  # noqa: E402


def build(site: Path, mode: str) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", PORTAL_MODE=mode,
               PORTAL_SITE_DIR=str(site), PYTHONPATH=str(ROOT / "hooks"))
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"build failed:\n{result.stderr[-3000:]}")


def pagefind_outcomes(site: Path, work: Path, queries: list[dict], engines: dict) -> tuple[list, float]:
    """Pagefind's answers to the queries as quality outcomes (result addresses mapped to page ids)."""
    from conftest import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright
    seconds = pagefind_site(site, work / "site-pagefind")
    ids = {"/" + d["url"]: d["id"] for e in engines.values() for d in e.docs}
    url, server = gzip_server(work / "site-pagefind")
    outcomes = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for lang, path in (("sv", "/"), ("en", "/en/")):
                mine = [q for q in queries if q["lang"] == lang]
                page = browser.new_page()
                page.goto(url + path, wait_until="load")
                answers = page.evaluate(PAGEFIND_RESULTS, [q["q"] for q in mine])
                page.close()
                for query, answer in zip(mine, answers):
                    foreign = [u for u in answer["urls"] if u.startswith("/en/") != (lang == "en")]
                    outcomes.append(quality.Outcome(query, [ids.get(u, u) for u in answer["urls"]], foreign))
            browser.close()
    finally:
        server.shutdown()
    return outcomes, seconds


def figures(label: str, outcomes: list) -> str:
    rows = []
    for name in ("queries", "heldout", None):
        part = [o for o in outcomes if name is None or o.query["set"] == name]
        if not part:
            continue
        table = quality.summary(part)
        row = table[("all", "all")]
        rows.append(f"  {label:<9} {name or 'all':<8} n={row['n']:<4} hit@1 {row['hit@1']:.3f}  hit@3 {row['hit@3']:.3f}"
                    f"  (sv {table[('sv', 'all')]['hit@3']:.3f}, en {table[('en', 'all')]['hit@3']:.3f} at 3)"
                    f"  other-language results {sum(len(o.foreign) for o in part)}")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="an existing build (default: build docs/ into a temp dir)")
    parser.add_argument("--mode", default="production", choices=["production", "preview"])
    parser.add_argument("--queries", type=Path, default=ROOT / "tests" / "search_queries.yml")
    parser.add_argument("--no-pagefind", action="store_true", help="do not run Pagefind")
    parser.add_argument("--show-heldout", action="store_true", help="list the held-out queries missed too")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            build(site, args.mode)
        engines = quality.load_engines(site)
        queries, waiting = quality.split_available(engines, quality.load_queries(args.queries, "all"))
        sections = {lang: quality.sections_of(site, lang) for lang in engines}
        ours = quality.evaluate(engines, queries, sections)
        print(quality.report(ours, show_heldout=args.show_heldout))
        if waiting:
            print(f"\nleft out, every expected page unpublished in this build ({len(waiting)}):")
            print("\n".join(f"  [{q['lang']}] {q['q']!r} -> {q['expect']}" for q in waiting))
        print("\nsummary (queries: tuned on; heldout: never tuned on)")
        print(figures("portal", ours))
        if not args.no_pagefind:
            theirs, seconds = pagefind_outcomes(site, Path(tmp), queries, engines)
            print(figures("pagefind", theirs) + f"\n  (Pagefind indexed both languages in {seconds:.1f} s)")


if __name__ == "__main__":
    main()
