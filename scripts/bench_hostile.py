#!/usr/bin/env python3
"""What hostile Markdown costs a build: the fixture site with one extra page of a given shape and size,
built as `make build` builds (strict, production), against the same site with an ordinary page of the
same size made of the shipped pages' own text.

A shape the validation refuses stops the build early (markdown_limits, safety); a shape it lets
through must not cost much more than ordinary text. Prints one line per shape: median seconds of
--repeat builds, the ratio to the ordinary page, and whether the build was refused.

    .venv/bin/python scripts/bench_hostile.py [--size 190000] [--repeat 3] [shape ...]
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "site" / "docs"
HEAD = ("---\nid: matning\ntype: page\ntitle: Mätning\ndescription: En sida för att mäta hur lång tid bygget tar.\n"
        "audiences: [school]\ntopics: [honour-oppression]\nowner: nationellt-centrum\nreview:\n  status: approved\n"
        "  reviewed_by: Testredaktionen\n  last_reviewed: 2026-11-01\nsources:\n  - title: Testkälla\n"
        "    issuer: Testmyndigheten\n    year: 2026\n    reference: prop. 2019/20:131\n---\n\n")
BLOCK = 4_900   # shapes that are paragraphs are cut into paragraphs just under the 5,000-character limit
SHAPES = {
    "unclosed-angle-brackets": "<a ", "unclosed-square-brackets": "[", "nested-emphasis": "**_",
    "stars": "*a ", "underscores": "_a ", "backticks": "`` ` ``` ` ", "backslashes": "\\",
    "ampersands": "&", "entities": "&#", "braces": "{", "attribute-lists": '{ title="}" ',
    "footnote-references": "[^1]", "table-rows": "| a | b |\n|---|---|\n", "admonitions": "!!! note\n    ",
    "comments": "<!--", "long-words": "a",
}


def ordinary(size: int) -> str:
    pages = sorted((ROOT / "docs" / "vagledning").glob("*.sv.md")) + sorted((ROOT / "docs" / "typfall").glob("*.sv.md"))
    text = "\n\n".join(p.read_text(encoding="utf-8").split("\n---\n", 1)[1] for p in pages)
    return (text * (size // len(text) + 1))[:size]


def shaped(unit: str, size: int) -> str:
    piece = (unit * (BLOCK // len(unit) + 1))[:BLOCK] + "\n\n"
    return (piece * (size // len(piece) + 1))[:size]


def build_seconds(body: str, repeat: int) -> tuple[float, bool]:
    times, refused = [], False
    for _ in range(repeat):
        work = Path(tempfile.mkdtemp(prefix="bench-hostile-"))
        try:
            docs = work / "docs"
            shutil.copytree(FIXTURE, docs)
            (docs / "matning.sv.md").write_text(HEAD + body, encoding="utf-8")
            env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", PORTAL_MODE="production",
                       PORTAL_DOCS_DIR=str(docs), PORTAL_SITE_DIR=str(work / "site"), PORTAL_TODAY="2026-12-04",
                       PYTHONPATH=str(ROOT / "hooks"))
            started = time.perf_counter()
            result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=ROOT, env=env,
                                    capture_output=True, text=True, timeout=900)
            times.append(time.perf_counter() - started)
            refused = result.returncode != 0
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return statistics.median(times), refused


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=190_000, help="characters of the extra page (limit: 0.2 MB)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("shapes", nargs="*", help=f"some of: {', '.join(SHAPES)}")
    args = parser.parse_args()
    base, _ = build_seconds(ordinary(args.size), args.repeat)
    print(f"{'ordinary (shipped text)':28} {base:6.2f} s   1.00")
    for name in args.shapes or SHAPES:
        seconds, refused = build_seconds(shaped(SHAPES[name], args.size), args.repeat)
        print(f"{name:28} {seconds:6.2f} s  {seconds / base:5.2f}  {'refused' if refused else 'built'}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
