#!/usr/bin/env python3
"""How long an editor waits for the preview: `mkdocs serve` as `make serve` runs it, on a copy of docs/;
one page is edited and the served page is fetched until it shows the edit.

Prints, per edit, the seconds from writing the file to the first response that holds the new text, then
the median. The first build (start-up) is timed too. The server listens on 127.0.0.1 only.

    .venv/bin/python scripts/bench_preview.py [--page vagledning/orosanmalan.sv.md] [--edits 5] [--port 8750]
    .venv/bin/python scripts/bench_preview.py --pages 1000    # a synthetic corpus of 1,000 pages per language
    .venv/bin/python scripts/bench_preview.py --new-word      # each edit adds a word hunspell has not seen
    .venv/bin/python scripts/bench_preview.py --pages 1000 --vocabulary 30   # and 30 dictionary words per page

The synthetic text repeats some 330 Swedish words; a real corpus of 1,000 pages has tens of thousands, and
the search index and the compound splitter work per word. `--vocabulary N` adds N words to each page, drawn
from hunspell's sv_SE and en_GB dictionaries (which `make check` installs), so the corpus has about as many.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POLL = 0.05          # seconds between fetches
TIMEOUT = 300.0      # seconds an edit may take before the run is given up


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def process_tree(pid: int) -> list[int]:
    """The server and the processes it started (the preview's worker, portal.build.serve_worker)."""
    found = [pid]
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [child for text in (task / "children").read_text().split() for child in process_tree(int(text))]
        except OSError:
            continue
    return found


def _proc_files(pid: int, name: str) -> list[str]:
    """/proc/<process>/<name> of the server and of each process it started; one that ended is left out."""
    found = []
    for process in process_tree(pid):
        try:
            found.append(Path(f"/proc/{process}/{name}").read_text())
        except OSError:
            continue
    return found


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system, with waited-for children) of the server and its worker so far: unlike the
    wall time, it hardly depends on what else the machine runs."""
    return sum(int(value) for stat in _proc_files(pid, "stat")
               for value in stat.rsplit(")", 1)[1].split()[11:15]) / os.sysconf("SC_CLK_TCK")


def resident_mb(pid: int) -> float:
    """The resident memory of the server and its worker: it must not grow from save to save."""
    return sum(int(line.split()[1]) / 1024 for status in _proc_files(pid, "status")
               for line in status.splitlines() if line.startswith("VmRSS:"))


def wait_for(url: str, text: str, server: subprocess.Popen) -> float:
    """Seconds until the page at `url` holds `text`."""
    start = time.monotonic()
    while time.monotonic() - start < TIMEOUT:
        if server.poll() is not None:
            sys.exit(f"mkdocs serve stopped (exit {server.returncode}); see its output above")
        if text in fetch(url):
            return time.monotonic() - start
        time.sleep(POLL)
    sys.exit(f"{url} did not show the edit within {TIMEOUT:.0f} s")


# hunspell flags of the Swedish dictionary for words that are not words alone (only in compounds, need an
# affix, forbidden, never suggested).
NOT_ALONE = set("Z¤%!")


def dictionary_words(lang: str) -> list[str]:
    """Plain lowercase words of 5 to 14 letters from the spelling check's hunspell dictionary, which hunspell
    itself knows."""
    from portal.checks import spelling
    path = spelling.dictionary_path(lang)
    if path is None:
        sys.exit(f"--vocabulary needs hunspell's {spelling.DICTIONARIES[lang]} dictionary: run `make check` once "
                 f"as root, or apt-get install {spelling.PACKAGES}")
    found = []
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        word, _, flags = line.partition("/")
        if word.isalpha() and word.islower() and 5 <= len(word) <= 14 and not set(flags) & NOT_ALONE:
            found.append(word)
    return found


def add_vocabulary(docs: Path, per_page: int) -> int:
    """Append `per_page` dictionary words to every page, as a last paragraph; the number of different words added."""
    words = {lang: dictionary_words(lang) for lang in ("sv", "en")}
    rng = random.Random(11)
    added: set[str] = set()
    for page in sorted(docs.rglob("*.md")):
        chosen = rng.sample(words[page.name.rsplit(".", 2)[-2]], per_page)
        added.update(chosen)
        page.write_text(page.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + " ".join(chosen) + ".\n",
                        encoding="utf-8")
    return len(added)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--page", default="vagledning/orosanmalan.sv.md", help="the page to edit, under docs/")
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--port", type=int, default=8750)
    parser.add_argument("--new-word", action="store_true",
                        help="each edit also adds a word never seen before, as a sentence an editor writes does "
                             "(the spelling check asks hunspell about it)")
    parser.add_argument("--vocabulary", type=int, default=0,
                        help="with --pages: add this many dictionary words to each page (a real corpus's variety of words)")
    parser.add_argument("--pages", type=int, default=0,
                        help="a synthetic corpus of this many pages per language instead of docs/ (edits its first guidance page)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-preview-"))
    docs = work / "docs"
    if args.pages:
        sys.path.insert(0, str(ROOT / "hooks"))
        from portal.content import synthetic
        synthetic.generate(docs, args.pages)
        args.page = next(p for p in sorted(docs.glob("vagledning/*.sv.md")) if p.name != "index.sv.md"
                         ).relative_to(docs).as_posix()
        if args.vocabulary:
            print(f"added {add_vocabulary(docs, args.vocabulary)} different dictionary words, "
                  f"{args.vocabulary} to each page")
    else:
        shutil.copytree(ROOT / "docs", docs)
    page = docs / args.page
    original = page.read_text(encoding="utf-8")
    base = args.page.removesuffix(".sv.md").removesuffix(".en.md")
    url = f"http://127.0.0.1:{args.port}/{'en/' if args.page.endswith('.en.md') else ''}{base}/"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", PORTAL_MODE="preview",
               PORTAL_DOCS_DIR=str(docs), PYTHONPATH=str(ROOT / "hooks"))
    # As `make serve`, on another port; its output goes to a file so that a full pipe never slows it.
    log = (work / "serve.log").open("w")
    server = subprocess.Popen([str(ROOT / ".venv" / "bin" / "mkdocs"), "serve", "--strict", "--dirty", "-a",
                               f"127.0.0.1:{args.port}"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    try:
        first = wait_for(url, "</html>", server)
        print(f"first build served after {first:.1f} s ({cpu_seconds(server.pid):.1f} s CPU), load average "
              f"{os.getloadavg()[0]:.1f}")
        times, cpu, memory = [], [], [resident_mb(server.pid)]
        for number in range(1, args.edits + 1):
            stamp = str(time.time_ns())
            marker = f"Mätpunkt {number} {stamp}"
            if args.new_word:   # letters only: the spelling check skips words with digits
                marker += " " + "".join("abcdefghij"[int(digit)] for digit in stamp[-9:])
            time.sleep(1.0)   # let the watcher settle after the previous rebuild
            before = cpu_seconds(server.pid)
            page.write_text(original.rstrip("\n") + f"\n\n{marker}\n", encoding="utf-8")
            seconds = wait_for(url, marker, server)
            times.append(seconds)
            cpu.append(cpu_seconds(server.pid) - before)
            memory.append(resident_mb(server.pid))
            print(f"edit {number}: served after {seconds:.2f} s ({cpu[-1]:.1f} s CPU), load average "
                  f"{os.getloadavg()[0]:.1f}")
        print(f"median {statistics.median(times):.2f} s, min {min(times):.2f} s, max {max(times):.2f} s "
              f"({len(times)} edits of docs/{args.page}); CPU per edit: median {statistics.median(cpu):.1f} s")
        print("resident memory (MB) after the first build and each edit: " + " ".join(f"{m:.0f}" for m in memory))
        log.flush()
        builds = [line.strip() for line in (work / "serve.log").read_text(encoding="utf-8").splitlines()
                  if "Documentation built in" in line or "Detected file changes" in line or "Building" in line]
        print(f"mkdocs serve's own lines ({len(builds)}):", *builds, sep="\n  ")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        log.close()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
