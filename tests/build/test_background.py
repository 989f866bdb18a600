"""Build work in a second process (hooks/portal/build/background.py): values, files, log messages and failures
reach the build exactly as if the work had been done in it, with and without forking."""
from __future__ import annotations

import logging
import os
import threading

import pytest
from conftest import build
from mkdocs.exceptions import Abort

from portal.build import background


@pytest.fixture(params=["fork", "inline"])
def mode(request, monkeypatch) -> str:
    monkeypatch.setenv("PORTAL_PARALLEL", "1" if request.param == "fork" else "0")
    if request.param == "fork":
        assert background.may_fork(), "pytest runs in one thread here: forking must be chosen"
    return request.param


def test_prefetch_returns_the_value(mode) -> None:
    pending = background.prefetch(lambda: {"pages": [1, 2, 3], "pid": os.getpid()})
    value = pending.get()
    assert value["pages"] == [1, 2, 3]
    assert (value["pid"] != os.getpid()) == (mode == "fork")


def test_jobs_write_files_and_their_messages_are_logged_here(mode, tmp_path, caplog) -> None:
    log = logging.getLogger("mkdocs.hooks.test_background")

    def job(name: str) -> None:
        (tmp_path / name).write_text(name, encoding="utf-8")
        log.warning(f"wrote {name}")

    background.submit(lambda: job("a.txt"))
    background.submit(lambda: job("b.txt"))
    background.launch()
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        background.finish()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]
    assert [r.getMessage() for r in caplog.records if r.name == log.name] == ["wrote a.txt", "wrote b.txt"]


def test_a_failing_job_fails_the_build_with_its_own_error(mode, caplog) -> None:
    def bad_redirects() -> None:
        logging.getLogger("mkdocs.hooks.test_background").error("data/redirects.yml: 'x' points nowhere")
        raise Abort("1 problem(s) in data/redirects.yml: fix the lines above and build again.")

    background.submit(bad_redirects)
    background.submit(lambda: None)
    background.launch()
    with pytest.raises(Abort, match="1 problem"), caplog.at_level(logging.ERROR, logger="mkdocs"):
        background.finish()
    assert "data/redirects.yml: 'x' points nowhere" in caplog.text
    background.finish()   # nothing left over for the next build


def test_an_error_that_cannot_be_pickled_arrives_as_its_traceback(mode) -> None:
    class Local(Exception):   # defined in a function: pickle cannot find it by name
        pass

    def fail() -> None:
        raise Local("the index builder broke")

    pending = background.prefetch(fail)
    with pytest.raises(Exception, match="the index builder broke"):
        pending.get()


def test_a_process_that_dies_is_reported_not_waited_for_forever(monkeypatch) -> None:
    monkeypatch.setenv("PORTAL_PARALLEL", "1")
    pending = background.prefetch(lambda: os._exit(3))
    with pytest.raises(background.JobCrashed, match="exit code 3.*PORTAL_PARALLEL=0"):
        pending.get()


def test_no_fork_with_other_threads_running(monkeypatch) -> None:
    # `mkdocs serve` rebuilds in a thread: forking there could copy a lock held by another thread.
    monkeypatch.setenv("PORTAL_PARALLEL", "1")
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not background.may_fork()
        assert background.prefetch(os.getpid).get() == os.getpid()
    finally:
        stop.set()
        other.join()


def test_parallel_can_be_switched_off(monkeypatch) -> None:
    monkeypatch.setenv("PORTAL_PARALLEL", "0")
    assert not background.may_fork()


def test_the_backstop_check_of_rendered_html_fails_the_build(caplog) -> None:
    import content_safety_hooks

    with pytest.raises(Abort, match="Unsafe HTML in 1 rendered page"), caplog.at_level(logging.ERROR):
        content_safety_hooks._check([("docs/vagledning/x.sv.md", '<p>ok</p><img src="x" onerror="alert(1)">'),
                                     ("docs/vagledning/y.sv.md", "<p>harmless</p>")])
    assert "docs/vagledning/x.sv.md:" in caplog.text and "<img> has the event handler onerror" in caplog.text
    content_safety_hooks._check([("docs/vagledning/y.sv.md", "<p>harmless</p>")])


def test_the_build_writes_the_same_site_with_and_without_a_second_process(tmp_path) -> None:
    sites = {}
    for parallel in ("1", "0"):
        site = tmp_path / f"site-{parallel}"
        result = build(site, PORTAL_PARALLEL=parallel)
        assert result.returncode == 0, result.stdout + result.stderr
        sites[parallel] = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert sites["1"].keys() == sites["0"].keys()
    assert [name for name in sites["1"] if sites["1"][name] != sites["0"][name]] == []
    assert any(name.startswith("api/v1/") for name in sites["1"]) and "search/meta.json" in sites["1"]


def test_jobs_of_a_build_that_stopped_half_way_do_not_run_in_the_next(mode, tmp_path) -> None:
    """make serve goes on after a failed build: what that build queued or deferred is dropped."""
    background.submit(lambda: (tmp_path / "stale.txt").write_text("old build", encoding="utf-8"))
    if mode == "inline":
        background.launch()                      # deferred until run_deferred, which never came
    background.forget_unstarted()
    background.submit(lambda: (tmp_path / "new.txt").write_text("this build", encoding="utf-8"))
    background.finish()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.txt"]
