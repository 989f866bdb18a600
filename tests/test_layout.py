"""hooks/portal/ is grouped by the stage each module serves; the folders' imports go one way only.

content/ uses no other stage, build/ neither; no two folders import each other, directly or
through a third; nothing but the command line lives beside the folders. Imports are read with
`ast`, so a lazy import inside a function counts as much as one at the top of a file.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PORTAL = Path(__file__).resolve().parents[1] / "hooks" / "portal"
STAGES = ("content", "publish", "deliver", "build", "checks", "search")
ALLOWED = {
    "content": set(),
    "build": set(),
    "publish": {"content"},
    "deliver": {"content"},
    "search": {"content"},
    "checks": {"content", "publish"},
}
TOP_LEVEL = {"__init__.py", "__main__.py", "cli.py"}


def stage_imports(path: Path) -> set[str]:
    """The stages (other than its own) a module under hooks/portal/<stage>/ imports."""
    own = path.relative_to(PORTAL).parts[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 0:
                parts = (node.module or "").split(".")
                if parts[0] != "portal" or len(parts) < 2:
                    continue
                target = parts[1]
                names = [a.name for a in node.names] if len(parts) == 2 else []
            else:
                # level 1 is the module's own stage folder, level 2 the portal package
                if node.level == 1:
                    continue
                parts = (node.module or "").split(".")
                target = parts[0]
                names = [a.name for a in node.names] if not node.module else []
            found |= {t for t in ([target] if target else names) if t in STAGES}
            found |= {n for n in names if n in STAGES}
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "portal" and len(parts) > 1 and parts[1] in STAGES:
                    found.add(parts[1])
    return found - {own}


def graph() -> dict[str, set[str]]:
    uses: dict[str, set[str]] = {stage: set() for stage in STAGES}
    for stage in STAGES:
        for path in (PORTAL / stage).glob("*.py"):
            uses[stage] |= stage_imports(path)
    return uses


def test_only_the_command_line_sits_beside_the_stage_folders() -> None:
    loose = {p.name for p in PORTAL.glob("*.py")} - TOP_LEVEL
    assert not loose, f"modules outside a stage folder: {sorted(loose)}; move each into the folder of its stage"
    assert {p.name for p in PORTAL.iterdir() if p.is_dir() and p.name != "__pycache__"} == set(STAGES)


@pytest.mark.parametrize("stage", STAGES)
def test_each_stage_uses_only_the_stages_it_may(stage: str) -> None:
    extra = graph()[stage] - ALLOWED[stage]
    assert not extra, f"hooks/portal/{stage}/ imports {sorted(extra)}; it may use only {sorted(ALLOWED[stage]) or 'no other stage'}"


def test_no_two_stages_depend_on_each_other() -> None:
    uses = graph()

    def reaches(start: str, goal: str, seen: frozenset[str] = frozenset()) -> bool:
        return any(nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt})) for nxt in uses[start])

    cycles = sorted(stage for stage in STAGES if reaches(stage, stage))
    assert not cycles, f"stages in an import cycle: {cycles}"


@pytest.mark.parametrize("stage", STAGES)
def test_each_stage_says_what_it_does_and_what_it_uses(stage: str) -> None:
    doc = ast.get_docstring(ast.parse((PORTAL / stage / "__init__.py").read_text(encoding="utf-8")))
    assert doc, f"hooks/portal/{stage}/__init__.py needs a docstring: what the stage does, which stages it uses"
    assert "uses" in doc.lower(), f"hooks/portal/{stage}/__init__.py: say which other stages it uses"


def test_the_layout_test_sees_a_forbidden_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check itself fails on bad input: a content module importing publish/ is reported."""
    fake = tmp_path / "portal"
    (fake / "content").mkdir(parents=True)
    bad = fake / "content" / "bad.py"
    bad.write_text("from ..publish import catalogue\nfrom portal.deliver import csp\nfrom . import frontmatter\n")
    monkeypatch.setattr(__import__(__name__), "PORTAL", fake)
    assert stage_imports(bad) == {"publish", "deliver"}
