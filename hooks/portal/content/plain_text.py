"""Text fields are plain text: what an editor writes in a title, a source or a glossary entry is
shown as written, never read as markup.

Templates escape every value they print; this check refuses what has no business in a plain-text
field in the first place, with the field named: markup (`<tag`, `</`, `<!--`, character references
like `&lt;`), control characters, and the Unicode bidirectional overrides and isolates
(U+202A–U+202E, U+2066–U+2069) that make text display in another order than it is read (a source
title that shows one address and links another). Addresses are https:// (or site-relative) only.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

_MARKUP = re.compile(r"<[A-Za-z/!?]|&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")
# C0 controls but tab and line breaks, DEL, C1 controls, line/paragraph separators, byte-order mark.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
URL_KEYS = ("url", "href", "link")


def problem(text: str) -> tuple[str, str] | None:
    """(what is wrong, how to fix it) for a plain-text value, or None when it is fine."""
    if _BIDI.search(text):
        code = f"U+{ord(_BIDI.search(text).group(0)):04X}"   # type: ignore[union-attr]
        return (f"contains the invisible direction control {code}, which reorders how the text is shown",
                "retype the text without it (copy-pasted text can carry it)")
    if _CONTROL.search(text):
        code = f"U+{ord(_CONTROL.search(text).group(0)):04X}"   # type: ignore[union-attr]
        return f"contains the control character {code}", "retype the text without it"
    found = _MARKUP.search(text)
    if found:
        return (f"contains markup ({found.group(0)!r}…); this field is plain text",
                "write plain text: no HTML tags, comments or &-codes")
    return None


def url_problem(url: str) -> tuple[str, str] | None:
    """(what is wrong, how to fix it) for an address in front matter or a data file."""
    text_problem = problem(url)
    if text_problem:
        return text_problem
    if any(c.isspace() for c in url):
        return "contains a space", "remove the spaces, or write them as %20"
    if url.startswith("/") and not url.startswith("//"):
        return None   # an address on this site
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        return f"'{url[:80]}' is not an https:// address", "use the full https:// address of the page"
    if parts.username or parts.password:
        return "contains a user name or password", "remove the part before @"
    return None


def problems(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, str, str]]:
    """(path, what, fix) for every text in a nested value: addresses under url keys, the rest plain."""
    stack: list[tuple[tuple, Any]] = [(path, value)]
    while stack:
        where, current = stack.pop()
        if isinstance(current, str):
            key = where[-1] if where else ""
            found = url_problem(current) if isinstance(key, str) and key.lower() in URL_KEYS else problem(current)
            if found:
                yield (where, *found)
        elif isinstance(current, dict):
            stack.extend(reversed([(where + (k,), v) for k, v in current.items()]))
        elif isinstance(current, list):
            stack.extend(reversed([(where + (i,), v) for i, v in enumerate(current)]))
