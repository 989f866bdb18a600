"""The preview's second process (hooks/portal/build/serve_worker.py): calls run there in order, keep their
module's state from one call to the next, and bring back their value, log messages and failures; a
process that dies is reported and replaced, never waited for forever."""
from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import time
import types
from pathlib import Path

import pytest

from portal.build import background, serve_worker

_seen: list[str] = []   # in the worker: what the calls so far were given


def remember(value: str) -> tuple[int, list[str]]:
    _seen.append(value)
    return os.getpid(), list(_seen)


def log_and_return(message: str) -> str:
    logging.getLogger("mkdocs.hooks.test_serve_worker").warning(message)
    return message.upper()


def fail(message: str) -> None:
    raise ValueError(message)


def die(code: int) -> None:
    os._exit(code)


def echo(value: str) -> str:
    return value


@pytest.fixture(autouse=True)
def fresh_worker():
    serve_worker.stop()
    yield
    serve_worker.stop()


def test_calls_run_in_one_other_process_that_keeps_their_state() -> None:
    first = serve_worker.call(remember, "a").get()
    second = serve_worker.call(remember, "b").get()
    assert first[0] == second[0] != os.getpid()
    assert first[1] == ["a"] and second[1] == ["a", "b"]
    assert _seen == []     # nothing ran here


def test_answers_reach_their_own_call_whichever_is_asked_first() -> None:
    replies = [serve_worker.call(remember, name) for name in ("x", "y", "z")]
    assert replies[2].get()[1] == ["x", "y", "z"]
    assert replies[0].get()[1] == ["x"]
    assert replies[1].get()[1] == ["x", "y"]


def test_large_answers_and_large_calls_in_flight_together_do_not_block_each_other() -> None:
    # The build sends the English index's call before it reads the Swedish one's answer; both are
    # larger than a pipe holds (64 KiB).
    big = "x" * 2_000_000
    done: list[bool] = []

    def build() -> None:
        first = serve_worker.call(echo, big)
        second = serve_worker.call(echo, big + "y")
        done.append(first.get() == big and second.get() == big + "y")

    thread = threading.Thread(target=build, daemon=True)
    thread.start()
    thread.join(timeout=60)
    assert done == [True], "the calls did not come back within a minute: the pipes block each other"


def test_log_messages_are_logged_here_once(caplog) -> None:
    reply = serve_worker.call(log_and_return, "indexed 3 pages")
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        assert reply.get() == "INDEXED 3 PAGES"
        reply.get()
    assert [r.getMessage() for r in caplog.records if r.name.endswith("test_serve_worker")] == ["indexed 3 pages"]


def test_a_failure_is_raised_here_with_the_worker_traceback_and_the_worker_goes_on() -> None:
    generation = serve_worker.generation()
    with pytest.raises(ValueError, match="bad glossary entry") as raised:
        serve_worker.call(fail, "bad glossary entry").get()
    assert any("Traceback" in note for note in getattr(raised.value, "__notes__", []))
    assert serve_worker.call(remember, "after").get()[1] == ["after"]
    assert serve_worker.generation() == generation


def test_a_worker_that_dies_is_reported_and_the_next_call_starts_another() -> None:
    pid = serve_worker.call(remember, "before").get()[0]
    generation = serve_worker.generation()
    dying = serve_worker.call(die, 3)
    with pytest.raises(background.JobCrashed, match="worker process ended.*PORTAL_PARALLEL=0"):
        dying.get()
    assert serve_worker.generation() != generation     # what the last one held is gone
    again = serve_worker.call(remember, "after")
    assert again.get()[0] != pid and again.get()[1] == ["after"]


def test_a_call_sent_before_the_worker_died_fails_and_one_sent_after_goes_to_the_next() -> None:
    dying = serve_worker.call(die, 3)
    dying_pid = serve_worker._process.pid
    serve_worker._process.wait(timeout=30)        # dead before the next call: it starts another
    after = serve_worker.call(remember, "after")
    with pytest.raises(background.JobCrashed):
        dying.get()
    pid, seen = after.get()
    assert pid != dying_pid and seen == ["after"]


def test_calls_unanswered_when_the_worker_is_stopped_fail() -> None:
    pending = serve_worker.call(remember, "never read")
    serve_worker.stop()
    with pytest.raises(background.JobCrashed, match="ended before it answered"):
        pending.get()


def test_the_build_waits_for_a_call_and_raises_its_failure_at_finish() -> None:
    background.wait_at_finish(serve_worker.call(fail, "index broke"))
    with pytest.raises(ValueError, match="index broke"):
        background.finish()
    background.finish()   # nothing left over for the next build


def test_an_argument_that_cannot_be_sent_fails_here_and_spoils_nothing() -> None:
    with pytest.raises(Exception, match="(?i)pickle"):
        serve_worker.call(remember, lambda: None)
    assert serve_worker.call(remember, "fine").get()[1] == ["fine"]


def test_switched_off_with_portal_parallel_0(monkeypatch) -> None:
    monkeypatch.setenv("PORTAL_PARALLEL", "0")
    assert not serve_worker.wanted()
    monkeypatch.setenv("PORTAL_PARALLEL", "1")
    assert serve_worker.wanted()


def test_a_worker_that_cannot_be_started_fails_the_save_with_a_line_to_act_on(monkeypatch) -> None:
    def no_process(*args, **kwargs):
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(serve_worker.subprocess, "Popen", no_process)
    descriptors = len(os.listdir("/proc/self/fd"))
    with pytest.raises(background.JobCrashed, match="could not be started .*PORTAL_PARALLEL=0"):
        serve_worker.call(remember, "x").get()
    assert len(os.listdir("/proc/self/fd")) == descriptors     # no pipe left open
    monkeypatch.undo()
    assert serve_worker.call(remember, "y").get()[1] == ["y"]


def info(message: str) -> None:
    logging.getLogger("mkdocs.hooks.test_serve_worker").info(message)


def test_info_messages_come_back_when_the_server_shows_them(caplog) -> None:
    # A fresh interpreter's loggers drop INFO; `make serve` shows "Search: 1000 sv pages …".
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        serve_worker.call(info, "Search: 3 sv pages").get()
    assert "Search: 3 sv pages" in caplog.text


SERVER_WITHOUT_HOOKS_ON_ITS_PATH = """
import os, sys
hooks = sys.argv[1]
sys.path.insert(0, hooks)      # as MkDocs does while it loads a hook file, and no longer after
from portal.build import serve_worker
from portal.search import layout
sys.path.remove(hooks)
print(serve_worker.call(layout.bucket_count, 1000).get(), flush=True)
"""


def test_a_server_without_hooks_on_its_path_gets_a_worker_that_finds_them(tmp_path) -> None:
    """`mkdocs serve` run without make's PYTHONPATH, from a folder that holds another `portal`."""
    (tmp_path / "portal").mkdir()
    (tmp_path / "portal" / "__init__.py").write_text("raise ImportError('the wrong portal package')\n")
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    done = subprocess.run([sys.executable, "-c", SERVER_WITHOUT_HOOKS_ON_ITS_PATH, str(serve_worker.HOOKS)],
                          cwd=tmp_path, env=environment, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["64"]


SERVER_THAT_ENDS_WHILE_ITS_WORKER_WORKS = """
import os, sys, time
sys.path.insert(0, sys.argv[1])
from portal.build import serve_worker
serve_worker.call(time.sleep, 60)
print(serve_worker._process.pid, flush=True)
time.sleep(0.5)
os._exit(0)       # killed, or Ctrl-C: no clean-up runs
"""


def test_the_worker_ends_at_once_when_the_server_ends_in_the_middle_of_a_call() -> None:
    done = subprocess.run([sys.executable, "-c", SERVER_THAT_ENDS_WHILE_ITS_WORKER_WORKS, str(serve_worker.HOOKS)],
                          capture_output=True, text=True, timeout=60)
    pid = int(done.stdout.split()[0])
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _running(pid):
        time.sleep(0.1)
    assert not _running(pid), "the worker outlived the server (it would keep writing into a removed site folder)"


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_make_serve_stops_the_worker_when_mkdocs_shuts_down() -> None:
    import preview_hooks

    serve_worker.call(remember, "x").get()
    process = serve_worker._process
    preview_hooks.on_shutdown()
    assert process.poll() is not None and serve_worker._process is None


def test_a_call_the_worker_cannot_read_is_answered_with_the_error_and_the_worker_goes_on(monkeypatch) -> None:
    only_here = types.ModuleType("module_only_this_process_has")
    exec("def compute():\n    return 1\n", only_here.__dict__)
    monkeypatch.setitem(sys.modules, only_here.__name__, only_here)
    outcome: list[BaseException] = []

    def ask() -> None:
        try:
            serve_worker.call(only_here.compute).get()
        except BaseException as error:  # noqa: BLE001 - looked at below
            outcome.append(error)

    thread = threading.Thread(target=ask, daemon=True)
    thread.start()
    thread.join(timeout=60)
    assert outcome, "no answer within a minute: the worker stopped reading calls"
    assert isinstance(outcome[0], ModuleNotFoundError) and "module_only_this_process_has" in str(outcome[0])
    assert serve_worker.call(remember, "after").get()[1] == ["after"]
