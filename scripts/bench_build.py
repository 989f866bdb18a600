#!/usr/bin/env python3
"""Build and delivery benchmark (`make bench`): prints figures, asserts nothing.

For synthetic corpora of 100, 1,000 and 2,000 pages per language (hooks/portal/content/synthetic.py):
- production build time and peak memory of our configuration (mkdocs.yml) and of a plain
  Material + mkdocs-static-i18n configuration on the same pages, in the same run, alternately
  (--repeat times each, median); the ratio; and our build on one core (PORTAL_PARALLEL=0);
- size of the built site, HTML size of one typical guidance page (raw and gzipped);
- first visit of that guidance page in headless Chromium through our nginx configuration:
  bytes transferred (gzip as nginx serves it), requests, requests to other hosts;
- for the largest corpus, wrk for 30 s against nginx on 127.0.0.1 (rate, p99 and errors), three times:
  without compression, with `Accept-Encoding: gzip` served from the build's .gz copies (gzip_static),
  and with gzip once the copies are removed (nginx compressing every response, as before the copies).

    make bench                                   # everything (about 12 minutes on 2 cores)
    make bench BENCH_ARGS="--sizes 100 --wrk-seconds 5"
    make bench BENCH_ARGS="--profile 1000"       # where our build spends its time
"""
from __future__ import annotations

import argparse
import cProfile
import gzip
import json
import os
import pstats
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from portal.content import corpus, synthetic
from portal.deliver import nginx  # noqa: E402
from portal.content import ports  # noqa: E402
from portal.content.findings import errors  # noqa: E402

TODAY = "2026-11-23"
EXTERNAL_ASSET = re.compile(r'<(?:link|script|img|source|iframe)[^>]+(?:src|href)="(?:https?:)?//(?!127\.0\.0\.1)[^"]+"')

PLAIN_CONFIG = """\
# Plain Material + mkdocs-static-i18n: the reference configuration of scripts/bench_build.py.
site_name: Plain
site_url: {site_url}
docs_dir: {docs}
site_dir: {site}
theme:
  name: material
  language: sv
  font: false
  features: [navigation.indexes, navigation.prune]
plugins:
  - search
  - i18n:
      docs_structure: suffix
      languages:
        - {{locale: sv, name: Svenska, default: true, build: true}}
        - {{locale: en, name: English, build: true}}
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - def_list
  - footnotes
  - md_in_html
  - tables
  - toc: {{permalink: true}}
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.tabbed: {{alternate_style: true}}
  - pymdownx.tasklist: {{custom_checkbox: true}}
"""


def environment(**extra: str) -> dict[str, str]:
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true",
                PYTHONPATH=str(ROOT / "hooks"), PORTAL_TODAY=TODAY, **extra)


def _tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and its descendants, summed (pages they share are counted twice)."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            with open(f"/proc/{current}/statm", encoding="ascii") as handle:
                total += int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as handle:
                    pending.extend(int(child) for child in handle.read().split())
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total / 2**20


def _sample_tree(pid: int, stop: threading.Event, peak: list[float]) -> None:
    while not stop.wait(0.02):
        peak[0] = max(peak[0], _tree_rss_mb(pid))


def timed_build(command: list[str], env: dict[str, str]) -> dict:
    """Run one build; wall time, CPU time and the peak resident memory of the build process, and the
    peak of the build process and its background processes together (sampled every 20 ms)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    stop, tree_peak = threading.Event(), [0.0]
    sampler = threading.Thread(target=_sample_tree, args=(process.pid, stop, tree_peak), daemon=True)
    sampler.start()
    output = process.stdout.read() if process.stdout else b""
    stop.set()
    sampler.join()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        sys.exit(f"build failed ({' '.join(command)}):\n{output.decode(errors='replace')[-4000:]}")
    # CPU time (user + system) is the steadier figure when other work shares the machine.
    return {"seconds": round(seconds, 2), "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
            "peak_mb": round(usage.ru_maxrss / 1024), "tree_peak_mb": round(tree_peak[0])}


def ours(docs: Path, site: Path, site_url: str, **extra: str) -> dict:
    env = environment(PORTAL_MODE="production", PORTAL_DOCS_DIR=str(docs), PORTAL_SITE_DIR=str(site),
                      PORTAL_SITE_URL=site_url, **extra)
    return timed_build([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"], env)


def plain(docs: Path, site: Path, work: Path, site_url: str) -> dict:
    config = work / "mkdocs-plain.yml"
    config.write_text(PLAIN_CONFIG.format(docs=docs, site=site, site_url=site_url), encoding="utf-8")
    return timed_build([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(config)],
                       environment())


def folder_size(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def typical_page(docs: Path) -> str:
    """The guidance page in the middle of the list: /vagledning/<slug>/."""
    slugs = sorted(p.name[: -len(".sv.md")] for p in (docs / "vagledning").glob("*.sv.md") if p.name != "index.sv.md")
    return f"vagledning/{slugs[len(slugs) // 2]}/"


def html_size(site: Path, page: str) -> dict:
    raw = (site / page / "index.html").read_bytes()
    return {"raw_kb": round(len(raw) / 1000, 1), "gzip_kb": round(len(gzip.compress(raw, 6)) / 1000, 1)}


def external_assets(site: Path) -> int:
    return sum(len(EXTERNAL_ASSET.findall(p.read_text(encoding="utf-8", errors="replace"))) for p in site.rglob("*.html"))


def first_visit(url: str, page: str) -> dict:
    """Bytes a first-time reader's browser transfers for one page, through nginx, until the network is idle."""
    from playwright.sync_api import sync_playwright
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context()
        responses = []
        context.on("requestfinished", lambda request: responses.append(request))
        page_handle = context.new_page()
        page_handle.goto(f"{url}/{page}", wait_until="networkidle")
        rows, others = [], []
        for request in responses:
            if not request.url.startswith(url + "/"):
                others.append(request.url)
                continue
            sizes = request.sizes()
            rows.append((request.resource_type, request.url[len(url):],
                         sizes["responseBodySize"] + sizes["responseHeadersSize"]))
        browser.close()
    by_type: dict[str, int] = {}
    for kind, _, size in rows:
        by_type[kind] = by_type.get(kind, 0) + size
    return {"total_kb": round(sum(s for *_, s in rows) / 1000, 1), "requests": len(rows),
            "by_type_kb": {k: round(v / 1000, 1) for k, v in sorted(by_type.items())},
            "other_hosts": others,
            "largest": sorted(((u, round(s / 1000, 1)) for _, u, s in rows), key=lambda r: -r[1])[:5]}


def run_wrk(url: str, paths: list[str], seconds: int, work: Path, gzip_ok: bool = True) -> dict:
    script = work / ("pages-gzip.lua" if gzip_ok else "pages.lua")
    script.write_text("local paths = {" + ",".join(json.dumps("/" + p) for p in paths) + "}\n"
                      + ("wrk.headers['Accept-Encoding'] = 'gzip'\n" if gzip_ok else "") +
                      "request = function() return wrk.format('GET', paths[math.random(#paths)]) end\n",
                      encoding="utf-8")
    command = ["wrk", "-t2", "-c64", f"-d{seconds}s", "--latency", "-s", str(script), url]
    output = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60).stdout
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    requests = re.search(r"(\d+) requests in", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    p99 = re.search(r"99%\s+(\S+)", output)
    return {"command": " ".join(command[:-3] + [script.name, url]), "seconds": seconds,
            "requests": int(requests.group(1)) if requests else None,
            "rate": float(rate.group(1)) if rate else None, "p99": p99.group(1) if p99 else None,
            "non_2xx_3xx": int(non_2xx.group(1)) if non_2xx else 0,
            "socket_errors": sum(map(int, socket.groups())) if socket else 0}


def validated_corpus(docs: Path, pages: int) -> int:
    count = synthetic.generate(docs, pages)
    loaded = corpus.load(docs, docs.parent)
    problems = errors(loaded.findings)
    if problems:
        sys.exit("synthetic corpus does not validate:\n" + "\n".join(f.format() for f in problems[:20]))
    return count


def median_run(runs: list[dict]) -> dict:
    """The run with the median wall time, with the highest peak memory of all runs."""
    middle = sorted(runs, key=lambda r: r["seconds"])[len(runs) // 2]
    return dict(middle, peak_mb=max(r["peak_mb"] for r in runs), tree_peak_mb=max(r["tree_peak_mb"] for r in runs))


def bench_size(pages: int, work: Path, wrk_seconds: int, browser: bool, repeat: int = 3) -> dict:
    docs, site, plain_site = work / "docs", work / "site", work / "site-plain"
    count = validated_corpus(docs, pages)
    port = ports.free_port()
    site_url = f"http://127.0.0.1:{port}/"
    result: dict = {"pages_per_language": count}
    runs: dict[str, list[dict]] = {"ours": [], "plain": []}
    for _ in range(repeat):   # alternating, so that a busy moment of the machine hits both
        runs["ours"].append(ours(docs, site, site_url))
        runs["plain"].append(plain(docs, plain_site, work, site_url))
    result["ours"], result["plain"] = median_run(runs["ours"]), median_run(runs["plain"])
    result["runs"] = {name: [r["seconds"] for r in found] for name, found in runs.items()}
    # Our build on one core (the background processes' work done in the build process itself).
    result["ours_one_core"] = ours(docs, site, site_url, PORTAL_PARALLEL="0")
    result["ratio"] = round(result["ours"]["seconds"] / result["plain"]["seconds"], 2)
    result["cpu_ratio"] = round(result["ours"]["cpu_seconds"] / result["plain"]["cpu_seconds"], 2)
    result["one_core_ratio"] = round(result["ours_one_core"]["seconds"] / result["plain"]["seconds"], 2)
    size, files = folder_size(site)
    result["site_mb"], result["site_files"] = round(size / 1e6, 1), files
    result["plain_site_mb"] = round(folder_size(plain_site)[0] / 1e6, 1)
    page = typical_page(docs)
    result["page"] = "/" + page
    result["html"] = html_size(site, page)
    result["plain_html"] = html_size(plain_site, page)
    result["external_assets_in_html"] = external_assets(site)
    with nginx.running(site, work / "nginx", workers=2, port=port) as server:
        if browser:
            result["first_visit"] = first_visit(server.url, page)
        if wrk_seconds:
            pages_list = sorted(str(p.parent.relative_to(site)) + "/" for p in site.glob("*/*/index.html")
                                if p.parts[-3] in ("vagledning", "typfall", "lagstiftning"))
            result["wrk"] = run_wrk(server.url, pages_list[:2000], wrk_seconds, work, gzip_ok=False)
            result["wrk_gzip"] = run_wrk(server.url, pages_list[:2000], wrk_seconds, work)
            for copy in site.rglob("*.gz"):   # what readers got before the build wrote the copies
                copy.unlink()
            result["wrk_gzip_on_the_fly"] = run_wrk(server.url, pages_list[:2000], wrk_seconds, work)
    shutil.rmtree(plain_site, ignore_errors=True)
    return result


def profile(pages: int, work: Path, top: int = 25) -> None:
    """Our build under cProfile, in this process; time per area and the most expensive functions of ours."""
    docs = work / "docs"
    validated_corpus(docs, pages)
    # The profiler sees one process: the work of the background processes is done in this one.
    os.environ.update(environment(PORTAL_MODE="production", PORTAL_DOCS_DIR=str(docs),
                                  PORTAL_SITE_DIR=str(work / "site"), PORTAL_PARALLEL="0"))
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT / "hooks"))
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    build(load_config(str(ROOT / "mkdocs.yml"), strict=True))
    profiler.disable()
    print(f"\nProfiled build of {pages} pages per language: {time.perf_counter() - started:.1f} s (with profiler)")
    stats = pstats.Stats(profiler)
    areas: dict[str, float] = {}
    ours_rows = []
    for (filename, line, name), (_, _, tottime, cumtime, _) in stats.stats.items():  # type: ignore[attr-defined]
        area = _area(filename)
        areas[area] = areas.get(area, 0.0) + tottime
        if area.startswith("ours"):
            ours_rows.append((cumtime, tottime, f"{Path(filename).relative_to(ROOT)}:{line} {name}"))
    total = sum(areas.values())
    print("\nSelf time by area:")
    for area, seconds in sorted(areas.items(), key=lambda a: -a[1]):
        print(f"  {area:<28} {seconds:7.1f} s  {100 * seconds / total:5.1f} %")
    print(f"\nOur functions by cumulative time (top {top}):")
    for cumtime, tottime, where in sorted(ours_rows, reverse=True)[:top]:
        print(f"  {cumtime:7.2f} s cum  {tottime:7.2f} s self  {where}")


def _area(filename: str) -> str:
    if filename.startswith(str(ROOT / "hooks")):
        rel = Path(filename).relative_to(ROOT / "hooks").as_posix()
        return "ours: " + (rel.split("/")[1] if rel.startswith("portal/") and "/" in rel else rel)
    for marker, area in (("mkdocs_static_i18n", "mkdocs-static-i18n"), ("/material/", "mkdocs-material"),
                         ("/pymdownx/", "pymdown-extensions"), ("/markdown/", "Python-Markdown"),
                         ("/mkdocs/", "mkdocs"), ("/jinja2/", "jinja2"), ("/yaml/", "PyYAML"),
                         ("/jsonschema", "jsonschema"), ("/lunr/", "lunr"), ("/babel/", "babel"),
                         ("/re/", "re (regex)"), ("/html/", "html")):
        if marker in filename:
            return area
    return "Python / other" if not filename.startswith("~") else "builtins"


def print_table(results: list[dict]) -> None:
    print("\n| pages/lang | ours s (CPU s) | plain s (CPU s) | ratio (CPU) | ours on one core s (ratio) "
          "| ours peak MB (all processes) | plain peak MB | site MB (files) "
          "| page HTML raw/gz KB | plain page raw/gz KB | first visit KB (requests) | other hosts |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        visit = r.get("first_visit", {})
        print(f"| {r['pages_per_language']:,} | {r['ours']['seconds']} ({r['ours']['cpu_seconds']}) "
              f"| {r['plain']['seconds']} ({r['plain']['cpu_seconds']}) | {r['ratio']} ({r['cpu_ratio']}) "
              f"| {r['ours_one_core']['seconds']} ({r['one_core_ratio']}) "
              f"| {r['ours']['peak_mb']} ({r['ours']['tree_peak_mb']}) | {r['plain']['peak_mb']} | {r['site_mb']} ({r['site_files']:,}) "
              f"| {r['html']['raw_kb']} / {r['html']['gzip_kb']} | {r['plain_html']['raw_kb']} / {r['plain_html']['gzip_kb']} "
              f"| {visit.get('total_kb', '–')} ({visit.get('requests', '–')}) "
              f"| {len(visit.get('other_hosts', [])) + r['external_assets_in_html'] if visit else r['external_assets_in_html']} |")
    for r in results:
        for key, what in (("wrk", "no compression"), ("wrk_gzip", "gzip from the build's .gz copies"),
                          ("wrk_gzip_on_the_fly", "gzip compressed by nginx per response")):
            if key not in r:
                continue
            w = r[key]
            print(f"\nwrk at {r['pages_per_language']:,} pages/lang, {what}: {w['rate']:,.0f} requests/s over "
                  f"{w['seconds']} s ({w['requests']:,} requests, p99 {w['p99']}), non-2xx/3xx {w['non_2xx_3xx']}, "
                  f"socket errors {w['socket_errors']} — `{w['command']}`")
        if "wrk" in r and "wrk_gzip" in r and r["wrk"]["rate"]:
            print(f"gzip / no compression: {r['wrk_gzip']['rate'] / r['wrk']['rate']:.2f} (target ≥ 0.80)")
        if "first_visit" in r:
            print(f"first visit of {r['page']} at {r['pages_per_language']:,} pages/lang: "
                  f"{r['first_visit']['by_type_kb']}; largest {r['first_visit']['largest']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 2000])
    parser.add_argument("--wrk-seconds", type=int, default=30, help="wrk duration for the largest corpus (0: skip)")
    parser.add_argument("--no-browser", action="store_true", help="skip the first-visit measurement in Chromium")
    parser.add_argument("--profile", type=int, metavar="PAGES", help="profile our build at this size instead")
    parser.add_argument("--repeat", type=int, default=3, help="builds of each configuration per size (median)")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    args = parser.parse_args(argv)
    work_root = args.keep or Path(tempfile.mkdtemp(prefix="portal-bench-"))
    work_root.mkdir(parents=True, exist_ok=True)
    try:
        if args.profile:
            profile(args.profile, work_root / f"profile-{args.profile}")
            return 0
        results = []
        for size in args.sizes:
            wrk_seconds = args.wrk_seconds if size == max(args.sizes) and shutil.which("wrk") else 0
            print(f"… {size} pages per language", file=sys.stderr, flush=True)
            result = bench_size(size, work_root / str(size), wrk_seconds, not args.no_browser, args.repeat)
            results.append(result)
            print(json.dumps(result, ensure_ascii=False), flush=True)
            shutil.rmtree(work_root / str(size) / "site", ignore_errors=True)
        print_table(results)
        print(f"\nmachine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, nginx {nginx_version()}")
        if args.json:
            args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    finally:
        if not args.keep:
            shutil.rmtree(work_root, ignore_errors=True)
    return 0


def nginx_version() -> str:
    result = subprocess.run([nginx.NGINX, "-v"], capture_output=True, text=True)
    return (result.stderr or result.stdout).strip().split("/")[-1]


if __name__ == "__main__":
    raise SystemExit(main())
