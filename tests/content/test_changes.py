"""`changes` in the front matter: the schema, the loader's rules and the model the templates read."""
from __future__ import annotations

import datetime
import json
import re

import pytest

from portal import cli
from portal.content import change_entry, changes, corpus, frontmatter, rules, schema_check
from portal.content.translation import revision

PAGE = """---
id: sidan
type: page
title: "Känna igen tecken"
description: "Vägledning om hur du känner igen tecken på hedersrelaterat våld och förtryck."
audiences: [school]
topics: [honour-oppression]
owner: nationellt-centrum
review:
  status: approved
  reviewed_by: Redaktionen
  last_reviewed: 2026-05-01
{changes}sources:
  - title: Ökat skydd
    issuer: Regeringen
    year: 2020
    reference: prop. 2019/20:131
---

Inledning.

## Vem vägledningen är för

Dig.

## Gör så här

Lyssna.
"""


def page(changes_yaml: str, path: str = "docs/x/sidan.sv.md") -> frontmatter.Document:
    doc, found = frontmatter.parse(PAGE.format(changes=changes_yaml), path, path.removeprefix("docs/"))
    assert doc is not None, found
    return doc


def lines(doc: frontmatter.Document) -> list[str]:
    """Every finding of the loader (schema, plain text, rules), formatted."""
    found = schema_check.check(doc) + corpus.plain_text_findings(doc) + rules.check_document(doc)
    return [f.format() for f in found]


def entry(date: str = "2026-01-02", kind: str = "major", note: str = "Sidan publicerades.", extra: str = "") -> str:
    return f"  - date: {date}\n    kind: {kind}\n    note: {json.dumps(note, ensure_ascii=False)}\n{extra}"


def test_a_valid_history_passes() -> None:
    doc = page("changes:\n" + entry("2026-03-01", "minor", "Rättade ett stavfel.", '    revision: "0123456789ab"\n')
               + entry("2026-01-02"))
    assert lines(doc) == []
    assert [c.kind for c in changes.history(doc.meta)] == ["minor", "major"]
    assert changes.first_published(doc.meta) == datetime.date(2026, 1, 2)
    assert changes.last_updated(doc.meta) == datetime.date(2026, 1, 2)   # a minor change is not an update


@pytest.mark.parametrize("changes_yaml, expected", [
    ("changes: 2026-01-01\n", "changes: must be a list (- item), not str"),
    ("changes: []\n", "changes: needs at least 1 item(s)"),
    ("changes:\n  - 2026-01-01\n", "changes[0]: must be a set of fields, not str"),
    ("changes:\n  - date: 2026-01-01\n    kind: major\n", "changes[0].note: required field is missing"),
    ("changes:\n" + entry(kind="huge"), "changes[0].kind: 'huge' is not allowed — use one of: major, minor"),
    ("changes:\n" + entry(kind="Major"), "did you mean 'major'?"),
    ("changes:\n" + entry(date="2026-02-30"), "changes[0].date: '2026-02-30' is not a date (YYYY-MM-DD)"),
    ("changes:\n" + entry(date="1899-12-31"), "changes[0].date: '1899-12-31' is outside the years 1900–2100"),
    ("changes:\n  - date: 20260101\n    kind: major\n    note: Publicerad\n", "changes[0].date: '20260101' is not a date"),
    ("changes:\n" + entry(date="2099-01-01"), "changes[0].date: 2099-01-01 is in the future — give the date"),
    ("changes:\n" + entry(note="x" * 301), "changes[0].note: is 301 characters, at most 300 allowed — shorten it"),
    ("changes:\n" + entry(note="ok"), "changes[0].note: is too short"),
    ("changes:\n" + entry(note="Se <script>alert(1)</script>"), "changes[0].note: contains markup ('<s'…)"),
    ("changes:\n" + entry(note="Se &lt;b&gt; här"), "changes[0].note: contains markup ('&lt;'…)"),
    ("changes:\n" + entry(note="Vänd\u202etext här"), "changes[0].note: contains the invisible direction control U+202E"),
    ("changes:\n" + entry(extra="    revision: 12345\n"), "changes[0].revision: 12345 was read as a number"),
    ("changes:\n" + entry(extra="    revision: ABCDEF123456\n"), "changes[0].revision: 'ABCDEF123456' is not a revision hash"),
    ("changes:\n" + entry(extra="    author: Eva\n"), "changes[0].author: unknown field"),
    ("changes:\n" + entry("2026-01-01") + entry("2026-02-01"),
     "changes[1].date: 2026-02-01 is newer than changes[0] (2026-01-01) — list the newest change first"),
    ("changes:\n" + entry() * 101, "changes: has 101 items, at most 100 allowed — remove the oldest entries"),
])
def test_a_bad_history_fails_with_one_clear_line(changes_yaml: str, expected: str) -> None:
    found = lines(page(changes_yaml))
    assert any(expected in line for line in found), found
    for line in found:
        assert line.startswith("docs/x/sidan.sv.md:") and "\n" not in line and " — " in line, line
        assert len(line) < 400, line   # a huge value is not repeated into the message


def test_a_thousand_entries_give_one_short_line_quickly() -> None:
    doc = page("changes:\n" + entry() * 1000)
    found = [line for line in lines(doc) if "changes" in line]
    assert found == ["docs/x/sidan.sv.md:13: changes: has 1000 items, at most 100 allowed "
                     "— remove the oldest entries (the list is newest first)"]


def test_the_line_named_is_the_entrys() -> None:
    doc = page("changes:\n" + entry("2026-01-02") + entry("2099-01-01"))
    found = [line for line in lines(doc) if "changes[1].date" in line]
    assert found and all(line.startswith("docs/x/sidan.sv.md:17:") for line in found), found


def test_history_ignores_what_the_schema_rejects() -> None:
    meta = {"changes": [{"date": "nope", "kind": "major", "note": "x"}, "text", {"date": "2026-01-01", "kind": "x"},
                        {"date": "2026-01-01", "kind": "major", "note": "Ok", "revision": 5}]}
    assert changes.history(meta) == [changes.Change(datetime.date(2026, 1, 1), "major", "Ok", None)]
    assert changes.history({"changes": "2026"}) == [] and changes.last_updated({}) is None


def test_text_changed_is_none_when_the_newest_entry_records_the_text() -> None:
    doc = page("")
    current = revision(doc.body)
    assert changes.text_changed(page("changes:\n" + entry(extra=f'    revision: "{current}"\n'))) is None


def test_text_changed_names_file_entry_and_command() -> None:
    found = changes.text_changed(page("changes:\n" + entry(extra='    revision: "0123456789ab"\n')))
    line = found.format()
    assert line.startswith("docs/x/sidan.sv.md:14: changes[0].revision: the text has changed since the newest "
                           "change entry (revision 0123456789ab, now ")
    assert "make changed PAGE=docs/x/sidan.sv.md KIND=minor NOTE=" in line


@pytest.mark.parametrize("changes_yaml, expected", [
    ("", "changes: approved page has no change history — add the first entry: make changed PAGE=docs/x/sidan.sv.md"),
    ("changes:\n" + entry(), "changes[0].revision: the newest change entry does not record which text it describes"),
])
def test_text_changed_without_history_or_revision(changes_yaml: str, expected: str) -> None:
    assert expected in changes.text_changed(page(changes_yaml)).format()


def test_drafts_are_not_held_to_their_history() -> None:
    doc = page("")
    doc.meta["review"] = {"status": "draft"}
    assert changes.text_changed(doc) is None


# ------------------------------------------------------------------ make changed (content/change_entry.py)

DAY = datetime.date(2026, 12, 4)


def written(text: str, path: str = "docs/x/sidan.sv.md") -> frontmatter.Document:
    doc, found = frontmatter.parse(text, path, path)
    assert doc is not None and lines(doc) == [], found or lines(doc)
    return doc


def test_add_writes_the_first_entry_with_the_text_revision() -> None:
    text = PAGE.format(changes="")
    doc = written(change_entry.add(text, "docs/x/sidan.sv.md", DAY, "major", "Sidan publicerades."))
    assert doc.meta["changes"] == [{"date": "2026-12-04", "kind": "major", "note": "Sidan publicerades.",
                                    "revision": revision(doc.body)}]
    assert changes.text_changed(doc) is None


def test_add_puts_the_new_entry_first_and_keeps_the_rest_as_written() -> None:
    text = PAGE.format(changes="changes:\n  # the first one\n" + entry("2026-01-02"))
    new = change_entry.add(text, "docs/x/sidan.sv.md", DAY, "minor", 'Rättade "citat" & sånt: ja # nej')
    assert "  # the first one\n" in new and new.count("\n") == text.count("\n") + 4
    assert [c.note for c in changes.history(written(new).meta)] == ['Rättade "citat" & sånt: ja # nej',
                                                                     "Sidan publicerades."]


@pytest.mark.parametrize("kind, note, expected", [
    ("big", "Ny text.", "KIND='big' is not a kind of change — use KIND=major"),
    ("major", "  \n ", "NOTE is empty — say in one sentence"),
    ("major", "Se <script>x</script>", "changes[0].note: contains markup"),
    ("major", "x" * 301, "changes[0].note: is 301 characters, at most 300 allowed"),
    ("minor", "Hej\x00då", "changes[0].note: contains the control character U+0000"),
])
def test_add_refuses_an_entry_the_loader_would_refuse(kind: str, note: str, expected: str) -> None:
    with pytest.raises(change_entry.ChangeEntryError, match=re.escape(expected)):
        change_entry.add(PAGE.format(changes=""), "docs/x/sidan.sv.md", DAY, kind, note)


def test_add_refuses_a_history_written_on_one_line() -> None:
    text = PAGE.format(changes='changes: [{date: 2026-01-02, kind: major, note: "Publicerad."}]\n')
    with pytest.raises(change_entry.ChangeEntryError, match="docs/x/sidan.sv.md:13: changes: is not a list with one"):
        change_entry.add(text, "docs/x/sidan.sv.md", DAY, "minor", "Ny text.")


def test_restamp_records_the_current_text_and_date_in_the_newest_entry() -> None:
    text = PAGE.format(changes="changes:\n" + entry("2026-01-02", extra='    revision: "0123456789ab"\n')
                       + entry("2025-01-02"))
    doc = written(change_entry.restamp(text, "docs/x/sidan.sv.md", DAY))
    assert changes.history(doc.meta)[0].date == DAY and changes.text_changed(doc) is None
    assert changes.history(doc.meta)[1].date == datetime.date(2025, 1, 2)
    without = PAGE.format(changes="changes:\n" + entry("2026-01-02"))
    assert changes.text_changed(written(change_entry.restamp(without, "docs/x/sidan.sv.md", DAY))) is None


def test_restamp_without_history_says_to_add_an_entry() -> None:
    with pytest.raises(change_entry.ChangeEntryError, match="no change entry yet — add one: give KIND=major"):
        change_entry.restamp(PAGE.format(changes=""), "docs/x/sidan.sv.md", DAY)


def test_make_changed_edits_the_file_and_reports_usage_errors(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("PORTAL_TODAY", "2026-12-04")
    page_file = tmp_path / "sidan.sv.md"
    page_file.write_text(PAGE.format(changes=""), encoding="utf-8")
    assert cli.main(["changed", str(page_file), "--kind", "major", "--note", "Ny rutin för anmälan."]) == 0
    assert "kind: major" in page_file.read_text(encoding="utf-8")
    assert cli.main(["changed", str(page_file), "--kind", "major"]) == 2
    assert cli.main(["changed", str(tmp_path / "nope.sv.md"), "--kind", "major", "--note", "x"]) == 2
    assert cli.main(["changed", str(page_file), "--kind", "x", "--note", "Ny."]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("give both KIND=major|minor and NOTE=")
    assert err[1].startswith("PAGE=") and "is not a page" in err[1]
    assert err[2].startswith("KIND='x' is not a kind of change")
