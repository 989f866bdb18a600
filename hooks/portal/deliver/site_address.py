"""The address a published build is made for (`site_url`, set with PORTAL_SITE_URL).

Canonical links, the embed code partners copy, oEmbed, the content API and the feeds carry it as
written at build time. mkdocs.yml falls back to http://127.0.0.1:8000/ so that previews and tests
work anywhere; a build published with that address would send partners and crawlers to the
reader's own computer. So `make build` refuses any address that is not the portal's public
HTTPS address: unset, not https, a loopback, private or otherwise non-public IP address, localhost
and the names reserved for tests and examples (RFC 2606, RFC 6761, .local, .internal).
"""
from __future__ import annotations

import ipaddress
import re
import socket
from urllib.parse import urlsplit

SETTING = "PORTAL_SITE_URL"
_RESERVED_SUFFIXES = (".localhost", ".test", ".example", ".invalid", ".local", ".internal", ".home.arpa")
_RESERVED_NAMES = ("localhost", "example.com", "example.net", "example.org")
# Browsers read 127.1, 0x7f.0.0.1 and 2130706433 as IPv4 addresses too.
_IPV4_SHORTHAND = re.compile(r"^(?:0x[0-9a-f]+|[0-9]+)(?:\.(?:0x[0-9a-f]+|[0-9]+)){0,3}$")
_FIX = f"set {SETTING} to the portal's public address, e.g. {SETTING}=https://kunskapsportal.example.se/ make build"


def problem(url: str | None, set_in_environment: bool = True) -> str | None:
    """One line saying what is wrong with `url` as the published site's address, or None.
    `set_in_environment`: whether PORTAL_SITE_URL gave it, or mkdocs.yml's default did."""
    if not url or not url.strip():
        return f"{SETTING}: not set — {_FIX}"
    shown = f"{SETTING}: '{url}'" if set_in_environment else \
        f"{SETTING}: not set, so the build would use mkdocs.yml's '{url}'; that address"
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").rstrip(".").lower()
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return f"{shown} is not a valid address — {_FIX}"
    if parts.scheme != "https":
        return f"{shown} does not start with https:// — readers and partners reach the portal over HTTPS; {_FIX}"
    if not host or parts.username or parts.password or parts.query or parts.fragment:
        return f"{shown} must be scheme, host and path only — {_FIX}"
    address = _ip_address(host)
    if address is not None:
        if not address.is_global:
            return f"{shown} is a local or private IP address, not the public portal — {_FIX}"
        return None
    if host in _RESERVED_NAMES or host.endswith(_RESERVED_SUFFIXES) or "." not in host or host[-1].isdigit():
        return f"{shown} names a local or example host, not the public portal — {_FIX}"
    return None


def _ip_address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The IP address a browser would read `host` as, if it is one."""
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if _IPV4_SHORTHAND.match(host):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None
