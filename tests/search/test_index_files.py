"""A language's search folder written here or by the preview's second process (portal.search.index_files,
portal.build.serve_worker): after any series of saves, the second process, which is sent only the pages
it does not hold and keeps their terms, writes the same files, byte for byte, as a fresh index here."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from portal.build import serve_worker
from portal.content import glossary as glossary_data
from portal.search import index_files, indexer, layout, site_data

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
                                site_data.labels(lang), ["victims"])


def _folder(site: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted((site / "search").iterdir())}


def _fresh_index(pages: list[index_files.Page], settings: index_files.Settings) -> None:
    """The index a fresh process writes (this one's kept analysis forgotten)."""
    indexer._analysers.clear()
    indexer._page_words.clear()
    index_files.write(pages, settings)


def _save(tmp: Path, sender: index_files.Sender, lang: str, pages: list[index_files.Page], glossary: dict,
          step: int) -> None:
    """A save as `make serve` does it, compared with a fresh index of the same pages."""
    served, fresh = tmp / f"served-{lang}-{step}", tmp / f"fresh-{lang}-{step}"
    served.mkdir()
    sender.send(pages, _settings(served, lang, glossary, len(pages)), serve_worker).get()
    _fresh_index(pages, _settings(fresh, lang, glossary, len(pages)))
    assert _folder(served) == _folder(fresh), f"{lang} save {step}"


@pytest.fixture(scope="module")
def glossary() -> dict:
    return glossary_data.load()


@pytest.fixture(scope="module", autouse=True)
def worker():
    serve_worker.stop()
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
        files = sender.send(current, _settings(served, lang, glossary, len(current)), serve_worker).get()
        _fresh_index(current, _settings(fresh, lang, glossary, len(current)))
        assert _folder(served) == _folder(fresh), f"save {step}"
        assert sorted(Path(name).name for name in files) == sorted(layout.file_names(len(current), layout.bucket_count(len(current))))


def test_only_pages_the_second_process_holds_are_sent_without_their_html() -> None:
    sender = index_files.Sender()
    pages = [_page(n, {"title": f"Sida {n}"}, f"<p>text {n}</p>") for n in range(3)]
    sent = sender.pages("sv", 1, pages)
    assert [html for *_, html in sent] == [p.html for p in pages]
    assert [html for *_, html in sender.pages("sv", 1, pages)] == [p.html for p in pages]   # not answered yet
    sender.held("sv", 1, sent)
    pages[1] = _page(1, {"title": "Ny titel"}, "<p>ny text</p>")
    sent = sender.pages("sv", 1, pages)
    assert [html for *_, html in sent] == [None, "<p>ny text</p>", None]
    assert [meta["title"] for meta, *_ in sent] == ["Sida 0", "Ny titel", "Sida 2"]
    sender.held("sv", 1, sent)
    assert [html for *_, html in sender.pages("sv", 1, pages)] == [None, None, None]
    # An edit that keeps the length of the HTML, another language, a new process, a failed call: sent.
    same_length = _page(0, {"title": "Sida 0"}, "<p>text 9</p>")
    assert sender.pages("sv", 1, [same_length])[0][4] == "<p>text 9</p>"
    assert None not in [html for *_, html in sender.pages("en", 1, pages)]
    assert None not in [html for *_, html in sender.pages("sv", 2, pages)]
    sender.forget("sv")
    assert None not in [html for *_, html in sender.pages("sv", 1, pages)]


def test_what_the_process_holds_is_recorded_only_when_its_call_succeeded(tmp_path, glossary) -> None:
    sender = index_files.Sender()
    pages = [_page(n, {"title": f"Sida {n}"}, f"<p>barn {n}</p>") for n in range(3)]
    _save(tmp_path, sender, "sv", pages, glossary, 0)
    # A failing call (the site folder is gone): the process drops what it held, and so does the sender.
    with pytest.raises(FileNotFoundError, match="site folder .* is gone"):
        sender.send(pages, _settings(tmp_path / "gone", "sv", glossary, 3), serve_worker).get()
    assert None not in [html for *_, html in sender.pages("sv", serve_worker.generation(), pages)]
    _save(tmp_path, sender, "sv", pages, glossary, 1)
    # A call that cannot even be sent records nothing either.
    with pytest.raises(Exception, match="(?i)pickle"):
        sender.send([_page(0, {"title": lambda: None}, "<p>x</p>")], _settings(tmp_path, "sv", glossary, 1), serve_worker)
    _save(tmp_path, sender, "sv", pages, glossary, 2)


def test_an_edit_that_keeps_the_length_of_the_html_is_indexed(tmp_path, glossary) -> None:
    sender = index_files.Sender()
    _save(tmp_path, sender, "sv", [_page(0, {"title": "Sida"}, "<p>brott</p>")], glossary, 0)
    _save(tmp_path, sender, "sv", [_page(0, {"title": "Sida"}, "<p>skydd</p>")], glossary, 1)


def test_swedish_and_english_in_turn_with_one_sender(tmp_path, glossary) -> None:
    sender = index_files.Sender()
    for step in range(3):
        for lang in ("sv", "en"):
            pages = [_page(n, {"title": f"Sida {n}"}, f"<p>{lang} barn {n} {step if n == 0 else ''}</p>") for n in range(3)]
            _save(tmp_path, sender, lang, pages, glossary, step)


def test_a_page_removed_and_added_again_unchanged(tmp_path, glossary) -> None:
    sender = index_files.Sender()
    pages = [_page(n, {"title": f"Sida {n}"}, f"<p>barn {n}</p>") for n in range(3)]
    _save(tmp_path, sender, "sv", pages, glossary, 0)
    _save(tmp_path, sender, "sv", pages[:2], glossary, 1)
    _save(tmp_path, sender, "sv", pages, glossary, 2)


def test_a_glossary_edit_between_saves(tmp_path, glossary) -> None:
    sender = index_files.Sender()
    pages = [_page(n, {"title": f"Sida {n}"}, f"<p>hedersvåld honour violence kaffebryggare coffee maker {n}</p>")
             for n in range(3)]
    term = {"id": "kaffe", "sv": {"term": "kaffebryggare", "definition": "x", "lay_terms": ["hedersvåld"]},
            "en": {"term": "coffee maker", "definition": "x", "lay_terms": ["honour violence"]}}
    changed = {**glossary, "terms": [entry for entry in glossary["terms"] if entry["id"] != "hedersrelaterat-vald-och-fortryck"]
               + [term]}
    for lang in ("sv", "en"):
        _save(tmp_path, sender, lang, pages, glossary, 0)
        _save(tmp_path, sender, lang, pages, changed, 1)


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


def test_a_build_that_stopped_half_way_does_not_fail_the_next_or_leave_its_files(tmp_path, monkeypatch, glossary) -> None:
    """make serve goes on after a failed build: what it left running in the second process (an index that
    failed, or a process that died) must not fail the next build, nor leave files a fresh build lacks."""
    import preview_hooks
    import search_index
    from portal.build import background, incremental

    session = incremental.Session()
    session.active = True
    monkeypatch.setattr(search_index, "SESSION", session)
    monkeypatch.setattr(search_index, "_sender", index_files.Sender())
    site = tmp_path / "site"
    site.mkdir()

    def pages(version: str, count: int = 20, bad: bool = False) -> list[index_files.Page]:
        out = [_page(n, {"title": f"Sida {n}"}, f"<p>barn skydd {n}</p>") for n in range(count)]
        out[2] = _page(2, {"title": "Ändrad", "keywords": 5} if bad else {"title": "Ändrad"}, f"<p>version {version}</p>")
        return out

    def build(version: str, collected: list[index_files.Page], finish: bool = True, kill: bool = False) -> None:
        preview_hooks.settle_abandoned_work()   # what on_pre_build does before the session starts
        session.start([])
        settings = _settings(site, "sv", glossary, len(collected))
        search_index._index_in_worker(collected, settings, f"key-{version}")
        if kill:
            serve_worker._process.kill()
            serve_worker._process.wait()
        if finish:
            session.renders.sweep(site)     # preview_hooks, before delivery waits for the index
            background.finish()
            _fresh_index(collected, _settings(tmp_path / f"fresh-{version}", "sv", glossary, len(collected)))
            assert _folder(site) == _folder(tmp_path / f"fresh-{version}")
            assert session.outputs["search:sv"][0] == f"key-{version}"

    build("1", pages("1"))
    build("2", pages("2", bad=True), finish=False)    # its index fails in the worker; the build stops elsewhere
    build("3", pages("3"))
    build("4", pages("4", count=200), finish=False)   # more buckets and fragments than the next build writes
    build("5", pages("5"))
    build("6", pages("6"), finish=False, kill=True)  # the worker dies
    build("7", pages("7"))
