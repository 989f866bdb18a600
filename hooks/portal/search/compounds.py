"""Swedish compound splitting, so that a part finds the whole: äktenskap -> barnäktenskap.

There is no dictionary in the build: the words of the corpus itself (and the glossary) are the
dictionary. A word is split into modifier + head when both are known words; the modifier may end in
the linking -s (tvångs-, heders-, oros-), may be a stem (skol-, flick-: skolpersonal, flickgrupp) and
may itself be a compound. Heads may be inflected
(barnäktenskapet: the head äktenskapet is known through its stem). Stop words and a few word-like
suffixes are never parts, so "föräldrar" is not "för" + "äldrar" and "studerande" not "studer" + "ande".

Works on folded words (see analysis.fold); the parts are indexed in their own low-boost fields.

`make serve` indexes at every save, and a save that brings a new word changes the vocabulary: the splits
that cannot depend on the change are kept (Decompounder's `previous`), and `changed` names the words whose
split is no longer the same, so that only the pages with those words are indexed again.
"""
from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate
from typing import Iterable

from .analysis import STOP_WORDS, fold
from .stemmers import stem_sv

MIN_WORD = 7
MIN_MODIFIER = 3
MIN_HEAD = 4
# Words that are also common endings; as heads they would split ordinary words.
NOT_A_HEAD = frozenset({"ande", "ende", "arna", "erna", "orna", "heten", "heter", "else", "elser", "ning",
                        "ningar", "ningen", "ighet", "ligt", "lig", "liga", "tion", "ator", "aren", "isk",
                        "iska", "iskt", "ering", "eringen", "eringar", "skap", "dom", "domen", "andet", "ende"})
# Past this many added or removed words and stems, comparing them with every kept split costs about what
# splitting afresh does (a save seldom brings more than a few new words).
MAX_CARRIED_CHANGES = 64


class Decompounder:
    def __init__(self, vocabulary: Iterable[str], previous: Decompounder | None = None) -> None:
        stop = STOP_WORDS["sv"]
        # Each word folded, by its text: `make serve` makes a splitter of the site's words at every save.
        seen = previous._folded if previous is not None else {}
        self._folded = {word: seen[word] if word in seen else fold(word) for word in vocabulary}
        self.known = {w for w in self._folded.values() if len(w) >= MIN_MODIFIER and w not in stop and w.isalpha()}
        self.known_stems = {stem_sv(w) for w in self.known if len(w) >= MIN_HEAD}
        self._cache: dict[str, tuple[str, ...]] = {}
        # Whether a head's stem was more than its last letter away from a start of the head (_carry).
        self._stem_off_start = False
        # The words split by `previous` whose split is different now; None: any split may be different.
        self.changed: frozenset[str] | None = None
        if previous is not None:
            self._carry(previous)

    def _carry(self, previous: Decompounder) -> None:
        """Keep the splits of `previous` that asked nothing about a word or stem added or removed since.

        A split of `word` asks whether parts of `word` (its substrings) are known words or stems, and
        whether the stems of its possible heads (substrings too) are known stems. stem_sv keeps a start
        of the word but for its last letter (tunneln -> tunnl: "tunn"; flickan -> flick: "flic"), which
        _is_head checks as it goes: so a split that asked about a changed word w or stem s has w, or s
        but for its last letter, inside `word` (tests/search/test_compound_splits_kept.py compares the
        kept splits with a fresh splitter's).
        """
        # The changed words, and the changed stems but for their last letter.
        probes = (*(self.known ^ previous.known), *(stem[:-1] for stem in self.known_stems ^ previous.known_stems))
        if not probes:   # the same words and stems: every lookup of every split answers the same
            self._cache, self.changed = dict(previous._cache), frozenset()
            self._stem_off_start = previous._stem_off_start
            return
        if previous._stem_off_start or len(probes) > MAX_CARRIED_CHANGES:
            return
        # The kept words in one text, searched for each probe (tens of thousands of words, a few probes).
        words = list(previous._cache)
        text = "\0".join(words)   # no probe holds a \0, so none matches across two words
        starts = list(accumulate((len(word) + 1 for word in words), initial=0))
        dropped: set[str] = set()
        for probe in probes:
            at = text.find(probe)
            while at != -1:
                dropped.add(words[bisect_right(starts, at) - 1])
                at = text.find(probe, at + 1)
        self._cache = {word: parts for word, parts in previous._cache.items() if word not in dropped}
        self.changed = frozenset(word for word in dropped if self.split(word) != previous._cache[word])

    def _is_head(self, word: str) -> bool:
        if len(word) < MIN_HEAD or word in NOT_A_HEAD:
            return False
        if word in self.known:
            return True
        stem = stem_sv(word)
        if not word.startswith(stem[:-1]):
            self._stem_off_start = True
        return stem in self.known_stems

    def _modifiers(self, left: str) -> list[str]:
        options = [left]
        if left.endswith("s") and len(left) - 1 >= MIN_MODIFIER:
            options.append(left[:-1])
        return options

    def split(self, word: str) -> tuple[str, ...]:
        """The parts of a folded word, outermost split first; () when it is not a compound.

        barnaktenskapsbrott -> ('barnaktenskap', 'brott', 'barn', 'aktenskap')
        """
        if word in self._cache:
            return self._cache[word]
        self._cache[word] = ()  # guards against recursion on the same word
        result: tuple[str, ...] = ()
        if len(word) >= MIN_WORD and word.isalpha():
            # Longest head first: the most specific known word at the end of the compound.
            for cut in range(MIN_MODIFIER, len(word) - MIN_HEAD + 1):
                head = word[cut:]
                if not self._is_head(head):
                    continue
                options = self._modifiers(word[:cut])
                # A known word first (without the linking -s before with it), then a compound modifier.
                for modifier in reversed(options):
                    if modifier in self.known or modifier in self.known_stems:
                        result = (modifier, head) + self.split(modifier) + self.split(head)
                        break
                else:
                    for modifier in reversed(options):
                        inner = self.split(modifier)
                        if inner:
                            result = (modifier, head) + inner + self.split(head)
                            break
                if result:
                    break
        self._cache[word] = result
        return result
