"""Query evaluation: the same algorithm as the browser's overrides/assets/js/search/engine.js.

A query is split into groups, one per word (or per glossary phrase such as "female genital
mutilation"). A page must match every group (if no page does, the pages matching the most groups are
returned). Within a group, a page matches through any of these lunr clauses:

    exact    the word's term (fold, stop, stem) in title, keywords, headings, description, body
    part     the same term among the compound parts of the page's words (Swedish)   -> äktenskap finds barnäktenskap
    fuzzy    for a word of 6 letters or more that is not in the index: terms one edit away from its
             term, and the terms of the words one edit away from the word, low boost  -> mutilaton, riskbedömnig
    prefix   the last word as typed, as a prefix, very low boost (search as you type)
    split    a word of 7 letters or more that is not in the index, has no one-edit correction and is not
             the start of an indexed word being typed, is split into indexed words that each become a
             group of their own                                   -> könsstympningsrisk = könsstympning + risk
    concept  the glossary concept tokens the word or phrase stands for               -> omskärelse finds könsstympning

Scores of the groups are added; results are ordered by score, then by their order in the file.

Only so much of a query is analysed (limits.py): its first characters and words, and typo correction and
splitting for a few words of reasonable length, so no query takes long whatever is typed or pasted.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

from . import limits
from .analysis import fold, register_pipeline, words
from .concepts import ConceptTable
from .packing import unpack

FUZZY_MIN_LENGTH = 6
PREFIX_MIN_LENGTH = 3
ALPHABET = "abcdefghijklmnopqrstuvwxyz"
SPLIT_MIN_LENGTH, SPLIT_MIN_MODIFIER, SPLIT_MIN_HEAD = 7, 3, 4
BOOST = {"exact": 1.0, "part": 1.0, "fuzzy": 0.2, "prefix": 0.1, "concept": 1.0}
_LATIN = re.compile("[a-z]+")
_ENDS_IN_WORD = re.compile(r"[^\W_]$")


@dataclass
class Clause:
    term: str
    fields: list[str]
    boost: float
    edit_distance: int = 0
    prefix: bool = False


@dataclass
class Group:
    label: str
    clauses: list[Clause] = field(default_factory=list)


@dataclass
class Hit:
    ref: int
    score: float
    doc: dict[str, Any]


def correctable(folded: str) -> bool:
    """Can this folded word get typo correction and splitting? Latin letters only, within the length caps."""
    return FUZZY_MIN_LENGTH <= len(folded) <= limits.CORRECTED_LETTERS and bool(_LATIN.fullmatch(folded))


def edits1(word: str) -> list[str]:
    """Every string one edit away from `word`, sorted (engine.js's edits1 gives the same list)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in ALPHABET}
    out |= {a + c + b for a, b in splits for c in ALPHABET}
    out.discard(word)
    return sorted(out)


class Engine:
    def __init__(self, data: dict[str, Any]) -> None:
        from lunr.index import Index
        register_pipeline()
        self.lang = data["lang"]
        self.docs = data["docs"]
        self.index = Index.load(unpack(data["index"]))
        self.concepts = ConceptTable.load(self.lang, data["concepts"])
        self.terms = data["index"]["terms"]      # sorted
        self.whole = [f for f in self.index.fields if not f.startswith("parts_")]
        self.parts = [f for f in self.index.fields if f.startswith("parts_")]
        self._corrections: dict[str, list[str]] = {}
        self._splits: dict[str, list[str] | None] = {}

    def analyse(self, word: str) -> str | None:
        out = self.index.pipeline.run_string(word)
        return out[0] if out else None

    def corrections(self, folded: str, term: str) -> list[str]:
        """Index terms of the words one edit (delete, swap, replace, insert) away from a folded word."""
        if folded not in self._corrections:
            found = set()
            for candidate in edits1(folded):
                t = self.analyse(candidate)
                if t is not None and t != term and t in self.index.inverted_index:
                    found.add(t)
            self._corrections[folded] = sorted(found)
        return self._corrections[folded]

    def known(self, term: str) -> bool:
        return term in self.index.inverted_index

    def has_prefix(self, folded: str) -> bool:
        """Does an indexed term start with this folded word?"""
        at = bisect.bisect_left(self.terms, folded)
        return at < len(self.terms) and self.terms[at].startswith(folded)

    def split(self, folded: str) -> list[str] | None:
        """Indexed words that make up an unknown compound; None if there are none.

        Readings with the linking -s come first (barnäktenskapslagen: barnäktenskap(s) + lagen, not
        barnäktenskap + slagen), then the others; within each, the longest last part first. Remembered,
        so the inner splits of a long word are worked out once each.
        """
        if folded not in self._splits:
            self._splits[folded] = self._split(folded)
        return self._splits[folded]

    def _split(self, folded: str) -> list[str] | None:
        for linking in (True, False):
            for cut in range(SPLIT_MIN_MODIFIER + (1 if linking else 0), len(folded) - SPLIT_MIN_HEAD + 1):
                left, head = folded[:cut], folded[cut:]
                if linking and not left.endswith("s"):
                    continue
                head_term = self.analyse(head)
                if head_term is None or not self.known(head_term):
                    continue
                modifier = left[:-1] if linking else left
                term = self.analyse(modifier)
                if term is not None and self.known(term):
                    return [modifier, head]
                if len(modifier) >= SPLIT_MIN_LENGTH:
                    inner = self.split(modifier)
                    if inner:
                        return inner + [head]
        return None

    def _items(self, text: str, typing: bool) -> list[tuple[str, str, bool]]:
        """(word, term, corrected?) of the words searched, unknown compounds replaced by their parts."""
        items = [(w, t) for w in words(text) if (t := self.analyse(w)) is not None][:limits.QUERY_WORDS]
        out: list[tuple[str, str, bool]] = []
        budget = limits.CORRECTED_WORDS
        for number, (word, term) in enumerate(items):
            folded = fold(word)
            corrected = budget > 0 and not self.known(term) and correctable(folded)
            budget -= corrected
            parts = None
            if corrected and len(folded) >= SPLIT_MIN_LENGTH \
                    and not (typing and number == len(items) - 1 and self.has_prefix(folded)) \
                    and not self.corrections(folded, term):
                parts = self.split(folded)
            if parts:
                out.extend((p, t, False) for p in parts if (t := self.analyse(p)) is not None)
            else:
                out.append((word, term, corrected))
        return out

    def plan(self, text: str) -> list[Group]:
        text = text[:limits.QUERY_CHARACTERS]
        typing = bool(_ENDS_IN_WORD.search(text))
        items = self._items(text, typing)
        seq = [t for _, t, _ in items]
        groups: list[Group] = []
        i = 0
        while i < len(items):
            length, tokens = self.concepts.match_at(seq, i)
            concept_clauses = [Clause(t, self.whole, BOOST["concept"]) for t in tokens]
            if length > 1:
                groups.append(Group(" ".join(w for w, _, _ in items[i:i + length]), concept_clauses))
                i += length
                continue
            word, term, corrected = items[i]
            folded = fold(word)
            both = self.whole + self.parts
            clauses = [Clause(term, self.whole, BOOST["exact"])]
            if self.parts:
                clauses.append(Clause(term, self.parts, BOOST["part"]))
            if corrected:
                clauses.append(Clause(term, both, BOOST["fuzzy"], edit_distance=1))
                clauses.extend(Clause(c, both, BOOST["fuzzy"]) for c in self.corrections(folded, term))
            if typing and i == len(items) - 1 and len(folded) >= PREFIX_MIN_LENGTH:
                clauses.append(Clause(folded, both, BOOST["prefix"], prefix=True))
            groups.append(Group(word, clauses + concept_clauses))
            i += 1
        return groups

    def _run(self, group: Group) -> dict[str, float]:
        from lunr.query import Query

        def configure(query: Query) -> None:
            for c in group.clauses:
                query.term(c.term, fields=c.fields, boost=c.boost, edit_distance=c.edit_distance,
                           use_pipeline=False,
                           wildcard=Query.WILDCARD_TRAILING if c.prefix else Query.WILDCARD_NONE)

        return {r["ref"]: r["score"] for r in self.index.query(callback=configure)}

    def search(self, text: str) -> list[Hit]:
        groups = self.plan(text)
        if not groups:
            return []
        scores: dict[str, float] = {}
        matched: dict[str, int] = {}
        for group in groups:
            for ref, score in self._run(group).items():
                scores[ref] = scores.get(ref, 0.0) + score
                matched[ref] = matched.get(ref, 0) + 1
        if not matched:
            return []
        best = max(matched.values())
        refs = [r for r in scores if matched[r] == best]
        refs.sort(key=lambda r: (-round(scores[r], 6), int(r)))
        return [Hit(int(r), scores[r], self.docs[int(r)]) for r in refs]

    def ids(self, text: str, limit: int | None = None) -> list[str]:
        return [h.doc["id"] for h in self.search(text)[:limit]]
