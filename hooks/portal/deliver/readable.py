"""Every file and folder a build reads must be readable, or `make build` stops and names it.

MkDocs lists docs/ with os.walk, which passes over a folder it may not open without a word, so a
section whose folder lost its permissions would vanish from the published site. This check runs
before the build and names each folder it cannot list and each file it cannot open.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path


def problems(roots: list[Path], shown_from: Path) -> list[str]:
    """One line per folder that cannot be listed and file that cannot be opened under `roots`
    (files or folders); paths shown relative to `shown_from` when inside it."""
    found: list[str] = []

    def shown(path: str | Path, folder: bool) -> str:
        path = Path(path)
        text = path.relative_to(shown_from).as_posix() if path.is_relative_to(shown_from) else str(path)
        return text + ("/" if folder else "")

    def report(error: OSError, folder: bool) -> None:
        where = shown(error.filename, folder)
        if os.path.islink(error.filename):   # a loop or a dangling link: permissions are not the cause
            found.append(f"{where}: cannot be followed ({error.strerror}) — remove the link or point it at a "
                         f"readable file, and build again")
            return
        access = "chmod a+rx" if folder else "chmod a+r"
        found.append(f"{where}: cannot be read ({error.strerror}) — give the build "
                     f"read access ({access}) or remove it, and build again")

    for root in roots:
        if root.is_dir():
            for folder, _, names in os.walk(root, onerror=lambda error: report(error, True)):
                for name in names:
                    _try_open(Path(folder, name), report)
        else:
            _try_open(root, report)
    return found


def _try_open(path: Path, report: Callable[[OSError, bool], None]) -> None:
    try:
        with open(path, "rb"):
            pass
    except OSError as error:
        error.filename = error.filename or str(path)
        report(error, False)
