"""How much a term weighs on a page: BM25F over the page's fields, computed when the index is built.

    weighted tf = sum over fields of  FIELD_WEIGHTS[f] * tf_f / (1 - b_f + b_f * length_f / average length_f)
    score       = idf * weighted tf * (K1 + 1) / (weighted tf + K1),   idf = ln(1 + (N - df + 0.5) / (df + 0.5))

The saturation (K1) keeps a page that mentions a word twenty times in passing below a page with the word
in its title; the field weights make the title, the keywords and the glossary concepts in them count
most. Scores are stored as integers (SCALE), so the browser and Python add the same numbers.
"""
from __future__ import annotations

import math
from collections import Counter

FIELD_WEIGHTS = {"title": 10.0, "keywords": 8.0, "headings": 3.0, "description": 4.0, "body": 1.0,
                 "parts_head": 2.5, "parts_body": 0.4}
LENGTH_NORMALISATION = {"title": 0.3, "keywords": 0.3, "headings": 0.5, "description": 0.5, "body": 0.75,
                        "parts_head": 0.3, "parts_body": 0.75}
K1 = 8.0
# A listing page's text is mostly other pages' titles and descriptions: only its own title and keywords
# count in full, so it ranks below the pages it lists for their words but first for its own name.
LISTING_FACTOR = 0.3
OWN_FIELDS = ("title", "keywords", "parts_head")
SCALE = 100
SECTION_HEADING_WEIGHT = 10  # a term in a section's heading counts ten times its body's (indexer: the section a term answers)


# A page's fields as `score` takes them: each field's number of terms, and the terms grouped by where and how
# often they occur, ((field, count), ...) in FIELD_WEIGHTS order. Every term of a group weighs the same on
# the page, so `score` works out a page's weights per group (a few dozen), not per term (hundreds).
Counted = tuple[dict[str, int], list[tuple[tuple[tuple[str, int], ...], list[str]]]]


def counted(fields: dict[str, list[str]]) -> Counted:
    """A page's fields as `score` takes them: worked out once per page text (indexer), not at every index."""
    where: dict[str, list[tuple[str, int]]] = {}
    for name in FIELD_WEIGHTS:
        for term, times in Counter(fields.get(name, ())).items():
            where.setdefault(term, []).append((name, times))
    groups: dict[tuple[tuple[str, int], ...], list[str]] = {}
    for term, occurrences in where.items():
        groups.setdefault(tuple(occurrences), []).append(term)
    return {name: len(terms) for name, terms in fields.items()}, list(groups.items())


def score(pages: list[Counted], listing: list[bool]) -> dict[str, list[tuple[int, int]]]:
    """term -> [(page number, integer score), ...] in page order, for the pages' field terms."""
    count = len(pages)
    names = [name for name in FIELD_WEIGHTS if any(name in lengths for lengths, _ in pages)]
    average = {name: (sum(lengths[name] for lengths, _ in pages if name in lengths) / count) or 1.0 for name in names}
    weighted: dict[str, list[tuple[int, float]]] = {}
    for number, (lengths, groups) in enumerate(pages):
        norms: dict[str, float] = {}
        for name in names:
            length = lengths.get(name, 0)
            if not length:
                continue
            b = LENGTH_NORMALISATION[name]
            norm = FIELD_WEIGHTS[name] / (1 - b + b * length / average[name])
            if listing[number] and name not in OWN_FIELDS:
                norm *= LISTING_FACTOR
            norms[name] = norm
        for occurrences, terms in groups:
            value = 0.0   # summed in field order, as a sum per term would be: the same float
            for name, times in occurrences:
                value = value + norms[name] * times
            entry = (number, value)
            for term in terms:
                entries = weighted.get(term)
                if entries is None:
                    weighted[term] = [entry]
                else:
                    entries.append(entry)
    out: dict[str, list[tuple[int, int]]] = {}
    for term, entries in weighted.items():
        idf = math.log(1 + (count - len(entries) + 0.5) / (len(entries) + 0.5))
        out[term] = [(number, max(1, round(SCALE * idf * value * (K1 + 1) / (value + K1))))
                     for number, value in entries]
    return out
