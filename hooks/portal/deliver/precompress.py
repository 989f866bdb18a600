"""Compressed copies of the built text files, made once at build time.

The web server sends `<file>.gz` as it is to a browser that accepts gzip (nginx `gzip_static`)
instead of compressing every response again: compressing on the fly cost most of nginx's request
rate (BENCHMARKS.md). The copies are deterministic — no name and a zero time in the gzip header —
so two builds of the same pages give the same bytes. Level 6, as nginx compressed before: level 9
made the files 0.5 % smaller and took twice as long. A copy that would not be smaller is not
written; the server then sends the file itself. Dot folders (.deploy/) are never served and skipped.
"""
from __future__ import annotations

import gzip
import multiprocessing
import os
from pathlib import Path

EXTENSIONS = (".html", ".css", ".js", ".json", ".xml", ".svg")
LEVEL = 6


def compressed(data: bytes) -> bytes:
    """gzip without file name or time, so the same input gives the same bytes."""
    return gzip.compress(data, compresslevel=LEVEL, mtime=0)


def text_files(site_dir: Path) -> list[Path]:
    """The files to compress, in a stable order; dot folders left out."""
    found = []
    for folder, subfolders, names in os.walk(site_dir):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        found += [Path(folder, name) for name in sorted(names) if name.endswith(EXTENSIONS)]
    return found


def _write_copies(paths: list[Path]) -> int:
    written = 0
    for path in paths:
        data = path.read_bytes()
        packed = compressed(data)
        target = path.with_name(path.name + ".gz")
        if len(packed) < len(data):
            target.write_bytes(packed)
            written += 1
        else:
            target.unlink(missing_ok=True)
    return written


def shares(paths: list[Path], count: int) -> list[list[Path]]:
    """`paths` in `count` lists of about equal total size (largest first, each to the lightest list)."""
    lists: list[list[Path]] = [[] for _ in range(count)]
    sizes = [0] * count
    for path, size in sorted(((p, p.stat().st_size) for p in paths), key=lambda item: -item[1]):
        lightest = sizes.index(min(sizes))
        lists[lightest].append(path)
        sizes[lightest] += size
    return lists


def write(site_dir: Path, processes: int = 1) -> int:
    """Write `<file>.gz` beside every text file where it is smaller, in `processes` forked processes
    (the caller says whether forking is safe); the number written."""
    files = text_files(site_dir)
    if processes <= 1 or len(files) < 2:
        return _write_copies(files)
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        return sum(pool.map(_write_copies, shares(files, processes)))
