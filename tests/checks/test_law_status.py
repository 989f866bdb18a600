"""The law-status check (hooks/portal/checks/law_status.py) against registries made for the test: the
dates decide, not the shipped data. The rules' fixtures are in tests/fixtures/checks/law-status/ and run
in test_checks.py."""
from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from portal.checks import law_status, statutes
from portal.content import corpus

DAY = datetime.date(2026, 11, 23)
FRONT = """---
id: fixture
type: page
title: "Lagstiftning"
description: "En testsida för kontrollerna."
audiences: [social-services]
topics: [child-marriage]
owner: nationellt-centrum
review:
  status: {status}
  reviewed_by: Testredaktionen
  last_reviewed: 2026-11-01
sources:
  - title: Ökat skydd mot hedersrelaterad brottslighet
    issuer: Regeringen
    year: 2020
    reference: prop. 2019/20:131
---

"""


def registry(**repeals: tuple[str, str | None]) -> dict[str, statutes.Statute]:
    """Two statutes, the old one repealed as given: {'old': (date, replaced_by)}."""
    repealed, replaced_by = repeals.get("old", (None, None))
    return {
        "SFS 1990:1": statutes.Statute("SFS 1990:1", "Skyddslag (1990:1)", "Protection Act (1990:1)", "https://lagen.nu/1990:1",
                                       in_force=datetime.date(1990, 7, 1),
                                       repealed=datetime.date.fromisoformat(repealed) if repealed else None,
                                       replaced_by=replaced_by),
        "SFS 2020:2": statutes.Statute("SFS 2020:2", "Trygghetslag (2020:2)", "Safety Act (2020:2)", "https://lagen.nu/2020:2",
                                       in_force=datetime.date(2020, 1, 1)),
        "SFS 2019:3": statutes.Statute("SFS 2019:3", "Lag (2019:3) om ändring i skyddslagen (1990:1)",
                                       "Act (2019:3) amending the Protection Act", "https://lagen.nu/1990:1", amends="SFS 1990:1",
                                       in_force=datetime.date(2019, 7, 1)),
    }


def findings(tmp_path: Path, body: str, reg: dict[str, statutes.Statute], status: str = "approved") -> list[str]:
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "sida.sv.md").write_text(FRONT.format(status=status) + body, encoding="utf-8")
    doc = corpus.load(docs, tmp_path).docs[0]
    return [f.format() for f in law_status.check_document(doc, law_status.law_on(DAY, reg))]


def test_a_repeal_dated_later_has_not_happened(tmp_path: Path) -> None:
    body = "Regeln står i skyddslagen (1990:1).\n"
    assert findings(tmp_path, body, registry(old=("2027-01-01", "SFS 2020:2"))) == []
    assert findings(tmp_path, body, registry(old=("2026-11-23", "SFS 2020:2")))   # repealed today


def test_a_repealed_statute_without_replacement_is_named_as_such(tmp_path: Path) -> None:
    [line] = findings(tmp_path, "Regeln står i skyddslagen (1990:1).\n", registry(old=("2000-01-01", None)))
    assert "cites Skyddslag (SFS 1990:1) as if it still applied; it was repealed 2000-01-01 —" in line
    assert "replaced by" not in line and "the law that applies now" in line


def test_an_amendment_of_a_repealed_statute_is_history_too(tmp_path: Path) -> None:
    [line] = findings(tmp_path, "Enligt lag (2019:3) gäller regeln.\n", registry(old=("2021-01-01", "SFS 2020:2")))
    assert "which amends Skyddslag (SFS 1990:1)" in line and "replaced by Trygghetslag (SFS 2020:2)" in line


def test_one_finding_per_sentence_with_the_line_it_starts_on(tmp_path: Path) -> None:
    body = ("Första meningen nämner inget.\nRegeln står i\nskyddslagen (1990:1) och i skyddslagen (1990:1).\n\n"
            "Tidigare stod den i skyddslagen (1990:1).\n")
    found = findings(tmp_path, body, registry(old=("2021-01-01", "SFS 2020:2")))
    assert len(found) == 1 and found[0].startswith("docs/sida.sv.md:21: body: repealed-cited-as-current")


def test_drafts_get_warnings_and_proposals_are_errors_everywhere(tmp_path: Path) -> None:
    reg = registry(old=("2021-01-01", "SFS 2020:2"))
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "sida.sv.md").write_text(FRONT.format(status="draft") + "Regeln står i skyddslagen (1990:1). "
                                     "Regeringen har föreslagit trygghetslagen (2020:2).\n", encoding="utf-8")
    doc = corpus.load(docs, tmp_path).docs[0]
    severities = {f.message.split(":")[0]: f.severity for f in law_status.check_document(doc, law_status.law_on(DAY, reg))}
    assert severities == {"repealed-cited-as-current": "warning", "enacted-called-proposal": "error"}


@pytest.mark.parametrize("written", ["offentlighets- och sekretesslagen", "Offentlighets och sekretesslagen",
                                     "offentlighets-  och sekretesslagens", "Public Access to Information and Secrecy Act"])
def test_a_longer_name_is_not_read_as_the_repealed_one_inside_it(written: str) -> None:
    reg, _ = statutes.load_registry()
    law = law_status.law_on(DAY, reg)
    [mention] = law_status.mentions(f"Uppgifterna skyddas av {written} i dag.", law)
    assert mention.references == {"SFS 2009:400"}


def test_a_name_two_statutes_share_means_both_and_is_current_while_one_applies() -> None:
    reg, _ = statutes.load_registry()
    law = law_status.law_on(DAY, reg)
    [mention] = law_status.mentions("Anmälan görs enligt socialtjänstlagen.", law)
    assert mention.references == {"SFS 2001:453", "SFS 2025:400"}
    assert not all(law.lapsed(ref) for ref in mention.references)


@pytest.mark.parametrize("sentence", [
    "Riksdagen har inte beslutat förslaget om lag (2024:79).",
    "The proposal for Act (2024:79) has not been passed.",
    "Förslaget om lag (2024:79) blev aldrig lag.",
])
def test_a_negated_enactment_word_does_not_excuse_a_proposal(sentence: str) -> None:
    reg, _ = statutes.load_registry()
    law = law_status.law_on(DAY, reg)
    assert not law_status._enactment_said(sentence)


def test_shipped_registry_dates_mean_what_the_brief_says() -> None:
    reg, problems = statutes.load_registry()
    assert [p.format() for p in problems if p.severity == "error"] == []
    old, new = reg["SFS 2001:453"], reg["SFS 2025:400"]
    assert (old.repealed, old.replaced_by, new.in_force) == (datetime.date(2025, 7, 1), "SFS 2025:400", datetime.date(2025, 7, 1))
    assert reg["SFS 1980:100"].replaced_by == "SFS 2009:400" and reg["SFS 2009:400"].in_force == datetime.date(2009, 6, 30)
    assert all(s.in_force or s.note for s in reg.values())


def test_the_registry_read_while_serving_is_read_again_when_it_changes_and_callers_cannot_spoil_it(
        tmp_path: Path) -> None:
    """`make serve` parses data/statutes.yml once for the three checks of a save: an edit of the file is
    read, and a check that adds its findings to the list it got does not add them to the next caller's."""
    from portal.content import remember
    registry = tmp_path / "statutes.yml"
    entry = ("statutes:\n  - reference: SFS 1982:316\n    sv: Lag med förbud mot könsstympning av kvinnor\n"
             "    en: Act prohibiting female genital mutilation\n"
             "    url: https://www.riksdagen.se/sv/dokument-och-lagar/dokument/svensk-forfattningssamling/x\n"
             "    in_force: 1982-07-01\n")
    registry.write_text(entry, encoding="utf-8")
    remember.keep_results(True)
    try:
        reg, problems = statutes.load_registry(registry, "statutes.yml")
        reg.clear()
        problems.append("spoilt")
        again, problems_again = statutes.load_registry(registry, "statutes.yml")
        assert list(again) == ["SFS 1982:316"] and "spoilt" not in problems_again
        registry.write_text(entry.replace("1982-07-01", "1982-07-02"), encoding="utf-8")
        assert statutes.load_registry(registry, "statutes.yml")[0]["SFS 1982:316"].in_force == \
            datetime.date(1982, 7, 2)
    finally:
        remember.keep_results(False)
