"""Stemmers that give the same result in Python (build, evaluation) and in the browser (queries).

- Swedish: the Snowball Swedish algorithm from the `snowballstemmer` package; the browser runs
  overrides/assets/js/search/snowball-swedish.js, a line-by-line port of the same generated code.
  Both then apply the same extra rules for the endings Snowball leaves alone (stem_sv below;
  engine.js's stemmers.sv).
- English: lunr.js 2.3.9's Porter stemmer, ported here line by line and to
  overrides/assets/js/search/porter-english.js.

tests/search/test_search_browser.py checks that both sides agree on every word of the built indexes.
"""
from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

_swedish = snowballstemmer.stemmer("swedish")


def snowball_sv(word: str) -> str:
    """The Snowball Swedish stemmer as published."""
    return _swedish.stemWord(word)


# Word forms no rule joins, as folded words (analysis.term looks them up before stemming) ...
IRREGULAR_WORDS: dict[str, dict[str, str]] = {
    "sv": {"bror": "broder", "brors": "broders", "mor": "moder", "mors": "moders"},
    "en": {"men": "man", "women": "woman", "children": "child", "wives": "wife", "husbands": "husband"},
}
# ... and stems of short words whose last consonant doubles before an ending: mannen, männen -> man.
# A general rule for the doubling would also join lägga with lag and rädd with råd.
STEM_ALIASES: dict[str, dict[str, str]] = {
    "sv": {"mann": "man", "vann": "van", "hemm": "hem", "rumm": "rum"},
    "en": {},
}

_VOWELS_SV = frozenset("aeiouy")      # folded: å, ä, ö are a, a, o by now
_SYNCOPE = frozenset("rln")


def _r1(word: str) -> int:
    """Snowball's R1 for a folded Swedish word: after the first consonant that follows a vowel, at least 3."""
    for i in range(1, len(word)):
        if word[i] not in _VOWELS_SV and word[i - 1] in _VOWELS_SV:
            return max(i + 1, 3)
    return len(word)


@lru_cache(maxsize=200_000)
def stem_sv(word: str) -> str:
    """Snowball Swedish, then the endings and vowel losses it leaves alone, so that the forms of a word meet.

    Works on folded words (å, ä, ö already a, a, o), which also joins umlaut plurals to their singular:
    döttrar/dotter, män/man, bröder/broder. In this order:

    - a genitive -s after a form Snowball leaves whole is removed with it: systrars, kvinnors,
      brottsoffers -> as systrar, kvinnor, brottsoffer
    - "-ning" (verbal nouns): anmälning(ar), bedömning -> anmäl, bedöm (as anmäla, bedöma), 4 letters left
    - "-an" (definite singular of -a nouns, and -an nouns): flickan, resan, anmälan -> flick, res, anmäl
    - "-et" (definite singular of neuter nouns) in R1: barnet, brottsoffret, tecknet -> barn, brottsoffr, teckn
    - "-el"/"-eln" after a consonant lose their e: regel, regeln, exempel -> regl, regl, exempl
    - a word that lost its unstressed e loses the consonant after it too, so every form meets:
      systr (systrar), offr (brottsoffret), teckn (tecknet), regl -> syst, off, teck, reg, as Snowball
      stems syster, offer, tecken; only after another consonant that is not r, l or n, and not in -mn
      (barn, namn stay)
    (analysis.stem then applies STEM_ALIASES: short words whose consonant doubles, mannen, vänner, hemmet)
    """
    stem = _swedish.stemWord(word)
    if word.endswith("s") and stem == word[:-1]:
        stem = _swedish.stemWord(stem)
    if stem.endswith("ning") and len(stem) - 4 >= 4:
        stem = stem[:-4]
    elif stem.endswith("an") and len(stem) - 2 >= 3:
        stem = stem[:-2]
    if stem.endswith("et") and len(stem) - 2 >= _r1(stem):
        stem = stem[:-2]
    if stem.endswith("eln") and len(stem) > 4 and stem[-4] not in _VOWELS_SV:
        stem = stem[:-3] + "l"
    elif stem.endswith("el") and len(stem) > 3 and stem[-3] not in _VOWELS_SV:
        stem = stem[:-2] + "l"
    if len(stem) >= 4 and stem[-1] in _SYNCOPE and stem[-2] not in _VOWELS_SV and stem[-2] not in _SYNCOPE \
            and stem[-2:] != "mn":
        stem = stem[:-1]
    return stem


# ---------------------------------------------------------------- lunr.js 2.3.9 Porter stemmer, ported

_STEP2 = {"ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance", "izer": "ize", "bli": "ble",
          "alli": "al", "entli": "ent", "eli": "e", "ousli": "ous", "ization": "ize", "ation": "ate",
          "ator": "ate", "alism": "al", "iveness": "ive", "fulness": "ful", "ousness": "ous", "aliti": "al",
          "iviti": "ive", "biliti": "ble", "logi": "log"}
_STEP3 = {"icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "", "ness": ""}

_c = "[^aeiou]"
_v = "[aeiouy]"
_C = _c + "[^aeiouy]*"
_V = _v + "[aeiou]*"
_mgr0 = re.compile("^(" + _C + ")?" + _V + _C)
_meq1 = re.compile("^(" + _C + ")?" + _V + _C + "(" + _V + ")?$")
_mgr1 = re.compile("^(" + _C + ")?" + _V + _C + _V + _C)
_s_v = re.compile("^(" + _C + ")?" + _v)

_re_1a = re.compile(r"^(.+?)(ss|i)es$")
_re2_1a = re.compile(r"^(.+?)([^s])s$")
_re_1b = re.compile(r"^(.+?)eed$")
_re2_1b = re.compile(r"^(.+?)(ed|ing)$")
_re_1b_2 = re.compile(r".$")
_re2_1b_2 = re.compile(r"(at|bl|iz)$")
_re3_1b_2 = re.compile(r"([^aeiouylsz])\1$")
_re4_1b_2 = re.compile("^" + _C + _v + "[^aeiouwxy]$")
_re_1c = re.compile(r"^(.+?[^aeiou])y$")
_re_2 = re.compile(r"^(.+?)(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism"
                   r"|iveness|fulness|ousness|aliti|iviti|biliti|logi)$")
_re_3 = re.compile(r"^(.+?)(icate|ative|alize|iciti|ical|ful|ness)$")
_re_4 = re.compile(r"^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$")
_re2_4 = re.compile(r"^(.+?)(s|t)(ion)$")
_re_5 = re.compile(r"^(.+?)e$")
_re_5_1 = re.compile(r"ll$")
_re3_5 = re.compile("^" + _C + _v + "[^aeiouwxy]$")


def _search(pattern: re.Pattern, text: str) -> re.Match | None:
    """JavaScript's RegExp.test/exec: the first match anywhere ('$' only at the very end)."""
    return pattern.search(text)


def _drop_last(w: str) -> str:
    return w[:-1] if w else w


@lru_cache(maxsize=200_000)
def stem_en(w: str) -> str:
    if len(w) < 3:
        return w
    firstch = w[0]
    if firstch == "y":
        w = "Y" + w[1:]
    # Step 1a
    if m := _search(_re_1a, w):
        w = m.group(1) + m.group(2)
    elif m := _search(_re2_1a, w):
        w = m.group(1) + m.group(2)
    # Step 1b
    if m := _search(_re_1b, w):
        if _search(_mgr0, m.group(1)):
            w = _drop_last(w)
    elif m := _search(_re2_1b, w):
        stem = m.group(1)
        if _search(_s_v, stem):
            w = stem
            if _search(_re2_1b_2, w):
                w = w + "e"
            elif _search(_re3_1b_2, w):
                w = _drop_last(w)
            elif _search(_re4_1b_2, w):
                w = w + "e"
    # Step 1c
    if m := _search(_re_1c, w):
        w = m.group(1) + "i"
    # Step 2
    if m := _search(_re_2, w):
        stem, suffix = m.group(1), m.group(2)
        if _search(_mgr0, stem):
            w = stem + _STEP2[suffix]
    # Step 3
    if m := _search(_re_3, w):
        stem, suffix = m.group(1), m.group(2)
        if _search(_mgr0, stem):
            w = stem + _STEP3[suffix]
    # Step 4
    if m := _search(_re_4, w):
        stem = m.group(1)
        if _search(_mgr1, stem):
            w = stem
    elif m := _search(_re2_4, w):
        stem = m.group(1) + m.group(2)
        if _search(_mgr1, stem):
            w = stem
    # Step 5
    if m := _search(_re_5, w):
        stem = m.group(1)
        if _search(_mgr1, stem) or (_search(_meq1, stem) and not _search(_re3_5, stem)):
            w = stem
    if _search(_re_5_1, w) and _search(_mgr1, w):
        w = _drop_last(w)
    if firstch == "y":
        w = "y" + w[1:]
    return w


STEMMERS = {"sv": stem_sv, "en": stem_en}
