"""The last look before the web server serves a build: every built HTML file, parsed.

Each page and embed view is read with the same parser and allowlist as the content
(portal.content.rendered_html, DOCUMENT profile): an inline script, an event handler, a meta
refresh to another site or a resource from another host anywhere in the output stops the build
with the file named, whatever template or plugin wrote it. This is what lets the
Content-Security-Policy allow no inline script at all.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ..content import rendered_html

DEPLOY_DIR = ".deploy"
# What nginx serves as text/html (its mime.types; it compares extensions in lower case).
HTML_SUFFIXES = (".html", ".htm", ".shtml")

# (file) -> (its inode, time and size, digest of its bytes, problems): `make serve` builds again and again,
# and most files are not written again (a file written again gets a new time).
_judged: dict[str, tuple[tuple[int, int, int], bytes, list[str]]] = {}


def problems(site_dir: Path) -> list[str]:
    """One line per problem: 'path/in/site.html: what is wrong'."""
    found: list[str] = []
    pages: list[tuple[list[str], str]] = []
    top, real_top = str(site_dir), os.path.realpath(site_dir)
    deploy = os.path.join(real_top, DEPLOY_DIR)
    # Links to folders are followed, as the web server follows them, but only inside the site. Every real
    # folder of the site but .deploy is reached through real folders, so a link is followed only where it
    # leads into .deploy (which the walk leaves out), and such a folder once (a link to a parent would
    # loop). os.scandir and plain strings: with thousands of folders, a stat of each one (or pathlib) cost
    # more than the walk itself, and make serve does this at every save.
    walked_in_deploy: set[str] = set()
    stack: list[tuple[str, list[str], bool]] = [(top, [], False)]
    while stack:
        folder, parts, linked = stack.pop()
        rel = "/".join(parts)
        if linked:
            real = os.path.realpath(folder)
            if real in walked_in_deploy:
                continue
            walked_in_deploy.add(real)
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as error:
            found.append(f"{rel or '.'}: the folder cannot be read ({error.strerror}); the web server may serve "
                         f"what is in it unchecked")
            continue
        for entry in entries:
            name = entry.name
            if not _is_folder(entry):
                if name.lower().endswith(HTML_SUFFIXES):
                    pages.append((parts + [name], entry.path))
                continue
            if folder == top and name == DEPLOY_DIR:
                continue
            if entry.is_symlink():
                target = os.path.realpath(entry.path)
                if os.path.commonpath([target, real_top]) != real_top:
                    found.append(f"{rel + '/' if rel else ''}{name}: a link to a folder outside the site "
                                 f"({target}); the web server would serve what is there")
                    continue
                if os.path.commonpath([target, deploy]) != deploy:
                    continue   # a folder the walk reaches where it is, named so
                stack.append((entry.path, parts + [name], True))
            else:
                stack.append((entry.path, parts + [name], linked))
    for parts, path in sorted(pages):
        found += [f"{'/'.join(parts)}: {problem}" for problem in _problems_of(path)]
    return found


def _is_folder(entry: os.DirEntry[str]) -> bool:
    """Whether the entry is a folder or a link to one. A link that cannot be followed (a loop, a path through a
    file, a folder that may not be entered) counts as a file, as in os.walk: named, if it is a page, as
    unreadable."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _problems_of(path: str) -> list[str]:
    try:
        stat = os.stat(path)
        seen = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        known = _judged.get(path)
        if known is not None and known[0] == seen:
            return known[2]
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:   # a link to nowhere, a file that may not be read, or one gone meanwhile
        return [f"cannot be read ({error.strerror}); the web server must not serve it unchecked: build again"]
    digest = hashlib.blake2b(data, digest_size=16).digest()
    judged = known[2] if known is not None and known[1] == digest else \
        rendered_html.problems(data.decode("utf-8", errors="replace"), rendered_html.DOCUMENT)
    _judged[path] = (seen, digest, judged)
    return judged
