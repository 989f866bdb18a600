"""The glossary page: a stable anchor per term, an A–Ö (A–Z) index whose links all land, bold terms,
the Swedish words in the English glossary; abbreviations readable by keyboard and touch."""
from __future__ import annotations

from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from portal.content import abbreviations, glossary
from portal.publish import glossary_page


@pytest.mark.parametrize("term, lang, expected", [
    ("äktenskapstvång", "sv", "Ä"), ("Åtal", "sv", "Å"), ("öra", "sv", "Ö"), ("émigré", "sv", "E"),
    ("émigré", "en", "E"), ("Åtal", "en", "A"), ("Barnahus", "en", "B"), ("3-stegsmodellen", "sv", "#"),
])
def test_each_term_has_a_letter_of_its_language(term: str, lang: str, expected: str) -> None:
    assert glossary_page.letter(term, lang) == expected


def page(site: Path, url: str) -> LexborHTMLParser:
    return LexborHTMLParser((site / url / "index.html").read_text(encoding="utf-8"))


@pytest.mark.parametrize("url, lang", [("ordlista", "sv"), ("en/ordlista", "en")])
def test_index_links_land_and_every_term_has_its_stable_anchor(real_site: Path, url: str, lang: str) -> None:
    tree = page(real_site, url)
    ids = [node.attributes["id"] for node in tree.css("[id]")]
    assert len(ids) == len(set(ids)), "duplicate ids"
    letters = [a.text() for a in tree.css("nav.portal-glossary-index a")]
    alphabet = glossary_page.ALPHABETS[lang]
    assert letters == sorted(letters, key=alphabet.index) and len(letters) >= 10
    if lang == "sv":
        assert letters[-1] in "ÅÄÖ"
    else:
        assert all(letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" for letter in letters)
    for link in tree.css("nav.portal-glossary-index a"):
        target = tree.css_first(f'[id="{link.attributes["href"][1:]}"]')
        assert target is not None and target.text().strip() == link.text()
    terms = {t["id"]: t[lang]["term"] for t in glossary.load()["terms"] if lang in t}
    for term_id, term in terms.items():
        dt = tree.css_first(f'dt[id="{term_id}"]')
        assert dt is not None and dt.css_first("dfn") is not None, term_id
        assert dt.text().strip().casefold() == term.casefold()


def test_the_english_glossary_names_the_swedish_words(real_site: Path) -> None:
    tree = page(real_site, "en/ordlista")
    for term_id, words in (("orosanmalan", "orosanmälan"), ("utreseforbud", "utreseförbud"),
                           ("socialtjansten", "socialnämnden")):
        dd = tree.css_first(f'dt[id="{term_id}"]').next
        while dd is not None and dd.tag != "dd":
            dd = dd.next
        swedish = dd.css_first('span[lang="sv"]')
        assert swedish is not None and words in swedish.text(), term_id


def test_first_use_of_each_abbreviation_takes_focus() -> None:
    marked = abbreviations.focusable_first_uses(
        '<p><abbr title="lagen om vård av unga">LVU</abbr> och <abbr title="socialtjänstlagen">SoL</abbr>, '
        'igen <abbr title="lagen om vård av unga">LVU</abbr>.</p>')
    tree = LexborHTMLParser(marked)
    assert [(a.text(), a.attributes.get("tabindex")) for a in tree.css("abbr")] == [
        ("LVU", "0"), ("SoL", "0"), ("LVU", None)]


def test_built_pages_make_each_abbreviation_focusable_once(real_site: Path) -> None:
    checked = 0
    for path in [real_site / "typfall" / "sommarresan", real_site / "en" / "vagledning" / "ud-konsulart-stod"]:
        tree = LexborHTMLParser((path / "index.html").read_text(encoding="utf-8"))
        seen: set[str] = set()
        for abbr in tree.css("article abbr[title]"):
            first = abbr.text() not in seen
            seen.add(abbr.text())
            assert (abbr.attributes.get("tabindex") == "0") == first, (path, abbr.html)
            checked += 1
    assert checked >= 5
