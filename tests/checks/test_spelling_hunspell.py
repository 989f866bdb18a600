"""The spelling check asks a running hunspell (`hunspell -a`) about the few new words of a save in
`make serve`, and one `hunspell -l` run about many: both must give the same answer for every word, and
a hunspell that stops or hangs must not stop the check or change its answer."""
from __future__ import annotations

import os
import shutil
import subprocess

import pytest

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
def test_the_running_hunspell_and_the_listing_run_find_the_same_unknown_words(lang: str) -> None:
    words = WORDS[lang]
    by_pipe = set()
    for word in words:                       # a few at a time, as saves bring them
        by_pipe |= spelling.unknown_words({word}, lang)
    assert spelling._pipes, "the few new words did not go to the running hunspell"
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
