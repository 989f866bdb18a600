"""The pinned packages install on the Python a fresh Debian 12 machine has (README, "Set-up"): Debian's own
python3 is 3.11.2, and pymdown-extensions 13 asks for 3.11.5 or newer, which made the set-up fail there."""
from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

import pytest
from packaging.specifiers import SpecifierSet
from packaging.version import Version

from conftest import ROOT

DEBIAN_PYTHON = Version("3.11.2")   # python3 of Debian 12 (bookworm)
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;#]+)")


def pins(text: str) -> list[tuple[str, str]]:
    """(package, version) of every `name==version` line of a requirements file."""
    return [(m.group(1), m.group(2)) for line in text.splitlines() if (m := PIN.match(line.strip()))]


def refused(pinned: list[tuple[str, str]], python: Version) -> list[str]:
    """The pins whose installed distribution says it does not run on `python`, named with what it asks for.
    The metadata is the installed one's, so a pin that differs from what is installed is named too."""
    found = []
    for name, version in pinned:
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            found.append(f"{name}=={version}: not installed")
            continue
        if dist.version != version:
            found.append(f"{name}=={version}: {dist.version} is installed; run make install-dev")
            continue
        wanted = dist.metadata.get("Requires-Python")
        if wanted and python not in SpecifierSet(wanted):
            found.append(f"{name}=={version} needs Python {wanted}")
    return found


@pytest.mark.parametrize("file", ["requirements.txt", "requirements-dev.txt"])
def test_every_pin_runs_on_debian_12s_own_python(file: str) -> None:
    assert refused(pins((ROOT / file).read_text(encoding="utf-8")), DEBIAN_PYTHON) == []


def test_a_pin_that_needs_a_newer_python_is_named() -> None:
    """The check itself: a package asking for more than Debian's Python is named with what it asks for."""
    pinned = pins("# comment\nmkdocs==1.6.1\n  pytest==9.2.0  # tests\nnot-installed-anywhere[extra]==1.0\n")
    assert [name for name, _ in pinned] == ["mkdocs", "pytest", "not-installed-anywhere"]
    assert refused([("mkdocs", "0.1")], Version("3.11.2")) == [
        f"mkdocs==0.1: {metadata.version('mkdocs')} is installed; run make install-dev"]
    assert refused(pinned, Version("3.0")) == [
        f"mkdocs==1.6.1 needs Python {metadata.distribution('mkdocs').metadata['Requires-Python']}",
        f"pytest==9.2.0 needs Python {metadata.distribution('pytest').metadata['Requires-Python']}",
        "not-installed-anywhere==1.0: not installed"]
