"""One publishing step at a time: an exclusive lock on a file beside the published site.

`make build` and `make rollback` hold it from start to finish, so two builds never write or
switch the same site at once: the second waits (saying so) or, when it may not wait, stops with
a line naming the holder. The lock is the kernel's (flock): it ends with the process that holds
it, however that process ends, so a killed build never leaves a stale lock behind.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path


class Busy(Exception):
    """Another process holds the lock and we may not (or no longer) wait."""


def _holder(fd: int) -> str:
    """What the holder wrote into the lock file ('pid 123 since 10:15:02'), or a neutral phrase."""
    try:
        text = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
    except OSError:
        text = ""
    return text or "another process"


@contextlib.contextmanager
def held(path: Path, wait_seconds: float, say: Callable[[str], None] = print,
         poll: float = 0.2) -> Iterator[None]:
    """Hold the lock on `path` (created if missing) for the block; wait up to wait_seconds for it."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        deadline = time.monotonic() + wait_seconds
        announced = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = _holder(fd)
                if time.monotonic() >= deadline:
                    raise Busy(holder) from None
                if not announced:
                    say(f"Waiting for {holder} to finish publishing (lock {path}) …")
                    announced = True
                time.sleep(poll)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()} since {datetime.now():%Y-%m-%d %H:%M:%S}\n".encode(), 0)
        yield
    finally:
        os.close(fd)   # releases the lock
