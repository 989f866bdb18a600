"""`make serve` rebuilds incrementally (portal.build.incremental): after a series of edits, the served
site must be the site a fresh build of the same files gives, file for file, and a save must write
again only the pages whose output can have changed."""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, TODAY
from portal.deliver import nginx
from portal.content import ports

SESSION = Path(__file__).with_name("preview_session.py")
COPIED = ("mkdocs.yml", "docs", "data", "overrides", "hooks")


def _environment(project: Path) -> dict[str, str]:
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", PORTAL_MODE="preview",
                PORTAL_TODAY=TODAY, PYTHONPATH=str(project / "hooks"))


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            project.mkdir(exist_ok=True)
            shutil.copyfile(source, project / name)
    return project


def _files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def _session(project: Path, site: Path, steps: list[list[dict]]) -> list[dict]:
    steps_file = project.parent / "steps.json"
    steps_file.write_text(json.dumps(steps, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run([sys.executable, str(SESSION), str(project), str(site), str(steps_file)],
                          env=_environment(project), capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-5000:]
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


def _fresh(project: Path, site: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                          cwd=project, env=_environment(project), capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-5000:]


def _edited(project: Path, rel: str, change) -> dict:
    path = project / rel
    return {"path": rel, "text": change(path.read_text(encoding="utf-8"))}


def _retitled(text: str) -> str:
    return re.sub(r'^title: .*$', 'title: "Ett nytt namn på typfallet"', text, count=1, flags=re.M)


def test_a_served_site_after_edits_is_the_fresh_build_of_the_same_files(tmp_path: Path) -> None:
    project = _project(tmp_path)
    guidance, english = "docs/vagledning/orosanmalan.sv.md", "docs/vagledning/digital-kontroll.en.md"
    typology = "docs/typfall/kontrollerad-vardag.sv.md"
    copy_sv, copy_en = "docs/typfall/kusinaktenskap-kopia.sv.md", "docs/typfall/kusinaktenskap-kopia.en.md"
    navigation = (project / "data/navigation.yml").read_text(encoding="utf-8")

    def copied(lang: str) -> str:
        text = (project / f"docs/typfall/kusinaktenskap.{lang}.md").read_text(encoding="utf-8")
        text = re.sub(r"^id: .*$", "id: kusinaktenskap-kopia", text, count=1, flags=re.M)
        return re.sub(r"^  status: approved$", "  status: draft", _retitled(text), count=1, flags=re.M)

    steps = [
        # A Swedish body: the page itself, its English version's notice, search and the quality report.
        [_edited(project, guidance, lambda t: t.rstrip("\n") + "\n\nEtt nytt stycke om orosanmälan.\n")],
        # An English body.
        [_edited(project, english, lambda t: t.rstrip("\n") + "\nA new paragraph about digital control.\n")],
        # Compared here too: a later change to the whole site would hide what these two left stale.
        {"snapshot": "bodies"},
        # A title: every page's navigation, the listings, previous/next.
        [_edited(project, typology, _retitled)],
        # A data file: a string on every page.
        [_edited(project, "data/ui.yml", lambda t: t.replace("heading_link: Länk till detta avsnitt",
                                                             "heading_link: Länk hit", 1))],
        # A new page, listed in the navigation...
        [{"path": copy_sv, "text": copied("sv")}, {"path": copy_en, "text": copied("en")},
         {"path": "data/navigation.yml", "text": navigation.replace("      - kusinaktenskap\n",
                                                                     "      - kusinaktenskap\n      - kusinaktenskap-kopia\n", 1)}],
        # ... and taken away again: its files must leave the site.
        [{"path": copy_sv, "delete": True}, {"path": copy_en, "delete": True},
         {"path": "data/navigation.yml", "text": navigation}],
        # A link to a page that does not exist: the build stops (strict), as `make serve` reports it...
        [_edited(project, guidance, lambda t: t.rstrip("\n") + "\n\n[Trasig länk](finns-inte.md)\n")],
        # ... and the next save, without it, must leave nothing of the stopped build behind.
        [_edited(project, guidance, lambda t: t.replace("\n\n[Trasig länk](finns-inte.md)\n", "\n"))],
        # A Swedish body again, last: nothing after it rewrites the whole site.
        [_edited(project, guidance, lambda t: t.replace("Ett nytt stycke om orosanmälan.", "Ett ändrat stycke.", 1))],
    ]
    assert "      - kusinaktenskap\n" in navigation
    builds = _session(project, tmp_path / "served", steps)
    _same_as_fresh(tmp_path / "served-bodies", tmp_path / "project-bodies", tmp_path / "fresh-bodies")
    _same_as_fresh(tmp_path / "served", project, tmp_path / "fresh")

    # The first build writes every page; a Swedish body edit writes that page and the pages that show it
    # (its English version, the quality report's pages whose part changed), not the site.
    pages = len(builds[0]["written"])
    assert pages > 100
    body_edit = builds[1]["written"]
    assert "vagledning/orosanmalan/index.html" in body_edit
    outside_report = [path for path in body_edit if not path.startswith(("kvalitet/", "en/kvalitet/"))]
    assert len(outside_report) < 6 and len(body_edit) < 20, body_edit
    assert len(builds[4]["written"]) == pages   # a data file can change every page
    assert "failed" in builds[7] and all("failed" not in build for build in builds[:7] + builds[8:]), builds


def _same_as_fresh(served_site: Path, project: Path, fresh_site: Path) -> None:
    _fresh(project, fresh_site)
    served, fresh = _files(served_site), _files(fresh_site)
    assert sorted(set(served) - set(fresh)) == [], f"{served_site.name}: files a fresh build does not write"
    assert sorted(set(fresh) - set(served)) == [], f"{served_site.name}: files missing from the served site"
    different = [name for name in fresh if served[name] != fresh[name]]
    assert different == [], f"{served_site.name}: {len(different)} files differ from a fresh build, e.g. {different[:10]}"


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def _wait_for(url: str, text: str, server: subprocess.Popen, log: Path, seconds: float = 240) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert server.poll() is None, "mkdocs serve stopped:\n" + log.read_text(encoding="utf-8")[-3000:]
        if text in _fetch(url):
            return
        time.sleep(0.1)
    pytest.fail(f"{url} did not show {text!r}:\n" + log.read_text(encoding="utf-8")[-3000:])


def test_make_serve_shows_a_page_edit_and_a_data_edit_without_a_restart(tmp_path: Path) -> None:
    """`make serve`'s own command: a saved page and a saved data file both reach the served page;
    strict mode holds (no warning about the dirty build)."""
    project = _project(tmp_path)
    port = ports.free_port()
    url = f"http://127.0.0.1:{port}/vagledning/orosanmalan/"
    log = tmp_path / "serve.log"
    with log.open("w") as output:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict", "--dirty", "-a",
                                   f"127.0.0.1:{port}"], cwd=project, env=_environment(project),
                                  stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_for(url, "</html>", server, log)
        page = project / "docs/vagledning/orosanmalan.sv.md"
        page.write_text(page.read_text(encoding="utf-8") + "\n\nSparat i förhandsvisningen.\n", encoding="utf-8")
        _wait_for(url, "Sparat i förhandsvisningen.", server, log)
        ui = project / "data/ui.yml"
        ui.write_text(ui.read_text(encoding="utf-8").replace("heading_link: Länk till detta avsnitt",
                                                             "heading_link: Länk hit", 1), encoding="utf-8")
        _wait_for(url, 'aria-label="Länk hit"', server, log)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    text = log.read_text(encoding="utf-8")
    assert "dirty" not in text.lower() and "Aborted" not in text, text[-3000:]
