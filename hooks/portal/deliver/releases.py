"""Published builds as versioned folders, and the one symbolic link the web server serves.

    site                  -> site.releases/20261204T101500Z      (what nginx's root names)
    site.releases/
        20261203T090000Z/   a complete earlier build (kept for `make rollback`)
        20261204T101500Z/   the build being served
        .building-…/        a build in progress (never served; removed by the next build)
        .lock               build_lock.py

A build is written into `.building-<id>` and renamed to `<id>` only once complete, so every folder
with a release name is a complete site. The link is switched in one step: a new link is made beside
it and renamed over it (rename(2) is atomic), so at every moment `site` names one complete build,
the old or the new, whatever is killed when. The first switch from a real `site/` folder swaps
the folder and the new link in one step too (renameat2 RENAME_EXCHANGE); the old folder becomes
a release, so `make rollback` can serve it again.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import re
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

RELEASE_NAME = re.compile(r"^\d{8}T\d{6}Z(?:-[a-z0-9]+)*$")
BUILDING = ".building-"
SWITCHING = ".switch-"
LOCK = ".lock"

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


class ReleaseError(Exception):
    """A problem with the published site's layout, said in one line."""


def release_id(moment: datetime | None = None) -> str:
    """A release name that sorts by time: 20261204T101500Z (UTC)."""
    return (moment or datetime.now(timezone.utc)).astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


@dataclass(frozen=True)
class Site:
    """The published site `link` (e.g. ./site) and its releases folder (./site.releases)."""

    link: Path

    @property
    def releases(self) -> Path:
        return self.link.with_name(self.link.name + ".releases")

    @property
    def lock(self) -> Path:
        return self.releases / LOCK

    def names(self) -> list[str]:
        """The complete releases, oldest first."""
        if not self.releases.is_dir():
            return []
        return sorted(entry.name for entry in os.scandir(self.releases)
                      if RELEASE_NAME.match(entry.name) and entry.is_dir(follow_symlinks=False))

    def current(self) -> str | None:
        """The release the link names, if it names one of ours."""
        if not self.link.is_symlink():
            return None
        target = Path(os.readlink(self.link))
        name = target.name
        if (self.link.parent / target).resolve().parent == self.releases.resolve() and RELEASE_NAME.match(name):
            return name
        return None

    def describe(self) -> str:
        """What the link serves now, for messages: 'release 2026…Z', 'the folder site/' or 'nothing yet'."""
        current = self.current()
        if current:
            return f"release {current}"
        if self.link.is_symlink():
            return f"{os.readlink(self.link)}"
        if self.link.is_dir():
            return f"the folder {self.link.name}/"
        return "nothing yet"

    def new_name(self) -> str:
        """A fresh release name, later than every existing one."""
        existing = self.names()
        name = release_id()
        latest = existing[-1] if existing else ""
        # Two builds within a second, or the clock turned back: a longer name with the same start sorts later.
        return name if name > latest else f"{latest}-1"

    def building(self, name: str) -> Path:
        return self.releases / f"{BUILDING}{name}"

    def clear_leftovers(self) -> list[str]:
        """Remove what killed builds and switches left in the releases folder; their names."""
        removed = []
        if not self.releases.is_dir():
            return removed
        for entry in os.scandir(self.releases):
            if entry.name.startswith((BUILDING, SWITCHING)):
                path = Path(entry.path)
                if entry.is_symlink() or not entry.is_dir(follow_symlinks=False):
                    path.unlink()
                else:
                    shutil.rmtree(path)
                removed.append(entry.name)
            elif RELEASE_NAME.match(entry.name) and entry.is_symlink():   # a first switch killed half-way
                Path(entry.path).unlink()
                removed.append(entry.name)
        return removed

    def finish(self, name: str) -> Path:
        """Turn a complete `.building-<name>` into the release `<name>`."""
        final = self.releases / name
        os.rename(self.building(name), final)
        _sync_dir(self.releases)
        return final

    def switch(self, name: str) -> str | None:
        """Point the link at release `name` in one step; the name the old site/ folder got, if adopted."""
        if name not in self.names():
            raise ReleaseError(f"{self.releases.name}/{name} is not a complete release")
        target = os.path.relpath(self.releases / name, self.link.parent)
        _sync_filesystem(self.releases)
        if self.link.is_dir() and not self.link.is_symlink():
            adopted = self._adopted_name(name)
            placeholder = self.releases / adopted
            os.symlink(target, placeholder)
            _exchange(placeholder, self.link)   # site is now the link; the old folder is a release
            _sync_dir(self.link.parent)
            return adopted
        if self.link.exists() and not self.link.is_symlink():
            raise ReleaseError(f"{self.link} is a file, not the published site's folder or link — move it away")
        fresh = self.releases / f"{SWITCHING}{os.getpid()}"
        fresh.unlink(missing_ok=True)
        os.symlink(target, fresh)
        os.replace(fresh, self.link)
        _sync_dir(self.link.parent)
        return None

    def _adopted_name(self, newer: str) -> str:
        """A release name for the old site/ folder: its time, earlier than the release replacing it."""
        moment = datetime.fromtimestamp(self.link.stat().st_mtime, timezone.utc)
        limit = datetime.strptime(newer[:16], "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc) - timedelta(seconds=1)
        name = f"{release_id(min(moment, limit))}-previous"
        while name in self.names():
            name += "-1"
        return name

    def prune(self, keep: int) -> list[str]:
        """Remove all but the newest `keep` releases, never the one being served; the names removed."""
        current = self.current()
        names = self.names()
        doomed = [name for name in names[:-keep] if name != current] if keep > 0 else []
        for name in doomed:
            shutil.rmtree(self.releases / name)
        return doomed

    def previous(self) -> str | None:
        """The newest release older than the one being served (what `make rollback` serves)."""
        current = self.current()
        older = [name for name in self.names() if current is None or name < current]
        return older[-1] if older else None


def _exchange(first: Path, second: Path) -> None:
    """Swap two names in one step (Linux renameat2 RENAME_EXCHANGE)."""
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        raise ReleaseError(_NO_EXCHANGE.format(site=second))
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) != 0:
        code = ctypes.get_errno()
        first.unlink(missing_ok=True)
        if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
            raise ReleaseError(_NO_EXCHANGE.format(site=second))
        raise OSError(code, os.strerror(code), str(second))


_NO_EXCHANGE = ("{site} is a folder and this file system cannot swap it for a link in one step — "
                "while nothing serves it, move it into the releases folder once "
                "(mv {site} {site}.releases/00000000T000000Z-previous) and build again")


def _sync_dir(path: Path) -> None:
    """Make a rename in `path` durable (a power cut after the switch keeps it)."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sync_filesystem(path: Path) -> None:
    """Write every file of the file system holding `path` to disk before the switch names them."""
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        if getattr(libc, "syncfs", None) is None or libc.syncfs(fd) != 0:
            os.sync()
    finally:
        os.close(fd)
