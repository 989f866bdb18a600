"""The index's scores are the BM25F of scoring.py's docstring, whatever the pages' fields: checked
against the formula written out term by term, for generated pages."""
from __future__ import annotations

import math

from hypothesis import given, settings, strategies as st

from portal.search import scoring

TERMS = st.sampled_from(["barn", "äktenskap", "skydd", "hjälp", "ö", "x" * 40])
FIELDS = st.dictionaries(st.sampled_from(sorted(scoring.FIELD_WEIGHTS)), st.lists(TERMS, max_size=30), max_size=7)


def _formula(pages: list[dict[str, list[str]]], listing: list[bool]) -> dict[str, dict[int, int]]:
    names = {name for page in pages for name in page}
    average = {name: (sum(len(page.get(name, [])) for page in pages) / len(pages)) or 1.0 for name in names}
    weighted: dict[str, dict[int, float]] = {}
    for number, page in enumerate(pages):
        for name, terms in page.items():
            if not terms:
                continue
            b = scoring.LENGTH_NORMALISATION[name]
            factor = scoring.LISTING_FACTOR if listing[number] and name not in scoring.OWN_FIELDS else 1.0
            for term in set(terms):
                tf = factor * scoring.FIELD_WEIGHTS[name] * terms.count(term) / (1 - b + b * len(terms) / average[name])
                weighted.setdefault(term, {}).setdefault(number, 0.0)
                weighted[term][number] += tf
    scores: dict[str, dict[int, int]] = {}
    for term, by_page in weighted.items():
        idf = math.log(1 + (len(pages) - len(by_page) + 0.5) / (len(by_page) + 0.5))
        scores[term] = {number: max(1, round(scoring.SCALE * idf * value * (scoring.K1 + 1) / (value + scoring.K1)))
                        for number, value in by_page.items()}
    return scores


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(FIELDS, st.booleans()), min_size=1, max_size=12))
def test_scores_follow_the_formula_for_any_pages(pages: list[tuple[dict[str, list[str]], bool]]) -> None:
    fields, listing = [page for page, _ in pages], [flag for _, flag in pages]
    got = scoring.score([scoring.counted(page) for page in fields], listing)
    expected = _formula(fields, listing)
    assert {term: [number for number, _ in entries] for term, entries in got.items()} == \
        {term: sorted(by_page) for term, by_page in expected.items()}   # pages in page order
    for term, entries in got.items():
        for number, value in entries:
            # The sum over fields may round differently in the last bit: one point of SCALE at most.
            assert abs(value - expected[term][number]) <= 1, (term, number)


def test_a_page_without_terms_gets_no_scores() -> None:
    assert scoring.score([scoring.counted({"title": [], "body": []})], [False]) == {}
