"""`make serve` learns of a save from the kernel (inotify on Linux) instead of by polling.

MkDocs' LiveReloadServer polls: every interval it lists and stats every file it watches. At 1,000 pages
per language one scan of docs/ takes about 25 ms of Python, and MkDocs builds in a thread of the same
process, so the scans it makes while a build runs slow the build down (they share the interpreter lock),
and a save waits up to an interval before anyone sees it. The kernel tells a watcher at once, for free.

Only changes count. The build reads the files it watches, and a reading (opened, closed without writing)
must not start another build. Where the kernel's watcher cannot start (no inotify, its limits reached),
polling stays, as MkDocs has it.
"""
from __future__ import annotations

import logging
import os
from typing import Any, Callable, Sequence

from watchdog import events
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

log = logging.getLogger("mkdocs.portal.preview")

READINGS = (events.FileOpenedEvent, events.FileClosedNoWriteEvent)
# Every other kind: writes, creations, deletions, moves (a save by renaming a new file over the old),
# attribute changes (touch) and a lost-events notice (the kernel's queue overflowed: build to be sure).
CHANGES = [kind for kind in vars(events).values()
           if isinstance(kind, type) and issubclass(kind, events.FileSystemEvent)
           and kind is not events.FileSystemEvent and kind is not events.FileSystemMovedEvent
           and not issubclass(kind, READINGS)]


def _changes_only(observer_class: type[BaseObserver]) -> type[BaseObserver]:
    class ChangesOnly(observer_class):  # type: ignore[valid-type,misc]
        """Schedules every watch with the filter of changes, whoever asks (MkDocs' `server.watch`)."""

        def schedule(self, event_handler: Any, path: Any, *, recursive: bool = False,
                     event_filter: Any = None, follow_symlink: bool = False) -> Any:
            return super().schedule(event_handler, path, recursive=recursive, event_filter=CHANGES,
                                    follow_symlink=follow_symlink)

    return ChangesOnly


def _stopped(observer: BaseObserver, started: bool) -> None:
    """Free what `observer` holds (its kernel watcher is released when it stops, started or not)."""
    observer.stop()
    if started:
        observer.join()


def _starts(observer: BaseObserver, paths: list[str]) -> bool:
    """Whether `observer` can watch every path. The kernel's watcher may refuse when a watch is scheduled
    (no more instances) or when the observer starts (no more watches); either way nothing stays open."""
    started = False
    try:
        for path in paths:
            observer.schedule(events.FileSystemEventHandler(), path, recursive=True)
        observer.start()
        started = True
    except OSError as error:
        log.info(f"make serve looks for saved files every moment instead of being told of them ({error})")
        return False
    finally:
        _stopped(observer, started)
    return True


def _rewatch(server: Any, watched: dict[str, tuple[int, bool]]) -> None:
    for path, (count, recursive) in watched.items():
        for _ in range(count):
            server.watch(path, recursive=recursive)


def watch_natively(server: Any, also: Sequence[str] = (), native: type[BaseObserver] = Observer,
                   probe: Callable[[BaseObserver, list[str]], bool] = _starts) -> bool:
    """Give MkDocs' LiveReloadServer `server` the platform's native observer of changes in place of its
    polling one, moving the watches it has; True when it did. `also`: paths the server will watch later
    (mkdocs.yml's `watch:`), probed too. Call before the server starts serving. PORTAL_POLLING=1 keeps
    polling (a folder the kernel is not told about: some network, FUSE or virtual-machine shares)."""
    if os.environ.get("PORTAL_POLLING") == "1" or native is PollingObserver or issubclass(native, PollingObserver):
        return False
    # path -> (how many asked to watch it, recursively or not)
    watched = {path: (count, server._watch_refs[path].is_recursive) for path, count in server._watched_paths.items()}
    if not probe(_changes_only(native)(), list(watched) + [str(path) for path in also]):
        return False
    polling = server.observer
    for path, (count, _) in watched.items():
        for _ in range(count):
            server.unwatch(path)
    server.observer = _changes_only(native)()
    try:
        _rewatch(server, watched)
    except OSError as error:   # refused after all: back to polling, every watch as it was
        server._watched_paths.clear()   # the half-made watches go with the native observer
        server._watch_refs.clear()
        _stopped(server.observer, False)
        server.observer = polling
        _rewatch(server, watched)
        log.info(f"make serve looks for saved files every moment instead of being told of them ({error})")
        return False
    return True
