"""The parts of `make build` and `make rollback`, without a build: releases and the switch, the lock,
the site address, readable inputs and the build's output."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import unprivileged
from portal.deliver import build_lock, build_process, deploy, readable, site_address
from portal.deliver.releases import BUILDING, ReleaseError, Site


def release(site: Site, name: str, text: str = "page") -> Path:
    folder = site.releases / name
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(text, encoding="utf-8")
    return folder


def served(site: Site) -> str:
    return (site.link / "index.html").read_text(encoding="utf-8")


# ------------------------------------------------------------------------------------------- releases

def test_switch_from_nothing_then_from_release_to_release(tmp_path: Path) -> None:
    site = Site(tmp_path / "site")
    release(site, "20261201T100000Z", "one")
    release(site, "20261202T100000Z", "two")
    assert site.current() is None and site.describe() == "nothing yet"
    assert site.switch("20261201T100000Z") is None
    assert served(site) == "one" and site.current() == "20261201T100000Z"
    assert os.readlink(site.link) == "site.releases/20261201T100000Z"   # relative: the tree can move
    site.switch("20261202T100000Z")
    assert served(site) == "two" and site.previous() == "20261201T100000Z"
    assert sorted(p.name for p in site.releases.iterdir()) == ["20261201T100000Z", "20261202T100000Z"]
    with pytest.raises(ReleaseError, match="not a complete release"):
        site.switch("20261203T100000Z")


def test_first_switch_keeps_the_old_site_folder_as_a_release(tmp_path: Path) -> None:
    site = Site(tmp_path / "site")
    site.link.mkdir()
    (site.link / "index.html").write_text("old", encoding="utf-8")
    release(site, "20261204T101500Z", "new")
    adopted = site.switch("20261204T101500Z")
    assert site.link.is_symlink() and served(site) == "new"
    assert adopted and adopted < "20261204T101500Z" and adopted.endswith("-previous")
    assert (site.releases / adopted / "index.html").read_text(encoding="utf-8") == "old"
    assert site.previous() == adopted
    site.switch(adopted)
    assert served(site) == "old"


def test_a_file_in_the_site_s_place_is_refused(tmp_path: Path) -> None:
    site = Site(tmp_path / "site")
    site.link.write_text("not a site", encoding="utf-8")
    release(site, "20261204T101500Z")
    with pytest.raises(ReleaseError, match="is a file"):
        site.switch("20261204T101500Z")
    assert site.link.read_text(encoding="utf-8") == "not a site"


def test_new_names_sort_after_every_release(tmp_path: Path) -> None:
    site = Site(tmp_path / "site")
    assert site.new_name() > "2026"
    release(site, "29991231T235959Z")   # a release from the future: the clock was turned back
    later = site.new_name()
    assert later == "29991231T235959Z-1" and later > site.names()[-1]
    release(site, later)
    assert site.new_name() == "29991231T235959Z-1-1"


def test_leftovers_of_killed_builds_and_switches_are_cleared(tmp_path: Path) -> None:
    site = Site(tmp_path / "site")
    keep = release(site, "20261201T100000Z")
    (site.releases / f"{BUILDING}20261202T100000Z" / "half").mkdir(parents=True)
    os.symlink("site.releases/20261201T100000Z", site.releases / ".switch-123")
    os.symlink("site.releases/20261201T100000Z", site.releases / "20261130T100000Z-previous")
    assert sorted(site.clear_leftovers()) == [".building-20261202T100000Z", ".switch-123", "20261130T100000Z-previous"]
    assert list(site.releases.iterdir()) == [keep]


def test_prune_keeps_the_newest_and_never_the_one_served(tmp_path: Path) -> None:
    site = Site(tmp_path / "site")
    names = [f"2026120{day}T100000Z" for day in range(1, 7)]
    for name in names:
        release(site, name)
    site.switch(names[0])                       # rolled back far
    assert site.prune(3) == names[1:3]
    assert site.names() == [names[0]] + names[3:]
    assert site.current() == names[0]


def test_current_ignores_links_that_are_not_ours(tmp_path: Path) -> None:
    site = Site(tmp_path / "site")
    (tmp_path / "elsewhere").mkdir()
    site.link.symlink_to("elsewhere")
    assert site.current() is None and site.describe() == "elsewhere"


# ------------------------------------------------------------------------------------------------ lock

def test_the_lock_waits_for_its_holder_then_proceeds(tmp_path: Path) -> None:
    lock = tmp_path / ".lock"
    said: list[str] = []
    with build_lock.held(lock, 5):
        with pytest.raises(build_lock.Busy, match=f"pid {os.getpid()} since"):
            with build_lock.held(lock, 0, say=said.append):
                pass
    holding = threading.Event()
    holder = threading.Thread(target=lambda: _hold(lock, 0.6, holding))
    holder.start()
    assert holding.wait(30)   # however busy the machine, the holder has the lock before we ask for it
    started = time.monotonic()
    with build_lock.held(lock, 10, say=said.append):
        waited = time.monotonic() - started
    holder.join()
    assert waited >= 0.3 and said and said[-1].startswith("Waiting for pid")


def _hold(lock: Path, seconds: float, holding: threading.Event) -> None:
    with build_lock.held(lock, 0):
        holding.set()
        time.sleep(seconds)


def test_a_killed_holder_leaves_no_stale_lock(tmp_path: Path) -> None:
    lock = tmp_path / ".lock"
    code = ("import sys, time; sys.path.insert(0, sys.argv[2]); from portal.deliver import build_lock\n"
            "with build_lock.held(__import__('pathlib').Path(sys.argv[1]), 0):\n    print('held', flush=True); time.sleep(60)")
    holder = subprocess.Popen([sys.executable, "-c", code, str(lock), str(Path(build_lock.__file__).parents[2])],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout and holder.stdout.readline().strip() == "held"
    with pytest.raises(build_lock.Busy):
        with build_lock.held(lock, 0):
            pass
    holder.kill()
    holder.wait()
    with build_lock.held(lock, 0):
        pass


# ------------------------------------------------------------------------------------------ site address

@pytest.mark.parametrize("url,words", [
    (None, "not set"), ("", "not set"), ("http://kunskapsportal.se/", "https://"),
    ("https://127.0.0.1:8000/", "local or private IP"), ("https://127.1/", "local or private IP"),
    ("https://2130706433/", "local or private IP"), ("https://[::1]/", "local or private IP"),
    ("https://10.0.0.5/", "local or private IP"), ("https://192.168.1.2/", "local or private IP"),
    ("https://localhost/", "local or example host"), ("https://Portal.LOCALHOST./", "local or example host"),
    ("https://portal.test/", "local or example host"), ("https://example.com/", "local or example host"),
    ("https://intranet/", "local or example host"), ("https://portal.local/", "local or example host"),
    ("https://user:pw@kunskapsportal.se/", "scheme, host and path only"),
    ("https://kunskapsportal.se/?utm=1", "scheme, host and path only"),
    ("https://kunskapsportal.se:99999/", "not a valid address"),
])
def test_site_addresses_a_published_build_refuses(url: str | None, words: str) -> None:
    problem = site_address.problem(url)
    assert problem and problem.startswith("PORTAL_SITE_URL:") and words in problem and " — " in problem
    assert "\n" not in problem


@pytest.mark.parametrize("url", ["https://kunskapsportal.example.se/", "https://www.hedersfortryck.se/portal/",
                                 "https://8.8.8.8/", "https://[2a00:1450:4001::1]/"])
def test_public_https_addresses_are_accepted(url: str) -> None:
    assert site_address.problem(url) is None


def test_the_mkdocs_default_is_named_when_the_setting_is_missing() -> None:
    problem = site_address.problem("http://127.0.0.1:8000/", set_in_environment=False)
    assert problem and problem.startswith("PORTAL_SITE_URL: not set, so the build would use mkdocs.yml's")


# ----------------------------------------------------------------------------------------- readability

def test_unreadable_files_and_folders_are_named(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "typfall").mkdir(parents=True)
    (docs / "ok.sv.md").write_text("x", encoding="utf-8")
    (docs / "hemlig.sv.md").write_text("x", encoding="utf-8")
    (docs / "typfall" / "resan.sv.md").write_text("x", encoding="utf-8")
    (docs / "trasig.sv.md").symlink_to(tmp_path / "finns-inte.md")
    (docs / "slinga.sv.md").symlink_to(docs / "slinga.sv.md")
    os.chmod(docs / "hemlig.sv.md", 0)
    os.chmod(docs / "typfall", 0)
    code = ("import sys; from pathlib import Path; sys.path.insert(0, sys.argv[2]); from portal.deliver import readable\n"
            "print('\\n'.join(readable.problems([Path(sys.argv[1])], Path(sys.argv[1]).parent)))")
    try:
        found = subprocess.run(unprivileged() + [sys.executable, "-c", code, str(docs),
                                                  str(Path(readable.__file__).parents[2])],
                               capture_output=True, text=True, timeout=60)
    finally:
        os.chmod(docs / "typfall", 0o755)
    lines = found.stdout.splitlines()
    assert found.returncode == 0, found.stderr
    said = {line.split(":")[0]: line for line in lines}
    assert sorted(said) == ["docs/hemlig.sv.md", "docs/slinga.sv.md", "docs/trasig.sv.md", "docs/typfall/"]
    assert all(" — " in line for line in lines)
    assert "cannot be read (Permission denied) — give the build read access (chmod a+r)" in said["docs/hemlig.sv.md"]
    assert "cannot be read (Permission denied) — give the build read access (chmod a+rx)" in said["docs/typfall/"]
    # a link that leads nowhere is not a permission problem: the line says what to do with the link
    for link in ("docs/slinga.sv.md", "docs/trasig.sv.md"):
        assert "cannot be followed" in said[link] and "remove the link" in said[link]


# ----------------------------------------------------------------------------------------- build output

def test_a_traceback_becomes_the_one_line_of_its_error() -> None:
    folder = build_process.TracebackFolder()
    output = ["WARNING -  docs/x.sv.md: review was due 2025-01-01 — review the page",
              "ERROR   -  Error building page 'lagstiftning/a.sv.md': [Errno 28] No space left on device",
              "Traceback (most recent call last):", '  File "x.py", line 1, in <module>', "    f()",
              "           ^^^", "OSError: [Errno 28] No space left on device: '/srv/site.releases/.building-x/a.html'",
              "", "During handling of the above exception, another exception occurred:", "",
              "Traceback (most recent call last):", '  File "y.py", line 2, in g',
              "PermissionError: [Errno 13] Permission denied: '/srv/docs/a.sv.md'",
              "ERROR   -  Aborted with a BuildError!"]
    shown = [line for line in map(folder.feed, output) if line is not None]
    assert shown == [output[0], output[-1]]
    assert folder.error == "Permission denied: '/srv/docs/a.sv.md'"


@pytest.mark.parametrize("line,expected", [
    ("OSError: [Errno 30] Read-only file system: '/srv/x'", "Read-only file system: '/srv/x'"),
    ("mkdocs.exceptions.Abort: Aborted", "Abort: Aborted"),
    ("KeyboardInterrupt", "interrupted"),
    ("ValueError", "ValueError"),
])
def test_error_lines(line: str, expected: str) -> None:
    assert build_process.error_line(line) == expected


def test_run_passes_lines_on_and_reports_the_crash(tmp_path: Path) -> None:
    shown: list[str] = []
    code = "print('one line'); raise OSError(28, 'No space left on device', '/full/x.html')"
    outcome = build_process.run([sys.executable, "-c", code], tmp_path, dict(os.environ), shown.append)
    assert outcome.returncode == 1 and outcome.crash == "No space left on device: '/full/x.html'"
    assert shown == ["one line"]


# ------------------------------------------------------------------------------------------- deploy

def test_a_build_lacking_a_part_of_a_complete_site_is_named(tmp_path: Path) -> None:
    for rel in ["index.html", "404.html", "sitemap.xml", ".deploy/nginx.conf", ".deploy/nginx-http.conf"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    (tmp_path / ".deploy" / "headers.json").write_text('{"error_pages": {"/": "/404.html", "/en/": "/en/404.html"}}',
                                                        encoding="utf-8")
    assert deploy.missing_parts(tmp_path) == ["en/404.html"]
    (tmp_path / "index.html").unlink()
    assert deploy.missing_parts(tmp_path) == ["index.html", "en/404.html"]


@pytest.mark.parametrize("config,words", [("site_url: [unclosed\n", "mkdocs.yml: cannot be read: MkDocs encountered"),
                                          (None, "mkdocs.yml: cannot be read: No such file or directory")])
def test_a_broken_or_missing_mkdocs_yml_stops_in_one_line(tmp_path: Path, config: str | None, words: str) -> None:
    if config is not None:
        (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    with pytest.raises(deploy.Stop) as stop:
        deploy.build(Site(tmp_path / "site"), 5, 0, tmp_path)
    assert str(stop.value).startswith(words) and "\n" not in str(stop.value)
    assert not (tmp_path / "site.releases").exists()


def test_a_file_where_the_site_belongs_stops_before_building(tmp_path: Path) -> None:
    (tmp_path / "site").write_text("x", encoding="utf-8")
    with pytest.raises(deploy.Stop, match="is a file, not the published site"):
        deploy.build(Site(tmp_path / "site"), 5, 0, tmp_path)


def test_environment_errors_get_what_to_do() -> None:
    site = Site(Path("/srv/portal/site"))
    assert deploy.with_fix("the build failed: No space left on device", site).endswith(
        "— free space on the disk that holds /srv/portal/site.releases (or lower PORTAL_KEEP_RELEASES) and build again")
    assert deploy.with_fix("something else", site) == "something else"
