"""The local endpoint of `make edit`: it checks every save with the build's validator, writes only
pages under docs/, answers only its own page, and listens on 127.0.0.1 only."""
from __future__ import annotations

import http.client
import http.server
import json
import os
import shutil
import threading
from pathlib import Path

import pytest

from conftest import FIXTURE_SITE, ROOT
from portal.content import cms_server
from portal.content import ports

GOOD = (FIXTURE_SITE / "typfall" / "resan.sv.md").read_text(encoding="utf-8")


@pytest.fixture()
def working_copy(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE_SITE, tmp_path / "docs")
    return tmp_path


class _FakeDecap(http.server.BaseHTTPRequestHandler):
    """Stands in for decap-server: records what reaches it."""
    received: list = []

    def do_POST(self) -> None:  # noqa: N802
        self.received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
        body = b'{"message": "entry persisted"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture()
def endpoint(working_copy: Path):
    _FakeDecap.received = []
    decap = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _FakeDecap)
    threading.Thread(target=decap.serve_forever, daemon=True).start()
    server = cms_server.EditorServer(0, decap.server_address[1], working_copy, working_copy / "docs", None)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    decap.shutdown()


def post(server: cms_server.EditorServer, payload: dict, headers: dict | None = None) -> tuple[int, dict | str]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    sent = {"Content-Type": "application/json; charset=utf-8", "Origin": f"http://127.0.0.1:{server.port}"}
    sent.update(headers or {})
    connection.request("POST", "/api/v1", json.dumps(payload).encode(), {k: v for k, v in sent.items() if v is not None})
    response = connection.getresponse()
    body = response.read().decode()
    try:
        return response.status, json.loads(body)
    except ValueError:
        return response.status, body


def persist(path: str, raw: str) -> dict:
    """Decap's save of a page in both languages: dataFiles, never together with entry (decap-server refuses)."""
    return {"action": "persistEntry", "params": {"branch": "main", "dataFiles": [{"path": path, "raw": raw}],
                                                 "assets": []}}


def test_a_valid_save_reaches_decap_server(endpoint) -> None:
    status, body = post(endpoint, persist("docs/typfall/ny.sv.md", GOOD.replace("id: resan", "id: ny")))
    assert status == 200, body
    assert _FakeDecap.received[0]["action"] == "persistEntry"


def test_an_invalid_save_gets_the_builds_lines_and_writes_nothing(endpoint, working_copy: Path) -> None:
    raw = GOOD.replace("id: resan", "id: Ny Sida").replace("status: approved", "status: godkänd")
    status, body = post(endpoint, persist("docs/typfall/ny.sv.md", raw))
    assert status == 422
    lines = body["error"].splitlines()
    assert lines[0].startswith("Sidan sparades inte")
    assert any(line.startswith("docs/typfall/ny.sv.md:") and "id: 'Ny Sida' is not a valid id — use lowercase" in line
               for line in lines), lines
    assert any("review.status: 'godkänd' is not allowed" in line for line in lines), lines
    assert _FakeDecap.received == [] and not (working_copy / "docs" / "typfall" / "ny.sv.md").exists()


def test_rules_across_pages_see_the_rest_of_the_site(working_copy: Path) -> None:
    """A new page may not take an id another page has; an English page needs its Swedish original."""
    problems = cms_server.check_save(working_copy, working_copy / "docs", [{"path": "docs/typfall/kopia.sv.md", "raw": GOOD}])
    assert any("'resan' is already used by" in p for p in problems), problems
    english = (FIXTURE_SITE / "typfall" / "resan.en.md").read_text(encoding="utf-8")
    problems = cms_server.check_save(working_copy, working_copy / "docs", [{"path": "docs/typfall/ensam.en.md", "raw": english}])
    assert any("has no Swedish original" in p for p in problems), problems


def test_a_section_the_type_requires_is_named() -> None:
    raw = GOOD.replace("## Varningssignaler", "## Tecken")
    problems = cms_server.check_save(FIXTURE_SITE.parent, FIXTURE_SITE, [{"path": "docs/typfall/resan.sv.md", "raw": raw}])
    assert any("section '## Varningssignaler' is missing for type typology" in p for p in problems), problems


def test_unsafe_html_is_refused_as_the_build_refuses_it(working_copy: Path) -> None:
    raw = GOOD + "\n<script>alert(1)</script>\n"
    problems = cms_server.check_save(working_copy, working_copy / "docs", [{"path": "docs/typfall/resan.sv.md", "raw": raw}])
    assert any("script" in p for p in problems), problems


@pytest.mark.parametrize("path", ["mkdocs.yml", "docs/../mkdocs.yml", "docs/typfall/resan.md", "hooks/x.sv.md",
                                  "/etc/passwd.sv.md", "docs/typfall/../../data/x.sv.md", ""])
def test_only_pages_under_docs_may_be_written(endpoint, path: str, working_copy: Path) -> None:
    status, body = post(endpoint, persist(path, GOOD))
    assert status == 422 and ("may only write pages" in body["error"] or "under docs/ only" in body["error"]), body
    assert _FakeDecap.received == []


@pytest.mark.parametrize("action", ["persistMedia", "deleteFile", "deleteFiles"])
def test_uploads_and_deletions_are_refused_with_who_to_ask(endpoint, action: str) -> None:
    status, body = post(endpoint, {"action": action, "params": {"branch": "main"}})
    assert status == 422 and "webbredaktionen" in body["error"]
    assert _FakeDecap.received == []


@pytest.mark.parametrize("headers", [
    {"Origin": "http://evil.example"},                       # another site's page
    {"Origin": "null"},                                      # a sandboxed frame or a file
    {"Content-Type": "text/plain"},                          # a form post that skips the CORS preflight
    {"Host": "evil.example:8090"},                           # DNS rebinding
])
def test_only_the_editor_page_itself_may_write(endpoint, headers: dict) -> None:
    status, _ = post(endpoint, persist("docs/typfall/ny.sv.md", GOOD.replace("id: resan", "id: ny")), headers)
    assert status == 403
    assert _FakeDecap.received == []


def test_a_missing_type_folder_is_an_empty_list_not_an_error(endpoint) -> None:
    status, body = post(endpoint, {"action": "entriesByFolder",
                                   "params": {"branch": "main", "folder": "docs/sidor", "extension": "md", "depth": 1}})
    assert (status, body) == (200, [])
    status, body = post(endpoint, {"action": "entriesByFolder",
                                   "params": {"branch": "main", "folder": "hooks", "extension": "md", "depth": 1}})
    assert status == 422


def test_garbage_is_a_clear_error(endpoint) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", endpoint.port, timeout=10)
    connection.request("POST", "/api/v1", b"{not json", {"Content-Type": "application/json"})
    response = connection.getresponse()
    assert response.status == 400 and b"not a request of the editor" in response.read()


def test_the_page_its_configuration_and_decap_come_from_this_machine(endpoint) -> None:
    def get(path: str) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", endpoint.port, timeout=10)
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    status, page = get("/")
    assert status == 200 and b'src="decap/decap-cms.js"' in page and b"http" not in page.split(b"<head>")[1]
    status, config = get("/config.yml")
    assert status == 200 and json.loads(config)["backend"] == {"name": "proxy", "proxy_url": "/api/v1", "branch": "main"}
    for path in ("/decap/../../package.json", "/decap/%2e%2e/x.js", "/yaml/../index.js", "/etc/passwd", "/portal.py"):
        assert get(path)[0] == 404, path


def _listening(port: int) -> set[str]:
    """Local addresses listening on `port` (from /proc/net/tcp and tcp6)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        for line in open(table).read().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:
                found.add(address)
    return found


def test_make_edit_listens_on_the_loopback_address_only(working_copy: Path) -> None:
    if not cms_server.DECAP_SERVER.exists() or shutil.which("node") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("decap-server is not installed (npm ci)")
        pytest.skip("decap-server is not installed (npm ci)")
    server = cms_server.EditorServer(0, 0, working_copy, working_copy / "docs", None)
    decap_port = ports.free_port()
    process = cms_server.start_decap_server(working_copy, decap_port, server.port)
    try:
        assert _listening(server.port) == {"0100007F"}, "the editor listens beyond 127.0.0.1"
        assert _listening(decap_port) == {"0100007F"}, "decap-server listens beyond 127.0.0.1"
    finally:
        process.terminate()
        process.wait(timeout=10)
        server.server_close()


def test_a_busy_port_is_one_line_not_a_traceback(capsys) -> None:
    server = cms_server.EditorServer(0, 0, ROOT, ROOT / "docs", None)
    try:
        assert cms_server.main(["--port", str(server.port), "--no-preview"]) == 2
    finally:
        server.server_close()
    err = capsys.readouterr().err
    assert "make edit EDIT_PORT=" in err and "Traceback" not in err


def test_a_docs_folder_outside_the_working_copy_is_refused(tmp_path: Path, capsys) -> None:
    assert cms_server.main(["--root", str(tmp_path), "--docs", "/etc", "--no-preview"]) == 2
    assert "not a folder of pages inside" in capsys.readouterr().err


@pytest.mark.parametrize("action,params", [
    ("getEntry", {"path": ".git/config"}),
    ("getEntry", {"path": "data/checks.yml"}),
    ("entriesByFiles", {"files": [{"path": "docs/typfall/resan.sv.md"}, {"path": "Makefile"}]}),
    ("entriesByFolder", {"folder": "hooks", "extension": "md", "depth": 1}),
    ("getMediaFile", {"path": "../outside.png"}),
    ("getMedia", {"mediaFolder": "/etc"}),
])
def test_nothing_outside_docs_is_read_or_listed(endpoint, action: str, params: dict) -> None:
    status, body = post(endpoint, {"action": action, "params": {"branch": "main", **params}})
    assert status == 422 and "under docs/ only" in body["error"], body
    assert _FakeDecap.received == []


def test_a_page_cannot_be_moved_from_the_editor(endpoint) -> None:
    request = persist("docs/typfall/resan.sv.md", GOOD)
    request["params"]["dataFiles"][0]["newPath"] = "docs/typfall/ny.sv.md"
    status, body = post(endpoint, request)
    assert status == 422 and "flyttas inte" in body["error"]
    request["params"]["dataFiles"][0]["newPath"] = "../../etc/x.sv.md"
    status, body = post(endpoint, request)
    assert status == 422 and "under docs/ only" in body["error"]
    assert _FakeDecap.received == []


def test_reading_a_page_reaches_decap_server(endpoint) -> None:
    status, _ = post(endpoint, {"action": "getEntry", "params": {"branch": "main", "path": "docs/typfall/resan.sv.md"}})
    assert status == 200 and _FakeDecap.received[0]["action"] == "getEntry"


def test_a_busy_preview_port_is_one_line_not_someone_elses_preview(capsys) -> None:
    other = cms_server.EditorServer(0, 0, ROOT, ROOT / "docs", None)   # anything listening there
    try:
        assert cms_server.main(["--port", "0", "--preview-port", str(other.port)]) == 2
    finally:
        other.server_close()
    err = capsys.readouterr().err
    assert "make edit PREVIEW_PORT=" in err and "Traceback" not in err


def test_a_blank_new_language_file_is_not_written(endpoint, working_copy: Path) -> None:
    request = persist("docs/endast-svenska.sv.md",
                      (FIXTURE_SITE / "endast-svenska.sv.md").read_text(encoding="utf-8").replace("title: ", "title: X", 0))
    request["params"]["dataFiles"].append({"path": "docs/endast-svenska.en.md", "raw": "\n"})
    status, body = post(endpoint, request)
    assert status == 200, body
    sent = _FakeDecap.received[0]["params"]
    assert [f["path"] for f in sent["dataFiles"]] == ["docs/endast-svenska.sv.md"] and "entry" not in sent


def test_a_blank_file_never_replaces_a_page(endpoint) -> None:
    status, body = post(endpoint, persist("docs/typfall/resan.en.md", "\n"))
    assert status == 422 and "no front matter" in body["error"]
    assert _FakeDecap.received == []
