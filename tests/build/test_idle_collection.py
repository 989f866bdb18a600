"""make serve collects Python's cyclic garbage in the pause after a build, never during one, and what
became garbage after a pause is found at the next one."""
from __future__ import annotations

import gc
import time
from contextlib import nullcontext
import weakref

import pytest

from portal.build import idle_collection
from portal.build.idle_collection import IdleCollector


@pytest.fixture(autouse=True)
def _unfrozen():
    yield
    gc.unfreeze()   # the rest of the test run collects as usual


def _wait_for(collector: IdleCollector, count: int, within: float = 5.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if collector.collections >= count:
            return True
        time.sleep(0.01)
    return False


class _Node:
    def __init__(self) -> None:
        self.me = self   # a cycle: only the cycle collector frees it


def test_the_pause_after_a_build_collects_and_freezes_what_is_alive():
    collector = IdleCollector(pause=0.05)
    collector.build_ended()
    assert _wait_for(collector, 1)
    assert gc.get_freeze_count() > 0


def test_a_build_that_starts_in_the_pause_is_not_interrupted():
    collector = IdleCollector(pause=0.2)
    collector.build_ended()
    collector.build_started()
    time.sleep(0.5)
    assert collector.collections == 0 and gc.get_freeze_count() == 0
    collector.build_ended()   # the pause after that build collects
    assert _wait_for(collector, 1)


def test_several_saves_in_a_row_collect_once_in_the_pause_after_the_last():
    collector = IdleCollector(pause=0.2)
    for _ in range(5):
        collector.build_started()
        collector.build_ended()
    assert _wait_for(collector, 1)
    time.sleep(0.4)
    assert collector.collections == 1


def test_garbage_among_frozen_objects_is_freed_at_the_next_pause():
    """The last save's navigation was alive when it was frozen: it must not stay for ever."""
    collector = IdleCollector(pause=0.05)
    node = _Node()
    gone = weakref.ref(node)
    collector.build_ended()
    assert _wait_for(collector, 1)
    del node
    assert gone() is not None   # frozen: the usual collections pass it by
    collector.build_ended()
    assert _wait_for(collector, 2)
    assert gone() is None


def test_a_failed_build_is_over_too():
    collector = IdleCollector(pause=0.05)

    def failing() -> None:
        raise RuntimeError("a page has an error")

    build = idle_collection.collecting_between(failing, collector)
    with pytest.raises(RuntimeError, match="a page has an error"):
        build()
    assert _wait_for(collector, 1)


def test_the_build_runs_between_start_and_end():
    collector = IdleCollector(pause=0.05)
    seen = []
    idle_collection.collecting_between(lambda: seen.append(collector._timer), collector)()
    assert seen == [None]   # no collection waiting while the build ran
    assert _wait_for(collector, 1)


def test_a_build_collects_its_young_objects_less_often_and_python_as_before_after_it():
    before = gc.get_threshold()
    collector = IdleCollector(pause=3600)
    seen = []
    for outcome in (None, RuntimeError("a page has an error")):
        def build() -> None:
            seen.append(gc.get_threshold())
            if outcome:
                raise outcome
        with pytest.raises(RuntimeError) if outcome else nullcontext():
            idle_collection.collecting_between(build, collector)()
        assert gc.get_threshold() == before
    assert seen == [(idle_collection.YOUNG_OBJECTS, *before[1:])] * 2
    collector.build_started()   # a second start before an end (a build MkDocs started again) keeps Python's
    collector.build_started()
    collector.build_ended()
    assert gc.get_threshold() == before
