"""Swedish words on English pages: the titles of Swedish sources, Swedish issuers and the Swedish
names of statutes given in brackets ("Swedish Criminal Code (Brottsbalken)"). They are marked
lang="sv", so that a screen reader pronounces them in Swedish (WCAG 3.1.2), and a source whose title
is Swedish is followed by "(in Swedish)": the reader learns before following the link that the
document is in Swedish.

Front matter does not say which language a title is in, so it is recognised from the text: a letter
only Swedish uses (å, ä, ö) or a Swedish function word. A text that has neither ("Barnahus Skaraborg")
stays unmarked; an English text is never marked.
"""
from __future__ import annotations

import re

_SWEDISH_LETTERS = re.compile(r"[åäöÅÄÖ]")
# Common Swedish words that are not also English words (so not "till", "med", "vid", "i", "en").
_SWEDISH_WORDS = frozenset("""
    och att för om av på som mot ett från eller inte hur vad när dig du samt hos utan ur ska lag lagen
    kap avsnittet förordning förordningen det detta
""".split())
_WORD = re.compile(r"[^\W\d_]+")
# A trailing part in brackets: "Swedish Criminal Code (Brottsbalken)", "Bortförda barn (UD travel information)".
_TRAILING_BRACKETS = re.compile(r"^(.*\S)\s+(\([^()]*\))$", re.S)

Parts = list[tuple[str, str | None]]


def looks_swedish(text: str) -> bool:
    if _SWEDISH_LETTERS.search(text):
        return True
    return any(word.casefold() in _SWEDISH_WORDS for word in _WORD.findall(text))


def _neutral(text: str) -> bool:
    """No words to pronounce in a language: numbers, references, abbreviations in capitals."""
    return sum(1 for word in _WORD.findall(text) if len(word) > 2 and not word.isupper()) < 2


def parts(text: str) -> Parts:
    """`text` as (piece, 'sv' or None) pieces: a Swedish main part and an English part in brackets
    (or the other way round) are marked separately; one language, one piece."""
    match = _TRAILING_BRACKETS.match(text)
    if match:
        main, bracket = match.group(1), match.group(2)
        main_sv, bracket_sv = looks_swedish(main), looks_swedish(bracket[1:-1])
        # "(SFS 2014:381)", "(DIGG)": a reference or an abbreviation belongs to the text before it.
        if main_sv != bracket_sv and not (main_sv and _neutral(bracket)):
            return [(main, "sv" if main_sv else None), (" ", None), (bracket, "sv" if bracket_sv else None)]
    return [(text, "sv" if looks_swedish(text) else None)]


def mark_source(source: dict, page_lang: str) -> dict:
    """A source of a page in `page_lang`, with `title_parts`, `issuer_parts` and `in_swedish` (its title
    is Swedish on a page that is not)."""
    title, issuer = str(source.get("title", "")), str(source.get("issuer", ""))
    if page_lang == "sv":
        return dict(source, title_parts=[(title, None)], issuer_parts=[(issuer, None)], in_swedish=False)
    title_parts = parts(title)
    return dict(source, title_parts=title_parts, issuer_parts=parts(issuer), in_swedish=title_parts[0][1] == "sv")


def mark_statute(statute: dict, page_lang: str) -> dict:
    """A statute with `name_parts` and `provision_parts` ('4 kap. 4 c §' is Swedish on English pages)."""
    name, provision = str(statute.get("name", "")), str(statute.get("provision", ""))
    if page_lang == "sv":
        return dict(statute, name_parts=[(name, None)], provision_parts=[(provision, None)])
    return dict(statute, name_parts=parts(name), provision_parts=parts(provision))
