"""American English spellings written the British way, so that either finds the portal's British text.

Applied to every English word before stemming, in the index and in queries alike, so "honor killing",
"behavior", "center", "recognize", "offense" and "traveling" meet "honour", "behaviour", "centre",
"recognise", "offence" and "travelling". The rules are general spelling classes, not a list of the
portal's words:

    -ise/-yse     verbs and their forms: recognise, criminalised, analyse        -> -ize, -yze
    -or/-our      the words that differ (honor, behavior, labor, neighbor, ...)    -> -our
    -er/-re       center, theater, fiber, liter, ...                                -> -re
    -ense/-ence   defense, offense, pretense                                        -> -ence
    -l-/-ll-      traveled, counseling, modeling, ... (stems ending in one l)       -> -ll-
    e/ae/oe       pediatric, gynecology, anesthesia, fetus, estrogen                 -> ae, oe
    single words  program, judgment, aging, gray, catalog, ...

The browser applies the same data (as_data(), in the search data file) with the same function
(engine.js's britishSpelling).
"""
from __future__ import annotations

import re
from functools import lru_cache

# -ise, -yse and their forms -> -ize, -yze: both are British (-ize is Oxford spelling), and the Porter
# stemmer's rules are written for -ize, so criminalised meets criminal and analysed analyze. The letter
# before -ise is a consonant other than w, after three letters or more: raise, noise, otherwise keep theirs.
SUFFIX_RULES: list[tuple[str, str]] = [
    (r"^(.{3,}[^aeiouw])is(e|es|ed|ing|er|ers|ation|ations|able)$", r"\1iz\2"),
    (r"^(.{2,})ys(e|es|ed|ing|er|ers)$", r"\1yz\2"),
]
# Word starts written differently; a start listed under PREFIX_EXCEPTIONS keeps its spelling
# (honorary and honorific are American and British).
PREFIXES: list[tuple[str, str]] = [
    (american, american[:-2] + "our") for american in (
        "honor", "behavior", "color", "labor", "neighbor", "favor", "humor", "rumor", "harbor", "vigor",
        "endeavor", "flavor", "savior", "odor", "armor", "vapor", "tumor", "valor", "parlor", "clamor",
        "candor", "splendor", "fervor", "rigor", "ardor", "demeanor")
] + [
    ("pediatr", "paediatr"), ("gynecolog", "gynaecolog"), ("anesthe", "anaesthe"), ("anemi", "anaemi"),
    ("hemorrhag", "haemorrhag"), ("orthoped", "orthopaed"), ("estrogen", "oestrogen"), ("leukemi", "leukaemi"),
    ("diarrhe", "diarrhoe"), ("maneuver", "manoeuvre"),
]
PREFIX_EXCEPTIONS = ("honorar", "honorif", "laborator", "laborious", "coloniz")
# ... and so do the -ous adjectives of the -or words: rigorous, humorous, vigorous are British too.
PREFIX_KEEPS = "ous"

_RE_ENDINGS = ("", "s")
_DOUBLE_L_STEMS = ("travel", "counsel", "cancel", "label", "model", "signal", "fuel", "level", "marshal",
                   "channel", "dial", "equal", "jewel", "total", "tunnel", "quarrel", "rival", "pedal", "libel",
                   "duel", "shovel", "funnel", "panel", "parcel", "pencil", "spiral", "control")


def _words() -> dict[str, str]:
    table: dict[str, str] = {}
    for american, british in (("center", "centre"), ("theater", "theatre"), ("fiber", "fibre"),
                              ("liter", "litre"), ("caliber", "calibre"), ("somber", "sombre"),
                              ("specter", "spectre"), ("luster", "lustre"), ("saber", "sabre"),
                              ("meager", "meagre")):
        for ending in _RE_ENDINGS:
            table[american + ending] = british + ending
        table[american + "ed"] = british[:-1] + "ed"
        table[american + "ing"] = british[:-1] + "ing"
    for american, british in (("defense", "defence"), ("offense", "offence"), ("pretense", "pretence")):
        table[american] = british
        table[american + "s"] = british + "s"
    for stem in _DOUBLE_L_STEMS:
        if stem == "control":            # controlled in both spellings; only "controled" is a misspelling
            continue
        for suffix in ("ed", "ing", "er", "ers", "or", "ors"):
            table[stem + suffix] = stem + "l" + suffix
    for american, british in (("enrollment", "enrolment"), ("enrollments", "enrolments"), ("fulfill", "fulfil"),
                              ("fulfills", "fulfils"), ("fulfillment", "fulfilment"), ("skillful", "skilful"),
                              ("willful", "wilful"), ("installment", "instalment"), ("program", "programme"),
                              ("programs", "programmes"), ("judgment", "judgement"), ("judgments", "judgements"),
                              ("acknowledgment", "acknowledgement"), ("aging", "ageing"), ("gray", "grey"),
                              ("mold", "mould"), ("catalog", "catalogue"), ("dialog", "dialogue"),
                              ("analog", "analogue"), ("fetus", "foetus"), ("fetuses", "foetuses"),
                              ("jewelry", "jewellery"), ("cozy", "cosy"), ("mom", "mum"), ("moms", "mums"),
                              ("plow", "plough"), ("pajamas", "pyjamas"), ("tire", "tyre"), ("tires", "tyres")):
        table[american] = british
    return table


WORDS: dict[str, str] = _words()
_SUFFIX_RULES = [(re.compile(pattern), replacement) for pattern, replacement in SUFFIX_RULES]


@lru_cache(maxsize=200_000)
def british(word: str) -> str:
    """The British spelling of a folded English word; the word itself when it has none."""
    if word in WORDS:
        return WORDS[word]
    for american, replacement in PREFIXES:
        rest = word[len(american):]
        if word.startswith(american) and not word.startswith(PREFIX_EXCEPTIONS) and not rest.startswith(PREFIX_KEEPS):
            return replacement + rest
    for pattern, replacement in _SUFFIX_RULES:
        if pattern.match(word):
            return pattern.sub(replacement, word)
    return word


def as_data() -> dict:
    """The rules for the browser (search data file): the same tables, the patterns as strings."""
    return {"words": WORDS, "prefixes": PREFIXES, "prefixExceptions": list(PREFIX_EXCEPTIONS), "prefixKeeps": PREFIX_KEEPS,
            "suffixRules": [[pattern, replacement.replace("\\", "$")] for pattern, replacement in SUFFIX_RULES]}
