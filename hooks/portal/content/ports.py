"""A free TCP port on the loopback address for a server this project starts (nginx in tests, the
editor's decap-server).

A port chosen by binding port 0 comes from the kernel's ephemeral range, the same range that outgoing
connections take their local ports from. Between choosing such a port and the server binding it, any
connection in another process (a test in a parallel worker fetching a page) can take it, and the server
stops with EADDRINUSE. So the ports here lie below the ephemeral range, each process hands out a port
at most once per cycle, and parallel processes can be given separate ranges (PORTAL_PORTS_FROM, set per
test worker in tests/conftest.py).
"""
from __future__ import annotations

import itertools
import os
import socket
from pathlib import Path

HOST = "127.0.0.1"
EPHEMERAL_RANGE = Path("/proc/sys/net/ipv4/ip_local_port_range")
# Below Linux' default ephemeral range (32768–60999) and above the ports services usually claim.
DEFAULT_FIRST = 20000
SPAN = 1000


def _ephemeral_low() -> int:
    try:
        return int(EPHEMERAL_RANGE.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768


def _first_port() -> int:
    try:
        first = int(os.environ.get("PORTAL_PORTS_FROM", DEFAULT_FIRST))
    except ValueError:
        first = DEFAULT_FIRST
    return first if 1024 <= first and first + SPAN <= _ephemeral_low() else DEFAULT_FIRST


# Where in its range a process starts: two test runs on one machine (each with its worker "gw0") then do
# not pick the same ports in step.
_next = itertools.count(os.getpid() % SPAN)


def port_is_free(port: int) -> bool:
    """Nobody listens on the loopback address at `port` (so a server started there is ours)."""
    with socket.socket() as sock:
        try:
            sock.bind((HOST, port))
        except OSError:
            return False
        return True


def free_port() -> int:
    """A port nobody listens on, from this process's range, not one handed out recently by this process;
    a port the kernel chooses when the whole range is taken."""
    first = _first_port()
    if first + SPAN <= _ephemeral_low():
        for _ in range(SPAN):
            port = first + next(_next) % SPAN
            if port_is_free(port):
                return port
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]
