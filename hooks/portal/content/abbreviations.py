"""Abbreviations explained where they are used: Python-Markdown's `abbr` extension, fed from
data/glossary.yml.

The build appends `*[LVU]: lagen (1990:52) med särskilda bestämmelser om vård av unga` lines to a page's
Markdown for every glossary abbreviation the page uses, in the page's own language, so each use becomes
`<abbr title="…">LVU</abbr>`. A page may define its own with the same syntax; its definition wins.
"""
from __future__ import annotations

import html
import re
from typing import Any

from . import glossary
from .datafiles import from_data
from .remember import while_serving

_DEFINITION = re.compile(r"^\*\[([^\]]+)\]:", re.M)


def _key(abbr: str) -> str:
    # The extension matches whole words (\b…\b): "prop." would never match, "prop" does.
    return abbr.rstrip(".")


def definitions(lang: str, data: dict[str, Any] | None = None) -> dict[str, str]:
    """{abbreviation: explanation} in `lang`: the abbreviations list, then the terms' own abbreviations."""
    data = data if data is not None else glossary.load()
    found: dict[str, str] = {}
    for entry in data.get("abbreviations", []):
        if entry.get(lang):
            found[_key(entry["abbr"])] = " ".join(str(entry[lang]).split())
    for term in data.get("terms", []):
        version = term.get(lang) or {}
        for abbr in version.get("abbreviations") or []:
            found.setdefault(_key(abbr), version["term"])
    return found


def pattern(abbr: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w/])" + re.escape(abbr) + r"(?![\w])")


def defined_in(markdown: str) -> set[str]:
    """Abbreviations a page defines itself (`*[X]: …`)."""
    return {m.group(1).strip() for m in _DEFINITION.finditer(markdown)}


@from_data
def _glossary_entries(lang: str) -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    # Once per language and process: every page of a build asks for the same list.
    return _entries(definitions(lang))


def _entries(found: dict[str, str]) -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    return tuple((abbr, title, pattern(abbr)) for abbr, title in sorted(found.items()))


def append_definitions(markdown: str, lang: str, data: dict[str, Any] | None = None) -> str:
    """The Markdown with definitions for the glossary abbreviations it uses (none if it uses none)."""
    if data is None:
        return _with_glossary_definitions(markdown, lang)
    return _with_definitions(markdown, _entries(definitions(lang, data)))


@while_serving(maxsize=4096)   # the same page again at every save of `make serve`
def _with_glossary_definitions(markdown: str, lang: str) -> str:
    return _with_definitions(markdown, _glossary_entries(lang))


def _with_definitions(markdown: str, entries: tuple[tuple[str, str, re.Pattern[str]], ...]) -> str:
    own = defined_in(markdown)
    lines = [f"*[{abbr}]: {title}" for abbr, title, used in entries
             if abbr not in own and abbr in markdown and used.search(markdown)]  # cheap test first
    return markdown.rstrip("\n") + "\n\n" + "\n".join(lines) + "\n" if lines else markdown


@from_data   # the same titles and descriptions on many listings, at every build of `make serve`
def in_html(text: str, lang: str) -> str:
    """Plain `text` as HTML, each glossary abbreviation in it as the `abbr` extension writes it
    (`<abbr title="…">LVU</abbr>`): for text the build writes as HTML, such as generated listings."""
    escaped = html.escape(text, quote=False)
    titles = {abbr: title for abbr, title, used in _glossary_entries(lang) if abbr in text and used.search(text)}
    if not titles:
        return escaped
    longest_first = "|".join(re.escape(abbr) for abbr in sorted(titles, key=len, reverse=True))
    # Word boundaries, as the extension matches (so "2012/29/EU" is marked too).
    return re.sub(r"\b(" + longest_first + r")\b",
                  lambda m: f'<abbr title="{html.escape(titles[m.group(1)])}">{m.group(1)}</abbr>', escaped)


_ABBR = re.compile(r'<abbr title="([^"<>]*)">([^<]*)</abbr>')


@while_serving(maxsize=4096)   # the same page again at every save of `make serve`
def focusable_first_uses(page_html: str) -> str:
    """The first use of each abbreviation on a page takes keyboard focus (tabindex="0"), so its
    explanation (shown on focus by portal.css) is readable without a mouse: a tap on a touch screen
    focuses it too. Later uses keep the title only: one tab stop per abbreviation, not per use."""
    seen: set[str] = set()

    def mark(match: re.Match[str]) -> str:
        if match.group(2) in seen:
            return match.group(0)
        seen.add(match.group(2))
        return f'<abbr title="{match.group(1)}" tabindex="0">{match.group(2)}</abbr>'

    return _ABBR.sub(mark, page_html)
