"""Text analysis shared by the index builder and the query engine (engine.js does the same in the browser).

A word becomes an index term in these steps (term()):

    fold        lower case without diacritics: "Könsstympningen" -> "konsstympningen"
    irregular   forms no rule joins: bror -> broder, men -> man (stemmers.IRREGULAR_WORDS)
    stop        stop words ("och", "att", "the", ...) are dropped
    spelling    English only: American spellings written the British way (spelling.py)
    stem        Swedish Snowball with the portal's additions, or Porter for English (stemmers.py)

Folding comes first, so a query typed without å, ä, ö is analysed exactly like one with them.
Concept tokens (glossary, see concepts.py) start with "_" and pass every step unchanged.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from . import spelling
from .stemmers import IRREGULAR_WORDS, STEM_ALIASES, STEMMERS

LANGUAGES = ("sv", "en")
CONCEPT_PREFIX = "_"
STOP_MARK = "#"         # keys(): a stop word stands in a phrase as "#" + the folded word

_WORD = re.compile(r"[^\W_]+")
_MARKS = re.compile("[\u0300-\u036f]")

# Snowball's Swedish stop-word list (BSD licence, snowballstem.org) without "man" and "sitta",
# which carry meaning in this portal ("ung man", "män"), folded like every other term; with the modal
# verbs that English's list has too (ska, måste, bör: must, should), which questions are full of.
_STOP_SV = """
och det att i en jag hon som han på den med var sig för så till är men ett om hade de av icke mig du
henne då sin nu har inte hans honom skulle hennes där min ej vid kunde något från ut när efter upp vi
dem vara vad över än dig kan sina här ha mot alla under någon eller allt mycket sedan ju denna själv
detta åt utan varit hur ingen mitt ni bli blev oss din dessa några deras blir mina samma vilken er
sådan vår blivit dess inom mellan sådant varför varje vilka ditt vem vilket sådana vart dina vars
vårt våra ert era vilkas
ska skall måste bör borde
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


# First-person words: a query with them is written by someone at risk or close to them (engine.py).
FIRST_PERSON = {"sv": frozenset({"jag", "mig", "mej", "min", "mitt", "mina"}),
                "en": frozenset({"me", "my", "mine", "myself"})}     # "I": one letter, not a word (words())


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
    """The stem of a folded word that is not a stop word (spelling, stemmer, stem aliases)."""
    if is_concept(folded):
        return folded
    if lang == "en":
        folded = spelling.british(folded)
    stemmed = STEMMERS[lang](folded)
    return STEM_ALIASES[lang].get(stemmed, stemmed)


@lru_cache(maxsize=400_000)
def term(word: str, lang: str) -> str | None:
    """The index term of one word (fold, irregular forms, stop, spelling, stem), or None for a stop word."""
    folded = fold(word)
    folded = IRREGULAR_WORDS[lang].get(folded, folded)
    if folded in STOP_WORDS[lang]:
        return None
    return stem(folded, lang)


def terms(text_or_words: str | list[str], lang: str) -> list[str]:
    """Index terms of a text, in order, stop words left out."""
    ws = words(text_or_words) if isinstance(text_or_words, str) else text_or_words
    return [t for w in ws if (t := term(w, lang)) is not None]


def stop_key(word: str) -> str:
    return STOP_MARK + fold(word)


def is_stop_key(key: str) -> bool:
    return key.startswith(STOP_MARK)


def keys(text_or_words: str | list[str], lang: str) -> list[str]:
    """Terms of a text with its stop words kept as stop keys: glossary phrases match on these, so that
    "married off" is not "married" and "bli bortgift" is not "bortgift" anywhere."""
    ws = words(text_or_words) if isinstance(text_or_words, str) else text_or_words
    return [t if (t := term(w, lang)) is not None else stop_key(w) for w in ws]
