"""Crowded sections leave the sidebar so that no page's navigation grows with the site."""
from __future__ import annotations

from portal.build import nav_budget


def test_sections_over_the_limit_keep_only_their_start_page() -> None:
    uris = ["index.sv.md", "om.sv.md", "typfall/index.sv.md"] + [f"typfall/p{n}.sv.md" for n in range(31)] + \
           ["vagledning/index.sv.md"] + [f"vagledning/p{n}.sv.md" for n in range(30)]
    crowded = nav_budget.crowded_sections(uris, limit=30)
    assert crowded == {"typfall"}
    assert nav_budget.leaves_navigation("typfall/p1.sv.md", crowded)
    assert not nav_budget.leaves_navigation("typfall/index.sv.md", crowded)
    assert not nav_budget.leaves_navigation("vagledning/p1.sv.md", crowded)
    assert not nav_budget.leaves_navigation("om.sv.md", crowded)


def test_nested_folders_count_for_their_top_level_section() -> None:
    uris = [f"lagstiftning/eu/p{n}.sv.md" for n in range(3)] + ["lagstiftning/eu/index.sv.md"]
    assert nav_budget.crowded_sections(uris, limit=2) == {"lagstiftning"}
    assert nav_budget.section_of("lagstiftning/eu/p1.sv.md") == "lagstiftning"
