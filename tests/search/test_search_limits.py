"""Long and hostile input in the search box (issue 12): the query is cut at the caps of limits.py, the work
per query is bounded, results and messages are text (never HTML), and the quick exit keeps working.

Timing figures (the longest main-thread task, the quick exit's delay) are benchmarks, not tests:
scripts/bench_search_speed.py --limits prints them (BENCHMARKS.md). The browser test here only fails when
the quick exit is delayed by whole seconds, as it was before the caps.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from portal.search import engine as engine_module
from portal.search import limits, quality
from portal.search.engine import Engine
from search_helpers import INPUT, STATUS, engine_results
from test_search_engine import SWEDISH, built

SUPPORT_PAGE = "/stod/utsatt/"          # the fixture site's page for people at risk: it has the quick exit
NEUTRAL_URL = "https://www.smhi.se/"    # mkdocs.yml extra.portal.quick_exit_url default

# What a reader (or someone testing the box) may type or paste.
HOSTILE = {
    "5,000 letters": "a" * 5000,
    "5,000 letters with spaces": ("abcdefghij " * 455)[:5000],
    "many short words": " ".join(["ab", "cd", "ef", "gh"] * 600)[:5000],
    "combining marks": "a" + "\u0301" * 3000 + "o" + "\u0308" * 2000,
    "emoji": "😀👩‍👩‍👧‍👦🏳️‍🌈" * 700,
    "right to left": "مرحبا بالعالم שלום עולם " * 200,
    "long compounds": "könsstympningsriskbedömningsbarnäktenskapsbrott " * 40,
    "unknown 30-letter words": " ".join(["qwrtzpsdfghjklqwrtzpsdfghjklqw", "barnbarnbarnbarnbarnbarnbarnba",
                                         "konsstympningskonsstympningsko", "xyzzyxyzzyxyzzy"] * 8),
    "markup": '<img src=x onerror="window.__injected=1"><script>window.__injected=2</script>' * 20,
}


@pytest.fixture(scope="module")
def sv() -> Engine:
    return built(SWEDISH, "sv")


# ---------------------------------------------------------------- the caps in the Python engine

def test_only_the_first_characters_are_read(sv: Engine) -> None:
    text = "x" * (limits.QUERY_CHARACTERS - 1) + " orosanmälan"
    assert sv.plan(text[:limits.QUERY_CHARACTERS + 20]) == sv.plan("x" * (limits.QUERY_CHARACTERS - 1) + " o")
    assert sv.ids("orosanmälan " + "x" * 5000)[:1] == ["oros"]


def test_only_the_first_words_are_searched(sv: Engine) -> None:
    filler = " ".join(f"ord{n}" for n in range(limits.QUERY_WORDS))
    assert len(sv.plan(filler + " orosanmälan ")) == limits.QUERY_WORDS
    assert "orosanmälan" not in [g.label for g in sv.plan(filler + " orosanmälan ")]
    # Stop words do not count: a question of many short words keeps its content words.
    question = "om jag och du och hon och han och de och vi och ni och det är en orosanmälan"
    assert sv.ids(question)[:1] == ["oros"]


def test_typo_correction_is_limited_to_a_few_words_of_reasonable_length(sv: Engine) -> None:
    assert engine_module.correctable("konsstymning")
    assert not engine_module.correctable("k" * (limits.CORRECTED_LETTERS + 1))
    assert not engine_module.correctable("مرحبابالعالم")      # typo correction knows Latin letters only
    words = " ".join(["konsstymning"] * (limits.CORRECTED_WORDS + 2))
    fuzzy = [any(c.kind == "fuzzy" for c in g.clauses) for g in sv.plan(words + " ")]
    assert fuzzy == [True] * limits.CORRECTED_WORDS + [False] * 2


@pytest.mark.parametrize("name", list(HOSTILE))
def test_work_per_query_is_bounded(sv: Engine, monkeypatch, name: str) -> None:
    """Count the words analysed (stemmed) for a query: the caps bound it, whatever the input."""
    calls = []
    analyse = sv.analyse
    monkeypatch.setattr(sv, "analyse", lambda word: calls.append(word) or analyse(word))
    sv._corrections.clear()
    sv._splits.clear()
    sv.search(HOSTILE[name])
    letters = limits.CORRECTED_LETTERS
    per_corrected_word = (2 + 2 * 26) * (letters + 1) + 2 * letters * letters   # edits1 + every split
    bound = limits.QUERY_CHARACTERS + limits.CORRECTED_WORDS * per_corrected_word
    assert len(calls) <= bound, (len(calls), bound)


# ---------------------------------------------------------------- in the search box

def open_support_page(browser: Browser, url: str):
    context = browser.new_context(viewport={"width": 1280, "height": 800},
                                  permissions=["clipboard-read", "clipboard-write"])
    context.set_default_timeout(10_000)
    context.route(NEUTRAL_URL + "**", lambda route: route.fulfill(
        body="<!doctype html><title>Neutral</title>", content_type="text/html"))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url, wait_until="networkidle")
    page.locator(INPUT).focus()
    expect(page.locator("[data-portal-search-ready]")).to_have_count(1)
    return context, page, errors


def put(page: Page, how: str, text: str) -> None:
    if how == "typed":
        page.locator(INPUT).fill(text)
    else:  # pasted from the clipboard, as a reader would
        page.evaluate("text => navigator.clipboard.writeText(text)", text)
        page.locator(INPUT).press("Control+V")


@pytest.mark.parametrize("how", ["typed", "pasted"])
@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_input_is_capped_and_the_quick_exit_still_works(browser, fixture_server, name, how) -> None:
    context, page, errors = open_support_page(browser, fixture_server + SUPPORT_PAGE)
    try:
        put(page, how, HOSTILE[name])
        value = page.locator(INPUT).input_value()
        assert 0 < len(value) <= limits.QUERY_CHARACTERS, len(value)    # maxlength (UTF-16 units)
        expect(page.locator(STATUS)).not_to_have_text("")
        assert page.locator(".portal-search img, .portal-search script").count() == 0
        assert page.evaluate("window.__injected") is None
        started = time.monotonic()
        for _ in range(3):
            page.keyboard.press("Shift")
        page.wait_for_url(NEUTRAL_URL + "**", timeout=5_000)
        # Before the caps the page was blocked for seconds; a generous bound, the figure is a benchmark.
        assert time.monotonic() - started < 2.0
        assert not errors, errors
    finally:
        context.close()


def test_engines_cut_hostile_input_alike(browser, fixture_server, fixture_site: Path) -> None:
    """Values set by a script bypass maxlength: both engines still cut them at the same places."""
    python = quality.load_engines(fixture_site)["sv"]
    context, page, errors = open_support_page(browser, fixture_server + SUPPORT_PAGE)
    try:
        texts = list(HOSTILE.values()) + ["hedersförtryck " * 30, "test " * 40 + "hedersförtryck"]
        for text, got in zip(texts, engine_results(page, texts)):
            assert got["labels"] == [g.label for g in python.plan(text)], text[:40]
            assert got["ids"] == python.ids(text, 5), text[:40]
            assert got["leftOut"] == python.search(text).left_out, text[:40]
        assert not errors, errors
    finally:
        context.close()


def test_markup_in_a_query_is_shown_as_text(browser, fixture_server) -> None:
    context, page, errors = open_support_page(browser, fixture_server + "/en/")
    try:
        query = '<zzqx onclick="zzqy()"><zzqw>'
        page.locator(INPUT).fill(query)
        expect(page.locator(STATUS)).to_contain_text("No results for: zzqx, onclick, zzqy, zzqw.")
        assert page.locator(".portal-search img, .portal-search zzqx").count() == 0
        assert page.evaluate("window.__injected") is None
    finally:
        context.close()
