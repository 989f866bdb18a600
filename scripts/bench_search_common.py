"""What both search benchmarks need: a static server that gzips as the production server does, Pagefind run
on a copy of a built site, and Pagefind's results in Chromium (scripts/bench_search.py, bench_search_speed.py).
"""
from __future__ import annotations

import functools
import gzip
import http.server
import shlex
import shutil
import subprocess
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GZIP_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/wasm")
# Not reader pages: Pagefind must not index them (our index leaves them out too).
NOT_PAGES = ("embed", "id", "api", "search", "en/embed", "en/id", "en/search", "404.html", "en/404.html")


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files over HTTP/1.1 with keep-alive, gzipped (level 6, as nginx) when the browser accepts it."""

    protocol_version = "HTTP/1.1"
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm",
                      ".js": "application/javascript", ".json": "application/json"}

    def send_head(self):  # noqa: ANN201 - http.server's own signature
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return None
        body = path.read_bytes()
        kind = self.guess_type(str(path))
        self.send_response(200)
        self.send_header("Content-Type", kind)
        if "gzip" in self.headers.get("Accept-Encoding", "") and kind.startswith(GZIP_TYPES):
            body = gzip.compress(body, 6)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        return _Body(body)

    def log_message(self, *args) -> None:
        pass


class _Body:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *_args) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:  # a browser closing a kept-alive connection
        pass


def gzip_server(directory: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve a directory on an ephemeral port of 127.0.0.1, gzipped; returns (base URL, server)."""
    handler = functools.partial(_GzipHandler, directory=str(directory))
    server = _QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


def pagefind_command() -> list[str]:
    """Pagefind from its own virtualenv (scripts/ensure-pagefind.sh installs the pinned wheel)."""
    result = subprocess.run([str(ROOT / "scripts" / "ensure-pagefind.sh")], cwd=ROOT, capture_output=True,
                            text=True)
    if result.returncode:
        raise SystemExit(f"could not install Pagefind: {result.stderr.strip()[-500:]}")
    return [str(ROOT / part) if i == 0 else part for i, part in enumerate(shlex.split(result.stdout.strip()))]


def pagefind_site(site: Path, target: Path) -> float:
    """Copy a built site without the files that are not pages, index it with Pagefind; returns seconds."""
    import time
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(site, target, ignore=shutil.ignore_patterns(".deploy"))
    for name in NOT_PAGES:
        path = target / name
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()
    started = time.perf_counter()
    result = subprocess.run(pagefind_command() + ["--site", str(target), "--root-selector", "article", "--quiet"],
                            capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"Pagefind failed: {result.stderr[-2000:]}")
    return time.perf_counter() - started


# In a page of the language searched: Pagefind picks that language's index from <html lang>.
PAGEFIND_RESULTS = """async (queries) => {
  const pagefind = await import('/pagefind/pagefind.js');
  await pagefind.init();
  const out = [];
  for (const q of queries) {
    const search = await pagefind.search(q);
    const data = await Promise.all(search.results.slice(0, 5).map(r => r.data()));
    out.push({urls: data.map(d => d.url), count: search.results.length});
  }
  return out;
}"""
