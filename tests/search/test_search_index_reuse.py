"""`make serve` indexes at every save and keeps what it can of the last index (a page's fields, a text's
terms, the compound splits): whatever the saves, the index must be the one a fresh process makes."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings, strategies as st

from portal.content import glossary as glossary_data
from portal.search import extract, indexer

# Words that make and break Swedish compounds: a new one changes how other pages' words split.
WORDS = ["barn", "äktenskap", "barnäktenskap", "barnäktenskapsbrott", "heder", "hedersbrott", "brott",
         "förtryck", "hedersförtryck", "skydd", "skyddsbedömning", "bedömning", "flickorna", "flicka",
         "regel", "regler", "trafikregler", "stöd", "socialtjänsten", "tjänst", "kontakt"]
TEXTS = st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join)


def _doc(number: int, title: str, body: str, sections: list[tuple[str, str]]) -> indexer.SearchDoc:
    return indexer.SearchDoc(id=f"sida-{number}", url=f"sida-{number}/", title=title or "Sida", body=body,
                             headings=[heading for heading, _ in sections],
                             sections=[extract.Section(anchor=f"s{n}", heading=h, body=b)
                                       for n, (h, b) in enumerate(sections)])


PAGE = st.tuples(TEXTS, TEXTS, st.lists(st.tuples(TEXTS, TEXTS), max_size=3))


def _files(lang: str, docs: list[indexer.SearchDoc], glossary: dict) -> str:
    return json.dumps(indexer.build(docs, lang, glossary).files(), sort_keys=True, ensure_ascii=False)


def _fresh(lang: str, docs: list[indexer.SearchDoc], glossary: dict) -> str:
    kept = dict(indexer._analysers), dict(indexer._page_words)
    indexer._analysers.clear()
    indexer._page_words.clear()
    try:
        return _files(lang, docs, glossary)
    finally:
        indexer._analysers.clear()
        indexer._analysers.update(kept[0])
        indexer._page_words.clear()
        indexer._page_words.update(kept[1])


@pytest.fixture(scope="module")
def glossary() -> dict:
    return glossary_data.load()


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["sv", "en"]), st.lists(PAGE, min_size=1, max_size=4),
       st.lists(st.tuples(st.integers(min_value=0, max_value=3), PAGE), min_size=1, max_size=4))
def test_an_index_after_saves_is_the_index_of_a_fresh_process(glossary: dict, lang: str, pages: list,
                                                             saves: list) -> None:
    docs = [_doc(n, *page) for n, page in enumerate(pages)]
    _files(lang, docs, glossary)
    for which, page in saves:
        docs[which % len(docs)] = _doc(which % len(docs), *page)   # a save: one page's new text
        assert _files(lang, docs, glossary) == _fresh(lang, docs, glossary)


def test_a_word_new_to_the_site_splits_the_other_pages_compounds_again(glossary: dict) -> None:
    """'hedersbrott' splits only once 'heder' is a word of the site: a save that brings it changes another
    page's parts."""
    docs = [_doc(0, "Sida", "hedersbrott", []), _doc(1, "Annan", "brott", [])]
    before = indexer.build(docs, "sv", glossary)
    docs[1] = _doc(1, "Annan", "brott heder", [])
    after = _files("sv", docs, glossary)
    assert after == _fresh("sv", docs, glossary)
    assert after != json.dumps(before.files(), sort_keys=True, ensure_ascii=False)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_what_is_kept_is_the_texts_of_the_pages_now_however_many_saves(glossary: dict, lang: str) -> None:
    """A long session of saves that bring no new word must not keep every text ever saved."""
    indexer._analysers.clear()
    indexer._page_words.clear()
    docs = [_doc(0, "Barn", "barn skydd", [("Stöd", "stöd barn")]), _doc(1, "Heder", "heder brott", [])]
    sizes = []
    for save in range(30):
        words = " ".join(WORDS[(save + n) % 5] for n in range(6))   # the same few words, a new text each time
        docs[0] = _doc(0, "Barn", words, [("Stöd", words), ("Skydd", "skydd " + words)])
        indexer.build(docs, lang, glossary)
        kept = indexer._analysers[lang][1].analysed
        sizes.append(len(kept._now) + len(kept._before))
        # This index's texts, and at most the last index's besides.
        assert set(kept._now) <= {value for doc in docs for value in indexer._analysed_texts(doc)}
    assert max(sizes[5:]) <= 2 * len(indexer._analysed_texts(docs[0]) + indexer._analysed_texts(docs[1])), sizes
