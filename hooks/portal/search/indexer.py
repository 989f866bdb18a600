"""The search data file of one language: a prebuilt lunr index plus what the results list shows.

The file (site/search/sv.json, site/en/search/en.json) is loaded by the browser on first use of the
search box and by engine.Engine in Python. Its lunr index is packed (packing.py); unpacked, it loads
with lunr.js's `lunr.Index.load`.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Iterable

from . import analysis, concepts, limits, packing
from .analysis import fold, words
from .compounds import MIN_WORD as MIN_COMPOUND, Decompounder

FORMAT_VERSION = 1
# Field boosts: a word in the title weighs ten times a word in the body.
FIELDS = {"title": 10.0, "keywords": 8.0, "headings": 4.0, "description": 3.0, "body": 1.0}
# Compound parts (Swedish only), weighed below whole words in the same place.
PART_FIELDS = {"parts_head": 2.5, "parts_body": 0.5}
LISTING_BOOST = 0.5     # section and listing pages rank below content pages with the same words


@dataclass
class SearchDoc:
    id: str
    url: str                    # relative to the site root: "vagledning/orosanmalan/", "en/vagledning/orosanmalan/"
    title: str
    description: str = ""
    type: str = "page"
    audiences: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    body: str = ""
    listing: bool = False

    def texts(self) -> dict[str, list[str]]:
        return {"title": words(self.title), "keywords": words(" ".join(self.keywords)),
                "headings": words(" ".join(self.headings)), "description": words(self.description),
                "body": words(self.body)}


def fields_of(lang: str) -> dict[str, float]:
    return {**FIELDS, **(PART_FIELDS if lang == "sv" else {})}


def _with_concepts(ws: list[str], table: concepts.ConceptTable, lang: str) -> list[str]:
    seq = analysis.terms(ws, lang)
    return seq + table.annotate(seq)


def _fast_tokenizer(obj, metadata=None, separator=None):
    """lunr's Tokenizer for lists of finished terms, without a deep copy of empty metadata per token."""
    from lunr.token import Token
    return [Token(term, {}) for term in obj or []]


@contextmanager
def _patched_tokenizer():
    import lunr.builder
    original = lunr.builder.Tokenizer
    lunr.builder.Tokenizer = _fast_tokenizer
    try:
        yield
    finally:
        lunr.builder.Tokenizer = original


def _parts(ws: list[str], splitter: Decompounder) -> list[str]:
    out: list[str] = []
    for w in ws:
        if len(w) >= MIN_COMPOUND:
            out.extend(splitter.split(fold(w)))
    return out


def _labels(lang: str) -> dict[str, dict[str, str]]:
    from ..content.vocabulary import vocabularies
    vocab = vocabularies()
    return {single: {key: value[lang] for key, value in vocab[kind].items()}
            for single, kind in (("type", "types"), ("audience", "audiences"), ("topic", "topics"))}


def build(docs: Iterable[SearchDoc], lang: str, glossary: dict, labels: dict | None = None) -> dict[str, Any]:
    """Search data of one language. `docs` must all be pages of `lang` (the caller decides what is published)."""
    from lunr.builder import Builder

    docs = list(docs)
    table = concepts.build(glossary, lang)
    texts = [d.texts() for d in docs]
    splitter = None
    if lang == "sv":
        vocabulary: set[str] = set()
        for t in texts:
            for ws in t.values():
                vocabulary.update(ws)
        for phrase in _glossary_words(glossary, lang):
            vocabulary.update(words(phrase))
        splitter = Decompounder(vocabulary)

    builder = Builder()
    # The words are analysed here with the same functions as the search pipeline (analysis.term, cached),
    # so the builder's own pipeline is empty; the search pipeline is what the browser runs on queries.
    builder.search_pipeline = analysis.pipeline(lang)
    builder.ref("ref")
    for name, boost in fields_of(lang).items():
        builder.field(name, boost=boost)
    for number, (doc, text) in enumerate(zip(docs, texts)):
        record: dict[str, Any] = {"ref": str(number)}
        for name, ws in text.items():
            record[name] = _with_concepts(ws, table, lang)
        if splitter is not None:
            record["parts_head"] = analysis.terms(_parts(text["title"] + text["keywords"], splitter), lang)
            record["parts_body"] = analysis.terms(
                _parts(text["description"] + text["headings"] + text["body"], splitter), lang)
        with _patched_tokenizer():
            builder.add(record, {"boost": LISTING_BOOST} if doc.listing else None)
    index = builder.build()
    return {
        "version": FORMAT_VERSION,
        "lang": lang,
        "stopWords": sorted(analysis.STOP_WORDS[lang]),
        "limits": limits.as_data(),
        "concepts": table.serialize(),
        "labels": labels if labels is not None else _labels(lang),
        "docs": [{"id": d.id, "url": d.url, "title": d.title, "description": d.description, "type": d.type,
                  "audiences": d.audiences, "topics": d.topics} for d in docs],
        "index": packing.pack(index.serialize()),
    }


def _glossary_words(glossary: dict, lang: str) -> list[str]:
    out: list[str] = []
    for entry in glossary.get("terms") or []:
        version = entry.get(lang) or {}
        for key in concepts.VARIANT_FIELDS:
            values = version.get(key)
            out.extend([values] if isinstance(values, str) else [str(v) for v in values or []])
    for entry in glossary.get("abbreviations") or []:
        if entry.get(lang):
            out.append(str(entry[lang]))
    return out
