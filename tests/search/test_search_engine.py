"""Search logic on small synthetic corpora: analysis, compounds, glossary concepts, packing, ranking.

No MkDocs build here: hooks/portal/search/ is plain Python. The browser side (engine.js) is compared with
this one in tests/search/test_search_browser.py.
"""
from __future__ import annotations

import json

import pytest

from portal.search import analysis, concepts, engine, extract, indexer, packing
from portal.search.compounds import Decompounder
from portal.search.stemmers import snowball_sv, stem_en, stem_sv

GLOSSARY = {
    "terms": [
        {"id": "konsstympning",
         "sv": {"term": "könsstympning", "synonyms": ["kvinnlig könsstympning"], "lay_terms": ["omskärelse"],
                "abbreviations": ["FGM"]},
         "en": {"term": "female genital mutilation", "lay_terms": ["circumcision"], "abbreviations": ["FGM"],
                "deprecated": ["female circumcision"]}},
        {"id": "tvangsaktenskap",
         "sv": {"term": "tvångsäktenskap", "synonyms": ["tvångsgifte"], "lay_terms": ["giftas bort"]},
         "en": {"term": "forced marriage", "lay_terms": ["married off"]}},
        {"id": "hedersrelaterat-vald",
         "sv": {"term": "hedersrelaterat våld och förtryck", "synonyms": ["hedersrelaterat våld"],
                "lay_terms": ["hedersvåld"]},
         "en": {"term": "honour-related violence and oppression", "synonyms": ["honour-based violence"]}},
    ],
    "abbreviations": [
        {"abbr": "LVU", "sv": "lagen (1990:52) med särskilda bestämmelser om vård av unga",
         "en": "Care of Young Persons Act"},
    ],
}

LABELS = {"type": {"guidance": "Vägledning", "legal": "Lagstiftning", "typology": "Typfall", "page": "Sida"},
          "audience": {"school": "Skola"}, "topic": {"fgm": "Könsstympning"}}


def doc(id_: str, title: str, body: str = "", **extra) -> indexer.SearchDoc:
    return indexer.SearchDoc(id=id_, url=f"{id_}/", title=title, body=body, **extra)


SWEDISH = [
    doc("aktenskap", "Äktenskap", "Ett äktenskap ingås frivilligt av två vuxna."),
    doc("barnaktenskap", "Barnäktenskap", "Ett barnäktenskap är förbjudet. Barn ska skyddas.",
        type="legal", audiences=["school"], topics=["child-marriage"]),
    doc("tvang", "Tvångsäktenskapet som brott", "Ingen får tvingas. Äktenskapstvång är ett brott.",
        keywords=["tvångsgifte"], type="legal"),
    doc("oros", "Orosanmälan till socialtjänsten", "Gör en anmälan när du känner oro för ett barn.",
        headings=["Gör så här"], type="guidance"),
    doc("fgm", "Flickan som riskerar könsstympning", "Könsstympningen är ett brott i Sverige.",
        type="typology", topics=["fgm"], audiences=["school"]),
    doc("heder", "Hedersförtryck", "Brottet hedersförtryck gäller upprepade gärningar för att bevara familjens heder."),
    doc("lvu", "Utreseförbud", "Ett utreseförbud kan beslutas enligt lagen med särskilda bestämmelser om "
        "vård av unga."),
    doc("vald", "Hedersrelaterat våld", "Om hedersrelaterat våld i familjen."),
    doc("skola", "Skolans ansvar", "Skolpersonal och elevhälsa ser ofta tecknen först."),
    doc("lista", "Checklistor", "Checklistor för skolan.", listing=True),
]
ENGLISH = [
    doc("fgm", "The girl at risk of FGM", "Female genital mutilation is a crime.", type="typology"),
    doc("forced", "Marriage coercion", "Nobody may be forced into a marriage. Forced marriage is a crime."),
    doc("report", "Reporting concern to social services", "Report when you are worried about a child."),
]


@pytest.fixture(scope="module")
def sv() -> engine.Engine:
    return engine.Engine(json.loads(json.dumps(indexer.build(SWEDISH, "sv", GLOSSARY, LABELS))))


@pytest.fixture(scope="module")
def en() -> engine.Engine:
    return engine.Engine(json.loads(json.dumps(indexer.build(ENGLISH, "en", GLOSSARY, LABELS))))


# ---------------------------------------------------------------- analysis

def test_fold_lowercases_and_removes_diacritics() -> None:
    assert analysis.fold("Tvångsäktenskap ÖVER Café") == "tvangsaktenskap over cafe"


def test_words_split_at_punctuation_and_keep_digits() -> None:
    assert analysis.words("LVU: 31 a § – hbtqi-personer, 4 kap. 4 e §!") == ["lvu", "31", "hbtqi", "personer", "4",
                                                                            "kap", "4"]


def test_terms_drop_stop_words_and_stem() -> None:
    assert analysis.terms("Könsstympningen och flickan i skolan", "sv") == ["konsstymp", "flick", "skol"]
    assert analysis.terms("The girls are reporting", "en") == ["girl", "report"]


def test_concept_tokens_pass_the_pipeline_unchanged() -> None:
    assert analysis.term("_konsstympningen", "sv") == "_konsstympningen"


def test_swedish_stemmer_is_snowball_plus_two_endings() -> None:
    assert snowball_sv("tvangsaktenskapet") == stem_sv("tvangsaktenskapet") == "tvangsaktenskap"
    assert {stem_sv(w) for w in ("anmalan", "anmala", "anmalningar", "anmaler")} == {"anmal"}
    assert stem_sv("flickan") == stem_sv("flicka") == "flick"
    assert stem_sv("tidning") == "tidning" and stem_sv("plan") == "plan"


@pytest.mark.parametrize("word,stem", [("lay", "lay"), ("try", "tri"), ("reporting", "report"),
                                       ("mutilation", "mutil"), ("marriages", "marriag"), ("conventions", "convent")])
def test_english_stemmer_follows_lunr_js(word: str, stem: str) -> None:
    assert stem_en(word) == stem


def test_pipeline_functions_are_registered_under_the_portal_names() -> None:
    from lunr.pipeline import Pipeline
    analysis.register_pipeline()
    for name in ("portal-fold", "portal-stop-sv", "portal-stem-sv", "portal-stop-en", "portal-stem-en"):
        assert name in Pipeline.registered_functions
    assert analysis.pipeline("sv").run_string("Könsstympningen") == ["konsstymp"]
    assert analysis.pipeline("sv").run_string("och") == []


# ---------------------------------------------------------------- compounds

def test_compounds_split_into_known_parts() -> None:
    splitter = Decompounder(["barn", "äktenskap", "tvång", "brott", "oro", "anmälan", "heder", "förtryck",
                             "skola", "personal", "för", "äldrar", "studera", "ande"])
    assert splitter.split("barnaktenskap") == ("barn", "aktenskap")
    assert splitter.split("barnaktenskapsbrott") == ("barnaktenskap", "brott", "barn", "aktenskap")
    assert splitter.split("tvangsaktenskapet")[:2] == ("tvang", "aktenskapet")
    assert splitter.split("orosanmalan") == ("oro", "anmalan")
    assert splitter.split("hedersfortryck") == ("heder", "fortryck")
    assert splitter.split("skolpersonal") == ("skol", "personal")
    assert splitter.split("foraldrar") == ()      # "för" is a stop word
    assert splitter.split("studerande") == ()     # "ande" is an ending, not a head
    assert splitter.split("kontroll") == ()


# ---------------------------------------------------------------- glossary concepts

def test_concepts_match_variants_as_phrases() -> None:
    table = concepts.build(GLOSSARY, "sv")
    seq = analysis.terms("Hon var utsatt för hedersrelaterat våld och omskärelse enligt LVU", "sv")
    found = table.annotate(seq)
    assert "_hedersrelateratvald" in found and "_konsstympning" in found and "_abbrlvu" in found
    assert table.match_at(analysis.terms("lagen med särskilda bestämmelser om vård av unga", "sv"), 0)[1] == \
        ["_abbrlvu"]


def test_english_concepts_use_english_variants_and_shared_abbreviations() -> None:
    table = concepts.build(GLOSSARY, "en")
    assert table.match_at(analysis.terms("female circumcision", "en"), 0) == (2, ["_konsstympning"])
    assert table.match_at(analysis.terms("FGM", "en"), 0) == (1, ["_konsstympning"])
    assert table.match_at(analysis.terms("omskärelse", "en"), 0) == (0, [])


# ---------------------------------------------------------------- extraction

def test_page_text_separates_headings_and_skips_permalinks() -> None:
    html = ('<h1>Titel</h1><p>Första <strong>stycket</strong>.</p><h2 id="a">Gör så här'
            '<a class="headerlink" href="#a">¶</a></h2><ul><li>ett</li><li>två</li></ul>'
            '<script>var x = 1;</script><h3>Mer</h3><p>Slut</p>')
    text = extract.page_text(html)
    assert text.headings == ["Gör så här", "Mer"]
    assert text.body == "Första stycket. ett två Slut"


# ---------------------------------------------------------------- packing

def test_packed_index_loads_with_the_same_results() -> None:
    from lunr.index import Index
    data = indexer.build(SWEDISH, "sv", GLOSSARY, LABELS)
    restored = packing.unpack(data["index"])
    assert set(restored) == {"version", "fields", "fieldVectors", "invertedIndex", "pipeline"}
    index = Index.load(restored)
    assert [r["ref"] for r in index.search("barnaktenskap")] == ["1"]
    raw = json.dumps(data["index"])
    assert len(raw) < len(json.dumps(restored))


# ---------------------------------------------------------------- queries

def ids(e: engine.Engine, q: str, k: int = 3) -> list[str]:
    return e.ids(q, k)


def test_exact_title_comes_first(sv: engine.Engine) -> None:
    assert ids(sv, "Orosanmälan till socialtjänsten")[0] == "oros"
    assert ids(sv, "Hedersförtryck")[0] == "heder"


def test_inflected_forms_meet(sv: engine.Engine) -> None:
    assert ids(sv, "könsstympningen")[0] == "fgm"
    assert ids(sv, "könsstympning")[0] == "fgm"
    assert ids(sv, "tvångsäktenskap")[0] == "tvang"
    assert ids(sv, "orosanmälningar")[0] == "oros"


def test_a_part_finds_the_compound_and_whole_words_rank_first(sv: engine.Engine) -> None:
    found = ids(sv, "äktenskap", 10)
    assert found[0] == "aktenskap"
    assert {"barnaktenskap", "tvang"} <= set(found)
    assert "oros" in ids(sv, "anmälan")
    assert ids(sv, "förtryck")[0] == "heder"


def test_synonyms_lay_terms_and_abbreviations(sv: engine.Engine, en: engine.Engine) -> None:
    assert ids(sv, "omskärelse")[0] == "fgm"
    assert ids(sv, "FGM")[0] == "fgm"
    assert ids(sv, "tvångsgifte")[0] == "tvang"
    assert ids(sv, "hedersvåld")[0] == "vald"
    assert ids(sv, "LVU")[0] == "lvu"
    assert ids(en, "female circumcision")[0] == "fgm"
    assert ids(en, "married off")[0] == "forced"


def test_forgiving_input(sv: engine.Engine, en: engine.Engine) -> None:
    assert ids(sv, "konsstympning")[0] == "fgm"
    assert ids(sv, "TVANGSAKTENSKAP!")[0] == "tvang"
    assert ids(sv, "könsstymning")[0] == "fgm"           # one letter missing
    assert ids(sv, "orosanmälna")[0] == "oros"           # two letters swapped
    assert ids(en, "mutilaton")[0] == "fgm"
    assert ids(sv, "skol") == [] or ids(sv, "skol")[0] == "skola"   # too short for typo tolerance


def test_an_unknown_compound_is_split_into_indexed_words(sv: engine.Engine) -> None:
    assert [g.label for g in sv.plan("könsstympningsbrott")] == ["konsstympning", "brott"]
    assert ids(sv, "könsstympningsbrott")[0] == "fgm"
    assert [g.label for g in sv.plan("barnäktenskapsskydd")] == ["barnaktenskap", "skydd"]   # linking -s first
    assert [g.label for g in sv.plan("orosanmäl")] == ["orosanmäl"]   # still being typed: a prefix
    assert [g.label for g in sv.plan("barnäktenskpa")] == ["barnäktenskpa"]   # a typo, not a compound


def test_every_word_must_match_when_some_page_matches_all(sv: engine.Engine) -> None:
    assert ids(sv, "brott sverige", 10) == ["fgm"]
    assert ids(sv, "äktenskap zzzzqqq")[:1] == ["aktenskap"]      # an unknown word does not empty the list


def test_prefix_of_the_last_word_while_typing(sv: engine.Engine) -> None:
    assert ids(sv, "orosanm")[0] == "oros"
    assert ids(sv, "orosanm ") == []


def test_listing_pages_rank_below_content_pages(sv: engine.Engine) -> None:
    assert sv.ids("checklistor skolan", 2)[0] == "lista"   # only match
    found = sv.ids("skolan", 5)
    assert found.index("skola") < found.index("lista")


def test_results_carry_type_description_and_audiences(sv: engine.Engine) -> None:
    hit = sv.search("barnäktenskap")[0]
    assert hit.doc["type"] == "legal" and hit.doc["audiences"] == ["school"]
    assert hit.doc["url"] == "barnaktenskap/"


def test_data_file_is_per_language(sv: engine.Engine, en: engine.Engine) -> None:
    assert sv.lang == "sv" and en.lang == "en"
    assert [d["id"] for d in en.docs] == ["fgm", "forced", "report"]
    assert en.ids("könsstympning") == []
