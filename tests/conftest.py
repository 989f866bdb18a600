"""Shared fixtures: building the site into a temporary directory and serving it on localhost;
the content API's JSON Schema as a validator."""
from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import jsonschema
import pytest

from portal.publish import content_api

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_SITE = ROOT / "tests" / "fixtures" / "site" / "docs"
MKDOCS = [sys.executable, "-m", "mkdocs"]
TODAY = "2026-11-23"

# Each pytest-xdist worker ("gw0", "gw1", …) hands out ports from its own range (portal.content.ports), so a
# server one worker starts never finds its port taken by another worker's server.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
os.environ["PORTAL_PORTS_FROM"] = str(20000 + 1000 * (int(_WORKER) % 12 if _WORKER.isdigit() else 0))


def api_schema() -> dict:
    return json.loads(content_api.SCHEMA_PATH.read_text(encoding="utf-8"))


def api_validator(definition: str | None = None) -> jsonschema.Validator:
    """The content API schema, or one of its definitions, with formats checked."""
    root = api_schema()
    target = root if definition is None else {"$ref": f"#/$defs/{definition}", "$defs": root["$defs"]}
    return jsonschema.Draft202012Validator(target, format_checker=jsonschema.FormatChecker())


def build(site_dir: Path, mode: str = "production", docs_dir: Path | None = None,
          **env: str) -> subprocess.CompletedProcess:
    """Run a strict MkDocs build as `make build` does; returns the finished process."""
    environ = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true",
                   PORTAL_MODE=mode, PORTAL_SITE_DIR=str(site_dir), PORTAL_TODAY=TODAY,
                   PYTHONPATH=str(ROOT / "hooks"))
    if docs_dir is not None:
        environ["PORTAL_DOCS_DIR"] = str(docs_dir)
    environ.update(env)
    return subprocess.run(MKDOCS + ["build", "--strict"], cwd=ROOT, env=environ,
                          capture_output=True, text=True, timeout=600)


def _built(tmp_path_factory, name: str, mode: str, docs_dir: Path | None) -> Path:
    site = tmp_path_factory.mktemp(name)
    result = build(site, mode, docs_dir)
    assert result.returncode == 0, result.stderr[-4000:]
    return site


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """Production build of the small fixture site (every page type, a draft, an untranslated page)."""
    return _built(tmp_path_factory, "fixture-production", "production", FIXTURE_SITE)


@pytest.fixture(scope="session")
def fixture_preview(tmp_path_factory) -> Path:
    return _built(tmp_path_factory, "fixture-preview", "preview", FIXTURE_SITE)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """Production build of the shipped content in docs/."""
    return _built(tmp_path_factory, "real-production", "production", None)


@pytest.fixture(scope="session")
def real_preview(tmp_path_factory) -> Path:
    return _built(tmp_path_factory, "real-preview", "preview", None)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output readable
        pass


def serve(directory: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve a directory on an ephemeral localhost port; returns (base URL, server)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    # A short poll: shutdown() waits for the loop to look (0.5 s by default), and tests shut down many servers.
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


@pytest.fixture(scope="session")
def fixture_server(fixture_site):
    url, server = serve(fixture_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def real_server(real_site):
    url, server = serve(real_site)
    yield url
    server.shutdown()


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium driven by Playwright. Missing browser: skip locally, fail in CI."""
    if not Path(CHROMIUM).exists():
        message = "Debian's chromium is not installed (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


ARTIFACTS = ROOT / "tests" / "artifacts"


def require_nginx() -> None:
    """Debian's nginx for the tests that serve the site as production does. Missing: skip locally, fail in CI."""
    from portal.deliver import nginx
    if not Path(nginx.NGINX).exists():
        message = "Debian's nginx is not installed (apt-get install nginx; make test installs it as root)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


def unprivileged() -> list[str]:
    """A command prefix under which file permissions hold, so a test can make a file unreadable: as root,
    setpriv drops the capabilities that let root read anything; as anyone else, nothing is needed."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv (util-linux): cannot make a file unreadable")
    return ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]

