"""A language's search folder written here or by the preview's second process (portal.search.index_files,
portal.build.serve_worker): after any series of saves, the second process, which is sent only the pages
it does not hold and keeps their terms, writes the same files, byte for byte, as a fresh index here."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from portal.build import serve_worker
from portal.content import glossary as glossary_data
from portal.search import index_files, indexer, layout

WORDS = ["barn", "äktenskap", "barnäktenskap", "hedersbrott", "brott", "skydd", "skyddsbedömning",
         "bedömning", "socialtjänsten", "bil", "olycka", "bilolycka", "tunnel", "biltunneln", "<b>fet</b>",
         "&amp;", "ÅÄÖ", "e\u0301", "x" * 300, "", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢"]
TEXT = st.lists(st.sampled_from(WORDS), max_size=8).map(" ".join)
HTML = st.lists(st.tuples(st.booleans(), TEXT), max_size=4).map(
    lambda parts: "".join(f'<h2 id="s{n}">{text}</h2>' if heading else f"<p>{text}</p>"
                          for n, (heading, text) in enumerate(parts)))
META = st.fixed_dictionaries({"title": TEXT, "description": TEXT},
                             optional={"keywords": st.lists(TEXT, max_size=2), "listing": st.just(True),
                                       "type": st.sampled_from(["guidance", "typology"])})


def _page(number: int, meta: dict, html: str) -> index_files.Page:
    return index_files.Page(meta, f"sida-{number}", f"sida-{number}/", html)


def _settings(site: Path, lang: str, glossary: dict, pages: int) -> index_files.Settings:
    return index_files.Settings(lang, site, "search/", layout.bucket_count(pages), glossary,
                                indexer.labels_of(lang), ["victims"])


def _folder(site: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted((site / "search").iterdir())}


@pytest.fixture(scope="module")
def glossary() -> dict:
    return glossary_data.load()


@pytest.fixture(scope="module", autouse=True)
def worker():
    yield
    serve_worker.stop()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["sv", "en"]), st.lists(st.tuples(META, HTML), min_size=1, max_size=5),
       st.lists(st.tuples(st.integers(0, 6), st.one_of(st.none(), st.tuples(META, HTML))), min_size=1, max_size=5))
def test_the_second_process_writes_what_a_fresh_index_here_writes(tmp_path_factory, glossary: dict, lang: str,
                                                                  first: list, saves: list) -> None:
    sender = index_files.Sender()
    pages = {n: _page(n, meta, html) for n, (meta, html) in enumerate(first)}
    for step, (which, change) in enumerate([(None, None)] + saves):
        if which is not None:      # a save: a page changed, added (a new number) or removed (None)
            if change is None:
                pages.pop(which, None)
            else:
                pages[which] = _page(which, *change)
        current = list(pages.values())
        served, fresh = tmp_path_factory.mktemp("served"), tmp_path_factory.mktemp("fresh")
        sent = sender.pages(lang, serve_worker.generation(), current)
        files = serve_worker.call(index_files.write_sent, sent, _settings(served, lang, glossary, len(current))).get()
        indexer._analysers.clear()
        indexer._page_words.clear()
        index_files.write(current, _settings(fresh, lang, glossary, len(current)))
        assert _folder(served) == _folder(fresh), f"save {step}"
        assert sorted(Path(name).name for name in files) == sorted(layout.file_names(len(current), layout.bucket_count(len(current))))


def test_only_pages_the_second_process_does_not_hold_are_sent() -> None:
    sender = index_files.Sender()
    pages = [_page(n, {"title": f"Sida {n}"}, f"<p>text {n}</p>") for n in range(3)]
    assert [html for *_, html in sender.pages("sv", 1, pages)] == [p.html for p in pages]
    pages[1] = _page(1, {"title": "Ny titel"}, "<p>ny text</p>")
    assert [html for *_, html in sender.pages("sv", 1, pages)] == [None, "<p>ny text</p>", None]
    assert [html for *_, html in sender.pages("sv", 1, pages)] == [None, None, None]
    assert [meta["title"] for meta, *_ in sender.pages("sv", 1, pages)] == ["Sida 0", "Ny titel", "Sida 2"]
    # Another language, a new process, or a failed call: all again.
    assert None not in [html for *_, html in sender.pages("en", 1, pages)]
    assert None not in [html for *_, html in sender.pages("sv", 2, pages)]
    sender.forget("sv")
    assert None not in [html for *_, html in sender.pages("sv", 2, pages)]


def test_a_page_sent_without_its_text_to_a_process_that_lacks_it_is_an_error_not_a_wrong_index(tmp_path, glossary) -> None:
    page = _page(0, {"title": "Sida"}, "<p>text</p>")
    sent = [(page.meta, page.base, page.url, ("sida-0/", 11, 12345), None)]
    with pytest.raises(index_files.TextLost, match="sida-0/.*next save sends it again"):
        index_files.write_sent(sent, _settings(tmp_path, "sv", glossary, 1))


@pytest.mark.parametrize("pages", [0, 1, 7, 8, 9, 130])
def test_the_files_an_index_writes_are_known_before_it_is_built(pages: int) -> None:
    docs = [indexer.SearchDoc(id=f"p{n}", url=f"p{n}/", title=f"Sida {n}") for n in range(pages)]
    buckets = layout.bucket_count(pages)
    data = indexer.build(docs, "en", {"terms": []}, labels={}, buckets=buckets, personal_audiences=[])
    assert sorted(data.files()) == sorted(layout.file_names(pages, buckets))
