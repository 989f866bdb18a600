"""Ports for the servers the project starts: never from the kernel's ephemeral range (where outgoing
connections take theirs), never one just handed out, and each test worker its own range."""
from __future__ import annotations

import socket

import pytest

from portal.content import ports


def test_ports_lie_below_the_ephemeral_range_in_this_processes_range(monkeypatch) -> None:
    monkeypatch.setenv("PORTAL_PORTS_FROM", "15000")
    given = [ports.free_port() for _ in range(20)]
    assert all(15000 <= port < 15000 + ports.SPAN for port in given), given
    assert max(given) < ports._ephemeral_low()


def test_a_port_is_not_handed_out_twice_in_a_row(monkeypatch) -> None:
    monkeypatch.setenv("PORTAL_PORTS_FROM", "16000")
    given = [ports.free_port() for _ in range(50)]
    assert len(set(given)) == len(given)


def test_a_taken_port_is_skipped(monkeypatch) -> None:
    monkeypatch.setenv("PORTAL_PORTS_FROM", "17000")
    with socket.socket() as taken:
        taken.bind((ports.HOST, 0))
        taken.listen()
        number = taken.getsockname()[1]
        assert not ports.port_is_free(number)
        monkeypatch.setattr(ports, "_first_port", lambda: number)
        monkeypatch.setattr(ports, "SPAN", 1)
        monkeypatch.setattr(ports, "_ephemeral_low", lambda: 65535)
        # The only port of the range is taken: the kernel chooses one instead.
        assert ports.free_port() != number


@pytest.mark.parametrize("setting", ["", "x", "-5", "80", "60000", "9999999", "２００００"])
def test_a_bad_range_setting_falls_back_to_the_default(monkeypatch, setting) -> None:
    monkeypatch.setenv("PORTAL_PORTS_FROM", setting)
    assert ports._first_port() == ports.DEFAULT_FIRST
    port = ports.free_port()
    assert 1 <= port <= 65535 and ports.port_is_free(port)


def test_workers_get_separate_ranges() -> None:
    """tests/conftest.py gives each xdist worker its own range; one process runs in the first."""
    import os
    first = int(os.environ["PORTAL_PORTS_FROM"])
    assert first % 1000 == 0 and 20000 <= first < 32000
