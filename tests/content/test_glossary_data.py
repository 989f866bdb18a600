"""The glossary data file (data/glossary.yml) against its schema and the rules the schema cannot express.

Run: .venv/bin/python -m pytest tests/content/test_glossary_data.py
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "data" / "glossary.yml"
SCHEMA = ROOT / "data" / "glossary.schema.json"
LANGS = ("sv", "en")


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def glossary() -> dict:
    return yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))


def _entries(glossary: dict, lang: str):
    for term in glossary["terms"]:
        yield term["id"], term[lang]


def test_schema_is_valid_json_schema(schema):
    Draft202012Validator.check_schema(schema)


def test_schema_rejects_unknown_fields(schema):
    validator = Draft202012Validator(schema)
    bad = {"terms": [{"id": "x", "sv": {"term": "x", "definition": "En definition som är lång nog."},
                      "en": {"term": "x", "definition": "A definition that is long enough."},
                      "note": "not allowed"}],
           "abbreviations": [{"abbr": "X", "sv": "x", "en": "x"}]}
    assert list(validator.iter_errors(bad)), "an unknown field on a term must be an error"


def test_glossary_matches_schema(schema, glossary):
    errors = sorted(Draft202012Validator(schema).iter_errors(glossary), key=lambda e: list(e.absolute_path))
    messages = [f"{'/'.join(str(p) for p in e.absolute_path) or '(root)'}: {e.message}" for e in errors]
    assert not messages, "data/glossary.yml does not match data/glossary.schema.json:\n" + "\n".join(messages)


def test_ids_are_unique(glossary):
    counts = Counter(term["id"] for term in glossary["terms"])
    duplicates = sorted(i for i, n in counts.items() if n > 1)
    assert not duplicates, f"duplicate term ids: {duplicates}"


def test_every_term_has_swedish_and_english(glossary):
    missing = [(term.get("id"), lang) for term in glossary["terms"] for lang in LANGS
               if not isinstance(term.get(lang), dict) or not term[lang].get("term") or not term[lang].get("definition")]
    assert not missing, f"terms without a term and definition in both languages: {missing}"


@pytest.mark.parametrize("lang", LANGS)
def test_preferred_terms_are_unique_per_language(glossary, lang):
    counts = Counter(entry["term"].casefold() for _, entry in _entries(glossary, lang))
    duplicates = sorted(t for t, n in counts.items() if n > 1)
    assert not duplicates, f"{lang}: the same preferred term is used by more than one entry: {duplicates}"


@pytest.mark.parametrize("lang", LANGS)
def test_a_preferred_term_is_never_deprecated(glossary, lang):
    preferred = {entry["term"].casefold(): term_id for term_id, entry in _entries(glossary, lang)}
    clashes = [(term_id, word) for term_id, entry in _entries(glossary, lang)
               for word in entry.get("deprecated", []) if word.casefold() in preferred]
    assert not clashes, f"{lang}: deprecated words that are another entry's preferred term: {clashes}"


def test_abbreviations_are_unique(glossary):
    counts = Counter(a["abbr"] for a in glossary["abbreviations"])
    duplicates = sorted(a for a, n in counts.items() if n > 1)
    assert not duplicates, f"duplicate abbreviations: {duplicates}"


def test_size(glossary):
    assert len(glossary["terms"]) >= 30
    assert len(glossary["abbreviations"]) >= 10


def _find(glossary: dict, term_id: str) -> dict:
    matches = [t for t in glossary["terms"] if t["id"] == term_id]
    assert matches, f"term '{term_id}' is missing"
    return matches[0]


@pytest.mark.parametrize("term_id, lang, field, word", [
    ("konsstympning", "sv", "lay_terms", "omskärelse"),
    ("konsstympning", "sv", "deprecated", "kvinnlig omskärelse"),
    ("konsstympning", "en", "abbreviations", "FGM"),
    ("tvangsaktenskap", "sv", "lay_terms", "tvångsgifte"),
    ("hedersrelaterat-vald-och-fortryck", "sv", "lay_terms", "hedersvåld"),
    ("hedersrelaterat-vald-och-fortryck", "sv", "synonyms", "hedersrelaterat våld"),
    ("orosanmalan", "sv", "synonyms", "anmälan"),
])
def test_required_search_words(glossary, term_id, lang, field, word):
    """Words that search and the terminology check rely on."""
    assert word in _find(glossary, term_id)[lang].get(field, []), f"{term_id}.{lang}.{field} should contain '{word}'"


@pytest.mark.parametrize("abbr", ["LVU", "SoL", "BrB", "OSL", "FGM", "UD", "hbtqi", "CEDAW"])
def test_required_abbreviations(glossary, abbr):
    assert abbr in {a["abbr"] for a in glossary["abbreviations"]}
