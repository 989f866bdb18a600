"""`make edit`: the browser editor (Decap CMS) on the working copy, next to the preview.

One small server on 127.0.0.1 serves the editor page, its configuration (cms_config, generated on
every load), our format and widgets (editor/portal.js) and Decap CMS from node_modules, and is the CMS's local
backend: it passes Decap's requests to `decap-server` (the package's own local backend, started
here on 127.0.0.1 and reachable from this server only), and checks every save first with the
build's validator (corpus.load, what `make validate` runs) on a copy of docs/ with the saved files
in place. A save with problems is refused with the build's own lines, so nothing invalid reaches the
working copy. `mkdocs serve` runs beside it for the preview.

Only requests from the editor page itself are served: the Host must be this server's loopback
address and a POST must come from its own origin as JSON, so another web page open in the same
browser cannot write into docs/ (cross-site requests, DNS rebinding).
"""
from __future__ import annotations

import argparse
import http.client
import http.server
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from .ports import free_port, port_is_free
from . import cms_config, corpus
from .datafiles import ROOT
from .findings import errors
from .frontmatter import LANG_SUFFIX

HOST = "127.0.0.1"
EDITOR_DIR = ROOT / "editor"
DECAP_DIST = ROOT / "node_modules" / "decap-cms" / "dist"
YAML_DIST = ROOT / "node_modules" / "yaml" / "browser" / "dist"   # the YAML library portal.js imports
ASSETS = {"/decap/": DECAP_DIST, "/yaml/": YAML_DIST}
DECAP_SERVER = ROOT / "node_modules" / "decap-server" / "dist" / "index.js"
ASSET_NAME = re.compile(r"^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*\.(js|css|svg|woff2?)$")
TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css",
         ".svg": "image/svg+xml", ".woff": "font/woff", ".woff2": "font/woff2"}
REFUSED = {
    "persistMedia": "Bilder laddas inte upp här: be webbredaktionen lägga in bilden (den behöver en alternativtext).",
    "deleteFile": "Sidor tas inte bort här: be webbredaktionen ta bort sidan (länkar och adresser måste följa med).",
    "deleteFiles": "Sidor tas inte bort här: be webbredaktionen ta bort sidan (länkar och adresser måste följa med).",
    "move": "Sidor flyttas inte här: be webbredaktionen flytta sidan (den gamla adressen måste leda vidare).",
}


def request_paths(params: dict[str, Any]) -> list[str]:
    """Every path a request of Decap's local backend names (to read, list or write)."""
    paths = [params.get(key) for key in ("path", "folder", "mediaFolder")]
    items = [params.get("entry")] + list(params.get("dataFiles") or []) + list(params.get("files") or []) \
        + list(params.get("assets") or []) + [params.get("asset")]
    for item in items:
        if isinstance(item, dict):
            paths += [item.get("path"), item.get("newPath")]
    return [str(path) for path in paths if path not in (None, "")]


def check_save(root: Path, docs_dir: Path, files: list[dict[str, Any]]) -> list[str]:
    """The build's problems with the files of one save (Decap's dataFiles: path, raw), one line each:
    every problem of the saved files, and every new one elsewhere that the save causes.

    The files are validated in a copy of docs/ so that rules across pages (a unique id, an English
    page's Swedish original) see the rest of the site as it will be after the save."""
    problems = []
    saved = []
    for item in files:
        path = str(item.get("path") or "")
        target = (root / path).resolve()
        if not isinstance(item.get("raw"), str) or not target.is_relative_to(docs_dir.resolve()) \
                or not LANG_SUFFIX.search(target.name) or ".." in Path(path).parts:
            problems.append(f"{path or '(no path)'}: the editor may only write pages (<name>.sv.md or <name>.en.md) "
                            f"under {docs_dir.relative_to(root).as_posix()}/")
            continue
        saved.append((target.relative_to(docs_dir.resolve()), item["raw"]))
    if problems:
        return problems
    with tempfile.TemporaryDirectory(prefix="portal-edit-") as tmp:
        copy = Path(tmp) / docs_dir.relative_to(root)
        shutil.copytree(docs_dir, copy, symlinks=True)
        for rel, raw in saved:
            (copy / rel).parent.mkdir(parents=True, exist_ok=True)
            (copy / rel).write_text(raw, encoding="utf-8")
        loaded = corpus.load(copy, tmp)
    paths = {(docs_dir.relative_to(root) / rel).as_posix() for rel, _ in saved}
    # A rule across pages may name the other page (a duplicate id is reported on the later file):
    # every error the save adds counts, wherever it is reported.
    before = {finding.format() for finding in errors(corpus.load(docs_dir, root).findings)}
    return [finding.format() for finding in errors(loaded.findings)
            if finding.path in paths or finding.format() not in before]


class EditorHandler(http.server.BaseHTTPRequestHandler):
    server: "EditorServer"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:   # noqa: A002 - the base class's name
        if self.server.verbose:
            super().log_message(format, *args)

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: int, data: Any) -> None:
        self._send(status, json.dumps(data, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")

    def _from_this_server(self) -> bool:
        own = {f"{HOST}:{self.server.port}", f"localhost:{self.server.port}"}
        if self.headers.get("Host") not in own:
            return False
        origin = self.headers.get("Origin")
        return origin is None or origin in {f"http://{host}" for host in own}

    def do_GET(self) -> None:   # noqa: N802 - the base class's name
        if not self._from_this_server():
            return self._send(403, b"forbidden\n", "text/plain")
        path = self.path.split("?", 1)[0]
        if path in ("/", "/index.html"):
            return self._file(EDITOR_DIR / "index.html")
        if path in ("/portal.js", "/portal.css", "/manual-init.js"):
            return self._file(EDITOR_DIR / path.lstrip("/"))
        if path == "/config.yml":
            config = cms_config.local_config("/api/v1", self.server.preview_url, self.server.docs_dir)
            return self._send(200, json.dumps(config, ensure_ascii=False, indent=1).encode("utf-8"),
                              "text/yaml; charset=utf-8")
        for prefix, folder in ASSETS.items():
            if path.startswith(prefix) and ASSET_NAME.match(path.removeprefix(prefix)):
                return self._file(folder / path.removeprefix(prefix))
        self._send(404, b"not found\n", "text/plain")

    def _file(self, path: Path) -> None:
        if not path.is_file():
            return self._send(404, b"not found\n", "text/plain")
        self._send(200, path.read_bytes(), TYPES.get(path.suffix, "application/octet-stream"))

    def do_POST(self) -> None:   # noqa: N802
        content_type = self.headers.get("Content-Type", "").split(";")[0].strip()
        if self.path != "/api/v1" or not self._from_this_server() or content_type != "application/json":
            return self._send(403, b"forbidden\n", "text/plain")
        try:
            length = int(self.headers.get("Content-Length") or 0)
            request = json.loads(self.rfile.read(length))
            action, params = request["action"], request.get("params") or {}
        except (ValueError, KeyError, TypeError):
            return self._json(400, {"error": "not a request of the editor"})
        if action in REFUSED:
            return self._json(422, {"error": REFUSED[action]})
        outside = [path for path in request_paths(params)
                   if not (self.server.root / path).resolve().is_relative_to(self.server.docs_dir.resolve())]
        if outside:
            return self._json(422, {"error": f"{outside[0]}: the editor reads and writes under "
                                             f"{self.server.docs_dir.relative_to(self.server.root).as_posix()}/ only"})
        if action == "persistEntry":
            files = params.get("dataFiles") or [params.get("entry") or {}]
            if params.get("assets"):
                return self._json(422, {"error": REFUSED["persistMedia"]})
            if any(isinstance(item, dict) and item.get("newPath") for item in files):
                return self._json(422, {"error": REFUSED["move"]})
            # Decap copies the shared fields (id, audiences …) into every language; editor/portal.js
            # writes nothing for a language with nothing else, which reaches us as a blank file: a page
            # only in Swedish stays so.
            files = [item for item in files if not (isinstance(item, dict) and isinstance(item.get("raw"), str)
                                                    and not item["raw"].strip()
                                                    and not (self.server.root / str(item.get("path"))).exists())]
            if not files:
                return self._json(422, {"error": "Sidan sparades inte: den är tom."})
            params["dataFiles" if params.get("dataFiles") else "entry"] = files if params.get("dataFiles") else files[0]
            problems = check_save(self.server.root, self.server.docs_dir, files)
            if problems:
                return self._json(422, {"error": "Sidan sparades inte. Rätta först:\n" + "\n".join(problems)})
        if action == "entriesByFolder" and not (self.server.root / str(params.get("folder") or "")).is_dir():
            return self._json(200, [])   # a type with no page yet (decap-server would fail)
        self._forward(request)

    def _forward(self, request: dict[str, Any]) -> None:
        body = json.dumps(request).encode("utf-8")
        connection = http.client.HTTPConnection(HOST, self.server.decap_port, timeout=60)
        try:
            connection.request("POST", "/api/v1", body, {"Content-Type": "application/json"})
            response = connection.getresponse()
            self._send(response.status, response.read(), response.getheader("Content-Type", "application/json"))
        except OSError as exc:
            self._json(502, {"error": f"decap-server does not answer ({exc}) — restart `make edit`"})
        finally:
            connection.close()


class EditorServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port: int, decap_port: int, root: Path, docs_dir: Path, preview_url: str | None,
                 verbose: bool = False) -> None:
        super().__init__((HOST, port), EditorHandler)
        self.port = self.server_address[1]
        self.decap_port, self.root, self.docs_dir = decap_port, root, docs_dir
        self.preview_url, self.verbose = preview_url, verbose


EDITOR_FILES = ("index.html", "manual-init.js", "portal.js", "portal.css")


def write_bundle(out: Path, config: dict[str, Any]) -> list[Path]:
    """The hosted editor as static files in `out`: the same page, format and widgets `make edit` serves,
    Decap CMS and the YAML library from node_modules (no source maps), and `config`."""
    if not (DECAP_DIST / "decap-cms.js").exists() or not (YAML_DIST / "index.js").exists():
        raise RuntimeError("node_modules has no decap-cms or yaml — run `npm ci` (make editor-bundle does)")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    written = [Path(shutil.copy(EDITOR_DIR / name, out / name)) for name in EDITOR_FILES]
    for prefix, folder in ASSETS.items():
        target = out / prefix.strip("/")
        target.mkdir(parents=True, exist_ok=True)
        for path in sorted(folder.iterdir()):
            if ASSET_NAME.match(path.name) and (prefix != "/decap/" or path.name.endswith("decap-cms.js")):
                written.append(Path(shutil.copy(path, target / path.name)))
    (out / "config.yml").write_text(json.dumps(config, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return written + [out / "config.yml"]


def wait_for_port(port: int, process: subprocess.Popen, name: str, timeout: float = 30.0) -> None:
    """Wait until `process` listens on `port`; a clear error when it stops or never does."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} stopped at start (exit {process.returncode}); see its messages above")
        try:
            with socket.create_connection((HOST, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{name} did not start on {HOST}:{port} within {timeout:.0f} s")


def start_decap_server(root: Path, port: int, editor_port: int) -> subprocess.Popen:
    """decap-server on 127.0.0.1 only, writing into `root`, answering the editor's origin only."""
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("node is not installed — run `make edit` (it installs Node.js and the editor with npm ci)")
    if not DECAP_SERVER.exists() or not (DECAP_DIST / "decap-cms.js").exists():
        raise RuntimeError(f"{DECAP_SERVER.relative_to(ROOT)} is missing — run `make edit` (npm ci installs it)")
    env = dict(os.environ, PORT=str(port), BIND_HOST=HOST, MODE="fs", GIT_REPO_DIRECTORY=str(root),
               ORIGIN=f"http://{HOST}:{editor_port}", LOG_LEVEL="warn")
    process = subprocess.Popen([node, str(DECAP_SERVER)], cwd=root, env=env)
    wait_for_port(port, process, "decap-server")
    return process


def start_preview(port: int, docs_dir: Path) -> subprocess.Popen:
    env = dict(os.environ, PORTAL_MODE="preview", PORTAL_DOCS_DIR=str(docs_dir),
               PYTHONPATH=str(ROOT / "hooks"), NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"{HOST}:{port}"], cwd=ROOT, env=env)
    wait_for_port(port, process, "the preview (mkdocs serve)", timeout=300)
    return process


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m portal.content.cms_server", description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=8090, help="the editor (default 8090)")
    parser.add_argument("--decap-port", type=int, default=0, help="decap-server (default: a free port)")
    parser.add_argument("--preview-port", type=int, default=8000, help="mkdocs serve (default 8000)")
    parser.add_argument("--no-preview", action="store_true", help="do not start mkdocs serve")
    parser.add_argument("--root", default=str(ROOT), help="the working copy (default: this repository)")
    parser.add_argument("--docs", help="the pages (default: ROOT/docs)")
    parser.add_argument("--verbose", action="store_true", help="log every request")
    args = parser.parse_args(argv)
    root = Path(args.root).resolve()
    docs_dir = Path(args.docs).resolve() if args.docs else root / "docs"
    if not docs_dir.is_dir() or not docs_dir.is_relative_to(root):
        print(f"{docs_dir}: not a folder of pages inside {root}", file=sys.stderr)
        return 2
    if not args.no_preview and not port_is_free(args.preview_port):
        print(f"port {args.preview_port} is in use — is `make serve` running? Stop it, or choose another port: "
              f"make edit PREVIEW_PORT=8005", file=sys.stderr)
        return 2
    children: list[subprocess.Popen] = []
    try:
        server = EditorServer(args.port, 0, root, docs_dir, None if args.no_preview else f"http://{HOST}:{args.preview_port}",
                              args.verbose)
    except OSError as exc:
        print(f"cannot listen on {HOST}:{args.port} ({exc.strerror}) — is `make edit` already running? "
              f"Stop it or choose another port: make edit EDIT_PORT=8095", file=sys.stderr)
        return 2
    try:
        server.decap_port = args.decap_port or free_port()
        children.append(start_decap_server(root, server.decap_port, server.port))
        if not args.no_preview:
            children.append(start_preview(args.preview_port, docs_dir))
    except RuntimeError as exc:
        print(exc, file=sys.stderr)
        for child in children:
            child.terminate()
        server.server_close()
        return 1
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    print(f"Editor: http://{HOST}:{server.port}/  (saves into {docs_dir.relative_to(root) if docs_dir != root else docs_dir})")
    if not args.no_preview:
        print(f"Preview: http://{HOST}:{args.preview_port}/  (drafts included)")
    print("Stop with Ctrl-C.", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        for child in children:
            child.terminate()
        for child in children:
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
