"""The search data of one language: meta.json, the postings in buckets and the fragments (layout.py).

Every page's words become terms (analysis.py) in five fields, plus the glossary concepts they stand for
(concepts.py) and, in Swedish, the parts of their compounds (compounds.py). A term's score on a page is
computed here, once (scoring.py), so a query only adds numbers, the same way in Python and the browser.
"""
from __future__ import annotations

import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from . import analysis, concepts, layout, limits, scoring, site_data, spelling
from .analysis import fold, words
from .compounds import MIN_WORD as MIN_COMPOUND, Decompounder
from .extract import Section
from .stemmers import IRREGULAR_WORDS, STEM_ALIASES

FORMAT_VERSION = 2


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
    sections: list[Section] = field(default_factory=list)   # h2/h3 sections: headings and body, deep links

    def field_texts(self) -> dict[str, str]:
        """The text of each field as one string (keywords and headings joined with spaces)."""
        return {"title": self.title, "keywords": " ".join(self.keywords), "headings": " ".join(self.headings),
                "description": self.description, "body": self.body}

    def texts(self) -> dict[str, list[str]]:
        return {name: words(text) for name, text in self.field_texts().items()}


@dataclass
class SearchData:
    meta: dict[str, Any]
    buckets: dict[int, dict[str, Any]]
    fragments: dict[int, dict[str, Any]]

    def files(self) -> dict[str, dict[str, Any]]:
        """File name (in the language's search folder) -> content."""
        out = {layout.META: self.meta}
        out.update((layout.bucket_file(n), b) for n, b in self.buckets.items())
        out.update((layout.fragment_file(n), f) for n, f in self.fragments.items())
        return out


class _LastBuild:
    """Values by key, kept from one index to the next (`make serve` indexes at every save): what an index
    neither asks for nor keeps (`keep`, for a page whose fields are reused whole) is dropped."""

    def __init__(self) -> None:
        self._now: dict[str, Any] = {}
        self._before: dict[str, Any] = {}

    def next_build(self) -> None:
        self._before, self._now = self._now, {}

    def keep(self, key: str) -> None:
        """Keep the value of `key` for the next build although this one did not ask for it."""
        if key not in self._now and key in self._before:
            self._now[key] = self._before.pop(key)

    def get_or_make(self, key: str, make: Callable[[], Any]) -> Any:
        found = self._now.get(key)
        if found is None:
            found = self._before.pop(key, None)
            if found is None:
                found = make()
            self._now[key] = found
        return found


class _Analyser:
    """Terms of texts with their concept tokens and (Swedish) compound parts, for one language."""

    def __init__(self, lang: str, table: concepts.ConceptTable, splitter: Decompounder | None,
                 analysed: _LastBuild | None = None) -> None:
        self.lang, self.table, self.splitter = lang, table, splitter
        # A text's words and terms need the language and the glossary only: kept when a page's new word
        # changes the vocabulary of compound parts (and so every page's parts).
        self.analysed = analysed if analysed is not None else _LastBuild()

    def words_and_terms(self, text: str) -> tuple[list[str], list[str]]:
        def make() -> tuple[list[str], list[str]]:
            # Kept for every text of the site: one copy of each word (a third of the memory at 1,000 pages).
            ws = [sys.intern(word) for word in words(text)]
            return ws, [sys.intern(term) for term in self.terms(ws)]
        return self.analysed.get_or_make(text, make)

    def terms(self, ws: list[str]) -> list[str]:
        seq = analysis.keys(ws, self.lang)
        return [k for k in seq if k[0] != analysis.STOP_MARK] + self.table.annotate(seq)

    def parts(self, ws: list[str], split: set[str]) -> list[str]:
        """The terms of the compound parts of words `ws`; the (folded) words it splits are added to `split`."""
        if self.splitter is None:
            return []
        out: list[str] = []
        for w in ws:
            if len(w) >= MIN_COMPOUND:
                folded = fold(w)
                split.add(folded)
                out.extend(self.splitter.split(folded))
        return analysis.terms(out, self.lang)

    def fields(self, doc: SearchDoc) -> tuple[dict[str, list[str]], dict[str, int], frozenset[str]]:
        """The terms of each field, and for each term the section (index in doc.sections) where it weighs
        most; a page with sections gets its headings and body from them, each analysed once. Last, the
        words the splitter split: the fields stay the same while their splits do."""
        given = doc.field_texts()
        text = {name: self.words_and_terms(given[name]) for name in ("title", "keywords", "description")}
        out = {name: list(text[name][1]) for name in ("title", "keywords", "description")}
        split: set[str] = set()
        head_parts = self.parts(text["title"][0] + text["keywords"][0], split)
        body_parts = self.parts(text["description"][0], split)
        best: dict[str, int] = {}
        if doc.sections:
            out["headings"], out["body"] = [], []
            heaviest: dict[str, int] = {}
            for number, section in enumerate(doc.sections):
                weight: Counter = Counter()
                for field_name, value, factor in (("headings", section.heading, scoring.SECTION_HEADING_WEIGHT),
                                                  ("body", section.body, 1)):
                    ws, terms = self.words_and_terms(value)
                    parts = self.parts(ws, split)
                    out[field_name].extend(terms)
                    body_parts.extend(parts)
                    for term, count in Counter(terms + parts).items():
                        weight[term] += factor * count
                for term, value in weight.items():      # the first section wins a tie
                    if value > heaviest.get(term, 0):
                        heaviest[term], best[term] = value, number
        else:   # the whole headings and body only for a page without sections (they hold the same text)
            (heading_words, heading_terms), (body_words, body_terms) = \
                self.words_and_terms(given["headings"]), self.words_and_terms(given["body"])
            out["headings"], out["body"] = list(heading_terms), list(body_terms)
            body_parts.extend(self.parts(heading_words + body_words, split))
        if self.splitter is not None:
            out["parts_head"], out["parts_body"] = head_parts, body_parts
        return out, best, frozenset(split)


# lang -> (what the analyser was made from, the analyser, a page's fields by its text). `make serve`
# indexes a language again at every save; while the glossary is the same, every unchanged page has the
# same fields, unless a word it holds splits differently in the Swedish vocabulary of compound parts now.
_analysers: dict[str, tuple[str, _Analyser, dict[tuple[Any, ...], Any]]] = {}


def _analyser(lang: str, table: concepts.ConceptTable, splitter: Decompounder | None,
              glossary: dict) -> tuple[_Analyser, dict[tuple[Any, ...], Any]]:
    made_from = repr(glossary)
    last = _analysers.get(lang)
    if last is None or last[0] != made_from:    # the first index, or another glossary: all afresh
        analyser = _Analyser(lang, table, splitter)
        _analysers[lang] = (made_from, analyser, {})
        return analyser, {}
    last[1].analysed.next_build()   # the texts' terms stay; those of reused fields are kept (`_fields`)
    # Without a splitter (English) nothing but the text and the glossary makes a page's fields; with one,
    # the splits of its words do too, and the splitter names the words that split differently now
    # (none when the vocabulary is the same; None when any may).
    changed = splitter.changed if splitter is not None else frozenset()
    kept = {} if changed is None else \
        {text: found for text, found in last[2].items() if found[2].isdisjoint(changed)}
    analyser = last[1] if splitter is None else _Analyser(lang, table, splitter, last[1].analysed)
    _analysers[lang] = (made_from, analyser, {})
    return analyser, kept


def _analysed_texts(doc: SearchDoc) -> list[str]:
    """The texts `_Analyser.fields` analyses of a page: a page with sections by its sections."""
    given = doc.field_texts()
    own = [given["title"], given["keywords"], given["description"]]
    if doc.sections:
        return own + [value for section in doc.sections for value in (section.heading, section.body)]
    return own + [given["headings"], given["body"]]


def _fields(analyser: _Analyser, known: dict[tuple[Any, ...], Any],
            doc: SearchDoc) -> tuple[scoring.Counted, dict[str, int]]:
    """The analyser's fields of a page, counted for scoring, reused when the same text was indexed in
    the last build and its words split the same (`_analyser` passes only those in `known`)."""
    text = (doc.title, tuple(doc.keywords), doc.description, tuple(doc.headings), doc.body,
            tuple((section.heading, section.body) for section in doc.sections))
    found = known.get(text)
    if found is None:
        out, best, split = analyser.fields(doc)
        found = (scoring.counted(out), best, split)
    else:   # its texts' words and terms stay for the next vocabulary change
        for value in _analysed_texts(doc):
            analyser.analysed.keep(value)
    _analysers[analyser.lang][2][text] = found
    fields, best, _ = found
    return fields, dict(best)


# The words of each page's texts, by the texts, from the last build (`make serve` indexes at every save,
# mostly the same pages).
_page_words: dict[tuple[Any, ...], frozenset[str]] = {}


def _splitter(docs: list[SearchDoc], glossary: dict, lang: str) -> Decompounder | None:
    """The Swedish splitter of these pages' words, with the splits of the last index's that still hold."""
    global _page_words
    if lang != "sv":
        return None
    vocabulary: set[str] = set()
    known, _page_words = _page_words, {}
    for doc in docs:
        text = (doc.title, tuple(doc.keywords), tuple(doc.headings), doc.description, doc.body)
        found = known.get(text)
        if found is None:
            found = frozenset(word for ws in doc.texts().values() for word in ws)
        _page_words[text] = found
        vocabulary.update(found)
    for phrase in _glossary_words(glossary, lang):
        vocabulary.update(words(phrase))
    last = _analysers.get(lang)
    return Decompounder(vocabulary, last[1].splitter if last is not None else None)


def _value_lists(docs: list[SearchDoc]) -> dict[str, list[str]]:
    """The facet values in use, sorted: the docs table refers to them by position."""
    return {"type": sorted({d.type for d in docs}), "audience": sorted({a for d in docs for a in d.audiences}),
            "topic": sorted({t for d in docs for t in d.topics})}


def build(docs: Iterable[SearchDoc], lang: str, glossary: dict, labels: dict | None = None,
          buckets: int | None = None, personal_audiences: list[str] | None = None) -> SearchData:
    """Search data of one language. `docs` must all be pages of `lang` (the caller decides what is published).

    `buckets` is the number the pages' HTML announces (layout.bucket_count of the page count by default);
    `personal_audiences` the audiences a query in the first person favours (those with the quick exit).
    """
    docs = list(docs)
    labels = labels if labels is not None else site_data.labels(lang)
    buckets = buckets or layout.bucket_count(len(docs))
    table = concepts.build(glossary, lang)
    analyser, known_fields = _analyser(lang, table, _splitter(docs, glossary, lang), glossary)
    analysed = [_fields(analyser, known_fields, doc) for doc in docs]
    postings = scoring.score([fields for fields, _ in analysed], [doc.listing for doc in docs])
    sections = [best for _, best in analysed]

    # Concept tokens are also stored in the buckets of their variants' first words: a query reaches a
    # concept through one of its words, and needs no other bucket for it.
    homes = {token: {layout.key(first) for first in firsts} for token, firsts in table.homes().items()}
    content: dict[int, dict[str, list[int]]] = defaultdict(dict)
    for term in sorted(postings):   # every posting of the site at every save of `make serve`: kept plain
        flat: list[int] = []
        previous = 0
        for ref, value in postings[term]:
            flat += (ref - previous, value, sections[ref].get(term, 0))
            previous = ref
        own = layout.key(term)
        content[layout.bucket_of(own, buckets)][term] = flat
        for term_key in homes.get(term, ()):
            if term_key != own:
                content[layout.bucket_of(term_key, buckets)][term] = flat

    values = _value_lists(docs)
    position = {kind: {v: i for i, v in enumerate(vs)} for kind, vs in values.items()}
    table_rows = [[d.id, d.title, d.url, position["type"][d.type], [position["audience"][a] for a in d.audiences],
                   [position["topic"][t] for t in d.topics]] for d in docs]
    fragments = {}
    for block in range(0, len(docs), layout.FRAGMENT_PAGES):
        fragments[block // layout.FRAGMENT_PAGES] = {"docs": [
            [d.description, [[s.anchor, s.heading] for s in d.sections[1:]]]
            for d in docs[block:block + layout.FRAGMENT_PAGES]]}
    bucket_data = {n: {"terms": content.get(n, {})} for n in range(buckets)}
    meta: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "lang": lang,
        "buckets": buckets,
        "fragmentPages": layout.FRAGMENT_PAGES,
        "stopWords": sorted(analysis.STOP_WORDS[lang]),
        "irregular": IRREGULAR_WORDS[lang],
        "stemAliases": STEM_ALIASES[lang],
        "spelling": spelling.as_data() if lang == "en" else None,
        "limits": limits.as_data(),
        "concepts": table.serialize(),
        "personal": {"words": sorted(analysis.FIRST_PERSON[lang]),
                     "audiences": personal_audiences if personal_audiences is not None else site_data.personal_audiences()},
        "labels": labels,
        "values": values,
        "docs": table_rows,
    }
    build = layout.build_id([meta, bucket_data, fragments])
    meta["build"] = build
    for part in list(bucket_data.values()) + list(fragments.values()):
        part["build"] = build
    return SearchData(meta, bucket_data, fragments)


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
