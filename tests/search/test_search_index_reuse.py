"""`make serve` indexes at every save and keeps what it can of the last index (a page's fields, a text's
terms, the compound splits): whatever the saves, the index must be the one a fresh process makes."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings, strategies as st

from portal.content import glossary as glossary_data
from portal.search import extract, indexer

# Words that make and break Swedish compounds: a new one changes how other pages' words split. The
# glossary's words (barn, äktenskap, heder, ...) are always in the vocabulary; the others come and go
# with the pages (bil, olycka, trafik, tunnel, ...).
WORDS = ["barn", "äktenskap", "barnäktenskap", "barnäktenskapsbrott", "heder", "hedersbrott", "brott",
         "förtryck", "hedersförtryck", "skydd", "skyddsbedömning", "bedömning", "flickorna", "flicka",
         "regel", "regler", "trafikregler", "stöd", "socialtjänsten", "tjänst", "kontakt",
         "bil", "olycka", "bilolycka", "trafik", "trafikbrott", "försäljning", "bilförsäljning", "tunnel",
         "tunnlar", "biltunneln", "sten", "skolbuss", "buss"]
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


def _save_changes_the_index(glossary: dict, before: list[indexer.SearchDoc],
                            after: list[indexer.SearchDoc]) -> None:
    """The index after a save from `before` to `after` is a fresh process's, and not the one before it."""
    first = _fresh("sv", before, glossary)
    indexer._analysers.clear()
    indexer._page_words.clear()
    _files("sv", before, glossary)
    saved = _files("sv", after, glossary)
    assert saved == _fresh("sv", after, glossary)
    assert saved != first


def _plain(number: int, title: str, description: str, body: str) -> indexer.SearchDoc:
    return indexer.SearchDoc(id=f"sida-{number}", url=f"sida-{number}/", title=title, description=description,
                             body=body)


@pytest.mark.parametrize("page", [
    _doc(0, "Sida", "bilförsäljning", []),                      # in the body of a page without sections
    _doc(0, "Sida", "bilförsäljning", [("Rubrik", "bilförsäljning")]),   # in a section
    _doc(0, "Bilförsäljning", "", []),                           # in the title
    _plain(0, "Sida", "bilförsäljning", ""),                     # in the description
])
def test_a_word_new_to_the_site_splits_another_pages_compound_wherever_it_stands(glossary: dict, page) -> None:
    """'bilförsäljning' splits only once 'bil' is a word of the site (neither is a glossary word, so the
    vocabulary really changes): a save of another page that brings it changes this page's parts."""
    _save_changes_the_index(glossary, [page, _doc(1, "Annan", "försäljning", [])],
                            [page, _doc(1, "Annan", "försäljning bil", [])])


def test_a_save_with_more_new_words_than_are_followed_indexes_every_page_again(glossary: dict) -> None:
    many = " ".join("ord" + "".join("abcdefghijklmnopqrstuvwxyz"[(n // 26 ** k) % 26] for k in range(3))
                    for n in range(80))
    page = _doc(0, "Sida", "trafikbrott", [])
    _save_changes_the_index(glossary, [page, _doc(1, "Annan", "brott", [])],
                            [page, _doc(1, "Annan", "brott trafik " + many, [])])


def test_a_new_word_indexes_again_only_the_pages_whose_words_split_differently(glossary: dict,
                                                                               monkeypatch) -> None:
    """What makes `make serve` keep up: a save that brings a word analyses the saved page and the pages
    with a compound of the word, not every page."""
    docs = [_doc(0, "Handel", "bilförsäljning", []), _doc(1, "Vägar", "biltunneln", []),
            _doc(2, "Annat", "skolbuss och olycka", []), _doc(3, "Ny", "försäljning", [])]
    indexer._analysers.clear()
    indexer._page_words.clear()
    _files("sv", docs, glossary)
    analysed: list[str] = []
    fields = indexer._Analyser.fields
    monkeypatch.setattr(indexer._Analyser, "fields", lambda self, doc: analysed.append(doc.id) or fields(self, doc))
    docs[3] = _doc(3, "Ny", "försäljning bil", [])
    saved = _files("sv", docs, glossary)
    assert indexer._analysers["sv"][1].splitter.changed == {"bilforsaljning"}
    assert sorted(analysed) == ["sida-0", "sida-3"]
    monkeypatch.undo()
    assert saved == _fresh("sv", docs, glossary)


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
