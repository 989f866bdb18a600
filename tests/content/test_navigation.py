"""data/navigation.yml: the order of the navigation, the steps and "Börja här", checked against the pages."""
from __future__ import annotations

from pathlib import Path

import pytest

from portal.content import navigation
from portal.content.corpus import load
from portal.content.datafiles import ROOT

PAGES = {base: f"docs/{base}.sv.md" for base in
         ("index", "definition", "samverkan/index", "samverkan/fore", "samverkan/under", "samverkan/efter",
          "samverkan/kedjan", "typfall/resan")}
IDS = {"start", "definition", "samverkan", "fore", "under", "efter", "kedjan", "resan"}
GOOD = """\
order:
  - index
  - samverkan:
      - index
      - fore
      - under
      - efter
      - kedjan
  - typfall:
      - resan
  - definition
steps:
  samverkan: [fore, under, efter]
start_here:
  topics:
    child-marriage: [resan, fore]
  audiences:
    police: [kedjan]
"""


def read(tmp_path: Path, text: str, pages: dict[str, str] = PAGES) -> tuple[navigation.Navigation, list[str]]:
    path = tmp_path / "data" / "navigation.yml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    order, findings = navigation.read(path, pages, IDS)
    return order, [f.format() for f in findings]


def test_a_complete_order_gives_positions_steps_and_start_here(tmp_path: Path) -> None:
    order, problems = read(tmp_path, GOOD)
    assert problems == []
    ranked = sorted(PAGES, key=order.sort_key)
    assert ranked == ["index", "samverkan/index", "samverkan/fore", "samverkan/under", "samverkan/efter",
                      "samverkan/kedjan", "typfall/resan", "definition"]
    assert order.position("samverkan/") < order.position("typfall/") < order.position("definition")
    assert order.steps_of("samverkan/under") == ("samverkan/fore", "samverkan/under", "samverkan/efter")
    assert order.steps_of("typfall/resan") == ()
    assert order.start_here_for("topics", "child-marriage") == ("resan", "fore")
    assert order.start_here_for("audiences", "school") == ()


def test_a_missing_file_keeps_mkdocs_order(tmp_path: Path) -> None:
    order, findings = navigation.read(tmp_path / "none.yml", PAGES, IDS)
    assert findings == [] and order.position("index") is None and order.sort_key("x") == (1, 0)


@pytest.mark.parametrize("change, expected", [
    # a page left out: named by its own file, with what to add where
    ("  - definition\n", "docs/definition.sv.md: is not in the navigation order ("),
    ("      - kedjan\n", "docs/samverkan/kedjan.sv.md: is not in the navigation order"),
])
def test_a_page_missing_from_the_order_is_named(tmp_path: Path, change: str, expected: str) -> None:
    _, problems = read(tmp_path, GOOD.replace(change, ""))
    assert len(problems) == 1 and problems[0].startswith(expected)
    assert "add '- " in problems[0] and "navigation.yml" in problems[0]


@pytest.mark.parametrize("change, line, message", [
    (("      - kedjan\n", "      - kedjan\n      - kedja\n"), 9, "'kedja' names no page: there is no docs/samverkan/kedja.sv.md"),
    (("  - definition\n", "  - definition\n  - definition\n"), 12, "'definition' is listed twice"),
    (("  - typfall:\n", "  - typfal:\n"), 9, "'typfal' names no folder"),
    (("      - resan\n", "      - resan.sv.md\n"), 10, "is not a file name as this list needs it"),
    (("      - resan\n", "      - typfall/resan\n"), 10, "is not a file name as this list needs it"),
    (("  - definition\n", "  - {definition: x, index: y}\n"), 11, "is neither a page name nor one folder"),
    (("  - typfall:\n      - resan\n", "  - typfall: resan\n"), 9, "must be a list of page names and folders"),
])
def test_a_wrong_entry_is_one_line_with_its_line_number(tmp_path: Path, change: tuple[str, str], line: int,
                                                         message: str) -> None:
    _, problems = read(tmp_path, GOOD.replace(*change))
    wrong = [p for p in problems if message in p]
    assert wrong, problems
    assert wrong[0].startswith(f"{tmp_path / 'data' / 'navigation.yml'}:{line}:"), wrong[0]
    assert " — " in wrong[0] and "\n" not in wrong[0]


@pytest.mark.parametrize("steps, message", [
    ("[fore, efter]", "not one after the other"),
    ("[under, fore, efter]", "not one after the other"),
    ("[fore, resan]", "'resan' is not a page of 'samverkan'"),
    ("[fore]", "at least two"),
])
def test_steps_must_be_consecutive_pages_of_their_folder(tmp_path: Path, steps: str, message: str) -> None:
    _, problems = read(tmp_path, GOOD.replace("samverkan: [fore, under, efter]", f"samverkan: {steps}"))
    assert len(problems) == 1 and message in problems[0] and ":13: steps.samverkan:" in problems[0], problems


def test_steps_of_an_unknown_folder(tmp_path: Path) -> None:
    _, problems = read(tmp_path, GOOD.replace("samverkan: [fore, under, efter]", "stod: [a, b]"))
    assert problems and "'stod' is not a folder in 'order'" in problems[0]


@pytest.mark.parametrize("change, message", [
    ("child-marriage: [resan, fore]", "'nope' is not the id of a page"),
    ("child-marriage: [resan, fore]", "is not one of the topics"),
    ("child-marriage: [resan, fore]", "at most 6"),
    ("child-marriage: [resan, fore]", "is listed twice"),
])
def test_start_here_names_known_terms_and_page_ids(tmp_path: Path, change: str, message: str) -> None:
    replacement = {"'nope' is not the id of a page": "child-marriage: [resan, nope]",
                   "is not one of the topics": "barnaktenskap: [resan]",
                   "at most 6": "child-marriage: [resan, fore, under, efter, kedjan, start, definition]",
                   "is listed twice": "child-marriage: [resan, resan]"}[message]
    _, problems = read(tmp_path, GOOD.replace(change, replacement))
    assert len(problems) == 1 and message in problems[0] and "start_here.topics." in problems[0], problems


def test_a_broken_file_is_one_line(tmp_path: Path) -> None:
    _, problems = read(tmp_path, "order:\n  - index\n - bad indent\n")
    assert len(problems) == 1 and "navigation.yml:3" in problems[0] and "not valid YAML" in problems[0]
    _, problems = read(tmp_path, "steps: {}\n")
    assert problems == [f"{tmp_path / 'data' / 'navigation.yml'}:1: order: is missing — start the file with "
                        "'order:' and the list of pages and folders"]
    _, problems = read(tmp_path, GOOD + "ordning: []\n")
    assert problems and "'ordning' is not a setting of this file" in problems[0]


def test_the_shipped_order_covers_every_shipped_page() -> None:
    corpus = load(ROOT / "docs", ROOT)
    pages = {d.base: d.path for d in corpus.docs if d.lang == "sv"}
    order, findings = navigation.read(navigation.path_beside(ROOT / "docs"), pages,
                                      {str(d.meta["id"]) for d in corpus.docs})
    assert [f.format() for f in findings] == []
    assert order.steps_of("samverkan/vid-hemkomst")


def test_print_button_pages_must_exist(tmp_path: Path) -> None:
    order, problems = read(tmp_path, GOOD + "print_button: [samverkan/kedjan]\n")
    assert problems == [] and order.has_print_button("samverkan/kedjan") and not order.has_print_button("index")
    _, problems = read(tmp_path, GOOD + "print_button: [samverkan/kedjan, samverkan/checklistor]\n")
    assert len(problems) == 1 and "'samverkan/checklistor' names no page" in problems[0]
    assert problems[0].startswith(f"{tmp_path / 'data' / 'navigation.yml'}:19: print_button[1]:"), problems[0]
