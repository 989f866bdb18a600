"""A second process for `make serve`, which keeps what it learns from one save to the next.

`mkdocs serve` rebuilds in a thread, and forking a process with threads is not safe (a lock another
thread held stays held in the child), so portal.build.background runs the build's jobs on MkDocs' one
core there. This process is a new interpreter (not a fork, and not multiprocessing's "spawn", which
runs the starting program's main script again), started at the first call; it runs calls in the order
they came. A function called here keeps its module's state in this process, so the next save finds what
the last one worked out: the search index keeps every unchanged page's terms here, while MkDocs renders
the pages and builds the other language on the other core.

The process ends with `make serve`: at once when its pipe from this process closes, as it does when this
process ends in any way, even in the middle of a call (preview_hooks also stops it when MkDocs shuts
down, before MkDocs removes its site folder). When it has died, the next call starts another:
`generation()` tells callers that what they handed the last one is gone.
"""
from __future__ import annotations

import logging
import os
import queue
import signal
import subprocess
import sys
import threading
from functools import partial
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Callable

from . import background

HOOKS = Path(__file__).resolve().parents[2]
_process: subprocess.Popen | None = None
_connection: "_Pipes | None" = None
_generation = 0
_unanswered: list["Reply"] = []   # answers come in the order of the calls


def wanted() -> bool:
    """Whether the build may use a second process: PORTAL_PARALLEL=0 keeps all work in this one."""
    return os.environ.get("PORTAL_PARALLEL", "1") != "0"


def generation() -> int:
    """A number that changes whenever a new process starts (it holds nothing of the last one's)."""
    return _generation if _alive() else _generation + 1


class Reply:
    """The outcome of one call; `get` waits for it, logs what the call logged there and raises what it
    raised, as background.Pending does for a forked process."""

    def __init__(self) -> None:
        self._outcome: background.Outcome | None = None

    def get(self) -> Any:
        while self._outcome is None:
            _read_next()
        records, value, error = self._outcome
        self._outcome = ([], value, error)   # log once
        return background.delivered(records, value, error)

    def _answer(self, outcome: background.Outcome) -> None:
        self._outcome = outcome


def call(function: Callable[..., Any], *args: Any) -> Reply:
    """Run `function(*args)` in the worker process (a module-level function: it is sent by its name)."""
    reply = Reply()
    try:
        connection = _started()
    except OSError as error:      # no process can be started here (no memory, no more processes allowed)
        reply._answer(([], None, background.JobCrashed(
            f"the preview's worker process could not be started ({error}): restart make serve with PORTAL_PARALLEL=0")))
        return reply
    try:
        # The worker logs what this process would: a fresh interpreter's loggers drop INFO.
        connection.send((function, args, logging.getLogger("mkdocs").getEffectiveLevel()))
    except (OSError, ValueError) as error:   # the process died since it was started (ValueError: too large)
        stop()
        reply._answer(([], None, background.JobCrashed(f"the preview's worker process could not be reached ({error}); "
                                                         "save again, or restart make serve")))
        return reply
    _unanswered.append(reply)
    return reply


def _alive() -> bool:
    return _process is not None and _process.poll() is None


def _started() -> "_Pipes":
    global _process, _connection, _generation
    if _alive() and _connection is not None:
        return _connection
    stop()
    to_worker, from_here = os.pipe()
    to_here, from_worker = os.pipe()
    # The worker imports what this process can, hooks/ (where portal/ is) first: MkDocs puts hooks/ on
    # sys.path only while it loads a hook file. -P: not the current folder before them.
    folders = [str(HOOKS)] + [path for path in sys.path if path and path != str(HOOKS)]
    environment = dict(os.environ, PYTHONPATH=os.pathsep.join(folders))
    try:
        _process = subprocess.Popen([sys.executable, "-P", "-m", __name__, str(to_worker), str(from_worker)],
                                    pass_fds=(to_worker, from_worker), env=environment, stdin=subprocess.DEVNULL)
    except OSError:
        os.close(to_here)
        os.close(from_here)
        raise
    finally:
        os.close(to_worker)
        os.close(from_worker)
    _connection = _Pipes(to_here, from_here)
    _generation += 1
    return _connection


def stop() -> None:
    """End the process (at MkDocs' shutdown, when it died or cannot be trusted, in tests); the calls it did
    not answer fail."""
    global _process, _connection
    if _connection is not None:
        _connection.close()
    if _process is not None:
        _process.kill()
        _process.wait()
    _process = _connection = None
    crashed = background.JobCrashed("the preview's worker process ended before it answered: save again, or "
                                    "restart make serve with PORTAL_PARALLEL=0 to see the problem in the build itself")
    while _unanswered:
        _unanswered.pop(0)._answer(([], None, crashed))


def _read_next() -> None:
    """The answer to the oldest unanswered call."""
    assert _connection is not None and _unanswered
    try:
        outcome = _connection.recv()
    except Exception:   # noqa: BLE001 - ended, or an answer that cannot be read: what follows cannot be trusted
        stop()     # answers every call left with the crash
        return
    except BaseException:   # Ctrl-C in the middle of an answer: the next read would start mid-message
        stop()
        raise
    _unanswered.pop(0)._answer(outcome)


class _Pipes:
    """One end of the two pipes between the processes, as one connection."""

    def __init__(self, reading: int, writing: int) -> None:
        self._in, self._out = Connection(reading, writable=False), Connection(writing, readable=False)

    def send(self, value: Any) -> None:
        self._out.send(value)

    def recv(self) -> Any:
        return self._in.recv()

    def close(self) -> None:
        self._in.close()
        self._out.close()


def _serve(connection: _Pipes) -> None:
    """The worker's loop: a call, its outcome, until the pipe closes.

    Calls are read as they come, by a thread of their own: the build sends its next call (the other
    language's index) before it reads the answer to the last, and an answer larger than the pipe holds
    would otherwise wait for a read that waits for it."""
    calls: queue.SimpleQueue = queue.SimpleQueue()

    def read() -> None:
        while True:
            try:
                calls.put(connection.recv())
            except (EOFError, OSError):
                # `make serve` ended or stopped this process: nothing done from now on can be delivered,
                # and a call under way would write into a site folder MkDocs is removing.
                os._exit(0)
            except Exception as error:  # noqa: BLE001 - a call that cannot be read here (its function's
                calls.put(error)        # module cannot be imported): its answer is the error

    threading.Thread(target=read, daemon=True).start()
    while True:
        call = calls.get()
        if isinstance(call, Exception):
            compute: Callable[[], Any] = partial(_raise, call)
        else:
            function, args, level = call
            logging.getLogger().setLevel(level)
            logging.getLogger("mkdocs").setLevel(level)
            compute = partial(function, *args)
        try:
            connection.send(background.outcome(compute))
        except OSError:   # as in read(): `make serve` has ended
            os._exit(0)


def _raise(error: Exception) -> None:
    raise error


if __name__ == "__main__":
    # Ctrl-C in `make serve` reaches this process too: `make serve` ends it by closing the pipe.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _serve(_Pipes(int(sys.argv[1]), int(sys.argv[2])))
