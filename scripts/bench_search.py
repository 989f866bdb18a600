#!/usr/bin/env python3
"""Search quality benchmark: hit@1 and hit@3 per language and category on tests/search_queries.yml.

    .venv/bin/python scripts/bench_search.py                  # builds docs/ (production) into a temp dir
    .venv/bin/python scripts/bench_search.py --mode preview   # drafts included
    .venv/bin/python scripts/bench_search.py --site site      # an existing build

The queries run through hooks/portal/search/engine.py: the same pipeline and algorithm as the browser.
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

from portal.search import quality  # noqa: E402


def build(site: Path, mode: str) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", PORTAL_MODE=mode,
               PORTAL_SITE_DIR=str(site), PYTHONPATH=str(ROOT / "hooks"))
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"build failed:\n{result.stderr[-3000:]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="an existing build (default: build docs/ into a temp dir)")
    parser.add_argument("--mode", default="production", choices=["production", "preview"])
    parser.add_argument("--queries", type=Path, default=ROOT / "tests" / "search_queries.yml")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            build(site, args.mode)
        engines = quality.load_engines(site)
        queries, waiting = quality.split_available(engines, quality.load_queries(args.queries))
        print(quality.report(quality.evaluate(engines, queries)))
        if waiting:
            print(f"\nleft out, every expected page unpublished in this build ({len(waiting)}):")
            print("\n".join(f"  [{q['lang']}] {q['q']!r} -> {q['expect']}" for q in waiting))


if __name__ == "__main__":
    main()
