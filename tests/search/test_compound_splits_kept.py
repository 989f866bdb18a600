"""A save that brings a new word changes the vocabulary of compound parts; `make serve` keeps the splits
that cannot depend on the change (compounds.Decompounder's `previous`). Whatever the changes, every split
must be a fresh splitter's, and `changed` must name every word whose split is no longer the same."""
from __future__ import annotations

from hypothesis import example, given, settings, strategies as st

from portal.search import compounds
from portal.search.compounds import Decompounder
from portal.search.stemmers import stem_sv

# Pieces that make Swedish-like compounds, endings stem_sv treats in its own ways (-el, -eln, -et, -an,
# -ning, a genitive -s, double consonants) and stop words, so that words split, stop splitting and split
# differently as the vocabulary changes.
PIECES = ["barn", "aktenskap", "s", "heder", "brott", "tunnel", "regel", "n", "et", "ar", "an", "ning",
          "skydd", "for", "tryck", "el", "eln", "a", "e", "oro", "anmal", "skol", "personal", "tjanst",
          "social", "och", "stod", "tt", "dd", "lig", "ande", "er", "sys", "tr", "off", "teck", "en", "x",
          "regl", "tunnl", "syst", "offr", "trafik"]
WORD = st.lists(st.sampled_from(PIECES), min_size=1, max_size=5).map("".join)
LETTERS = st.text(alphabet="abdeiklmnorstuy", min_size=1, max_size=16)
VOCABULARY = st.sets(st.one_of(WORD, LETTERS), max_size=30)


def _fresh_splits(vocabulary: set[str], queries: list[str]) -> dict[str, tuple[str, ...]]:
    fresh = Decompounder(vocabulary)
    return {word: fresh.split(word) for word in queries}


@settings(max_examples=300, deadline=None)
@given(VOCABULARY, st.lists(st.tuples(st.sets(st.one_of(WORD, LETTERS), max_size=4),
                                      st.sets(st.integers(min_value=0, max_value=40), max_size=4)),
                            min_size=1, max_size=5),
       st.lists(st.one_of(WORD, LETTERS), max_size=20))
# A stem a word does not hold: "tunnlar" brings the stem "tunnl", which makes "tunneln" (stem "tunnl") a head.
@example({"bil", "sten"}, [({"tunnlar"}, set())], ["biltunneln"])
@example({"bil", "tunnlar"}, [(set(), {1})], ["biltunneln"])
# A removed word of three letters has no stem: only the word itself tells which splits asked about it.
@example({"bil", "olycka"}, [(set(), {0})], ["bilolycka"])
def test_kept_splits_are_a_fresh_splitters_and_changed_names_every_changed_split(
        start: set[str], saves: list, extra: list[str]) -> None:
    vocabulary = set(start)
    splitter = Decompounder(vocabulary)
    queries = sorted(vocabulary | set(extra))
    for word in queries:
        splitter.split(word)
    for added, removed in saves:
        ordered = sorted(vocabulary)
        vocabulary = (vocabulary - {ordered[i] for i in removed if i < len(ordered)}) | added
        before = dict(splitter._cache)
        kept = Decompounder(vocabulary, splitter)
        queries = sorted(set(queries) | vocabulary)
        fresh = _fresh_splits(vocabulary, queries + sorted(before))
        for word in sorted(before):
            if kept.changed is not None and fresh[word] != before[word]:
                assert word in kept.changed, (word, before[word], fresh[word])
        for word in queries + sorted(before):
            assert kept.split(word) == fresh[word], word
        splitter = kept


def test_a_new_word_keeps_every_split_it_cannot_change() -> None:
    vocabulary = {"barn", "aktenskap", "barnaktenskap", "brott", "barnaktenskapsbrott", "skydd", "tunnel",
                  "hedersbrott", "skyddsbedomning"}
    splitter = Decompounder(vocabulary)
    for word in sorted(vocabulary):
        splitter.split(word)
    kept = Decompounder(vocabulary | {"heder"}, splitter)
    assert kept.changed == {"hedersbrott"}
    assert kept.split("hedersbrott") == ("heder", "brott")
    # The splits that never asked about "heder" or its stem were not made again.
    assert {w: kept._cache[w] for w in ("barnaktenskapsbrott", "skyddsbedomning")} == \
        {w: splitter._cache[w] for w in ("barnaktenskapsbrott", "skyddsbedomning")}
    removed = Decompounder(vocabulary, kept)
    assert removed.changed == {"hedersbrott"} and removed.split("hedersbrott") == ()


def test_a_new_stem_the_word_does_not_hold_splits_it_again() -> None:
    """"tunnlar" is not in "biltunneln", nor its stem "tunnl"; but the head "tunneln" stems to "tunnl" too."""
    splitter = Decompounder({"bil", "sten"})
    assert splitter.split("biltunneln") == ()
    kept = Decompounder({"bil", "sten", "tunnlar"}, splitter)
    assert kept.split("biltunneln") == ("bil", "tunneln") == Decompounder({"bil", "tunnlar"}).split("biltunneln")
    assert "biltunneln" in kept.changed


def test_a_removed_three_letter_word_unsplits_its_compounds() -> None:
    splitter = Decompounder({"bil", "olycka"})
    assert splitter.split("bilolycka") == ("bil", "olycka")
    kept = Decompounder({"olycka"}, splitter)
    assert kept.split("bilolycka") == () and "bilolycka" in kept.changed


def test_the_same_vocabulary_keeps_every_split() -> None:
    splitter = Decompounder({"barn", "aktenskap"})
    splitter.split("barnaktenskap")
    kept = Decompounder({"barn", "aktenskap"}, splitter)
    assert kept.changed == frozenset() and kept._cache == splitter._cache


def test_too_many_changes_split_afresh() -> None:
    splitter = Decompounder({"barn", "aktenskap"})
    splitter.split("barnaktenskap")
    many = {f"ord{'a' * n}" for n in range(compounds.MAX_CARRIED_CHANGES + 1)}
    kept = Decompounder({"barn", "aktenskap"} | many, splitter)
    assert kept.changed is None and kept._cache == {}


@settings(max_examples=500, deadline=None)
@given(st.one_of(WORD, st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=24)))
def test_a_stem_is_a_start_of_its_word_but_for_its_last_letter(word: str) -> None:
    """What the kept splits rely on (Decompounder._carry); were it false for a head, the splitter would
    notice it and split afresh at the next change (the test below)."""
    assert word.startswith(stem_sv(word)[:-1])


def test_a_stem_far_from_its_word_makes_the_next_change_split_afresh(monkeypatch) -> None:
    vocabulary = {"barn", "aktenskap", "brott"}
    splitter = Decompounder(vocabulary)
    monkeypatch.setattr(compounds, "stem_sv", lambda word: word[::-1])
    splitter.split("barnaktenskapsbrott")
    assert splitter._stem_off_start
    kept = Decompounder(vocabulary | {"heder"}, splitter)
    assert kept.changed is None and kept._cache == {}


def test_the_same_vocabulary_keeps_what_its_splits_rest_on(monkeypatch) -> None:
    """Every split is kept when nothing changed, whatever the stems; a stem far from its word is
    remembered, so that the next change splits afresh."""
    monkeypatch.setattr(compounds, "stem_sv", lambda word: word[::-1])
    vocabulary = {"barn", "aktenskap", "brott"}
    splitter = Decompounder(vocabulary)
    splitter.split("barnaktenskapsbrott")
    assert splitter._stem_off_start
    same = Decompounder(vocabulary, splitter)
    assert same.changed == frozenset() and same._cache == splitter._cache and same._stem_off_start
    kept = Decompounder(vocabulary | {"heder"}, same)
    assert kept.changed is None and kept._cache == {}
