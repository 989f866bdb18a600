"""What docs/ may hold: pages (`<slug>.sv.md`, `<slug>.en.md`) and a short list of image types.

MkDocs publishes every file under docs/: an `.html` file is copied as it is, an `.svg` with a script
is served from our own address, and `.markdown`, `.mdown`, `.mkd` and `.mkdn` files are rendered as
pages without any of our checks. So every file is looked at here, and anything that is not a page
or an allowed image is an error naming the file. Links are looked at too: a symbolic link may not
lead out of docs/, a folder may not be a link (MkDocs follows them, loops included), and a hard
link is refused because it may be the same file as one outside docs/. A file or folder that cannot
be read is an error, never skipped: MkDocs would silently leave its pages out.

Names starting with a dot are left alone (MkDocs never publishes them: its exclude_docs default), but a
page named so is reported: it would silently be missing.
"""
from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from xml.etree import ElementTree

from .findings import Finding

PAGE = re.compile(r"^.+\.(sv|en)\.md$")
MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkdn", ".mkd", ".mdwn", ".mkdown", ".ron"}
# Allowed asset types and their size limits in bytes.
ASSETS = {".png": 2_000_000, ".jpg": 2_000_000, ".jpeg": 2_000_000, ".webp": 2_000_000,
          ".gif": 2_000_000, ".svg": 300_000}
SVG_ELEMENTS = frozenset("""
    svg g path rect circle ellipse line polyline polygon text tspan title desc defs lineargradient
    radialgradient stop clippath mask symbol use marker pattern
""".split())
_SCRIPT_URL = re.compile(r"(?:java|vb)script:|data:", re.I)


@dataclass
class Tree:
    pages: list[Path] = field(default_factory=list)      # absolute paths of page files
    assets: list[Path] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def relative_text(path: PurePath, root: PurePath) -> str:
    """`path` relative to the project root when it is inside it (by text: both come resolved from `scan`, and
    pathlib's relative_to for every file was most of a scan of thousands of pages)."""
    text, top = path.as_posix(), root.as_posix()
    if text == top:
        return "."
    prefix = top.rstrip("/") + "/"
    return text[len(prefix):] if text.startswith(prefix) else text


def _inside(path: Path, docs_dir: Path) -> bool:
    try:
        path.relative_to(docs_dir)
        return True
    except ValueError:
        return False


def svg_problem(text: str) -> str | None:
    """Why an SVG file may run code or load something, or None. Browsers run scripts in an SVG
    opened at its own address, so only shapes, text and local references are allowed."""
    lowered = text.lower()
    if "<!doctype" in lowered or "<!entity" in lowered:
        return "declares a DOCTYPE or entities"
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as exc:
        return f"is not well-formed XML ({exc})"
    for element in root.iter():
        name = element.tag.rsplit("}", 1)[-1].lower() if isinstance(element.tag, str) else ""
        if name not in SVG_ELEMENTS:
            return f"contains <{name}>"
        for attribute, value in element.attrib.items():
            local = attribute.rsplit("}", 1)[-1].lower()
            compact = re.sub(r"[\s\x00-\x20]", "", value)
            if local.startswith("on"):
                return f"has the event handler {local}"
            if local == "style" or (local == "href" and not value.startswith("#")):
                return f"has the attribute {local}={value[:40]!r}"
            if _SCRIPT_URL.search(compact) or "url(" in compact.lower() and "url(#" not in compact.lower():
                return f"has {local}={value[:40]!r}, which loads or runs something"
    return None


def _check_file(path: Path, info: os.stat_result, shown: str, tree: Tree) -> None:
    suffix = path.suffix.lower()
    if info.st_nlink > 1:
        tree.findings.append(Finding(shown, None, "", "is a hard link (the same file may be outside docs/)",
                                     "replace it with a copy of the file"))
        return
    if PAGE.match(path.name):
        tree.pages.append(path)
        return
    if suffix in MARKDOWN_SUFFIXES:
        tree.findings.append(Finding(shown, None, "", "is not named like a page",
                                     "name pages <slug>.sv.md (Swedish) or <slug>.en.md (English)"))
        return
    limit = ASSETS.get(suffix)
    if limit is None:
        tree.findings.append(Finding(shown, None, "", f"files of type '{suffix or path.name}' may not be published",
                                     "remove it; docs/ holds pages and images (" + ", ".join(sorted(ASSETS)) + ")"))
        return
    if info.st_size > limit:
        tree.findings.append(Finding(shown, None, "", f"is {info.st_size / 1_000_000:.1f} MB, images may be at most "
                                     f"{limit / 1_000_000:g} MB", "make the image smaller"))
        return
    if not os.access(path, os.R_OK):
        tree.findings.append(Finding(shown, None, "", "cannot be read", "check the file's permissions (chmod a+r)"))
        return
    if suffix == ".svg":
        try:
            problem = svg_problem(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, OSError) as exc:
            problem = f"cannot be read as UTF-8 text ({exc})"
        if problem:
            tree.findings.append(Finding(shown, None, "", f"SVG image {problem}",
                                         "export it again as a plain SVG (shapes and text only) or as a PNG"))
            return
    tree.assets.append(path)


def scan(docs_dir: str | Path, root: str | Path) -> Tree:
    """Every file under docs_dir, sorted into pages, assets and findings."""
    docs_dir, root = Path(docs_dir).resolve(), Path(root).resolve()
    tree = Tree()

    def unreadable(error: OSError) -> None:
        where = relative_text(Path(error.filename), root) if error.filename else relative_text(docs_dir, root)
        tree.findings.append(Finding(where, None, "", f"folder cannot be read ({error.strerror or error})",
                                     "check the folder's permissions (chmod a+rx); its pages would be missing"))

    if not docs_dir.is_dir():
        tree.findings.append(Finding(relative_text(docs_dir, root), None, "", "the content folder does not exist",
                                     "check PORTAL_DOCS_DIR or restore docs/"))
        return tree
    for folder, dirs, files in os.walk(docs_dir, onerror=unreadable, followlinks=False):
        base = Path(folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in list(dirs):
            path = base / name
            if path.is_symlink():
                dirs.remove(name)
                tree.findings.append(Finding(relative_text(path, root), None, "", "is a link to a folder",
                                             "move the folder into docs/ instead of linking it"))
        for name in sorted(files):
            if name.startswith("."):
                if Path(name).suffix.lower() in MARKDOWN_SUFFIXES:   # meant as a page, silently left out
                    tree.findings.append(Finding(relative_text(base / name, root), None, "",
                                                 f"'{name}' starts with a dot, so it would never be published",
                                                 "rename it <slug>.sv.md or <slug>.en.md with a plain slug"))
                continue
            path = base / name
            shown = relative_text(path, root)
            try:
                info = path.lstat()
                if stat.S_ISLNK(info.st_mode):
                    target = path.resolve(strict=True)
                    if not _inside(target, docs_dir):
                        tree.findings.append(Finding(shown, None, "", f"symbolic link to {os.readlink(path)}, outside docs/",
                                                     "replace the link with the file itself (copied into docs/) or remove it"))
                        continue
                    info = target.stat()
                if not stat.S_ISREG(info.st_mode):
                    tree.findings.append(Finding(shown, None, "", "is not a regular file", "remove it"))
                    continue
            except (OSError, RuntimeError) as exc:   # a broken link, a link loop, a vanished file
                reason = getattr(exc, "strerror", None) or str(exc)
                tree.findings.append(Finding(shown, None, "", f"cannot be followed ({reason})",
                                             "remove the link or point it at a file in docs/"))
                continue
            _check_file(path, info, shown, tree)
    return tree
