"""The production build, run as a child process whose output is passed on line by line.

Editors' messages (one line per problem) pass through unchanged. A Python traceback — MkDocs and
our hooks raise one for a broken environment: a full disk, a read-only or unreadable folder — is
held back and only its last line, the error itself, is reported, so `make build` says what went
wrong in one line. The child dies with its parent (PR_SET_PDEATHSIG), so a killed `make build`
leaves no build writing on in the background.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import re
import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

_PR_SET_PDEATHSIG = 1
_TRACEBACK = "Traceback (most recent call last):"
_CHAINED = ("During handling of the above exception", "The above exception was the direct cause")
_EXCEPTION = re.compile(r"^(?P<kind>[A-Za-z_][\w.]*)(?::\s*(?P<message>.*))?$")
_ERRNO = re.compile(r"^\[Errno \d+\]\s*")
# MkDocs logs an error of the environment (a full disk while writing a page) before raising it: the
# traceback that follows reports the same error, so this line would say it twice.
_MKDOCS_OS_ERROR = re.compile(r"^ERROR\s+-\s+Error building page '[^']*': \[Errno \d+\]")


@dataclass
class Outcome:
    returncode: int
    crash: str | None = None     # the error a traceback ended with, as one line


def error_line(line: str) -> str:
    """'OSError: [Errno 28] No space left on device: '/x'' -> "No space left on device: '/x'"."""
    match = _EXCEPTION.match(line.strip())
    if not match:
        return line.strip()
    kind, message = match.group("kind"), match.group("message") or ""
    if kind.endswith("KeyboardInterrupt"):
        return "interrupted"
    if _ERRNO.match(message):
        return _ERRNO.sub("", message)
    return f"{kind.rsplit('.', 1)[-1]}: {message}" if message else kind


class TracebackFolder:
    """Feed it output lines; it returns those to show and keeps the last error of any traceback."""

    def __init__(self) -> None:
        self.in_traceback = False
        self.just_ended = False      # blank lines and "During handling …" may follow an error line
        self.error: str | None = None

    def feed(self, line: str) -> str | None:
        text = line.rstrip("\n")
        if text.startswith(_TRACEBACK) or (self.just_ended and text.startswith(_CHAINED)):
            self.in_traceback, self.just_ended = True, False
            return None
        if self.in_traceback:
            if not text.strip() or text.startswith((" ", "\t")):
                return None
            self.in_traceback, self.just_ended = False, True
            self.error = error_line(text)
            return None
        if self.just_ended and not text.strip():
            return None
        self.just_ended = False
        return None if _MKDOCS_OS_ERROR.match(text) else text


def _die_with_parent(parent: int) -> Callable[[], None]:
    def setup() -> None:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:   # the parent died before prctl took effect
            os._exit(1)
    return setup


def run(command: list[str], cwd: Path, env: dict[str, str], show: Callable[[str], None]) -> Outcome:
    """Run `command`; show its lines (tracebacks folded); its exit status and the error it crashed with."""
    folder = TracebackFolder()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, encoding="utf-8", errors="replace",
                               preexec_fn=_die_with_parent(os.getpid()))
    try:
        assert process.stdout is not None
        for line in process.stdout:
            shown = folder.feed(line)
            if shown is not None:
                show(shown)
        returncode = process.wait()
    finally:
        if process.poll() is None:   # we are being interrupted: stop the build we started
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    return Outcome(returncode, folder.error)


def mkdocs_build(site_dir: Path, root: Path, show: Callable[[str], None]) -> Outcome:
    """The strict production build of the project at `root` into site_dir."""
    env = dict(os.environ, PORTAL_MODE="production", PORTAL_SITE_DIR=str(site_dir),
               NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true",   # end-of-life banners, not problems
               PYTHONPATH=os.pathsep.join(filter(None, [str(root / "hooks"), os.environ.get("PYTHONPATH")])))
    return run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"], root, env, show)
