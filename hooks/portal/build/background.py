"""Build work done by a second process, so that it runs on another core while MkDocs works on this one.

MkDocs builds on one core. Some of our work does not need to wait for it:
- reading and validating the content (`prefetch`) can start before MkDocs has listed the files and the
  theme's templates, and is picked up when the build needs it (`Pending.get`);
- the search index and the embed views, API files and feeds of a language need only what exists once
  its pages are converted (MkDocs' `on_env`), so they are written while MkDocs renders the same pages
  into the theme (`submit` queues such jobs, `launch` starts them, `finish` waits for all of them).

At 100 pages per language this work was over a quarter of the build. A forked process inherits what
this one has loaded; its log messages are logged again here, in order (so `mkdocs build --strict` still
counts warnings), and its failure is raised here as it was raised there.

Forking is only safe in a process with one thread: `mkdocs serve` rebuilds in a thread, so there, where
fork does not exist, and when PORTAL_PARALLEL=0, the work runs in this process instead: a value when it
is asked for, the jobs once the language's pages are written (`run_deferred`).
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import threading
import traceback
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, Callable, Generic, TypeVar

from . import incremental

T = TypeVar("T")
Job = Callable[[], None]
Record = tuple[str, int, str]            # logger name, level, message
Outcome = tuple[list[Record], Any, BaseException | None]   # what a job logged, returned and raised

_queued: list[Job] = []
_running: list["Pending[None]"] = []
_deferred: list[Job] = []   # launched where forking is not safe: run by run_deferred


class JobCrashed(RuntimeError):
    """A build process ended without reporting (killed, out of memory)."""


def may_fork() -> bool:
    """Not in an incremental build either (make serve): what the work learns is kept in this process
    for the next build, which a forked process would take with it."""
    return (os.environ.get("PORTAL_PARALLEL", "1") != "0" and threading.active_count() == 1
            and "fork" in multiprocessing.get_all_start_methods() and not incremental.SESSION.active)


class Pending(Generic[T]):
    """A value computed in a forked process, or here and now when forking is not safe; `get` returns it."""

    def __init__(self, compute: Callable[[], T]) -> None:
        self._process: BaseProcess | None = None
        self._receiver: Connection | None = None
        self._outcome: Outcome | None = None
        if may_fork():
            context = multiprocessing.get_context("fork")
            self._receiver, sender = context.Pipe(duplex=False)
            self._process = context.Process(target=_run, args=(compute, sender), daemon=True)
            self._process.start()
            sender.close()
        else:
            # Now, not at get(): the build's configuration changes from one language to the next.
            try:
                self._outcome = ([], compute(), None)
            except Exception as error:  # noqa: BLE001 - raised by get(), as a forked process's would be
                self._outcome = ([], None, error)

    def get(self) -> T:
        """The value; log what the process logged; raise what it raised."""
        if self._outcome is None:
            self._outcome = self._wait()
        records, value, error = self._outcome
        self._outcome = ([], value, error)   # log once
        return delivered(records, value, error)

    def _wait(self) -> Outcome:
        assert self._process is not None and self._receiver is not None
        try:
            outcome = self._receiver.recv()   # before join: a large message would block the child
        except EOFError:
            outcome = None
        self._process.join()
        if outcome is None:
            return [], None, JobCrashed(
                f"a build process ended with exit code {self._process.exitcode} and no report: "
                "build again with PORTAL_PARALLEL=0 to see the problem in the build itself")
        return outcome


def prefetch(compute: Callable[[], T]) -> Pending[T]:
    """Start computing a value the build will ask for later."""
    return Pending(compute)


def delivered(records: list[Record], value: T, error: BaseException | None) -> T:
    """A job's value, here: log what it logged elsewhere, raise what it raised."""
    for name, level, message in records:
        logging.getLogger(name).log(level, message)
    if error is not None:
        raise error
    return value


def wait_at_finish(pending: Any) -> None:
    """Have `finish` wait for a value computed elsewhere (anything with `get`, as Pending)."""
    _running.append(pending)


def submit(job: Job) -> None:
    """Queue a job that writes files; it starts at the next `launch`."""
    _queued.append(job)


def forget_unstarted() -> None:
    """Drop jobs queued or deferred but never run: a build that stopped half-way (`make serve` goes on
    after a failed build) leaves them, and they belong to it, not to the next build."""
    _queued.clear()
    _deferred.clear()


def settle_abandoned() -> bool:
    """Wait for what a build that stopped before `finish` left running (`make serve` goes on after a
    failed build); whether there was any. Their failures belong to that build, which has failed already:
    they are dropped."""
    running = list(_running)
    _running.clear()
    for pending in running:
        try:
            pending.get()
        except Exception:  # noqa: BLE001 - see above; the next build runs the same work again
            continue
    return bool(running)


def launch() -> None:
    """Start the queued jobs, in order, in one process; where forking is not safe, they wait for
    `run_deferred`."""
    jobs = list(_queued)
    _queued.clear()
    if jobs and may_fork():
        _running.append(Pending(lambda: _run_all(jobs)))
    else:
        _deferred.extend(jobs)


def run_deferred() -> None:
    """Run the jobs that could not go to another process, here and now: once the pages of the language
    are written (what an editor waits for in `make serve`), before the next language's build changes the
    configuration the jobs read."""
    jobs = list(_deferred)
    _deferred.clear()
    _run_all(jobs)


def finish() -> None:
    """Wait for every job; log what they logged; raise the first failure."""
    launch()
    failure: BaseException | None = None
    try:
        run_deferred()
    except BaseException as error:  # noqa: BLE001 - wait for the others, then raise the first
        failure = error
    running = list(_running)
    _running.clear()
    for pending in running:
        try:
            pending.get()
        except BaseException as error:  # noqa: BLE001 - wait for the others, then raise the first
            failure = failure or error
    if failure is not None:
        raise failure


def _run_all(jobs: list[Job]) -> None:
    for job in jobs:
        job()


class _Recorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[Record] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def outcome(compute: Callable[[], Any]) -> Outcome:
    """In another process: compute, collecting log records instead of printing them, and catching what
    it raises, to be sent back."""
    recorder = _Recorder()
    logging.getLogger().handlers = [recorder]
    mkdocs = logging.getLogger("mkdocs")    # MkDocs prints and counts on this logger: here, pass up to the recorder
    mkdocs.handlers, mkdocs.propagate = [], True
    value, error = None, None
    try:
        value = compute()
    except BaseException as caught:   # noqa: BLE001 - every failure goes back to the parent
        caught.add_note("".join(traceback.format_exception(caught)).rstrip())  # the child's traceback
        error = _picklable(caught)
    return recorder.records, value, error


def _run(compute: Callable[[], Any], sender: Connection) -> None:
    """In the forked process."""
    sender.send(outcome(compute))
    sender.close()


def _picklable(error: BaseException) -> BaseException:
    try:
        pickle.loads(pickle.dumps(error))
        return error
    except Exception:  # noqa: BLE001 - some exceptions cannot cross processes; their text can
        return RuntimeError("".join(traceback.format_exception(error)))
