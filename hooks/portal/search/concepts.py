"""Glossary concepts: a preferred term, its synonyms, lay terms, deprecated terms and abbreviations.

Every way of saying a concept (a "variant") is analysed into index terms. Where a variant occurs in a
page, the build adds the concept's token (e.g. "_konsstympning") next to the words; where a variant
occurs in a query, the engine also searches for that token. So "omskärelse" finds pages that say
"könsstympning", "LVU" finds pages that spell the act out, and multi-word variants match as phrases.

Editors extend search by editing data/glossary.yml; no code changes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .analysis import CONCEPT_PREFIX, LANGUAGES, is_stop_key, keys

VARIANT_FIELDS = ("term", "synonyms", "lay_terms", "abbreviations", "deprecated")
_PARENTHESES = re.compile(r"\([^)]*\)")
_TOKEN_CHARS = re.compile(r"[^a-z0-9]+")


def _token(identifier: str) -> str:
    return CONCEPT_PREFIX + _TOKEN_CHARS.sub("", identifier.lower())


@dataclass
class ConceptTable:
    """Variant phrases (tuples of keys: index terms, and stop words as stop keys) -> concept tokens."""

    lang: str
    phrases: dict[tuple[str, ...], set[str]] = field(default_factory=dict)
    longest: int = 0
    starts: dict[str, tuple[int, ...]] = field(default_factory=dict)   # first term -> phrase lengths

    def _put(self, phrase: tuple[str, ...], tokens: set[str]) -> None:
        self.phrases.setdefault(phrase, set()).update(tokens)
        self.longest = max(self.longest, len(phrase))
        self.starts[phrase[0]] = tuple(sorted(set(self.starts.get(phrase[0], ())) | {len(phrase)}))

    def add(self, variant: str, token: str) -> None:
        phrase = tuple(keys(_PARENTHESES.sub(" ", variant), self.lang))
        if phrase and not all(is_stop_key(k) for k in phrase):
            self._put(phrase, {token})

    def homes(self) -> dict[str, set[str]]:
        """token -> the first terms (not stop words) of its phrases: where a query reaches the concept."""
        out: dict[str, set[str]] = {}
        for phrase, tokens in self.phrases.items():
            first = next(k for k in phrase if not is_stop_key(k))
            for token in tokens:
                out.setdefault(token, set()).add(first)
        return out

    def match_at(self, seq: list[str], start: int) -> tuple[int, list[str]]:
        """Longest variant starting at seq[start]: (number of keys, sorted concept tokens) or (0, [])."""
        for length in range(min(self.longest, len(seq) - start), 0, -1):
            tokens = self.phrases.get(tuple(seq[start:start + length]))
            if tokens:
                return length, sorted(tokens)
        return 0, []

    def annotate(self, seq: list[str]) -> list[str]:
        """Concept tokens of every variant occurring in a sequence of keys (overlaps included)."""
        found: list[str] = []
        for start, first in enumerate(seq):
            for length in self.starts.get(first, ()):
                if start + length <= len(seq):
                    found.extend(sorted(self.phrases.get(tuple(seq[start:start + length]), ())))
        return found

    def serialize(self) -> dict[str, list[str]]:
        """For the browser: 'term term' -> tokens."""
        return {" ".join(p): sorted(t) for p, t in sorted(self.phrases.items())}

    @classmethod
    def load(cls, lang: str, data: dict[str, list[str]]) -> "ConceptTable":
        table = cls(lang)
        for phrase, tokens in data.items():
            table._put(tuple(phrase.split(" ")), set(tokens))
        return table


def build(glossary: dict, lang: str) -> ConceptTable:
    """Concept table of one language from data/glossary.yml.

    Abbreviations count in both languages (FGM, LVU are written in Swedish and English texts alike).
    An entry of the top-level abbreviations list is a concept of its own: the abbreviation and its
    expansion in `lang` (parenthesised parts such as "(1990:52)" left out).
    """
    table = ConceptTable(lang)
    for entry in glossary.get("terms") or []:
        token = _token(str(entry.get("id", "")))
        if token == CONCEPT_PREFIX:
            continue
        for variant_lang in LANGUAGES:
            version = entry.get(variant_lang) or {}
            keys = VARIANT_FIELDS if variant_lang == lang else ("abbreviations",)
            for key in keys:
                values = version.get(key)
                for value in [values] if isinstance(values, str) else values or []:
                    table.add(str(value), token)
    for entry in glossary.get("abbreviations") or []:
        abbr = str(entry.get("abbr", ""))
        if not abbr:
            continue
        token = _token("abbr" + abbr)
        table.add(abbr, token)
        if entry.get(lang):
            table.add(str(entry[lang]), token)
    return table
