"""`make serve` collects Python's cyclic garbage between saves, not while an editor waits for one.

The preview keeps what every page's build needs from save to save, some 400,000 objects at 1,000 pages
per language. Python's cycle collector looks at all of them in a full collection, and a save's build
allocates enough to set off one or two: 0.3 to 0.45 s of a save's 2.5 s (measured with gc.callbacks).

So once a build is over and no other has started for a moment, the collector runs here and then freezes
what is alive (`gc.freeze`): the collections during the next build look only at what that build makes.
What became garbage among the frozen objects since (the last save's navigation, pages, ...) is found at
the next pause, which unfreezes first, so memory does not grow from save to save.
"""
from __future__ import annotations

import gc
import threading
from typing import Callable

PAUSE_SECONDS = 0.5   # after a build: the browser has reloaded the page; a quick second save would wait


class IdleCollector:
    """`build_started` and `build_ended` bracket each build; the collection runs in the pause after one."""

    def __init__(self, pause: float = PAUSE_SECONDS) -> None:
        self.pause = pause
        self.collections = 0
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()

    def build_started(self) -> None:
        """No collection from now until the build ends (one that runs already is waited for)."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None

    def build_ended(self) -> None:
        """Collect once no build has started for `pause` seconds."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(self.pause, self._collect)
            self._timer.daemon = True     # never keeps `make serve` from stopping
            self._timer.start()

    def _collect(self) -> None:
        with self._lock:
            if self._timer is None or threading.current_thread() is not self._timer:
                return   # a build started meanwhile
            self._timer = None
            gc.unfreeze()
            gc.collect()
            gc.freeze()
            self.collections += 1


def collecting_between(build: Callable[[], None], collector: IdleCollector) -> Callable[[], None]:
    """`build` bracketed by `collector`, for MkDocs' LiveReloadServer to call at each save; a failed build
    is over too."""
    def bracketed() -> None:
        collector.build_started()
        try:
            build()
        finally:
            collector.build_ended()
    return bracketed
