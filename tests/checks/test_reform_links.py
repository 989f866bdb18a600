"""The reform-links check (hooks/portal/checks/reform_links.py) on the findings that concern
data/reforms.yml and data/checks.yml, which the page fixtures in tests/fixtures/checks/reform-links/
cannot carry (there every finding must name a page)."""
from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest

from portal.checks import reform_links
from portal.content import corpus

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "checks" / "reform-links"
DAY = datetime.date(2026, 11, 23)


def project(tmp_path: Path, fixture: str = "good-reform-linked", reforms: str | None = None) -> Path:
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURES / fixture, docs)
    (tmp_path / "data").mkdir()
    shutil.move(docs / "reforms.yml", tmp_path / "data" / "reforms.yml")
    (docs / "checks.yml").unlink(missing_ok=True)
    if reforms is not None:
        (tmp_path / "data" / "reforms.yml").write_text(reforms, encoding="utf-8")
    return tmp_path


def run(root: Path, config: dict | None = None, today: datetime.date = DAY) -> list[str]:
    return [f.format() for f in reform_links.run(corpus.load(root / "docs", root), today, config or {}, root)]


def reform(**fields: str) -> str:
    base = {"id": "testreform", "title": '{sv: "Ett förslag", en: "A proposal"}', "status": "proposed",
            "status_verified": "false", "references": '["prop. 2030/31:7"]', "source": "[https://data.riksdagen.se/x]",
            "checked": "2026-11-01", "summary": '{sv: "Ett förslag.", en: "A proposal."}',
            "pages": "[typfall/a, typfall/c]"}
    base.update(fields)
    return "reforms:\n  - " + "\n    ".join(f"{k}: {v}" for k, v in base.items() if v) + "\n"


def test_the_good_fixture_passes_without_its_exception_only_for_the_excepted_page(tmp_path: Path) -> None:
    found = run(project(tmp_path))
    assert len(found) == 2 and all("docs/typfall/e.sv.md" in line and "SOU 2030:1" in line for line in found)


def test_listed_pages_must_exist_and_sfs_numbers_be_registered(tmp_path: Path) -> None:
    text = reform(pages="[typfall/a, typfall/c, typfall/saknas]", references='["prop. 2030/31:7", "SFS 2099:1"]',
                  summary='{sv: "Ändrar lagen (1999:9999).", en: "Amends the Act."}')
    found = run(project(tmp_path, reforms=text))
    assert any("data/reforms.yml:2: testreform.pages: 'typfall/saknas' is not a page under docs/" in f for f in found)
    assert any("SFS 2099:1 is not in the statute registry" in f for f in found)
    assert any("SFS 1999:9999 is not in the statute registry" in f for f in found)


def test_a_pending_reform_needs_a_page_that_lists_the_reforms(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "docs" / "lagstiftning" / "lagandringar.sv.md").unlink()
    assert any("no page lists the reforms — create docs/lagstiftning/lagandringar.sv.md" in f for f in run(root))


@pytest.mark.parametrize("fields,today,message", [
    ({"checked": "2026-01-01"}, DAY, "testreform.checked: reform-stale: status last checked 2026-01-01, more than six months ago"),
    ({"status_verified": "true", "proposed_in_force": "2026-07-01"}, DAY,
     "testreform.status: reform-stale: status proposed, but the date 2026-07-01 in the entry has passed"),
    ({"status": "passed", "status_verified": "true", "in_force": "2026-10-01"}, DAY,
     "reform-stale: status passed, but the date 2026-10-01 in the entry has passed"),
])
def test_a_status_that_may_be_stale_is_a_warning(tmp_path: Path, fields: dict, today: datetime.date, message: str) -> None:
    findings = reform_links.run(corpus.load(project(tmp_path, reforms=reform(**fields)) / "docs", tmp_path), today, {},
                                tmp_path)
    assert any(message in f.format() and f.severity == "warning" for f in findings), [f.format() for f in findings]


def test_an_unverified_proposal_past_its_proposed_date_is_not_warned_twice(tmp_path: Path) -> None:
    found = run(project(tmp_path, reforms=reform(proposed_in_force="2026-07-01")))
    assert not any("reform-stale" in f for f in found)


def test_exceptions_need_a_page_and_a_reason(tmp_path: Path) -> None:
    config = {"reform-links": {"exceptions": [{"page": "typfall/e", "reference": "SOU 2030:1"},
                                              {"page": "typfall/finns-inte", "reference": "SOU 2030:1", "reason": "x"}]}}
    found = run(project(tmp_path), config)
    assert any("data/checks.yml: reform-links.exceptions[1]: exception typfall/e / SOU 2030:1 gives no reason" in f
               for f in found)
    assert any("reform-links.exceptions[2]: exception typfall/finns-inte / SOU 2030:1 names no page under docs/" in f
               for f in found)


@pytest.mark.parametrize("written,found", [
    ("prop. 2025/26:154", True), ("Prop. 2025/26:154", True), ("prop 2025/26:154", True), ("prop.  2025/26:154", True),
    ("prop. 2025/26:1540", False), ("prop. 2025/26:15", False), ("prop. 12025/26:154", False),
])
def test_a_reference_is_found_as_pages_write_it(written: str, found: bool) -> None:
    assert bool(reform_links.reference_pattern("prop. 2025/26:154").search(f"Se {written}.")) is found
