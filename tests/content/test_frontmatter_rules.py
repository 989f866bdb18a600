"""Every front-matter rule: a bad fixture fails with its one-line message, good fixtures pass.

Each bad fixture names the rule it breaks and carries the expected message in an
`<!-- expect: … -->` line, so the fixture documents the rule.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from portal.content import rules, frontmatter, schema_check
from portal.content.findings import Finding

FIXTURES = Path(__file__).parents[1] / "fixtures" / "frontmatter"
EXPECT = re.compile(r"<!-- expect: (.+?) -->")


def findings_for(path: Path) -> list[Finding]:
    rel = f"fixtures/frontmatter/{path.parent.name}/{path.name}"
    doc, found = frontmatter.read(str(path), rel, path.name)
    if doc is not None:
        found = schema_check.check(doc) + rules.check_document(doc)
    return found


@pytest.mark.parametrize("path", sorted((FIXTURES / "bad").iterdir()), ids=lambda p: p.name)
def test_bad_fixture_fails_with_its_message(path: Path) -> None:
    expected = EXPECT.search(path.read_bytes().decode("utf-8", errors="replace")).group(1)
    lines = [f.format() for f in findings_for(path)]
    assert any(expected in line for line in lines), f"expected '{expected}' in {lines}"
    for line in lines:
        assert line.startswith(f"fixtures/frontmatter/bad/{path.name}"), line
        assert "\n" not in line
        assert " — " in line, f"finding has no fix: {line}"


@pytest.mark.parametrize("path", sorted((FIXTURES / "good").iterdir()), ids=lambda p: p.name)
def test_good_fixture_passes(path: Path) -> None:
    assert [f.format() for f in findings_for(path)] == []


def test_finding_names_file_line_and_field() -> None:
    lines = [f.format() for f in findings_for(FIXTURES / "bad" / "invalid-date.sv.md")]
    assert lines == ["fixtures/frontmatter/bad/invalid-date.sv.md:14: review.next_review: '2025-13-01' is not a date "
                     "(YYYY-MM-DD) — write the date as YYYY-MM-DD, e.g. 2026-05-01"]


def test_all_problems_of_a_page_are_reported_at_once() -> None:
    meta = {"id": "Bad Id", "type": "guide", "title": "X", "audiences": "school"}
    fields = {f.field for f in schema_check.check_meta(meta)}
    assert {"id", "type", "title", "audiences", "description", "topics", "owner", "review", "sources"} <= fields
