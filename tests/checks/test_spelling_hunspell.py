"""The spelling check asks a running hunspell (`hunspell -a`) about the few new words of a save in
`make serve`, and one `hunspell -l` run about many: both must give the same answer for every word, and
a hunspell that stops or hangs must not stop the check or change its answer."""
from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from hypothesis import given, settings, strategies as st

from portal.checks import spelling

WORDS = {
    "sv": ["hej", "katt", "kattt", "orosanmälan", "oroanmälan", "e-post", "CEDAW-kommittén", "hälso",
           "Socialtjänsten", "barnäktenskap", "barnäktenskapp", "Mätpunkt", "foo’bar", "barn's", "xyzzyq",
           "naïve", "ﬁnns", "Ö", "ÅÄÖ", "e\u0301", "שלום", "İstanbul", "a" * 200, "-", "’", "kvinno-", "Stockholms"],
    "en": ["honour", "honor", "colour", "recieve", "child-marriage", "it's", "don’t", "Sweden", "sweden",
           "xyzzyq", "naïve", "ﬁnd", "ß", "e\u0301", "مرحبا", "a" * 200, "-", "’"],
}

MISSPELLED = {"sv": {"kattt", "xyzzyq", "barnäktenskapp"}, "en": {"recieve", "xyzzyq"}}
KNOWN = {"sv": {"hej", "katt", "orosanmälan", "barnäktenskap"}, "en": {"honour", "colour", "Sweden"}}


@pytest.fixture(autouse=True)
def fresh_answers(monkeypatch):
    """Every test asks hunspell afresh, with no running hunspell of another test."""
    if shutil.which("hunspell") is None or not all(spelling.dictionary_available(lang) for lang in spelling.DICTIONARIES):
        if os.environ.get("CI") == "true":
            pytest.fail(f"hunspell or its dictionaries are missing: apt-get install {spelling.PACKAGES}")
        pytest.skip("hunspell or its dictionaries are not installed")
    monkeypatch.setattr(spelling, "_listed", type(spelling._listed)(dict))
    monkeypatch.setattr(spelling, "_suggested", type(spelling._suggested)(dict))
    monkeypatch.setattr(spelling, "_failures", type(spelling._failures)(int))
    spelling._close_pipes()
    yield
    spelling._close_pipes()


def _listed_run(words: list[str], lang: str) -> set[str]:
    spelling._listed.clear()
    original, spelling.PIPE_WORDS = spelling.PIPE_WORDS, 0
    try:
        return spelling.unknown_words(set(words), lang)
    finally:
        spelling.PIPE_WORDS = original


@pytest.mark.parametrize("lang", list(WORDS))
def test_the_running_hunspell_and_the_listing_run_find_the_same_unknown_words(lang: str, monkeypatch) -> None:
    words = WORDS[lang]
    by_pipe = set()
    with monkeypatch.context() as patched:   # the listing run must not answer in the running one's place
        patched.setattr(spelling.subprocess, "run", lambda *a, **k: pytest.fail("asked the slow way"))
        step = spelling.PIPE_WORDS // 2   # a hyphenated word is asked about whole and in parts
        for start in range(0, len(words), step):    # as many at a time as a save may bring
            by_pipe |= spelling.unknown_words(set(words[start:start + step]), lang)
    by_listing = _listed_run(words, lang)
    assert by_pipe == by_listing
    assert MISSPELLED[lang] <= by_pipe and not KNOWN[lang] & by_pipe


def test_suggestions_from_the_running_hunspell_are_those_of_a_fresh_one() -> None:
    spelling.unknown_words({"kattt", "oroanmälan"}, "sv")
    from_pipe = spelling.suggestions({"kattt", "oroanmälan"}, "sv")
    spelling._suggested.clear()
    assert spelling.suggestions({"kattt", "oroanmälan"}, "sv") == from_pipe
    assert "katt" in from_pipe["kattt"]


def test_a_hunspell_that_stopped_is_replaced_and_the_answer_is_the_same() -> None:
    spelling.unknown_words({"hej"}, "sv")
    spelling._pipes["sv"].process.kill()
    spelling._pipes["sv"].process.wait()
    assert spelling.unknown_words({"kattt", "katt"}, "sv") == {"kattt"}   # asked the slow way
    assert "sv" not in spelling._pipes
    assert spelling.unknown_words({"hund"}, "sv") == set() and "sv" in spelling._pipes   # and running again


def test_a_hunspell_that_hangs_costs_a_timeout_not_the_check(monkeypatch) -> None:
    real = subprocess.Popen

    def silent(command, **options):
        if "-a" in command:   # greets, then never answers
            return real(["sh", "-c", "echo '@(#) hunspell stand-in'; exec sleep 60"], **options)
        return real(command, **options)

    monkeypatch.setattr(spelling.subprocess, "Popen", silent)
    monkeypatch.setattr(spelling, "PIPE_SECONDS", 0.3)
    assert spelling.unknown_words({"kattt", "katt"}, "sv") == {"kattt"}
    assert "sv" not in spelling._pipes


def test_a_forked_process_starts_its_own_hunspell_and_leaves_the_parents_alone() -> None:
    spelling.unknown_words({"hej"}, "sv")
    parents = spelling._pipes["sv"]
    parents.owner = -1                      # as a forked child sees its parent's
    assert spelling.unknown_words({"kattt"}, "sv") == {"kattt"}
    assert spelling._pipes["sv"] is not parents and parents.process.poll() is None
    parents.close()


def test_a_word_longer_than_hunspells_input_piece_is_asked_the_slow_way_and_later_answers_stay_in_step() -> None:
    """hunspell answers each 8,192-byte piece of a line: such a word would put every later answer out of step."""
    long_word = "ꙮ" * 3000                      # 9,000 bytes of letters
    assert spelling.unknown_words({long_word, "kattt"}, "sv") >= {"kattt"}
    assert spelling.unknown_words({"katt"}, "sv") == set() and "sv" in spelling._pipes
    assert spelling.unknown_words({"hundd"}, "sv") == {"hundd"}


def test_an_answer_about_another_word_stops_the_running_hunspell() -> None:
    spelling.unknown_words({"hej"}, "sv")
    pipe = spelling._pipes["sv"]
    pipe.ask("b" * 9000)                         # two answers come back; the first is read
    with pytest.raises(OSError, match="answered about"):
        pipe.ask("kattt")


def test_after_two_failures_a_process_asks_the_slow_way_without_starting_hunspell_again(monkeypatch) -> None:
    started: list[list[str]] = []
    real = subprocess.Popen

    def mute(command, **options):
        if "-a" in command:
            started.append(command)
            return real(["sh", "-c", "exec sleep 60"], **options)   # never greets
        return real(command, **options)

    monkeypatch.setattr(spelling.subprocess, "Popen", mute)
    monkeypatch.setattr(spelling, "PIPE_SECONDS", 0.2)
    for word in ("kattt", "hundd", "fiskk"):
        assert spelling.unknown_words({word, "katt"}, "sv") == {word}
    assert len(started) == spelling.PIPE_FAILURES


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(alphabet="ab-", max_size=6), st.booleans(), max_size=30),
       st.sets(st.text(alphabet="ab-", max_size=6), max_size=30))
def test_a_word_is_unknown_when_it_or_a_hyphenated_part_is(answers: dict[str, bool], asked: set[str]) -> None:
    """What unknown_words makes of hunspell's answers (here given: nothing is asked), for words with and
    without hyphens, empty parts included."""
    tokens = {part for word in asked for part in [word, *word.split("-")]}
    known = {token: answers.get(token, False) for token in tokens}
    spelling._listed["sv"].update(known)
    assert spelling.unknown_words(asked, "sv") == \
        {word for word in asked if known[word] or any(known[part] for part in word.split("-"))}
