"""Addresses that keep working: /id/<id>/ permalinks and the old paths of moved pages.

Both are small static HTML pages that send the reader on with <meta http-equiv="refresh">
(no script), name the page's current URL as canonical, and carry the language of the
section they are in. Moved pages are listed in data/redirects.yml next to docs/:

    redirects:
      typfall/sommarresan/: resan        # old path (from the site root) -> page id
      en/case-typologies/summer-trip/: resan
"""
from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..content.datafiles import DataFileError, read_yaml

_OLD_PATH = re.compile(r"^[A-Za-z0-9._~%!$&'()*+,;=:@/-]+$")


@dataclass(frozen=True)
class Redirect:
    old: str        # file to write, relative to the site root: 'typfall/sommarresan/index.html'
    page_id: str
    lang: str


def redirect_page(lang: str, title: str, title_lang: str, target: str, canonical: str, text: str,
                  exit_link: tuple[str, str] | None = None) -> str:
    """HTML that forwards to `target` (relative to the page) and names `canonical` as the real address.
    `exit_link` (address, text): the quick exit, first in the page like on every page of the site,
    for the moment a browser shows this page (a plain link: the page runs no script)."""
    esc = lambda value: html.escape(value, quote=True)  # noqa: E731
    lang_attr = f' lang="{esc(title_lang)}" hreflang="{esc(title_lang)}"' if title_lang != lang else ""
    exit_html = (f'<p><a href="{esc(exit_link[0])}" rel="noreferrer" data-portal-exit-link>{esc(exit_link[1])}</a></p>\n'
                 if exit_link and exit_link[0] else "")
    return (
        "<!doctype html>\n"
        f'<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{esc(title)}</title>\n"
        '<meta name="robots" content="noindex">\n'
        f'<link rel="canonical" href="{esc(canonical)}">\n'
        f'<meta http-equiv="refresh" content="0; url={esc(target)}">\n'
        "</head>\n<body>\n"
        f"{exit_html}"
        f'<p>{esc(text)} <a href="{esc(target)}"{lang_attr}>{esc(title)}</a></p>\n'
        "</body>\n</html>\n"
    )


def relative(from_dir: str, to_path: str) -> str:
    """Link from the folder `from_dir` ('id/resan/') to the page `to_path` ('typfall/resan/')."""
    result = posixpath.relpath(to_path or ".", from_dir.rstrip("/") or ".")
    return "./" if result == "." else result + ("/" if to_path.endswith("/") or not to_path else "")


def file_for(old_path: str) -> str:
    """The file a redirect is written to: 'a/b' and '/a/b/' -> 'a/b/index.html'; 'a/b.html' stays."""
    path = old_path.strip().lstrip("/")
    return path if path.endswith(".html") else posixpath.join(path, "index.html")


def load(path: Path, languages: list[str]) -> tuple[list[Redirect], list[str]]:
    """Redirects from a YAML file (missing file: none) and the problems found in it."""
    if not path.exists():
        return [], []
    try:
        data: Any = read_yaml(path) or {}
    except DataFileError as error:
        return [], [str(error)]
    entries = data.get("redirects") if isinstance(data, dict) else None
    if entries is None:
        entries = {}
    if not isinstance(entries, dict):
        return [], [f"{path}: 'redirects' must map old paths to page ids"]
    redirects, problems = [], []
    for old, page_id in entries.items():
        old = str(old)
        if not _OLD_PATH.match(old) or ".." in old.split("/") or not old.strip("/"):
            problems.append(f"{path}: '{old}' is not a path on the site — write it like typfall/gammal-sida/")
            continue
        if not isinstance(page_id, str):
            problems.append(f"{path}: '{old}': the value must be a page id, e.g. resan")
            continue
        first = old.lstrip("/").split("/", 1)[0]
        lang = first if first in languages[1:] else languages[0]
        redirects.append(Redirect(file_for(old), page_id, lang))
    return redirects, problems
