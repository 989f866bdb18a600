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

# (file) -> (its inode, time and size, digest of its bytes, problems): `make serve` builds again and again,
# and most files are not written again (a file written again gets a new time).
_judged: dict[str, tuple[tuple[int, int, int], bytes, list[str]]] = {}


def problems(site_dir: Path) -> list[str]:
    """One line per problem: 'path/in/site.html: what is wrong'."""
    found = []
    pages: list[tuple[list[str], str]] = []
    top, real_top = str(site_dir), os.path.realpath(site_dir)
    seen: set[tuple[int, int]] = set()
    # os.walk and plain strings: pathlib costs more than the walk for 10,000 files. Links to folders are
    # followed, as the web server follows them, but only inside the site and each folder once (a link to a
    # parent would loop).
    for folder, folders, files in os.walk(site_dir, followlinks=True):
        info = os.stat(folder)
        if (info.st_dev, info.st_ino) in seen:
            folders[:] = []
            continue
        seen.add((info.st_dev, info.st_ino))
        rel = folder[len(top) + 1:].replace(os.sep, "/")   # os.walk joins below `top` as given
        kept: list[tuple[bool, str]] = []
        for name in folders:
            if folder == top and name == DEPLOY_DIR:
                continue
            path = os.path.join(folder, name)
            link = os.path.islink(path)
            if link:
                target = os.path.realpath(path)
                if os.path.commonpath([target, real_top]) != real_top:
                    found.append(f"{rel + '/' if rel else ''}{name}: a link to a folder outside the site "
                                 f"({target}); the web server would serve what is there")
                    continue
            kept.append((link, name))
        # Real folders before links to them, so that a page is named by where it is.
        folders[:] = [name for _, name in sorted(kept)]
        parts = rel.split("/") if rel else []
        pages += [(parts + [name], os.path.join(folder, name)) for name in files if name.endswith(".html")]
    for parts, path in sorted(pages):
        found += [f"{'/'.join(parts)}: {problem}" for problem in _problems_of(path)]
    return found


def _problems_of(path: str) -> list[str]:
    stat = os.stat(path)
    seen = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
    known = _judged.get(path)
    if known is not None and known[0] == seen:
        return known[2]
    with open(path, "rb") as handle:
        data = handle.read()
    digest = hashlib.blake2b(data, digest_size=16).digest()
    judged = known[2] if known is not None and known[1] == digest else \
        rendered_html.problems(data.decode("utf-8", errors="replace"), rendered_html.DOCUMENT)
    _judged[path] = (seen, digest, judged)
    return judged
