"""Text analysis shared by the index builder and the query engine, and its lunr pipeline functions.

A word becomes an index term in three steps, each a lunr pipeline function registered under the same
name in Python (here) and in the browser (overrides/assets/js/search/engine.js):

    portal-fold      lower case without diacritics: "Könsstympningen" -> "konsstympningen"
    portal-stop-sv   drops stop words ("och", "att", ...); portal-stop-en for English
    portal-stem-sv   Snowball Swedish stemmer: "konsstympningen" -> "konsstympning"; portal-stem-en: Porter

Folding comes first, so a query typed without å, ä, ö is analysed exactly like one with them.
Concept tokens (glossary, see concepts.py) start with "_" and pass every step unchanged.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Callable

from .stemmers import STEMMERS

LANGUAGES = ("sv", "en")
CONCEPT_PREFIX = "_"

_WORD = re.compile(r"[^\W_]+")
_MARKS = re.compile("[\u0300-\u036f]")

# Snowball's Swedish stop-word list (BSD licence, snowballstem.org) without "man" and "sitta",
# which carry meaning in this portal ("ung man", "män"), folded like every other term.
_STOP_SV = """
och det att i en jag hon som han på den med var sig för så till är men ett om hade de av icke mig du
henne då sin nu har inte hans honom skulle hennes där min ej vid kunde något från ut när efter upp vi
dem vara vad över än dig kan sina här ha mot alla under någon eller allt mycket sedan ju denna själv
detta åt utan varit hur ingen mitt ni bli blev oss din dessa några deras blir mina samma vilken er
sådan vår blivit dess inom mellan sådant varför varje vilka ditt vem vilket sådana vart dina vars
vårt våra ert era vilkas
"""
# lunr.js 2.3.9's English stop-word list.
_STOP_EN = """
a able about across after all almost also am among an and any are as at be because been but by can
cannot could dear did do does either else ever every for from get got had has have he her hers him his
how however i if in into is it its just least let like likely may me might most must my neither no nor
not of off often on only or other our own rather said say says she should since so some than that the
their them then there these they this tis to too twas us wants was we were what when where which while
who whom why will with would yet you your
"""


@lru_cache(maxsize=400_000)
def fold(text: str) -> str:
    """Lower case, diacritics removed: 'Tvångsäktenskap' -> 'tvangsaktenskap'."""
    return _MARKS.sub("", unicodedata.normalize("NFD", text.lower()))


STOP_WORDS: dict[str, frozenset[str]] = {
    "sv": frozenset(fold(w) for w in _STOP_SV.split()),
    "en": frozenset(fold(w) for w in _STOP_EN.split()),
}


def words(text: str) -> list[str]:
    """The words of a text, lower case, split at anything that is not a letter or digit.

    Single letters are dropped; single digits are kept (so "4 kap." keeps its chapter number).
    """
    found = _WORD.findall(unicodedata.normalize("NFC", text).lower())
    return [w for w in found if len(w) > 1 or w.isdigit()]


def is_concept(token: str) -> bool:
    return token.startswith(CONCEPT_PREFIX)


def stem(folded: str, lang: str) -> str:
    return folded if is_concept(folded) else STEMMERS[lang](folded)


@lru_cache(maxsize=400_000)
def term(word: str, lang: str) -> str | None:
    """The index term of one word (fold, stop, stem), or None for a stop word."""
    folded = fold(word)
    if folded in STOP_WORDS[lang]:
        return None
    return stem(folded, lang)


def terms(text_or_words: str | list[str], lang: str) -> list[str]:
    """Index terms of a text, in order, stop words left out."""
    ws = words(text_or_words) if isinstance(text_or_words, str) else text_or_words
    return [t for w in ws if (t := term(w, lang)) is not None]


# ---------------------------------------------------------------- lunr pipeline functions

def pipeline_names(lang: str) -> list[str]:
    return ["portal-fold", f"portal-stop-{lang}", f"portal-stem-{lang}"]


def _token_fn(transform: Callable[[str], str | None], label: str):
    def fn(token, i=None, tokens=None):
        value = transform(str(token))
        if value is None or value == "":
            return None
        return token.update(lambda _s, _m: value)
    fn.label = label
    return fn


_registered = False


def register_pipeline() -> None:
    """Register the portal's pipeline functions with lunr.py (once); needed to build and load indexes."""
    global _registered
    if _registered:
        return
    from lunr.pipeline import Pipeline
    Pipeline.register_function(_token_fn(fold, "portal-fold"), "portal-fold")
    for lang in LANGUAGES:
        stop = STOP_WORDS[lang]
        Pipeline.register_function(_token_fn(lambda s, stop=stop: None if s in stop else s, f"portal-stop-{lang}"),
                                   f"portal-stop-{lang}")
        Pipeline.register_function(_token_fn(lambda s, lang=lang: stem(s, lang), f"portal-stem-{lang}"),
                                   f"portal-stem-{lang}")
    _registered = True


def pipeline(lang: str):
    """A lunr Pipeline of the portal's functions for `lang`."""
    from lunr.pipeline import Pipeline
    register_pipeline()
    result = Pipeline()
    for name in pipeline_names(lang):
        result.add(Pipeline.registered_functions[name])
    return result
