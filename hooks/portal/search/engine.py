"""Query evaluation: the same algorithm as the browser's overrides/assets/js/search/engine.js.

A query is split into groups, one per word (or per glossary phrase such as "female genital
mutilation"). Within a group, a page matches through any of these clauses:

    exact    the word's term (analysis.term) in the page's fields, whole words or compound parts
             (Swedish: äktenskap finds barnäktenskap)
    concept  the glossary concept tokens the word or phrase stands for       -> omskärelse finds könsstympning
    fuzzy    for an unknown word of 6 to 24 letters: the terms of the spellings one edit away that keep
             its first two letters, with their concepts                       -> mutilaton, riskbedömnig
    prefix   the last word as typed, as a prefix (search as you type): the PREFIX_TERMS most common terms
    split    an unknown word of 7 letters or more with no correction, not the start of a word being typed,
             is split into indexed words, whose terms are the clauses of its group -> könsstympningsrisk;
             a page with one of the parts covers the word (förlovningsfest: a page about the förlovning)

A group's score on a page is its exact and concept scores plus the best fuzzy and prefix score, each
weighed (WEIGHT). Words that match no page are left out and named (Result.left_out). A page need not
match every word: its score is multiplied by the share of the query it covers, each word weighed by how
rare it is (idf), so pages with more of the words come first and a page that lacks one word is still
found. (The square of the share, used before, let one rare word a page does not use hide the page that
answers a whole question: "underlåtenhet att avslöja äktenskapstvång".) A word on more than WEAK_SHARE of
the pages is weak, unless it stands for a glossary concept (FGM on a portal about FGM is still the
subject): pages that match only weak words are not results, and when the other words match nothing there
are no results at all (only the left-out words are named), rather than pages that happen to contain
"måste". A query in the first person ("jag", "min", "my": stop words, so they match nothing themselves) is
written by someone at risk or close to them: the pages for them (the audiences with the quick exit) weigh
PERSONAL_FACTOR more. A query that is a page's title, or a phrase of two words or more in it (its words
in order, stop words included), names that page: it weighs TITLE_FACTOR more ("För dig som är utsatt" is
all stop words but one; "Samverkan" is also a part of "Samverkanskedjan").

Only so much of a query is analysed (limits.py): its first characters and words, and typo correction and
splitting for a few words of reasonable length, so no query takes long whatever is typed or pasted.
"""
from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field
from typing import Any

from . import analysis, layout, limits
from .analysis import fold, words
from .concepts import ConceptTable

FUZZY_MIN_LENGTH = 6
PREFIX_MIN_LENGTH = 3
PREFIX_TERMS = 20
ALPHABET = "abcdefghijklmnopqrstuvwxyz"
SPLIT_MIN_LENGTH, SPLIT_MIN_MODIFIER, SPLIT_MIN_HEAD = 7, 3, 4
WEIGHT = {"exact": 1.0, "concept": 1.0, "fuzzy": 0.3, "prefix": 0.2}
WEAK_SHARE = 0.5
SECTION_SHARE = 0.5      # a result links to a section that has at least this share of the query's weight on it
PERSONAL_FACTOR = 1.5    # a query in the first person: pages for people at risk and their relatives weigh more
TITLE_FACTOR = 2.0       # the query is the page's title, or (two words or more) a phrase of it
_LATIN = re.compile("[a-z]+")
_ENDS_IN_WORD = re.compile(r"[^\W_]$")


@dataclass
class Clause:
    term: str
    kind: str                    # exact, concept, fuzzy, prefix
    alternative: str = ""        # fuzzy and prefix: the correction or completion it belongs to


@dataclass
class Group:
    label: str
    clauses: list[Clause] = field(default_factory=list)
    compound: int = -1           # the parts of an unknown compound: its position among the words read


@dataclass
class Hit:
    ref: int
    score: float
    doc: dict[str, Any]
    section: int = 0             # index of the section that answers best (0: the top of the page)


@dataclass
class Result:
    hits: list[Hit]
    left_out: list[str]          # the words (as typed) that match no page


def correctable(folded: str) -> bool:
    """Can this folded word get typo correction and splitting? Latin letters only, within the length caps."""
    return FUZZY_MIN_LENGTH <= len(folded) <= limits.CORRECTED_LETTERS and bool(_LATIN.fullmatch(folded))


def edits1(word: str, keep: int = 0) -> list[str]:
    """Every string one edit away from `word` that keeps its first `keep` letters, sorted (as engine.js's)."""
    splits = [(word[:i], word[i:]) for i in range(keep, len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in ALPHABET}
    out |= {a + c + b for a, b in splits for c in ALPHABET}
    out.discard(word)
    return sorted(out)


def idf_weight(matched: int, pages: int) -> float:
    """How rare a word is, rounded to 4 decimals so that Python and JavaScript use the same number."""
    return math.floor(math.log(1 + (pages - matched + 0.5) / (matched + 0.5)) * 10000 + 0.5) / 10000


def decode(flat: list[int]) -> list[tuple[int, int, int]]:
    """A bucket's postings [page delta, score, section, ...] as (page, score, section)."""
    out, ref = [], 0
    for i in range(0, len(flat), 3):
        ref += flat[i]
        out.append((ref, flat[i + 1], flat[i + 2]))
    return out


def docs_of(meta: dict[str, Any]) -> list[dict[str, Any]]:
    """The pages of meta.json as dictionaries (meta's docs table refers to facet values by position)."""
    values = meta["values"]
    return [{"id": row[0], "title": row[1], "url": row[2], "type": values["type"][row[3]],
             "audiences": [values["audience"][i] for i in row[4]], "topics": [values["topic"][i] for i in row[5]]}
            for row in meta["docs"]]


class Engine:
    def __init__(self, meta: dict[str, Any], buckets: dict[int, dict[str, Any]]) -> None:
        self.lang = meta["lang"]
        self.docs = docs_of(meta)
        self.postings: dict[str, list[tuple[int, int, int]]] = {}
        for bucket in buckets.values():
            for term, flat in bucket["terms"].items():
                if term not in self.postings:
                    self.postings[term] = decode(flat)
        self.terms = sorted(self.postings)
        self.concepts = ConceptTable.load(self.lang, meta["concepts"])
        self.first_person = frozenset(meta["personal"]["words"])
        self.personal_audiences = frozenset(meta["personal"]["audiences"])
        self._corrections: dict[str, list[str]] = {}
        self._splits: dict[str, list[str] | None] = {}
        self._titles: dict[int, list[str]] = {}

    @classmethod
    def from_files(cls, files: dict[str, dict[str, Any]]) -> "Engine":
        """From the files of a language's search folder (SearchData.files() or read from a site)."""
        meta = files[layout.META]
        return cls(meta, {n: files[layout.bucket_file(n)] for n in range(meta["buckets"])})

    def analyse(self, word: str) -> str | None:
        return analysis.term(word, self.lang)

    def known(self, term: str) -> bool:
        return term in self.postings

    def has_prefix(self, folded: str) -> bool:
        """Does an indexed term start with this folded word?"""
        at = bisect.bisect_left(self.terms, folded)
        return at < len(self.terms) and self.terms[at].startswith(folded)

    def prefix_terms(self, folded: str, exclude: str) -> list[str]:
        """The PREFIX_TERMS terms starting with a folded word that are on the most pages."""
        found = []
        at = bisect.bisect_left(self.terms, folded)
        while at < len(self.terms) and self.terms[at].startswith(folded):
            if self.terms[at] != exclude:
                found.append(self.terms[at])
            at += 1
        found.sort(key=lambda t: (-len(self.postings[t]), t))
        return found[:PREFIX_TERMS]

    def corrections(self, folded: str, term: str) -> list[str]:
        """Index terms of the spellings one edit away from a folded word that keep its first letters."""
        if folded not in self._corrections:
            found = set()
            for candidate in edits1(folded, layout.KEY_LETTERS):
                t = self.analyse(candidate)
                if t is not None and t != term and self.known(t):
                    found.add(t)
            self._corrections[folded] = sorted(found)
        return self._corrections[folded]

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

    def _read(self, found: list[str]) -> list[tuple[str, str | None]]:
        """(word, term or None for a stop word) of the words read: up to the QUERY_WORDS-th that is not a
        stop word."""
        items: list[tuple[str, str | None]] = []
        counted = 0
        for word in found:
            term = self.analyse(word)
            if term is not None:
                if counted == limits.QUERY_WORDS:
                    break
                counted += 1
            items.append((word, term))
        return items

    def _items(self, read: list[tuple[str, str | None]], last: int, typing: bool
               ) -> list[tuple[str, str | None, bool, int]]:
        """(word, term or None for a stop word, corrected?, compound) of the words read; an unknown compound
        replaced by its parts, which carry the compound's position among the words read (-1 otherwise).
        `last`: the position of the text's last word (a word still being typed is not split)."""
        out: list[tuple[str, str | None, bool, int]] = []
        budget = limits.CORRECTED_WORDS
        for number, (word, term) in enumerate(read):
            if term is None:
                out.append((word, None, False, -1))
                continue
            folded = fold(word)
            corrected = budget > 0 and not self.known(term) and correctable(folded)
            budget -= corrected
            parts = None
            if corrected and len(folded) >= SPLIT_MIN_LENGTH \
                    and not (typing and number == last and self.has_prefix(folded)) \
                    and not self.corrections(folded, term):
                parts = self.split(folded)
            if parts:
                out.extend((p, t, False, number) for p in parts if (t := self.analyse(p)) is not None)
            else:
                out.append((word, term, corrected, -1))
        return out

    def title_keys(self, ref: int) -> list[str]:
        """The keys of a page's title: its terms, and its stop words as stop keys (analysis.keys)."""
        if ref not in self._titles:
            self._titles[ref] = [t if (t := self.analyse(w)) is not None else analysis.stop_key(w)
                                 for w in words(self.docs[ref]["title"])]
        return self._titles[ref]

    def in_title(self, phrase: list[str], ref: int) -> bool:
        """Is the query (its keys, stop words included) the page's title, or, when it has two words or more,
        a run of words in it? Then the page is what the reader named: "För dig som är utsatt" is a
        title of stop words but one, "Samverkan" a title that other titles hold as a compound part."""
        title = self.title_keys(ref)
        if phrase == title:
            return True
        n = len(phrase)
        return n >= 2 and any(title[i:i + n] == phrase for i in range(len(title) - n + 1))

    def plan(self, text: str) -> list[Group]:
        text = text[:limits.QUERY_CHARACTERS]
        typing = bool(_ENDS_IN_WORD.search(text))
        found = words(text)
        read = self._read(found)
        items = self._items(read, len(found) - 1, typing)
        keys = [t if t is not None else analysis.stop_key(w) for w, t, _, _ in items]
        groups: list[Group] = []
        i = 0
        while i < len(items):
            length, tokens = self.concepts.match_at(keys, i)
            if length > 1:
                groups.append(Group(" ".join(w for w, _, _, _ in items[i:i + length]),
                                    [Clause(t, "concept") for t in tokens]))
                i += length
                continue
            word, term, corrected, compound = items[i]
            i += 1
            if term is None:
                continue
            clauses = [Clause(term, "exact")] + [Clause(t, "concept") for t in tokens]
            if compound >= 0:
                # The parts of an unknown compound are one word of the query: their scores add up and a page
                # with one of them covers the word (förlovningsfest: a page about förlovning need not say fest).
                if groups and groups[-1].compound == compound:
                    groups[-1].clauses.extend(clauses)
                else:
                    groups.append(Group(read[compound][0], clauses, compound))
                continue
            folded = fold(word)
            if corrected:
                for correction in self.corrections(folded, term):
                    clauses.append(Clause(correction, "fuzzy", correction))
                    clauses.extend(Clause(t, "fuzzy", correction)
                                   for t in self.concepts.match_at([correction], 0)[1])
            if typing and i == len(items) and len(folded) >= PREFIX_MIN_LENGTH:
                clauses.extend(Clause(t, "prefix", t) for t in self.prefix_terms(folded, term))
            groups.append(Group(word, clauses))
        return groups

    def _group_scores(self, group: Group, votes: dict[int, dict[int, float]]) -> dict[int, float]:
        """Exact and concept scores add up; of the corrections and of the completions only the best counts
        (a correction with its concept tokens, as the word would have)."""
        base: dict[int, int] = {}
        alternatives: dict[str, dict[str, dict[int, int]]] = {"fuzzy": {}, "prefix": {}}
        for clause in group.clauses:
            weight = WEIGHT[clause.kind]
            target = base if clause.kind not in alternatives \
                else alternatives[clause.kind].setdefault(clause.alternative, {})
            for ref, value, section in self.postings.get(clause.term, ()):
                cell = votes.setdefault(ref, {})
                cell[section] = cell.get(section, 0.0) + weight * value
                target[ref] = target.get(ref, 0) + value
        best = {kind: {} for kind in alternatives}
        for kind, options in alternatives.items():
            for scores in options.values():
                for ref, value in scores.items():
                    best[kind][ref] = max(best[kind].get(ref, 0), value)
        refs = sorted(set(base) | set(best["fuzzy"]) | set(best["prefix"]))
        return {ref: base.get(ref, 0) + WEIGHT["fuzzy"] * best["fuzzy"].get(ref, 0)
                + WEIGHT["prefix"] * best["prefix"].get(ref, 0) for ref in refs}

    def search(self, text: str) -> Result:
        groups = self.plan(text)
        found = words(text[:limits.QUERY_CHARACTERS])
        personal = bool(self.first_person.intersection(found))
        read = self._read(found)
        phrase = [t if t is not None else analysis.stop_key(w) for w, t in read]
        named = any(t is not None for _, t in read)
        votes: dict[int, dict[int, float]] = {}
        scores = [self._group_scores(g, votes) for g in groups]
        left_out = [g.label for g, s in zip(groups, scores) if not s]
        matched = [s for s in scores if s]
        pages = len(self.docs)
        # A glossary concept is a subject of the portal, never a weak word, however many pages name it.
        informative = [s for g, s in zip(groups, scores) if s and (len(s) <= WEAK_SHARE * pages or any(
            c.kind == "concept" for c in g.clauses))]
        if not matched or (left_out and not informative):
            return Result([], left_out)
        weights = [idf_weight(len(s), pages) for s in matched]
        total_weight = sum(weights)
        candidates = sorted({ref for s in (informative or matched) for ref in s})
        hits = []
        for ref in candidates:
            total, covered = 0.0, 0.0
            for s, weight in zip(matched, weights):
                if ref in s:
                    total += s[ref]
                    covered += weight
            coverage = covered / total_weight
            final = total * coverage
            if personal and self.personal_audiences.intersection(self.docs[ref]["audiences"]):
                final = final * PERSONAL_FACTOR
            if named and self.in_title(phrase, ref):
                final = final * TITLE_FACTOR
            cell = votes.get(ref, {})
            section = min(cell, key=lambda n: (-cell[n], n)) if cell else 0
            if section and cell[section] < SECTION_SHARE * sum(cell[n] for n in sorted(cell)):
                section = 0
            hits.append(Hit(ref, final, self.docs[ref], section))
        hits.sort(key=lambda h: (-math.floor(h.score * 1000 + 0.5), h.ref))
        return Result(hits, left_out)

    def ids(self, text: str, limit: int | None = None) -> list[str]:
        return [h.doc["id"] for h in self.search(text).hits[:limit]]
