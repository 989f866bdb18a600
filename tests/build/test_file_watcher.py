"""make serve is told of a save by the kernel: every kind of change starts a build, a reading does not,
and where the kernel's watcher cannot start, MkDocs' polling stays."""
from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.livereload import LiveReloadServer
from watchdog.observers.polling import PollingObserver

from portal.build import file_watcher, idle_collection
from portal.content.ports import free_port


@pytest.fixture
def served(tmp_path: Path):
    """A LiveReloadServer watching docs/ (twice, as MkDocs and a plugin may) and mkdocs.yml, natively."""
    docs = tmp_path / "docs"
    (docs / "vagledning").mkdir(parents=True)
    (docs / "vagledning" / "sida.sv.md").write_text("# Sida\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=free_port(), root=str(tmp_path / "site"))
    server.watch(str(docs))
    server.watch(str(docs))
    server.watch(str(config))
    assert file_watcher.watch_natively(server)
    server.observer.start()
    time.sleep(0.2)
    try:
        yield server, docs, config
    finally:
        server.observer.stop()
        server.observer.join()
        server.server_close()


def _rebuild_wanted(server: LiveReloadServer, within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        with server._rebuild_cond:
            if server._want_rebuild:
                server._want_rebuild = False
                return True
        time.sleep(0.02)
    return False


def test_the_watches_move_to_a_native_observer_with_their_counts(served):
    server, docs, config = served
    assert not isinstance(server.observer, PollingObserver)
    assert server._watched_paths == {str(docs): 2, str(config): 1}
    assert len(server._watch_refs) == 2


@pytest.mark.parametrize("change", [
    "write", "append", "rename_over", "delete", "new_folder", "touch", "move_away", "config_rename_over",
])
def test_every_kind_of_save_starts_a_build(served, change: str):
    server, docs, config = served
    page = docs / "vagledning" / "sida.sv.md"
    if change == "write":
        page.write_text("# Sida\n\nNy text.\n", encoding="utf-8")
    elif change == "append":
        with page.open("a", encoding="utf-8") as handle:
            handle.write("Mer.\n")
    elif change == "rename_over":   # how many editors save: a new file renamed over the old one
        new = docs / "vagledning" / ".sida.sv.md.tmp"
        new.write_text("# Sida\n\nNy.\n", encoding="utf-8")
        os.replace(new, page)
    elif change == "delete":
        page.unlink()
    elif change == "new_folder":
        (docs / "ny" / "djup").mkdir(parents=True)
        time.sleep(0.2)   # the new folders are watched once they exist
        (docs / "ny" / "djup" / "a.sv.md").write_text("# A\n", encoding="utf-8")
    elif change == "touch":
        os.utime(page, (time.time() + 5, time.time() + 5))
    elif change == "move_away":
        page.rename(docs.parent / "sida.sv.md")
    elif change == "config_rename_over":
        new = config.with_name("mkdocs.yml.tmp")
        new.write_text("site_name: y\n", encoding="utf-8")
        os.replace(new, config)
    assert _rebuild_wanted(server, within=3.0), f"{change} was not seen"


def test_a_second_save_after_a_rename_over_the_config_is_seen_too(served):
    """A watch on the file itself would follow the old file away after the first save."""
    server, _docs, config = served
    for text in ("site_name: y\n", "site_name: z\n"):
        new = config.with_name("mkdocs.yml.tmp")
        new.write_text(text, encoding="utf-8")
        os.replace(new, config)
        assert _rebuild_wanted(server, within=3.0)


def test_reading_the_watched_files_starts_no_build(served):
    """The build reads every page: that must not start the next build."""
    server, docs, config = served
    for _ in range(3):
        for path in [*docs.rglob("*.md"), config]:
            path.read_bytes()
        os.listdir(docs)
    assert not _rebuild_wanted(server, within=1.0)


def test_a_save_in_a_folder_nobody_watches_starts_no_build(served, tmp_path: Path):
    server, _docs, _config = served
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("x", encoding="utf-8")
    assert not _rebuild_wanted(server, within=0.8)


def _inotify_threads() -> int:
    return sum(1 for thread in threading.enumerate() if "Inotify" in thread.name)


class _RefusingWatch(file_watcher.Observer):  # type: ignore[misc,valid-type]
    """The kernel has no more inotify instances: watchdog says so when a watch is scheduled."""

    def schedule(self, *args, **kwargs):
        raise OSError(24, "inotify instance limit reached")


class _RefusingStart(file_watcher.Observer):  # type: ignore[misc,valid-type]
    """The kernel has no more watches: the watches are made when the observer starts."""

    def start(self) -> None:
        raise OSError(28, "inotify watch limit reached")


@pytest.mark.parametrize("refusing", [_RefusingWatch, _RefusingStart])
def test_where_the_kernels_watcher_cannot_start_polling_stays_and_nothing_is_left_open(tmp_path: Path, caplog,
                                                                                       refusing) -> None:
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=free_port(), root=str(tmp_path))
    server.watch(str(tmp_path))
    polling, threads = server.observer, _inotify_threads()
    with caplog.at_level(logging.INFO, logger="mkdocs.portal.preview"):
        assert not file_watcher.watch_natively(server, native=refusing)
    assert server.observer is polling and server._watched_paths == {str(tmp_path): 1}
    assert "limit reached" in caplog.text
    assert len(polling.emitters) == 1   # the old watch is still in place
    time.sleep(0.2)
    assert _inotify_threads() <= threads   # the probe's kernel watcher is closed
    server.server_close()


def test_folders_watched_later_are_probed_too(tmp_path: Path) -> None:
    """mkdocs.yml's `watch:` folders are added after the swap: a folder the kernel cannot watch keeps polling."""
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=free_port(), root=str(tmp_path))
    server.watch(str(tmp_path))
    probed: list[list[str]] = []
    assert not file_watcher.watch_natively(server, also=["/data"], probe=lambda observer, paths: probed.append(paths) or False)
    assert probed == [[str(tmp_path), "/data"]]
    server.server_close()


def test_a_swap_refused_half_way_puts_every_polling_watch_back(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=free_port(), root=str(tmp_path))
    server.watch(str(tmp_path / "a"))
    server.watch(str(tmp_path / "a"))
    server.watch(str(tmp_path), recursive=False)
    polling = server.observer
    assert not file_watcher.watch_natively(server, native=_RefusingWatch, probe=lambda observer, paths: True)
    assert server.observer is polling
    assert server._watched_paths == {str(tmp_path / "a"): 2, str(tmp_path): 1}
    assert not server._watch_refs[str(tmp_path)].is_recursive and server._watch_refs[str(tmp_path / "a")].is_recursive
    server.server_close()


def test_a_watch_keeps_whether_it_is_recursive(tmp_path: Path) -> None:
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=free_port(), root=str(tmp_path))
    server.watch(str(tmp_path), recursive=False)
    assert file_watcher.watch_natively(server)
    assert not server._watch_refs[str(tmp_path)].is_recursive
    server.server_close()


def test_polling_can_be_asked_for(tmp_path: Path, monkeypatch) -> None:
    """A share the kernel is not told about (some network, FUSE or virtual-machine folders): PORTAL_POLLING=1."""
    monkeypatch.setenv("PORTAL_POLLING", "1")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=free_port(), root=str(tmp_path))
    server.watch(str(tmp_path))
    polling = server.observer
    assert not file_watcher.watch_natively(server)
    assert server.observer is polling
    server.server_close()


def test_a_platform_whose_best_is_polling_keeps_mkdocs_observer(tmp_path: Path):
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=free_port(), root=str(tmp_path))
    server.watch(str(tmp_path))
    polling = server.observer
    assert not file_watcher.watch_natively(server, native=PollingObserver)
    assert server.observer is polling
    server.server_close()


def test_the_filter_leaves_out_readings_only():
    from watchdog import events
    assert events.FileOpenedEvent not in file_watcher.CHANGES
    assert events.FileClosedNoWriteEvent not in file_watcher.CHANGES
    for kind in (events.FileModifiedEvent, events.FileCreatedEvent, events.FileDeletedEvent,
                 events.FileMovedEvent, events.FileClosedEvent, events.FileAttribEvent, events.EventsLostEvent):
        assert kind in file_watcher.CHANGES


def test_make_serve_falls_back_to_quicker_polling_and_collects_between_builds(monkeypatch, tmp_path: Path):
    import preview_hooks
    monkeypatch.setattr(preview_hooks.SESSION, "serving", True)
    monkeypatch.setattr(file_watcher, "watch_natively", lambda server, also: False)
    monkeypatch.setattr(preview_hooks, "_COLLECTOR", idle_collection.IdleCollector(pause=3600))
    built = []
    server = LiveReloadServer(builder=lambda: built.append(1), host="127.0.0.1", port=free_port(), root=str(tmp_path))
    server.watch(str(tmp_path))
    assert preview_hooks.on_serve(server, SimpleNamespace(watch=[]), None) is server   # type: ignore[arg-type]
    server.builder()   # each save's build is bracketed for the collection between builds
    assert built == [1] and preview_hooks._COLLECTOR._timer is not None
    assert server.observer.timeout == preview_hooks.POLLING_SECONDS
    assert all(emitter.timeout == preview_hooks.POLLING_SECONDS for emitter in server.observer.emitters)
    preview_hooks._COLLECTOR.build_started()   # no collection waiting after the test
    server.server_close()
