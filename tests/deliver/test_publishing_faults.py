"""`make build` and `make rollback` under faults, with nginx serving the published link throughout.

Each fault — a kill at any moment (the switch included), two builds at once, a full disk, an
unreadable file or folder in docs/, a read-only output folder, a failing build, a local site
address — must end with a non-zero exit status, one line naming the problem, no traceback, and
the previous build still complete and served. The fixture site is built (about 2 s a build).
"""
from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import FIXTURE_SITE, ROOT, TODAY, require_nginx, unprivileged
from portal.deliver import nginx
from portal.deliver.releases import Site

SITE_URL = "https://kunskapsportal.example.se/"
TITLE = "Sommarresan"
# The fixture has a page overdue for review: every build warns about it.
EXPECTED_WARNING = "review was due"


def environment(docs: Path = FIXTURE_SITE, **extra: str) -> dict[str, str]:
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", PYTHONPATH=str(ROOT / "hooks"),
                PORTAL_DOCS_DIR=str(docs), PORTAL_TODAY=TODAY, PORTAL_SITE_URL=SITE_URL, **extra)


def command(site: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "portal.deliver.deploy", *args, "--site", str(site)]


def deploy(site: Path, *args: str, prefix: list[str] | None = None, **env: str) -> subprocess.CompletedProcess:
    docs = Path(env.pop("docs", FIXTURE_SITE))
    return subprocess.run((prefix or []) + command(site, *(args or ("build",))), cwd=ROOT,
                          env=environment(docs, **env), capture_output=True, text=True, timeout=300)


def problem_lines(result: subprocess.CompletedProcess) -> list[str]:
    """What the command said beyond the build's usual warning about the fixture's overdue page."""
    return [line for line in (result.stdout + result.stderr).splitlines() if EXPECTED_WARNING not in line]


def assert_stopped_with_one_line(result: subprocess.CompletedProcess, *words: str) -> str:
    lines = problem_lines(result)
    output = result.stdout + result.stderr
    assert result.returncode not in (0, None), output
    assert "Traceback" not in output, output
    assert len(lines) == 1, output
    assert all(word in lines[0] for word in words), output
    return lines[0]


def tree(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


@dataclass
class Reference:
    folder: Path          # a complete release of the fixture site
    files: set[str]       # what every published release must hold
    seconds: float        # how long a build takes here


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> Reference:
    """A complete build of the fixture site, made with the publishing command."""
    require_nginx()
    site = tmp_path_factory.mktemp("reference") / "site"
    started = time.monotonic()
    result = deploy(site)
    seconds = time.monotonic() - started
    assert result.returncode == 0, result.stdout + result.stderr
    files = tree(site)
    assert {"index.html", "404.html", "en/404.html", "typfall/resan/index.html", "typfall/resan/index.html.gz",
            ".deploy/nginx.conf", ".deploy/nginx-http.conf", ".deploy/release.json"} <= files
    return Reference(site.resolve(), files, seconds)


def published(site: Path, reference: Reference, count: int = 1) -> list[str]:
    """`count` releases copied from the reference build (faster than building), the last one served."""
    names = [f"2026110{number}T120000Z" for number in range(1, count + 1)]
    for name in names:
        shutil.copytree(reference.folder, Site(site).releases / name)
    Site(site).switch(names[-1])
    return names


@contextlib.contextmanager
def serving(site: Path, work: Path) -> Iterator[str]:
    """nginx on the published link, as in production (it follows each switch without a reload)."""
    with nginx.running(site, work) as server:
        yield server.url


def assert_complete_and_served(site: Path, url: str, reference: Reference) -> str:
    """The link names a release holding every file of a complete build, and nginx serves it."""
    current = Site(site).current()
    assert current, f"{site} names no release"
    found = tree(site)
    assert found == reference.files, f"release {current} is incomplete: {sorted(reference.files ^ found)[:10]}"
    with urllib.request.urlopen(url + "/typfall/resan/", timeout=10) as response:
        assert response.status == 200 and TITLE in response.read().decode("utf-8")
        assert "frame-ancestors 'self'" in response.headers["Content-Security-Policy"]
    return current


# ------------------------------------------------------------------------------------- the happy paths

def test_build_rollback_and_releases(tmp_path: Path, reference: Reference) -> None:
    site = tmp_path / "site"
    published(site, reference)
    with serving(site, tmp_path / "nginx") as url:
        one = assert_complete_and_served(site, url, reference)
        two = deploy(site)
        assert two.returncode == 0 and "now serves release" in two.stdout
        second = assert_complete_and_served(site, url, reference)
        assert second > one
        listed = deploy(site, "list")
        assert listed.returncode == 0
        assert [line[:2] for line in listed.stdout.splitlines()] == ["  ", "* "]
        assert f"site_url {SITE_URL}" in listed.stdout.splitlines()[1]
        back = deploy(site, "rollback")
        assert back.returncode == 0 and f"now serves release {one}" in back.stdout
        assert assert_complete_and_served(site, url, reference) == one
        nowhere = deploy(site, "rollback")
        assert_stopped_with_one_line(nowhere, "no release older than", f"still serves release {one}")
        chosen = deploy(site, "rollback", "--release", second)
        assert chosen.returncode == 0 and Site(site).current() == second
        unknown = deploy(site, "rollback", "--release", "../../etc")
        assert_stopped_with_one_line(unknown, "no release named", f"still serves release {second}")


def test_old_releases_are_removed_but_never_the_one_served(tmp_path: Path, reference: Reference) -> None:
    site = tmp_path / "site"
    names = published(site, reference, 3)
    assert deploy(site, "rollback", "--release", names[0]).returncode == 0
    assert deploy(site, PORTAL_KEEP_RELEASES="2").returncode == 0
    newest = Site(site).current()
    assert Site(site).names() == [names[2], newest]
    assert deploy(site, "rollback", "--release", names[2]).returncode == 0
    assert Site(site).names() == [names[2], newest]
    assert_stopped_with_one_line(deploy(site, PORTAL_KEEP_RELEASES="1"), "PORTAL_KEEP_RELEASES", "at least 2")


def test_the_first_build_over_a_site_folder_keeps_it_for_rollback(tmp_path: Path, reference: Reference) -> None:
    site = old_style_site(tmp_path, reference)
    (site / "typfall" / "resan" / "index.html").write_text(f"<title>{TITLE} (old)</title>", encoding="utf-8")
    (site / "typfall" / "resan" / "index.html.gz").unlink()
    result = deploy(site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert site.is_symlink() and "kept as release" in result.stdout
    with serving(site, tmp_path / "nginx") as url:
        assert_complete_and_served(site, url, reference)
        assert deploy(site, "rollback").returncode == 0
        with urllib.request.urlopen(url + "/typfall/resan/", timeout=10) as response:
            assert "(old)" in response.read().decode("utf-8")


def old_style_site(tmp_path: Path, reference: Reference) -> Path:
    """site/ as a real folder holding a complete build, as `make build` left it before releases."""
    site = tmp_path / "site"
    shutil.copytree(reference.folder, site)
    return site


def test_make_build_and_rollback_run_the_same_commands(tmp_path: Path, reference: Reference) -> None:
    if shutil.which("make") is None:
        pytest.skip("make is not installed (apt-get install make)")
    site = tmp_path / "site"
    published(site, reference)
    env = environment()
    for target in ("build", "rollback", "releases"):
        result = subprocess.run(["make", "--no-print-directory", target, f"SITE_DIR={site}"], cwd=ROOT, env=env,
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stdout + result.stderr
    assert Site(site).current() == Site(site).names()[0]


# ------------------------------------------------------------------------------------------------ faults

@pytest.mark.parametrize("url", [None, "http://127.0.0.1:8000/", "https://localhost/", "http://kunskapsportal.se/"])
def test_a_local_or_missing_site_address_is_refused_before_building(tmp_path: Path, reference: Reference,
                                                                    url: str | None) -> None:
    site = tmp_path / "site"
    [served] = published(site, reference)
    env = environment()
    if url is None:
        env.pop("PORTAL_SITE_URL")
    else:
        env["PORTAL_SITE_URL"] = url
    result = subprocess.run(command(site, "build"), cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert_stopped_with_one_line(result, "PORTAL_SITE_URL", f"still serves release {served}")
    assert Site(site).names() == [served] and not list(Site(site).releases.glob(".building-*"))


def test_a_failing_build_leaves_the_old_site(tmp_path: Path, reference: Reference) -> None:
    site = tmp_path / "site"
    published(site, reference)
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURE_SITE, docs)
    page = docs / "typfall" / "resan.sv.md"
    page.write_text(page.read_text(encoding="utf-8").replace("status: approved", "status: approvd"), encoding="utf-8")
    with serving(site, tmp_path / "nginx") as url:
        served = assert_complete_and_served(site, url, reference)
        result = deploy(site, docs=str(docs))
        output = result.stdout + result.stderr
        assert result.returncode == 1 and "Traceback" not in output
        assert "typfall/resan.sv.md" in output and "review.status" in output
        assert output.rstrip().endswith(f"the build failed (the lines above say why); site still serves release {served}")
        assert assert_complete_and_served(site, url, reference) == served
        assert Site(site).names() == [served] and not list(Site(site).releases.glob(".building-*"))


def test_a_docs_folder_named_like_a_reserved_one_stops_the_build(tmp_path: Path, reference: Reference) -> None:
    """embed/, id/ and api/ at any depth: a page there would look like an embed view, a permalink or the API."""
    site = tmp_path / "site"
    [served] = published(site, reference)
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURE_SITE, docs)
    page = (docs / "typfall" / "resan.sv.md").read_text(encoding="utf-8")
    for folder in ("om/embed", "typfall/api", "vagledning/fordjupning/id"):
        (docs / folder).mkdir(parents=True)
        (docs / folder / "x.sv.md").write_text(page.replace("id: resan", f"id: {folder.replace('/', '-')}")
                                                   .replace("status: approved", "status: draft"), encoding="utf-8")
    result = deploy(site, docs=str(docs))
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    for folder, name in (("om/embed", "embed"), ("typfall/api", "api"), ("vagledning/fordjupning/id", "id")):
        assert sum(f"{docs}/{folder}/: the folder name '{name}' is reserved" in line and " — rename the folder" in line
                   for line in output.splitlines()) == 1, output
    assert Site(site).current() == served and Site(site).names() == [served]


def test_a_kill_at_any_moment_of_the_build_leaves_a_complete_site(tmp_path: Path, reference: Reference) -> None:
    """Killed at random moments: the whole process group (like Ctrl-C on a hung make), or the publishing
    process alone (its build child dies with it). Then a build completes as usual."""
    site = tmp_path / "site"
    published(site, reference)
    randomness = random.Random(12)
    with serving(site, tmp_path / "nginx") as url:
        for attempt in range(8):
            process = subprocess.Popen(command(site, "build"), cwd=ROOT, env=environment(),
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
            time.sleep(randomness.uniform(0, reference.seconds * 1.1))
            if attempt % 2:
                os.killpg(process.pid, signal.SIGKILL)
            else:
                process.kill()
            process.wait()
            assert_complete_and_served(site, url, reference)
        time.sleep(0.5)   # a build child killed with its parent is gone by now
        after = deploy(site)
        assert after.returncode == 0, after.stdout + after.stderr
        assert_complete_and_served(site, url, reference)
        assert not [p for p in Site(site).releases.iterdir() if p.name.startswith((".building-", ".switch-"))]


# The publishing command with a stand-in build (a copy of the reference release, after a pause), killed at
# a named moment of publishing ("never": not killed). The switch is what these runs test, not MkDocs.
DRIVER = """
import os, shutil, signal, sys, time
sys.path.insert(0, sys.argv[3])
from portal.deliver import build_process, deploy, releases
moment, link, reference, pause = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[4], float(sys.argv[5])

def die():
    os.kill(os.getpid(), signal.SIGKILL)

def build(site_dir, root, show):
    time.sleep(pause)
    shutil.copytree(reference, site_dir)
    return build_process.Outcome(0)

real_replace, real_rename, real_exchange, real_rmtree = os.replace, os.rename, releases._exchange, shutil.rmtree
def replace(src, dst, *args, **kwargs):
    if os.path.abspath(dst) == link and moment == "before-switch":
        die()
    real_replace(src, dst, *args, **kwargs)
    if os.path.abspath(dst) == link and moment == "after-switch":
        die()
def rename(src, dst, *args, **kwargs):
    real_rename(src, dst, *args, **kwargs)
    if ".building-" in str(src) and moment == "after-finish":
        die()
def exchange(first, second):
    if moment == "before-switch":
        die()
    real_exchange(first, second)
    if moment == "after-switch":
        die()
def rmtree(path, *args, **kwargs):
    real_rmtree(path, *args, **kwargs)
    if moment == "during-prune":
        die()
build_process.mkdocs_build = build
releases.os.replace, releases.os.rename, releases._exchange, releases.shutil.rmtree = replace, rename, exchange, rmtree
sys.argv = ["deploy", "build", "--site", link]
raise SystemExit(deploy.main())
"""


def driven(site: Path, reference: Reference, moment: str = "never", pause: float = 0.0,
           **env: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", DRIVER, moment, str(site), str(ROOT / "hooks"),
                             str(reference.folder), str(pause)], cwd=ROOT, env=environment(**env),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finished(process: subprocess.Popen) -> subprocess.CompletedProcess:
    out, err = process.communicate(timeout=300)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


# (first: the site is still a real folder). A first switch has no release to remove, so no "during-prune".
@pytest.mark.parametrize("first,moment", [(False, "after-finish"), (False, "before-switch"), (False, "after-switch"),
                                          (False, "during-prune"), (True, "after-finish"), (True, "before-switch"),
                                          (True, "after-switch")])
def test_a_kill_during_the_switch_leaves_a_complete_site(tmp_path: Path, reference: Reference, moment: str,
                                                         first: bool) -> None:
    site = tmp_path / "site"
    if first:   # the site is still the real folder an older `make build` left
        old_style_site(tmp_path, reference)
    else:
        published(site, reference, 2)
    with serving(site, tmp_path / "nginx") as url:
        killed = finished(driven(site, reference, moment, PORTAL_KEEP_RELEASES="2"))
        assert killed.returncode == -signal.SIGKILL, killed.stdout + killed.stderr
        if first and moment in ("after-finish", "before-switch"):
            assert site.is_dir() and not site.is_symlink() and tree(site) == reference.files
        else:
            assert_complete_and_served(site, url, reference)
        after = finished(driven(site, reference, PORTAL_KEEP_RELEASES="2"))
        assert after.returncode == 0, after.stdout + after.stderr
        assert_complete_and_served(site, url, reference)
        assert not [p for p in Site(site).releases.iterdir() if p.name.startswith((".building-", ".switch-"))]
        assert len(Site(site).names()) == 2


def test_two_builds_at_once_wait_for_each_other(tmp_path: Path, reference: Reference) -> None:
    site = tmp_path / "site"
    published(site, reference)
    with serving(site, tmp_path / "nginx") as url:
        def started() -> subprocess.Popen:
            return subprocess.Popen(command(site, "build"), cwd=ROOT, env=environment(), stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True)
        # The second starts once the first holds the lock (it writes its pid there), however busy the machine.
        first, deadline = started(), time.monotonic() + 120
        while time.monotonic() < deadline and first.poll() is None:
            lock = Site(site).lock
            if lock.exists() and lock.read_text(errors="replace").startswith(f"pid {first.pid} "):
                break
            time.sleep(0.05)
        builds = [first, started()]
        outputs = [build.communicate(timeout=300) for build in builds]
        assert [build.returncode for build in builds] == [0, 0], outputs
        assert sum("Waiting for pid" in out for out, _ in outputs) == 1
        assert len(Site(site).names()) == 3
        assert assert_complete_and_served(site, url, reference) == Site(site).names()[-1]


def test_a_second_build_that_may_not_wait_stops_with_one_line(tmp_path: Path, reference: Reference) -> None:
    site = tmp_path / "site"
    published(site, reference)
    with serving(site, tmp_path / "nginx") as url:
        served = assert_complete_and_served(site, url, reference)
        results = [finished(process) for process in
                   [driven(site, reference, pause=2, PORTAL_BUILD_WAIT="0") for _ in range(2)]]
        stopped = [r for r in results if r.returncode != 0]
        assert len(stopped) == 1, [r.stdout + r.stderr for r in results]
        assert_stopped_with_one_line(stopped[0], "is publishing site", "PORTAL_BUILD_WAIT", f"still serves release {served}")
        assert_complete_and_served(site, url, reference)


@contextlib.contextmanager
def small_disk(path: Path, size: str) -> Iterator[Path]:
    """A tmpfs of `size` mounted at path (we run as root in CI); skipped when mounting is not permitted."""
    path.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({mounted.stderr.strip() or 'mount failed'}): needs root "
                    "or CAP_SYS_ADMIN")
    try:
        yield path
    finally:
        subprocess.run(["umount", str(path)], capture_output=True)
        if os.path.ismount(path):
            subprocess.run(["umount", "-l", str(path)], capture_output=True)


def test_a_full_disk_stops_the_build_and_frees_what_it_took(tmp_path: Path, reference: Reference) -> None:
    with small_disk(tmp_path / "disk", "64m") as disk:
        site = disk / "site"
        published(site, reference)
        # Shrink the disk to what the first build uses plus half of it: the second build runs out of space.
        used = shutil.disk_usage(disk).used
        subprocess.run(["mount", "-o", f"remount,size={(used + used // 2) // 1024}k", str(disk)], check=True)
        with serving(site, tmp_path / "nginx") as url:
            served = assert_complete_and_served(site, url, reference)
            result = deploy(site)
            assert_stopped_with_one_line(result, "No space left on device", f"still serves release {served}")
            assert assert_complete_and_served(site, url, reference) == served
            assert Site(site).names() == [served] and not list(Site(site).releases.glob(".building-*"))


def test_a_read_only_output_folder_stops_the_build(tmp_path: Path, reference: Reference) -> None:
    with small_disk(tmp_path / "disk", "64m") as disk:
        site = disk / "site"
        published(site, reference)
        remount = subprocess.run(["mount", "-o", "remount,ro", str(disk)], capture_output=True, text=True)
        if remount.returncode != 0:
            pytest.skip(f"cannot remount read-only here: {remount.stderr.strip()}")
        with serving(site, tmp_path / "nginx") as url:
            served = assert_complete_and_served(site, url, reference)
            for args in (("build",), ("rollback", "--release", served)):
                assert_stopped_with_one_line(deploy(site, *args), "Read-only file system", f"still serves release {served}")
            assert assert_complete_and_served(site, url, reference) == served


@pytest.mark.parametrize("what", ["file", "folder"])
def test_an_unreadable_file_or_folder_in_docs_is_named(tmp_path: Path, reference: Reference, what: str) -> None:
    site = tmp_path / "site"
    published(site, reference)
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURE_SITE, docs)
    target = docs / "typfall" / ("resan.sv.md" if what == "file" else "")
    os.chmod(target, 0)
    try:
        with serving(site, tmp_path / "nginx") as url:
            served = assert_complete_and_served(site, url, reference)
            result = deploy(site, docs=str(docs), prefix=unprivileged())
            shown = f"{docs}/typfall/resan.sv.md:" if what == "file" else f"{docs}/typfall/:"
            assert_stopped_with_one_line(result, shown, "cannot be read (Permission denied)",
                                         f"still serves release {served}")
            assert assert_complete_and_served(site, url, reference) == served
    finally:
        os.chmod(target, 0o755)
