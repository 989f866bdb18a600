"""Readability: LIX for every page, Swedish and English, against thresholds in data/checks.yml.

LIX (läsbarhetsindex, Björnsson 1968) = words / sentences + 100 × long words / words, where a long word
has more than six letters. It counts letters, not syllables, so the same formula works for English
(Björnsson applied it to English and other languages, and Anderson's RIX builds on it); Flesch reading
ease needs syllable counts, which an English heuristic gets wrong for the Swedish names and terms our
English pages carry. One formula for both also makes a translation comparable with its original.
Bands (facts-checked): < 30 very easy, 30–40 easy, 40–50 medium, 50–60 difficult, > 60 very difficult.
On the shipped pages an English translation scores on average 1.1 points above its Swedish original
(median 0.9, 50 pairs), so the same thresholds serve both; they are set per language in case that
changes.

What is measured: paragraphs, list items and quotations (not headings, tables, titles or code). Each
block ends a sentence, and so do . ! ? followed by a capital letter; "kap.", "prop. 2019/20:131" and
"t.ex." do not end one. Pages with fewer words than `readability.min_words` get a value but no warning.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..content import prose
from ..content.corpus import Corpus
from ..content.findings import Finding
from ..content.frontmatter import Document

NAME = "readability"
DEFAULT_THRESHOLDS = {"sv": {"guidance": 45, "legal": 55, "default": 50},
                      "en": {"guidance": 45, "legal": 55, "default": 50}}
DEFAULT_MIN_WORDS = 100
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
SENTENCE_END = re.compile(r"[.!?]+[\"”’)]*\s+(?=[\"“”(]?[A-ZÅÄÖÉ])")


@dataclass(frozen=True)
class Score:
    lix: float
    words: int
    sentences: int
    long_words: int


def score(blocks: list[str]) -> Score:
    words = sentences = long_words = 0
    for block in blocks:
        found = WORD.findall(block)
        if not found:
            continue
        words += len(found)
        long_words += sum(1 for word in found if sum(ch.isalpha() for ch in word) > 6)
        sentences += 1 + len(SENTENCE_END.findall(block.strip()))
    if not words:
        return Score(0.0, 0, 0, 0)
    return Score(round(words / sentences + 100 * long_words / words, 1), words, sentences, long_words)


def lix(text: str) -> float:
    return score([text]).lix


def page_score(doc: Document) -> Score:
    return doc.derived("readability.page_score", lambda page: score(prose.blocks(prose.lines(page))))


def threshold(config: dict[str, Any], lang: str, page_type: str) -> float:
    section = (config or {}).get(NAME) or {}
    table = {**DEFAULT_THRESHOLDS.get(lang, {}), **((section.get("thresholds") or {}).get(lang) or {})}
    return float(table.get(page_type, table.get("default", 50)))


def band(value: float, lang: str = "sv") -> str:
    names = {"sv": ["mycket lätt", "lätt", "medelsvår", "svår", "mycket svår"],
             "en": ["very easy", "easy", "medium", "difficult", "very difficult"]}[lang]
    return names[0 if value < 30 else 1 if value < 40 else 2 if value < 50 else 3 if value < 60 else 4]


@dataclass(frozen=True)
class PageReadability:
    doc: Document
    score: Score
    threshold: float
    measured: bool      # enough words for a warning to mean something

    @property
    def above(self) -> bool:
        return self.measured and self.score.lix > self.threshold


def pages(corpus: Corpus, config: dict[str, Any]) -> list[PageReadability]:
    section = (config or {}).get(NAME) or {}
    min_words = int(section.get("min_words", DEFAULT_MIN_WORDS))
    skip = {str(page).removeprefix("docs/") for page in section.get("skip_pages") or []}
    out = []
    for doc in sorted(corpus.docs, key=lambda d: d.path):
        if doc.lang is None or doc.base in skip or "listing" in doc.meta:
            continue
        result = page_score(doc)
        out.append(PageReadability(doc, result, threshold(config, doc.lang, str(doc.meta.get("type"))),
                                   result.words >= min_words))
    return out


def run(corpus: Corpus, config: dict[str, Any]) -> list[Finding]:
    findings = []
    for page in pages(corpus, config):
        if page.above:
            s = page.score
            findings.append(Finding(
                page.doc.path, page.doc.body_start_line, NAME,
                f"LIX {s.lix:g} is above {page.threshold:g}, the threshold for type {page.doc.meta.get('type')} "
                f"({s.words} words, {s.sentences} sentences, {s.long_words} long words: {band(s.lix, 'en')})",
                "shorten sentences (one idea each) and replace long words with everyday ones where you can",
                "warning"))
    return findings
